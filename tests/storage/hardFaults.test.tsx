// Issue 14: no keystroke lost to a crash or a clock. What a clock set back, a deleted
// database and an old local copy must not do; the crashes themselves are in
// tests/e2e/crash.spec.ts (a killed browser) and autosave.test.ts (the journal in the keystroke).
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Report, emptyReport } from '../../src/report';
import {
  JournalKeptNotice,
  LocalCopyOffer,
  LostReportsOffer,
  type StorageConnection,
  StorageConnection as Connection,
  localStorageJournal,
} from '../../src/storage';
import { type Draft, type DraftOptions, useDraft } from '../../src/storage/draft';
import { MSG_DELETED, MSG_VERSION_CHANGE } from '../../src/storage/connection';
import { diffReport } from '../../src/storage/patch';
import { ReportRepository } from '../../src/storage/repository';
import { freshConnection, laodian } from './helpers';

let conn: StorageConnection;
afterEach(() => {
  cleanup();
  conn?.close();
  localStorage.clear();
  vi.useRealTimers();
});

// Wide margins: the machine running these may be busy.
const HOUR = 3_600_000;
const noTabs: DraftOptions['tabs'] = { locks: null, channel: null };
const withText = (text: string): Report => ({ ...emptyReport('老店镇', 2024), problems: text });

async function openRepo(now?: () => number): Promise<ReportRepository> {
  conn = freshConnection();
  const r = await conn.ready;
  if (!r) throw new Error('storage did not open');
  return now ? new ReportRepository(conn.db!, now) : r;
}

let latest: Draft | null = null;
function Editor({ id, options }: { id: string; options: DraftOptions }) {
  const draft = useDraft(id, options);
  latest = draft;
  if (draft.phase === 'missing') {
    return (
      <div>
        <p>找不到这份报告</p>
        <LocalCopyOffer copy={draft.localCopy} onRestore={draft.recreate} />
      </div>
    );
  }
  if (draft.phase !== 'ready' || !draft.report) return <p>正在打开…</p>;
  const report = draft.report;
  return (
    <>
      <JournalKeptNotice kept={draft.journalKept} />
      <textarea
        aria-label="五"
        key={draft.externalVersion}
        defaultValue={report.problems}
        onChange={(e) => draft.onChange({ ...report, problems: e.target.value })}
      />
    </>
  );
}

describe('the clock set back an hour', () => {
  it('the home list stays in the order reports were last saved', async () => {
    let t = 10 * HOUR;
    const r = await openRepo(() => t);
    const a = await r.create('甲镇', 2024);
    const b = await r.create('乙镇', 2024);
    t -= HOUR; // the clerk's PC clock is corrected backwards
    await r.save(a, withText('刚改的'));
    expect((await r.list()).map((x) => x.id)).toEqual([a, b]);
    t -= HOUR;
    await r.save(b, withText('又改了'));
    expect((await r.list()).map((x) => x.id)).toEqual([b, a]);
  });

  it('回收站 lists the last deleted first', async () => {
    let t = 10 * HOUR;
    const r = await openRepo(() => t);
    const a = await r.create('甲镇', 2024);
    const b = await r.create('乙镇', 2024);
    await r.remove(a);
    t -= HOUR;
    await r.remove(b);
    expect((await r.listTrash()).map((x) => x.id)).toEqual([b, a]);
  });

  it('历史版本 lists the newest revision first', async () => {
    let t = 10 * HOUR;
    const r = await openRepo(() => t);
    const id = await r.create('甲镇', 2024);
    const first = await r.addRevision(id, 'auto', withText('一'));
    t -= HOUR;
    const second = await r.addRevision(id, 'paste', withText('二'));
    expect((await r.listRevisions(id)).map((x) => x.id)).toEqual([second, first]);
  });

  it('the newest revisions are the ones kept when there are too many', async () => {
    let t = 10 * HOUR;
    const r = await openRepo(() => t);
    const id = await r.create('甲镇', 2024);
    for (let i = 0; i < 100; i++) await r.addRevision(id, 'auto', withText(`第${i}版`));
    t -= HOUR;
    const newest = await r.addRevision(id, 'manual', withText('时钟拨回后'));
    const ids = (await r.listRevisions(id)).map((x) => x.id);
    expect(ids).toHaveLength(100);
    expect(ids[0]).toBe(newest);
  });

  it('a local copy with newer edits is applied though its time is older than the stored one', async () => {
    const r = await openRepo();
    const id = await r.create('老店镇', 2024);
    const rec = await r.save(id, withText('已保存的'));
    const journal = localStorageJournal();
    journal.write(id, withText('已保存的，后来又打的字'), rec.updatedAt - HOUR, rec.edit + 1);
    render(<Editor id={id} options={{ conn, journal, tabs: noTabs }} />);
    expect(await screen.findByRole('textbox', { name: '五' })).toHaveValue('已保存的，后来又打的字');
    expect(latest!.recovered).toBe('open');
    await act(() => latest!.flush());
    expect((await r.open(id))?.report.problems).toBe('已保存的，后来又打的字');
  });
});

