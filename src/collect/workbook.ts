// The 汇总 exports: a workbook with tables 二, 三, 四 of the sum in the template's layout
// (merged headers as printed), the indicators, and the list; and a wide CSV, one row per
// report and one column per JSON path, for DuckDB or pandas.
import {
  CELLS,
  type CellPath,
  PROACTIVE_BLOCKS,
  PROACTIVE_BLOCK_FIRST_HEADER,
  REQUESTS_APPLICANTS,
  REQUESTS_COLUMNS,
  REQUESTS_CORNER,
  REQUESTS_ROWS,
  REVIEWS_COLUMNS,
  REVIEWS_GROUPS,
  REVIEWS_LITIGATION,
  REVIEWS_RECONSIDERATION,
  type Report,
  allValues,
  cellDecl,
  cellPath,
  section,
  sectionTitle,
} from '../report';
import { INDICATORS, type IndicatorValues } from '../report/summary';
import type { ListItem, OkEntry } from './model';
import { unpackCells } from './packed';
import { type XlsxSheet, type XlsxValue, cellRef } from './xlsx';

/** A cell's value as the workbook holds it: 收费金额 in 万元, counts as they are. */
function cellOut(values: Map<CellPath, number | null>, path: CellPath): XlsxValue {
  const v = values.get(path) ?? null;
  if (v === null) return null;
  return cellDecl(path).unit === 'fen' ? v / 1_000_000 : v;
}

const range = (r1: number, c1: number, r2: number, c2: number) => `${cellRef(r1, c1)}:${cellRef(r2, c2)}`;

function proactiveSheet(values: Map<CellPath, number | null>): XlsxSheet {
  const rows: XlsxValue[][] = [];
  const merges: string[] = [];
  for (const b of PROACTIVE_BLOCKS) {
    const r0 = rows.length;
    rows.push([b.header, null, null, null]);
    merges.push(range(r0, 0, r0, 3));
    const head: XlsxValue[] = [PROACTIVE_BLOCK_FIRST_HEADER, ...b.columns.map((c) => c.label)];
    while (head.length < 4) head.push(null);
    rows.push(head);
    if (b.columns.length === 1) merges.push(range(r0 + 1, 1, r0 + 1, 3));
    for (const r of b.rows) {
      const line: XlsxValue[] = [
        r.label,
        ...b.columns.map((c) => cellOut(values, cellPath('proactive', r.keys, c.key))),
      ];
      while (line.length < 4) line.push(null);
      if (b.columns.length === 1) merges.push(range(rows.length, 1, rows.length, 3));
      rows.push(line);
    }
  }
  return { name: sectionTitle(section('proactive')), rows, merges, widths: [22, 18, 18, 18] };
}

function requestsSheet(values: Map<CellPath, number | null>): XlsxSheet {
  const cols = REQUESTS_COLUMNS;
  const orgStart = cols.findIndex((c) => c.group);
  const orgEnd = cols.length - 1 - [...cols].reverse().findIndex((c) => c.group);
  const L = 3; // label columns: group, sub-group, item
  const rows: XlsxValue[][] = [
    [REQUESTS_CORNER, null, null, REQUESTS_APPLICANTS, ...cols.slice(1).map(() => null)],
    [null, null, null, ...cols.map((c, i) => (c.group ? (i === orgStart ? c.group : null) : c.label))],
    [null, null, null, ...cols.map((c) => (c.group ? c.label : null))],
  ];
  const merges = [range(0, 0, 2, L - 1), range(0, L, 0, L + cols.length - 1), range(1, L + orgStart, 1, L + orgEnd)];
  cols.forEach((c, i) => {
    if (!c.group) merges.push(range(1, L + i, 2, L + i));
  });
  const first = rows.length;
  for (const r of REQUESTS_ROWS) {
    const [g0, g1] = r.groups;
    rows.push([
      g0 ?? r.label,
      g1 ?? (g0 ? r.label : null),
      g1 ? r.label : null,
      ...cols.map((c) => cellOut(values, cellPath('requests', r.keys, c.key))),
    ]);
  }
  // Merge labels: a row without groups spans the three label columns; one with a single
  // group spans the last two; runs of the same group label merge down.
  REQUESTS_ROWS.forEach((r, i) => {
    const at = first + i;
    if (r.groups.length === 0) merges.push(range(at, 0, at, L - 1));
    else if (r.groups.length === 1) merges.push(range(at, 1, at, L - 1));
  });
  for (let depth = 0; depth < 2; depth++) {
    for (let i = 0; i < REQUESTS_ROWS.length; ) {
      const g = REQUESTS_ROWS[i]!.groups[depth];
      let j = i + 1;
      while (g && j < REQUESTS_ROWS.length && REQUESTS_ROWS[j]!.groups[depth] === g) j++;
      if (g && j - i > 1) {
        merges.push(range(first + i, depth, first + j - 1, depth));
        for (let k = i + 1; k < j; k++) rows[first + k]![depth] = null;
      }
      i = j;
    }
  }
  return {
    name: sectionTitle(section('requests')),
    rows,
    merges,
    headerRows: 3,
    wrapColumns: L,
    widths: [14, 14, 40, ...cols.map(() => 10)],
  };
}

