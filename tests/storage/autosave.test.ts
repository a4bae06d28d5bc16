import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Report, emptyReport } from '../../src/report';
import {
  type AutosaveTarget,
  type Journal,
  type SaveStatus,
  isQuotaError,
  localStorageJournal,
  saveFailureMessage,
} from '../../src/storage/autosave';
import { AutosaveController } from '../../src/storage/autosaveController';
import type { RevisionReason } from '../../src/storage/db';
import { freshConnection, laodian, quotaError } from './helpers';

// Only timers and the clock are faked: fake-indexeddb schedules with setImmediate.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(new Date('2024-01-10T16:00:00+08:00'));
  localStorage.clear();
});
afterEach(() => vi.useRealTimers());

/** A store that records what was written. */
function memoryTarget() {
  const saves: Report[] = [];
  const revisions: { reason: RevisionReason; report: Report }[] = [];
  const target: AutosaveTarget = {
    save: async (r) => {
      saves.push(r);
    },
    revision: async (reason, report) => {
      revisions.push({ reason, report });
    },
  };
  return { target, saves, revisions };
}

function typed(r: Report, text: string): Report {
  return { ...r, problems: text };
}

/** Promises settle; no timer runs (setImmediate is not faked). */
const settle = () => new Promise<void>((r) => setImmediate(r));

function statuses(c: AutosaveController): SaveStatus[] {
  const seen: SaveStatus[] = [];
  c.subscribe((s) => seen.push(s));
  return seen;
}

