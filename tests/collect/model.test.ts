// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  deriveCollection,
  deriveCollectionInSlices,
  manualChanges,
  mapInSlices,
  sumOfChoice,
  sumOfEntries,
  sumSelection,
  withTicked,
  yearInName,
} from '../../src/collect/model';
import { packCells } from '../../src/collect/packed';
import { type Report, allValues, checkReport, emptyReport } from '../../src/report';
import { summarize } from '../../src/report/summary';
import type { StoredEntry } from '../../src/storage/collections';
import { generateReport, rng } from './generate';

function entry(
  id: string,
  agency: string,
  o: {
    status?: 'draft' | 'final';
    unbalanced?: boolean;
    at?: string;
    seed: number;
    edit?: (r: Report) => Report;
  },
): StoredEntry {
  const status = o.status ?? 'final';
  const made = generateReport({ agency, random: rng(o.seed), status, ...(o.unbalanced ? { unbalanced: true } : {}) });
  const report = o.edit ? o.edit(made) : made;
  const { row } = summarize(report, status, o.at ? { exportedAt: o.at } : {});
  return {
    id,
    collectionId: 'c',
    seq: 0,
    addedAt: 0,
    kind: 'ok',
    fileName: `${id}.json`,
    row,
    cells: packCells(report.cells),
  };
}

describe('deriveCollection', () => {
  const entries: StoredEntry[] = [
    entry('a1', '甲镇', { seed: 1, at: '2024-01-20T00:00:00Z' }),
    entry('a0', '甲镇', { seed: 2, at: '2024-01-10T00:00:00Z' }),
    entry('b', '乙镇', { seed: 3, status: 'draft' }),
    entry('c', '丙镇', { seed: 4, unbalanced: true }),
    entry('d', '丁镇', { seed: 5 }),
    {
      id: 'x',
      collectionId: 'c',
      seq: 0,
      addedAt: 0,
      kind: 'refused',
      fileName: 'x.json',
      problems: [{ path: 'year', message: 'year：…' }],
    },
  ];
  const prev = [entry('p', '甲 镇', { seed: 9 })];
  const m = deriveCollection(entries, prev);

  it('in slices (the page, so 10,000 rows never hold it in one task), the same model; dropped when stale', async () => {
    // A budget of 0 ms: a pause at every step.
    expect(await deriveCollectionInSlices(entries, prev, () => true, { budgetMs: 0 })).toEqual(m);
    let live = true;
    const stale = deriveCollectionInSlices(entries, prev, () => live, { budgetMs: 0 });
    live = false;
    expect(await stale).toBeNull();
  });

  it('counts each agency once, flags the older duplicate, keeps refusals apart', () => {
    expect(m.items.map((i) => [i.id, i.duplicateOf])).toEqual([
      ['a1', null],
      ['a0', 'a1.json'],
      ['b', null],
      ['c', null],
      ['d', null],
    ]);
    expect(m.counted.map((e) => e.id)).toEqual(['a1', 'b', 'c', 'd']);
    expect([m.finals, m.drafts, m.duplicates, m.withErrors, m.refused.length]).toEqual([3, 1, 1, 1, 1]);
  });

  it('the change from last year by agency name', () => {
    const now = m.items.find((i) => i.id === 'a1')!;
    const last = (prev[0] as Extract<StoredEntry, { kind: 'ok' }>).row.figures.newReceived!;
    expect(now.newReceivedChange).toBe(now.newReceived! - last);
    expect(m.items.find((i) => i.id === 'd')!.newReceivedChange).toBeNull();
  });

  it('sums the chosen reports: by default final and without errors', () => {
    expect(sumSelection(m, { base: 'default' }).map((e) => e.id)).toEqual(['a1', 'd']);
    expect(sumSelection(m, { base: 'final' }).map((e) => e.id)).toEqual(['a1', 'c', 'd']);
    expect(sumSelection(m, { base: 'all' }).map((e) => e.id)).toEqual(['a1', 'b', 'c', 'd']);
    const sum = allValues(sumOfEntries(sumSelection(m, { base: 'default' })));
    const a = allValues(generateReport({ agency: '甲镇', random: rng(1) }).cells);
    const d = allValues(generateReport({ agency: '丁镇', random: rng(5) }).cells);
    for (const p of ['requests.newReceived.total', 'proactive.fees.amount', 'reviews.reconsideration.corrected']) {
      expect(sum.get(p)).toBe(a.get(p)! + d.get(p)!);
    }
  });

  it('makes the sum by each rule with the model, the same as summing the chosen reports', () => {
    for (const base of ['default', 'final', 'all'] as const) {
      expect(m.sums[base]).toEqual(sumOfEntries(sumSelection(m, { base })));
      expect(sumOfChoice(m, { base })).toBe(m.sums[base]);
    }
    // Ticked by hand: summed over the choice, not the rule's.
    const choice = { base: 'default' as const, include: ['b'], exclude: ['d'] };
    expect(sumOfChoice(m, choice)).toEqual(sumOfEntries(sumSelection(m, choice)));
    expect(sumOfChoice(m, choice)).not.toEqual(m.sums.default);
    // An override the rule makes anyway changes nothing.
    expect(sumOfChoice(m, { base: 'all', include: ['b'] })).toBe(m.sums.all);
  });

  it('the clerk ticks and unticks reports by hand; the default rule stays underneath', () => {
    // Tick the draft 乙镇 in, untick 丁镇 out.
    let choice = withTicked({ base: 'default' }, m, 'b', true);
    choice = withTicked(choice, m, 'd', false);
    expect(choice).toEqual({ base: 'default', include: ['b'], exclude: ['d'] });
    expect(sumSelection(m, choice).map((e) => e.id)).toEqual(['a1', 'b']);
    expect(manualChanges(choice, m)).toEqual({
      added: [m.counted.find((e) => e.id === 'b')],
      removed: [m.counted.find((e) => e.id === 'd')],
    });
    // Ticking back what the rule takes anyway leaves no override behind.
    choice = withTicked(choice, m, 'd', true);
    expect(choice).toEqual({ base: 'default', include: ['b'] });
    // Under 「全部报告」 the tick of 乙镇 is what the rule does: no longer a manual change.
    expect(manualChanges({ ...choice, base: 'all' }, m)).toEqual({ added: [], removed: [] });
    // A duplicate set aside never counts, whatever is ticked; the sum follows the choice cell by cell.
    expect(sumSelection(m, { base: 'all', include: ['a0'] }).map((e) => e.id)).toEqual(['a1', 'b', 'c', 'd']);
    const sum = allValues(sumOfEntries(sumSelection(m, choice)));
    const a = allValues(generateReport({ agency: '甲镇', random: rng(1) }).cells);
    const b = allValues(generateReport({ agency: '乙镇', random: rng(3), status: 'draft' }).cells);
    const d = allValues(generateReport({ agency: '丁镇', random: rng(5) }).cells);
    for (const p of ['requests.newReceived.total', 'proactive.fees.amount', 'reviews.litigationDirect.upheld']) {
      expect(sum.get(p)).toBe(a.get(p)! + b.get(p)! + d.get(p)!);
    }
  });
});

