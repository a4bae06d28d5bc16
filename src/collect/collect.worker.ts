// A collection worker: see process.ts (workerHost). Two run side by side, one per core; each
// stores what it read through its own IndexedDB connection, opened on the first request that
// names the database. Started before a load (WorkerPool), it first warms its code up.
import { keepCollectBlobs, openWorkerDb, storeCollectBatch } from '../storage/collections';
import type { NianbaoDB } from '../storage/db';
import { type KeepRequest, type WarmRequest, type WorkerRequest, workerHost } from './process';

let db: NianbaoDB | null = null;

const host = workerHost((msg, transfer) => self.postMessage(msg, { transfer }), {
  open(name) {
    if (!db) {
      db = openWorkerDb(name);
      // Opened now (at the warm-up), not in the first write of a load; a failure shows there.
      void db.open().catch(() => undefined);
    }
    const conn = db;
    return {
      batch: (entries) => storeCollectBatch(conn, entries),
      keep: (collectionId, job) => (blobs) => keepCollectBlobs(conn, collectionId, job, blobs),
    };
  },
});

self.onmessage = (e: MessageEvent<WorkerRequest | KeepRequest | WarmRequest>) => host(e.data);
