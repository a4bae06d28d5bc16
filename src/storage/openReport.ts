// The open report: one object owns everything about it while it is open, so the page only
// wires it to the views. It loads the stored record (and settles any newer local copy) BEFORE
// autosave may write, so defaults never overwrite what was stored; it settles which tab may
// write; it builds the editor (the wizard's store) for each version of the report and tells it
// whether it may edit; and it saves what the editor changes. No React here: `useDraft` in
// hooks.ts is the binding.
import { liveQuery } from 'dexie';
import { type Report, emptyReport } from '../report';
import type { ChangeKind, Journal, JournalEntry, SaveStatus } from './autosave';
import { AutosaveController } from './autosaveController';
import { MEMORY_REPORT_ID, type StorageConnection } from './connection';
import { type RevisionReason, repairReport } from './db';
import type { ReportRepository } from './repository';
import { ReportTabLock, type TabLockOptions, type TabRole } from './tabs';

/** How long opening waits for a recovered copy to be stored and old patches cleared. */
const SETTLE_WAIT_MS = 3000;

const NOTHING_TO_FLUSH = Promise.resolve();

/** What edits the report while it is open (the wizard's store). */
export interface Editor {
  getReport(): Report;
  setReadOnly(readOnly: boolean): void;
  /** Each change made in the editor; returns the unsubscribe. */
  onChange(listener: (e: { report: Report; kind: ChangeKind | 'undo' | 'redo' }) => void): () => void;
}

export interface OpenReportState<E extends Editor = Editor> {
  phase: 'loading' | 'ready' | 'missing';
  report: Report | null;
  /** Last year's report attached to this one (W1/W2). */
  previous: Report | null;
  save: SaveStatus;
  role: TabRole;
  /** True when this tab must not edit (another tab writes). */
  readOnly: boolean;
  /**
   * Unsaved keys came back from the journal or the staged patches: `'open'` when this tab opened
   * the report (the last page had closed or crashed before saving), `'takeover'` when the tab
   * that was writing crashed and this one took over.
   */
  recovered: false | 'open' | 'takeover';
  /**
   * A local copy that differed from the stored report and was not applied (it was not newer,
   * or could not be told apart): kept as a 「未保存的记录」 revision, `at` is when it was written.
   * `kept` false: keeping it failed, it stays in the journal.
   */
  journalKept: { at: number; kept: boolean } | null;
  /** phase 'missing' but this browser still has the report's last content (the database was deleted). */
  localCopy: JournalEntry | null;
  /** Storage is not usable: everything is in memory only. */
  memoryOnly: boolean;
  /**
   * Changes when `report` was replaced by something other than an edit (the writer tab saved
   * while this one reads, a takeover reloaded, a revision was restored, last year's report was
   * attached): a new editor is built for it.
   */
  externalVersion: number;
  /** The editor of this version of the report (null without `createEditor` or before it is loaded). */
  editor: E | null;
}

export interface OpenReportOptions<E extends Editor> {
  conn: StorageConnection;
  /** null: no localStorage journal (tests). */
  journal: Journal | null;
  tabs?: TabLockOptions;
  /**
   * False when the editor owns the report: an edit is saved but does not change `report`, so a
   * keystroke never re-renders the page. `report` is then the report as opened or last
   * replaced from outside. Default true.
   */
  followEdits?: boolean;
  createEditor?: (report: Report, previous: Report | null) => E;
}

const NO_JOURNAL: Journal = {
  write: () => undefined,
  append: () => false,
  read: () => null,
  clear: () => undefined,
  ids: () => [],
};

/** Same content (the journal holds JSON, so compare as JSON). */
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What to do with the local copy on opening. Newer by the edit counter: apply it. Otherwise,
 * if it differs, keep it as a revision (never dropped unseen) and tell the clerk unless it is
 * plainly older. A copy from before the counter existed is judged by its time, as it was.
 */
/** What opening read: the record, the copy staged after it, whether anything was staged. */
type Opened = NonNullable<Awaited<ReturnType<ReportRepository['openForEdit']>>>;

interface Settled {
  /** Newer content from a local copy, to open instead of the record. */
  apply: Report | null;
  edit: number;
  kept: { at: number; kept: boolean } | null;
}

