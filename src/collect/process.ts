// What a collection worker does, as plain functions (tested without a Worker): unzip its
// share of a .zip, read each file with the single import's reader (same schema, same
// refusals), check it with every rule, and post results in batches.
import { type Unzipped, unzipSync } from 'fflate';
import { MAX_IMPORT_BYTES, readJsonBytes, reportFromJson } from '../export/jsonFile';
import { fastValidate } from '../report/fastValidate';
import type { JsonProblem } from '../report/json';
import { type SummaryRow, summarize } from '../report/summary';
import { packCells } from './packed';

export type EntryResult =
  | {
      kind: 'ok';
      fileName: string;
      row: SummaryRow;
      /** Input cells, packed (packed.ts). */
      cells: Float64Array;
      /** The file as sent, kept so it can be opened, printed or exported as it is. */
      bytes: Uint8Array;
    }
  | { kind: 'refused'; fileName: string; problems: JsonProblem[] };

/** A picked or dropped file; `name` is its path inside a picked folder when there is one. */
export interface InputFile {
  name: string;
  file: Blob;
}

/** Files are passed as Blobs (a handle, no copy) and read in the worker, never on the page. */
export type WorkerRequest =
  | { type: 'files'; files: InputFile[] }
  /** Every worker gets the same zip and reads entries i with i % shards === shard. */
  | { type: 'zip'; name: string; file: Blob; shard: number; shards: number };

export type WorkerMessage =
  /** How many files a zip request holds for this worker, known once the zip is opened. */
  { type: 'total'; count: number } | { type: 'results'; results: EntryResult[] } | { type: 'done'; timing: Timing };

/** Milliseconds this worker spent per phase, for the bench's split. */
export interface Timing {
  unzip: number;
  /** Decoding, the syntax scan and JSON.parse. */
  parse: number;
  /** The schema (the fast validator; zod for the refused) and the derived totals. */
  validate: number;
  /** Every rule, the list row and packing the cells. */
  check: number;
}

export type Post = (msg: WorkerMessage, transfer: Transferable[]) => void;

const refused = (fileName: string, message: string): EntryResult => ({
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
): EntryResult {
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
  return { kind: 'ok', fileName: name, row, cells, bytes };
}

export const newTiming = (): Timing => ({ unzip: 0, parse: 0, validate: 0, check: 0 });

/** Names in zips made on Chinese Windows are GBK without the UTF-8 flag; fflate reads them as Latin-1. */
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

/** Posts results in batches so the page gets a steady progress and few messages. */
class Batcher {
  private pending: EntryResult[] = [];
  private since = Date.now();
  constructor(private readonly post: Post) {}
  add(r: EntryResult): void {
    this.pending.push(r);
    if (this.pending.length >= BATCH || Date.now() - this.since >= BATCH_MS) this.flush();
  }
  flush(): void {
    if (!this.pending.length) return;
    const results = this.pending;
    this.pending = [];
    this.since = Date.now();
    const transfer: Transferable[] = [];
    for (const r of results) {
      if (r.kind !== 'ok') continue;
      transfer.push(r.cells.buffer);
      // Only a buffer the entry owns whole can move; a view into a larger one is copied.
      if (r.bytes.byteOffset !== 0 || r.bytes.byteLength !== r.bytes.buffer.byteLength) r.bytes = r.bytes.slice();
      if (!transfer.includes(r.bytes.buffer)) transfer.push(r.bytes.buffer);
    }
    this.post({ type: 'results', results }, transfer);
  }
}

export async function handleRequest(req: WorkerRequest, post: Post): Promise<void> {
  const out = new Batcher(post);
  const timing = newTiming();
  if (req.type === 'files') {
    for (const f of req.files) {
      if (f.file.size > MAX_IMPORT_BYTES || !/\.json$/i.test(f.name)) {
        out.add(processFile(f.name, new Uint8Array(0), f.file.size));
        continue;
      }
      out.add(processFile(f.name, new Uint8Array(await f.file.arrayBuffer()), undefined, timing));
    }
  } else {
    const bytes = new Uint8Array(await req.file.arrayBuffer());
    let index = -1;
    const early: EntryResult[] = [];
    let files: Unzipped;
    const t0 = performance.now();
    try {
      files = unzipSync(bytes, {
        filter: (info) => {
          if (ignoredInZip(info.name)) return false;
          index++;
          if (index % req.shards !== req.shard) return false;
          const name = `${req.name}/${zipEntryName(info.name)}`;
          if (info.originalSize > MAX_IMPORT_BYTES) {
            early.push(refused(name, `文件太大（解压后约 ${mb(info.originalSize)} MB）：报告文件不应超过 5 MB`));
            return false;
          }
          if (!/\.json$/i.test(info.name)) {
            early.push(refused(name, '不是 .json 文件，已跳过'));
            return false;
          }
          return true;
        },
      });
    } catch (e) {
      if (req.shard === 0) {
        post({ type: 'total', count: 1 }, []);
        const detail = e instanceof Error ? e.message : String(e);
        out.add(refused(req.name, `压缩包无法解开（${detail}）：文件可能不完整，或不是 .zip 格式`));
      }
      out.flush();
      post({ type: 'done', timing }, []);
      return;
    }
    timing.unzip += performance.now() - t0;
    const names = Object.keys(files);
    post({ type: 'total', count: names.length + early.length }, []);
    for (const r of early) out.add(r);
    for (const n of names) {
      const bytes = files[n]!;
      delete files[n];
      out.add(processFile(`${req.name}/${zipEntryName(n)}`, bytes, undefined, timing));
    }
  }
  out.flush();
  post({ type: 'done', timing }, []);
}
