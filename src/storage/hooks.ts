// React bindings: the open report (useDraft over OpenReport), the lists, storage health.
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Report } from '../report';
import { type ChangeKind, type Journal, localStorageJournal } from './autosave';
import {
  type PersistenceState,
  type StorageConnection,
  type StorageHealth,
  getStorage,
  requestPersistence,
} from './connection';
import type { RevisionReason } from './db';
import { type Editor, LOADING_STATE, OpenReport, type OpenReportState } from './openReport';
import type { ReportSummary, RevisionSummary } from './repository';
import type { TabLockOptions } from './tabs';

export { MEMORY_REPORT_ID } from './openReport';

export function useStorageHealth(conn: StorageConnection = getStorage()): StorageHealth {
  return useSyncExternalStore(
    useCallback((cb: () => void) => conn.subscribe(cb), [conn]),
    () => conn.getHealth(),
  );
}

/** Asks for persistent storage once; 'unknown' until the browser answers. */
export function usePersistence(ask: () => Promise<PersistenceState> = requestPersistence): PersistenceState {
  const [state, setState] = useState<PersistenceState>({ state: 'unknown' });
  useEffect(() => {
    let live = true;
    void ask().then((s) => live && setState(s));
    return () => {
      live = false;
    };
  }, [ask]);
  return state;
}

/** Live list of stored reports (undefined while loading; [] when storage is unavailable). */
export function useReportList(conn: StorageConnection = getStorage()): ReportSummary[] | undefined {
  const repo = conn.repository;
  return useLiveQuery(async () => ((await conn.ready) ? repo!.list() : []), [conn]);
}

export function useTrashList(conn: StorageConnection = getStorage()): ReportSummary[] | undefined {
  const repo = conn.repository;
  return useLiveQuery(async () => ((await conn.ready) ? repo!.listTrash() : []), [conn]);
}

export function useRevisions(
  reportId: string | null,
  conn: StorageConnection = getStorage(),
): RevisionSummary[] | undefined {
  const repo = conn.repository;
  return useLiveQuery(
    async () => (reportId && (await conn.ready) ? repo!.listRevisions(reportId) : []),
    [conn, reportId],
  );
}

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

/** React binding of OpenReport: one per `id` while the component is mounted. */
export function useDraft<E extends Editor = Editor>(id: string | null, options: DraftOptions<E> = {}): Draft<E> {
  const conn = options.conn ?? getStorage();
  const journal = useRef<Journal | null>(
    options.journal === undefined ? (conn.journal ?? localStorageJournal()) : options.journal,
  );
  // Read once, as the report is opened: later changes of these do not reopen it.
  const fixed = useRef({ tabs: options.tabs, followEdits: options.followEdits, createEditor: options.createEditor });
  const [open, setOpen] = useState<OpenReport<E> | null>(null);
  useEffect(() => {
    if (!id) return;
    const o = new OpenReport<E>(id, { conn, journal: journal.current, ...fixed.current });
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