async function settleJournal(
  repo: ReportRepository,
  journal: Journal,
  id: string,
  { rec, staged }: Opened,
): Promise<Settled> {
  // The patches staged in IndexedDB after the record (see repository.stage), when they lead
  // further than the localStorage journal.
  const j = journal.read(id);
  if (staged && staged.edit > rec.edit && (!j || j.edit === null || staged.edit >= j.edit)) {
    return { apply: staged.report, edit: staged.edit, kept: null };
  }
  if (!j) return { apply: null, edit: rec.edit, kept: null };
  const newer = j.edit === null ? j.at > rec.updatedAt : j.edit > rec.edit;
  // Applied under its own number (a copy from before the counter: the next one after the record's).
  if (newer) return { apply: repairReport(j.report), edit: j.edit ?? rec.edit + 1, kept: null };
  if (same(j.report, rec.report)) return { apply: null, edit: rec.edit, kept: null };
  const older = j.edit !== null && j.edit < rec.edit;
  try {
    await repo.addRevision(id, 'journal', repairReport(j.report));
  } catch {
    return { apply: null, edit: rec.edit, kept: { at: j.at, kept: false } };
  }
  journal.write(id, rec.report, Date.now(), rec.edit);
  return { apply: null, edit: rec.edit, kept: older ? null : { at: j.at, kept: true } };
}

/** Before the record is read. */
export const LOADING_STATE = {
  phase: 'loading',
  report: null,
  previous: null,
  save: { state: 'idle' },
  role: { role: 'pending' },
  readOnly: true,
  recovered: false,
  journalKept: null,
  localCopy: null,
  memoryOnly: false,
  externalVersion: 0,
  editor: null,
} as const satisfies OpenReportState<never>;

export class OpenReport<E extends Editor = Editor> {
  private state: OpenReportState<E> = LOADING_STATE;
  private readonly listeners = new Set<() => void>();
  private autosave: AutosaveController | null = null;
  private lock: ReportTabLock | null = null;
  /** The latest report, edits included (state.report is not, unless followEdits). */
  private current: Report | null = null;
  private stopEditor: (() => void) | null = null;
  private stopFollowing: (() => void) | null = null;
  /** Bumped by recreate() and dispose(): an older load() stops at its next await. */
  private loadId = 0;
  private disposed = false;
  /** 接管编辑 is settling the local copies: no edit is saved meanwhile. */
  private settling = false;
  /** Taking the report over from a tab that let go (adopt), until settled. */
  private adopting: Promise<void> | null = null;

  constructor(
    readonly id: string,
    private readonly options: OpenReportOptions<E>,
  ) {
    void this.load();
  }

  getState = (): OpenReportState<E> => this.state;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  private set(patch: Partial<OpenReportState<E>>): void {
    if (this.disposed) return;
    const next = { ...this.state, ...patch };
    next.readOnly = next.role.role !== 'writer';
    // Told before anyone re-renders, so no edit can reach an editor that has not been told.
    if (next.editor && (next.editor !== this.state.editor || next.readOnly !== this.state.readOnly)) {
      next.editor.setReadOnly(next.readOnly);
    }
    this.state = next;
    for (const fn of [...this.listeners]) fn();
  }

  /** A new version of the report from outside the editor: a new editor is built for it. */
  private replace(report: Report, previous: Report | null, patch: Partial<OpenReportState<E>> = {}): void {
    if (this.disposed) return;
    this.current = report;
    this.stopEditor?.();
    this.stopEditor = null;
    let editor: E | null = null;
    if (this.options.createEditor) {
      editor = this.options.createEditor(report, previous);
      this.stopEditor = editor.onChange((e) =>
        this.onChange(e.report, e.kind === 'undo' || e.kind === 'redo' ? 'edit' : e.kind),
      );
    }
    const first = this.state.phase !== 'ready';
    this.set({
      ...patch,
      phase: 'ready',
      report,
      previous,
      editor,
      externalVersion: first ? 0 : this.state.externalVersion + 1,
    });
    this.follow();
  }

