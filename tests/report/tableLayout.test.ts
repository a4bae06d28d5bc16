// @vitest-environment node
// The layout description checked once against the declaration in format.ts; every
// renderer is then checked against the layout (tests/helpers/layoutMatch.ts).
import { describe, expect, it } from 'vitest';
import {
  CELLS,
  PROACTIVE_BLOCK_FIRST_HEADER,
  PROACTIVE_BLOCKS,
  REQUESTS_APPLICANTS,
  REQUESTS_COLUMNS,
  REQUESTS_CORNER,
  REQUESTS_ORGANISATIONS,
  REQUESTS_ROWS,
  REVIEWS_COLUMNS,
  REVIEWS_GROUPS,
  REVIEWS_LITIGATION,
  cellDecl,
  cellPath,
} from '../../src/report';
import {
  type HeaderCell,
  type LayoutRow,
  type TableLayout,
  TABLE_LAYOUTS,
  bodyRows,
  gridOf,
  layoutRows,
  place,
  sliceRows,
  valueCells,
} from '../../src/report/tableLayout';

const headerTexts = (row: LayoutRow) =>
  row.cells.map((c) => (c.kind === 'header' ? [c.text, c.rowSpan, c.colSpan, c.scope] : ['value', c.path]));

/** Every grid row is covered exactly once: no hole, no overlap. */
function expectFullGrid(layout: TableLayout, rows: readonly LayoutRow[]) {
  const covered: number[][] = rows.map(() => Array<number>(layout.width).fill(0));
  for (const { cell, row, col } of place(rows))
    for (let dr = 0; dr < cell.rowSpan; dr++)
      for (let dc = 0; dc < cell.colSpan; dc++) {
        expect(covered[row + dr], `${layout.table}: span below the last row`).toBeDefined();
        covered[row + dr]![col + dc]!++;
      }
  for (const line of covered) expect(line).toEqual(Array(layout.width).fill(1));
}

describe('the layout of every table', () => {
  it('holds every cell of the declaration exactly once, with its unit and whether it is derived', () => {
    const all = Object.values(TABLE_LAYOUTS).flatMap(valueCells);
    expect(all.map((c) => c.path).sort()).toEqual(CELLS.map((c) => c.path).sort());
    for (const c of all) {
      expect(c.derived, c.path).toBe(cellDecl(c.path).derived);
      expect(c.unit, c.path).toBe(cellDecl(c.path).unit);
    }
  });

  it.each(Object.values(TABLE_LAYOUTS).map((l) => [l.table, l] as const))(
    '%s: header rows and each block cover the grid exactly',
    (_name, layout) => {
      if (layout.head.length) expectFullGrid(layout, layout.head);
      for (const b of layout.blocks) expectFullGrid(layout, [...b.head, ...b.rows]);
      // Body rows: labels first, in the label columns, then values.
      for (const r of bodyRows(layout)) {
        const firstValue = r.cells.findIndex((c) => c.kind === 'value');
        expect(r.cells.slice(firstValue).every((c) => c.kind === 'value')).toBe(true);
      }
    },
  );
});

describe('表二', () => {
  const L = TABLE_LAYOUTS.proactive;
  it('is four blocks, each its 第二十条 header over the full width, a 信息内容 row, then its rows', () => {
    expect(L.width).toBe(4);
    expect(L.head).toEqual([]);
    expect(L.blocks).toHaveLength(PROACTIVE_BLOCKS.length);
    PROACTIVE_BLOCKS.forEach((b, i) => {
      const block = L.blocks[i]!;
      expect(headerTexts(block.head[0]!)).toEqual([[b.header, 1, 4, 'colgroup']]);
      expect(headerTexts(block.head[1]!)).toEqual([
        [PROACTIVE_BLOCK_FIRST_HEADER, 1, 1, 'col'],
        // A one-column block stretches its column over the full width.
        ...b.columns.map((c, j) => [c.label, 1, j === b.columns.length - 1 ? 4 - b.columns.length : 1, 'col']),
      ]);
      expect(block.rows.map((r) => r.decl)).toEqual(b.rows);
      block.rows.forEach((r, j) => {
        expect((r.cells[0] as HeaderCell).text).toBe(b.rows[j]!.label);
        expect(r.cells.slice(1).map((c) => (c.kind === 'value' ? c.path : ''))).toEqual(
          b.columns.map((c) => cellPath('proactive', b.rows[j]!.keys, c.key)),
        );
      });
    });
  });

  it('gives the keyboard a grid of 6 rows × 3 positions, a wide cell repeating its path', () => {
    const g = gridOf(L);
    expect(g).toHaveLength(6);
    expect(g[2]).toEqual(Array(3).fill('proactive.licensing.decisions'));
    expect(g[0]).toEqual(['proactive.rules.issued', 'proactive.rules.repealed', 'proactive.rules.inForce']);
  });
});

