// The printed report as Chromium prints it: the seed report to an A4 PDF, read back with
// pdftotext (every label, value, heading and the title must be there) and rendered to PNGs
// in test-results/print/ for a person to look at.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { renderPrintableHtml, renderSubmissionNotesHtml } from '../../src/export/printHtml';
import {
  type Report,
  INPUT_CELLS,
  PROACTIVE_BLOCK_FIRST_HEADER,
  PROACTIVE_BLOCKS,
  REQUESTS_APPLICANTS,
  REQUESTS_COLUMNS,
  REQUESTS_CORNER,
  REQUESTS_ORGANISATIONS,
  REQUESTS_ROWS,
  REVIEWS_COLUMNS,
  REVIEWS_GROUPS,
  REVIEWS_LITIGATION,
  SECTIONS,
  allValues,
  cellDecl,
  OTHER_MATTERS_DEFAULT_ITEMS,
  cellPath,
  emptyReport,
  formatCell,
  sectionTitle,
} from '../../src/report';
import { titleLines } from '../../src/report/title';
import { seed } from '../helpers/reports';

const outDir = resolve('test-results/print');

/** Prints the HTML to an A4 PDF, saves it and its pages as PNGs, returns the text and page count. */
async function print(
  page: Page,
  html: string,
  name: string,
  /** The paper's height: A4's 297 mm, or a short page that makes table 三 run over. */
  heightMm = 297,
): Promise<{ raw: string; pages: number; pageTexts: string[]; layout: string[]; pdfPath: string }> {
  mkdirSync(outDir, { recursive: true });
  await page.setContent(html, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready);
  const pdfPath = `${outDir}/${name}.pdf`;
  writeFileSync(pdfPath, await page.pdf({ format: 'A4', preferCSSPageSize: true }));
  execFileSync('pdftoppm', ['-png', '-r', '60', pdfPath, `${outDir}/${name}`]);
  const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
  const pageSize = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
  // A4 is 595.28 × 841.89 pt.
  expect(Math.round(Number(pageSize[1]))).toBe(595);
  expect(Math.round(Number(pageSize[2]))).toBe(Math.round((heightMm / 25.4) * 72));
  const raw = execFileSync('pdftotext', ['-raw', pdfPath, '-'], { encoding: 'utf8' });
  const layout = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  return {
    raw,
    pages: Number(/Pages:\s+(\d+)/.exec(info)![1]),
    // pdftotext ends each page with a form feed.
    pageTexts: raw.split('\f').slice(0, -1),
    layout: layout.split('\f').slice(0, -1),
    pdfPath,
  };
}

/** Text with all white space gone: a label wrapped inside its cell reads whole again. */
const squeeze = (s: string) => s.replace(/\s+/g, '');
/** Same, but numbers in neighbouring cells stay apart: "规章1 2 3". */
const compact = (s: string) =>
  s
    .split(/\s+/)
    .filter(Boolean)
    .reduce((acc, t) => (acc && /\d$/.test(acc) && /^\d/.test(t) ? `${acc} ${t}` : acc + t), '');

/** Text lines of page 1 with their horizontal extent in pt, from pdftotext -bbox-layout. */
function linesOfFirstPage(pdfPath: string): { text: string; xMin: number; xMax: number }[] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', '-f', '1', '-l', '1', pdfPath, '-'], { encoding: 'utf8' });
  return [...xml.matchAll(/<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([\s\S]*?)<\/line>/g)].map((m) => ({
    xMin: Number(m[1]),
    xMax: Number(m[2]),
    text: [...m[3]!.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => w[1]).join(''),
  }));
}

/** The pages (0-based) that carry table 三 (its header repeats on each) and how many of its rows the first holds. */
function table3(pageTexts: string[]): { pages: number[]; rowsOnFirst: number; rowsPerPage: number[] } {
  const corner = squeeze(REQUESTS_CORNER);
  const pages = pageTexts.flatMap((t, i) => (squeeze(t).includes(corner) ? [i] : []));
  const rowsPerPage = pages.map((i) => {
    const t = squeeze(pageTexts[i]!);
    return REQUESTS_ROWS.filter((r) => t.includes(squeeze(r.label))).length;
  });
  return { pages, rowsOnFirst: rowsPerPage[0] ?? 0, rowsPerPage };
}

