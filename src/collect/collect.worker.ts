// A collection worker: see process.ts. Two run side by side, one per core; each stores what
// it read through its own IndexedDB connection, opened on the first request that asks.
import { openWorkerDb, storeCollectBatch } from '../storage/collections';
import type { NianbaoDB } from '../storage/db';
import { type BatchStore, type WorkerRequest, handleRequest } from './process';

let db: NianbaoDB | null = null;

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const req = e.data;
  if (req.store) db ??= openWorkerDb(req.store.db);
  const conn = db;
  const store: BatchStore | undefined = conn ? (entries) => storeCollectBatch(conn, entries) : undefined;
  void handleRequest(req, (msg, transfer) => self.postMessage(msg, { transfer }), store);
};
