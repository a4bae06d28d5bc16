// The open report as one object: it loads, settles the tab's role, builds the editor of each
// version of the report, tells it whether it may edit, and saves what it changes.
import { waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Report, emptyReport } from '../../src/report';
import type { ChangeKind } from '../../src/storage/autosave';
import type { StorageConnection } from '../../src/storage/connection';
import { type Editor, OpenReport, type OpenReportState } from '../../src/storage/openReport';
import { diffReport } from '../../src/storage/patch';
import { FakeHub, FakeLocks } from './fakeTabs';
import { freshConnection, laodian } from './helpers';

/** The smallest editor: it records what it is told and emits what the test types. */
class FakeEditor implements Editor {
  readOnlyCalls: boolean[] = [];
  private fns = new Set<(e: { report: Report; kind: ChangeKind | 'undo' | 'redo' }) => void>();
  constructor(
    public report: Report,
    readonly previous: Report | null,
  ) {}
  getReport() {
    return this.report;
  }
  setReadOnly(readOnly: boolean) {
    this.readOnlyCalls.push(readOnly);
  }
  get readOnly() {
    return this.readOnlyCalls.at(-1);
  }
  onChange(fn: (e: { report: Report; kind: ChangeKind | 'undo' | 'redo' }) => void) {
    this.fns.add(fn);
    return () => this.fns.delete(fn);
  }
  get listening() {
    return this.fns.size;
  }
  type(problems: string, kind: ChangeKind | 'undo' | 'redo' = 'edit') {
    this.report = { ...this.report, problems };
    for (const fn of this.fns) fn({ report: this.report, kind });
  }
}

let conn: StorageConnection;
const opened: OpenReport<FakeEditor>[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) o.dispose();
  conn?.close();
});

async function storedReport(report: Report): Promise<string> {
  conn = freshConnection();
  const repo = (await conn.ready)!;
  const id = await repo.create();
  await repo.save(id, report);
  return id;
}

function open(id: string, tabs: { locks: FakeLocks | null; channel: ReturnType<FakeHub['open']> | null }, tabId = 'A') {
  const o = new OpenReport<FakeEditor>(id, {
    conn,
    journal: null,
    tabs: { ...tabs, tabId, handshakeMs: 100 },
    followEdits: false,
    createEditor: (r, p) => new FakeEditor(r, p),
  });
  opened.push(o);
  return o;
}

async function ready(o: OpenReport<FakeEditor>): Promise<OpenReportState<FakeEditor>> {
  await waitFor(() => expect(o.getState().phase).toBe('ready'));
  return o.getState();
}

