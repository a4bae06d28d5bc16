// Where each cell of tables 二, 三, 四 sits on screen, derived from the declarations in
// src/report/format.ts. Arrow keys and paste both walk this grid, so it must match the
// order in which ReportTable renders the cells.
import {
  type CellPath,
  type RowDecl,
  type TableKey,
  CELL_BY_PATH,
  PROACTIVE_BLOCKS,
  REQUESTS_COLUMNS,
  REQUESTS_ROWS,
  REVIEWS_COLUMNS,
  REVIEWS_GROUPS,
  cellPath,
} from '../../report';

/** Rows of visible cell positions; a cell spanning several columns repeats its path. */
export type Grid = readonly (readonly CellPath[])[];

/** Table 二's blocks share one grid as wide as its widest block. */
export const PROACTIVE_WIDTH = Math.max(...PROACTIVE_BLOCKS.map((b) => b.columns.length));

function buildGrid(table: TableKey): CellPath[][] {
  if (table === 'proactive') {
    return PROACTIVE_BLOCKS.flatMap((b) =>
      b.rows.map((r) =>
        Array.from({ length: PROACTIVE_WIDTH }, (_, i) => {
          // A one-column block stretches over the full width (as in the template).
          const col = b.columns[Math.min(i, b.columns.length - 1)]!;
          return cellPath('proactive', r.keys, col.key);
        }),
      ),
    );
  }
  if (table === 'requests') {
    return REQUESTS_ROWS.map((r) => REQUESTS_COLUMNS.map((c) => cellPath('requests', r.keys, c.key)));
  }
  // Table 四 is one printed row of fifteen cells.
  return [REVIEWS_GROUPS.flatMap((g) => REVIEWS_COLUMNS.map((c) => cellPath('reviews', g.keys, c.key)))];
}

export const GRIDS: Readonly<Record<TableKey, Grid>> = {
  proactive: buildGrid('proactive'),
  requests: buildGrid('requests'),
  reviews: buildGrid('reviews'),
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
export const REQUESTS_LABEL_DEPTH = 1 + Math.max(...REQUESTS_ROWS.map((r) => r.groups.length));

/** The label cells that start on each row, with rowSpan/colSpan as the template draws them. */
export function rowLabelCells(rows: readonly RowDecl[], depth: number): LabelCell[][] {
  return rows.map((r, i) => {
    const out: LabelCell[] = [];
    r.groups.forEach((g, level) => {
      const prefix = r.groups.slice(0, level + 1);
      const same = (x: RowDecl | undefined) => !!x && prefix.every((p, k) => x.groups[k] === p);
      if (same(rows[i - 1])) return;
      let span = 1;
      while (same(rows[i + span])) span++;
      out.push({ text: g, rowSpan: span, colSpan: 1, depth: level });
    });
    out.push({ text: r.label, rowSpan: 1, colSpan: depth - r.groups.length, depth: r.groups.length });
    return out;
  });
}
