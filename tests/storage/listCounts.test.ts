// @vitest-environment node
// Issue 14: the home list reads the counts stored with each report; the rules run only for a
// report whose counts are missing or were made by older rules (then stored), never for all.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as report from '../../src/report';
import type { StorageConnection } from '../../src/storage/connection';
import { freshConnection, laodian } from './helpers';

vi.mock('../../src/report', async (original) => {
  const real = await original<typeof import('../../src/report')>();
  return { ...real, checkReport: vi.fn(real.checkReport) };
});
const checkReport = vi.mocked(report.checkReport);

let conn: StorageConnection;
afterEach(() => conn?.close());

describe('the home list and the rules', () => {
  it('lists N stored reports without running the rules; a stale count is recounted once and stored', async () => {
    conn = freshConnection();
    const repo = (await conn.ready)!;
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await repo.importReport({ ...laodian(), agency: `第${i}镇` }));
    checkReport.mockClear();
    const list = await repo.list();
    expect(list).toHaveLength(12);
    expect(checkReport).not.toHaveBeenCalled();

    // Counts made by older rules (or by an app before they were stored): recounted, then kept.
    const stale = ids[3]!;
    const { countsVersion: _, ...old } = (await conn.db!.reports.get(stale))!;
    await conn.db!.reports.put({ ...old, errorCount: 99 });
    checkReport.mockClear();
    const again = await repo.list();
    expect(checkReport).toHaveBeenCalledTimes(1);
    expect(again.find((s) => s.id === stale)?.errorCount).toBe(list.find((s) => s.id === stale)?.errorCount);
    await vi.waitFor(async () => expect((await conn.db!.reports.get(stale))?.countsVersion).toBe(report.RULES_VERSION));
    checkReport.mockClear();
    await repo.list();
    expect(checkReport).not.toHaveBeenCalled();

    // Counts stored before blanks were counted apart (no missingCount): recounted too, then kept.
    const { missingCount: __, ...older } = (await conn.db!.reports.get(ids[5]!))!;
    await conn.db!.reports.put({ ...older, errorCount: 7 });
    checkReport.mockClear();
    expect((await repo.list()).find((s) => s.id === ids[5])).toMatchObject({ errorCount: 0, missingCount: 0 });
    expect(checkReport).toHaveBeenCalledTimes(1);
    await vi.waitFor(async () => expect((await conn.db!.reports.get(ids[5]!))?.missingCount).toBe(0));
  });

  it('counts stay right after an edit: the save counts again', async () => {
    conn = freshConnection();
    const repo = (await conn.ready)!;
    const id = await repo.create('老店镇', 2023);
    const before = (await repo.list())[0]!;
    await repo.save(id, laodian());
    const after = (await repo.list())[0]!;
    const expected = report.checkReport(laodian(), {});
    expect(after.errorCount).toBe(expected.filter((f) => f.severity === 'error' && f.rule !== 'E3').length);
    expect(after.warningCount).toBe(expected.filter((f) => f.severity !== 'error').length);
    expect(after.missingCount).toBe(0);
    expect(after.missingCount).not.toBe(before.missingCount);
    expect(after.status).toBe('ready');
    expect(before.status).toBe('draft');
  });
});

describe('the home list counts what the wizard counts', () => {
  it("a new report's 未填 in the list is the wizard's 「还有 N 处未填」, and neither calls it an error", async () => {
    const { findingCounts } = await import('../../src/storage/db');
    const { summariseSteps } = await import('../../src/wizard/stepStatus');
    for (const r of [report.emptyReport('甲镇', 2024), { ...laodian(), problems: '' }]) {
      const counts = findingCounts(r, null);
      const check = summariseSteps(r, report.checkReport(r, {})).check;
      expect(counts.missingCount).toBe(check.missing);
      expect(counts.errorCount).toBe(check.errors);
    }
  });
});
