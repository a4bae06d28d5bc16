// React bindings. `useDraft(id)` owns the open report: it restores the stored draft
// (and any newer unsaved journal) BEFORE autosave is enabled, so defaults never
// overwrite what was stored, and it settles which tab may write.
import { liveQuery } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { type Report, emptyReport } from '../report';
import {
  AutosaveController,
  type ChangeKind,
  type Journal,
  type JournalEntry,
  type SaveStatus,
  localStorageJournal,
} from './autosave';
import {
  type PersistenceState,
  type StorageConnection,
  type StorageHealth,
  getStorage,
  requestPersistence,
} from './connection';
import { type RevisionReason, type StoredReport, repairReport } from './db';
import type { ReportRepository, ReportSummary, RevisionSummary } from './repository';
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
  /**
   * A local copy that differed from the stored report and was not applied (it was not newer,
   * or could not be told apart): kept as a 「未保存的记录」 revision, `at` is when it was written.
   * `kept` false: keeping it failed, it stays in the journal.
   */
  journalKept: { at: number; kept: boolean } | null;
  /** phase 'missing' but this browser still has the report's last content (the database was deleted). */
  localCopy: JournalEntry | null;
  /** Puts the missing report back from `localCopy` and opens it. */
  recreate: () => Promise<void>;
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
  journalKept: { at: number; kept: boolean } | null;
  memoryOnly: boolean;
}

const NO_JOURNAL: Journal = { write: () => undefined, read: () => null, clear: () => undefined, ids: () => [] };

/** Same content (the journal holds JSON, so compare as JSON). */
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What to do with the local copy on opening. Newer by the edit counter: apply it. Otherwise,
 * if it differs, keep it as a revision (never dropped unseen) and tell the clerk unless it is
 * plainly older. A copy from before the counter existed is judged by its time, as it was.
 */
async function settleJournal(
  repo: ReportRepository,
  journal: Journal,
  id: string,
  rec: StoredReport,
): Promise<{ apply: Report | null; edit: number; kept: { at: number; kept: boolean } | null }> {
  // The write-ahead copy in IndexedDB (see repository.stage), when it is ahead of both the
  // record and the localStorage journal; an older one is only an ancestor of the record.
  const staged = await repo.staged(id).catch(() => null);
  const j = journal.read(id);
  if (staged && staged.edit > rec.edit && (!j || j.edit === null || staged.edit >= j.edit)) {
    return { apply: staged.report, edit: staged.edit - 1, kept: null };
  }
  if (!j) return { apply: null, edit: rec.edit, kept: null };
  const newer = j.edit === null ? j.at > rec.updatedAt : j.edit > rec.edit;
  // Applied as a change: numbered j.edit again (the counter resumes one below it).
  if (newer) return { apply: repairReport(j.report), edit: j.edit === null ? rec.edit : j.edit - 1, kept: null };
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

export function useDraft(id: string | null, options: DraftOptions = {}): Draft {
  const conn = options.conn ?? getStorage();
  const journalRef = useRef<Journal | null>(
    options.journal === undefined ? (conn.journal ?? localStorageJournal()) : options.journal,
  );
  const tabOptions = useRef(options.tabs);
  const followEdits = options.followEdits ?? true;
  const [loaded, setLoaded] = useState<Loaded | { missing: JournalEntry | null } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [save, setSave] = useState<SaveStatus>({ state: 'idle' });
  const [role, setRole] = useState<TabRole>({ role: 'pending' });
  const controllerRef = useRef<AutosaveController | null>(null);
  const lockRef = useRef<ReportTabLock | null>(null);
  const reportRef = useRef<Report | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the load after recreate().
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
        show({
          id,
          externalVersion: 0,
          report: emptyReport(),
          previous: null,
          recovered: false,
          journalKept: null,
          memoryOnly: true,
        });
        return;
      }
      const rec = await repo.open(id);
      if (cancelled) return;
      if (!rec) {
        setLoaded({ missing: journal?.read(id) ?? null });
        return;
      }
      controller = new AutosaveController(
        {
          save: (r, edit) => repo.save(id, r, edit),
          stage: (r, edit) => repo.stage(id, r, edit),
          revision: (reason, r) => repo.addRevision(id, reason, r),
        },
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
      // Only the writer settles the journal: a reader's copy is the writer's business.
      const settled =
        r.role === 'writer'
          ? await settleJournal(repo, journal ?? NO_JOURNAL, id, rec)
          : { apply: null, edit: rec.edit, kept: null };
      if (cancelled) return;
      // Baseline = what is stored; only then may a change be written.
      c.start(rec.report, settled.edit);
      const report = settled.apply ?? rec.report;
      if (settled.apply) void c.change(settled.apply, 'edit');
      setRole(r);
      show({
        id,
        externalVersion: 0,
        report,
        previous: rec.previous,
        recovered: settled.apply !== null,
        journalKept: settled.kept,
        memoryOnly: false,
      });
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
  }, [id, conn, attempt]);

  const readOnly = role.role !== 'writer';

  // A reader follows what the writer stores.
  const following = loaded !== null && 'report' in loaded && !loaded.memoryOnly;
  useEffect(() => {
    if (!id || !readOnly || !following || !conn.repository) return;
    const repo = conn.repository;
    const sub = liveQuery(() => repo.open(id)).subscribe({
      next: (rec) => {
        if (!rec || JSON.stringify(rec.report) === JSON.stringify(reportRef.current)) return;
        reportRef.current = rec.report;
        setLoaded((l) =>
          l && 'report' in l
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
      if (followEdits) setLoaded((l) => (l && 'report' in l ? { ...l, report } : l));
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
      c.replaceFromStore(rec.report, rec.edit);
      reportRef.current = rec.report;
      setLoaded((l) =>
        l && 'report' in l
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
      c.replaceFromStore(report, (await conn.repository.open(id ?? ''))?.edit ?? c.getEdit() + 1);
      reportRef.current = report;
      setLoaded((l) => (l && 'report' in l ? { ...l, report, externalVersion: l.externalVersion + 1 } : l));
    },
    [conn, role.role, id],
  );

  const localCopy = loaded && 'missing' in loaded ? loaded.missing : null;
  const recreate = useCallback(async () => {
    if (!id || !localCopy || !conn.repository) return;
    await conn.repository.recreate(id, repairReport(localCopy.report), localCopy.edit ?? 0);
    setAttempt((n) => n + 1);
  }, [id, localCopy, conn]);

  const setPrevious = useCallback(
    async (previous: Report | null) => {
      if (id && conn.repository && id !== MEMORY_REPORT_ID) await conn.repository.setPrevious(id, previous);
      // The latest edits, not the report as loaded: the editor is rebuilt from this.
      setLoaded((l) =>
        l && 'report' in l
          ? { ...l, report: reportRef.current ?? l.report, previous, externalVersion: l.externalVersion + 1 }
          : l,
      );
    },
    [id, conn],
  );

  const l = loaded && 'report' in loaded && loaded.id === id ? loaded : null;
  return {
    phase: loaded && 'missing' in loaded ? 'missing' : l ? 'ready' : 'loading',
    report: l?.report ?? null,
    previous: l?.previous ?? null,
    save,
    role,
    readOnly,
    recovered: l?.recovered ?? false,
    journalKept: l?.journalKept ?? null,
    localCopy,
    recreate,
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
