// 汇总 collections kept in IndexedDB: a collection (name, year, expected agencies), its
// entries (one per file received: the list row and packed cells, or the refusal) and the
// files themselves, apart so that listing 10,000 entries never reads 200 MB of text. Since v7
// the files are kept as received, a few large Blobs (a zip as sent, or the plain files of a
// chunk end to end), and each entry says where its file lies in one (FileRef): storing 10,000
// files of 20 KB one by one cost more than reading them.
import { inflateSync } from 'fflate';
import type { JsonProblem } from '../report/json';
import { type SummaryRow, reportKey } from '../report/summary';
import { isQuotaError } from './autosave';
import { errorText } from './connection';
import { NianbaoDB } from './db';
import { newId } from './repository';

export interface StoredCollection {
  id: string;
  name: string;
  /** The report year it gathers, when the office said (used to find last year's). */
  year: number | null;
  createdAt: number;
  updatedAt: number;
  /** Agencies expected to report, as pasted. */
  expected: string[];
  /**
   * Loads being written by workers: their entries stay out of the list until the load is
   * committed (all or none), and are removed when it is cancelled or was cut off.
   */
  pending?: { job: string; at: number }[];
  /** Order numbers up to here are taken: each load reserves a range (see beginLoad). */
  seqTop?: number;
  /** Which reports the sum takes (collect/model.ts SumChoice): a rule and the ones ticked by hand. */
  sumChoice?: { base: 'default' | 'final' | 'all'; include?: readonly string[]; exclude?: readonly string[] };
}

/** Where an entry's file lies in a kept blob (StoredBlob). */
export interface FileRef {
  blob: string;
  offset: number;
  length: number;
  /** Present when the bytes there are deflated (a zip entry): their size once inflated. */
  size?: number;
}

/** Received bytes kept whole (v7): a zip as sent, or the plain files of one chunk end to end. */
export interface StoredBlob {
  id: string;
  collectionId: string;
  /** The load that wrote it, removed with it when the load is cancelled. */
  job?: string;
  blob: Blob;
}

export type NewEntry =
  | {
      kind: 'ok';
      /** Given by the worker that read it. */
      id?: string;
      fileName: string;
      row: SummaryRow;
      cells: Float64Array;
      /** Where the file is, in a blob given to add() or kept already. */
      src?: FileRef;
      /** Or the file itself, kept by add() in a new blob. */
      bytes?: Uint8Array;
    }
  | { kind: 'refused'; fileName: string; problems: JsonProblem[] };

interface EntryBase {
  id: string;
  collectionId: string;
  /** Order received: a later file of the same report counts on a tie. */
  seq: number;
  addedAt: number;
  /** The load that wrote it, while it may still be pending. */
  job?: string;
}

export type StoredEntry =
  | (EntryBase & {
      kind: 'ok';
      fileName: string;
      row: SummaryRow;
      cells: Float64Array;
      /** Where its file is kept; absent in entries stored before v7, whose file is in collectFiles under their id. */
      src?: FileRef;
    })
  | (EntryBase & {
      kind: 'refused';
      fileName: string;
      problems: JsonProblem[];
    });

/**
 * Entries written together (v8): a batch of a load, or the page's own add, in one record.
 * IndexedDB's cost is per record, and 10,000 entry records took seconds to write and to read.
 */
export interface StoredPage {
  id: string;
  collectionId: string;
  /** The load that wrote it: its entries stay out of the list while the load is pending. */
  job?: string;
  entries: StoredEntry[];
}

const pageOf = (entries: StoredEntry[]): StoredPage => {
  const { collectionId, job } = entries[0]!;
  return job ? { id: newId(), collectionId, job, entries } : { id: newId(), collectionId, entries };
};

/** A file as stored before v7, one record per entry (read, never written any more). */
export interface StoredFile {
  id: string;
  collectionId: string;
  bytes: Uint8Array;
}

/** An entry's file from the `ref.length` bytes its ref points at. */
export function refBytes(data: Uint8Array, ref: FileRef): Uint8Array {
  // With `out` of the size the zip states, a lying entry cannot inflate beyond it.
  return ref.size === undefined ? data : inflateSync(data, { out: new Uint8Array(ref.size) });
}

