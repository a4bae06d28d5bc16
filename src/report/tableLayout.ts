// One layout description per table (二, 三, 四), derived once from the declarations in
// format.ts: every renderer (wizard tables, keyboard grid, print, Word, web page, import
// preview) draws from it instead of walking the declarations itself, so they cannot drift.
//
// How a renderer uses it:
//   import { TABLE_LAYOUTS } from '../report';
//   const L = TABLE_LAYOUTS.requests;
//   head rows (repeat on each printed page): for (const row of L.head) <tr>…</tr>
//   then each block (table 二 has four, each with its own header rows in `block.head`;
//   三 and 四 have one with no head): for (const row of [...block.head, ...block.rows]) <tr>…</tr>
//   Each row's `cells` are in document order, exactly the <th>/<td> elements of that <tr>:
//   a position covered by a rowSpan from a row above is simply absent, as in HTML.
//   `kind: 'header'` → <th scope={scope} rowSpan colSpan>{text}</th>;
//   `kind: 'value'`  → <td colSpan>value of `path`</td> (`derived` cells are computed, read-only).
//   `row.groups` names the groups a body row belongs to (三、本年度办理结果 › （三）不予公开),
//   so a continuation page or a screen reader can say where a row sits.
//   `gridOf(layout)` is the keyboard/paste grid: the value positions of the body rows.
import { cellDecl, cellPath } from './cells';
import {
  type CellPath,
  type CellUnit,
  type ColumnDecl,
  type RowDecl,
  type TableKey,
  PROACTIVE_BLOCK_FIRST_HEADER,
  PROACTIVE_BLOCKS,
  REQUESTS_APPLICANTS,
  REQUESTS_COLUMNS,
  REQUESTS_CORNER,
  REQUESTS_ROWS,
  REVIEWS_COLUMNS,
  REVIEWS_GROUPS,
} from './format';

type HeaderRole =
  /** Table 三's top-left cell over the row labels. */
  | 'corner'
  /** Table 二's block header (第二十条第（一）项). */
  | 'block'
  /** A column header or column-group header. */
  | 'column'
  /** A row-group label spanning several rows (（三）不予公开). */
  | 'group'
  /** A body row's own label. */
  | 'label';

export interface HeaderCell {
  readonly kind: 'header';
  readonly role: HeaderRole;
  readonly text: string;
  readonly scope: 'col' | 'colgroup' | 'row' | 'rowgroup';
  readonly rowSpan: number;
  readonly colSpan: number;
  /** For row labels and groups: 0 is the outermost label column. */
  readonly depth?: number;
}

export interface ValueCell {
  readonly kind: 'value';
  readonly path: CellPath;
  readonly unit: CellUnit;
  /** Computed (D1–D3), never typed. */
  readonly derived: boolean;
  readonly rowSpan: 1;
  readonly colSpan: number;
}

export type LayoutCell = HeaderCell | ValueCell;

export interface LayoutRow {
  readonly cells: readonly LayoutCell[];
  /** A body row's declaration (table 四's single row has none: it holds three groups). */
  readonly decl?: RowDecl;
  /** Groups a body row belongs to, outermost first; [] for header rows and ungrouped rows. */
  readonly groups: readonly string[];
}

interface LayoutBlock {
  /** Header rows that belong to this block only (table 二's 第二十条… and 信息内容 rows). */
  readonly head: readonly LayoutRow[];
  readonly rows: readonly LayoutRow[];
}

export interface TableLayout {
  readonly table: TableKey;
  /** Grid columns, label columns included. */
  readonly width: number;
  /** Leading grid columns of a body row that hold labels, not values. */
  readonly labelColumns: number;
  /** Header rows of the whole table (repeat on each printed page). */
  readonly head: readonly LayoutRow[];
  readonly blocks: readonly LayoutBlock[];
}

const h = (
  role: HeaderRole,
  text: string,
  scope: HeaderCell['scope'],
  rowSpan = 1,
  colSpan = 1,
  depth?: number,
): HeaderCell =>
  depth === undefined
    ? { kind: 'header', role, text, scope, rowSpan, colSpan }
    : { kind: 'header', role, text, scope, rowSpan, colSpan, depth };

function v(table: TableKey, keys: readonly string[], c: ColumnDecl, colSpan = 1): ValueCell {
  const path = cellPath(table, keys, c.key);
  return { kind: 'value', path, unit: c.unit, derived: cellDecl(path).derived, rowSpan: 1, colSpan };
}

