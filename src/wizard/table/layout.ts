// Where each cell of tables 二, 三, 四 sits on screen: the shared layout description
// (src/report/tableLayout.ts) that the print, Word and web page also draw from. Arrow keys
// and paste both walk its grid, so they follow the cells as ReportTable renders them.
import { type CellPath, type TableKey, CELL_BY_PATH } from '../../report';
import { type Grid, TABLE_LAYOUTS, gridOf } from '../../report/tableLayout';

export type { Grid };

/** Table 二's blocks share one grid as wide as its widest block (label column excluded). */
export const PROACTIVE_WIDTH = TABLE_LAYOUTS.proactive.width - TABLE_LAYOUTS.proactive.labelColumns;

export const GRIDS: Readonly<Record<TableKey, Grid>> = {
  proactive: gridOf(TABLE_LAYOUTS.proactive),
  requests: gridOf(TABLE_LAYOUTS.requests),
  reviews: gridOf(TABLE_LAYOUTS.reviews),
};

export interface Position {
  row: number;
  col: number;
}

/** The top-left position of a cell in its grid. */
export function positionOf(grid: Grid, path: CellPath): Position | null {
  for (let row = 0; row < grid.length; row++) {
    const col = grid[row]!.indexOf(path);
    if (col >= 0) return { row, col };
  }
  return null;
}

export const isDerived = (path: CellPath): boolean => CELL_BY_PATH.get(path)?.derived ?? false;

/**
 * The next input cell from `from` in direction (dRow, dCol), skipping read-only totals
 * and the other positions of a spanning cell; null at the table's edge.
 */
export function neighbour(grid: Grid, from: CellPath, dRow: number, dCol: number): CellPath | null {
  const start = positionOf(grid, from);
  if (!start) return null;
  let { row, col } = start;
  for (;;) {
    row += dRow;
    col += dCol;
    const path = grid[row]?.[col];
    if (path === undefined) return null;
    if (path !== from && !isDerived(path)) return path;
  }
}

/** A row label cell of table 三: group cells span the rows of their group. */
export interface LabelCell {
  text: string;
  rowSpan: number;
  colSpan: number;
  /** Depth 0 is the outermost label column. */
  depth: number;
}

/** How many label columns table 三 has (group, sub-group, item). */
export const REQUESTS_LABEL_DEPTH = TABLE_LAYOUTS.requests.labelColumns;

/** The label cells that start on each body row of table 三, with rowSpan/colSpan as the template draws them. */
export const REQUESTS_LABEL_CELLS: readonly LabelCell[][] = TABLE_LAYOUTS.requests.blocks[0]!.rows.map((r) =>
  r.cells.flatMap((c) =>
    c.kind === 'header' ? [{ text: c.text, rowSpan: c.rowSpan, colSpan: c.colSpan, depth: c.depth ?? 0 }] : [],
  ),
);
