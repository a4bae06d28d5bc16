// The Word (.docx) report: the same content as the print, laid out after GB/T 9704-2012
// (A4, 37/35/28/26 mm margins, 22 lines of 28 characters), tables 二/三/四 with the
// template's merged cells, header rows that repeat and rows that never split, page
// numbers 「— 1 —」 at the outer edge, and a 草稿 watermark while errors remain. The docx
// package is large: only the export step's `import()` loads this module.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
} from 'docx';
import { TextWatermark } from 'docx/watermarks';
import { type Report, SECTIONS, allValues, checkReport, sectionTitle } from '../report';
import { titleLines } from '../report/title';
import { type Grid, type GridCell, docxGrids } from './docxTables';
import { type NarrativeBlock, narrativeBlocks } from './narrative';

export interface DocxOptions {
  /** 打印空白表: the tables with empty cells and no narrative. */
  blank?: boolean;
  /** Last year's report, so W1/W2 are checked as for the final export. */
  previous?: Report | null;
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// Fonts by their names in Chinese Word and WPS. A machine without one substitutes by the
// font table below (altName, charset GB2312, family, panose), as documents from WPS do.
export const FONT = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  hei: '黑体',
  kai: '楷体_GB2312',
  song: '宋体',
} as const;

const FONT_TABLE: { name: string; alt?: string; family: string; pitch: string; panose: string }[] = [
  { name: FONT.title, alt: '方正小标宋_GBK', family: 'script', pitch: 'variable', panose: '02000000000000000000' },
  { name: FONT.body, alt: '仿宋', family: 'modern', pitch: 'fixed', panose: '02010609030101010101' },
  { name: FONT.hei, alt: 'SimHei', family: 'modern', pitch: 'fixed', panose: '02010609060101010101' },
  { name: FONT.kai, alt: '楷体', family: 'modern', pitch: 'fixed', panose: '02010609030101010101' },
  { name: FONT.song, alt: 'SimSun', family: 'auto', pitch: 'variable', panose: '02010600030101010101' },
  { name: '仿宋', alt: 'FangSong', family: 'modern', pitch: 'fixed', panose: '02010609060101010101' },
  { name: '楷体', alt: 'KaiTi', family: 'modern', pitch: 'fixed', panose: '02010609060101010101' },
];

const escapeXml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

function fontTableXml(): string {
  const fonts = FONT_TABLE.map(
    (f) =>
      `<w:font w:name="${escapeXml(f.name)}">${f.alt ? `<w:altName w:val="${escapeXml(f.alt)}"/>` : ''}<w:panose1 w:val="${f.panose}"/><w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
  ).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}</w:fonts>`;
}

const mm = (v: number) => Math.round((v * 1440) / 25.4);
const pt = (v: number) => Math.round(v * 20);

/** Text block of GB/T 9704: 156 mm wide. */
export const TEXT_WIDTH = mm(156);
// 225 mm / 22 lines.
const LINE = pt(28.9);
const BODY_SIZE = 32; // 三号 16 pt, in half-points
const TITLE_SIZE = 44; // 二号 22 pt
const TABLE_SIZE = 21; // 五号 10.5 pt
const PAGE_NUMBER_SIZE = 28; // 四号 14 pt

const fonts = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });
const exact = (line: number) => ({ line, lineRule: LineRuleType.EXACT, before: 0, after: 0 });

// Named paragraph styles carry the fonts, sizes and spacing, so runs carry none: the file stays
// small (fast to write) and a clerk who edits it in Word or WPS finds 正文/标题 styles to reuse.
const STYLE = {
  title: 'NbTitle',
  subtitle: 'NbSubtitle',
  h1: 'NbHeading1',
  h2: 'NbHeading2',
  body: 'NbBody',
  cell: 'NbCell',
  cellLeft: 'NbCellLeft',
  cellBlock: 'NbCellBlock',
  pageNumber: 'NbPageNumber',
  draft: 'NbDraft',
} as const;