/** Runs of consecutive items sharing a group label (undefined: no group). */
function runs<T>(items: readonly T[], groupOf: (t: T) => string | undefined): { group?: string; items: T[] }[] {
  const out: { group?: string; items: T[] }[] = [];
  for (const it of items) {
    const g = groupOf(it);
    const last = out[out.length - 1];
    if (g !== undefined && last && last.group === g) last.items.push(it);
    else out.push(g === undefined ? { items: [it] } : { group: g, items: [it] });
  }
  return out;
}

// ---------------------------------------------------------------- 表二

function proactive(): TableLayout {
  const width = Math.max(...PROACTIVE_BLOCKS.map((b) => b.columns.length));
  // A block narrower than the widest lets its last column take the rest, as the template does.
  const spanOf = (cols: readonly ColumnDecl[], i: number) => (i === cols.length - 1 ? width - cols.length + 1 : 1);
  return {
    table: 'proactive',
    width: width + 1,
    labelColumns: 1,
    head: [],
    blocks: PROACTIVE_BLOCKS.map((b) => ({
      head: [
        { cells: [h('block', b.header, 'colgroup', 1, width + 1)], groups: [] },
        {
          cells: [
            h('column', PROACTIVE_BLOCK_FIRST_HEADER, 'col'),
            ...b.columns.map((c, i) => h('column', c.label, 'col', 1, spanOf(b.columns, i))),
          ],
          groups: [],
        },
      ],
      rows: b.rows.map((r) => ({
        decl: r,
        groups: r.groups,
        cells: [
          h('label', r.label, 'row', 1, 1, 0),
          ...b.columns.map((c, i) => v('proactive', r.keys, c, spanOf(b.columns, i))),
        ],
      })),
    })),
  };
}

// ---------------------------------------------------------------- 表三

function requests(): TableLayout {
  const depth = 1 + Math.max(...REQUESTS_ROWS.map((r) => r.groups.length));
  const colRuns = runs(REQUESTS_COLUMNS, (c) => c.group);
  const grouped = colRuns.some((r) => r.group !== undefined);
  const headRows = grouped ? 3 : 2;
  const head: LayoutRow[] = [
    {
      cells: [
        h('corner', REQUESTS_CORNER, 'col', headRows, depth),
        h('column', REQUESTS_APPLICANTS, 'colgroup', 1, REQUESTS_COLUMNS.length),
      ],
      groups: [],
    },
    {
      cells: colRuns.map((run) =>
        run.group !== undefined
          ? h('column', run.group, 'colgroup', 1, run.items.length)
          : h('column', run.items[0]!.label, 'col', headRows - 1, 1),
      ),
      groups: [],
    },
  ];
  if (grouped) {
    head.push({
      cells: colRuns
        .filter((r) => r.group !== undefined)
        .flatMap((r) => r.items.map((c) => h('column', c.label, 'col'))),
      groups: [],
    });
  }
  const rows: LayoutRow[] = REQUESTS_ROWS.map((r, i) => {
    const cells: LayoutCell[] = [];
    r.groups.forEach((g, level) => {
      const prefix = r.groups.slice(0, level + 1);
      const same = (x: RowDecl | undefined) => !!x && prefix.every((p, k) => x.groups[k] === p);
      if (same(REQUESTS_ROWS[i - 1])) return;
      let span = 1;
      while (same(REQUESTS_ROWS[i + span])) span++;
      cells.push(h('group', g, span > 1 ? 'rowgroup' : 'row', span, 1, level));
    });
    cells.push(h('label', r.label, 'row', 1, depth - r.groups.length, r.groups.length));
    for (const c of REQUESTS_COLUMNS) cells.push(v('requests', r.keys, c));
    return { decl: r, groups: r.groups, cells };
  });
  return {
    table: 'requests',
    width: depth + REQUESTS_COLUMNS.length,
    labelColumns: depth,
    head,
    blocks: [{ head: [], rows }],
  };
}

// ---------------------------------------------------------------- 表四

