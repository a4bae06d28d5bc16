// The printable report: one standalone HTML document (inline CSS, no script, a CSP
// that forbids script) laid out after GB/T 9704-2012. Tables 二, 三 and 四 are drawn from
// the shared layout description (src/report/tableLayout.ts), with the national template's
// merged cells. The clerk's explanations of warnings are not part of the published report:
// they print on their own 「报送说明」 sheet for the reviewer (renderSubmissionNotesHtml).
// Pure: a string in, a string out, so the download, the in-app preview and the tests all
// see the same document.
import { type NarrativeBlock, narrativeBlocks } from './narrative';
import {
  type CellPath,
  type Finding,
  type Report,
  type TableKey,
  CELL_BY_PATH,
  SECTIONS,
  allValues,
  cellLabel,
  checkReport,
  explanationFor,
  formatCell,
  reportTitle,
  section,
  sectionTitle,
} from '../report';
import { type LayoutCell, type LayoutRow, type Placed, TABLE_LAYOUTS, place, sliceRows } from '../report/tableLayout';
import { textPlace } from '../report/textPaths';
import { titleLines } from '../report/title';

export interface PrintOptions {
  /** 打印空白表: the tables with empty cells and no narrative, for collecting figures on paper. */
  blank?: boolean;
  /** Last year's report, so W1/W2 findings (and their explanations) are known. */
  previous?: Report | null;
  /** The paper's height in mm (A4: 297, the default). Tests print on a short page to make table 三 run over. */
  pageHeightMm?: number;
  /**
   * 汇总's sum printed as a report: tables 二, 三 and 四 only (a sum has no text), a line saying
   * which reports it sums, and its own checks in place of a report's (a sum's empty 一, 五 and 六
   * are not errors, so it is never a 草稿 for them).
   */
  sum?: PrintedSum;
}

