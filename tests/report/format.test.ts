// @vitest-environment node
// The declaration must match docs/format.md, the project's own description of the format,
// label for label.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CELLS,
  OVERVIEW_DEFAULT_HEADINGS,
  PROACTIVE_BLOCKS,
  REQUESTS_COLUMNS,
  REQUESTS_CORNER,
  REQUESTS_ROWS,
  REVIEWS_COLUMNS,
  REVIEWS_GROUPS,
  SECTIONS,
  missingUsualParts,
} from '../../src/report';

const spec = readFileSync(resolve(__dirname, '../../docs/format.md'), 'utf8');

/** SPEC's markdown table rows of one section, as arrays of cells. */
function specTable(afterHeading: string): string[][] {
  const start = spec.indexOf(afterHeading);
  const rest = spec.slice(start);
  const lines = rest.split('\n');
  const rows: string[][] = [];
  let inTable = false;
  for (const line of lines) {
    if (line.startsWith('|')) {
      inTable = true;
      const cells = line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim());
      if (cells.every((c) => /^-+$/.test(c))) continue;
      rows.push(cells);
    } else if (inTable) break;
  }
  return rows.slice(1);
}

const unquote = (s: string) => s.replace(/`/g, '');

describe('declaration against docs/format.md', () => {
  it('sections', () => {
    const rows = specTable('## Sections');
    expect(rows.map((r) => [r[0], r[1]])).toEqual(SECTIONS.map((s) => [s.numeral, s.heading]));
  });

  it('table 二 rows and columns', () => {
    const rows = specTable('## Table 二');
    const declared = PROACTIVE_BLOCKS.flatMap((b) => b.rows.map((r) => ({ b, r })));
    expect(rows.map((r) => [unquote(r[2]!), r[1]])).toEqual(declared.map(({ r }) => [r.keys.join('.'), r.label]));
    for (const row of rows) {
      if (row[0]) expect(PROACTIVE_BLOCKS.map((b) => b.header)).toContain(row[0]);
      if (row[3] !== 'same three') {
        const cols = row[3]!.split(', ').map((c) => c.split(' → ').map(unquote));
        const block = declared.find(({ r }) => r.keys.join('.') === unquote(row[2]!))!.b;
        expect(block.columns.map((c) => [c.label, c.key])).toEqual(cols);
      }
    }
  });

  it('table 三 rows', () => {
    const rows = specTable('## Table 三');
    expect(rows.length).toBe(REQUESTS_ROWS.length);
    rows.forEach((r, i) => {
      const decl = REQUESTS_ROWS[i]!;
      const label = r[0]!.split(' → ').pop();
      expect(label).toBe(decl.label);
      expect(unquote(r[1]!)).toBe(decl.keys.join('.'));
      // Group labels appear as "group → item" on the first row of each group.
      if (r[0]!.includes(' → ')) {
        const parts = r[0]!.split(' → ');
        expect(decl.groups.slice(-(parts.length - 1))).toEqual(parts.slice(0, -1));
      }
    });
  });

  it('table 三 columns and corner note', () => {
    const para = spec.slice(spec.indexOf('## Table 三'));
    for (const c of REQUESTS_COLUMNS) expect(para).toContain(`${c.label} \`${c.key}\``);
    expect(para).toContain(REQUESTS_CORNER);
  });

  it('table 四 groups and columns', () => {
    const para = spec.slice(spec.indexOf('## Table 四'), spec.indexOf('## Rules'));
    for (const c of REVIEWS_COLUMNS) expect(para).toContain(`${c.label} \`${c.key}\``);
    for (const g of REVIEWS_GROUPS) expect(para).toContain(`${g.label} \`${g.keys.join('.')}\``);
  });
});

describe('cells', () => {
  it('enumerates every cell once, with unique paths', () => {
    const paths = CELLS.map((c) => c.path);
    expect(new Set(paths).size).toBe(paths.length);
    // 二: 2×3 + 1 + 2 + 1; 三: 25 rows × 7; 四: 3 × 5
    expect(paths.length).toBe(10 + 25 * 7 + 15);
    expect(paths).toContain('requests.withheld.stateSecret.natural');
    expect(paths).toContain('proactive.fees.amount');
    expect(paths).toContain('reviews.litigationAfterReconsideration.total');
  });

  it('marks totals derived', () => {
    const derived = CELLS.filter((c) => c.derived).map((c) => c.path);
    expect(derived).toContain('requests.handledTotal.natural');
    expect(derived).toContain('requests.newReceived.total');
    expect(derived).toContain('reviews.reconsideration.total');
    expect(derived).not.toContain('requests.carriedForward.natural');
    expect(derived.length).toBe(25 + 6 + 3);
  });
});

describe('missingUsualParts: the usual parts of 一 a report has not covered yet', () => {
  it("takes a published report's own headings as covering them", () => {
    // 老店镇 2023: five parts in its own words.
    expect(
      missingUsualParts([
        '',
        '主动公开情况和依申请公开办理情况',
        '政府信息资源的规范化、标准化管理情况',
        '政府信息公开平台建设情况',
        '政府信息公开监督保障及教育培训情况',
      ]),
    ).toEqual([]);
  });
  it('offers the ones no heading covers, in the usual order', () => {
    expect(missingUsualParts(['主动公开', '监督保障'])).toEqual(['依申请公开', '政府信息管理', '平台建设']);
    expect(missingUsualParts([])).toEqual([...OVERVIEW_DEFAULT_HEADINGS]);
  });
});