/** Reads an entry's file out of its blob. */
export async function readFileRef(blob: Blob, ref: FileRef): Promise<Uint8Array> {
  const data = new Uint8Array(await blob.slice(ref.offset, ref.offset + ref.length).arrayBuffer());
  return refBytes(data, ref);
}

/** What the clerk is told when keeping a collection fails; what was read stays on the page. */
export function collectFailureMessage(e: unknown): string {
  const keep = '已读取的结果仍显示在本页面中，但没有保存，刷新后会丢失；之前保存的汇总没有受影响。';
  if (isQuotaError(e)) return `磁盘空间不足，浏览器拒绝保存汇总。${keep}`;
  return `保存汇总出错（${errorText(e)}）。${keep}`;
}

/** Entries per page the page's own add() writes (a worker's batch is its own page). */
const PAGE = 500;

/**
 * A collection worker's own connection, to store the files it read in large transactions
 * off the page's thread. The same class, so the same versioned schema and migrations.
 */
export function openWorkerDb(name: string): NianbaoDB {
  // Relaxed: no disk flush per batch of a load. The load only counts once commitLoad's strict
  // transaction commits, which comes after these and so flushes them too; a load cut off
  // before it is removed as stale.
  const db = new NianbaoDB(name, { chromeTransactionDurability: 'relaxed' });
  // A newer app upgrading the database: step aside (the page says so), never block it.
  db.on('versionchange', () => {
    db.close({ disableAutoOpen: true });
    return false;
  });
  return db;
}

/** A storage error as a worker can post it: what collectFailureMessage needs, nothing that may not clone. */
export const portableError = (e: unknown): { name: string; message: string } => ({
  name: isQuotaError(e) ? 'QuotaExceededError' : 'Error',
  message: errorText(e),
});

/**
 * What a worker read, in one transaction (its files are in the load's blobs, kept by the
 * page). The entries carry their load's `job`, listed as pending in the collection, so they
 * show nowhere until commitLoad.
 */
export async function storeCollectBatch(db: NianbaoDB, entries: readonly StoredEntry[]): Promise<void> {
  // One page: the entries of one batch share their collection and load.
  if (entries.length) await db.collectPages.add(pageOf(entries as StoredEntry[]));
}

/**
 * Keeps a load's received bytes: one write of a few Blobs, which the browser copies to disk
 * itself. Under the load's job, so abortLoad removes them. A collection worker does it (the
 * page's write of the zip was a task of some 55 ms); CollectionRepository.keepBlobs otherwise.
 */
export async function keepCollectBlobs(
  db: NianbaoDB,
  collectionId: string,
  job: string,
  blobs: readonly { id: string; blob: Blob }[],
): Promise<void> {
  if (!blobs.length) return;
  await db.collectBlobs.bulkAdd(blobs.map((b) => ({ id: b.id, collectionId, job, blob: b.blob })));
}

/** An entry as read (by a worker), before it is a stored record. */
export type ReadEntry =
  | { kind: 'ok'; id: string; seq: number; fileName: string; row: SummaryRow; cells: Float64Array; src?: FileRef }
  | { kind: 'refused'; id: string; seq: number; fileName: string; problems: JsonProblem[] };

/** The record of an entry read, as the worker stores it and as the page lists it. */
export function entryRecord(r: ReadEntry, collectionId: string, addedAt: number, job?: string): StoredEntry {
  // Plain literals, no spreads: the page makes 10,000 of these at the end of a load.
  const { id, seq, fileName } = r;
  const e: StoredEntry =
    r.kind === 'ok'
      ? { id, collectionId, seq, addedAt, fileName, kind: 'ok', row: r.row, cells: r.cells }
      : { id, collectionId, seq, addedAt, fileName, kind: 'refused', problems: r.problems };
  if (job) e.job = job;
  if (r.kind === 'ok' && r.src && e.kind === 'ok') e.src = r.src;
  return e;
}

/** Blob ids of these entries' files. */
const blobsOf = (entries: readonly (StoredEntry | undefined)[]): string[] => [
  ...new Set(entries.flatMap((e) => (e?.kind === 'ok' && e.src ? [e.src.blob] : []))),
];

