// The printable report: one standalone HTML document (inline CSS, no script, a CSP
// that forbids script) laid out after GB/T 9704-2012. Tables 二, 三 and 四 are generated
// from the format declaration, with the national template's merged cells. Pure: a
// string in, a string out, so the download, the in-app preview and the tests all
// see the same document.
import {
  type CellPath,
  type ColumnDecl,
  type Finding,
  type Report,
  type RowDecl,
  CELL_BY_PATH,
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
  cellLabel,
  cellPath,
  checkReport,
  explanationFor,
  formatCell,
  reportTitle,
  section,
  sectionTitle,
} from '../report';

export interface PrintOptions {
  /** 打印空白表: the tables with empty cells and no narrative, for collecting figures on paper. */
  blank?: boolean;
  /** Last year's report, so W1/W2 findings (and their explanations) are known. */
  previous?: Report | null;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

export const PRINT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

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
  @bottom-center {
    content: "— " counter(page) " —";
    font-family: ${FONT_SONG};
    font-size: 14pt;
    vertical-align: top;
    padding-top: 7mm;
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
.t .item { text-align: left; }
/* A figure never breaks inside its cell. */
.t td[data-cell] { font-variant-numeric: tabular-nums; overflow-wrap: normal; word-break: keep-all; padding: 2pt 1pt; }
.t2 .block th { font-family: ${FONT_HEI}; }
.t3 .corner { text-align: left; }
.t4 th { padding: 2pt 1pt; }
.blank .t td { height: 1.6em; }
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
.appendix { break-before: page; }
.appendix .attach { font-family: ${FONT_HEI}; text-indent: 0; }
.appendix .title { margin-top: 14pt; }
.notes .item { font-size: 9pt; color: #333; display: block; margin-top: 2pt; }
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

const CN_DIGITS = '〇一二三四五六七八九';
/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (enough for any number of sub-sections). */
export function chineseNumeral(n: number): string {
  if (n < 10) return CN_DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]!}十${ones ? CN_DIGITS[ones]! : ''}`;
}

/** Numbering a clerk may have typed before a heading; the print numbers headings itself. */
const TYPED_NUMBERING = /^\s*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．)）])\s*/;

/** Blank lines separate paragraphs; a single line break stays a line break. */
function paragraphs(text: string): string {
  return text
    .split(/\n[ \t\u3000]*\n/)
    .map((p) => p.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter((p) => p !== '')
    .map((p) => `<p>${escapeHtml(p).replace(/\n[ \t\u3000]*/g, '<br>')}</p>`)
    .join('\n');
}

type Values = Map<CellPath, number | null>;

function valueCell(path: CellPath, values: Values | null, attrs = ''): string {
  const decl = CELL_BY_PATH.get(path);
  const v = values && decl ? formatCell(values.get(path) ?? null, decl.unit) : '';
  return `<td data-cell="${escapeHtml(path)}"${attrs}>${escapeHtml(v)}</td>`;
}

const span = (rowspan: number, colspan: number): string =>
  `${rowspan > 1 ? ` rowspan="${rowspan}"` : ''}${colspan > 1 ? ` colspan="${colspan}"` : ''}`;

// ---------------------------------------------------------------- 表二

function proactiveTable(values: Values | null): string {
  const width = Math.max(...PROACTIVE_BLOCKS.map((b) => b.columns.length));
  // A block with fewer columns than the widest lets its last column take the rest.
  const colspanOf = (cols: readonly ColumnDecl[], i: number) => (i === cols.length - 1 ? width - cols.length + 1 : 1);
  const rows: string[] = [];
  for (const block of PROACTIVE_BLOCKS) {
    rows.push(`<tr class="block"><th scope="colgroup"${span(1, width + 1)}>${escapeHtml(block.header)}</th></tr>`);
    rows.push(
      `<tr><th scope="col">${escapeHtml(PROACTIVE_BLOCK_FIRST_HEADER)}</th>${block.columns
        .map((c, i) => `<th scope="col"${span(1, colspanOf(block.columns, i))}>${escapeHtml(c.label)}</th>`)
        .join('')}</tr>`,
    );
    for (const r of block.rows) {
      rows.push(
        `<tr><th scope="row">${escapeHtml(r.label)}</th>${block.columns
          .map((c, i) => valueCell(cellPath('proactive', r.keys, c.key), values, span(1, colspanOf(block.columns, i))))
          .join('')}</tr>`,
      );
    }
  }
  return `<table class="t t2">
<colgroup><col style="width:34%">${'<col>'.repeat(width)}</colgroup>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

// ---------------------------------------------------------------- 表三

/** Consecutive columns under the same group label, in order. */
function columnRuns(cols: readonly ColumnDecl[]): { group?: string; cols: ColumnDecl[] }[] {
  const runs: { group?: string; cols: ColumnDecl[] }[] = [];
  for (const c of cols) {
    const last = runs[runs.length - 1];
    if (c.group && last && last.group === c.group) last.cols.push(c);
    else runs.push(c.group ? { group: c.group, cols: [c] } : { cols: [c] });
  }
  return runs;
}

function requestsTable(values: Values | null): string {
  const labelDepth = 1 + Math.max(...REQUESTS_ROWS.map((r) => r.groups.length));
  const runs = columnRuns(REQUESTS_COLUMNS);
  const headRows = 1 + (runs.some((r) => r.group) ? 2 : 1);
  const head = [
    `<tr><th class="corner" scope="col"${span(headRows, labelDepth)}>${escapeHtml(REQUESTS_CORNER)}</th><th scope="colgroup"${span(
      1,
      REQUESTS_COLUMNS.length,
    )}>${escapeHtml(REQUESTS_APPLICANTS)}</th></tr>`,
    `<tr>${runs
      .map((run) =>
        run.group
          ? `<th scope="colgroup"${span(1, run.cols.length)}>${escapeHtml(run.group)}</th>`
          : `<th scope="col"${span(headRows - 1, 1)}>${escapeHtml(run.cols[0]!.label)}</th>`,
      )
      .join('')}</tr>`,
    `<tr>${runs
      .filter((run) => run.group)
      .flatMap((run) => run.cols.map((c) => `<th scope="col">${escapeHtml(c.label)}</th>`))
      .join('')}</tr>`,
  ];
  const body: string[] = [];
  const seen = new Set<string>();
  for (const r of REQUESTS_ROWS) {
    let cells = '';
    r.groups.forEach((g, level) => {
      const key = r.groups.slice(0, level + 1).join('/');
      if (seen.has(key)) return;
      seen.add(key);
      const count = REQUESTS_ROWS.filter((x) => x.groups.slice(0, level + 1).join('/') === key).length;
      cells += `<th scope="rowgroup"${span(count, 1)}>${escapeHtml(g)}</th>`;
    });
    cells += `<th class="item" scope="row"${span(1, labelDepth - r.groups.length)}>${escapeHtml(r.label)}</th>`;
    cells += REQUESTS_COLUMNS.map((c) => valueCell(cellPath('requests', r.keys, c.key), values)).join('');
    body.push(`<tr>${cells}</tr>`);
  }
  return `<table class="t t3">
<colgroup><col style="width:6%"><col style="width:10%"><col style="width:25%">${'<col>'.repeat(REQUESTS_COLUMNS.length)}</colgroup>
<thead>
${head.join('\n')}
</thead>
<tbody>
${body.join('\n')}
</tbody>
</table>`;
}

// ---------------------------------------------------------------- 表四

function reviewsTable(values: Values | null): string {
  const n = REVIEWS_COLUMNS.length;
  // Top row: a group without a parent (行政复议) stands alone; grouped ones (行政诉讼) merge.
  const top: { label: string; groups: RowDecl[] }[] = [];
  for (const g of REVIEWS_GROUPS) {
    const label = g.groups[0] ?? g.label;
    const last = top[top.length - 1];
    if (g.groups[0] && last && last.label === label) last.groups.push(g);
    else top.push({ label, groups: [g] });
  }
  const colLabels = (attrs: string) =>
    REVIEWS_COLUMNS.map((c) => `<th scope="col"${attrs}>${escapeHtml(c.label)}</th>`).join('');
  const r1 = top.map((t) => `<th scope="colgroup"${span(1, n * t.groups.length)}>${escapeHtml(t.label)}</th>`).join('');
  const r2 = REVIEWS_GROUPS.map((g) =>
    g.groups.length ? `<th scope="colgroup"${span(1, n)}>${escapeHtml(g.label)}</th>` : colLabels(span(2, 1)),
  ).join('');
  const r3 = REVIEWS_GROUPS.filter((g) => g.groups.length)
    .map(() => colLabels(''))
    .join('');
  const r4 = REVIEWS_GROUPS.flatMap((g) =>
    REVIEWS_COLUMNS.map((c) => valueCell(cellPath('reviews', g.keys, c.key), values)),
  ).join('');
  return `<table class="t t4">
<thead>
<tr>${r1}</tr>
<tr>${r2}</tr>
<tr>${r3}</tr>
</thead>
<tbody>
<tr>${r4}</tr>
</tbody>
</table>`;
}

// ---------------------------------------------------------------- narrative and appendix

function overview(report: Report): string {
  let n = 0;
  return report.overview
    .map((part) => {
      const heading = part.heading.trim().replace(TYPED_NUMBERING, '');
      const h = heading ? `<h3>（${chineseNumeral(++n)}）${escapeHtml(heading)}</h3>\n` : '';
      return h + paragraphs(part.body);
    })
    .join('\n');
}

const RULE_NAMES: Record<string, string> = {
  W1: '上年结转与上年报告不一致',
  W2: '现行有效件数与上年推算不一致',
  W3: '正文中的年份',
  W4: '正文数字与表格不一致',
  W5: '信息处理费情况',
};

/** A finding's path in words: a table cell by its template label, a text field by its section. */
export function pathLabel(path: string): string {
  if (CELL_BY_PATH.has(path)) return cellLabel(path);
  if (path === 'agency') return '机关名称';
  if (path === 'year') return '报告年度';
  const ov = /^overview\.(\d+)\./.exec(path);
  if (ov) return `「${sectionTitle(section('overview'))}」第 ${Number(ov[1]) + 1} 部分`;
  if (path === 'problems' || path === 'otherMatters') return `「${sectionTitle(section(path))}」`;
  return path;
}

function appendix(explained: { finding: Finding; reason: string }[]): string {
  if (!explained.length) return '';
  const rows = explained.map(
    ({ finding, reason }) =>
      `<tr><td>${escapeHtml(finding.rule)} ${escapeHtml(RULE_NAMES[finding.rule] ?? '')}<span class="item">${escapeHtml(
        finding.message,
      )}</span></td><td>${finding.cells.map((c) => escapeHtml(pathLabel(c))).join('<br>')}</td><td>${escapeHtml(reason)}</td></tr>`,
  );
  return `<section class="appendix">
<p class="attach">附件</p>
<h2 class="title">数据说明</h2>
<table class="t notes">
<colgroup><col style="width:30%"><col style="width:32%"><col></colgroup>
<thead><tr><th scope="col">提示</th><th scope="col">涉及的单元格</th><th scope="col">说明</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</section>`;
}

// ---------------------------------------------------------------- document

export function printTitle(report: Report, blank = false): string {
  return reportTitle(blank && !report.agency.trim() ? '________' : report.agency, report.year);
}

export function renderPrintableHtml(report: Report, options: PrintOptions = {}): string {
  const blank = options.blank === true;
  const title = printTitle(report, blank);
  const values = blank ? null : allValues(report.cells);
  const findings = blank ? [] : checkReport(report, { previous: options.previous ?? null });
  const errors = findings.filter((f) => f.severity === 'error');
  const explained = findings.flatMap((f) => {
    const e = explanationFor(f, report.explanations);
    return e ? [{ finding: f, reason: e.reason }] : [];
  });

  const parts: string[] = [];
  for (const s of SECTIONS) {
    if (blank && s.kind !== 'table') continue;
    parts.push(`<section class="s-${s.key}">\n<h2>${escapeHtml(sectionTitle(s))}</h2>`);
    if (s.key === 'overview') parts.push(overview(report));
    else if (s.key === 'proactive') parts.push(proactiveTable(values));
    else if (s.key === 'requests') parts.push(requestsTable(values));
    else if (s.key === 'reviews') parts.push(reviewsTable(values));
    else parts.push(paragraphs(report[s.key]));
    parts.push('</section>');
  }

  const mark = errors.length ? '<div class="draft-mark" aria-hidden="true">草稿</div>\n' : '';
  const banner = errors.length
    ? `<p class="draft-banner" role="note">草稿：本报告还有 ${errors.length} 处错误未改正，不是定稿，不能作为正式报告印发。</p>\n`
    : '';

  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${PRINT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}${blank ? '（空白表）' : ''}</title>
<style>${CSS}</style>
</head>
<body${blank ? ' class="blank"' : ''}>
${mark}<main class="doc">
${banner}<h1 class="title">${escapeHtml(title)}</h1>
${blank ? '<p class="subtitle">（空白表，供收集数据时填写）</p>\n' : ''}${parts.join('\n')}
${blank ? '' : appendix(explained)}
</main>
</body>
</html>
`;
}