  private async load(): Promise<void> {
    const loadId = ++this.loadId;
    const stale = () => this.disposed || loadId !== this.loadId;
    const { conn } = this.options;
    const { id } = this;
    const journal = this.options.journal;
    const repo = await conn.ready;
    if (stale()) return;
    if (!repo || id === MEMORY_REPORT_ID) {
      const h = conn.getHealth();
      this.replace(emptyReport(), null, {
        role: { role: 'writer' },
        save: {
          state: 'failed',
          reason: 'message' in h ? h.message : '此报告只在本页面中，不会保存到本机，关闭前请下载 JSON 文件。',
          at: Date.now(),
          offerDownload: true,
        },
        memoryOnly: true,
      });
      return;
    }
    // The tab lock is asked for while the record is read: both are round trips to the browser
    // process, slow on a busy laptop (issue 12). Until the autosave exists there is nothing to
    // flush if another tab asks this one to step down.
    const lock = new ReportTabLock(id, {
      ...this.options.tabs,
      beforeRelease: () => this.autosave?.flush() ?? NOTHING_TO_FLUSH,
    });
    this.lock = lock;
    const [opened] = await Promise.all([repo.openForEdit(id), lock.start()]);
    if (stale()) return;
    if (!opened) {
      lock.dispose();
      this.lock = null;
      this.set({ phase: 'missing', localCopy: journal?.read(id) ?? null });
      return;
    }
    const { rec } = opened;
    const c = new AutosaveController(
      {
        save: (r, edit) => repo.save(id, r, edit),
        stage: (patch) => repo.stage(id, patch),
        dropStaged: (edit) => repo.dropStaged(id, edit),
        revision: (reason, r) => repo.addRevision(id, reason, r),
      },
      { reportId: id, journal },
    );
    this.autosave = c;
    c.subscribe((save) => this.set({ save }));
    const writer = lock.getRole().role === 'writer';
    c.setEnabled(writer);
    // Baseline = what is stored; only then may a change be written.
    c.start(rec.report, rec.edit);
    // Only the writer settles the journal: a reader's copy is the writer's business.
    const settled = writer
      ? await this.settleLocal(repo, c, opened, stale)
      : { apply: null, edit: rec.edit, kept: null };
    if (!settled || stale()) return;
    const r = lock.getRole();
    c.setEnabled(r.role === 'writer');
    this.replace(settled.apply ?? rec.report, rec.previous, {
      role: r,
      recovered: settled.apply !== null && 'open',
      journalKept: settled.kept,
      memoryOnly: false,
    });
    lock.subscribe((next) => {
      // The tab that wrote let go: take over as 接管编辑 does, read-only until that is settled.
      if (next.role === 'writer' && next.freed) {
        // A failed read leaves the page read-only; 接管编辑 is still there to try again.
        this.adopting ??= this.adopt(lock, c)
          .catch(() => undefined)
          .finally(() => {
            this.adopting = null;
          });
        return;
      }
      c.setEnabled(next.role === 'writer');
      this.set({ role: next });
      this.follow();
    });
    // Read-only because another tab writes: its closing hands the report here.
    lock.waitForFree();
  }

  /**
   * The lock came to this read-only tab because the writer let go (closed, or crashed): re-read
   * the record and settle what that tab staged or journalled, as 接管编辑 does, and only then
   * let the clerk type (the editor stays read-only meanwhile, so no keystroke is dropped).
   */
  private async adopt(lock: ReportTabLock, c: AutosaveController): Promise<void> {
    const repo = this.options.conn.repository;
    if (!repo) return;
    const stale = () => this.disposed || this.lock !== lock || lock.getRole().role !== 'writer';
    this.settling = true;
    try {
      await this.reopenAsWriter(repo, lock, c, stale, true);
    } finally {
      this.settling = false;
    }
  }

  /**
   * Re-reads the record as the writer (`enable`: the editor was read-only until now) and
   * settles what the other tab staged or journalled after its last full save.
   */
  private async reopenAsWriter(
    repo: NonNullable<StorageConnection['repository']>,
    lock: ReportTabLock,
    c: AutosaveController,
    stale: () => boolean,
    enable: boolean,
  ): Promise<void> {
    const opened = await repo.openForEdit(this.id);
    if (!opened || stale()) return;
    const { rec } = opened;
    if (enable) c.setEnabled(true);
    c.replaceFromStore(rec.report, rec.edit, false);
    const settled = await this.settleLocal(repo, c, opened, stale);
    if (!settled) return;
    this.replace(settled.apply ?? rec.report, rec.previous, {
      // Already told, unless the lock had come by itself and settling it failed (adopt).
      role: lock.getRole(),
      recovered: settled.apply !== null && 'takeover',
      journalKept: settled.kept,
    });
  }

