// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { type CellValues, INPUT_CELLS, allValues } from '../../src/report';
import {
  INDICATORS,
  checkSum,
  duplicateWinners,
  figureChange,
  indicatorsOf,
  inDefaultSum,
  missingAgencies,
  outliers,
  parseAgencyList,
  quartiles,
  sumCells,
  sumReport,
  summarize,
} from '../../src/report/summary';
import { SEED_REPORT, generateReport, rng } from '../collect/generate';

/** Every input cell 0, then the given ones. */
function cells(set: Record<string, number | null>): CellValues {
  const out: CellValues = {};
  for (const c of INPUT_CELLS) out[c.path] = 0;
  return { ...out, ...set };
}

describe('summarize', () => {
  it('reads the seed: final, no errors, its figures', () => {
    const { row } = summarize(SEED_REPORT, 'final', { exportedAt: '2024-01-02T00:00:00Z' });
    const v = allValues(SEED_REPORT.cells);
    expect(row).toMatchObject({ agency: '老店镇', year: 2023, status: 'final', errors: 0 });
    expect(row.figures.newReceived).toBe(v.get('requests.newReceived.total'));
    expect(row.exportedAt).toBe('2024-01-02T00:00:00Z');
  });

  it('counts errors, warnings and the explained ones', () => {
    const r = generateReport({ agency: '甲镇', random: rng(1), unbalanced: true });
    const { row, findings } = summarize(r, 'draft');
    expect(row.errors).toBeGreaterThan(0);
    expect(findings.some((f) => f.rule === 'E1')).toBe(true);
    // W1 with last year's report: explaining it counts it as explained.
    const prev = { ...r, cells: { ...r.cells, 'requests.carriedForward.natural': 99 } };
    const w = summarize(r, 'draft', { previous: prev }).findings.find((f) => f.rule === 'W1');
    expect(w).toBeDefined();
    const explained = { ...r, explanations: [{ rule: 'W1' as const, cells: w!.cells, reason: '上年口径不同' }] };
    const again = summarize(explained, 'draft', { previous: prev }).row;
    expect(again.warnings).toBeGreaterThanOrEqual(1);
    expect(again.explained).toBe(1);
  });

  it('adds the two litigation totals into 行政诉讼', () => {
    const r = {
      ...SEED_REPORT,
      cells: cells({ 'reviews.litigationDirect.upheld': 2, 'reviews.litigationAfterReconsideration.pending': 3 }),
    };
    expect(summarize(r, 'final').row.figures.litigation).toBe(5);
  });
});

describe('duplicates', () => {
  it('the newer exportedAt wins, whatever the order; a tie goes to the later file', () => {
    const rows = [
      { agency: '甲镇', year: 2023, exportedAt: '2024-01-10T00:00:00Z' },
      { agency: '甲 镇', year: 2023, exportedAt: '2024-01-05T00:00:00Z' },
      { agency: '乙镇', year: 2023 },
      { agency: '乙镇', year: 2023 },
      { agency: '甲镇', year: 2024 },
    ];
    expect(duplicateWinners(rows)).toEqual([-1, 0, 3, -1, -1]);
  });
});

describe('who is missing', () => {
  it('parses a pasted list once per agency', () => {
    expect(parseAgencyList('甲镇\n乙镇、丙镇，甲镇\r\n\n 丁 镇 \t戊镇')).toEqual([
      '甲镇',
      '乙镇',
      '丙镇',
      '丁 镇',
      '戊镇',
    ]);
  });

  it('sorts the expected into not sent, draft only and with errors', () => {
    const m = missingAgencies(
      ['甲镇', '乙镇', '丙镇', '丁镇'],
      [
        { agency: '甲镇', status: 'final', errors: 0 },
        { agency: '乙镇', status: 'draft', errors: 0 },
        { agency: '丙镇', status: 'final', errors: 2 },
      ].map((r) => ({ ...r, status: r.status as 'final' | 'draft', year: 2024 })),
    );
    expect(m).toEqual({ notSent: ['丁镇'], draftOnly: ['乙镇'], withErrors: ['丙镇'], otherYearOnly: [] });
  });

  it("a report of another year than the collection's does not count as sent", () => {
    const m = missingAgencies(
      ['甲镇', '乙镇', '丙镇'],
      [
        { agency: '甲镇', status: 'final', errors: 0, year: 2023 },
        { agency: '乙镇', status: 'final', errors: 0, year: 2023 },
        { agency: '乙镇', status: 'draft', errors: 0, year: 2024 },
        { agency: '丙镇', status: 'final', errors: 0, year: 2024 },
      ],
      2024,
    );
    expect(m).toEqual({ notSent: [], draftOnly: ['乙镇'], withErrors: [], otherYearOnly: ['甲镇'] });
  });
});