export interface PrintedSum {
  /** Which reports are summed, e.g. 「合计 57 份报告：定稿且无错误」. */
  label: string;
  /** The sum's own checks that fail (summary.ts checkSum), worded. */
  problems: readonly string[];
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export { chineseNumeral } from './narrative';
const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

const PRINT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const FONT_TITLE =
  "'FZXiaoBiaoSong-B05S', '方正小标宋简体', 'NB Title Bold', 'Noto Serif CJK SC', 'Source Han Serif SC', 'SimSun', serif";
const FONT_BODY = "'FangSong', '仿宋', 'FangSong_GB2312', 'Noto Serif CJK SC', 'AR PL UMing CN', serif";
const FONT_HEI = "'SimHei', '黑体', 'Noto Sans CJK SC', sans-serif";
const FONT_KAI = "'KaiTi', '楷体', 'AR PL UKai CN', 'Noto Serif CJK SC', serif";
const FONT_SONG = "'SimSun', '宋体', 'Noto Serif CJK SC', 'Source Han Serif SC', serif";

// GB/T 9704: 22 lines of 28 characters in a 156 × 225 mm text block → 225 mm / 22 ≈ 28.9 pt per line.
const LINE = '28.9pt';

const CSS = `
@font-face {
  /* 小标宋 has no bold face: only the fallback serif is made bold, by picking its bold face
     here, so an installed 方正小标宋 is never smeared by synthetic bold. */
  font-family: 'NB Title Bold';
  src: local('Noto Serif CJK SC Bold'), local('NotoSerifCJKsc-Bold'), local('Source Han Serif SC Bold'),
    local('SourceHanSerifSC-Bold'), local('SimSun');
}
@page {
  size: A4;
  margin: 37mm 26mm 35mm 28mm;
}
/* GB/T 9704 §7.5, as the Word file: odd page numbers on the right, even on the left, one
   character (14 pt) in from the text block's edge, 7 mm below it. */
@page :right {
  @bottom-right {
    content: "— " counter(page) " —";
    font-family: ${FONT_SONG};
    font-size: 14pt;
    vertical-align: top;
    padding-top: 7mm;
    padding-right: 14pt;
  }
}
@page :left {
  @bottom-left {
    content: "— " counter(page) " —";
    font-family: ${FONT_SONG};
    font-size: 14pt;
    vertical-align: top;
    padding-top: 7mm;
    padding-left: 14pt;
  }
}
html { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
body {
  margin: 0;
  color: #000;
  background: #fff;
  font-family: ${FONT_BODY};
  font-size: 16pt;
  line-height: ${LINE};
}
.title {
  font-family: ${FONT_TITLE};
  font-size: 22pt;
  font-weight: normal;
  line-height: 1.5;
  text-align: center;
  margin: 0 0 ${LINE};
}
.title .tl { display: block; }
.subtitle { text-align: center; text-indent: 0; font-family: ${FONT_KAI}; margin: -14pt 0 ${LINE}; }
h2, h3 { font-size: 16pt; font-weight: normal; line-height: ${LINE}; margin: 0; text-indent: 2em; break-after: avoid; }
h2 { font-family: ${FONT_HEI}; }
h3 { font-family: ${FONT_KAI}; }
p { margin: 0; text-indent: 2em; text-align: justify; orphans: 2; widows: 2; }
.t {
  width: 100%;
  border-collapse: collapse;
  table-layout: fixed;
  font-family: ${FONT_SONG};
  font-size: 10.5pt;
  line-height: 1.4;
  margin: 6pt 0 ${LINE};
}
.t th, .t td {
  border: 0.75pt solid #000;
  padding: 2pt 3pt;
  text-align: center;
  vertical-align: middle;
  font-weight: normal;
  overflow-wrap: anywhere;
}
.t3 .r-label, .t3 .r-corner { text-align: left; }
/* A figure never breaks inside its cell. */
.t td[data-cell] { font-variant-numeric: tabular-nums; overflow-wrap: normal; word-break: keep-all; padding: 2pt 1pt; }
.t2 .block th { font-family: ${FONT_HEI}; }
.t4 th { padding: 2pt 1pt; }
/* Table 三 is set like the template's compact form so it fits one A4 page: it starts on
   the page where it fits whole instead of leaving a stub of two rows at a page's foot. */
.t3 { font-size: 10pt; line-height: 1.25; break-inside: avoid; page-break-inside: avoid; }
.t3 th, .t3 td { padding: 1.5pt 2pt; }
.t3 td[data-cell] { padding: 1.5pt 1pt; }
.t3 .r-group { padding: 1.5pt 1pt; }
.s-requests > h2 { break-after: avoid; }
/* Should a page ever be too short for it, the header and the first 8 rows still stay together. */
.t3 tbody tr.keep { break-after: avoid; page-break-after: avoid; }
/* Where table 三 cannot fit one page it is printed in page-sized parts, each starting a page
   with the header rows and the group labels of its first rows. */
.t3-part { margin-bottom: 0; }
.t3-part + .t3-part { break-before: page; page-break-before: always; margin-top: 0; }
/* Table 二's blocks never split: a page starts at a block with its own header rows. */
.t2 tbody { break-inside: avoid; page-break-inside: avoid; }
.blank .t td { height: 1.6em; }
/* Room to write a figure, and table 三 still on one page. */
.blank .t3 td { height: 1.4em; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.block, .block + tr { break-after: avoid; page-break-after: avoid; }
.draft-mark {
  position: fixed;
  top: 38%;
  left: 0;
  right: 0;
  text-align: center;
  font-family: ${FONT_HEI};
  font-size: 120pt;
  line-height: 1;
  color: rgba(190, 0, 0, 0.13);
  transform: rotate(-30deg);
  pointer-events: none;
}
.draft-banner {
  border: 1.5pt solid #b00;
  color: #b00;
  font-family: ${FONT_HEI};
  font-size: 12pt;
  line-height: 1.5;
  text-indent: 0;
  padding: 4pt 8pt;
  margin: 0 0 14pt;
}
.notes-meta { text-indent: 0; }
.notes .msg { font-size: 9pt; color: #333; display: block; margin-top: 2pt; }
.notes td { text-align: left; vertical-align: top; }
@media screen {
  body { background: #e6e8eb; padding: 16px 0; }
  .doc {
    background: #fff;
    width: 210mm;
    max-width: 100%;
    box-sizing: border-box;
    margin: 0 auto;
    padding: 37mm 26mm 35mm 28mm;
    box-shadow: 0 1px 4px rgba(0, 0, 0, 0.25);
  }
  .draft-mark { position: absolute; top: 260px; }
}
@media screen and (max-width: 800px) {
  .doc { padding: 24px 16px; }
}
`;

/** A narrative block as print HTML: a sub-heading or a paragraph (single line breaks kept). */
function blockHtml(b: NarrativeBlock): string {
  return b.kind === 'heading' ? `<h3>${escapeHtml(b.text)}</h3>` : `<p>${b.lines.map(escapeHtml).join('<br>')}</p>`;
}

type Values = Map<CellPath, number | null>;

/** One cell of the shared layout as print HTML; a value cell carries its JSON path. */
function cellHtml(c: LayoutCell, values: Values | null): string {
  if (c.kind === 'value') {
    const v = values ? formatCell(values.get(c.path) ?? null, c.unit) : '';
    return `<td data-cell="${escapeHtml(c.path)}"${span(1, c.colSpan)}>${escapeHtml(v)}</td>`;
  }
  return `<th class="r-${c.role}" scope="${c.scope}"${span(c.rowSpan, c.colSpan)}>${escapeHtml(c.text)}</th>`;
}

const span = (rowspan: number, colspan: number): string =>
  `${rowspan > 1 ? ` rowspan="${rowspan}"` : ''}${colspan > 1 ? ` colspan="${colspan}"` : ''}`;

const rowHtml = (row: LayoutRow, values: Values | null, cls = ''): string =>
  `<tr${cls ? ` class="${cls}"` : ''}>${row.cells.map((c) => cellHtml(c, values)).join('')}</tr>`;

/** Column widths of each table on the 156 mm text block. */
const COLGROUPS: Record<TableKey, string> = {
  proactive: `<colgroup><col style="width:34%">${'<col>'.repeat(TABLE_LAYOUTS.proactive.width - 1)}</colgroup>`,
  // A wide item column so the long labels take two lines, not four; narrow group columns.
  requests: `<colgroup><col style="width:5.5%"><col style="width:9.5%"><col style="width:36%">${'<col>'.repeat(
    TABLE_LAYOUTS.requests.width - TABLE_LAYOUTS.requests.labelColumns,
  )}</colgroup>`,
  reviews: '',
};

/** Table 三 never starts with fewer rows than this at the foot of a page. */
const KEEP_ROWS = 8;

const TABLE_CLASS: Record<TableKey, string> = { proactive: 't2', requests: 't3', reviews: 't4' };

// Table 三's geometry as the CSS below sets it (pt), to tell whether it fits a page and, when it
// cannot (a short page, a very long label), where to cut it. CJK text breaks between any two
// characters and each takes 1 em, so the lines of a label can be counted, not guessed.
const PT_PER_MM = 72 / 25.4;
const T3_FONT = 10;
const T3_LINE = 12.5;
const T3_CELL_EXTRA = 2 * 1.5 + 0.75; // vertical padding and one rule
const T3_PAD_H = 4; // horizontal padding of a label cell
/** Column widths in % of the text block, as in COLGROUPS.requests. */
const T3_COLUMNS = [5.5, 9.5, 36, ...Array.from({ length: 7 }, () => 7)];
const TEXT_WIDTH_MM = 156;
const PAGE_MARGINS_MM = 37 + 35;
const HEADING_PT = 28.9 + 6; // the section heading that keeps with the table, and the table's top margin

/** Width of a text in em: CJK and full-width characters 1, others about half (rounded up). */
const emWidth = (text: string): number => [...text].reduce((n, c) => n + (c.charCodeAt(0) >= 0x2000 ? 1 : 0.6), 0);

/** Estimated height in pt of each of some rows of table 三; a spanning label that needs more than its rows grows its last. */
function rowHeightsPt(rows: readonly LayoutRow[], blank: boolean): number[] {
  const colPt = T3_COLUMNS.map((pc) => (pc / 100) * TEXT_WIDTH_MM * PT_PER_MM);
  const heights = rows.map(() => 0);
  const need = (p: Placed): number => {
    if (p.cell.kind === 'value') return (blank ? 14 : T3_LINE) + T3_CELL_EXTRA;
    const width = colPt.slice(p.col, p.col + p.cell.colSpan).reduce((a, b) => a + b, 0) - T3_PAD_H;
    const perLine = Math.max(1, Math.floor(width / T3_FONT));
    return Math.ceil(emWidth(p.cell.text) / perLine) * T3_LINE + T3_CELL_EXTRA;
  };
  const placed = place(rows);
  for (const p of placed) if (p.cell.rowSpan === 1) heights[p.row] = Math.max(heights[p.row]!, need(p));
  for (const p of placed) {
    if (p.cell.rowSpan === 1) continue;
    const have = heights.slice(p.row, p.row + p.cell.rowSpan).reduce((a, b) => a + b, 0);
    const last = p.row + p.cell.rowSpan - 1;
    heights[last] = heights[last]! + Math.max(0, need(p) - have);
  }
  return heights;
}

/**
 * Where table 三 is cut into page-sized parts: [] when it fits one page (the usual case, on
 * A4). Otherwise each part fills a page, and the next one starts on a new page with the
 * header rows and the group labels of its first rows drawn again (sliceRows).
 */
function requestsCuts(pageHeightMm: number, blank: boolean): number[] {
  const key = `${pageHeightMm}:${blank}`;
  let cuts = cutsCache.get(key);
  if (!cuts) {
    cuts = findCuts(pageHeightMm, blank);
    cutsCache.set(key, cuts);
  }
  return cuts;
}
// The cuts depend on the paper and the form only, never on the figures: found once.
const cutsCache = new Map<string, number[]>();

function findCuts(pageHeightMm: number, blank: boolean): number[] {
  const layout = TABLE_LAYOUTS.requests;
  const page = (pageHeightMm - PAGE_MARGINS_MM) * PT_PER_MM;
  const head = rowHeightsPt(layout.head, blank).reduce((a, b) => a + b, 0);
  const body = rowHeightsPt(layout.blocks[0]!.rows, blank);
  // A margin for what counting cannot see (a line broken early by punctuation rules).
  const slack = 0.92;
  // The labels are the template's, so the count is exact (Chromium's rows measured within 0.1 pt).
  if (HEADING_PT + head + body.reduce((a, b) => a + b, 0) <= page - 4) return [];
  const cuts: number[] = [];
  let room = (page - HEADING_PT) * slack - head;
  body.forEach((h, i) => {
    if (h > room && i > 0 && cuts[cuts.length - 1] !== i) {
      cuts.push(i);
      room = page * slack - head;
    }
    room -= h;
  });
  // No stub of a row or two on the last page either: a short tail shares the rows of the page before it.
  const last = cuts.length - 1;
  if (last >= 0 && body.length - cuts[last]! < KEEP_ROWS) {
    const before = last > 0 ? cuts[last - 1]! : 0;
    cuts[last] = before + Math.ceil((body.length - before) / 2);
  }
  return cuts;
}

function tableHtml(table: TableKey, values: Values | null, pageHeightMm: number): string {
  const layout = TABLE_LAYOUTS[table];
  const cls = TABLE_CLASS[table];
  const head = layout.head.length
    ? `<thead>\n${layout.head.map((r) => rowHtml(r, values)).join('\n')}\n</thead>\n`
    : '';
  const open = (extra = '') =>
    `<table class="t ${cls}${extra}">\n${COLGROUPS[table]}${COLGROUPS[table] ? '\n' : ''}${head}`;
  if (table === 'requests') {
    const rows = layout.blocks[0]!.rows;
    const cuts = requestsCuts(pageHeightMm, values === null);
    const bounds = [0, ...cuts, rows.length];
    return bounds
      .slice(0, -1)
      .map((from, k) => {
        const part = cuts.length ? sliceRows(rows, from, bounds[k + 1]!) : rows;
        const body = part.map((r, i) => rowHtml(r, values, k === 0 && i < KEEP_ROWS - 1 ? 'keep' : '')).join('\n');
        return `${open(cuts.length ? ' t3-part' : '')}<tbody>\n${body}\n</tbody>\n</table>`;
      })
      .join('\n');
  }
  // Table 二: one tbody per block that never splits, so a page always starts at a block's own header rows.
  const bodies = layout.blocks.map(
    (b) =>
      `<tbody>\n${[...b.head.map((r, i) => rowHtml(r, values, i === 0 ? 'block' : '')), ...b.rows.map((r) => rowHtml(r, values))].join('\n')}\n</tbody>`,
  );
  return `${open()}${bodies.join('\n')}\n</table>`;
}

// ---------------------------------------------------------------- narrative and appendix

const RULE_NAMES: Record<string, string> = {
  W1: '上年结转与上年报告不一致',
  W2: '现行有效件数与上年推算不一致',
  W3: '正文中的年份',
  W4: '正文数字与表格不一致',
  W5: '信息处理费情况',
};

/** A finding's path in words: a table cell by its template label, a text field by its section. */
function pathLabel(path: string): string {
  if (CELL_BY_PATH.has(path)) return cellLabel(path);
  if (path === 'agency') return '机关名称';
  if (path === 'year') return '报告年度';
  const place = textPlace(path);
  if (!place) return path;
  const where = `「${sectionTitle(section(place.section))}」`;
  return place.section === 'overview' ? `${where}第 ${place.part + 1} 部分` : where;
}

/** Warnings the clerk let stand, each with her written reason. */
function explainedFindings(report: Report, previous: Report | null = null): ExplainedFinding[] {
  return checkReport(report, { previous }).flatMap((f) => {
    const e = explanationFor(f, report.explanations);
    return e ? [{ finding: f, reason: e.reason }] : [];
  });
}

interface ExplainedFinding {
  finding: Finding;
  reason: string;
}

// ---------------------------------------------------------------- document

function printTitle(report: Report, blank = false): string {
  return reportTitle(blank && !report.agency.trim() ? '________' : report.agency, report.year);
}

/** The title in lines that break only between words (after the name, before 「政府信息公开…」). */
function titleHtml(report: Report, blank: boolean): string {
  const agency = blank && !report.agency.trim() ? '________' : report.agency;
  return titleLines(agency, report.year)
    .map((l) => `<span class="tl">${escapeHtml(l)}</span>`)
    .join('');
}

export function renderPrintableHtml(given: Report, options: PrintOptions = {}): string {
  const blank = options.blank === true;
  // A blank form printed from 汇总 goes out to the agencies: its title leaves the name to write in.
  const report = blank && options.sum ? { ...given, agency: '' } : given;
  const pageHeightMm = options.pageHeightMm ?? 297;
  const title = printTitle(report, blank);
  const values = blank ? null : allValues(report.cells);
  const sum = blank ? undefined : options.sum;
  const findings = blank || sum ? [] : checkReport(report, { previous: options.previous ?? null });
  const errors = findings.filter((f) => f.severity === 'error');

  const parts: string[] = [];
  for (const s of SECTIONS) {
    if ((blank || sum) && s.kind !== 'table') continue;
    parts.push(`<section class="s-${s.key}">\n<h2>${escapeHtml(sectionTitle(s))}</h2>`);
    if (s.key === 'overview' || s.key === 'problems' || s.key === 'otherMatters')
      parts.push(narrativeBlocks(report, s.key).map(blockHtml).join('\n'));
    else parts.push(tableHtml(s.key, values, pageHeightMm));
    parts.push('</section>');
  }

  const mark = errors.length ? '<div class="draft-mark" aria-hidden="true">草稿</div>\n' : '';
  const banner = sum?.problems.length
    ? `<p class="draft-banner" role="note">合计数有 ${sum.problems.length} 处未通过检查，请核对所合计的报告后再印发：${sum.problems.map(escapeHtml).join('；')}</p>\n`
    : errors.length
      ? `<p class="draft-banner" role="note">草稿：本报告还有 ${errors.length} 处错误未改正，不是定稿，不能作为正式报告印发。</p>\n`
      : '';
  const subtitle = blank ? '（空白表，供收集数据时填写）' : sum ? `（${sum.label}）` : '';

  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${PRINT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}${blank ? '（空白表）' : ''}</title>
<style>${pageHeightMm === 297 ? CSS : CSS.replace('size: A4;', `size: 210mm ${pageHeightMm}mm;`)}</style>
</head>
<body${blank ? ' class="blank"' : ''}>
${mark}<main class="doc">
${banner}<h1 class="title">${titleHtml(report, blank)}</h1>
${subtitle ? `<p class="subtitle">${escapeHtml(subtitle)}</p>\n` : ''}${parts.join('\n')}
</main>
</body>
</html>
`;
}

/**
 * 报送说明: the clerk's explanations of the warnings she let stand, on a sheet of their own
 * for the reviewer who receives the upload. Not part of the published report. Empty ('')
 * when nothing is explained.
 */
export function renderSubmissionNotesHtml(report: Report, options: { previous?: Report | null } = {}): string {
  const explained = explainedFindings(report, options.previous ?? null);
  if (!explained.length) return '';
  const title = printTitle(report);
  const rows = explained.map(
    ({ finding, reason }, i) =>
      `<tr><td>${i + 1}</td><td>${escapeHtml(finding.rule)} ${escapeHtml(RULE_NAMES[finding.rule] ?? '')}<span class="msg">${escapeHtml(
        finding.message,
      )}</span></td><td>${finding.cells.map((c) => escapeHtml(pathLabel(c))).join('<br>')}</td><td>${escapeHtml(reason)}</td></tr>`,
  );
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${PRINT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>报送说明：${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body class="notes-sheet">
<main class="doc">
<h1 class="title">报送说明</h1>
<p class="notes-meta">报告：${escapeHtml(title)}</p>
<p class="notes-meta">以下提示经填报人核实后保留，说明随 JSON 文件一并报送，供审核人员参阅，不属于公开发布的年度报告内容。</p>
<table class="t notes">
<colgroup><col style="width:7%"><col style="width:30%"><col style="width:28%"><col></colgroup>
<thead><tr><th scope="col">序号</th><th scope="col">提示</th><th scope="col">涉及的单元格</th><th scope="col">说明</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</main>
</body>
</html>
`;
}