const allLabels = (): string[] => [
  ...SECTIONS.map(sectionTitle),
  ...PROACTIVE_BLOCKS.flatMap((b) => [
    b.header,
    PROACTIVE_BLOCK_FIRST_HEADER,
    ...b.columns.map((c) => c.label),
    ...b.rows.map((r) => r.label),
  ]),
  REQUESTS_CORNER,
  REQUESTS_APPLICANTS,
  REQUESTS_ORGANISATIONS,
  ...REQUESTS_COLUMNS.map((c) => c.label),
  ...REQUESTS_ROWS.flatMap((r) => [...r.groups, r.label]),
  REVIEWS_LITIGATION,
  ...REVIEWS_GROUPS.map((g) => g.label),
  ...REVIEWS_COLUMNS.map((c) => c.label),
];

test('the seed report prints on A4 with its title, every heading, label, paragraph and page number', async ({
  page,
}) => {
  const report = seed();
  const { raw, pages, pageTexts, pdfPath } = await print(page, renderPrintableHtml(report), 'seed');
  const text = squeeze(raw);
  expect(text).toContain('老店镇2023年政府信息公开工作年度报告');
  for (const label of allLabels()) expect(text, label).toContain(squeeze(label));
  // A paragraph may run over a page break, where the page number sits in the text.
  const flowing = text.replace(/—\d+—/g, '');
  for (const part of report.overview) {
    if (part.heading) expect(flowing).toContain(squeeze(part.heading));
    for (const para of part.body.split(/\n\s*\n/)) expect(flowing).toContain(squeeze(para));
  }
  for (const para of [...report.problems.split(/\n\s*\n/), report.otherMatters])
    expect(flowing).toContain(squeeze(para));
  // Every value cell printed: the seed's 200 zeros are there as 0s in the tables.
  const zeros = (compact(raw).match(/(?<![\d.])0(?![\d.])/g) ?? []).length;
  expect(zeros).toBeGreaterThanOrEqual(200);
  // 「— n —」 on every page.
  expect(pages).toBeGreaterThanOrEqual(5);
  for (let n = 1; n <= pages; n++) expect(text).toContain(`—${n}—`);
  // Table 三 is whole on one page, never a stub of rows at a page's foot.
  const t3 = table3(pageTexts);
  expect(t3.pages).toHaveLength(1);
  expect(t3.rowsOnFirst).toBe(REQUESTS_ROWS.length);
  expect(text).not.toContain('草稿');
  // GB/T 9704 §7.5, as in the Word file: odd page numbers one character (14 pt) in from the
  // text block's right edge, even ones from its left edge (margins 28 mm left, 26 mm right).
  const mm = 72 / 25.4;
  for (const n of [1, 2, 3]) {
    const num = pageNumberBox(pdfPath, n);
    if (n % 2) expect(Math.abs(595.28 - 26 * mm - 14 - num.xMax), `page ${n}`).toBeLessThan(3);
    else expect(Math.abs(28 * mm + 14 - num.xMin), `page ${n}`).toBeLessThan(3);
  }
});

