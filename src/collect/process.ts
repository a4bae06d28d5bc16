// What a collection worker does, as plain functions (tested without a Worker): unzip its
// share of a .zip, read each file with the single import's reader (same schema, same
// refusals), check it with every rule, and post results in batches.
import { MAX_IMPORT_BYTES, readJsonBytes, reportFromJson } from '../export/jsonFile';
import { fastValidate } from '../report/fastValidate';
import type { JsonProblem } from '../report/json';
import { type FileRef, type StoredEntry, entryRecord, portableError } from '../storage/collections';
import { newId } from '../storage/repository';
import { type SummaryRow, summarize } from '../report/summary';
import { Inflate } from './inflate';
import { packCells } from './packed';
import { sampleReportFiles } from './warmup';
import { type CentralEntry, readZipDirectory, readZipSpan } from './zipDir';

export type EntryResult = (
  | {
      kind: 'ok';
      fileName: string;
      row: SummaryRow;
      /** Input cells, packed (packed.ts). */
      cells: Float64Array;
      /** Where the file as sent is, in a blob of the load (reader.ts), to open, print or export it as it is. */
      src?: FileRef;
    }
  | { kind: 'refused'; fileName: string; problems: JsonProblem[] }
) & {
  /** The entry's id (its file is stored under it too). */
  id: string;
  /** Order received within the collection (see beginLoad): the load's base, then the file's place. */
  seq: number;
  /** Written to IndexedDB by the worker (entry and file), pending until the page commits the load. */
  stored?: boolean;
};

/** A picked or dropped file; `name` is its path inside a picked folder when there is one. */
export interface InputFile {
  name: string;
  file: Blob;
  /** Where this file is kept, in its chunk's blob. */
  src?: FileRef;
}

/** Files are passed as Blobs (a handle, no copy) and read in the worker, never on the page. */
export type WorkerRequest = (
  | { type: 'files'; files: InputFile[] }
  /**
   * Every worker gets the same zip and reads its share, a run of entries in a row (shard k of
   * `shards`), and only that span of the file. `blob`: the id the zip is kept under.
   */
  | { type: 'zip'; name: string; file: Blob; shard: number; shards: number; blob?: string }
) & {
  /** Order numbers of this request's files start here (the load's base plus the request's offset). */
  seqFrom?: number;
  /** Where the worker stores what it read (its own IndexedDB connection); else the files go to the page. */
  store?: StoreTarget;
};

/** The load's received bytes to keep, sent to one worker first (the page's write of them was a long task). */
export interface KeepRequest {
  type: 'keep';
  blobs: { id: string; blob: Blob }[];
  store: StoreTarget;
}

/** Sent to a worker as it starts (WorkerPool): warm up, and open the database a load will write to. */
export interface WarmRequest {
  type: 'warm';
  db?: string;
}

/** A load the workers write themselves (CollectionRepository.beginLoad). */
export interface StoreTarget {
  db: string;
  collectionId: string;
  job: string;
  addedAt: number;
}

export type WorkerMessage =
  /** How many files a zip request holds for this worker, known once the zip is opened. */
  | { type: 'total'; count: number }
  | { type: 'results'; results: EntryResult[] }
  /** Storing failed (e.g. the disk is full): from then on the results are not stored (the page keeps them). */
  | { type: 'storeFailed'; error: { name: string; message: string } }
  /** The load's blobs are written (error: they are not, e.g. the disk is full). */
  | { type: 'kept'; error?: { name: string; message: string } }
  | { type: 'done'; timing: Timing }
  /** The warm-up is over (`rounds` read; fewer when real work came first). */
  | { type: 'warmed'; rounds: number };

/** Stores entries in one transaction (collections.ts storeCollectBatch over the worker's connection). */
export type BatchStore = (entries: StoredEntry[]) => Promise<void>;

/** Milliseconds this worker spent per phase, for the bench's split. */
export interface Timing {
  /** Reading bytes from the picked files: the zip's directory and span, each plain file. */
  read: number;
  /** Inflating zip entries. */
  unzip: number;
  /** Decoding, the syntax scan and JSON.parse. */
  parse: number;
  /** The schema (the fast validator; zod for the refused) and the derived totals. */
  validate: number;
  /** Every rule, the list row and packing the cells. */
  check: number;
  /** The worker's entry writes to IndexedDB (the structured clone; the commit overlaps the reading). */
  store: number;
}

export type Post = (msg: WorkerMessage, transfer: Transferable[]) => void;

