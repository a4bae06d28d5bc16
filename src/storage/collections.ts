// 汇总 collections kept in IndexedDB: a collection (name, year, expected agencies), its
// entries (one per file received: the list row and packed cells, or the refusal) and the
// files themselves, apart so that listing 10,000 entries never reads 200 MB of text.
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

export type NewEntry =
  | {
      kind: 'ok';
      /** Given by the worker that stored the file under it. */
      id?: string;
      fileName: string;
      row: SummaryRow;
      cells: Float64Array;
      /** The file, when it is not stored yet (see storeCollectFiles). */
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
    })
  | (EntryBase & {
      kind: 'refused';
      fileName: string;
      problems: JsonProblem[];
    });

export interface StoredFile {
  id: string;
  collectionId: string;
  bytes: Uint8Array;
}

/** What the clerk is told when keeping a collection fails; what was read stays on the page. */
export function collectFailureMessage(e: unknown): string {
  const keep = '已读取的结果仍显示在本页面中，但没有保存，刷新后会丢失；之前保存的汇总没有受影响。';
  if (isQuotaError(e)) return `磁盘空间不足，浏览器拒绝保存汇总。${keep}`;
  return `保存汇总出错（${errorText(e)}）。${keep}`;
}

const CHUNK = 100;
/** About 400 KB of files per write, so no single write holds the page for long. */
const FILE_CHUNK = 20;
const pause = () => new Promise<void>((r) => setTimeout(r, 0));

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
 * What a worker read, entries and files, in one transaction. The entries carry their load's
 * `job`, listed as pending in the collection, so they show nowhere until commitLoad.
 */
export async function storeCollectBatch(
  db: NianbaoDB,
  entries: readonly StoredEntry[],
  files: readonly StoredFile[],
): Promise<void> {
  await db.transaction('rw', db.collectEntries, db.collectFiles, async () => {
    if (files.length) await db.collectFiles.bulkAdd(files as StoredFile[]);
    await db.collectEntries.bulkAdd(entries as StoredEntry[]);
  });
}

/** An entry as read (by a worker), before it is a stored record. */
export type ReadEntry =
  | { kind: 'ok'; id: string; seq: number; fileName: string; row: SummaryRow; cells: Float64Array }
  | { kind: 'refused'; id: string; seq: number; fileName: string; problems: JsonProblem[] };