/** Where each load's order numbers start: room for this many plain files, then as many per zip. */
export const SEQ_BLOCK = 1_000_000;
/** A pending load older than this was cut off (tab closed, crash): its entries are removed. */
const STALE_LOAD_MS = 30 * 60 * 1000;

/**
 * Entries of `existing` that `items` replace: a file of the same name (sent again) and,
 * with `replace`, a report of the same agency and year (a corrected file).
 */
export function replacedBy(
  existing: readonly StoredEntry[],
  items: readonly ({ kind: 'ok'; fileName: string; row: SummaryRow } | { kind: 'refused'; fileName: string })[],
  replace: boolean,
): string[] {
  // The first load into a collection replaces nothing: no keys for thousands of rows.
  if (!existing.length) return [];
  const names = new Set(items.map((i) => i.fileName));
  const keys = new Set(replace ? items.flatMap((i) => (i.kind === 'ok' ? [reportKey(i.row)] : [])) : []);
  return existing
    .filter((e) => names.has(e.fileName) || (replace && e.kind === 'ok' && keys.has(reportKey(e.row))))
    .map((e) => e.id);
}

export class CollectionRepository {
  constructor(private readonly db: NianbaoDB) {}

  /** What a collection worker needs to store files itself (openWorkerDb). */
  workerStore(collectionId: string): { db: string; collectionId: string } {
    return { db: this.db.name, collectionId };
  }

  list(): Promise<StoredCollection[]> {
    return this.db.collections.orderBy('updatedAt').reverse().toArray();
  }

  get(id: string): Promise<StoredCollection | undefined> {
    return this.db.collections.get(id);
  }

  async create(name: string, year: number | null): Promise<string> {
    const now = Date.now();
    const id = newId();
    await this.db.collections.add({ id, name, year, createdAt: now, updatedAt: now, expected: [] });
    return id;
  }

  async update(
    id: string,
    change: Partial<Pick<StoredCollection, 'name' | 'year' | 'expected' | 'sumChoice'>>,
  ): Promise<void> {
    await this.db.collections.update(id, { ...change, updatedAt: Date.now() });
  }

  /** The collection, its entries and its files. */
  async remove(id: string): Promise<void> {
    const { db } = this;
    await db.transaction('rw', [db.collections, ...this.entryTables], async () => {
      await db.collectEntries.where('collectionId').equals(id).delete();
      await db.collectPages.where('collectionId').equals(id).delete();
      await db.collectFiles.where('collectionId').equals(id).delete();
      await db.collectBlobs.where('collectionId').equals(id).delete();
      await db.collections.delete(id);
    });
  }

  /** A load's received bytes, kept under its job (keepCollectBlobs). */
  keepBlobs(collectionId: string, job: string, blobs: readonly { id: string; blob: Blob }[]): Promise<void> {
    return keepCollectBlobs(this.db, collectionId, job, blobs);
  }

  /** Tables holding entries and their files, for transactions that change them. */
  private get entryTables() {
    const { db } = this;
    return [db.collectEntries, db.collectPages, db.collectFiles, db.collectBlobs];
  }

  /** A collection's entries as stored: one per record (before v8) and in pages. Inside a transaction. */
  private async stored(collectionId: string): Promise<{ single: StoredEntry[]; pages: StoredPage[] }> {
    const { db } = this;
    const single = await db.collectEntries.where('collectionId').equals(collectionId).toArray();
    const pages = await db.collectPages.where('collectionId').equals(collectionId).toArray();
    return { single, pages };
  }

  /**
   * Removes these entries of a collection wherever they are kept (a page keeps its others),
   * their files stored before v7, and the blobs no entry left refers to. Inside a transaction.
   */
  private async removeEntries(collectionId: string, ids: ReadonlySet<string>): Promise<void> {
    const { db } = this;
    const { single, pages } = await this.stored(collectionId);
    const removed: StoredEntry[] = [];
    const left: StoredEntry[] = [];
    for (const e of single) (ids.has(e.id) ? removed : left).push(e);
    if (removed.length) await db.collectEntries.bulkDelete(removed.map((e) => e.id));
    for (const p of pages) {
      const keep: StoredEntry[] = [];
      for (const e of p.entries) (ids.has(e.id) ? removed : keep).push(e);
      for (const e of keep) left.push(e);
      if (keep.length === p.entries.length) continue;
      if (keep.length) await db.collectPages.put({ ...p, entries: keep });
      else await db.collectPages.delete(p.id);
    }
    await db.collectFiles.bulkDelete([...ids]);
    const needed = new Set(blobsOf(left));
    for (const id of blobsOf(removed)) if (!needed.has(id)) await db.collectBlobs.delete(id);
  }