function reviews(): TableLayout {
  const n = REVIEWS_COLUMNS.length;
  // Top row: a group without a parent (行政复议) stands alone; grouped ones (行政诉讼) merge.
  const top = runs(REVIEWS_GROUPS, (g) => g.groups[0]);
  const labels = (rowSpan: number) => REVIEWS_COLUMNS.map((c) => h('column', c.label, 'col', rowSpan));
  return {
    table: 'reviews',
    width: n * REVIEWS_GROUPS.length,
    labelColumns: 0,
    head: [
      {
        cells: top.map((t) => h('column', t.group ?? t.items[0]!.label, 'colgroup', 1, n * t.items.length)),
        groups: [],
      },
      {
        cells: REVIEWS_GROUPS.flatMap((g) => (g.groups.length ? [h('column', g.label, 'colgroup', 1, n)] : labels(2))),
        groups: [],
      },
      { cells: REVIEWS_GROUPS.filter((g) => g.groups.length).flatMap(() => labels(1)), groups: [] },
    ],
    blocks: [
      {
        head: [],
        rows: [
          { groups: [], cells: REVIEWS_GROUPS.flatMap((g) => REVIEWS_COLUMNS.map((c) => v('reviews', g.keys, c))) },
        ],
      },
    ],
  };
}

const allLayouts = (): Readonly<Record<TableKey, TableLayout>> => ({
  proactive: proactive(),
  requests: requests(),
  reviews: reviews(),
});

// Pure: a bundle whose code never reads the layout drops it (the first screen's does).
export const TABLE_LAYOUTS: Readonly<Record<TableKey, TableLayout>> = /* @__PURE__ */ allLayouts();

/** Every row of a table in document order: the table's head, then each block's head and rows. */
export function layoutRows(layout: TableLayout): LayoutRow[] {
  return [...layout.head, ...layout.blocks.flatMap((b) => [...b.head, ...b.rows])];
}

/** Body rows only (the rows that hold values), in order. */
export function bodyRows(layout: TableLayout): LayoutRow[] {
  return layout.blocks.flatMap((b) => [...b.rows]);
}

export interface Placed<C extends LayoutCell = LayoutCell> {
  readonly cell: C;
  readonly row: number;
  readonly col: number;
}

/** Where each cell of some rows sits on the grid, honouring rowSpan and colSpan as a browser does. */
export function place(rows: readonly LayoutRow[]): Placed[] {
  const taken: boolean[][] = rows.map(() => []);
  const out: Placed[] = [];
  rows.forEach((r, ri) => {
    let col = 0;
    for (const cell of r.cells) {
      while (taken[ri]![col]) col++;
      out.push({ cell, row: ri, col });
      for (let dr = 0; dr < cell.rowSpan; dr++)
        for (let dc = 0; dc < cell.colSpan; dc++) {
          const line = taken[ri + dr];
          if (line) line[col + dc] = true;
        }
      col += cell.colSpan;
    }
  });
  return out;
}

/** Rows of value positions of the body rows; a cell spanning several columns repeats its path. */
export type Grid = readonly (readonly CellPath[])[];

/** The keyboard and paste grid: arrows and pasted blocks walk the values as they are drawn. */
export function gridOf(layout: TableLayout): Grid {
  return bodyRows(layout).map((r) =>
    r.cells.flatMap((c) => (c.kind === 'value' ? Array.from({ length: c.colSpan }, () => c.path) : [])),
  );
}

/** Every value cell of a table, in document order. */
export function valueCells(layout: TableLayout): ValueCell[] {
  return bodyRows(layout).flatMap((r) => r.cells.filter((c): c is ValueCell => c.kind === 'value'));
}

/**
 * Rows [from, to) of a block as a table part of their own, as a printed continuation page
 * draws them: a label spanning rows across the cut (三、本年度办理结果, （三）不予公开) is drawn
 * again over its rows on this side, so the part names the groups of its first rows.
 */
export function sliceRows(rows: readonly LayoutRow[], from: number, to: number): LayoutRow[] {
  const placed = place(rows);
  const clip = <C extends LayoutCell>(cell: C, start: number): C => {
    const rowSpan = Math.min(start + cell.rowSpan, to) - Math.max(start, from);
    if (rowSpan === cell.rowSpan) return cell;
    return cell.kind === 'header'
      ? ({ ...cell, rowSpan, scope: rowSpan > 1 ? 'rowgroup' : 'row' } as C)
      : ({ ...cell, rowSpan } as C);
  };
  return rows.slice(from, to).map((row, i) => {
    const r = from + i;
    const cells = placed
      .filter((p) => p.row === r || (i === 0 && p.row < from && p.row + p.cell.rowSpan > from))
      .sort((a, b) => a.col - b.col)
      .map((p) => clip(p.cell, p.row));
    return { ...row, cells };
  });
}
