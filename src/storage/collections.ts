// 汇总 collections kept in IndexedDB: a collection (name, year, expected agencies), its
// entries (one per file received: the list row and packed cells, or the refusal) and the
// files themselves, apart so that listing 10,000 entries never reads 200 MB of text.
import type { JsonProblem } from '../report/json';
import { type SummaryRow, reportKey } from '../report/summary';
import { isQuotaError } from './autosave';
import { errorText } from './connection';
import type { NianbaoDB } from './db';
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
}

export type NewEntry =
  | { kind: 'ok'; fileName: string; row: SummaryRow; cells: Float64Array; bytes: Uint8Array }
  | { kind: 'refused'; fileName: string; problems: JsonProblem[] };

export type StoredEntry =
  | {
      id: string;
      collectionId: string;
      seq: number;
      addedAt: number;
      kind: 'ok';
      fileName: string;
      row: SummaryRow;
      cells: Float64Array;
    }
  | {
      id: string;
      collectionId: string;
      seq: number;
      addedAt: number;
      kind: 'refused';
      fileName: string;
      problems: JsonProblem[];
    };

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

export class CollectionRepository {
  constructor(private readonly db: NianbaoDB) {}

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

  async update(id: string, change: Partial<Pick<StoredCollection, 'name' | 'year' | 'expected'>>): Promise<void> {
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

  /** Entries in the order received. */
  async entries(collectionId: string): Promise<StoredEntry[]> {
    const all = await this.db.collectEntries.where('collectionId').equals(collectionId).toArray();
    return all.sort((a, b) => a.seq - b.seq);
  }

  async fileBytes(entryId: string): Promise<Uint8Array | null> {
    return (await this.db.collectFiles.get(entryId))?.bytes ?? null;
  }

  /**
   * Adds what was read. A file of the same name replaces the earlier one (sent again);
   * with `replace`, a report of the same agency and year replaces the earlier one too
   * (a corrected file), otherwise both stay and the list flags 重复.
   * The files go first, in small transactions with a pause between (storing clones on the
   * page's thread: one big write would freeze it); the entries, which are what the list
   * shows, then go in one transaction, so the list gains all of them or none. Files left
   * by a failed final step are removed. Returns what was added and the ids removed.
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
    for (const item of items) {
      const base = { id: newId(), collectionId, seq: 0, addedAt: now, fileName: item.fileName };
      if (item.kind === 'ok') {
        entries.push({ ...base, kind: 'ok', row: item.row, cells: item.cells });
        files.push({ id: base.id, collectionId, bytes: item.bytes });
      } else {
        entries.push({ ...base, kind: 'refused', problems: item.problems });
      }
    }
    try {
      for (let i = 0; i < files.length; i += FILE_CHUNK) {
        await db.collectFiles.bulkAdd(files.slice(i, i + FILE_CHUNK));
        await pause();
      }
      return await db.transaction('rw', db.collections, db.collectEntries, db.collectFiles, async () => {
        const existing = await db.collectEntries.where('collectionId').equals(collectionId).toArray();
        const names = new Set(items.map((i) => i.fileName));
        const keys = new Set(items.flatMap((i) => (i.kind === 'ok' ? [reportKey(i.row)] : [])));
        const gone = existing
          .filter((e) => names.has(e.fileName) || (opts.replace && e.kind === 'ok' && keys.has(reportKey(e.row))))
          .map((e) => e.id);
        if (gone.length) {
          await db.collectEntries.bulkDelete(gone);
          await db.collectFiles.bulkDelete(gone);
        }
        let seq = existing.reduce((m, e) => Math.max(m, e.seq), 0);
        for (const e of entries) e.seq = ++seq;
        for (let i = 0; i < entries.length; i += CHUNK) await db.collectEntries.bulkAdd(entries.slice(i, i + CHUNK));
        await db.collections.update(collectionId, { updatedAt: now });
        return { added: entries, removed: gone };
      });
    } catch (e) {
      await db.collectFiles.bulkDelete(files.map((f) => f.id)).catch(() => undefined);
      throw e;
    }
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