const PARAGRAPH_STYLES = [
  {
    id: STYLE.title,
    name: '报告标题',
    run: { font: fonts(FONT.title), size: TITLE_SIZE },
    paragraph: { alignment: AlignmentType.CENTER, keepNext: true, keepLines: true, spacing: exact(pt(33)) },
  },
  {
    id: STYLE.subtitle,
    name: '报告副标题',
    run: { font: fonts(FONT.kai), size: BODY_SIZE },
    paragraph: { alignment: AlignmentType.CENTER, spacing: { ...exact(LINE), after: LINE } },
  },
  {
    id: STYLE.h1,
    name: '一级标题',
    run: { font: fonts(FONT.hei), size: BODY_SIZE },
    paragraph: {
      indent: { firstLine: pt(32) },
      keepNext: true,
      keepLines: true,
      spacing: exact(LINE),
      outlineLevel: 0,
    },
  },
  {
    id: STYLE.h2,
    name: '二级标题',
    run: { font: fonts(FONT.kai), size: BODY_SIZE },
    paragraph: {
      indent: { firstLine: pt(32) },
      keepNext: true,
      keepLines: true,
      spacing: exact(LINE),
      outlineLevel: 1,
    },
  },
  {
    id: STYLE.body,
    name: '公文正文',
    run: { font: fonts(FONT.body), size: BODY_SIZE },
    paragraph: { alignment: AlignmentType.BOTH, indent: { firstLine: pt(32) }, spacing: exact(LINE) },
  },
  {
    id: STYLE.cell,
    name: '表格文字',
    run: { font: fonts(FONT.song), size: TABLE_SIZE },
    // Compact rows (13 pt for 10.5 pt type), as the national template's: table 三 fits a page.
    paragraph: { alignment: AlignmentType.CENTER, spacing: exact(pt(13)) },
  },
  {
    id: STYLE.cellLeft,
    name: '表格文字（左）',
    basedOn: STYLE.cell,
    paragraph: { alignment: AlignmentType.LEFT },
  },
  { id: STYLE.cellBlock, name: '表格分项', basedOn: STYLE.cell, run: { font: fonts(FONT.hei) } },
  { id: STYLE.pageNumber, name: '页码', run: { font: fonts(FONT.song), size: PAGE_NUMBER_SIZE } },
  {
    id: STYLE.draft,
    name: '草稿提示',
    run: { font: fonts(FONT.hei), size: 24, color: 'B00000' },
    paragraph: {
      spacing: { after: pt(14) },
      border: Object.fromEntries(
        ['top', 'bottom', 'left', 'right'].map((k) => [
          k,
          { style: BorderStyle.SINGLE, size: 12, color: 'B00000', space: 4 },
        ]),
      ),
    },
  },
];

/** A paragraph of a style; single line breaks in the text stay line breaks. */
function para(style: string, text: string, extra: { keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    style,
    ...extra,
    children: text.split(/\n[ \t\u3000]*/).map((t, i) => new TextRun({ text: t, break: i ? 1 : 0 })),
  });
}

/** Sub-headings (（一）…, numbered by narrative.ts) and paragraphs. */
const narrative = (blocks: NarrativeBlock[]) =>
  blocks.map((b) => (b.kind === 'heading' ? para(STYLE.h2, b.text) : para(STYLE.body, b.lines.join('\n'))));

// ---------------------------------------------------------------- tables

const BORDER = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const TABLE_BORDERS = {
  top: BORDER,
  bottom: BORDER,
  left: BORDER,
  right: BORDER,
  insideHorizontal: BORDER,
  insideVertical: BORDER,
};

function cellParagraph(cell: GridCell): Paragraph {
  const style =
    cell.kind === 'block'
      ? STYLE.cellBlock
      : cell.kind === 'item' || cell.kind === 'corner'
        ? STYLE.cellLeft
        : STYLE.cell;
  return para(style, cell.text);
}

/**
 * A grid to a Word table. A cell spanning rows starts a vertical merge and each row below
 * gets a continuing cell at the same place with the same width, which is how Word, WPS and
 * LibreOffice all expect merged regions.
 */
function table(grid: Grid, blank: boolean): Table {
  const total = grid.widths.reduce((a, b) => a + b, 0);
  const widths = grid.widths.map((w) => Math.floor((w / total) * TEXT_WIDTH));
  const spanWidth = (col: number, span: number) => widths.slice(col, col + span).reduce((a, b) => a + b, 0);
  const below = new Map<number, { colSpan: number; left: number }>();
  const rows = grid.rows.map((row, i) => {
    const cells: TableCell[] = [];
    let col = 0;
    let next = 0;
    while (col < widths.length) {
      const merged = below.get(col);
      if (merged) {
        cells.push(
          new TableCell({
            children: [new Paragraph({})],
            columnSpan: merged.colSpan > 1 ? merged.colSpan : undefined,
            verticalMerge: VerticalMergeType.CONTINUE,
            width: { size: spanWidth(col, merged.colSpan), type: WidthType.DXA },
          }),
        );
        if (--merged.left === 0) below.delete(col);
        col += merged.colSpan;
        continue;
      }
      const cell = row.cells[next++];
      if (!cell) throw new Error(`table row too short at column ${col}`);
      if (cell.rowSpan > 1) below.set(col, { colSpan: cell.colSpan, left: cell.rowSpan - 1 });
      cells.push(
        new TableCell({
          children: [cellParagraph(cell)],
          columnSpan: cell.colSpan > 1 ? cell.colSpan : undefined,
          verticalMerge: cell.rowSpan > 1 ? VerticalMergeType.RESTART : undefined,
          // A row group's label at its top: centred on a group that runs over a page break, its
          // text would be cut in two pages (LibreOffice) or lost below the break.
          verticalAlign: cell.kind === 'label' && cell.rowSpan > 1 ? VerticalAlignTable.TOP : VerticalAlignTable.CENTER,
          // A figure never wraps inside its cell: value cells keep only a hairline of padding.
          margins: cell.kind === 'value' ? { left: 20, right: 20 } : undefined,
          width: { size: spanWidth(col, cell.colSpan), type: WidthType.DXA },
        }),
      );
      col += cell.colSpan;
    }
    return new TableRow({
      children: cells,
      cantSplit: true,
      keepNext: i < grid.keepRows - 1 || undefined,
      tableHeader: row.header || undefined,
      // Room to write a figure by hand, with table 三 still on one page.
      height: blank && !row.header ? { value: pt(16), rule: HeightRule.ATLEAST } : undefined,
    });
  });
  return new Table({
    rows,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
    margins: { left: 57, right: 57, top: 20, bottom: 20 },
  });
}