describe("a report of another year than the collection's", () => {
  const entries = [
    entry('a', '甲镇', { seed: 1 }),
    entry('b', '乙镇', { seed: 2, edit: (r) => ({ ...r, year: 2022 }) }),
    entry('c', '丙镇', { seed: 3 }),
  ];
  const m = deriveCollection(entries, [], 2023);

  it("is marked in the list and left out of every rule's sum; a tick by hand can still take it", () => {
    expect(m.items.map((it) => [it.id, it.otherYear])).toEqual([
      ['a', false],
      ['b', true],
      ['c', false],
    ]);
    for (const base of ['default', 'final', 'all'] as const) {
      expect(sumSelection(m, { base }).map((e) => e.id)).toEqual(['a', 'c']);
      expect(m.sums[base]).toEqual(sumOfEntries(sumSelection(m, { base })));
    }
    const choice = withTicked({ base: 'default' }, m, 'b', true);
    expect(choice).toEqual({ base: 'default', include: ['b'] });
    expect(sumSelection(m, choice).map((e) => e.id)).toEqual(['a', 'b', 'c']);
  });

  it('is an ordinary report in a collection of no set year', () => {
    const any = deriveCollection(entries);
    expect(any.items.some((it) => it.otherYear)).toBe(false);
    expect(sumSelection(any, { base: 'default' }).map((e) => e.id)).toEqual(['a', 'b', 'c']);
  });
});

