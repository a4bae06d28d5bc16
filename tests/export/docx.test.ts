import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { FONT, renderDocx } from '../../src/export/docx';
import { otherMattersBlocks } from '../../src/export/narrative';
import {
  type Report,
  type TableKey,
  OTHER_MATTERS_DEFAULT_ITEMS,
  SECTIONS,
  allValues,
  emptyReport,
  formatCell,
  sectionTitle,
} from '../../src/report';
import { TABLE_LAYOUTS, layoutRows, place } from '../../src/report/tableLayout';
import { titleLines } from '../../src/report/title';
import { seed, seedWithFigures } from '../helpers/reports';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

interface Docx {
  files: Record<string, string>;
  doc: Document;
}

async function open(report: Report, options: Parameters<typeof renderDocx>[1] = {}): Promise<Docx> {
  const zip = unzipSync(await renderDocx(report, options));
  const files: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(zip)) files[name] = strFromU8(bytes);
  const doc = new DOMParser().parseFromString(files['word/document.xml']!, 'application/xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return { files, doc };
}

const all = (el: Document | Element, name: string) => [...el.getElementsByTagNameNS(W, name)];
const child = (el: Element, name: string) => [...el.children].find((c) => c.namespaceURI === W && c.localName === name);
const attr = (el: Element | undefined, name: string) => el?.getAttributeNS(W, name) ?? null;
const paragraphText = (p: Element) =>
  [...p.getElementsByTagNameNS(W, '*')]
    .map((n) => (n.localName === 't' ? n.textContent : n.localName === 'br' ? '\n' : ''))
    .join('');
const text = (el: Element) => all(el, 'p').map(paragraphText).join('\n');
/** The body's paragraphs outside tables, as text. */
const paragraphs = (doc: Document) =>
  all(doc, 'p')
    .filter((p) => !p.closest('tbl'))
    .map(paragraphText);

interface WordCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
}

/** A Word table's logical cells: gridSpan across, vMerge restart/continue down, as Word reads them. */
function wordCells(tbl: Element): { cells: WordCell[]; rows: Element[] } {
  const rows = [...tbl.children].filter((c) => c.localName === 'tr');
  const cells: WordCell[] = [];
  const open = new Map<number, WordCell>();
  rows.forEach((tr, r) => {
    let col = 0;
    for (const tc of [...tr.children].filter((c) => c.localName === 'tc')) {
      const pr = child(tc, 'tcPr');
      const span = Number(attr(pr && child(pr, 'gridSpan'), 'val') ?? 1);
      const vMerge = pr && child(pr, 'vMerge');
      const vm = vMerge ? (attr(vMerge, 'val') ?? 'continue') : null;
      if (vm === 'continue') {
        const above = open.get(col);
        if (!above) throw new Error(`row ${r} col ${col}: a continuing cell with nothing above`);
        expect(span, `row ${r} col ${col}: continuing cell as wide as its start`).toBe(above.colSpan);
        above.rowSpan++;
      } else {
        const cell = { row: r, col, rowSpan: 1, colSpan: span, text: text(tc).replace(/\n/g, '') };
        cells.push(cell);
        if (vm === 'restart') open.set(col, cell);
        else open.delete(col);
      }
      col += span;
    }
  });
  return { cells, rows };
}

const TABLES: TableKey[] = ['proactive', 'requests', 'reviews'];

