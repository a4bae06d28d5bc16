// Every cell of tables 二, 三, 四, enumerated from the declarations in format.ts,
// with what a derived cell is the sum of (rules D1–D3).
import {
  type CellPath,
  type CellUnit,
  type ColumnDecl,
  type RowDecl,
  type TableKey,
  PROACTIVE_BLOCKS,
  REQUESTS_COLUMNS,
  REQUESTS_ROWS,
  REVIEWS_COLUMNS,
  REVIEWS_GROUPS,
  section,
  sectionTitle,
} from './format';
import { textPlace } from './textPaths';

export interface CellDecl {
  readonly path: CellPath;
  readonly table: TableKey;
  readonly row: RowDecl;
  readonly column: ColumnDecl;
  readonly unit: CellUnit;
  readonly derived: boolean;
  /** Which rule derives it (D1 row total, D2 （七）总计, D3 复议/诉讼 total). */
  readonly rule?: 'D1' | 'D2' | 'D3';
  /** For a derived cell: the cells it is the sum of (may themselves be derived). */
  readonly parts: readonly CellPath[];
}

export const cellPath = (table: TableKey, rowKeys: readonly string[], column: string): CellPath =>
  [table, ...rowKeys, column].join('.');

function build(): CellDecl[] {
  const out: CellDecl[] = [];
  for (const block of PROACTIVE_BLOCKS) {
    for (const r of block.rows) {
      for (const c of block.columns) {
        out.push({
          path: cellPath('proactive', r.keys, c.key),
          table: 'proactive',
          row: r,
          column: c,
          unit: c.unit,
          derived: false,
          parts: [],
        });
      }
    }
  }
  const applicantCols = REQUESTS_COLUMNS.filter((c) => !c.derived);
  const handledParts = REQUESTS_ROWS.filter((r) => r.groups.length > 0 && !r.derived);
  for (const r of REQUESTS_ROWS) {
    for (const c of REQUESTS_COLUMNS) {
      const path = cellPath('requests', r.keys, c.key);
      if (c.derived) {
        const parts = applicantCols.map((a) => cellPath('requests', r.keys, a.key));
        out.push({ path, table: 'requests', row: r, column: c, unit: 'count', derived: true, rule: 'D1', parts });
      } else if (r.derived) {
        const parts = handledParts.map((p) => cellPath('requests', p.keys, c.key));
        out.push({ path, table: 'requests', row: r, column: c, unit: 'count', derived: true, rule: 'D2', parts });
      } else {
        out.push({ path, table: 'requests', row: r, column: c, unit: 'count', derived: false, parts: [] });
      }
    }
  }
  const reviewInputs = REVIEWS_COLUMNS.filter((c) => !c.derived);
  for (const g of REVIEWS_GROUPS) {
    for (const c of REVIEWS_COLUMNS) {
      const path = cellPath('reviews', g.keys, c.key);
      const parts = c.derived ? reviewInputs.map((p) => cellPath('reviews', g.keys, p.key)) : [];
      out.push(
        c.derived
          ? { path, table: 'reviews', row: g, column: c, unit: 'count', derived: true, rule: 'D3', parts }
          : { path, table: 'reviews', row: g, column: c, unit: 'count', derived: false, parts },
      );
    }
  }
  return out;
}

export const CELLS: readonly CellDecl[] = build();
export const CELL_BY_PATH: ReadonlyMap<CellPath, CellDecl> = new Map(CELLS.map((c) => [c.path, c]));
export const INPUT_CELLS: readonly CellDecl[] = CELLS.filter((c) => !c.derived);
export const DERIVED_CELLS: readonly CellDecl[] = CELLS.filter((c) => c.derived);

/**
 * What a finding names, so what an explanation (上报说明) may name: a cell, or a text the
 * text rules read (W3–W5: an 总体情况 part's heading or body, 五, 六). A text path in a clerk's
 * explanation once made her own exported file refused on import.
 */
export function isFindingPath(path: string): boolean {
  return CELL_BY_PATH.has(path as CellPath) || textPlace(path) !== null;
}

export function cellDecl(path: CellPath): CellDecl {
  const d = CELL_BY_PATH.get(path);
  if (!d) throw new Error(`unknown cell ${path}`);
  return d;
}

/** Input cells a cell depends on, transitively (itself when it is an input). */
export function inputsOf(path: CellPath): CellPath[] {
  const d = cellDecl(path);
  if (!d.derived) return [path];
  return [...new Set(d.parts.flatMap(inputsOf))];
}

/** Row label as the template shows it, with its group where the bare label is ambiguous (「（三）不予公开 1.属于国家秘密」). */
export function rowLabel(row: RowDecl): string {
  const inner = row.groups[row.groups.length - 1];
  return /^\d+\./.test(row.label) && inner ? `${inner} ${row.label}` : row.label;
}

/** A cell named in the template's own words: table, row and column. */
export function cellLabel(path: CellPath): string {
  const d = cellDecl(path);
  const t = `「${sectionTitle(section(d.table))}」`;
  if (d.table === 'reviews') {
    const group = d.row.groups.length ? `${d.row.groups.join('')}·${d.row.label}` : d.row.label;
    return `${t}${group}·${d.column.label}`;
  }
  return `${t}${rowLabel(d.row)}·${d.column.label}`;
}

/** Short form without the table, for a cell's own tooltip or accessible name. */
export function cellShortLabel(path: CellPath): string {
  const d = cellDecl(path);
  if (d.table === 'reviews') {
    return `${[...d.row.groups, d.row.label].join(' ')} ${d.column.label}`;
  }
  return `${rowLabel(d.row)} ${d.column.group ? `${d.column.group} ` : ''}${d.column.label}`;
}