describe("W1 and W2 against last year's collection", () => {
  // Last year's 戊镇 carried 3 requests (natural persons) forward and had 12 rules in force.
  const APPLICANTS = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other'];
  const zeros = (row: string) => Object.fromEntries(APPLICANTS.map((c) => [`requests.${row}.${c}`, 0]));
  const lastYear = (r: Report): Report => ({
    ...r,
    year: 2022,
    cells: {
      ...r.cells,
      ...zeros('carriedForward'),
      'requests.carriedForward.natural': 3,
      'proactive.rules.inForce': 12,
      'proactive.normativeDocuments.inForce': 7,
    },
  });
  const prev = [entry('p', '戊镇', { seed: 20, edit: lastYear })];
  const thisYear =
    (carried: number, inForce: number, explain = false) =>
    (r: Report): Report => ({
      ...r,
      cells: {
        ...r.cells,
        ...zeros('carriedOver'),
        'proactive.normativeDocuments.issued': 0,
        'proactive.normativeDocuments.repealed': 0,
        'proactive.normativeDocuments.inForce': 7,
        'requests.carriedOver.natural': carried,
        'proactive.rules.issued': 2,
        'proactive.rules.repealed': 1,
        'proactive.rules.inForce': inForce,
      },
      explanations: explain
        ? [{ rule: 'W1', cells: ['requests.carriedOver.natural'], reason: '上年统计口径有误' }]
        : [],
    });

  it("finds what the wizard finds with last year's report loaded, counted in the warnings", () => {
    // Not balanced any more after the edit: the checks below are about W1/W2 only.
    const e = entry('e', '戊 镇', { seed: 21, edit: thisYear(5, 14) });
    const plain = deriveCollection([e]);
    const m = deriveCollection([e], prev);
    const item = m.items[0]!;
    expect(item.yearOnYear.map((f) => f.message)).toEqual([
      expect.stringContaining('现行有效 14 件，但上年 12 + 制发 2 − 废止 1 = 13'),
      expect.stringContaining('自然人列：上年结转填 5，但上年报告结转下年度为 3'),
      expect.stringContaining('总计列：上年结转填 5，但上年报告结转下年度为 3'),
    ]);
    expect(item.warnings).toBe(plain.items[0]!.warnings + 3);
    expect(item.explained).toBe(plain.items[0]!.explained);
    expect(m.previousOf.get('e')?.id).toBe('p');
    // The very findings of checkReport with last year's report, W1/W2 only.
    const made = thisYear(5, 14)(generateReport({ agency: '戊 镇', random: rng(21) }));
    const last = lastYear(generateReport({ agency: '戊镇', random: rng(20) }));
    const wizard = checkReport(made, { previous: { ...emptyReport('戊镇', 2022), cells: last.cells } })
      .filter((f) => f.rule === 'W1' || f.rule === 'W2')
      .map((f) => f.message);
    expect(item.yearOnYear.map((f) => f.message)).toEqual(wizard);
  });

  it('nothing when the figures agree or the agency has no report last year; a 数据说明 counts as explained', () => {
    const agree = deriveCollection([entry('e', '戊镇', { seed: 21, edit: thisYear(3, 13) })], prev);
    expect(agree.items[0]!.yearOnYear).toEqual([]);
    const other = deriveCollection([entry('f', '己镇', { seed: 22, edit: thisYear(5, 14) })], prev);
    expect(other.items[0]!.yearOnYear).toEqual([]);
    expect(other.previousOf.size).toBe(0);
    const explained = deriveCollection([entry('e', '戊镇', { seed: 21, edit: thisYear(5, 13, true) })], prev);
    const it0 = explained.items[0]!;
    expect(it0.yearOnYear.map((f) => f.explained)).toEqual([true, false]);
  });
});

describe('mapInSlices', () => {
  it('maps in order across tasks, and stops when no longer wanted', async () => {
    const list = Array.from({ length: 5000 }, (_, i) => i);
    // A budget of 0 ms: a pause after every 64 items.
    expect(
      await mapInSlices(
        list,
        (x) => x * 2,
        () => true,
        0,
      ),
    ).toEqual(list.map((x) => x * 2));
    let calls = 0;
    let live = true;
    const stopped = mapInSlices(
      list,
      (x) => {
        calls++;
        if (calls === 100) live = false;
        return x;
      },
      () => live,
      0,
    );
    expect(await stopped).toBeNull();
    expect(calls).toBe(128);
  });
});

describe('yearInName: the year a collection name states, for the 报告年度 box', () => {
  it('reads the year the name states', () => {
    expect(yearInName('某县 2024 年度')).toBe(2024);
    expect(yearInName('某县2023年度汇总')).toBe(2023);
    expect(yearInName('2022年 各乡镇')).toBe(2022);
    expect(yearInName('2024 复核 2024')).toBe(2024);
  });
  it('prefers the year followed by 年度 when two years are named', () => {
    expect(yearInName('2025年报送的2024年度报告')).toBe(2024);
  });
  it('says nothing when the name has no year, an unlikely one, or two without 年度', () => {
    expect(yearInName('某县')).toBeNull();
    expect(yearInName('第 12345 号')).toBeNull();
    expect(yearInName('1999 年度')).toBeNull();
    expect(yearInName('2023、2024 合并')).toBeNull();
    expect(yearInName('2023年度与2024年度')).toBeNull();
  });
});
