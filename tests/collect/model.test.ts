// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { deriveCollection, sumOfEntries, sumSelection } from '../../src/collect/model';
import { packCells } from '../../src/collect/packed';
import { allValues } from '../../src/report';
import { summarize } from '../../src/report/summary';
import type { StoredEntry } from '../../src/storage/collections';
import { generateReport, rng } from './generate';

function entry(
  id: string,
  agency: string,
  o: { status?: 'draft' | 'final'; unbalanced?: boolean; at?: string; seed: number },
): StoredEntry {
  const status = o.status ?? 'final';
  const report = generateReport({ agency, random: rng(o.seed), status, ...(o.unbalanced ? { unbalanced: true } : {}) });
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
    expect(sumSelection(m, 'default').map((e) => e.id)).toEqual(['a1', 'd']);
    expect(sumSelection(m, 'final').map((e) => e.id)).toEqual(['a1', 'c', 'd']);
    expect(sumSelection(m, 'all').map((e) => e.id)).toEqual(['a1', 'b', 'c', 'd']);
    const sum = allValues(sumOfEntries(sumSelection(m, 'default')));
    const a = allValues(generateReport({ agency: '甲镇', random: rng(1) }).cells);
    const d = allValues(generateReport({ agency: '丁镇', random: rng(5) }).cells);
    for (const p of ['requests.newReceived.total', 'proactive.fees.amount', 'reviews.reconsideration.corrected']) {
      expect(sum.get(p)).toBe(a.get(p)! + d.get(p)!);
    }
  });
});
