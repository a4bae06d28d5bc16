// A collection worker: see process.ts. Two run side by side, one per core; each stores what
// it read through its own IndexedDB connection, opened on the first request that asks.
import { keepCollectBlobs, openWorkerDb, storeCollectBatch } from '../storage/collections';
import type { NianbaoDB } from '../storage/db';
import { type BatchStore, type KeepRequest, type Post, type WorkerRequest, handleKeep, handleRequest } from './process';

let db: NianbaoDB | null = null;

self.onmessage = (e: MessageEvent<WorkerRequest | KeepRequest>) => {
  const req = e.data;
  const post: Post = (msg, transfer) => self.postMessage(msg, { transfer });
  if (req.type === 'keep') {
    // The load's received bytes, written here while the other workers read (issue 15: a long task on the page).
    const own = (db ??= openWorkerDb(req.store.db));
    const { collectionId, job } = req.store;
    void handleKeep(req, post, (blobs) => keepCollectBlobs(own, collectionId, job, blobs));
    return;
  }
  if (req.store) db ??= openWorkerDb(req.store.db);
  const conn = db;
  const store: BatchStore | undefined = conn ? (entries) => storeCollectBatch(conn, entries) : undefined;
  void handleRequest(req, post, store);
};
