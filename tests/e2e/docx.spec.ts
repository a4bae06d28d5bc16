// The Word file as LibreOffice (Debian's libreoffice-writer-nogui, installed by
// ensure-browser.mjs) opens it: converted to PDF and read back with pdftotext. soffice
// takes seconds to start, so the seed and a blank form go through one conversion.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { docxTitle, renderDocx } from '../../src/export/docx';
import {
  type Report,
  OTHER_MATTERS_DEFAULT_ITEMS,
  PROACTIVE_BLOCK_FIRST_HEADER,
  PROACTIVE_BLOCKS,
  REQUESTS_APPLICANTS,
  REQUESTS_COLUMNS,
  REQUESTS_CORNER,
  REQUESTS_ROWS,
  REVIEWS_COLUMNS,
  REVIEWS_GROUPS,
  SECTIONS,
  allValues,
  cellDecl,
  cellPath,
  emptyReport,
  formatCell,
  sectionTitle,
} from '../../src/report';
import { seed, seedWithFigures } from '../helpers/reports';

/** Every cell's text in reading order: tables 二, 三, 四 row by row, left to right. */
function figuresInReadingOrder(report: Report): string[] {
  const values = allValues(report.cells);
  const paths = [
    ...PROACTIVE_BLOCKS.flatMap((b) =>
      b.rows.flatMap((r) => b.columns.map((c) => cellPath('proactive', r.keys, c.key))),
    ),
    ...REQUESTS_ROWS.flatMap((r) => REQUESTS_COLUMNS.map((c) => cellPath('requests', r.keys, c.key))),
    ...REVIEWS_GROUPS.flatMap((g) => REVIEWS_COLUMNS.map((c) => cellPath('reviews', g.keys, c.key))),
  ];
  return paths.map((p) => formatCell(values.get(p) ?? null, cellDecl(p).unit));
}

/** Figures standing alone between spaces (not the 1 of 「1.属于国家秘密」) in the tables' part of a -layout text. */
function tableFigures(layoutText: string): string[] {
  const start = layoutText.indexOf('二、主动公开政府信息情况');
  const end = layoutText.indexOf('五、存在的主要问题');
  return (
    layoutText
      .slice(start, end < 0 ? undefined : end)
      .replace(/— ?\d+ ?—/g, '')
      .match(/(?<=\s|^)\d+(?:\.\d+)?(?=\s|$)/gm) ?? []
  );
}

/**
 * A label in the text read back: whole, or, where a narrow merged cell of row labels sits
 * beside other cells on the same lines (pdftotext then interleaves them), its characters in
 * order within a short stretch.
 */
function readsBack(flat: string, label: string): boolean {
  if (flat.includes(label)) return true;
  const chars = [...label];
  for (let start = flat.indexOf(chars[0]!); start >= 0; start = flat.indexOf(chars[0]!, start + 1)) {
    let at = start;
    let ok = true;
    for (const ch of chars.slice(1)) {
      at = flat.indexOf(ch, at + 1);
      if (at < 0 || at - start > label.length * 8) {
        ok = false;
        break;
      }
    }
    if (ok) return true;
  }
  return false;
}

/** pdftotext breaks lines and pads columns with spaces; labels are compared without any. */
const squash = (s: string) => s.replace(/[\s\u3000]+/g, '');

/** Every label of tables 二/三/四 (a long label may wrap inside its cell: compared squashed, piece by piece). */
function tableLabels(): string[] {
  return [
    PROACTIVE_BLOCK_FIRST_HEADER,
    ...PROACTIVE_BLOCKS.flatMap((b) => [b.header, ...b.columns.map((c) => c.label), ...b.rows.map((r) => r.label)]),
    REQUESTS_APPLICANTS,
    REQUESTS_CORNER,
    ...REQUESTS_COLUMNS.flatMap((c) => [c.label, c.group ?? '']),
    ...REQUESTS_ROWS.flatMap((r) => [r.label, ...r.groups]),
    ...REVIEWS_COLUMNS.map((c) => c.label),
    ...REVIEWS_GROUPS.flatMap((g) => [g.label, ...g.groups]),
  ].filter((l) => l !== '');
}

test('LibreOffice opens the Word file of the seed and of a blank form, every label and value in place', async () => {
  test.setTimeout(180_000);
  const dir = test.info().outputPath();
  const report = seed();
  const blank = emptyReport('', 2024);
  writeFileSync(resolve(dir, 'seed.docx'), await renderDocx(report));
  writeFileSync(resolve(dir, 'blank.docx'), await renderDocx(blank, { blank: true }));
  const figures = seedWithFigures();
  writeFileSync(resolve(dir, 'figures.docx'), await renderDocx(figures));
  execFileSync(
    'soffice',
    [
      // Its own profile: another soffice running on the machine would otherwise take the job.
      `-env:UserInstallation=file://${resolve(dir, 'profile')}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      resolve(dir, 'seed.docx'),
      resolve(dir, 'blank.docx'),
      resolve(dir, 'figures.docx'),
    ],
    { stdio: 'pipe', timeout: 150_000 },
  );
  // -layout keeps each printed line whole (the title's lines); the reading order keeps a cell's
  // wrapped lines together (the labels).
  const text = (name: string, layout: boolean) =>
    execFileSync('pdftotext', [...(layout ? ['-layout'] : []), resolve(dir, `${name}.pdf`), '-'], {
      encoding: 'utf8',
    });

  const seedText = text('seed', true);
  const flat = squash(text('seed', false));
  // The title, in the lines chosen for it, each line whole on one printed line.
  const title = docxTitle(report);
  const lines = seedText.split('\n').map(squash);
  for (const t of title) expect(lines).toContain(t);
  for (const s of SECTIONS) expect(flat).toContain(squash(sectionTitle(s)));
  for (const label of tableLabels()) expect(readsBack(flat, squash(label)), label).toBe(true);
  for (const part of report.overview) {
    for (const p of part.body.split(/\n+/)) expect(flat).toContain(squash(p).slice(0, 40));
  }
  expect(flat).toContain(squash(report.problems).slice(0, 40));
  // Every value of the seed, each in its place.
  expect(tableFigures(seedText)).toEqual(figuresInReadingOrder(report));
  // Page numbers 「— n —」.
  expect(seedText).toMatch(/— ?1 ?—/);
  expect(seedText).toMatch(/— ?2 ?—/);
  // 六's usual items are not printed when the clerk did not write them.
  for (const item of OTHER_MATTERS_DEFAULT_ITEMS) expect(flat).not.toContain(item);

  const blankText = text('blank', true);
  const blankFlat = squash(text('blank', false));
  expect(blankFlat).toContain('空白表');
  for (const label of tableLabels()) expect(readsBack(blankFlat, squash(label)), label).toBe(true);
  expect(blankFlat).not.toContain(squash(sectionTitle(SECTIONS[0]!)));
  expect(tableFigures(blankText)).toEqual([]);

  // Distinct figures: each value in its own cell, in reading order; a report with errors is marked 草稿.
  const figuresText = text('figures', true);
  expect(tableFigures(figuresText)).toEqual(figuresInReadingOrder(figures));
  expect(squash(figuresText)).toMatch(/^草稿：本报告还有\d+处错误未改正/);
  expect(flat).not.toContain('草稿');

  if (process.env.DOCX_PNG) {
    for (const name of ['seed', 'blank', 'figures']) {
      execFileSync('pdftoppm', ['-png', '-r', '60', resolve(dir, `${name}.pdf`), resolve(process.env.DOCX_PNG, name)]);
    }
  }
});