describe('the sum', () => {
  it('sums cell by cell, by hand', () => {
    const a = cells({
      'requests.newReceived.natural': 3,
      'requests.disclosed.natural': 3,
      'proactive.fees.amount': 150,
    });
    const b = cells({
      'requests.newReceived.natural': 4,
      'requests.carriedForward.natural': 4,
      'proactive.fees.amount': 50,
    });
    const s = sumCells([a, b]);
    expect(s['requests.newReceived.natural']).toBe(7);
    expect(s['requests.disclosed.natural']).toBe(3);
    expect(s['requests.carriedForward.natural']).toBe(4);
    expect(s['proactive.fees.amount']).toBe(200);
    expect(allValues(s).get('requests.handledTotal.total')).toBe(3);
  });

  it('keeps a cell blank only when blank everywhere', () => {
    const a = { ...cells({}), 'proactive.rules.issued': null, 'proactive.licensing.decisions': null };
    const b = { ...cells({ 'proactive.rules.issued': 2 }), 'proactive.licensing.decisions': null };
    const s = sumCells([a, b]);
    expect(s['proactive.rules.issued']).toBe(2);
    expect(s['proactive.licensing.decisions']).toBeNull();
  });

  it('the sum of balanced reports balances (E1 over the sum), and an unbalanced one shows', () => {
    const random = rng(7);
    const reports = Array.from({ length: 30 }, (_, i) => generateReport({ agency: `镇${i}`, random }));
    const sum = sumReport(
      reports.map((r) => r.cells),
      '合计',
      2023,
    );
    expect(checkSum(sum)).toEqual([]);
    const bad = generateReport({ agency: '坏镇', random, unbalanced: true });
    const found = checkSum(
      sumReport(
        [...reports, bad].map((r) => r.cells),
        '合计',
        2023,
      ),
    );
    expect(found.map((f) => f.rule)).toContain('E1');
    expect(found.every((f) => f.section !== 'overview')).toBe(true);
  });

  it('counts final reports without errors by default', () => {
    expect(inDefaultSum({ status: 'final', errors: 0 })).toBe(true);
    expect(inDefaultSum({ status: 'final', errors: 1 })).toBe(false);
    expect(inDefaultSum({ status: 'draft', errors: 0 })).toBe(false);
  });
});

describe('indicators', () => {
  it('each has a formula', () => {
    expect(INDICATORS.map((i) => i.label)).toEqual(['公开率', '复议纠错率', '诉讼纠错率', '结转率']);
    for (const i of INDICATORS) expect(i.formula).toMatch(/÷/);
  });

  it('by hand', () => {
    // 10 received + 2 carried = 4 disclosed + 2 partly + 4 not held + 2 carried forward.
    const c = cells({
      'requests.newReceived.natural': 10,
      'requests.carriedOver.natural': 2,
      'requests.disclosed.natural': 4,
      'requests.partiallyDisclosed.natural': 2,
      'requests.unavailable.notHeld.natural': 4,
      'requests.carriedForward.natural': 2,
      'reviews.reconsideration.upheld': 3,
      'reviews.reconsideration.corrected': 1,
      'reviews.litigationDirect.corrected': 1,
      'reviews.litigationAfterReconsideration.other': 1,
    });
    const v = indicatorsOf(c);
    expect(v.disclosureRate).toBeCloseTo(6 / 10);
    expect(v.reconsiderationCorrection).toBeCloseTo(1 / 4);
    expect(v.litigationCorrection).toBeCloseTo(1 / 2);
    expect(v.carryRate).toBeCloseTo(2 / 12);
  });

  it('is blank (not 0, not NaN) when nothing was handled', () => {
    const v = indicatorsOf(cells({}));
    expect(Object.values(v)).toEqual([null, null, null, null]);
  });

  it('quartiles as QUARTILE.INC, outliers beyond 1.5 IQR', () => {
    expect(quartiles([1, 2, 3, 4, 5, 6, 7, 8])).toEqual({ q1: 2.75, q3: 6.25 });
    // With 30: 1…8, 30 gives q1 3, q3 7, IQR 4, fences −3 and 13; 12 would stand.
    expect(outliers([1, 2, 3, 4, 5, 6, 7, 8, null, 12])[9]).toBeNull();
    expect(outliers([1, 2, 3, 4, 5, 6, 7, 8, null, 30])).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      'high',
    ]);
    expect(outliers([0.5, 0.5, 0.5, 0.5])).toEqual([null, null, null, null]);
  });
});

describe('year on year', () => {
  it('the change from last year, blank where either is blank', () => {
    const now = { newReceived: 10, disclosed: 4, reconsideration: 1, litigation: null };
    const last = { newReceived: 7, disclosed: 6, reconsideration: 1, litigation: 2 };
    expect(figureChange(now, last)).toEqual({ newReceived: 3, disclosed: -2, reconsideration: 0, litigation: null });
    expect(figureChange(now, undefined)).toBeNull();
  });
});
