// A collection worker: see process.ts. Two run side by side, one per core.
import { type WorkerRequest, handleRequest } from './process';

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  void handleRequest(e.data, (msg, transfer) => self.postMessage(msg, { transfer }));
};