/** Space after a table: one line. */
const gap = () => new Paragraph({ style: STYLE.body });

// ---------------------------------------------------------------- document

export function docxTitle(report: Report, blank = false): string[] {
  return titleLines(blank && !report.agency.trim() ? '________' : report.agency, report.year);
}

export function buildDocx(report: Report, options: DocxOptions = {}): Document {
  const blank = options.blank === true;
  const values = blank ? null : allValues(report.cells);
  const errors = blank
    ? []
    : checkReport(report, { previous: options.previous ?? null }).filter((f) => f.severity === 'error');
  const grids = docxGrids(values);
  const title = docxTitle(report, blank);

  const children: (Paragraph | Table)[] = [];
  if (errors.length) {
    children.push(
      para(STYLE.draft, `草稿：本报告还有 ${errors.length} 处错误未改正，不是定稿，不能作为正式报告印发。`),
    );
  }
  // The title's lines (titleLines: breaks only between words) as line breaks in one paragraph.
  children.push(
    new Paragraph({
      style: STYLE.title,
      spacing: { ...exact(pt(33)), after: blank ? 0 : LINE },
      children: title.map((t, i) => new TextRun({ text: t, break: i ? 1 : 0 })),
    }),
  );
  if (blank) children.push(para(STYLE.subtitle, '（空白表，供收集数据时填写）'));
  for (const s of SECTIONS) {
    if (blank && s.kind !== 'table') continue;
    children.push(para(STYLE.h1, sectionTitle(s)));
    const key = s.key;
    if (key === 'proactive' || key === 'requests' || key === 'reviews') children.push(table(grids[key], blank), gap());
    else children.push(...narrative(narrativeBlocks(report, key)));
  }

  const pageNumber = (odd: boolean) =>
    new Footer({
      children: [
        new Paragraph({
          style: STYLE.pageNumber,
          // GB/T 9704 7.5: 4号 宋体, a dash either side, odd pages right and even pages left, one character in.
          alignment: odd ? AlignmentType.RIGHT : AlignmentType.LEFT,
          indent: odd ? { right: pt(14) } : { left: pt(14) },
          children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })],
        }),
      ],
    });
  const header = () =>
    new Header({
      children: [
        new Paragraph({
          children: errors.length
            ? [new TextWatermark({ text: '草稿', font: FONT.hei, color: 'C00000', opacity: 0.18 })]
            : [],
        }),
      ],
    });

  return new Document({
    creator: '年报',
    title: title.join(''),
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: fonts(FONT.body), size: BODY_SIZE, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
          paragraph: { spacing: exact(LINE) },
        },
      },
      paragraphStyles: PARAGRAPH_STYLES,
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            // 天头 37 mm, 订口 28 mm: a 156 × 225 mm text block; the page number sits 7 mm below it.
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), header: mm(15), footer: mm(23) },
          },
        },
        headers: { default: header(), even: header() },
        footers: { default: pageNumber(true), even: pageNumber(false) },
        children,
      },
    ],
  });
}

/** The .docx file's bytes. */
export async function renderDocx(report: Report, options: DocxOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
  const buf = await Packer.toArrayBuffer(buildDocx(report, options), false, [
    { path: 'word/fontTable.xml', data: fontTableXml() },
  ]);
  return new Uint8Array(buf);
}

export function docxFileName(report: Report, blank = false): string {
  const name = `${report.agency.trim() || '未填机关'}${report.year ?? ''}年政府信息公开工作年度报告`;
  return `${blank ? `${name}（空白表）` : name}.docx`.replace(/[\\/:*?"<>|]/g, '_');
}