type Read = DistributiveOmit<EntryResult, 'id' | 'seq'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const refused = (fileName: string, message: string): Read => ({
  kind: 'refused',
  fileName,
  problems: [{ path: '', message }],
});

/** One file → its row and packed cells, or the refusals naming paths. */
function processFile(
  name: string,
  bytes: Uint8Array,
  size = bytes.byteLength,
  timing: Timing = newTiming(),
  src?: FileRef,
): Read {
  if (!/\.json$/i.test(name)) return refused(name, '不是 .json 文件，已跳过');
  if (size > MAX_IMPORT_BYTES) return refused(name, `文件太大（约 ${mb(size)} MB）：报告文件不应超过 5 MB`);
  const t0 = performance.now();
  const json = readJsonBytes(bytes, name);
  const tParsed = performance.now();
  timing.parse += tParsed - t0;
  const r = 'value' in json ? reportFromJson(json.value, name, fastValidate) : json;
  const t1 = performance.now();
  timing.validate += t1 - tParsed;
  if (!r.ok) return { kind: 'refused', fileName: name, problems: r.problems };
  const { row } = summarize(r.report, r.status, r.exportedAt ? { exportedAt: r.exportedAt } : {});
  const cells = packCells(r.report.cells);
  timing.check += performance.now() - t1;
  return { kind: 'ok', fileName: name, row, cells, ...(src ? { src } : {}) };
}

export const newTiming = (): Timing => ({ read: 0, unzip: 0, parse: 0, validate: 0, check: 0, store: 0 });

/** Names in zips made on Chinese Windows are GBK without the UTF-8 flag; zipDirectory gives them as Latin-1. */
export function zipEntryName(name: string): string {
  if (!/[\u0080-\u00ff]/.test(name) || [...name].some((ch) => ch.charCodeAt(0) > 0xff)) return name;
  const raw = Uint8Array.from(name, (ch) => ch.charCodeAt(0));
  try {
    return new TextDecoder('gbk', { fatal: true }).decode(raw);
  } catch {
    return name;
  }
}

/** Folders, macOS resource forks and hidden files are not reports, and not worth a refusal line. */
const ignoredInZip = (name: string): boolean => name.endsWith('/') || /(^|\/)(__MACOSX\/|\.)/.test(name);

const mb = (bytes: number): string => (Math.ceil((bytes / 1024 / 1024) * 10) / 10).toFixed(1);

const BATCH = 100;
const BATCH_MS = 40;
/** Reports per write: some 10 MB per transaction, far fewer commits than one per batch of results. */
const STORE_BATCH = 500;

/**
 * Posts results in batches so the page gets a steady progress and few messages. With a
 * store, entries are written first, in large transactions queued behind the reading, and
 * the page receives the small rows, each once it is stored.
 */
class Batcher {
  private pending: EntryResult[] = [];
  private unstored: EntryResult[] = [];
  private since = Date.now();
  private writing: Promise<void> = Promise.resolve();
  private failed = false;
  constructor(
    private readonly post: Post,
    private readonly timing: Timing,
    private readonly seqFrom: number,
    private readonly store?: { write: BatchStore; target: StoreTarget },
  ) {}
  /** `place`: the file's position in the request, for its order number. */
  add(read: Read, place: number): void {
    const r = { ...read, id: newId(), seq: this.seqFrom + place } as EntryResult;
    if (this.store && !this.failed) {
      this.unstored.push(r);
      if (this.unstored.length >= STORE_BATCH) this.write();
      return;
    }
    this.pending.push(r);
    if (this.pending.length >= BATCH || Date.now() - this.since >= BATCH_MS) this.flush();
  }
  /** Queues the write of what is not stored yet; its results follow once it commits. */
  private write(): void {
    const batch = this.unstored;
    this.unstored = [];
    const { write, target } = this.store!;
    const entries = batch.map((r) => entryRecord(r, target.collectionId, target.addedAt, target.job));
    this.writing = this.writing.then(async () => {
      if (!this.failed) {
        const t0 = performance.now();
        try {
          // The clone happens in this call; the commit is awaited while the next files are read.
          const done = write(entries);
          this.timing.store += performance.now() - t0;
          await done;
          for (const r of batch) r.stored = true;
        } catch (error) {
          this.failed = true;
          this.post({ type: 'storeFailed', error: portableError(error) }, []);
        }
      }
      for (const r of batch) this.pending.push(r);
      this.flush();
    });
  }
  /** Everything posted, every write done. */
  async end(): Promise<void> {
    if (this.unstored.length) this.write();
    await this.writing;
    this.flush();
  }
  flush(): void {
    this.since = Date.now();
    // At most BATCH per message: the page decodes each message in one task, and a stored
    // batch of 500 rows at once held it too long.
    for (let i = 0; i < this.pending.length; i += BATCH) {
      const results = this.pending.slice(i, i + BATCH);
      const transfer: Transferable[] = [];
      for (const r of results) if (r.kind === 'ok') transfer.push(r.cells.buffer);
      this.post({ type: 'results', results }, transfer);
    }
    this.pending = [];
  }
}