describe('Word export', { timeout: 60_000 }, () => {
  it('sets up an A4 page after GB/T 9704: margins 37/35/28/26 mm, page numbers 「— n —」 at the outer edge', async () => {
    const { doc, files } = await open(seed());
    const sect = all(doc, 'sectPr').at(-1)!;
    const size = child(sect, 'pgSz')!;
    expect([attr(size, 'w'), attr(size, 'h')]).toEqual(['11906', '16838']);
    const mar = child(sect, 'pgMar')!;
    expect(['top', 'bottom', 'left', 'right'].map((k) => attr(mar, k))).toEqual(['2098', '1984', '1587', '1474']);
    // Odd pages right, even pages left.
    expect(files['word/settings.xml']).toContain('<w:evenAndOddHeaders/>');
    const footers = all(sect, 'footerReference').map((f) => attr(f, 'type'));
    expect(footers.sort()).toEqual(['default', 'even']);
    const footerXml = Object.entries(files).filter(([n]) => /^word\/footer\d+\.xml$/.test(n));
    expect(footerXml).toHaveLength(2);
    for (const [, xml] of footerXml) {
      expect(xml).toMatch(/<w:t xml:space="preserve">— <\/w:t>.*PAGE.*<w:t xml:space="preserve"> —<\/w:t>/);
    }
    expect(footerXml.map(([, xml]) => /<w:jc w:val="(\w+)"/.exec(xml)![1]).sort()).toEqual(['left', 'right']);
  });

  it('uses 方正小标宋, 仿宋_GB2312, 黑体 and 楷体 and declares fallbacks for machines without them', async () => {
    const { files } = await open(seed());
    // Fonts live in named paragraph styles (报告标题, 公文正文, 一级标题…), not on each run.
    const xml = files['word/styles.xml']!;
    for (const f of [FONT.title, FONT.body, FONT.hei, FONT.kai, FONT.song]) expect(xml).toContain(`w:eastAsia="${f}"`);
    const table = new DOMParser().parseFromString(files['word/fontTable.xml']!, 'application/xml');
    const fonts = new Map(all(table, 'font').map((f) => [attr(f, 'name'), f]));
    for (const f of Object.values(FONT)) {
      const font = fonts.get(f);
      expect(font, f).toBeDefined();
      expect(attr(child(font!, 'charset'), 'val')).toBe('86');
      expect(attr(child(font!, 'altName'), 'val')).toBeTruthy();
    }
  });

  it('draws tables 二, 三 and 四 exactly as the layout description: every span, header text and value', async () => {
    const report = seedWithFigures();
    const values = allValues(report.cells);
    const { doc } = await open(report);
    const tables = all(doc, 'tbl');
    expect(tables).toHaveLength(3);
    TABLES.forEach((key, t) => {
      const layout = TABLE_LAYOUTS[key];
      const { cells, rows } = wordCells(tables[t]!);
      const want = place(layoutRows(layout)).map(({ cell, row, col }) => ({
        row,
        col,
        rowSpan: cell.rowSpan,
        colSpan: cell.colSpan,
        text: cell.kind === 'value' ? formatCell(values.get(cell.path) ?? null, cell.unit) : cell.text,
      }));
      expect(cells, key).toEqual(want);
      // Every row as wide as the grid.
      const grid = all(tables[t]!, 'gridCol');
      expect(grid, key).toHaveLength(layout.width);
      // Header rows repeat on each page (exactly the table's own head); no row ever splits.
      const flags = rows.map((tr) => {
        const pr = child(tr, 'trPr');
        return { header: !!pr && !!child(pr, 'tblHeader'), cantSplit: !!pr && !!child(pr, 'cantSplit') };
      });
      expect(
        flags.map((f) => f.header),
        key,
      ).toEqual(rows.map((_, i) => i < layout.head.length));
      expect(flags.every((f) => f.cantSplit)).toBe(true);
    });
  });

  it('keeps each table whole on one page with its heading: no stub of table 三 at a page foot', async () => {
    for (const options of [{}, { blank: true }]) {
      const { doc, files } = await open(seed(), options);
      for (const tbl of all(doc, 'tbl')) {
        const rows = [...tbl.children].filter((c) => c.localName === 'tr');
        const kept = rows.map((tr) => all(tr, 'p').every((p) => all(p, 'keepNext').length > 0));
        // Each row kept with the next, the last one ending the chain.
        expect(kept).toEqual(rows.map((_, i) => i < rows.length - 1));
      }
      // The section heading before each table is kept with it (一级标题: keepNext).
      expect(files['word/styles.xml']).toMatch(
        /<w:style [^>]*w:styleId="NbHeading1"(?:(?!<\/w:style>).)*<w:keepNext\/>/,
      );
    }
  });

  it('prints the title in balanced lines broken only after the agency or before 「政府信息公开工作年度报告」', async () => {
    const long = '平潭综合实验区管理委员会';
    const { doc } = await open({ ...seed(), agency: long });
    // The lines of titleLines (tested in tests/report/title.test.ts), as line breaks in one paragraph.
    expect(titleLines(long, 2023)).toHaveLength(2);
    expect(paragraphs(doc)).toContain(titleLines(long, 2023).join('\n'));
    expect(titleLines(long, 2023).join('')).toBe(`${long}2023年政府信息公开工作年度报告`);
    const short = await open(seed());
    expect(paragraphs(short.doc)).toContain('老店镇2023年政府信息公开工作年度报告');
  });

  it('marks a report with errors 草稿 on every page, and not a report without', async () => {
    const clean = await open(seed());
    const headers = (d: Docx) => Object.entries(d.files).filter(([n]) => /^word\/header\d+\.xml$/.test(n));
    for (const [, xml] of headers(clean)) expect(xml).not.toContain('草稿');
    expect(paragraphs(clean.doc).join('')).not.toContain('草稿');

    const draft = await open(seedWithFigures());
    expect(headers(draft)).toHaveLength(2);
    for (const [, xml] of headers(draft)) expect(xml).toMatch(/<v:textpath[^>]*string="草稿"/);
    expect(paragraphs(draft.doc)[0]).toMatch(/^草稿：本报告还有 \d+ 处错误未改正/);
  });

  it("leaves out 六's prompts the clerk did not fill, and the explanations meant for the reviewer", async () => {
    const report = seed();
    report.otherMatters = emptyReport().otherMatters.replace(
      '一、收取信息处理费情况\n',
      '一、收取信息处理费情况\n本年度未收取信息处理费。',
    );
    report.explanations = [{ rule: 'W5', cells: ['otherMatters'], reason: '县里统一口径，不在此说明。' }];
    const body = paragraphs((await open(report)).doc).join('\n');
    const six = body.slice(body.indexOf(sectionTitle(SECTIONS[5]!)));
    expect(six).toContain('（一）收取信息处理费情况\n本年度未收取信息处理费。');
    for (const item of OTHER_MATTERS_DEFAULT_ITEMS.slice(1)) expect(six).not.toContain(item);
    expect(body).not.toContain('县里统一口径');
    expect(body).not.toContain('数据说明');

    // An untouched starting text prints nothing under 六.
    expect(otherMattersBlocks(emptyReport().otherMatters)).toEqual([]);
  });

  it('prints a blank form: the three tables with empty cells, no narrative', async () => {
    const { doc } = await open(emptyReport('', 2024), { blank: true });
    const body = paragraphs(doc).join('\n');
    expect(body).toContain('（空白表，供收集数据时填写）');
    expect(body).not.toContain(sectionTitle(SECTIONS[0]!));
    expect(body).not.toContain(sectionTitle(SECTIONS[4]!));
    const tables = all(doc, 'tbl');
    expect(tables).toHaveLength(3);
    TABLES.forEach((key, t) => {
      const { cells } = wordCells(tables[t]!);
      const placed = place(layoutRows(TABLE_LAYOUTS[key]));
      expect(cells.map((c) => c.text)).toEqual(placed.map((p) => (p.cell.kind === 'value' ? '' : p.cell.text)));
    });
  });
});
