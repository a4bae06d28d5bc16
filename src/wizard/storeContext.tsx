// React bindings for ReportStore: each hook subscribes to exactly what it reads.
import {
  type ReactNode,
  createContext,
  startTransition,
  useCallback,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
} from 'react';
import type { Finding, Report } from '../report';
import type { ReportStore, UndoStep } from './store';

const StoreContext = createContext<ReportStore | null>(null);

export function ReportStoreProvider({ store, children }: { store: ReportStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useReportStore(): ReportStore {
  const s = useContext(StoreContext);
  if (!s) throw new Error('ReportStoreProvider missing');
  return s;
}

/** A cell's value (input or derived); re-renders only when that value changes. */
export function useCellValue(path: string): number | null {
  const store = useReportStore();
  const sub = useCallback((fn: () => void) => store.subscribeValue(path, fn), [store, path]);
  return useSyncExternalStore(sub, () => store.getValue(path));
}

/** Findings pointing at one cell or field; re-renders only when they change. */
export function useCellFindings(path: string): readonly Finding[] {
  const store = useReportStore();
  const sub = useCallback((fn: () => void) => store.subscribeCellFindings(path, fn), [store, path]);
  return useSyncExternalStore(sub, () => store.getCellFindings(path));
}

/** Every finding (check panel, step bar). */
export function useFindings(): readonly Finding[] {
  const store = useReportStore();
  return useSyncExternalStore(store.subscribeFindings, store.getFindings);
}

/**
 * A store snapshot that follows changes in a transition, never in the keystroke's own
 * render: for what sits away from the cell being typed in. (useDeferredValue still
 * re-rendered these components urgently, with the old value; measured in the benchmark.)
 */
function useTransitionSnapshot<T>(subscribe: (fn: () => void) => () => void, get: () => T): T {
  const [value, setValue] = useState(get);
  useEffect(() => {
    const follow = () => startTransition(() => setValue(get));
    follow(); // a change between this render and the subscription
    return subscribe(follow);
  }, [subscribe, get]);
  return value;
}

/**
 * Every finding, for summaries away from the cell being typed in (step bar, check panel):
 * they follow in a transition right after the keystroke's own commit, so a keystroke
 * pays only for its cell, totals and badges (measured: the summaries' text changes forced
 * a whole-document layout inside each input event).
 */
export function useFindingsSummary(): readonly Finding[] {
  const store = useReportStore();
  return useTransitionSnapshot(store.subscribeFindings, store.getFindings);
}

/** Steps whose blanks count as errors (see ReportStore.reveal). */
export function useRevealed(): ReadonlySet<string> {
  const store = useReportStore();
  return useSyncExternalStore(store.subscribeRevealed, store.getRevealed);
}

/** The whole report, re-rendering on every change (for views that read it all, like export). */
/** Whether this tab may edit (the tab lock's word); re-renders when that changes. */
export function useReadOnly(): boolean {
  const store = useReportStore();
  return useSyncExternalStore(store.subscribeReadOnly, store.isReadOnly);
}

export function useReport(): Report {
  const store = useReportStore();
  return useSyncExternalStore(store.subscribeAll, store.getReport);
}

/** The report, re-rendering on non-table changes only (texts, agency, year, explanations). */
export function useReportText(): Report {
  const store = useReportStore();
  return useSyncExternalStore(store.subscribeText, store.getReport);
}

/** What undo and redo would take back (null: nothing), for the table toolbars; follows in a transition. */
export function useUndoRedo(): { undo: UndoStep | null; redo: UndoStep | null } {
  const store = useReportStore();
  const undo = useTransitionSnapshot(store.subscribeUndo, store.undoStep);
  const redo = useTransitionSnapshot(store.subscribeUndo, store.redoStep);
  return { undo, redo };
}