  /** Entries in the order received, without those of loads still pending. */
  async entries(collectionId: string): Promise<StoredEntry[]> {
    const { db } = this;
    return db.transaction('r', db.collections, db.collectEntries, db.collectPages, async () => {
      const pending = new Set(((await db.collections.get(collectionId))?.pending ?? []).map((p) => p.job));
      const { single, pages } = await this.stored(collectionId);
      const out = single.filter((e) => !e.job || !pending.has(e.job));
      for (const p of pages) if (!p.job || !pending.has(p.job)) for (const e of p.entries) out.push(e);
      return out.sort((a, b) => a.seq - b.seq);
    });
  }

  /**
   * Starts a load the workers store themselves: a job id their entries carry, listed as
   * pending, and a range of order numbers (`blocks` × SEQ_BLOCK) after every earlier entry.
   */
  async beginLoad(collectionId: string, blocks: number): Promise<{ job: string; seqBase: number; addedAt: number }> {
    const { db } = this;
    const job = newId();
    const addedAt = Date.now();
    return db.transaction('rw', db.collections, db.collectEntries, db.collectPages, async () => {
      const c = await db.collections.get(collectionId);
      if (!c) throw new Error('汇总已被删除');
      let seqBase = c.seqTop;
      if (seqBase === undefined) {
        // A collection from before seqTop: its largest order number, once.
        const { single, pages } = await this.stored(collectionId);
        seqBase = single.reduce((m, e) => Math.max(m, e.seq), 0);
        for (const p of pages) for (const e of p.entries) seqBase = Math.max(seqBase, e.seq);
      }
      await db.collections.update(collectionId, {
        pending: [...(c.pending ?? []), { job, at: addedAt }],
        seqTop: seqBase + 1 + blocks * SEQ_BLOCK,
      });
      return { job, seqBase: seqBase + 1, addedAt };
    });
  }

  /**
   * Makes a load's entries part of the collection, all at once, and removes the entries they
   * replace (`gone`, from replacedBy). A small transaction: the workers wrote the rest.
   */
  async commitLoad(collectionId: string, job: string, gone: readonly string[]): Promise<void> {
    const { db } = this;
    await db.transaction('rw', [db.collections, ...this.entryTables], async () => {
      const c = await db.collections.get(collectionId);
      if (!c?.pending?.some((p) => p.job === job)) throw new Error('这次读取已被取消或清理，请重新加入文件');
      if (gone.length) await this.removeEntries(collectionId, new Set(gone));
      await db.collections.update(collectionId, {
        pending: c.pending.filter((p) => p.job !== job),
        updatedAt: Date.now(),
      });
    });
  }

  /** Removes what a cancelled or failed load stored: its entries, their files, its pending mark. */
  async abortLoad(collectionId: string, job: string): Promise<void> {
    const { db } = this;
    await db.transaction('rw', [db.collections, ...this.entryTables], async () => {
      await db.collectEntries.where('job').equals(job).delete();
      await db.collectPages.where('job').equals(job).delete();
      await db.collectBlobs.where('job').equals(job).delete();
      const c = await db.collections.get(collectionId);
      if (c?.pending) await db.collections.update(collectionId, { pending: c.pending.filter((p) => p.job !== job) });
    });
  }

  /** Loads cut off long ago (a closed tab, a crash) leave entries no one will commit: remove them. */
  async removeStaleLoads(collectionId: string, now = Date.now()): Promise<number> {
    const c = await this.db.collections.get(collectionId);
    const stale = (c?.pending ?? []).filter((p) => now - p.at > STALE_LOAD_MS);
    for (const p of stale) await this.abortLoad(collectionId, p.job);
    return stale.length;
  }

