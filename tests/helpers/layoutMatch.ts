// Checks a rendered <table> against the shared layout description, row by row and cell
// by cell (tag, text, scope, spans, path), so no renderer can drift from it.
import { expect } from 'vitest';
import { type TableLayout, layoutRows } from '../../src/report/tableLayout';

export interface MatchOptions {
  /** How this renderer marks a value cell's JSON path (data-cell, an input's name…). */
  pathOf(td: HTMLTableCellElement): string | null | undefined;
  /** Compare header text (off where a renderer adds hidden text of its own). */
  text?: boolean;
}

/** The table's header and body rows (a tfoot, such as the wizard's balance row, is not part of the layout). */
export function layoutRowsOf(table: HTMLTableElement): HTMLTableRowElement[] {
  return [...table.querySelectorAll<HTMLTableRowElement>(':scope > thead > tr, :scope > tbody > tr, :scope > tr')];
}

export function expectTableToFollowLayout(table: HTMLTableElement, layout: TableLayout, opts: MatchOptions): void {
  const want = layoutRows(layout);
  const got = layoutRowsOf(table);
  expect(got.length, `${layout.table}: rows`).toBe(want.length);
  want.forEach((row, r) => {
    const cells = [...got[r]!.cells];
    const describe = (c: HTMLTableCellElement) => ({
      tag: c.tagName,
      rowSpan: c.rowSpan,
      colSpan: c.colSpan,
      ...(c.tagName === 'TH'
        ? { scope: c.getAttribute('scope'), ...(opts.text === false ? {} : { text: c.textContent?.trim() }) }
        : { path: opts.pathOf(c) }),
    });
    const expected = row.cells.map((c) =>
      c.kind === 'value'
        ? { tag: 'TD', rowSpan: 1, colSpan: c.colSpan, path: c.path }
        : {
            tag: 'TH',
            rowSpan: c.rowSpan,
            colSpan: c.colSpan,
            scope: c.scope,
            ...(opts.text === false ? {} : { text: c.text }),
          },
    );
    expect(cells.map(describe), `${layout.table}: row ${r}`).toEqual(expected);
  });
}
