// React bindings of the home screen's storage: the lists, storage health, persistence.
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import {
  type PersistenceState,
  type StorageConnection,
  type StorageHealth,
  getStorage,
  requestPersistence,
} from './connection';
import type { ReportSummary, RevisionSummary } from './repository';

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