describe('a clerk typing', () => {
  it('each keystroke is written in the next task, not after a pause (a power cut 50 ms later loses nothing)', async () => {
    const { target, saves } = memoryTarget();
    const c = new AutosaveController(target, { reportId: 'a', win: null });
    const base = emptyReport('老店镇', 2023);
    c.start(base);
    c.schedule(typed(base, '我'));
    expect(saves).toEqual([]); // not inside the keystroke itself
    await vi.advanceTimersByTimeAsync(0);
    expect(saves.map((r) => r.problems)).toEqual(['我']);
    c.schedule(typed(base, '我镇'));
    await vi.advanceTimersByTimeAsync(0);
    expect(saves.map((r) => r.problems)).toEqual(['我', '我镇']);
    expect(c.getStatus()).toEqual({ state: 'saved', at: Date.now() });
  });

  it('in that next task, the change is staged first as a patch, ahead of the full save', async () => {
    const order: string[] = [];
    const target: AutosaveTarget = {
      stage: async (patch) => order.push(`stage #${patch.from}→#${patch.to} ${JSON.stringify(patch.ops)}`),
      save: async (r, edit) => order.push(`save ${r.problems} #${edit}`),
      revision: async () => undefined,
    };
    const c = new AutosaveController(target, { reportId: 'a', win: null });
    c.start(emptyReport(), 2);
    c.schedule(typed(emptyReport(), '五'));
    expect(order).toEqual([]);
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual(['stage #2→#3 [{"p":["problems"],"v":"五","o":""}]', 'save 五 #3']);
  });

  it('is saved at once even if the computer clock is set back while she types', async () => {
    const { target, saves } = memoryTarget();
    const c = new AutosaveController(target, { reportId: 'a', win: null });
    const base = emptyReport('老店镇', 2023);
    c.start(base);
    c.schedule(typed(base, '我'));
    vi.setSystemTime(Date.now() - 3_600_000);
    c.schedule(typed(base, '我镇'));
    await vi.advanceTimersByTimeAsync(0);
    expect(saves.map((r) => r.problems)).toEqual(['我镇']);
  });

  it('keys typed while a write is under way go into one next write, with the latest text and edit number', async () => {
    const saves: { text: string; edit: number }[] = [];
    let release: () => void = () => undefined;
    const target: AutosaveTarget = {
      save: (r, edit) => {
        saves.push({ text: r.problems, edit });
        return new Promise<void>((done) => (release = done));
      },
      revision: async () => undefined,
    };
    const c = new AutosaveController(target, { reportId: 'a', win: null });
    const base = emptyReport();
    c.start(base, 7);
    c.schedule(typed(base, '一'));
    await vi.advanceTimersByTimeAsync(0);
    for (const t of ['一二', '一二三', '一二三四']) {
      c.schedule(typed(base, t));
      await vi.advanceTimersByTimeAsync(0);
    }
    expect(saves).toEqual([{ text: '一', edit: 8 }]);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(saves).toEqual([
      { text: '一', edit: 8 },
      { text: '一二三四', edit: 11 },
    ]);
    release();
    await c.flush();
    expect(saves).toHaveLength(2);
  });

  it('tells the page only what the status line shows differently, not every write (each would re-render the page)', async () => {
    const { target } = memoryTarget();
    const c = new AutosaveController(target, { reportId: 'a', win: null });
    const seen = statuses(c);
    const base = emptyReport('老店镇', 2023);
    c.start(base);
    for (const text of ['我', '我镇', '我镇将']) {
      c.schedule(typed(base, text));
      await vi.advanceTimersByTimeAsync(0);
    }
    expect(seen.map((s) => s.state)).toEqual(['saved']);
    await vi.advanceTimersByTimeAsync(60_000);
    c.schedule(typed(base, '下一分钟'));
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([
      { state: 'saved', at: Date.now() - 60_000 },
      { state: 'saved', at: Date.now() },
    ]);
  });

  it('shows 正在保存… when a write is slow to finish', async () => {
    const target: AutosaveTarget = { save: () => new Promise(() => undefined), revision: async () => undefined };
    const c = new AutosaveController(target, { reportId: 'a', win: null, slowMs: 1000 });
    c.start(emptyReport());
    c.schedule(typed(emptyReport(), '慢'));
    await vi.advanceTimersByTimeAsync(999);
    expect(c.getStatus()).toEqual({ state: 'idle' });
    await vi.advanceTimersByTimeAsync(1);
    expect(c.getStatus()).toEqual({ state: 'saving' });
  });

  it('nothing is written before the first change (the restored draft is not overwritten)', async () => {
    const { target, saves } = memoryTarget();
    const c = new AutosaveController(target, { reportId: 'a', win: null });
    c.start(laodian());
    await vi.advanceTimersByTimeAsync(10_000);
    await c.flush();
    expect(saves).toEqual([]);
    expect(c.getStatus()).toEqual({ state: 'idle' });
  });

  it('is written at once when the page is hidden or left', async () => {
    const { target, saves } = memoryTarget();
    const c = new AutosaveController(target, { reportId: 'a', win: window });
    c.start(emptyReport());
    c.schedule(typed(emptyReport(), '切换窗口前'));
    const hidden = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    hidden.mockRestore();
    await settle();
    expect(saves.map((r) => r.problems)).toEqual(['切换窗口前']);

    c.schedule(typed(emptyReport(), '关闭页面前'));
    window.dispatchEvent(new Event('pagehide'));
    await settle();
    expect(saves.map((r) => r.problems)).toEqual(['切换窗口前', '关闭页面前']);

    await c.dispose();
    c.schedule(typed(emptyReport(), '已卸载'));
    window.dispatchEvent(new Event('pagehide'));
    await vi.advanceTimersByTimeAsync(0);
    expect(saves).toHaveLength(2);
  });

  it('journals a keystroke in the task after it, first thing (synchronously when the page is left), with its edit number, and keeps the copy once stored', async () => {
    const { target } = memoryTarget();
    const journal = localStorageJournal();
    const c = new AutosaveController(target, { reportId: 'r1', win: window, journal });
    c.start(emptyReport(), 4);
    c.schedule(typed(emptyReport(), '刚打的字'));
    // Not inside the keystroke (it cost ~0.9 ms of its budget), but ahead of the write in the next task.
    expect(journal.read('r1')).toBeNull();
    await vi.advanceTimersByTimeAsync(0);
    expect(journal.read('r1')).toEqual({ at: Date.now(), edit: 5, report: typed(emptyReport(), '刚打的字') });
    await c.flush();
    // Kept after the write: the second copy should IndexedDB be deleted.
    expect(journal.read('r1')).toEqual({ at: Date.now(), edit: 5, report: typed(emptyReport(), '刚打的字') });

    // The page is left right after a keystroke: the journal is written at once.
    c.schedule(typed(emptyReport(), '关页前打的字'));
    window.dispatchEvent(new Event('pagehide'));
    expect(journal.read('r1')).toMatchObject({ edit: 6, report: typed(emptyReport(), '关页前打的字') });
    await c.dispose();
  });

  it('tells no one after dispose, even when the flush it starts completes later', async () => {
    const { target } = memoryTarget();
    const c = new AutosaveController(target, { reportId: 'r1', win: window });
    c.start(emptyReport());
    const seen: string[] = [];
    c.subscribe((s) => seen.push(s.state));
    c.schedule(typed(emptyReport(), '卸载前打的字'));
    const before = seen.length;
    await c.dispose();
    expect(seen).toHaveLength(before);
  });

  it('reads a copy written by the older app (no edit number) and lists every copy', () => {
    localStorage.setItem('nianbao:unsaved:old', JSON.stringify({ at: 5, report: emptyReport('旧镇', 2023) }));
    localStorage.setItem('something-else', 'x');
    const journal = localStorageJournal();
    journal.write('new', emptyReport('新镇', 2024), 6, 3);
    expect(journal.read('old')).toEqual({ at: 5, edit: null, report: emptyReport('旧镇', 2023) });
    expect(journal.ids().sort()).toEqual(['new', 'old']);
  });
});