function reviewsSheet(values: Map<CellPath, number | null>): XlsxSheet {
  const n = REVIEWS_COLUMNS.length;
  const [recon, ...lit] = REVIEWS_GROUPS;
  const width = n * REVIEWS_GROUPS.length;
  const row0: XlsxValue[] = Array.from({ length: width }, () => null);
  const row1: XlsxValue[] = Array.from({ length: width }, () => null);
  const row2: XlsxValue[] = Array.from({ length: width }, () => null);
  row0[0] = REVIEWS_RECONSIDERATION;
  row0[n] = REVIEWS_LITIGATION;
  const merges = [range(0, 0, 0, n - 1), range(0, n, 0, width - 1)];
  REVIEWS_COLUMNS.forEach((c, i) => {
    row1[i] = c.label;
    merges.push(range(1, i, 2, i));
  });
  lit.forEach((g, gi) => {
    const start = n * (gi + 1);
    row1[start] = g.label;
    merges.push(range(1, start, 1, start + n - 1));
    REVIEWS_COLUMNS.forEach((c, i) => {
      row2[start + i] = c.label;
    });
  });
  const data = [recon!, ...lit].flatMap((g) =>
    REVIEWS_COLUMNS.map((c) => cellOut(values, cellPath('reviews', g.keys, c.key))),
  );
  return {
    name: sectionTitle(section('reviews')),
    rows: [row0, row1, row2, data],
    merges,
    headerRows: 3,
    widths: Array.from({ length: width }, () => 10),
  };
}

function indicatorSheet(sum: IndicatorValues, count: number): XlsxSheet {
  return {
    name: '指标',
    rows: [['指标', `合计（${count} 份）`, '计算方法'], ...INDICATORS.map((i) => [i.label, sum[i.key], i.formula])],
    headerRows: 1,
    widths: [14, 14, 60],
  };
}

const LIST_HEADER = [
  '机关',
  '年度',
  '状态',
  '重复（以此文件为准）',
  '错误',
  '警告',
  '已说明的警告',
  '本年新收',
  '新收较上年',
  '予以公开',
  '行政复议',
  '行政诉讼',
  ...INDICATORS.map((i) => i.label),
  '文件',
];

function listSheet(items: readonly ListItem[]): XlsxSheet {
  return {
    name: '报告列表',
    rows: [
      LIST_HEADER,
      ...items.map((it) => [
        it.agency,
        it.year,
        it.status === 'final' ? '定稿' : '草稿',
        it.duplicateOf,
        it.errors,
        it.warnings,
        it.explained,
        it.newReceived,
        it.newReceivedChange,
        it.disclosed,
        it.reconsideration,
        it.litigation,
        ...INDICATORS.map((i) => it[i.key]),
        it.fileName,
      ]),
    ],
    headerRows: 1,
    widths: [24, 8, 8, 24, 6, 6, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 40],
  };
}

/** The whole workbook: the sum's three tables, its indicators, then the list. */
export function collectionSheets(
  sum: Report,
  sumCount: number,
  sumIndicators: IndicatorValues,
  items: readonly ListItem[],
): XlsxSheet[] {
  const values = allValues(sum.cells);
  return [
    proactiveSheet(values),
    requestsSheet(values),
    reviewsSheet(values),
    indicatorSheet(sumIndicators, sumCount),
    listSheet(items),
  ];
}

// ---------------------------------------------------------------- CSV

const csvField = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Columns of the wide CSV: the report's identity, its checks, then every cell by JSON path. */
export const CSV_COLUMNS = [
  'file',
  'agency',
  'year',
  'status',
  'duplicate_of',
  'errors',
  'warnings',
  'explained',
  ...CELLS.map((c) => c.path),
];

/**
 * One row per accepted report (duplicates too, marked), UTF-8 with a byte-order mark so
 * Excel and WPS read the Chinese, CRLF line ends. 收费金额 in 万元 as in the JSON.
 */
export function wideCsv(entries: readonly OkEntry[], items: readonly ListItem[]): string {
  const dupOf = new Map(items.map((it) => [it.id, it.duplicateOf]));
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of entries) {
    const values = allValues(unpackCells(e.cells));
    lines.push(
      [
        e.fileName,
        e.row.agency,
        e.row.year,
        e.row.status,
        dupOf.get(e.id) ?? null,
        e.row.errors,
        e.row.warnings,
        e.row.explained,
        ...CELLS.map((c) => cellOut(values, c.path)),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
