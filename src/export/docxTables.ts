// Tables 二/三/四 for the Word file, drawn from the shared layout description
// (src/report/tableLayout.ts): the same rows, spans and cells as the print.
import { type CellPath, type TableKey, formatCell } from '../report';
import { type LayoutCell, type TableLayout, TABLE_LAYOUTS, layoutRows } from '../report/tableLayout';

export interface GridCell {
  text: string;
  rowSpan: number;
  colSpan: number;
  /** block: 表二's 第二十条 rows (黑体); label: a row label or row group; item: a left-aligned row label; value: a figure. */
  kind: 'block' | 'head' | 'corner' | 'label' | 'item' | 'value';
  path?: CellPath;
}

interface GridRow {
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

function gridCell(table: TableKey, c: LayoutCell, values: Values | null): GridCell {
  if (c.kind === 'value') {
    const text = values ? formatCell(values.get(c.path) ?? null, c.unit) : '';
    return { text, rowSpan: 1, colSpan: c.colSpan, kind: 'value', path: c.path };
  }
  const kind: GridCell['kind'] =
    c.role === 'block'
      ? 'block'
      : c.role === 'corner'
        ? 'corner'
        : c.role === 'column'
          ? 'head'
          : c.role === 'label' && table === 'requests'
            ? 'item'
            : 'label';
  return { text: c.text, rowSpan: c.rowSpan, colSpan: c.colSpan, kind };
}

/** Column widths in percent: table 三's label columns are wide enough for its long row labels. */
function widths(layout: TableLayout): number[] {
  const values = layout.width - layout.labelColumns;
  if (layout.table === 'requests')
    return [7, 9, 30].slice(0, layout.labelColumns).concat(Array<number>(values).fill(54 / values));
  if (layout.table === 'proactive') return [34, ...Array<number>(values).fill(66 / values)];
  return Array<number>(layout.width).fill(100 / layout.width);
}

function grid(layout: TableLayout, values: Values | null): Grid {
  const rows = layoutRows(layout).map((r, i) => ({
    // Only the table's own head repeats: Word repeats leading rows only (table 二's block heads are not).
    header: i < layout.head.length,
    cells: r.cells.map((c) => gridCell(layout.table, c, values)),
  }));
  // Every table is kept whole with its heading: each fits a page (table 三 with its compact rows,
  // filled or blank), and Word cannot repeat the group labels (三、本年度办理结果, （三）不予公开)
  // of merged cells on a continuation page, so a split would leave rows without their group.
  const keepRows = rows.length;
  return { widths: widths(layout), keepRows, rows };
}

export function docxGrids(values: Values | null): Record<TableKey, Grid> {
  return {
    proactive: grid(TABLE_LAYOUTS.proactive, values),
    requests: grid(TABLE_LAYOUTS.requests, values),
    reviews: grid(TABLE_LAYOUTS.reviews, values),
  };
}