  /**
   * As the writer, over record `rec` (already `c`'s baseline): the local copies (the patches
   * staged after the record, the localStorage journal) judged by settleJournal, on opening and
   * on taking over from a tab that crashed alike. Newer content is stored whole before the
   * clerk types, so the patches of this visit chain from the record; then the patches of
   * earlier visits (in the record now, or not applied) go, so none can chain onto this visit's
   * numbers. Kept if the recovered content could not be stored. A stuck disk holds this up
   * for SETTLE_WAIT_MS at most. Null when `stale`.
   */
  private async settleLocal(
    repo: ReportRepository,
    c: AutosaveController,
    opened: Opened,
    stale: () => boolean,
  ): Promise<Settled | null> {
    const settled = await settleJournal(repo, this.options.journal ?? NO_JOURNAL, this.id, opened);
    if (stale()) return null;
    // Nothing recovered and nothing staged: nothing to store or clear (the usual open: no wait).
    if (!settled.apply && !opened.anyStaged) return settled;
    if (settled.apply) c.recover(settled.apply, settled.edit);
    const settle = async () => {
      await c.flush();
      if (c.isSaved()) await repo.clearStaged(this.id);
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stuck = new Promise((done) => (timer = setTimeout(done, SETTLE_WAIT_MS)));
    await Promise.race([settle().catch(() => undefined), stuck]);
    clearTimeout(timer);
    return stale() ? null : settled;
  }

  /** A reader follows what the writer stores; a writer stops following. */
  private follow(): void {
    const repo = this.options.conn.repository;
    const should = this.state.phase === 'ready' && this.state.readOnly && !this.state.memoryOnly && repo;
    if (!should) {
      this.stopFollowing?.();
      this.stopFollowing = null;
      return;
    }
    if (this.stopFollowing) return;
    const sub = liveQuery(() => repo.open(this.id)).subscribe({
      next: (rec) => {
        if (!rec || same(rec.report, this.current)) return;
        this.replace(rec.report, rec.previous);
      },
      error: () => undefined,
    });
    this.stopFollowing = () => sub.unsubscribe();
  }

  private teardown(): void {
    this.loadId++;
    this.stopFollowing?.();
    this.stopFollowing = null;
    this.stopEditor?.();
    this.stopEditor = null;
    void this.autosave?.dispose();
    this.autosave = null;
    this.lock?.dispose();
    this.lock = null;
  }

  dispose(): void {
    this.teardown();
    this.disposed = true;
    this.listeners.clear();
  }

  /** A change to save: 'edit' per keystroke, a bulk kind before paste/fill-zeros/import/restore. */
  onChange = (report: Report, kind: ChangeKind = 'edit'): void => {
    if (this.state.role.role !== 'writer' || this.settling) return;
    this.current = report;
    if (this.options.followEdits ?? true) this.set({ report });
    void this.autosave?.change(report, kind);
  };

  takeOver = async (): Promise<void> => {
    const { lock, autosave: c } = this;
    const repo = this.options.conn.repository;
    if (!lock || !c || !repo) return;
    // The lock came by itself a moment ago and is being settled: that is the takeover.
    if (this.adopting) return this.adopting;
    // Until the new editor is built, the reader's editor (writable once the role changes)
    // must not save its older copy over what is settled below.
    this.settling = true;
    try {
      const r = await lock.takeOver();
      if (r.role !== 'writer') return;
      // Start from what the other tab saved when it stepped down; if it crashed instead, what
      // it staged or journalled after its last full save is settled as on opening.
      await this.reopenAsWriter(repo, lock, c, () => this.disposed || this.lock !== lock, false);
    } finally {
      this.settling = false;
    }
  };

  flush = async (): Promise<void> => {
    await this.autosave?.flush();
  };

  snapshot = async (reason: RevisionReason): Promise<void> => {
    await this.autosave?.snapshot(reason, this.current);
  };

  /** Restores a revision; the state replaced is kept as a revision first (undoable). */
  restoreRevision = async (revisionId: number): Promise<void> => {
    const c = this.autosave;
    const repo = this.options.conn.repository;
    if (!c || !repo || this.state.role.role !== 'writer') return;
    await c.flush();
    const report = await repo.restoreRevision(revisionId, this.current ?? undefined);
    c.replaceFromStore(report, (await repo.open(this.id))?.edit ?? c.getEdit() + 1);
    this.replace(report, this.state.previous);
  };

  /** Puts the missing report back from `localCopy` and opens it. */
  recreate = async (): Promise<void> => {
    const copy = this.state.localCopy;
    const repo = this.options.conn.repository;
    if (!copy || !repo) return;
    await repo.recreate(this.id, repairReport(copy.report), copy.edit ?? 0);
    this.teardown();
    this.set(LOADING_STATE);
    void this.load();
  };

  setPrevious = async (previous: Report | null): Promise<void> => {
    const repo = this.options.conn.repository;
    if (repo && this.id !== MEMORY_REPORT_ID) await repo.setPrevious(this.id, previous);
    // The latest edits, not the report as loaded: the editor is rebuilt from this.
    const report = this.current ?? this.state.report;
    if (report) this.replace(report, previous);
  };
}