/** Where 「— n —」 sits on page n, in pt: the line of the page's last words. */
function pageNumberBox(pdfPath: string, n: number): { xMin: number; xMax: number } {
  const xml = execFileSync('pdftotext', ['-bbox', '-f', String(n), '-l', String(n), pdfPath, '-'], {
    encoding: 'utf8',
  });
  const words = [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map(
    (m) => ({ xMin: Number(m[1]), y: Number(m[2]), xMax: Number(m[3]), text: m[4]! }),
  );
  const num = words.filter((w) => w.text === String(n)).sort((a, b) => b.y - a.y)[0]!;
  const line = words.filter((w) => Math.abs(w.y - num.y) < 1);
  expect(line.map((w) => w.text).join('')).toBe(`—${n}—`);
  return { xMin: Math.min(...line.map((w) => w.xMin)), xMax: Math.max(...line.map((w) => w.xMax)) };
}

test('every figure prints in its row, in column order', async ({ page }) => {
  const report = seed();
  INPUT_CELLS.forEach((c, i) => {
    report.cells[c.path] = c.unit === 'fen' ? 1_234_500 : 101 + i;
  });
  const values = allValues(report.cells);
  const v = (path: string) => formatCell(values.get(path) ?? null, cellDecl(path).unit);
  const { raw } = await print(page, renderPrintableHtml(report), 'figures');
  const text = compact(raw);
  for (const block of PROACTIVE_BLOCKS)
    for (const r of block.rows) {
      const row = r.label + block.columns.map((c) => v(cellPath('proactive', r.keys, c.key))).join(' ');
      expect(text, row).toContain(row);
    }
  for (const r of REQUESTS_ROWS) {
    const row = squeeze(r.label) + REQUESTS_COLUMNS.map((c) => v(cellPath('requests', r.keys, c.key))).join(' ');
    expect(text, row).toContain(row);
  }
  const reviews = REVIEWS_GROUPS.flatMap((g) => REVIEWS_COLUMNS.map((c) => v(cellPath('reviews', g.keys, c.key)))).join(
    ' ',
  );
  expect(text).toContain(reviews);
  expect(text).toContain('行政事业性收费1.2345');
  // These figures do not balance (E1), so the print is marked as a draft.
  expect(text).toContain('草稿');
});

test('tables fit the 156 mm text block, and the blank form prints empty tables', async ({ page }) => {
  // 156 mm at 96 dpi: the width Chromium lays the text block out in.
  await page.setViewportSize({ width: 590, height: 900 });
  await page.emulateMedia({ media: 'print' });
  await page.setContent(renderPrintableHtml(seed()));
  const widths = await page.$$eval('table', (ts) => ts.map((t) => Math.ceil(t.getBoundingClientRect().width)));
  expect(widths.length).toBe(3);
  for (const w of widths) expect(w).toBeLessThanOrEqual(590);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(590);

  const { raw, pageTexts } = await print(page, renderPrintableHtml(seed(), { blank: true }), 'blank');
  // The blank form's taller rows (room to write in) still keep table 三 on one page.
  expect(table3(pageTexts).pages).toHaveLength(1);
  const text = squeeze(raw);
  for (const label of allLabels().filter(
    (l) => !['一、总体情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'].includes(l),
  )) {
    expect(text, label).toContain(squeeze(label));
  }
  expect(text).not.toContain('一、总体情况');
  // No figure anywhere: the only numbers are in labels (「1.属于国家秘密」) and page numbers.
  expect(raw.split(/\s+/).filter((t) => /^\d+(\.\d+)?$/.test(t))).toEqual([]);
});

// Issue 11: where table 三 runs over a page, the continuation page repeats the header rows and
// names the groups of its first rows. On A4 it always fits one page, so a short page (200 mm)
// makes it run over here.
test('table 三 on a page too short for it: each continuation page has the header rows and its groups', async ({
  page,
}) => {
  for (const blank of [false, true]) {
    const name = blank ? 'short-page-blank' : 'short-page';
    const { pageTexts } = await print(page, renderPrintableHtml(seed(), { blank, pageHeightMm: 200 }), name, 200);
    const { pages, rowsPerPage } = table3(pageTexts);
    expect(pages.length, name).toBeGreaterThan(1);
    // Every row printed exactly once over its pages, and no stub: each page holds at least 8 rows.
    expect(
      rowsPerPage.reduce((a, b) => a + b, 0),
      name,
    ).toBe(REQUESTS_ROWS.length);
    // No stub: the first page holds at least 8 rows, and a short tail shares the rows of the page before it.
    expect(rowsPerPage[0], name).toBeGreaterThanOrEqual(8);
    for (const n of rowsPerPage) expect(n, name).toBeGreaterThanOrEqual(5);
    let seen = 0;
    for (const [k, p] of pages.entries()) {
      const text = squeeze(pageTexts[p]!);
      // The header rows repeat on each page.
      for (const h of [
        REQUESTS_CORNER,
        REQUESTS_APPLICANTS,
        REQUESTS_ORGANISATIONS,
        ...REQUESTS_COLUMNS.map((c) => c.label),
      ])
        expect(text, `${name} page ${p + 1}: ${h}`).toContain(squeeze(h));
      // The groups of the page's first row are named on it, above that row.
      const first = REQUESTS_ROWS[seen]!;
      const at = text.indexOf(squeeze(first.label));
      expect(at, `${name} page ${p + 1}: first row ${first.label}`).toBeGreaterThanOrEqual(0);
      for (const g of first.groups) {
        const gAt = text.indexOf(squeeze(g));
        expect(gAt, `${name} page ${p + 1}: group ${g}`).toBeGreaterThanOrEqual(0);
      }
      if (k > 0) expect(first.groups.length, `${name}: a continuation page starts inside a group`).toBeGreaterThan(0);
      seen += rowsPerPage[k]!;
    }
  }
});

const LONG_NAME = '新疆维吾尔自治区巴音郭楞蒙古自治州和静县人力资源和社会保障局';
const FILLER =
  '本年度，我单位坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《中华人民共和国政府信息公开条例》，围绕中心工作，加强政策解读，回应社会关切，推进决策、执行、管理、服务、结果公开，政务公开工作取得新成效。';

/** The seed under another name, with `extra` more paragraphs in 一, and 六 as a new report starts it plus one item written. */
function generated(agency: string, extra: number): Report {
  const r = seed();
  r.agency = agency;
  r.year = 2024;
  r.overview = r.overview.map((p, i) =>
    i === 1 ? { ...p, body: [p.body, ...Array.from({ length: extra }, () => FILLER)].join('\n\n') } : p,
  );
  r.otherMatters = emptyReport().otherMatters.replace(
    '一、收取信息处理费情况\n',
    '一、收取信息处理费情况\n本年度未收取政府信息公开信息处理费。\n',
  );
  return r;
}

const CASES: [string, string, number][] = [
  ['short', '老店镇人民政府', 0],
  ['short-long-text', '老店镇人民政府', 5],
  ['pingtan', '平潭综合实验区管理委员会', 2],
  ['long-name', LONG_NAME, 0],
  ['long-name-long-text', LONG_NAME, 9],
  ['long-name-longer-text', LONG_NAME, 14],
];

for (const [name, agency, extra] of CASES) {
  test(`${name}: title lines, table 三 with no stub, no 六 prompts, no 数据说明 in the report`, async ({ page }) => {
    const report = generated(agency, extra);
    const { raw, pageTexts, layout, pdfPath } = await print(page, renderPrintableHtml(report), `gen-${name}`);
    // The title's lines as the layout text shows them, at the top of page 1.
    const want = titleLines(agency, 2024);
    const top = layout[0]!.split('\n').map(squeeze).filter(Boolean).slice(0, want.length);
    expect(top).toEqual(want);
    if (agency !== '老店镇') expect(want.length).toBeGreaterThan(1);
    // Each line centred on the text block (left margin 28 mm, right 26 mm: centre at 106 mm).
    const centre = (106 / 25.4) * 72;
    const lines = linesOfFirstPage(pdfPath);
    for (const l of want) {
      const found = lines.find((x) => squeeze(x.text) === l);
      expect(found, l).toBeDefined();
      expect(Math.abs((found!.xMin + found!.xMax) / 2 - centre), l).toBeLessThan(4);
    }

    const t3 = table3(pageTexts);
    expect(t3.pages.length, JSON.stringify(t3)).toBeLessThanOrEqual(2);
    // It starts where it fits whole, or where at least 8 of its rows fit: never a stub.
    expect(t3.rowsOnFirst, JSON.stringify(t3)).toBeGreaterThanOrEqual(Math.min(8, REQUESTS_ROWS.length));
    expect(t3.rowsPerPage.reduce((a, b) => a + b, 0)).toBe(REQUESTS_ROWS.length);

    const text = squeeze(raw);
    expect(text).toContain('（一）收取信息处理费情况本年度未收取政府信息公开信息处理费。');
    for (const item of OTHER_MATTERS_DEFAULT_ITEMS.slice(1)) expect(text).not.toContain(item);
    expect(text).not.toContain('一、收取信息处理费情况');
    expect(text).not.toContain('数据说明');
  });
}

test('explanations print on their own 报送说明 sheet, never in the report', async ({ page }) => {
  const previous = seed();
  previous.cells['requests.carriedForward.natural'] = 2;
  const report = seed();
  report.explanations = [
    { rule: 'W1', cells: ['requests.carriedOver.natural'], reason: '上年报告结转数填报有误，已更正' },
  ];
  const doc = await print(page, renderPrintableHtml(report, { previous }), 'explained-report');
  expect(squeeze(doc.raw)).not.toContain('上年报告结转数填报有误');
  expect(squeeze(doc.raw)).not.toContain('数据说明');
  const notes = await print(page, renderSubmissionNotesHtml(report, { previous }), 'explained-notes');
  const text = squeeze(notes.raw);
  expect(notes.pages).toBe(1);
  expect(text).toContain('报送说明');
  expect(text).toContain('老店镇2023年政府信息公开工作年度报告');
  expect(text).toContain('上年报告结转数填报有误，已更正');
  expect(text).toContain(squeeze('「三、收到和处理政府信息公开申请情况」二、上年结转政府信息公开申请数量·自然人'));
});

test('导出 builds no print preview until asked; 打印 still prints the report she sees', async ({ page }) => {
  // Every print() of a preview frame is recorded with the document it would print: a capture
  // listener on the page runs before the app's own load handler on the frame.
  await page.addInitScript(() => {
    if (window.top !== window) return;
    const printed: string[] = [];
    (window as unknown as { __printed: string[] }).__printed = printed;
    document.addEventListener(
      'load',
      (e) => {
        const frame = e.target;
        if (!(frame instanceof HTMLIFrameElement) || !frame.contentWindow) return;
        const win = frame.contentWindow;
        win.print = () => void printed.push(`${frame.title}|${win.document.title}`);
      },
      true,
    );
  });
  await page.goto('/');
  await page
    .locator('input[type="file"][aria-label="选择要打开的 JSON 文件"]')
    .setInputFiles(resolve('tests/fixtures/laodian-2023.json'));
  await page.getByRole('button', { name: /^打开 老店镇/ }).click();
  await page
    .getByRole('navigation', { name: '填报步骤' })
    .getByRole('button', { name: /^导出：/ })
    .click();
  await expect(page.getByRole('heading', { name: '打印', level: 2 })).toBeVisible();
  // On arrival: the print buttons, and no document built or laid out.
  await expect(page.locator('iframe')).toHaveCount(0);
  const toggle = page.getByRole('button', { name: '显示打印预览' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');

  await page.getByRole('button', { name: '打印 / 另存为 PDF' }).click();
  const preview = page.frameLocator('iframe[title="打印预览"]');
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText('老店镇2023年政府信息公开工作年度报告');
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __printed: string[] }).__printed))
    .toEqual(['打印预览|老店镇2023年政府信息公开工作年度报告']);
  await expect(page.getByRole('button', { name: '收起打印预览' })).toHaveAttribute('aria-expanded', 'true');

  // 打印空白表 switches the preview to the blank form and prints that.
  await page.getByRole('button', { name: '打印空白表' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __printed: string[] }).__printed.length)).toBe(2);
  expect(await page.evaluate(() => (window as unknown as { __printed: string[] }).__printed[1])).toMatch(
    /^打印预览：空白表\|/,
  );
  await page.getByRole('button', { name: '收起打印预览' }).click();
  await expect(page.locator('iframe')).toHaveCount(0);
});
