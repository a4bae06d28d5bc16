// React bindings. `useDraft(id)` owns the open report: it restores the stored draft
// (and any newer unsaved journal) BEFORE autosave is enabled, so defaults never
// overwrite what was stored, and it settles which tab may write.
import { liveQuery } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { type Report, emptyReport } from '../report';
import { AutosaveController, type ChangeKind, type Journal, type SaveStatus, localStorageJournal } from './autosave';
import {
  type PersistenceState,
  type StorageConnection,
  type StorageHealth,
  getStorage,
  requestPersistence,
} from './connection';
import { type RevisionReason, repairReport } from './db';
import type { ReportSummary, RevisionSummary } from './repository';
import { ReportTabLock, type TabLockOptions, type TabRole } from './tabs';

/** Id for a report kept in memory only (storage unavailable). */
export const MEMORY_REPORT_ID = 'memory';

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

export interface Draft {
  phase: 'loading' | 'ready' | 'missing';
  report: Report | null;
  /** Last year's report attached to this one (W1/W2). */
  previous: Report | null;
  save: SaveStatus;
  role: TabRole;
  /** True when this tab must not edit (another tab writes). */
  readOnly: boolean;
  /** The draft came back from the unsaved-changes journal (the tab had closed before saving). */
  recovered: boolean;
  /** Storage is not usable: everything is in memory only. */
  memoryOnly: boolean;
  /**
   * Changes when `report` was replaced by something other than onChange (the writer tab
   * saved while this one reads, a takeover reloaded, a revision was restored): rebuild the
   * editor's state from `report` when it changes.
   */
  externalVersion: number;
  /** The wizard's change callback: 'edit' per keystroke, a bulk kind before paste/fill-zeros/import/restore. */
  onChange: (report: Report, kind?: ChangeKind) => void;
  takeOver: () => Promise<void>;
  flush: () => Promise<void>;
  snapshot: (reason: RevisionReason) => Promise<void>;
  /** Restores a revision; the state replaced is kept as a revision first (undoable). */
  restoreRevision: (revisionId: number) => Promise<void>;
  setPrevious: (previous: Report | null) => Promise<void>;
}

export interface DraftOptions {
  /**
   * False when the editor owns the report (the wizard's store): an edit is saved but does not
   * re-render the caller, so a keystroke never re-renders the whole page. `report` is then the
   * report as opened or last replaced from outside (see externalVersion). Default true.
   */
  followEdits?: boolean;
  conn?: StorageConnection;
  journal?: Journal | null;
  tabs?: TabLockOptions;
}

interface Loaded {
  id: string;
  /** Bumped whenever the report is replaced from outside the editor (see Draft.externalVersion). */
  externalVersion: number;
  report: Report;
  previous: Report | null;
  recovered: boolean;
  memoryOnly: boolean;
}

