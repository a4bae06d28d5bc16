// Reading many files on the page's behalf: a pool of workers (one per core, at most 4)
// reads, validates and checks; the page only receives small batches, so it never freezes.
import { MAX_IMPORT_BYTES } from '../export/jsonFile';
import { SEQ_BLOCK } from '../storage/collections';
import { newId } from '../storage/repository';
import {
  type EntryResult,
  type StoreTarget,
  type InputFile,
  type KeepRequest,
  type Timing,
  type WarmRequest,
  type WorkerMessage,
  type WorkerRequest,
  newTiming,
} from './process';

export interface CollectProgress {
  done: number;
  /** Files known so far (a zip's entries count once a worker has opened it). */
  total: number;
}

export interface CollectJob {
  /** Every result, or null when cancelled. */
  readonly finished: Promise<EntryResult[] | null>;
  /** Worker milliseconds per phase, summed over the workers (CPU time, not wall time). */
  readonly timing: Timing;
  /** Set when a worker could not store what it read: those results came unstored. */
  readonly storeError: { name: string; message: string } | null;
  /**
   * The received bytes, as the entries' `src` refer to them: each zip whole, the plain
   * report files of each chunk end to end (a Blob of Blobs: nothing is read or copied here).
   */
  readonly blobs: readonly { id: string; blob: Blob }[];
  /**
   * With a store: when a worker has written `blobs` under the load (null), or why it could not.
   * Without one, null at once (the page keeps them with CollectionRepository.add).
   */
  readonly kept: Promise<{ name: string; message: string } | null>;
  cancel(): void;
}

export interface CollectOptions {
  onProgress?: (p: CollectProgress) => void;
  /** Tests and the bench may pass their own; defaults to one per core, 2 to 4. */
  workers?: number;
  createWorker?: () => Worker;
  /** Workers started (and warmed) before the load; they go back to it when the load ends. */
  pool?: WorkerPool;
  /** The workers store what they read there, as a pending load (CollectionRepository.beginLoad). */
  store?: StoreTarget;
  /** The load's first order number: plain files count from it, zip k from it + (k + 1) × SEQ_BLOCK. */
  seqBase?: number;
}

/** Order-number blocks a load of these inputs takes (one for the plain files, one per zip). */
export const loadBlocks = (inputs: readonly InputFile[]): number => 1 + inputs.filter((f) => isZip(f.name)).length;

const defaultWorker = () => new Worker(new URL('./collect.worker.ts', import.meta.url), { type: 'module' });

const defaultCount = (): number => {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(2, Math.min(4, cores));
};

/**
 * Collection workers started when 汇总 is shown, not when files are dropped (issue 15): each
 * warms its code up (process.ts warmUp) while the clerk picks her files, and a load ended
 * normally gives them back, still warm, for the next one. A cancelled or failed load
 * terminates its workers; `fill` starts new ones.
 */
export class WorkerPool {
  private idle: Worker[] = [];
  /** Workers a load holds: while any does, no new worker warms up beside it. */
  private out = 0;
  private disposed = false;
  /** Workers whose warm-up is over. */
  warmed = 0;
  constructor(
    readonly size = defaultCount(),
    private readonly create: () => Worker = defaultWorker,
  ) {}
  /** Starts workers up to `size`; `db`: the database a load will write to, opened meanwhile. */
  fill(db?: string): void {
    // A load dropped before the idle fill has taken fresh workers: warming more beside it would
    // take the cores from it.
    if (this.out > 0) return;
    while (!this.disposed && this.idle.length < this.size) {
      const w = this.create();
      w.onmessage = (e: MessageEvent<WorkerMessage>) => {
        // The bench waits for this mark, as a clerk picking files gives the workers that time.
        if (e.data.type === 'warmed' && ++this.warmed === this.size) performance.mark('collect:warm');
      };
      w.postMessage({ type: 'warm', ...(db ? { db } : {}) } satisfies WarmRequest);
      this.idle.push(w);
    }
  }
  take(): Worker {
    this.out++;
    return this.idle.shift() ?? this.create();
  }
  /** A worker whose load ended normally: idle and warm. */
  give(w: Worker): void {
    this.out--;
    w.onmessage = null;
    w.onerror = null;
    if (this.disposed || this.idle.length >= this.size) w.terminate();
    else this.idle.push(w);
  }
  /** A worker whose load was cancelled or failed. */
  end(w: Worker): void {
    this.out--;
    w.terminate();
  }
  dispose(): void {
    this.disposed = true;
    for (const w of this.idle) w.terminate();
    this.idle = [];
  }
}

/** Plain files go in chunks to whichever worker is free; a zip goes to every worker, each reading its share. */
const CHUNK = 64;

const isZip = (name: string): boolean => /\.zip$/i.test(name);