/** The record of an entry read, as the worker stores it and as the page lists it. */
export function entryRecord(r: ReadEntry, collectionId: string, addedAt: number, job?: string): StoredEntry {
  const base = { id: r.id, collectionId, seq: r.seq, addedAt, fileName: r.fileName, ...(job ? { job } : {}) };
  return r.kind === 'ok'
    ? { ...base, kind: 'ok', row: r.row, cells: r.cells }
    : { ...base, kind: 'refused', problems: r.problems };
}

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
  const names = new Set(items.map((i) => i.fileName));
  const keys = new Set(items.flatMap((i) => (i.kind === 'ok' ? [reportKey(i.row)] : [])));
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
    await this.db.transaction('rw', this.db.collections, this.db.collectEntries, this.db.collectFiles, async () => {
      await this.db.collectEntries.where('collectionId').equals(id).delete();
      await this.db.collectFiles.where('collectionId').equals(id).delete();
      await this.db.collections.delete(id);
    });
  }

  /** Entries in the order received, without those of loads still pending. */
  async entries(collectionId: string): Promise<StoredEntry[]> {
    const { db } = this;
    return db.transaction('r', db.collections, db.collectEntries, async () => {
      const pending = new Set(((await db.collections.get(collectionId))?.pending ?? []).map((p) => p.job));
      const all = await db.collectEntries.where('collectionId').equals(collectionId).toArray();
      return all.filter((e) => !e.job || !pending.has(e.job)).sort((a, b) => a.seq - b.seq);
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
    return db.transaction('rw', db.collections, db.collectEntries, async () => {
      const c = await db.collections.get(collectionId);
      if (!c) throw new Error('汇总已被删除');
      let seqBase = c.seqTop;
      if (seqBase === undefined) {
        // A collection from before seqTop: its largest order number, once.
        seqBase = 0;
        await db.collectEntries
          .where('collectionId')
          .equals(collectionId)
          .each((e) => {
            seqBase = Math.max(seqBase!, e.seq);
          });
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
    await db.transaction('rw', db.collections, db.collectEntries, db.collectFiles, async () => {
      const c = await db.collections.get(collectionId);
      if (!c?.pending?.some((p) => p.job === job)) throw new Error('这次读取已被取消或清理，请重新加入文件');
      if (gone.length) {
        await db.collectEntries.bulkDelete([...gone]);
        await db.collectFiles.bulkDelete([...gone]);
      }
      await db.collections.update(collectionId, {
        pending: c.pending.filter((p) => p.job !== job),
        updatedAt: Date.now(),
      });
    });
  }

  /** Removes what a cancelled or failed load stored: its entries, their files, its pending mark. */
  async abortLoad(collectionId: string, job: string): Promise<void> {
    const { db } = this;
    await db.transaction('rw', db.collections, db.collectEntries, db.collectFiles, async () => {
      const ids = await db.collectEntries.where('job').equals(job).primaryKeys();
      await db.collectEntries.bulkDelete(ids);
      await db.collectFiles.bulkDelete(ids);
      const c = await db.collections.get(collectionId);
      if (c?.pending) await db.collections.update(collectionId, { pending: c.pending.filter((p) => p.job !== job) });
    });
    await this.sweepFiles(collectionId);
  }

  /** Loads cut off long ago (a closed tab, a crash) leave entries no one will commit: remove them. */
  async removeStaleLoads(collectionId: string, now = Date.now()): Promise<number> {
    const c = await this.db.collections.get(collectionId);
    const stale = (c?.pending ?? []).filter((p) => now - p.at > STALE_LOAD_MS);
    for (const p of stale) await this.abortLoad(collectionId, p.job);
    return stale.length;
  }

  async fileBytes(entryId: string): Promise<Uint8Array | null> {
    return (await this.db.collectFiles.get(entryId))?.bytes ?? null;
  }

  /**
   * Adds what was read. A file of the same name replaces the earlier one (sent again);
   * with `replace`, a report of the same agency and year replaces the earlier one too
   * (a corrected file), otherwise both stay and the list flags 重复.
   * The files are most often stored already, by the workers that read them (an entry
   * then has its `id` and no `bytes`); files still to store go first, in small transactions
   * with a pause between (storing clones on the page's thread: one big write would freeze
   * it). The entries, which are what the list shows, then go in one transaction, so the
   * list gains all of them or none. Files left by a failed final step are removed. Returns
   * what was added and the ids removed.
   */
  async add(
    collectionId: string,
    items: readonly NewEntry[],
    opts: { replace?: boolean } = {},
  ): Promise<{ added: StoredEntry[]; removed: string[] }> {
    const { db } = this;
    const now = Date.now();
    const entries: StoredEntry[] = [];
    const files: StoredFile[] = [];
    const stored: string[] = [];
    for (const item of items) {
      const base = { id: (item.kind === 'ok' && item.id) || newId(), collectionId, seq: 0, addedAt: now };
      if (item.kind === 'ok') {
        entries.push({ ...base, fileName: item.fileName, kind: 'ok', row: item.row, cells: item.cells });
        if (item.bytes) files.push({ id: base.id, collectionId, bytes: item.bytes });
        else stored.push(base.id);
      } else {
        entries.push({ ...base, fileName: item.fileName, kind: 'refused', problems: item.problems });
      }
    }
    try {
      for (let i = 0; i < files.length; i += FILE_CHUNK) {
        await db.collectFiles.bulkAdd(files.slice(i, i + FILE_CHUNK));
        await pause();
      }
      return await db.transaction('rw', db.collections, db.collectEntries, db.collectFiles, async () => {
        const existing = await db.collectEntries.where('collectionId').equals(collectionId).toArray();
        const gone = replacedBy(existing, items, !!opts.replace);
        if (gone.length) {
          await db.collectEntries.bulkDelete(gone);
          await db.collectFiles.bulkDelete(gone);
        }
        const top = (await db.collections.get(collectionId))?.seqTop ?? 0;
        let seq = existing.reduce((m, e) => Math.max(m, e.seq), top);
        for (const e of entries) e.seq = ++seq;
        for (let i = 0; i < entries.length; i += CHUNK) await db.collectEntries.bulkAdd(entries.slice(i, i + CHUNK));
        await db.collections.update(collectionId, { updatedAt: now, seqTop: seq });
        return { added: entries, removed: gone };
      });
    } catch (e) {
      await db.collectFiles.bulkDelete([...stored, ...files.map((f) => f.id)]).catch(() => undefined);
      throw e;
    }
  }

  /**
   * Files of the collection no entry refers to: what workers stored for a load that was
   * cancelled, or failed before its entries were added. Reads keys only.
   */
  async sweepFiles(collectionId: string): Promise<number> {
    const { db } = this;
    return db.transaction('rw', db.collectEntries, db.collectFiles, async () => {
      const kept = new Set(await db.collectEntries.where('collectionId').equals(collectionId).primaryKeys());
      const files = await db.collectFiles.where('collectionId').equals(collectionId).primaryKeys();
      const orphans = files.filter((id) => !kept.has(id));
      if (orphans.length) await db.collectFiles.bulkDelete(orphans);
      return orphans.length;
    });
  }

  async removeEntry(entryId: string): Promise<void> {
    const { db } = this;
    await db.transaction('rw', db.collections, db.collectEntries, db.collectFiles, async () => {
      const e = await db.collectEntries.get(entryId);
      await db.collectEntries.delete(entryId);
      await db.collectFiles.delete(entryId);
      if (e) await db.collections.update(e.collectionId, { updatedAt: Date.now() });
    });
  }
}
