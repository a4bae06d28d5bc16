// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Report, checkReport, emptyReport } from '../../src/report';
import { MAX_REVISIONS_PER_REPORT, ReportRepository } from '../../src/storage/repository';
import type { StorageConnection } from '../../src/storage/connection';
import { freshConnection, laodian, quotaError } from './helpers';

let conn: StorageConnection;
async function repo(now?: () => number): Promise<ReportRepository> {
  conn = freshConnection();
  const r = await conn.ready;
  if (!r) throw new Error('storage did not open');
  return now ? new ReportRepository(conn.db!, now) : r;
}
afterEach(() => conn?.close());

describe('the home list', () => {
  it('lists a new report with its agency, year, status, last saved time and error count', async () => {
    const t = 1_700_000_000_000;
    const r = await repo(() => t);
    const id = await r.create('老店镇人民政府', 2024);
    const [row, ...rest] = await r.list();
    expect(rest).toEqual([]);
    expect(row).toMatchObject({
      id,
      agency: '老店镇人民政府',
      year: 2024,
      status: 'draft',
      updatedAt: t,
      hasPrevious: false,
    });
    // A blank report is incomplete (E3): its blanks are 未填, as the wizard shows them, not errors.
    const findings = checkReport(emptyReport('老店镇人民政府', 2024));
    // Blank cells and fields, and 六's untouched starting items (W5 there is still to fill in).
    const blanks =
      findings.filter((f) => f.rule === 'E3').reduce((n, f) => n + Math.max(1, f.cells.length), 0) +
      findings.filter((f) => f.rule === 'W5').length;
    expect(findings.filter((f) => f.rule === 'W5')).toHaveLength(1);
    expect(row!.errorCount).toBe(findings.filter((f) => f.severity === 'error' && f.rule !== 'E3').length);
    expect(row!.errorCount).toBe(0);
    expect(row!.missingCount).toBe(blanks);
    expect(blanks).toBeGreaterThan(100);
  });

  it('shows a finished report as ready and lists the last saved first', async () => {
    let t = 1000;
    const r = await repo(() => t);
    const a = await r.create('甲镇', 2023);
    t = 2000;
    const b = await r.create('乙镇', 2023);
    t = 3000;
    await r.save(a, laodian());
    const list = await r.list();
    expect(list.map((x) => x.id)).toEqual([a, b]);
    expect(list[0]).toMatchObject({ agency: '老店镇', status: 'ready', errorCount: 0, updatedAt: 3000 });
  });
});

describe('opening, saving, copying and renaming', () => {
  it('opens what was saved, every cell and text', async () => {
    const r = await repo();
    const id = await r.create();
    const report = laodian();
    await r.save(id, report);
    const rec = await r.open(id);
    expect(rec?.report).toEqual(report);
    expect(await r.open('no-such-id')).toBeUndefined();
  });

  it('duplicates a report as a separate copy, marked （副本）', async () => {
    const r = await repo();
    const id = await r.create();
    await r.save(id, laodian());
    const copy = await r.duplicate(id);
    expect(copy).not.toBe(id);
    const rec = await r.open(copy);
    expect(rec?.report.agency).toBe('老店镇（副本）');
    expect(rec?.report.cells).toEqual(laodian().cells);
    await r.save(copy, { ...rec!.report, problems: '只改副本' });
    expect((await r.open(id))?.report.problems).toBe(laodian().problems);
  });

  it('renames the agency and keeps everything else', async () => {
    const r = await repo();
    const id = await r.create();
    await r.save(id, laodian());
    await r.rename(id, '老店镇人民政府');
    const rec = await r.open(id);
    expect(rec?.agency).toBe('老店镇人民政府');
    expect(rec?.report).toEqual({ ...laodian(), agency: '老店镇人民政府' });
  });
});

describe('回收站', () => {
  it('a deleted report leaves the list, can be restored, and is gone only when the trash is emptied', async () => {
    const r = await repo();
    const keep = await r.create('留下', 2023);
    const gone = await r.create('删掉', 2023);
    await r.addRevision(gone, 'auto', emptyReport());
    await r.remove(gone);
    expect((await r.list()).map((x) => x.id)).toEqual([keep]);
    expect((await r.listTrash()).map((x) => x.agency)).toEqual(['删掉']);

    await r.restore(gone);
    expect((await r.list()).map((x) => x.id).sort()).toEqual([keep, gone].sort());
    expect(await r.listTrash()).toEqual([]);

    await r.remove(gone);
    expect(await r.emptyTrash()).toBe(1);
    expect(await r.open(gone)).toBeUndefined();
    expect(await r.listRevisions(gone)).toEqual([]);
    expect((await r.list()).map((x) => x.id)).toEqual([keep]);
  });
});