describe('the staged patches in IndexedDB (written in the task after the keystroke)', () => {
  const patch = (from: number, before: Report, after: Report) => ({
    from,
    to: from + 1,
    at: Date.now(),
    ops: diffReport(before, after),
  });

  it('are applied on opening when the full save did not make it; a patch of another text is ignored', async () => {
    const r = await openRepo();
    const id = await r.create('老店镇', 2024);
    const rec = await r.save(id, withText('已保存的'));
    await r.stage(id, patch(rec.edit, withText('已保存的'), withText('已保存的，断电前')));
    await r.stage(id, patch(rec.edit + 1, withText('已保存的，断电前'), withText('已保存的，断电前打的')));
    render(<Editor id={id} options={{ conn, journal: null, tabs: noTabs }} />);
    expect(await screen.findByRole('textbox', { name: '五' })).toHaveValue('已保存的，断电前打的');
    expect(latest!.recovered).toBe('open');
    // Stored whole on opening, and the patches, now in the record, are gone.
    expect(await r.open(id)).toMatchObject({ edit: rec.edit + 2, report: withText('已保存的，断电前打的') });
    expect(await conn.db!.meta.where('key').startsWith('patch:').count()).toBe(0);
    cleanup();

    // A patch that starts at the stored number but was made on another text (a stale one).
    await r.stage(id, patch(rec.edit + 2, withText('别的'), withText('别的内容')));
    render(<Editor id={id} options={{ conn, journal: null, tabs: noTabs }} />);
    expect(await screen.findByRole('textbox', { name: '五' })).toHaveValue('已保存的，断电前打的');
    expect(latest!.recovered).toBe(false);
    expect((await r.listRevisions(id)).map((x) => x.reason)).not.toContain('journal');
  });

  it('the whole staged copy an older app wrote is still applied', async () => {
    const r = await openRepo();
    const id = await r.create('老店镇', 2024);
    const rec = await r.save(id, withText('已保存的'));
    await conn.db!.meta.put({
      key: `staged:${id}`,
      value: { at: Date.now(), edit: rec.edit + 1, report: withText('旧版暂存的') },
    });
    render(<Editor id={id} options={{ conn, journal: null, tabs: noTabs }} />);
    expect(await screen.findByRole('textbox', { name: '五' })).toHaveValue('旧版暂存的');
  });

  it('the localStorage journal wins when it is further ahead', async () => {
    const r = await openRepo();
    const id = await r.create('老店镇', 2024);
    const rec = await r.save(id, withText('一'));
    await r.stage(id, patch(rec.edit, withText('一'), withText('一二')));
    const journal = localStorageJournal();
    journal.write(id, withText('一二三'), Date.now(), rec.edit + 2);
    render(<Editor id={id} options={{ conn, journal, tabs: noTabs }} />);
    expect(await screen.findByRole('textbox', { name: '五' })).toHaveValue('一二三');
  });
});

describe('a local copy that is not applied is never dropped unseen', () => {
  it('a copy from the older app (judged by time) that is not newer is kept as a revision, and the clerk is told', async () => {
    const r = await openRepo();
    const id = await r.create('老店镇', 2024);
    const rec = await r.save(id, withText('已保存的'));
    // The old app's journal: no edit number, a time an hour before the stored one (the clock was set back).
    localStorage.setItem(
      `nianbao:unsaved:${id}`,
      JSON.stringify({ at: rec.updatedAt - HOUR, report: withText('时钟拨回后打的字') }),
    );
    render(<Editor id={id} options={{ conn, journal: localStorageJournal(), tabs: noTabs }} />);
    expect(await screen.findByRole('textbox', { name: '五' })).toHaveValue('已保存的');
    expect(screen.getByRole('status')).toHaveTextContent(
      /未保存记录，和已保存的内容不同，没有自动采用：已存为历史版本/,
    );
    const revs = await r.listRevisions(id);
    expect(revs[0]?.reason).toBe('journal');
    expect((await r.getRevision(revs[0]!.id))?.report.problems).toBe('时钟拨回后打的字');
    // Told once: the copy now matches what is stored.
    expect(localStorageJournal().read(id)).toMatchObject({ edit: rec.edit, report: withText('已保存的') });
  });

  it('a copy with the same edit number but different content is kept and shown too', async () => {
    const r = await openRepo();
    const id = await r.create('老店镇', 2024);
    const rec = await r.save(id, withText('已保存的'));
    const journal = localStorageJournal();
    journal.write(id, withText('别的内容'), Date.now(), rec.edit);
    render(<Editor id={id} options={{ conn, journal, tabs: noTabs }} />);
    expect(await screen.findByRole('status')).toHaveTextContent(/已存为历史版本「未保存的记录」/);
    expect((await r.listRevisions(id))[0]?.reason).toBe('journal');
  });

  it('an older copy (fewer edits) is kept as a revision without a notice; the same content is left alone', async () => {
    const r = await openRepo();
    const id = await r.create('老店镇', 2024);
    await r.save(id, withText('一'));
    const rec = await r.save(id, withText('一二'));
    const journal = localStorageJournal();
    journal.write(id, withText('一'), Date.now(), rec.edit - 1);
    render(<Editor id={id} options={{ conn, journal, tabs: noTabs }} />);
    expect(await screen.findByRole('textbox', { name: '五' })).toHaveValue('一二');
    expect(screen.queryByRole('status')).toBeNull();
    await waitFor(async () => expect((await r.listRevisions(id)).map((x) => x.reason)).toEqual(['journal']), {
      timeout: 10_000,
    });
  });
});