  /** A stored entry's file as received, or null when it is gone. */
  async fileBytes(entryId: string): Promise<Uint8Array | null> {
    const { db } = this;
    const e =
      (await db.collectEntries.get(entryId)) ??
      (await db.collectPages.filter((p) => p.entries.some((x) => x.id === entryId)).first())?.entries.find(
        (x) => x.id === entryId,
      );
    return e ? this.entryBytes(e) : null;
  }

  /**
   * An entry's file as received. `unsaved`: blobs of loads this page read but could not
   * store, by id (the picked files themselves, still readable while the page is open).
   */
  async entryBytes(entry: StoredEntry, unsaved?: ReadonlyMap<string, Blob>): Promise<Uint8Array | null> {
    if (entry.kind !== 'ok') return null;
    if (!entry.src) return (await this.db.collectFiles.get(entry.id))?.bytes ?? null;
    const blob = (await this.db.collectBlobs.get(entry.src.blob))?.blob ?? unsaved?.get(entry.src.blob);
    return blob ? readFileRef(blob, entry.src) : null;
  }

  /**
   * Adds what was read. A file of the same name replaces the earlier one (sent again);
   * with `replace`, a report of the same agency and year replaces the earlier one too
   * (a corrected file), otherwise both stay and the list flags 重复.
   * The page's way when a load could not be begun (the workers then store nothing): the
   * entries refer to `blobs` (kept here in the same transaction), or carry their `bytes`
   * (kept in one new blob). The list gains all of them or none. Returns what was added and
   * the ids removed.
   */
  async add(
    collectionId: string,
    items: readonly NewEntry[],
    opts: { replace?: boolean; blobs?: readonly { id: string; blob: Blob }[] } = {},
  ): Promise<{ added: StoredEntry[]; removed: string[] }> {
    const { db } = this;
    const now = Date.now();
    const entries: StoredEntry[] = [];
    const parts: Uint8Array[] = [];
    const own = newId();
    let offset = 0;
    for (const item of items) {
      const base = { id: (item.kind === 'ok' && item.id) || newId(), collectionId, seq: 0, addedAt: now };
      if (item.kind === 'ok') {
        let src = item.src;
        if (!src && item.bytes) {
          src = { blob: own, offset, length: item.bytes.byteLength };
          parts.push(item.bytes);
          offset += item.bytes.byteLength;
        }
        entries.push({
          ...base,
          fileName: item.fileName,
          kind: 'ok',
          row: item.row,
          cells: item.cells,
          ...(src ? { src } : {}),
        });
      } else {
        entries.push({ ...base, fileName: item.fileName, kind: 'refused', problems: item.problems });
      }
    }
    const blobs: StoredBlob[] = (opts.blobs ?? []).map((b) => ({ id: b.id, collectionId, blob: b.blob }));
    if (parts.length) blobs.push({ id: own, collectionId, blob: new Blob(parts as BlobPart[]) });
    return db.transaction('rw', [db.collections, ...this.entryTables], async () => {
      if (blobs.length) await db.collectBlobs.bulkAdd(blobs);
      const { single, pages } = await this.stored(collectionId);
      const existing = single;
      for (const p of pages) for (const e of p.entries) existing.push(e);
      const gone = replacedBy(existing, items, !!opts.replace);
      if (gone.length) await this.removeEntries(collectionId, new Set(gone));
      const top = (await db.collections.get(collectionId))?.seqTop ?? 0;
      let seq = existing.reduce((m, e) => Math.max(m, e.seq), top);
      for (const e of entries) e.seq = ++seq;
      for (let i = 0; i < entries.length; i += PAGE) await db.collectPages.add(pageOf(entries.slice(i, i + PAGE)));
      await db.collections.update(collectionId, { updatedAt: now, seqTop: seq });
      return { added: entries, removed: gone };
    });
  }

  async removeEntry(collectionId: string, entryId: string): Promise<void> {
    const { db } = this;
    await db.transaction('rw', [db.collections, ...this.entryTables], async () => {
      await this.removeEntries(collectionId, new Set([entryId]));
      await db.collections.update(collectionId, { updatedAt: Date.now() });
    });
  }
}
