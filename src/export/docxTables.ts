// Tables 二/三/四 as grids of text with spans, for the Word file.
import {
  type CellPath,
  type ColumnDecl,
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
  cellPath,
  formatCell,
} from '../report';

export interface GridCell {
  text: string;
  rowSpan: number;
  colSpan: number;
  /** block: 表二's 第二十条 rows (黑体); item: a left-aligned row label; value: a figure. */
  kind: 'block' | 'head' | 'corner' | 'label' | 'item' | 'value';
  path?: CellPath;
}

export interface GridRow {
  /** Repeats at the top of each page (only leading rows can). */
  header: boolean;
  /** Cells in reading order; a cell covered by a span from above is not listed. */
  cells: GridCell[];
}

export interface Grid {
  /** Relative column widths. */
  widths: number[];
  /** The first rows kept on one page (with the heading before the table): no stub of a table at a page's foot. */
  keepRows: number;
  rows: GridRow[];
}

type Values = Map<CellPath, number | null>;

const head = (text: string, rowSpan = 1, colSpan = 1, kind: GridCell['kind'] = 'head'): GridCell => ({
  text,
  rowSpan,
  colSpan,
  kind,
});

function value(path: CellPath, values: Values | null, colSpan = 1): GridCell {
  const decl = CELL_BY_PATH.get(path);
  const text = values && decl ? formatCell(values.get(path) ?? null, decl.unit) : '';
  return { text, rowSpan: 1, colSpan, kind: 'value', path };
}

function proactive(values: Values | null): Grid {
  const width = Math.max(...PROACTIVE_BLOCKS.map((b) => b.columns.length));
  const colSpanOf = (cols: readonly ColumnDecl[], i: number) => (i === cols.length - 1 ? width - cols.length + 1 : 1);
  const rows: GridRow[] = [];
  for (const block of PROACTIVE_BLOCKS) {
    rows.push({ header: false, cells: [head(block.header, 1, width + 1, 'block')] });
    rows.push({
      header: false,
      cells: [
        head(PROACTIVE_BLOCK_FIRST_HEADER),
        ...block.columns.map((c, i) => head(c.label, 1, colSpanOf(block.columns, i))),
      ],
    });
    for (const r of block.rows) {
      rows.push({
        header: false,
        cells: [
          head(r.label, 1, 1, 'label'),
          ...block.columns.map((c, i) =>
            value(cellPath('proactive', r.keys, c.key), values, colSpanOf(block.columns, i)),
          ),
        ],
      });
    }
  }
  return { widths: [34, ...Array<number>(width).fill(22)], rows, keepRows: rows.length };
}

function requests(values: Values | null): Grid {
  const labelDepth = 1 + Math.max(...REQUESTS_ROWS.map((r) => r.groups.length));
  const grouped = REQUESTS_COLUMNS.filter((c) => c.group);
  const rows: GridRow[] = [
    {
      header: true,
      cells: [head(REQUESTS_CORNER, 3, labelDepth, 'corner'), head(REQUESTS_APPLICANTS, 1, REQUESTS_COLUMNS.length)],
    },
    { header: true, cells: [] },
    { header: true, cells: grouped.map((c) => head(c.label)) },
  ];
  const seenGroup = new Set<string>();
  for (const c of REQUESTS_COLUMNS) {
    if (!c.group) rows[1]!.cells.push(head(c.label, 2));
    else if (!seenGroup.has(c.group)) {
      seenGroup.add(c.group);
      rows[1]!.cells.push(head(c.group, 1, REQUESTS_COLUMNS.filter((x) => x.group === c.group).length));
    }
  }
  const seen = new Set<string>();
  for (const r of REQUESTS_ROWS) {
    const cells: GridCell[] = [];
    r.groups.forEach((g, level) => {
      const key = r.groups.slice(0, level + 1).join('/');
      if (seen.has(key)) return;
      seen.add(key);
      const count = REQUESTS_ROWS.filter((x: RowDecl) => x.groups.slice(0, level + 1).join('/') === key).length;
      cells.push(head(g, count, 1, 'label'));
    });
    cells.push(head(r.label, 1, labelDepth - r.groups.length, 'item'));
    for (const c of REQUESTS_COLUMNS) cells.push(value(cellPath('requests', r.keys, c.key), values));
    rows.push({ header: false, cells });
  }
  // Header rows and at least 8 body rows start together on a page.
  return { widths: [7, 9, 30, ...Array<number>(REQUESTS_COLUMNS.length).fill(54 / 7)], rows, keepRows: 3 + 8 };
}

function reviews(values: Values | null): Grid {
  const n = REVIEWS_COLUMNS.length;
  const top: { label: string; count: number }[] = [];
  for (const g of REVIEWS_GROUPS) {
    const label = g.groups[0] ?? g.label;
    const last = top[top.length - 1];
    if (g.groups[0] && last && last.label === label) last.count++;
    else top.push({ label, count: 1 });
  }
  const colLabels = (rowSpan: number) => REVIEWS_COLUMNS.map((c) => head(c.label, rowSpan));
  const rows: GridRow[] = [
    { header: true, cells: top.map((t) => head(t.label, 1, n * t.count)) },
    {
      header: true,
      cells: REVIEWS_GROUPS.flatMap((g) => (g.groups.length ? [head(g.label, 1, n)] : colLabels(2))),
    },
    { header: true, cells: REVIEWS_GROUPS.filter((g) => g.groups.length).flatMap(() => colLabels(1)) },
    {
      header: false,
      cells: REVIEWS_GROUPS.flatMap((g) =>
        REVIEWS_COLUMNS.map((c) => value(cellPath('reviews', g.keys, c.key), values)),
      ),
    },
  ];
  return { widths: Array<number>(n * REVIEWS_GROUPS.length).fill(1), rows, keepRows: rows.length };
}

export function docxGrids(values: Values | null): Record<'proactive' | 'requests' | 'reviews', Grid> {
  return { proactive: proactive(values), requests: requests(values), reviews: reviews(values) };
}