/** Writes a load's blobs (collections.ts keepCollectBlobs over the worker's connection). */
type BlobStore = (blobs: { id: string; blob: Blob }[]) => Promise<void>;

/** Keeps the load's received bytes and says when they are written, or why not. */
async function handleKeep(req: KeepRequest, post: Post, keep: BlobStore): Promise<void> {
  try {
    await keep(req.blobs);
    post({ type: 'kept' }, []);
  } catch (error) {
    post({ type: 'kept', error: portableError(error) }, []);
  }
}

/**
 * Inflates zip entries into one buffer it reuses: nothing keeps a file's bytes once it is read
 * (its src points into the kept zip), and a new buffer per file was garbage for the collector.
 * With `out` of the size the zip states, a lying entry cannot inflate beyond it.
 */
class Inflater {
  private scratch = new Uint8Array(64 * 1024);
  private inflate = new Inflate();
  /** `size`: the inflated size of a deflated entry; undefined for a stored one (returned as is). */
  bytes(data: Uint8Array, size: number | undefined): Uint8Array {
    if (size === undefined) return data;
    if (this.scratch.length < size) this.scratch = new Uint8Array(size);
    return this.inflate.into(data, this.scratch.subarray(0, size));
  }
}

/**
 * Made-up reports read per worker before the first load: enough for V8 to bring the per-report
 * code to its top tier (with 120, the optimizing compiles came in the middle of the load, on
 * the cores it needs), from samples varied enough that a real file takes no branch they missed.
 * 1,000 (a second more of warm-up, ~4.7 s after the page shows): at 10,000 reports ~0.1 s less
 * compiling in the load than with 400, and 0.1–0.2 s sooner; 2,000 compiled more, not less.
 */
const WARM_ROUNDS = 1000;
const WARM_SAMPLES = 24;

/**
 * Reads made-up reports (warmup.ts) the way a zip's entries are read, results dropped, so the
 * worker's code is compiled before the clerk's files arrive. Yields between small slices, and
 * stops as soon as `stop()` says real work is waiting.
 */
export async function warmUp(stop: () => boolean, rounds = WARM_ROUNDS): Promise<number> {
  const files = sampleReportFiles(WARM_SAMPLES);
  // Deflated as a zip entry is, where the platform can (browsers, Node), so inflating warms too.
  const packed = await Promise.all(files.map(deflateRaw));
  let done = 0;
  const timing = newTiming();
  const inflater = new Inflater();
  for (; done < rounds && !stop(); done++) {
    const k = done % files.length;
    const p = packed[k];
    const size = files[k]!.byteLength;
    // The same calls and shapes as a zip entry's read (an inflater, a ref, a timing), so the
    // compiled code fits the real files.
    const src: FileRef = { blob: 'warm', offset: 0, length: p?.byteLength ?? size, size };
    const bytes = p ? inflater.bytes(p, size) : files[k]!;
    processFile('warm/warm.json', bytes, undefined, timing, src);
    if (done % 6 === 5) await new Promise((r) => setTimeout(r, 0));
  }
  return done;
}

/** A worker's own database connection, opened on the first request that names it. */
export interface WorkerStorage {
  open(db: string): { batch: BatchStore; keep: (collectionId: string, job: string) => BlobStore };
}

/**
 * The worker's message handler (collect.worker.ts wires it to `self`): a warm request starts
 * the warm-up, which the first real request stops; requests are then handled in order.
 */
