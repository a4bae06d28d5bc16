// Autosave without a framework. In the task right after a keystroke (scheduled ahead of
// rendering and timers) the change, as a small patch (patch.ts), is journalled (localStorage,
// for a renderer crash) and staged in IndexedDB (one blind put, for a killed browser: the
// localStorage journal reaches disk only seconds later and never survived a browser kill);
// then the full save follows, with strict durability (a power cut), and compacts both: the
// journal gets a full copy again, the staged patches it holds are deleted. In a short report
// the full save follows every key; in a long one (LONG_REPORT) it waits for a pause in typing,
// as writing 50,000 characters three times per key made each key cost more than the time to
// the next. One write at a time: keys typed during a write are coalesced into the next one.
// Which copy is newer is decided by an edit counter kept in all of them, never by the clock.
// Loaded with the open report (the ReportPage chunk, compiled ahead at idle), not the home screen.
import type { Report } from '../report';
import {
  type AutosaveOptions,
  type AutosaveTarget,
  type ChangeKind,
  type Journal,
  type SaveStatus,
  saveFailureMessage,
} from './autosave';
import type { RevisionReason } from './db';
import { type ReportPatch, diffReport } from './patch';

const REVISION_EVERY_MS = 5 * 60_000;
const SLOW_SAVE_MS = 1000;

/**
 * From this many characters of text on, a report is saved whole only once typing pauses
 * (SAVE_PAUSE_MS, at least every SAVE_EVERY_MS): each key is kept by its patch meanwhile.
 */
const LONG_REPORT = 16_000;
const SAVE_PAUSE_MS = 600;
const SAVE_EVERY_MS = 3000;

/** Characters of text in a report (its cells weigh little). */
function textSize(r: Report): number {
  let n = r.agency.length + r.problems.length + r.otherMatters.length;
  for (const o of r.overview) n += o.heading.length + o.body.length;
  for (const e of r.explanations) n += e.reason.length;
  return n;
}

type Listener = (s: SaveStatus) => void;

export class AutosaveController {
  private status: SaveStatus = { state: 'idle' };
  /** What listeners were last told (the status line shows minutes: no re-render per keystroke). */
  private told: SaveStatus = { state: 'idle' };
  private listeners = new Set<Listener>();
  private latest: Report | null = null;
  /** The edit number of `latest`, and of what is stored. */
  private edit = 0;
  private savedEdit = 0;
  /** What is in the store now (the restored draft at first). */
  private stored: Report | null = null;
  private dirty = false;
  /** The next-task write is scheduled. */
  private task = false;
  private slowTimer: ReturnType<typeof setTimeout> | null = null;
  /** A write is chained on the queue and has not yet taken `latest`. */
  private writeQueued = false;
  private queue: Promise<void> = Promise.resolve();
  private lastRevisionAt: number | null = null;
  /** The content the last patch ended at, and its edit number: the next patch starts there. */
  private journalled: Report | null = null;
  private journalledEdit = 0;
  /** The highest edit whose staged patch has committed. */
  private stagedEdit = 0;
  /** A long report's full save, waiting for a pause in typing (or for SAVE_EVERY_MS). */
  private pauseTimer: ReturnType<typeof setTimeout> | null = null;
  private everyTimer: ReturnType<typeof setTimeout> | null = null;
  private enabled = true;
  private readonly revisionEveryMs: number;
  private readonly slowMs: number;
  private readonly now: () => number;
  private readonly journal: Journal | null;
  private readonly win: Window | null;
  private readonly onHidden = () => {
    if (this.win?.document.visibilityState === 'hidden') void this.flush();
  };
  private readonly onPageHide = () => void this.flush();

  constructor(
    private readonly target: AutosaveTarget,
    private readonly options: AutosaveOptions,
  ) {
    this.revisionEveryMs = options.revisionEveryMs ?? REVISION_EVERY_MS;
    this.slowMs = options.slowMs ?? SLOW_SAVE_MS;
    this.now = options.now ?? Date.now;
    this.journal = options.journal === undefined ? null : options.journal;
    this.win = options.win === undefined ? (typeof window === 'undefined' ? null : window) : options.win;
  }

  /** `report`, change `edit`, is what is stored, journalled and shown: nothing is pending. */
  private baseline(report: Report, edit: number): void {
    this.stored = report;
    this.latest = report;
    this.edit = edit;
    this.savedEdit = edit;
    this.journalled = report;
    this.journalledEdit = edit;
  }

  /** Begin with the draft as restored from storage (change number `edit`). Nothing is written until a change. */
  start(restored: Report, edit = 0): void {
    this.baseline(restored, edit);
    this.win?.document.addEventListener('visibilitychange', this.onHidden);
    this.win?.addEventListener('pagehide', this.onPageHide);
  }

  getStatus(): SaveStatus {
    return this.status;
  }

  /** The edit number of the latest change. */
  getEdit(): number {
    return this.edit;
  }

