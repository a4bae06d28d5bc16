// React binding of the open report (useDraft over OpenReport) and opening one ahead of its page.
// Imported by the report page only, never by the home screen: this and what it imports
// (OpenReport, the autosave controller, the tab lock) go into the report page's chunk, which is
// fetched and compiled at idle on the home screen, so the click on 打开 compiles none of it (issue 12).
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Report } from '../report';
import { type ChangeKind, type Journal, localStorageJournal } from './autosave';
import { type StorageConnection, getStorage } from './connection';
import type { RevisionReason } from './db';
import { type Editor, LOADING_STATE, OpenReport, type OpenReportState } from './openReport';
import type { TabLockOptions } from './tabs';

/** The open report as the page sees it: its state and what it can be asked to do. */
export interface Draft<E extends Editor = Editor> extends OpenReportState<E> {
  /** Puts the missing report back from `localCopy` and opens it. */
  recreate: () => Promise<void>;
  /** A change to save: 'edit' per keystroke, a bulk kind before paste/fill-zeros/import/restore. */
  onChange: (report: Report, kind?: ChangeKind) => void;
  takeOver: () => Promise<void>;
  flush: () => Promise<void>;
  snapshot: (reason: RevisionReason) => Promise<void>;
  /** Restores a revision; the state replaced is kept as a revision first (undoable). */
  restoreRevision: (revisionId: number) => Promise<void>;
  setPrevious: (previous: Report | null) => Promise<void>;
}

export interface DraftOptions<E extends Editor = Editor> {
  /** See OpenReportOptions.followEdits. Default true. */
  followEdits?: boolean;
  conn?: StorageConnection;
  journal?: Journal | null;
  tabs?: TabLockOptions;
  /** Builds the editor of each version of the report (read once, when the report is opened). */
  createEditor?: (report: Report, previous: Report | null) => E;
}

const idle = async () => undefined;
const CLOSED = {
  recreate: idle,
  onChange: () => undefined,
  takeOver: idle,
  flush: idle,
  snapshot: idle,
  restoreRevision: idle,
  setPrevious: idle,
};

/** How long a report opened ahead waits for its page before it is closed (its tab lock released). */
const AHEAD_MS = 10_000;

/** The report opened ahead of its page (openAhead), until the page takes it or it expires. */
let ahead: { open: OpenReport<Editor>; conn: StorageConnection; ready: Promise<void>; expire: () => void } | null =
  null;

function dropAhead(): void {
  if (!ahead) return;
  ahead.expire();
  ahead.open.dispose();
  ahead = null;
}

/**
 * Starts opening report `id` before its page is shown (issue 12): on the click on 打开, the
 * record is read and the tab lock asked for while the list is still up, so the page can be
 * shown once, with the report, and no 「正在打开报告…」 frame between. The page's useDraft (with
 * the same options) takes it; one not taken within AHEAD_MS, or left for another report, is
 * closed. Resolves once the report is ready or known missing (not at all if its loading fails:
 * the caller waits a limited time). The record is read now, as the page would read it.
 */
export function openAhead<E extends Editor>(id: string, options: DraftOptions<E> = {}): Promise<void> {
  const conn = options.conn ?? getStorage();
  if (ahead?.open.id === id && ahead.conn === conn) return ahead.ready;
  dropAhead();
  const journal = options.journal === undefined ? (conn.journal ?? localStorageJournal()) : options.journal;
  const { tabs, followEdits, createEditor } = options;
  const open = new OpenReport<E>(id, { conn, journal, tabs, followEdits, createEditor });
  const ready = new Promise<void>((resolve) => {
    const check = () => {
      if (open.getState().phase === 'loading') return;
      stop();
      resolve();
    };
    const stop = open.subscribe(check);
    check();
  });
  const timer = setTimeout(() => ahead?.open === open && dropAhead(), AHEAD_MS);
  ahead = { open, conn, ready, expire: () => clearTimeout(timer) };
  return ready;
}

/** The report opened ahead for `id` on `conn`, if any; `take` hands it over (it is no longer closed here). */
function aheadFor<E extends Editor>(id: string, conn: StorageConnection, take: boolean): OpenReport<E> | null {
  if (!ahead || ahead.open.id !== id || ahead.conn !== conn) return null;
  const open = ahead.open as OpenReport<E>;
  if (take) {
    ahead.expire();
    ahead = null;
  }
  return open;
}

/** React binding of OpenReport: one per `id` while the component is mounted. */
export function useDraft<E extends Editor = Editor>(id: string | null, options: DraftOptions<E> = {}): Draft<E> {
  const conn = options.conn ?? getStorage();
  const journal = useRef<Journal | null>(
    options.journal === undefined ? (conn.journal ?? localStorageJournal()) : options.journal,
  );
  // Read once, as the report is opened: later changes of these do not reopen it.
  const fixed = useRef({ tabs: options.tabs, followEdits: options.followEdits, createEditor: options.createEditor });
  // A report opened ahead is shown from the first render (it may be ready already); the effect takes it.
  const [open, setOpen] = useState<OpenReport<E> | null>(() => (id ? aheadFor<E>(id, conn, false) : null));
  useEffect(() => {
    if (!id) return;
    const o =
      aheadFor<E>(id, conn, true) ?? new OpenReport<E>(id, { conn, journal: journal.current, ...fixed.current });
    setOpen(o);
    return () => {
      o.dispose();
      setOpen((cur) => (cur === o ? null : cur));
    };
  }, [id, conn]);
  const live = open && open.id === id ? open : null;
  const state = useSyncExternalStore(
    useCallback((cb: () => void) => (live ? live.subscribe(cb) : () => undefined), [live]),
    () => (live ? live.getState() : LOADING_STATE),
  );
  if (!live) return { ...(LOADING_STATE as OpenReportState<E>), ...CLOSED };
  return {
    ...state,
    recreate: live.recreate,
    onChange: live.onChange,
    takeOver: live.takeOver,
    flush: live.flush,
    snapshot: live.snapshot,
    restoreRevision: live.restoreRevision,
    setPrevious: live.setPrevious,
  };
}