export function workerHost(
  post: Post,
  storage: WorkerStorage,
  warm: (stop: () => boolean) => Promise<number> = warmUp,
): (req: WorkerRequest | KeepRequest | WarmRequest) => void {
  let warming: Promise<unknown> | null = null;
  let realWork = false;
  const handle = (req: WorkerRequest | KeepRequest) => {
    if (req.type === 'keep') {
      void handleKeep(req, post, storage.open(req.store.db).keep(req.store.collectionId, req.store.job));
      return;
    }
    void handleRequest(req, post, req.store ? storage.open(req.store.db).batch : undefined);
  };
  return (req) => {
    if (req.type === 'warm') {
      if (req.db) storage.open(req.db);
      warming ??= warm(() => realWork).then(
        (rounds) => post({ type: 'warmed', rounds }, []),
        () => post({ type: 'warmed', rounds: 0 }, []),
      );
      return;
    }
    realWork = true;
    // After the warm-up's current slice (a few milliseconds); requests keep their order.
    if (warming) void warming.then(() => handle(req));
    else handle(req);
  };
}

async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array | null> {
  if (typeof CompressionStream === 'undefined') return null;
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function handleRequest(req: WorkerRequest, post: Post, store?: BatchStore): Promise<void> {
  const timing = newTiming();
  const target = store && req.store ? { write: store, target: req.store } : undefined;
  const out = new Batcher(post, timing, req.seqFrom ?? 0, target);
  if (req.type === 'files') {
    for (const [place, f] of req.files.entries()) {
      if (f.file.size > MAX_IMPORT_BYTES || !/\.json$/i.test(f.name)) {
        out.add(processFile(f.name, new Uint8Array(0), f.file.size), place);
        continue;
      }
      const t0 = performance.now();
      const bytes = new Uint8Array(await f.file.arrayBuffer());
      timing.read += performance.now() - t0;
      out.add(processFile(f.name, bytes, undefined, timing, f.src), place);
    }
  } else {
    let dir: CentralEntry[];
    const t0 = performance.now();
    try {
      dir = await readZipDirectory(req.file);
      timing.read += performance.now() - t0;
    } catch (e) {
      if (req.shard === 0) {
        post({ type: 'total', count: 1 }, []);
        const detail = e instanceof Error ? e.message : String(e);
        out.add(refused(req.name, `压缩包无法解开（${detail}）：文件可能不完整，或不是 .zip 格式`), 0);
      }
      await out.end();
      post({ type: 'done', timing }, []);
      return;
    }
    // A run of entries in a row per worker: it reads that span of the zip alone.
    const listed = dir.filter((info) => !ignoredInZip(info.name));
    const first = Math.floor((req.shard * listed.length) / req.shards);
    const end = Math.floor(((req.shard + 1) * listed.length) / req.shards);
    const early: [number, Read][] = [];
    const mine: [number, CentralEntry][] = [];
    for (let index = first; index < end; index++) {
      const info = listed[index]!;
      const name = `${req.name}/${zipEntryName(info.name)}`;
      if (info.size > MAX_IMPORT_BYTES) {
        early.push([index, refused(name, `文件太大（解压后约 ${mb(info.size)} MB）：报告文件不应超过 5 MB`)]);
      } else if (!/\.json$/i.test(info.name)) {
        early.push([index, refused(name, '不是 .json 文件，已跳过')]);
      } else if (info.encrypted || (info.method !== 0 && info.method !== 8)) {
        const why = info.encrypted ? '已加密' : `用了不支持的压缩方式（${info.method}）`;
        early.push([index, refused(name, `压缩包中的这个文件${why}，无法读取：请重新打包（不加密、标准压缩）`)]);
      } else mine.push([index, info]);
    }
    post({ type: 'total', count: mine.length + early.length }, []);
    for (const [place, r] of early) out.add(r, place);
    const t2 = performance.now();
    const span = await readZipSpan(
      req.file,
      mine.map(([, info]) => info),
    );
    timing.read += performance.now() - t2;
    const inflater = new Inflater();
    for (const [k, [place, info]] of mine.entries()) {
      const name = `${req.name}/${zipEntryName(info.name)}`;
      const at = span.located[k]!;
      const t1 = performance.now();
      let bytes: Uint8Array;
      try {
        if (at instanceof Error) throw at;
        bytes = inflater.bytes(span.data(at), at.method === 8 ? at.size : undefined);
      } catch (e) {
        const detail = e instanceof Error ? e.message : String(e);
        out.add(refused(name, `压缩包中的这个文件无法解开（${detail}）：压缩包可能已损坏`), place);
        continue;
      } finally {
        timing.unzip += performance.now() - t1;
      }
      const src: FileRef = {
        blob: req.blob ?? '',
        offset: at.offset,
        length: at.length,
        ...(at.method === 8 ? { size: at.size } : {}),
      };
      out.add(processFile(name, bytes, undefined, timing, req.blob ? src : undefined), place);
    }
  }
  await out.end();
  post({ type: 'done', timing }, []);
}