  /** Every change is in the store's record (not only in patches or in memory). */
  isSaved(): boolean {
    return !this.dirty && this.savedEdit >= this.edit;
  }

  /**
   * After start(): `report`, change number `edit`, came back from a local copy and is not
   * stored yet. It is the base of the next patches; the next flush() saves it whole.
   */
  recover(report: Report, edit: number): void {
    if (!this.enabled || this.disposed) return;
    this.latest = report;
    this.edit = edit;
    this.dirty = true;
    this.journalled = report;
    this.journalledEdit = edit;
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private set(s: SaveStatus): void {
    this.status = s;
    // Writes now follow every keystroke: tell the page only what the status line would show differently.
    const t = this.told;
    if (s.state === t.state && (s.state !== 'saved' || (t.state === 'saved' && minute(t.at) === minute(s.at)))) {
      if (s.state !== 'failed' || (t.state === 'failed' && t.reason === s.reason)) return;
    }
    this.told = s;
    for (const fn of this.listeners) fn(s);
  }

  /** A read-only tab writes nothing; a pending change is dropped from the timer, not from memory. */
  setEnabled(on: boolean): void {
    this.enabled = on;
    if (!on) this.task = false;
  }

  /**
   * The report changed. An 'edit' is written in the next task; a bulk change (paste,
   * fill-zeros, import, restore) first keeps the state before it as a revision, then is
   * written at once.
   */
  change(report: Report, kind: ChangeKind = 'edit'): Promise<void> {
    if (!this.enabled || this.disposed) return this.queue;
    if (kind !== 'edit') {
      const before = this.latest;
      const pending = this.flush();
      this.queue = pending.then(() => this.keepRevision(kind, before));
      this.accept(report);
      return this.flush();
    }
    this.accept(report);
    // The next task, not this one: the write's own cost (counts, cloning) stays out of the keystroke,
    // and keys typed while a write is under way coalesce.
    if (!this.task) {
      this.task = true;
      nextTask(this.onTask);
    }
    return this.queue;
  }

  private readonly onTask = (): void => {
    if (!this.task) return;
    this.task = false;
    // First the patch (commits in ms), then the full save behind any under way; a long
    // report's once typing pauses.
    this.writeJournal();
    if (!this.latest || textSize(this.latest) < LONG_REPORT) {
      void this.flush();
      return;
    }
    if (this.pauseTimer) clearTimeout(this.pauseTimer);
    this.pauseTimer = setTimeout(this.onPause, SAVE_PAUSE_MS);
    this.everyTimer ??= setTimeout(this.onPause, SAVE_EVERY_MS);
  };

  private readonly onPause = (): void => void this.flush();

  private clearSaveTimers(): void {
    if (this.pauseTimer) clearTimeout(this.pauseTimer);
    if (this.everyTimer) clearTimeout(this.everyTimer);
    this.pauseTimer = null;
    this.everyTimer = null;
  }

  /** Same as change(report, 'edit'). */
  schedule(report: Report): void {
    void this.change(report, 'edit');
  }

  private accept(report: Report): void {
    this.latest = report;
    this.edit += 1;
    this.dirty = true;
    this.journalDue = true;
    if (this.status.state !== 'failed' && !this.slowTimer) this.slowTimer = setTimeout(this.onSlow, this.slowMs);
  }

  private journalDue = false;
  /**
   * The changes since the last patch, as one patch: appended to the journal (a full copy when
   * it cannot append) and staged in IndexedDB.
   */
  private writeJournal(): void {
    if (!this.journalDue || !this.latest) return;
    this.journalDue = false;
    const report = this.latest;
    const edit = this.edit;
    const at = this.now();
    const base = this.journalled;
    const patch: ReportPatch | null =
      base && edit > this.journalledEdit
        ? { from: this.journalledEdit, to: edit, at, ops: diffReport(base, report) }
        : null;
    this.journalled = report;
    this.journalledEdit = edit;
    const id = this.options.reportId;
    if (this.journal && !(patch && this.journal.append(id, patch))) this.journal.write(id, report, at, edit);
    if (patch && this.enabled && this.target.stage) {
      this.target.stage(patch).then(
        () => (this.stagedEdit = Math.max(this.stagedEdit, patch.to)),
        () => undefined,
      );
    }
  }

  private readonly onSlow = (): void => {
    this.slowTimer = null;
    // A staged patch holds the change too: a long report's full save waits for a pause on purpose.
    if (Math.max(this.savedEdit, this.stagedEdit) < this.edit && this.status.state !== 'failed') {
      this.set({ state: 'saving' });
    }
  };

  /** Keep a revision of the current state now (before a bulk action not routed through change()). */
  snapshot(reason: RevisionReason, report: Report | null = this.latest): Promise<void> {
    this.queue = this.flush().then(() => this.keepRevision(reason, report));
    return this.queue;
  }

  /** Write any pending change now; resolves when every queued write has settled. */
  flush(): Promise<void> {
    this.task = false;
    this.clearSaveTimers();
    this.writeJournal();
    if (this.dirty && this.enabled && !this.writeQueued) {
      this.writeQueued = true;
      this.queue = this.queue.then(() => {
        this.writeQueued = false;
        // Changes made while waiting are in `latest`: this write takes them all.
        if (!this.dirty || !this.enabled) return;
        this.dirty = false;
        return this.write();
      });
    }
    return this.queue;
  }

  /**
   * The store now holds `report` as change `edit` (a revision was restored, another tab handed
   * over). `journal` false: the journal is left as it is (it is settled next, see openReport).
   */
  replaceFromStore(report: Report, edit: number, journal = true): void {
    this.task = false;
    this.dirty = false;
    this.baseline(report, edit);
    this.journalDue = false;
    this.clearSaveTimers();
    if (journal) this.journal?.write(this.options.reportId, report, this.now(), edit);
    this.set({ state: 'saved', at: this.now() });
  }

  private async keepRevision(reason: RevisionReason, report: Report | null): Promise<void> {
    if (!report) return;
    try {
      await this.target.revision(reason, report);
      this.lastRevisionAt = this.now();
    } catch (e) {
      this.set({ state: 'failed', reason: saveFailureMessage(e), at: this.now(), offerDownload: true });
    }
  }

  private revisionDue(): boolean {
    if (this.lastRevisionAt === null) return true;
    const elapsed = this.now() - this.lastRevisionAt;
    // A clock set back (elapsed < 0) must not hold revisions off until it catches up.
    return elapsed < 0 || elapsed >= this.revisionEveryMs;
  }

  private async write(): Promise<void> {
    // Saved content is always where a patch ended, so the patches after it chain from the record.
    this.writeJournal();
    const report = this.latest;
    const edit = this.edit;
    if (!report) return;
    // Compaction: the journal's copy becomes this content, its patches go.
    this.journal?.write(this.options.reportId, report, this.now(), edit);
    // At most one revision per revisionEveryMs of editing: the state before this write.
    if (this.stored && this.revisionDue()) {
      try {
        await this.target.revision('auto', this.stored);
        this.lastRevisionAt = this.now();
      } catch {
        // The save below reports the failure if the store is really unusable.
      }
    }
    try {
      const rec = await this.target.save(report, edit);
      this.stored = report;
      this.savedEdit = Math.max(this.savedEdit, edit);
      const storedEdit = (rec as { edit?: unknown } | undefined)?.edit;
      // The store may have counted further (a rename elsewhere): never hand out a number twice.
      if (typeof storedEdit === 'number' && storedEdit > this.edit) {
        this.edit = storedEdit;
        this.savedEdit = storedEdit;
        // Renumbered: the next patch starts from the stored number (a full journal copy, as its chain broke).
        if (this.journalled === report) this.journalledEdit = storedEdit;
        this.journalDue = true;
      }
      this.target.dropStaged?.(Math.min(edit, this.savedEdit)).catch(() => undefined);
      if (!this.dirty) {
        if (this.slowTimer) clearTimeout(this.slowTimer);
        this.slowTimer = null;
        this.set({ state: 'saved', at: this.now() });
      }
    } catch (e) {
      // Keep it dirty so the next change or flush tries again; the store keeps its last good version.
      this.dirty = true;
      this.set({ state: 'failed', reason: saveFailureMessage(e), at: this.now(), offerDownload: true });
    }
  }

  private disposed = false;

  /** Flush and stop listening; later changes are ignored. */
  dispose(): Promise<void> {
    this.disposed = true;
    // The view that disposes is going away: the flush below must not report to it (a React
    // state setter called after unmount, or after a test's page is torn down).
    this.listeners.clear();
    this.win?.document.removeEventListener('visibilitychange', this.onHidden);
    this.win?.removeEventListener('pagehide', this.onPageHide);
    if (this.slowTimer) clearTimeout(this.slowTimer);
    this.slowTimer = null;
    this.clearSaveTimers();
    return this.flush();
  }
}

const minute = (at: number) => Math.floor(at / 60_000);

interface TaskScheduler {
  postTask(fn: () => void, options: { priority: 'user-blocking' }): Promise<unknown>;
}

/**
 * Run `fn` in a task of its own, ahead of rendering and timers where the browser allows
 * (scheduler.postTask 'user-blocking'): a setTimeout(0) waited 90–160 ms behind React's render
 * and the deferred checks on a busy machine, which is the power-cut window.
 */
function nextTask(fn: () => void): void {
  const s = (globalThis as { scheduler?: Partial<TaskScheduler> }).scheduler;
  if (typeof s?.postTask === 'function') void s.postTask(fn, { priority: 'user-blocking' }).catch(() => undefined);
  else setTimeout(fn, 0);
}
