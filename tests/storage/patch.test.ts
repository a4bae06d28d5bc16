// Issue 14: typing in a long 五 writes patches, not the whole report, after every key; the
// full copy is written at the regular save. Recovery still finds the last key.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Report, emptyReport } from '../../src/report';
import { MAX_TEXT } from '../../src/report/limits';
import { localStorageJournal } from '../../src/storage/autosave';
import { AutosaveController } from '../../src/storage/autosaveController';
import type { StorageConnection } from '../../src/storage/connection';
import { type ReportPatch, applyChain, applyPatch, diffReport } from '../../src/storage/patch';
import { freshConnection, laodian } from './helpers';

/** A 五 near the limit, every sentence different. */
function longText(): string {
  let t = '';
  for (let i = 1; t.length < MAX_TEXT - 400; i++) t += `第${i}项，本年度共收到申请${i % 7}件，已按时答复。`;
  return t.slice(0, MAX_TEXT - 400);
}
const withText = (text: string): Report => ({ ...laodian(), problems: text });

describe('patches', () => {
  it('a key in a long text is a splice of a few characters; applying it gives the new report', () => {
    const before = withText(longText());
    const after = withText(`${before.problems.slice(0, 20_000)}新${before.problems.slice(20_000)}`);
    const ops = diffReport(before, after);
    expect(ops).toHaveLength(1);
    expect(JSON.stringify(ops).length).toBeLessThan(200);
    expect(applyPatch(before, ops)).toEqual(after);
  });

  it('covers cells, sub-sections added and removed, refused entries set and cleared, explanations', () => {
    const a = laodian();
    const changes: ((r: Report) => Report)[] = [
      (r) => ({ ...r, cells: { ...r.cells, 'requests.newReceived.natural': 12 } }),
      (r) => ({ ...r, overview: [...r.overview, { heading: '新的一节', body: '正文' }] }),
      (r) => ({ ...r, overview: r.overview.slice(1) }),
      (r) => ({ ...r, refused: { 'requests.newReceived.legal': { text: '1e5', message: '不是整数' } } }),
      (r) => {
        const { refused: _, ...rest } = r;
        return rest;
      },
      (r) => ({ ...r, explanations: [{ rule: 'E1', cells: ['x'], reason: '说明' }] }),
      (r) => ({ ...r, agency: '', year: null }),
    ];
    let r = a;
    for (const change of changes) {
      const next = change(r);
      expect(applyPatch(r, diffReport(r, next))).toEqual(next);
      r = next;
    }
  });

  it('a patch made on another version is refused, and a chain stops at a gap or at such a patch', () => {
    const one = withText(longText());
    const two = withText(`${one.problems}一`);
    const three = withText(`${two.problems}二`);
    const other = withText(`另${one.problems}`);
    const p = (from: number, a: Report, b: Report): ReportPatch => ({
      from,
      to: from + 1,
      at: from,
      ops: diffReport(a, b),
    });
    expect(applyPatch(other, diffReport(one, two))).toBeNull();
    // A number set over another number.
    const cellOps = diffReport(laodian(), {
      ...laodian(),
      cells: { ...laodian().cells, 'requests.newReceived.natural': 9 },
    });
    expect(
      applyPatch({ ...laodian(), cells: { ...laodian().cells, 'requests.newReceived.natural': 5 } }, cellOps),
    ).toBeNull();

    const base = { at: 0, edit: 1, report: one };
    expect(applyChain(base, [p(2, two, three), p(1, one, two)])).toEqual({ at: 2, edit: 3, report: three });
    expect(applyChain(base, [p(1, one, two), p(3, two, three)]).edit).toBe(2);
    expect(applyChain(base, [p(1, other, withText(`${other.problems}x`))])).toBe(base);
  });
});

describe('the localStorage journal', () => {
  beforeEach(() => localStorage.clear());

  it('appends patches after its copy, reads them applied, and a full copy replaces them', () => {
    const j = localStorageJournal();
    const a = withText(longText());
    const b = withText(`${a.problems}甲`);
    const c = withText(`${b.problems}乙`);
    expect(j.append('r', { from: 1, to: 2, at: 5, ops: diffReport(a, b) })).toBe(false); // no copy written yet
    j.write('r', a, 4, 1);
    expect(j.append('r', { from: 1, to: 2, at: 5, ops: diffReport(a, b) })).toBe(true);
    expect(j.append('r', { from: 9, to: 10, at: 6, ops: [] })).toBe(false); // not after the last one
    expect(j.append('r', { from: 2, to: 3, at: 6, ops: diffReport(b, c) })).toBe(true);
    // Read by another tab (another journal on the same storage).
    expect(localStorageJournal().read('r')).toEqual({ at: 6, edit: 3, report: c });
    expect(localStorage.getItem('nianbao:unsaved-log:r')!.length).toBeLessThan(1000);
    j.write('r', c, 7, 3);
    expect(localStorage.getItem('nianbao:unsaved-log:r')).toBeNull();
    expect(j.read('r')).toEqual({ at: 7, edit: 3, report: c });
    expect(j.ids()).toEqual(['r']);
    j.clear('r');
    expect(localStorage.length).toBe(0);
  });
});

