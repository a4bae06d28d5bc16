// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { REQUESTS_ROWS } from '../../../src/report';
import { parseClipboardBlock } from '../../../src/wizard/table/controller';
import { TABLE_LAYOUTS } from '../../../src/report/tableLayout';
import { GRIDS, neighbour } from '../../../src/wizard/table/layout';

// The label cells that start on each body row of table 三, as the wizard draws them.
const REQUESTS_LABEL_CELLS = TABLE_LAYOUTS.requests.blocks[0]!.rows.map((r) =>
  r.cells.flatMap((c) => (c.kind === 'header' ? [c] : [])),
);
const REQUESTS_LABEL_DEPTH = TABLE_LAYOUTS.requests.labelColumns;

describe('what Excel and WPS put on the clipboard', () => {
  it('reads tab-separated rows with CRLF or LF ends and ignores the trailing newline', () => {
    expect(parseClipboardBlock('1\t2\r\n3\t4\r\n')).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(parseClipboardBlock('1\t2\n3\t4')).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    // An empty copied cell stays an empty string (it blanks its target), not a shifted column.
    expect(parseClipboardBlock('1\t\t3\n')).toEqual([['1', '', '3']]);
  });
});

describe('the template layout of table 三', () => {
  it('spans 三、本年度办理结果 over its 22 rows and each sub-group over its items', () => {
    const labels = REQUESTS_LABEL_CELLS;
    expect(labels).toHaveLength(REQUESTS_ROWS.length);
    const spans = labels
      .flat()
      .filter((l) => l.rowSpan > 1)
      .map((l) => [l.text, l.rowSpan]);
    expect(spans).toEqual([
      ['三、本年度办理结果', 22],
      ['（三）不予公开', 8],
      ['（四）无法提供', 3],
      ['（五）不予处理', 5],
      ['（六）其他处理', 3],
    ]);
    // Every row fills the three label columns exactly once.
    const width = labels.map((_cells, i) => {
      const covering = labels.slice(0, i + 1).flatMap((cs, j) => cs.filter((c) => j + c.rowSpan > i));
      return covering.reduce((n, c) => n + c.colSpan, 0);
    });
    expect(new Set(width)).toEqual(new Set([REQUESTS_LABEL_DEPTH]));
  });

  it('has 25 rows of 7 positions, and moving skips the computed totals', () => {
    expect(GRIDS.requests).toHaveLength(25);
    expect(GRIDS.requests.every((r) => r.length === 7)).toBe(true);
    expect(neighbour(GRIDS.requests, 'requests.otherHandling.other.natural', 1, 0)).toBe(
      'requests.carriedForward.natural',
    );
    expect(neighbour(GRIDS.requests, 'requests.newReceived.other', 0, 1)).toBeNull();
    expect(neighbour(GRIDS.requests, 'requests.newReceived.natural', -1, 0)).toBeNull();
  });
});