describe('revisions', () => {
  it('keeps one at most every 5 minutes of editing: the stored state before the write', async () => {
    const { target, revisions, saves } = memoryTarget();
    const c = new AutosaveController(target, { reportId: 'a', win: null });
    const base = emptyReport('老店镇', 2023);
    c.start(base);
    // Twelve minutes of typing, a keystroke every 10 seconds.
    for (let i = 1; i <= 72; i++) {
      if (i === 40) vi.setSystemTime(Date.now() - 3_600_000); // the clock set back an hour
      c.schedule(typed(base, `第${i}次`));
      await vi.advanceTimersByTimeAsync(10_000);
    }
    expect(saves).toHaveLength(72);
    // The clock set back does not stop revisions for an hour: one at once, then every 5 minutes.
    expect(revisions.map((r) => r.reason)).toEqual(['auto', 'auto', 'auto', 'auto']);
    expect(revisions[0]!.report).toBe(base);
    // The second comes 5 minutes (30 keystrokes) later and holds what was stored then.
    expect(revisions[1]!.report.problems).toBe('第30次');
  });

  it('before a paste, the state before it is kept as a revision, then the paste is saved at once', async () => {
    const { target, revisions, saves } = memoryTarget();
    const c = new AutosaveController(target, { reportId: 'a', win: null });
    const base = emptyReport();
    c.start(base);
    c.schedule(typed(base, '粘贴前打的字'));
    const pasted = { ...typed(base, '粘贴前打的字'), cells: { ...base.cells, 'requests.newReceived.natural': 12 } };
    await c.change(pasted, 'paste');
    expect(revisions.map((r) => [r.reason, r.report.problems])).toEqual([
      ['auto', ''],
      ['paste', '粘贴前打的字'],
    ]);
    expect(saves.at(-1)).toEqual(pasted);
    expect(c.getStatus().state).toBe('saved');
  });

  it('snapshot(reason) keeps a revision of the current report on demand', async () => {
    const { target, revisions } = memoryTarget();
    const c = new AutosaveController(target, { reportId: 'a', win: null });
    c.start(laodian());
    await c.snapshot('fillZeros');
    expect(revisions).toEqual([{ reason: 'fillZeros', report: laodian() }]);
  });
});

describe('a tab that may not write', () => {
  it('writes nothing while disabled', async () => {
    const { target, saves } = memoryTarget();
    const c = new AutosaveController(target, { reportId: 'a', win: null });
    c.start(emptyReport());
    c.setEnabled(false);
    c.schedule(typed(emptyReport(), '只读标签页'));
    await vi.advanceTimersByTimeAsync(1000);
    await c.flush();
    expect(saves).toEqual([]);
  });
});

describe('when the disk is full', () => {
  it('says so in Chinese, editing goes on, and the last good version stays stored', async () => {
    const conn = freshConnection();
    const repo = (await conn.ready)!;
    const id = await repo.create();
    await repo.save(id, laodian());
    const journal: Journal = localStorageJournal();
    const c = new AutosaveController(
      { save: (r) => repo.save(id, r), revision: (reason, r) => repo.addRevision(id, reason, r) },
      { reportId: id, win: null, journal },
    );
    c.start(laodian());
    await c.snapshot('manual'); // the first auto revision is out of the way

    const put = vi.spyOn(conn.db!.reports, 'put').mockRejectedValue(quotaError());
    const edited = typed(laodian(), '磁盘满时打的字');
    c.schedule(edited);
    await vi.advanceTimersByTimeAsync(300);
    await c.flush();
    const s = c.getStatus();
    expect(s.state).toBe('failed');
    expect(s.state === 'failed' && s.reason).toMatch(/^磁盘空间不足，浏览器拒绝保存。最近的修改仍在本页面中/);
    expect(s.state === 'failed' && s.offerDownload).toBe(true);
    expect((await repo.open(id))?.report).toEqual(laodian());
    // Nothing typed is lost: the journal still has it.
    expect(journal.read(id)?.report).toEqual(edited);

    // The clerk keeps typing; once space is freed the next change is saved.
    put.mockRestore();
    const more = typed(laodian(), '磁盘满时打的字，继续');
    c.schedule(more);
    await vi.advanceTimersByTimeAsync(300);
    await c.flush();
    expect(c.getStatus().state).toBe('saved');
    expect((await repo.open(id))?.report).toEqual(more);
    conn.close();
  });

  it('recognises quota errors, also wrapped by Dexie, and words other failures', () => {
    expect(isQuotaError(quotaError())).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: quotaError() })).toBe(true);
    expect(isQuotaError(new Error('x'))).toBe(false);
    expect(saveFailureMessage({ name: 'DatabaseClosedError', message: 'closed' })).toMatch(/^本机存储已关闭/);
    expect(saveFailureMessage(new TypeError('boom'))).toMatch(/^写入本机存储出错（TypeError：boom）/);
  });
});