describe('typing in a 五 of 49,600 characters', () => {
  let conn: StorageConnection;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    localStorage.clear();
  });
  afterEach(() => {
    vi.useRealTimers();
    conn?.close();
  });

  async function typing() {
    conn = freshConnection();
    const repo = (await conn.ready)!;
    const id = await repo.create('老店镇', 2023);
    const start = await repo.save(id, withText(longText()));
    const journal = localStorageJournal();
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    const saves: number[] = [];
    const c = new AutosaveController(
      {
        save: (r, edit) => {
          saves.push(edit);
          return repo.save(id, r, edit);
        },
        stage: (patch) => repo.stage(id, patch),
        dropStaged: (edit) => repo.dropStaged(id, edit),
        revision: (reason, r) => repo.addRevision(id, reason, r),
      },
      { reportId: id, win: null, journal },
    );
    c.start(start.report, start.edit);
    let report = start.report;
    const key = async (ch: string) => {
      report = { ...report, problems: report.problems + ch };
      c.schedule(report);
      await vi.advanceTimersByTimeAsync(0);
    };
    return { repo, id, start, c, journal, key, setItem, saves, current: () => report };
  }

  it('each key writes a patch of a few hundred bytes; the whole report is written at the pause', async () => {
    const { repo, id, start, key, setItem, saves, current, journal } = await typing();
    // The first change of a visit writes the journal's full copy; the keys after it write patches.
    await key('甲');
    setItem.mockClear();
    for (const ch of '乙丙丁戊己庚辛壬癸') {
      await key(ch);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(saves).toEqual([]);
    const written = setItem.mock.calls.map(([, v]) => v.length);
    expect(written).toHaveLength(9);
    expect(Math.max(...written)).toBeLessThan(5000);
    expect(journal.read(id)).toMatchObject({ edit: start.edit + 10, report: current() });
    // IndexedDB: the record as it was, and the patches that lead to the last key.
    expect((await repo.open(id))?.edit).toBe(start.edit);
    expect(await repo.staged(id, start)).toMatchObject({ edit: start.edit + 10, report: current() });

    // A pause: the full save, and both copies compacted.
    setItem.mockClear();
    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(async () => expect((await repo.open(id))?.report).toEqual(current()));
    expect(saves).toEqual([start.edit + 10]);
    expect(setItem.mock.calls.map(([k]) => k)).toEqual([`nianbao:unsaved:${id}`]);
    await vi.waitFor(async () => expect(await conn.db!.meta.where('key').startsWith('patch:').count()).toBe(0));
    expect(await repo.openForEdit(id)).toMatchObject({ rec: { report: current() }, staged: null, anyStaged: false });
    setItem.mockRestore();
  });

  it('typed without a pause, it is saved whole at least every 3 s', async () => {
    const { key, saves } = await typing();
    for (let i = 0; i < 40; i++) {
      await key('字');
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(saves.length).toBeGreaterThanOrEqual(1);
    expect(saves.length).toBeLessThanOrEqual(2);
  });

  it('the browser killed before the pause: reopening finds the last key in the patches, or in the journal', async () => {
    const { repo, id, start, key, current, journal } = await typing();
    for (const ch of '最后几个字') await key(ch);
    // Nothing flushed, nothing disposed: as after a kill. Both copies lead to the last key.
    const rec = (await repo.open(id))!;
    expect(rec.edit).toBe(start.edit);
    expect((await repo.staged(id, rec))?.report).toEqual(current());
    // Opening reads the record and what was staged after it in one go.
    expect(await repo.openForEdit(id)).toMatchObject({
      rec: { edit: start.edit },
      staged: { report: current() },
      anyStaged: true,
    });
    expect(localStorageJournal().read(id)?.report).toEqual(current());
    expect(journal.read(id)?.edit).toBe(start.edit + 5);
  });
});

describe('a short report', () => {
  it('is still saved whole in the task after each key', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const saves: string[] = [];
    const c = new AutosaveController(
      { save: async (r) => saves.push(r.problems), revision: async () => undefined },
      { reportId: 'a', win: null },
    );
    c.start(emptyReport());
    c.schedule({ ...emptyReport(), problems: '一' });
    await vi.advanceTimersByTimeAsync(0);
    expect(saves).toEqual(['一']);
    vi.useRealTimers();
  });
});
