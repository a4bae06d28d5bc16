// Where each cell of tables 二, 三, 四 sits on screen: the shared layout description
// (src/report/tableLayout.ts) that the print, Word and web page also draw from. Arrow keys
// and paste both walk its grid, so they follow the cells as ReportTable renders them.
import { type CellPath, type TableKey, CELL_BY_PATH } from '../../report';
import { type Grid, TABLE_LAYOUTS, gridOf } from '../../report/tableLayout';

export type { Grid };

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