describe('表三', () => {
  const L = TABLE_LAYOUTS.requests;
  it('has the template header: the corner over 3 label columns and 3 rows, 申请人情况, 法人或其他组织', () => {
    expect(L.width).toBe(10);
    expect(L.labelColumns).toBe(3);
    expect(L.head.map(headerTexts)).toEqual([
      [
        [REQUESTS_CORNER, 3, 3, 'col'],
        [REQUESTS_APPLICANTS, 1, 7, 'colgroup'],
      ],
      [
        ['自然人', 2, 1, 'col'],
        [REQUESTS_ORGANISATIONS, 1, 5, 'colgroup'],
        ['总计', 2, 1, 'col'],
      ],
      REQUESTS_COLUMNS.slice(1, 6).map((c) => [c.label, 1, 1, 'col']),
    ]);
  });

  it('spans each group over its rows, and every row names its groups and holds its 7 cells in column order', () => {
    const rows = L.blocks[0]!.rows;
    expect(rows.map((r) => r.decl)).toEqual(REQUESTS_ROWS);
    const spans = rows.flatMap((r) =>
      r.cells.flatMap((c) => (c.kind === 'header' && c.role === 'group' ? [[c.text, c.rowSpan, c.depth]] : [])),
    );
    expect(spans).toEqual([
      ['三、本年度办理结果', 22, 0],
      ['（三）不予公开', 8, 1],
      ['（四）无法提供', 3, 1],
      ['（五）不予处理', 5, 1],
      ['（六）其他处理', 3, 1],
    ]);
    rows.forEach((r, i) => {
      const decl = REQUESTS_ROWS[i]!;
      expect(r.groups).toEqual(decl.groups);
      const label = r.cells.find((c) => c.kind === 'header' && c.role === 'label') as HeaderCell;
      expect([label.text, label.colSpan, label.depth]).toEqual([
        decl.label,
        3 - decl.groups.length,
        decl.groups.length,
      ]);
      expect(r.cells.filter((c) => c.kind === 'value').map((c) => (c.kind === 'value' ? c.path : ''))).toEqual(
        REQUESTS_COLUMNS.map((c) => cellPath('requests', decl.keys, c.key)),
      );
    });
    // （七）总计 and the 总计 column are computed.
    expect(gridOf(L)[23]!.every((p) => cellDecl(p).derived)).toBe(true);
    expect(gridOf(L).every((row) => cellDecl(row[6]!).derived)).toBe(true);
  });
});

describe('表四', () => {
  const L = TABLE_LAYOUTS.reviews;
  it('is the template’s three header rows over one row of fifteen cells', () => {
    expect(L.width).toBe(15);
    expect(L.head.map(headerTexts)).toEqual([
      [
        ['行政复议', 1, 5, 'colgroup'],
        [REVIEWS_LITIGATION, 1, 10, 'colgroup'],
      ],
      [
        ...REVIEWS_COLUMNS.map((c) => [c.label, 2, 1, 'col']),
        ['未经复议直接起诉', 1, 5, 'colgroup'],
        ['复议后起诉', 1, 5, 'colgroup'],
      ],
      [...REVIEWS_COLUMNS, ...REVIEWS_COLUMNS].map((c) => [c.label, 1, 1, 'col']),
    ]);
    expect(gridOf(L)).toEqual([
      REVIEWS_GROUPS.flatMap((g) => REVIEWS_COLUMNS.map((c) => cellPath('reviews', g.keys, c.key))),
    ]);
    expect(layoutRows(L)).toHaveLength(4);
  });
});

describe('a part of table 三 cut for a continuation page', () => {
  const rows = bodyRows(TABLE_LAYOUTS.requests);
  const groupsOf = (row: LayoutRow) =>
    row.cells.flatMap((c) => (c.kind === 'header' && c.role === 'group' ? [[c.text, c.rowSpan, c.scope]] : []));

  it.each([1, 5, 12, 20, 24])(
    'cut before row %i: both parts fill the grid, the second names its groups again',
    (at) => {
      const a = sliceRows(rows, 0, at);
      const b = sliceRows(rows, at, rows.length);
      expectFullGrid(TABLE_LAYOUTS.requests, a);
      expectFullGrid(TABLE_LAYOUTS.requests, b);
      // The same value cells in the same order, none lost or doubled.
      const paths = (part: LayoutRow[]) =>
        part.flatMap((r) => r.cells.flatMap((c) => (c.kind === 'value' ? [c.path] : [])));
      expect([...paths(a), ...paths(b)]).toEqual(valueCells(TABLE_LAYOUTS.requests).map((c) => c.path));
      // The first row of the second part carries a label for each group it belongs to.
      expect(groupsOf(b[0]!).map((g) => g[0])).toEqual(rows[at]!.groups);
    },
  );

  it('cut inside （三）不予公开: 三、本年度办理结果 and （三）不予公开 are drawn again over their remaining rows', () => {
    const at = rows.findIndex((r) => r.decl?.label === '5.属于三类内部事务信息');
    const b = sliceRows(rows, at, rows.length);
    const remainingOuter = rows.slice(at).filter((r) => r.groups[0] === '三、本年度办理结果').length;
    expect(groupsOf(b[0]!)).toEqual([
      ['三、本年度办理结果', remainingOuter, 'rowgroup'],
      ['（三）不予公开', 4, 'rowgroup'],
    ]);
    // And the part before the cut ends those spans at the cut.
    const a = sliceRows(rows, 0, at);
    const nondisclosure = a.flatMap(groupsOf).find((g) => g[0] === '（三）不予公开');
    expect(nondisclosure).toEqual(['（三）不予公开', 4, 'rowgroup']);
  });
});