describe('OpenReport', () => {
  it('builds the editor from what is stored, writable in the only tab, and saves its edits', async () => {
    const id = await storedReport(laodian());
    const o = open(id, { locks: null, channel: null });
    const s = await ready(o);
    expect(s.readOnly).toBe(false);
    expect(s.editor!.report).toEqual(laodian());
    // Told before the state was published: there is no moment with a writable reader.
    expect(s.editor!.readOnlyCalls).toEqual([false]);
    s.editor!.type('问题一');
    await o.flush();
    expect((await conn.repository!.open(id))!.report.problems).toBe('问题一');
    // followEdits false: the published report and editor stay (only the save status moves).
    expect(o.getState().report).toBe(s.report);
    expect(o.getState().editor).toBe(s.editor);
    expect(o.getState().save.state).toBe('saved');
  });

  it('an undo is saved as an edit', async () => {
    const id = await storedReport(emptyReport('老店镇', 2024));
    const o = open(id, { locks: null, channel: null });
    const { editor } = await ready(o);
    editor!.type('撤销后的文字', 'undo');
    await o.flush();
    const rec = (await conn.repository!.open(id))!;
    expect(rec.report.problems).toBe('撤销后的文字');
    // 'undo' is not a revision reason: no revision was taken for it.
    expect((await conn.repository!.listRevisions(id)).map((r) => r.reason)).not.toContain('undo');
  });

  it('a second tab gets a read-only editor; 接管编辑 builds a writable one from what the first saved', async () => {
    const id = await storedReport(emptyReport('老店镇', 2024));
    const locks = new FakeLocks();
    const hub = new FakeHub();
    const a = open(id, { locks, channel: hub.open() }, 'A');
    const sa = await ready(a);
    sa.editor!.type('甲写的');
    const b = open(id, { locks, channel: hub.open() }, 'B');
    const sb = await ready(b);
    expect(sb.readOnly).toBe(true);
    expect(sb.editor!.readOnlyCalls).toEqual([true]);
    // A reader's edits are never saved.
    sb.editor!.type('乙不能写');
    await b.takeOver();
    const after = b.getState();
    expect(after.readOnly).toBe(false);
    expect(after.editor).not.toBe(sb.editor);
    expect(after.editor!.report.problems).toBe('甲写的');
    expect(after.editor!.readOnly).toBe(false);
    expect(sb.editor!.listening).toBe(0);
    // The first tab is told, and its editor with it.
    await waitFor(() => expect(a.getState().readOnly).toBe(true));
    expect(a.getState().editor!.readOnly).toBe(true);
  });

  it('接管编辑 after the writer tab crashed settles the patches it staged after its last full save, as opening does', async () => {
    const withText = (problems: string): Report => ({ ...emptyReport('老店镇', 2024), problems });
    const id = await storedReport(withText('已保存的'));
    const repo = conn.repository!;
    const rec = (await repo.open(id))!;
    const locks = new FakeLocks();
    const hub = new FakeHub();
    // The writer tab: it holds the lock, staged two keystrokes (a third, of another text, is
    // not its chain) and crashed before its full save: the lock goes, no answer ever comes.
    let crash: () => void = () => undefined;
    void locks.request(`nianbao-report-${id}`, {}, () => new Promise<void>((r) => (crash = r)));
    const b = open(id, { locks, channel: hub.open() }, 'B');
    expect((await ready(b)).readOnly).toBe(true);
    const step = (from: number, before: string, after: string) =>
      repo.stage(id, { from, to: from + 1, at: Date.now(), ops: diffReport(withText(before), withText(after)) });
    await step(rec.edit, '已保存的', '已保存的，崩溃前');
    await step(rec.edit + 1, '已保存的，崩溃前', '已保存的，崩溃前打的');
    await step(rec.edit + 2, '别的', '别的内容');
    crash();

    await b.takeOver();
    const s = b.getState();
    expect(s.readOnly).toBe(false);
    expect(s.recovered).toBe('takeover');
    expect(s.editor!.report.problems).toBe('已保存的，崩溃前打的');
    // Stored whole, and the patches, in the record now or not of its chain, are gone.
    expect(await repo.open(id)).toMatchObject({ edit: rec.edit + 2, report: { problems: '已保存的，崩溃前打的' } });
    expect(await conn.db!.meta.where('key').startsWith(`patch:${id}:`).count()).toBe(0);
    // The next keystroke chains from there.
    s.editor!.type('已保存的，崩溃前打的。');
    await b.flush();
    expect(await repo.open(id)).toMatchObject({ edit: rec.edit + 3, report: { problems: '已保存的，崩溃前打的。' } });
  });

  it('when the writer tab closes, the read-only tab takes over by itself from what it saved, then saves its typing', async () => {
    const id = await storedReport(emptyReport('老店镇', 2024));
    const locks = new FakeLocks();
    const hub = new FakeHub();
    const a = open(id, { locks, channel: hub.open() }, 'A');
    (await ready(a)).editor!.type('甲写的');
    await a.flush();
    const b = open(id, { locks, channel: hub.open() }, 'B');
    const sb = await ready(b);
    expect(sb.readOnly).toBe(true);
    a.dispose();
    await waitFor(() => expect(b.getState().readOnly).toBe(false));
    const s = b.getState();
    expect(s.role).toEqual({ role: 'writer', freed: true });
    // A new editor, from what A saved; the reader's editor was never made writable.
    expect(s.editor).not.toBe(sb.editor);
    expect(s.editor!.report.problems).toBe('甲写的');
    expect(s.editor!.readOnlyCalls).toEqual([false]);
    expect(sb.editor!.readOnlyCalls).toEqual([true]);
    expect(s.recovered).toBe(false);
    s.editor!.type('甲写的，乙接着写');
    await b.flush();
    expect((await conn.repository!.open(id))!.report.problems).toBe('甲写的，乙接着写');
  });

  it('when the writer tab crashes, the waiting tab settles what it staged, as 接管编辑 does', async () => {
    const withText = (problems: string): Report => ({ ...emptyReport('老店镇', 2024), problems });
    const id = await storedReport(withText('已保存的'));
    const repo = conn.repository!;
    const rec = (await repo.open(id))!;
    const locks = new FakeLocks();
    let crash: () => void = () => undefined;
    void locks.request(`nianbao-report-${id}`, {}, () => new Promise<void>((r) => (crash = r)));
    const b = open(id, { locks, channel: null }, 'B');
    expect((await ready(b)).readOnly).toBe(true);
    await repo.stage(id, {
      from: rec.edit,
      to: rec.edit + 1,
      at: Date.now(),
      ops: diffReport(withText('已保存的'), withText('已保存的，崩溃前打的')),
    });
    crash();
    await waitFor(() => expect(b.getState().readOnly).toBe(false));
    const s = b.getState();
    expect(s.recovered).toBe('takeover');
    expect(s.editor!.report.problems).toBe('已保存的，崩溃前打的');
    expect(await repo.open(id)).toMatchObject({ edit: rec.edit + 1, report: { problems: '已保存的，崩溃前打的' } });
  });

  it('a waiting tab that is closed, or whose clerk presses 接管编辑, leaves no request behind', async () => {
    const id = await storedReport(emptyReport('老店镇', 2024));
    const locks = new FakeLocks();
    const hub = new FakeHub();
    const name = `nianbao-report-${id}`;
    const a = open(id, { locks, channel: hub.open() }, 'A');
    await ready(a);
    const b = open(id, { locks, channel: hub.open() }, 'B');
    await ready(b);
    expect(locks.waitingFor(name)).toBe(1);
    b.dispose();
    expect(locks.waitingFor(name)).toBe(0);
    const c = open(id, { locks, channel: hub.open() }, 'C');
    await ready(c);
    expect(locks.waitingFor(name)).toBe(1);
    await c.takeOver();
    expect(c.getState().role).toEqual({ role: 'writer' });
    // A, now read-only because C took over, does not queue: it stays read-only until its clerk decides.
    expect(locks.waitingFor(name)).toBe(0);
  });

  it('the usual open (nothing staged) writes nothing; patches left by an earlier visit are cleared', async () => {
    const id = await storedReport(laodian());
    const repo = conn.repository!;
    const clear = vi.spyOn(repo, 'clearStaged');
    const save = vi.spyOn(repo, 'save');
    const first = open(id, { locks: null, channel: null });
    await ready(first);
    expect(clear).not.toHaveBeenCalled();
    expect(save).not.toHaveBeenCalled();
    first.dispose();

    // A patch that does not chain from the record (its visit was saved whole after it).
    const rec = (await repo.open(id))!;
    const other = { ...laodian(), problems: '别的' };
    await repo.stage(id, { from: rec.edit + 3, to: rec.edit + 4, at: 0, ops: diffReport(laodian(), other) });
    const second = open(id, { locks: null, channel: null }, 'B');
    expect((await ready(second)).editor!.report).toEqual(laodian());
    expect(clear).toHaveBeenCalledTimes(1);
    expect(save).not.toHaveBeenCalled();
    expect(await conn.db!.meta.where('key').startsWith(`patch:${id}:`).count()).toBe(0);
  });

  it('attaching last year keeps the edits made and builds a new editor with it', async () => {
    const id = await storedReport(emptyReport('老店镇', 2024));
    const o = open(id, { locks: null, channel: null });
    const s = await ready(o);
    s.editor!.type('先写的');
    const last = laodian();
    await o.setPrevious(last);
    const t = o.getState();
    expect(t.externalVersion).toBe(s.externalVersion + 1);
    expect(t.editor!.previous).toEqual(last);
    expect(t.editor!.report.problems).toBe('先写的');
    expect((await conn.repository!.open(id))!.previous).toEqual(last);
  });

  it('after dispose an edit is not saved and no one is told', async () => {
    const id = await storedReport(emptyReport('老店镇', 2024));
    const o = open(id, { locks: null, channel: null });
    const s = await ready(o);
    const told = vi.fn();
    o.subscribe(told);
    o.dispose();
    s.editor!.type('关掉以后');
    await new Promise((r) => setTimeout(r, 0));
    expect(told).not.toHaveBeenCalled();
    expect((await conn.repository!.open(id))!.report.problems).toBe('');
  });

  it('a report that is not stored is missing, with no editor', async () => {
    await storedReport(emptyReport('老店镇', 2024));
    const o = open('no-such-report', { locks: null, channel: null });
    await waitFor(() => expect(o.getState().phase).toBe('missing'));
    expect(o.getState().editor).toBeNull();
  });
});