export function useDraft(id: string | null, options: DraftOptions = {}): Draft {
  const conn = options.conn ?? getStorage();
  const journalRef = useRef<Journal | null>(options.journal === undefined ? localStorageJournal() : options.journal);
  const tabOptions = useRef(options.tabs);
  const followEdits = options.followEdits ?? true;
  const [loaded, setLoaded] = useState<Loaded | 'missing' | null>(null);
  const [save, setSave] = useState<SaveStatus>({ state: 'idle' });
  const [role, setRole] = useState<TabRole>({ role: 'pending' });
  const controllerRef = useRef<AutosaveController | null>(null);
  const lockRef = useRef<ReportTabLock | null>(null);
  const reportRef = useRef<Report | null>(null);

  useEffect(() => {
    setLoaded(null);
    setRole({ role: 'pending' });
    setSave({ state: 'idle' });
    if (!id) return;
    let cancelled = false;
    let controller: AutosaveController | null = null;
    let lock: ReportTabLock | null = null;
    const journal = journalRef.current;
    const show = (l: Loaded) => {
      reportRef.current = l.report;
      setLoaded(l);
    };
    void (async () => {
      const repo = await conn.ready;
      if (cancelled) return;
      if (!repo || id === MEMORY_REPORT_ID) {
        const h = conn.getHealth();
        setRole({ role: 'writer' });
        setSave({
          state: 'failed',
          reason: 'message' in h ? h.message : '此报告只在本页面中，不会保存到本机，关闭前请下载 JSON 文件。',
          at: Date.now(),
          offerDownload: true,
        });
        show({ id, externalVersion: 0, report: emptyReport(), previous: null, recovered: false, memoryOnly: true });
        return;
      }
      const rec = await repo.open(id);
      if (cancelled) return;
      if (!rec) {
        setLoaded('missing');
        return;
      }
      controller = new AutosaveController(
        { save: (r) => repo.save(id, r), revision: (reason, r) => repo.addRevision(id, reason, r) },
        { reportId: id, journal },
      );
      controllerRef.current = controller;
      controller.subscribe(setSave);
      const c = controller;
      lock = new ReportTabLock(id, { ...tabOptions.current, beforeRelease: () => c.flush() });
      lockRef.current = lock;
      const r = await lock.start();
      if (cancelled) return;
      c.setEnabled(r.role === 'writer');
      // Baseline = what is stored; only then may a change be written.
      c.start(rec.report);
      let report = rec.report;
      let recovered = false;
      const j = r.role === 'writer' ? journal?.read(id) : null;
      if (j && j.at > rec.updatedAt) {
        report = repairReport(j.report);
        recovered = true;
        void c.change(report, 'edit');
      }
      setRole(r);
      show({ id, externalVersion: 0, report, previous: rec.previous, recovered, memoryOnly: false });
      lock.subscribe((next) => {
        c.setEnabled(next.role === 'writer');
        setRole(next);
      });
    })();
    return () => {
      cancelled = true;
      controllerRef.current = null;
      lockRef.current = null;
      void controller?.dispose();
      lock?.dispose();
    };
  }, [id, conn]);

  const readOnly = role.role !== 'writer';

  // A reader follows what the writer stores.
  const following = loaded !== null && loaded !== 'missing' && !loaded.memoryOnly;
  useEffect(() => {
    if (!id || !readOnly || !following || !conn.repository) return;
    const repo = conn.repository;
    const sub = liveQuery(() => repo.open(id)).subscribe({
      next: (rec) => {
        if (!rec || JSON.stringify(rec.report) === JSON.stringify(reportRef.current)) return;
        reportRef.current = rec.report;
        setLoaded((l) =>
          l && l !== 'missing'
            ? { ...l, report: rec.report, previous: rec.previous, externalVersion: l.externalVersion + 1 }
            : l,
        );
      },
      error: () => undefined,
    });
    return () => sub.unsubscribe();
  }, [id, readOnly, conn, following]);

  const onChange = useCallback(
    (report: Report, kind: ChangeKind = 'edit') => {
      if (role.role !== 'writer') return;
      reportRef.current = report;
      if (followEdits) setLoaded((l) => (l && l !== 'missing' ? { ...l, report } : l));
      void controllerRef.current?.change(report, kind);
    },
    [role.role, followEdits],
  );

  const takeOver = useCallback(async () => {
    const lock = lockRef.current;
    const c = controllerRef.current;
    if (!lock || !c || !id || !conn.repository) return;
    const r = await lock.takeOver();
    if (r.role !== 'writer') return;
    // Start from what the other tab saved when it stepped down.
    const rec = await conn.repository.open(id);
    if (rec) {
      c.replaceFromStore(rec.report);
      reportRef.current = rec.report;
      setLoaded((l) =>
        l && l !== 'missing'
          ? { ...l, report: rec.report, previous: rec.previous, externalVersion: l.externalVersion + 1 }
          : l,
      );
    }
  }, [id, conn]);

  const flush = useCallback(async () => {
    await controllerRef.current?.flush();
  }, []);

  const snapshot = useCallback(async (reason: RevisionReason) => {
    await controllerRef.current?.snapshot(reason, reportRef.current);
  }, []);

  const restoreRevision = useCallback(
    async (revisionId: number) => {
      const c = controllerRef.current;
      if (!c || !conn.repository || role.role !== 'writer') return;
      await c.flush();
      const report = await conn.repository.restoreRevision(revisionId, reportRef.current ?? undefined);
      c.replaceFromStore(report);
      reportRef.current = report;
      setLoaded((l) => (l && l !== 'missing' ? { ...l, report, externalVersion: l.externalVersion + 1 } : l));
    },
    [conn, role.role],
  );

  const setPrevious = useCallback(
    async (previous: Report | null) => {
      if (id && conn.repository && id !== MEMORY_REPORT_ID) await conn.repository.setPrevious(id, previous);
      // The latest edits, not the report as loaded: the editor is rebuilt from this.
      setLoaded((l) =>
        l && l !== 'missing'
          ? { ...l, report: reportRef.current ?? l.report, previous, externalVersion: l.externalVersion + 1 }
          : l,
      );
    },
    [id, conn],
  );

  const l = loaded && loaded !== 'missing' && loaded.id === id ? loaded : null;
  return {
    phase: loaded === 'missing' ? 'missing' : l ? 'ready' : 'loading',
    report: l?.report ?? null,
    previous: l?.previous ?? null,
    save,
    role,
    readOnly,
    recovered: l?.recovered ?? false,
    memoryOnly: l?.memoryOnly ?? false,
    externalVersion: l?.externalVersion ?? 0,
    onChange,
    takeOver,
    flush,
    snapshot,
    restoreRevision,
    setPrevious,
  };
}