export function collectFiles(inputs: readonly InputFile[], opts: CollectOptions = {}): CollectJob {
  if (!inputs.length)
    return {
      finished: Promise.resolve([]),
      timing: newTiming(),
      storeError: null,
      blobs: [],
      kept: Promise.resolve(null),
      cancel: () => {},
    };
  const timing = newTiming();
  const n = opts.workers ?? opts.pool?.size ?? defaultCount();
  const zips = inputs.filter((f) => isZip(f.name));
  const plain = inputs.filter((f) => !isZip(f.name));
  const queue: WorkerRequest[] = [];
  const store = opts.store ? { store: opts.store } : {};
  const base = opts.seqBase ?? 0;
  const blobs: { id: string; blob: Blob }[] = [];
  for (let i = 0; i < plain.length; i += CHUNK) {
    const id = newId();
    const parts: Blob[] = [];
    let offset = 0;
    const files = plain.slice(i, i + CHUNK).map((f): InputFile => {
      // Only what may be a report is kept: not a stray video picked with a folder.
      if (f.file.size > MAX_IMPORT_BYTES || !/\.json$/i.test(f.name)) return f;
      const src = { blob: id, offset, length: f.file.size };
      parts.push(f.file);
      offset += f.file.size;
      return { ...f, src };
    });
    if (parts.length) blobs.push({ id, blob: new Blob(parts) });
    queue.push({ type: 'files', files, seqFrom: base + i, ...store });
  }
  const pool = opts.pool;
  const workers = Array.from({ length: Math.min(n, Math.max(1, queue.length + (zips.length ? n : 0))) }, () =>
    pool ? pool.take() : (opts.createWorker ?? defaultWorker)(),
  );
  for (const [k, z] of zips.entries()) {
    const seqFrom = base + (k + 1) * SEQ_BLOCK;
    const blob = newId();
    blobs.push({ id: blob, blob: z.file });
    workers.forEach((_, shard) => {
      queue.push({ type: 'zip', name: z.name, file: z.file, shard, shards: workers.length, seqFrom, blob, ...store });
    });
  }
  // A zip request is bound to its shard's worker; files requests to any.
  const results: EntryResult[] = [];
  const progress: CollectProgress = { done: 0, total: plain.length };
  let cancelled = false;
  let resolve!: (r: EntryResult[] | null) => void;
  let reject!: (e: unknown) => void;
  const finished = new Promise<EntryResult[] | null>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  let busy = 0;
  // The blobs' write, by the first worker before its reading: the pool ends only once it is done.
  let keeping = !!(opts.store && blobs.length);
  let resolveKept!: (e: { name: string; message: string } | null) => void;
  const kept = new Promise<{ name: string; message: string } | null>((res) => {
    resolveKept = res;
  });
  if (!keeping) resolveKept(null);
  let lastReport = 0;
  const report = (force = false) => {
    const now = Date.now();
    if (!force && now - lastReport < 50) return;
    lastReport = now;
    opts.onProgress?.({ ...progress });
  };
  const end = () => {
    for (const w of workers) {
      if (pool) pool.end(w);
      else w.terminate();
    }
  };
  const finish = () => {
    // Settled: a later cancel() has nothing to stop.
    cancelled = true;
    // Every request answered: the workers are idle, and warm for the next load.
    if (pool) for (const w of workers) pool.give(w);
    else end();
    report(true);
    // In a task of its own: what the page does with the results then is not added to the
    // task that handled the last message.
    setTimeout(() => resolve(results));
  };
  const next = (w: Worker, index: number): boolean => {
    const at = queue.findIndex((q) => q.type === 'files' || q.shard === index);
    if (at < 0) return false;
    const [req] = queue.splice(at, 1);
    busy++;
    w.postMessage(req);
    return true;
  };
  workers.forEach((w, index) => {
    w.onmessage = (e: MessageEvent<WorkerMessage>) => {
      if (cancelled) return;
      const m = e.data;
      if (m.type === 'warmed') return;
      if (m.type === 'total') {
        progress.total += m.count;
      } else if (m.type === 'results') {
        for (const r of m.results) results.push(r);
        progress.done += m.results.length;
      } else if (m.type === 'storeFailed') {
        job.storeError ??= m.error;
      } else if (m.type === 'kept') {
        keeping = false;
        resolveKept(m.error ?? null);
        if (busy === 0 && queue.length === 0) return finish();
      } else {
        for (const k of Object.keys(timing) as (keyof Timing)[]) timing[k] += m.timing[k];
        busy--;
        if (!next(w, index) && busy === 0 && queue.length === 0 && !keeping) return finish();
      }
      report();
    };
    w.onerror = (e) => {
      if (cancelled) return;
      cancelled = true;
      end();
      resolveKept({ name: 'Error', message: e.message || '后台线程出错' });
      reject(new Error(`读取文件的后台线程出错：${e.message || '未知错误'}`));
    };
    if (index === 0 && keeping && opts.store)
      w.postMessage({ type: 'keep', blobs, store: opts.store } satisfies KeepRequest);
    next(w, index);
  });
  report(true);
  const job: { -readonly [K in keyof CollectJob]: CollectJob[K] } = {
    finished,
    timing,
    storeError: null,
    blobs,
    kept,
    cancel() {
      if (cancelled) return;
      cancelled = true;
      end();
      resolveKept(null);
      resolve(null);
    },
  };
  return job;
}
