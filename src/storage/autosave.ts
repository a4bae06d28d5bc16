// Autosave without a framework: every change reaches IndexedDB within `delayMs` of the
// last keystroke, at once when the page is hidden or left, and one write at a time.
// Each change is also journalled (localStorage) in the task right after the keystroke,
// and synchronously when the page is hidden or left, so a tab closed or a browser
// crashing inside the debounce window loses nothing: the journal is replayed on the
// next open if it is newer than the stored record. (Journalling inside the keystroke
// itself cost ~0.4 ms of its 4 ms budget: stringify + setItem of the whole report.)
import type { Report } from '../report';
import type { RevisionReason } from './db';
import { errorText } from './connection';

export type ChangeKind = 'edit' | Exclude<RevisionReason, 'auto' | 'manual'>;

export type SaveStatus =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved'; at: number }
  /** `reason` is Chinese, for the status line; the in-memory report is intact, so offer the JSON download. */
  | { state: 'failed'; reason: string; at: number; offerDownload: true };

export interface AutosaveTarget {
  save(report: Report): Promise<unknown>;
  revision(reason: RevisionReason, report: Report): Promise<unknown>;
}

export interface Journal {
  write(reportId: string, report: Report, at: number): void;
  read(reportId: string): { report: Report; at: number } | null;
  clear(reportId: string): void;
}

export interface AutosaveOptions {
  reportId: string;
  delayMs?: number;
  revisionEveryMs?: number;
  now?: () => number;
  journal?: Journal | null;
  /** Where visibilitychange/pagehide are heard; null in tests that fire nothing. */
  win?: Window | null;
}

/** Debounce before the write: the write itself takes tens of ms, and a change must be in
 *  IndexedDB within 300 ms of the last keystroke (issue 5; `npm run bench` measures it). */
export const SAVE_DELAY_MS = 200;
export const REVISION_EVERY_MS = 5 * 60_000;

export function isQuotaError(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x && typeof x === 'object' && depth < 5; depth++) {
    const o = x as { name?: unknown; code?: unknown; inner?: unknown };
    if (o.name === 'QuotaExceededError' || (o.name === 'DOMException' && o.code === 22)) return true;
    x = o.inner;
  }
  return false;
}

const KEEP = '最近的修改仍在本页面中，可以继续填写；之前保存的版本没有受影响。请先下载 JSON 文件保存当前内容。';

/** The reason shown after 保存失败：… */
export function saveFailureMessage(e: unknown): string {
  if (isQuotaError(e)) return `磁盘空间不足，浏览器拒绝保存。${KEEP}清理磁盘或清空回收站后，下次修改时会再次保存。`;
  const name = e && typeof e === 'object' ? (e as { name?: unknown }).name : undefined;
  if (name === 'DatabaseClosedError') return `本机存储已关闭（可能在另一个标签页中更新了本应用）。${KEEP}`;
  return `写入本机存储出错（${errorText(e)}）。${KEEP}`;
}

/** localStorage journal; every failure is swallowed because the journal is only a second line of defence. */
export function localStorageJournal(storage: Storage | undefined = globalThis.localStorage): Journal {
  const key = (id: string) => `nianbao:unsaved:${id}`;
  return {
    write(id, report, at) {
      try {
        storage?.setItem(key(id), JSON.stringify({ at, report }));
      } catch {
        // Full or disabled: IndexedDB is still the primary copy.
      }
    },
    read(id) {
      try {
        const raw = storage?.getItem(key(id));
        if (!raw) return null;
        const v = JSON.parse(raw) as { at?: unknown; report?: unknown };
        return typeof v.at === 'number' && v.report && typeof v.report === 'object'
          ? { at: v.at, report: v.report as Report }
          : null;
      } catch {
        return null;
      }
    },
    clear(id) {
      try {
        storage?.removeItem(key(id));
      } catch {
        // See write.
      }
    },
  };
}

type Listener = (s: SaveStatus) => void;