describe('new report from last year', () => {
  function lastYear(): Report {
    const prev = laodian();
    prev.cells['requests.carriedForward.natural'] = 3;
    prev.cells['requests.carriedForward.legal'] = 1;
    return prev;
  }

  it('takes the agency, next year, section 一 headings with empty bodies and 上年结转 = last year’s 结转下年度', async () => {
    const r = await repo();
    const prevId = await r.create();
    await r.save(prevId, lastYear());
    const id = await r.createFromStored(prevId);
    const rec = (await r.open(id))!;
    expect(rec.report.agency).toBe('老店镇');
    expect(rec.report.year).toBe(2024);
    expect(rec.report.overview.map((o) => o.heading)).toEqual(laodian().overview.map((o) => o.heading));
    expect(rec.report.overview.every((o) => o.body === '')).toBe(true);
    expect(rec.report.cells['requests.carriedOver.natural']).toBe(3);
    expect(rec.report.cells['requests.carriedOver.legal']).toBe(1);
    expect(rec.report.cells['requests.carriedOver.commercial']).toBe(0);
    expect('requests.carriedOver.total' in rec.report.cells).toBe(false);
    expect(rec.report.cells['requests.newReceived.natural']).toBeNull();
    expect(rec.report.problems).toBe('');
    expect(rec.previousReportId).toBe(prevId);
    expect((await r.list()).find((x) => x.id === id)?.hasPrevious).toBe(true);
  });

  it('keeps last year attached so W1 and W2 run', async () => {
    const r = await repo();
    const id = await r.createFromPrevious(lastYear());
    const rec = (await r.open(id))!;
    expect(rec.previous).toEqual(lastYear());
    // The clerk overwrites 上年结转 with a wrong number: W1 finds it against the attached report.
    const edited = { ...rec.report, cells: { ...rec.report.cells, 'requests.carriedOver.natural': 5 } };
    const saved = await r.save(id, edited);
    const w1 = checkReport(edited, { previous: saved.previous }).filter((f) => f.rule === 'W1');
    expect(w1).toHaveLength(2); // natural and total
    expect(saved.warningCount).toBeGreaterThanOrEqual(2);
  });
});

describe('import', () => {
  it('an imported report is always a new one; nothing stored is overwritten', async () => {
    const r = await repo();
    const mine = await r.create('我的草稿', 2023);
    const imported = await r.importReport(laodian());
    expect(imported).not.toBe(mine);
    expect((await r.open(mine))?.report.agency).toBe('我的草稿');
    expect((await r.open(imported))?.report).toEqual(laodian());
    expect((await r.listRevisions(imported)).map((v) => v.reason)).toEqual(['import']);
  });
});

describe('revisions', () => {
  it('lists revisions newest first, shows what changed, and restoring is itself undoable', async () => {
    let t = 1000;
    const r = await repo(() => t);
    const id = await r.create();
    const v1 = laodian();
    await r.save(id, v1);
    const revId = await r.addRevision(id, 'auto', v1);

    t = 2000;
    const v2: Report = {
      ...v1,
      agency: '老店镇人民政府',
      cells: { ...v1.cells, 'requests.newReceived.natural': 9 },
      problems: '新的问题',
    };
    await r.save(id, v2);

    const diff = await r.diffRevision(revId);
    expect(diff.map((d) => d.path)).toEqual(['agency', 'requests.newReceived.natural', 'problems']);
    const cell = diff.find((d) => d.path === 'requests.newReceived.natural')!;
    expect(cell.label).toContain('一、本年新收政府信息公开申请数量');
    expect(cell.label).toContain('自然人');
    expect(cell).toMatchObject({ before: '9', after: String(v1.cells['requests.newReceived.natural']) });

    t = 3000;
    const restored = await r.restoreRevision(revId);
    expect(restored).toEqual(v1);
    expect((await r.open(id))?.report).toEqual(v1);
    const revs = await r.listRevisions(id);
    expect(revs.map((v) => v.reason)).toEqual(['restore', 'auto']);
    // Undo the restore: the 'restore' revision holds what was replaced.
    await r.restoreRevision(revs[0]!.id);
    expect((await r.open(id))?.report).toEqual(v2);
  });

  it('keeps at most the newest revisions per report', async () => {
    let t = 0;
    const r = await repo(() => ++t);
    const id = await r.create();
    for (let i = 0; i < MAX_REVISIONS_PER_REPORT + 3; i++) await r.addRevision(id, 'auto', emptyReport(`v${i}`));
    const revs = await r.listRevisions(id);
    expect(revs).toHaveLength(MAX_REVISIONS_PER_REPORT);
    const newest = await r.getRevision(revs[0]!.id);
    expect(newest?.report.agency).toBe(`v${MAX_REVISIONS_PER_REPORT + 2}`);
  });
});

describe('a failed write', () => {
  it('quota exceeded: save rejects and the last good version stays as it was', async () => {
    const r = await repo();
    const id = await r.create();
    await r.save(id, laodian());
    const spy = vi.spyOn(conn.db!.reports, 'put').mockRejectedValue(quotaError());
    await expect(r.save(id, { ...laodian(), problems: '写不进去' })).rejects.toMatchObject({
      name: 'QuotaExceededError',
    });
    spy.mockRestore();
    expect((await r.open(id))?.report).toEqual(laodian());
  });
});