describe('IndexedDB deleted by another tab', () => {
  it('the open tab says the data was deleted, not that the app was updated', async () => {
    const name = `nianbao-deleted-${Date.now()}`;
    const c = new Connection({ name, journal: null });
    await c.ready;
    await Dexie.delete(name);
    expect(c.getHealth()).toEqual({ state: 'closed', message: MSG_DELETED });
    expect(MSG_DELETED).not.toContain('更新');
    expect(MSG_VERSION_CHANGE).toContain('更新');
    c.close();
  });

  it('reopened, 「找不到这份报告」 offers the full report from the local copy and restores it', async () => {
    const r = await openRepo();
    const id = await r.create('老店镇', 2024);
    const user = userEvent.setup();
    render(<Editor id={id} options={{ conn, tabs: noTabs }} />);
    await user.type(await screen.findByRole('textbox', { name: '五' }), '全部内容');
    await act(() => latest!.flush());
    cleanup();
    // Another tab deletes the database; this browser still has its local copy.
    await conn.db!.reports.clear();

    render(<Editor id={id} options={{ conn, tabs: noTabs }} />);
    expect(await screen.findByText('找不到这份报告')).toBeInTheDocument();
    expect(screen.getByText(/本机还留有这份报告最后的内容：「老店镇 2024年」/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '恢复这份报告' }));
    expect(await screen.findByRole('textbox', { name: '五' })).toHaveValue('全部内容');
    expect((await r.open(id))?.report.problems).toBe('全部内容');
  });

  it('the home list offers every report it no longer holds but this browser has a copy of', async () => {
    const r = await openRepo();
    const kept = await r.create('留下镇', 2024);
    conn.journal!.write('lost-1', withText('丢了的内容'), Date.now(), 12);
    conn.journal!.write(kept, withText(''), Date.now(), 0);
    const user = userEvent.setup();
    const { rerender } = render(<LostReportsOffer conn={conn} known={[kept]} />);
    const offer = screen.getByRole('region', { name: '有报告不在列表中' });
    expect(offer).toHaveTextContent('找不到下面 1 份报告');
    expect(offer).toHaveTextContent('「老店镇 2024年」');
    await user.click(screen.getByRole('button', { name: '恢复 老店镇 2024年' }));
    await waitFor(async () => expect((await r.open('lost-1'))?.report.problems).toBe('丢了的内容'), {
      timeout: 10_000,
    });
    expect((await r.open('lost-1'))?.edit).toBe(12);
    rerender(<LostReportsOffer conn={conn} known={[kept, 'lost-1']} />);
    expect(screen.queryByRole('region', { name: '有报告不在列表中' })).toBeNull();
  });

  it('a report deleted for good (回收站 emptied) loses its local copy, so it is not offered back', async () => {
    conn = freshConnection();
    const r = (await conn.ready)!;
    const id = await r.create('老店镇', 2024);
    conn.journal!.write(id, withText('x'), Date.now(), 1);
    await r.remove(id);
    await r.emptyTrash();
    expect(conn.journal!.read(id)).toBeNull();
  });

  it('recreating never overwrites a stored report', async () => {
    const r = await openRepo();
    const id = await r.create('老店镇', 2024);
    await r.save(id, laodian());
    await expect(r.recreate(id, withText('旧的'), 1)).rejects.toThrow(/报告已存在/);
    expect((await r.open(id))?.report).toEqual(laodian());
  });
});

describe('edit numbers', () => {
  it('every save counts, and never below what the autosave says', async () => {
    const r = await openRepo();
    const id = await r.create('老店镇', 2024);
    expect((await r.open(id))?.edit).toBe(0);
    expect((await r.save(id, withText('一'))).edit).toBe(1);
    expect((await r.save(id, withText('一二'), 5)).edit).toBe(5);
    expect((await r.save(id, withText('一二三'), 2)).edit).toBe(6);
  });
});