export class AutosaveController {
  private status: SaveStatus = { state: 'idle' };
  private listeners = new Set<Listener>();
  private latest: Report | null = null;
  /** What is in the store now (the restored draft at first). */
  private stored: Report | null = null;
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private journalTimer: ReturnType<typeof setTimeout> | null = null;
  private queue: Promise<void> = Promise.resolve();
  private lastRevisionAt: number | null = null;
  private enabled = true;
  private readonly delayMs: number;
  private readonly revisionEveryMs: number;
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
    this.delayMs = options.delayMs ?? SAVE_DELAY_MS;
    this.revisionEveryMs = options.revisionEveryMs ?? REVISION_EVERY_MS;
    this.now = options.now ?? Date.now;
    this.journal = options.journal === undefined ? null : options.journal;
    this.win = options.win === undefined ? (typeof window === 'undefined' ? null : window) : options.win;
  }

  /** Begin with the draft as restored from storage. Nothing is written until a change. */
  start(restored: Report): void {
    this.stored = restored;
    this.latest = restored;
    this.win?.document.addEventListener('visibilitychange', this.onHidden);
    this.win?.addEventListener('pagehide', this.onPageHide);
  }

  getStatus(): SaveStatus {
    return this.status;
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private set(s: SaveStatus): void {
    // 'saving' is set on every keystroke: telling the page again would re-render it each time.
    if ((s.state === 'saving' || s.state === 'idle') && s.state === this.status.state) return;
    this.status = s;
    for (const fn of this.listeners) fn(s);
  }

  /** A read-only tab writes nothing; a pending change is dropped from the timer, not from memory. */
  setEnabled(on: boolean): void {
    this.enabled = on;
    if (!on && this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  /**
   * The report changed. An 'edit' is written after the debounce; a bulk change (paste,
   * fill-zeros, import, restore) first keeps the state before it as a revision, then is
   * written at once.
   */
  change(report: Report, kind: ChangeKind = 'edit'): Promise<void> {
    if (!this.enabled) return this.queue;
    if (kind !== 'edit') {
      const before = this.latest;
      const pending = this.flush();
      this.queue = pending.then(() => this.keepRevision(kind, before));
      this.accept(report);
      return this.flush();
    }
    this.accept(report);
    // Debounced without re-arming a timer on every keystroke (two timer calls per key were
    // a measurable part of it): the one timer, when it fires early, waits for the rest.
    this.dueAt = this.now() + this.delayMs;
    if (!this.timer) this.timer = setTimeout(this.onTimer, this.delayMs);
    return this.queue;
  }

  private dueAt = 0;
  private readonly onTimer = (): void => {
    let wait = this.dueAt - this.now();
    // A clock set back must not hold the write for longer than one more delay.
    if (wait > this.delayMs) {
      this.dueAt = this.now() + this.delayMs;
      wait = this.delayMs;
    }
    if (wait > 0) {
      this.timer = setTimeout(this.onTimer, wait);
      return;
    }
    this.timer = null;
    void this.flush();
  };

  /** Same as change(report, 'edit'). */
  schedule(report: Report): void {
    void this.change(report, 'edit');
  }

  private accept(report: Report): void {
    this.latest = report;
    this.dirty = true;
    if (this.journal && !this.journalTimer) this.journalTimer = setTimeout(this.writeJournal, 0);
    if (this.status.state !== 'failed') this.set({ state: 'saving' });
  }

  private readonly writeJournal = (): void => {
    if (this.journalTimer) clearTimeout(this.journalTimer);
    this.journalTimer = null;
    if (this.dirty && this.latest) this.journal?.write(this.options.reportId, this.latest, this.now());
  };

  /** Keep a revision of the current state now (before a bulk action not routed through change()). */
  snapshot(reason: RevisionReason, report: Report | null = this.latest): Promise<void> {
    this.queue = this.flush().then(() => this.keepRevision(reason, report));
    return this.queue;
  }

  /** Write any pending change now; resolves when every queued write has settled. */
  flush(): Promise<void> {
    // Synchronous, so a page being closed has the journal even if IndexedDB does not finish.
    if (this.journalTimer) this.writeJournal();
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.dirty && this.enabled) {
      this.dirty = false;
      this.queue = this.queue.then(() => this.write());
    }
    return this.queue;
  }

  /** The store now holds `report` (e.g. after a revision was restored by the repository). */
  replaceFromStore(report: Report): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.dirty = false;
    this.latest = report;
    this.stored = report;
    this.journal?.clear(this.options.reportId);
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

  private async write(): Promise<void> {
    const report = this.latest;
    if (!report) return;
    this.set({ state: 'saving' });
    // At most one revision per revisionEveryMs of editing: the state before this write.
    if (this.stored && (this.lastRevisionAt === null || this.now() - this.lastRevisionAt >= this.revisionEveryMs)) {
      try {
        await this.target.revision('auto', this.stored);
        this.lastRevisionAt = this.now();
      } catch {
        // The save below reports the failure if the store is really unusable.
      }
    }
    try {
      await this.target.save(report);
      this.stored = report;
      if (!this.dirty) this.journal?.clear(this.options.reportId);
      this.set(this.dirty ? { state: 'saving' } : { state: 'saved', at: this.now() });
    } catch (e) {
      // Keep it dirty so the next change or flush tries again; the store keeps its last good version.
      this.dirty = true;
      this.set({ state: 'failed', reason: saveFailureMessage(e), at: this.now(), offerDownload: true });
    }
  }

  /** Flush and stop listening. */
  dispose(): Promise<void> {
    this.win?.document.removeEventListener('visibilitychange', this.onHidden);
    this.win?.removeEventListener('pagehide', this.onPageHide);
    return this.flush();
  }
}
