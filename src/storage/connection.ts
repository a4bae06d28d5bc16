// Opening the database, and what the clerk is told when that is impossible: no
// IndexedDB (some private modes), an open that fails, or a newer copy of the app in
// another tab asking us to close. In each case the app keeps working in memory.
import { type Journal, localStorageJournal } from './autosave';
import { DB_NAME, NianbaoDB } from './db';
import { ReportRepository } from './repository';

/** Id for a report kept in memory only (storage unavailable). */
export const MEMORY_REPORT_ID = 'memory';

export type StorageHealth =
  | { state: 'opening' }
  | { state: 'ready' }
  /** An older tab holds the database open and our upgrade waits for it. */
  | { state: 'blocked'; message: string }
  | { state: 'unavailable'; message: string }
  /** Closed because a newer version of the app opened the database in another tab. */
  | { state: 'closed'; message: string };

export const MSG_NO_INDEXEDDB =
  '此浏览器不能在本机保存数据（可能处于无痕/隐私模式，或禁用了网站数据）。可以继续填写，但内容只在本页面中，关闭前请下载 JSON 文件保存。';
const MSG_OPEN_FAILED = (detail: string): string =>
  `无法打开本机存储（${detail}）。可以继续填写，但内容只在本页面中，关闭前请下载 JSON 文件保存。`;
const MSG_BLOCKED = '本应用的旧版本在另一个标签页中打开着，请关闭其他年报标签页，本页会自动继续。';
export const MSG_DELETED =
  '本机存储中的年报数据被删除了（在另一个标签页中，或清除了浏览数据），此页已停止保存。当前内容仍在本页面中，本机也留有最后的内容：请先下载 JSON 文件保存，再刷新本页，按提示恢复报告。';
export const MSG_VERSION_CHANGE =
  '本应用已在另一个标签页中更新，此页已停止保存。请先下载 JSON 文件保存当前内容，再刷新本页。';

type Listener = (h: StorageHealth) => void;

export interface ConnectionOptions {
  name?: string;
  /** Injected in tests; defaults to the browser's. */
  indexedDB?: IDBFactory | undefined;
  /** The local copies (see autosave.ts); reports deleted for good lose theirs. */
  journal?: Journal | null;
}

export class StorageConnection {
  private health: StorageHealth = { state: 'opening' };
  private listeners = new Set<Listener>();
  readonly db: NianbaoDB | null;
  readonly repository: ReportRepository | null;
  /** Resolves to the repository once open, or null when storage is not usable. */
  readonly ready: Promise<ReportRepository | null>;
  readonly journal: Journal | null;

  constructor(options: ConnectionOptions = {}) {
    this.journal = options.journal === undefined ? localStorageJournal() : options.journal;
    const idb = 'indexedDB' in options ? options.indexedDB : globalThis.indexedDB;
    if (!idb) {
      this.db = null;
      this.repository = null;
      this.health = { state: 'unavailable', message: MSG_NO_INDEXEDDB };
      this.ready = Promise.resolve(null);
      return;
    }
    const db = new NianbaoDB(options.name ?? DB_NAME, { indexedDB: idb, IDBKeyRange: globalThis.IDBKeyRange });
    this.db = db;
    const journal = this.journal;
    this.repository = new ReportRepository(db, Date.now, (ids) => {
      for (const id of ids) journal?.clear(id);
    });
    db.on('blocked', () => this.set({ state: 'blocked', message: MSG_BLOCKED }));
    db.on('versionchange', (ev: IDBVersionChangeEvent) => {
      // Dexie's default closes and silently reopens on the next write, into a database a
      // newer app has reshaped; stay closed and say so. Returning false stops the default.
      // No new version: the database is being deleted, not upgraded.
      db.close({ disableAutoOpen: true });
      this.set({ state: 'closed', message: ev?.newVersion == null ? MSG_DELETED : MSG_VERSION_CHANGE });
      return false;
    });
    this.ready = db.open().then(
      () => {
        this.set({ state: 'ready' });
        return this.repository;
      },
      (e: unknown) => {
        this.set({ state: 'unavailable', message: MSG_OPEN_FAILED(errorText(e)) });
        return null;
      },
    );
  }

  getHealth(): StorageHealth {
    return this.health;
  }

  /** True while writes can be expected to work. */
  isUsable(): boolean {
    return this.health.state === 'ready';
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private set(h: StorageHealth): void {
    // A closed database stays closed: a late 'ready' must not hide the banner.
    if (this.health.state === 'closed') return;
    this.health = h;
    for (const fn of this.listeners) fn(h);
  }

  close(): void {
    this.db?.close();
  }
}

export function errorText(e: unknown): string {
  if (e && typeof e === 'object') {
    const inner = (e as { inner?: unknown }).inner;
    const name = (e as { name?: unknown }).name;
    const message = (e as { message?: unknown }).message;
    if (inner && inner !== e) return errorText(inner);
    return [name, message].filter((x) => typeof x === 'string' && x).join('：') || String(e);
  }
  return String(e);
}

let shared: StorageConnection | null = null;

/** The app's one connection, opened on first use. */
export function getStorage(): StorageConnection {
  shared ??= new StorageConnection();
  return shared;
}

// ---- persistent storage ----

export type PersistenceState =
  | { state: 'unknown' }
  | { state: 'granted' }
  | { state: 'denied'; advice: string }
  | { state: 'unsupported'; advice: string };

const ADVICE_NOT_PERSISTED =
  '浏览器没有同意长期保存本站数据：磁盘空间紧张或清理浏览数据时，草稿可能被删除。建议把本站加入书签或安装为应用后再试，并经常下载 JSON 文件备份。';
const ADVICE_UNSUPPORTED = '此浏览器不支持申请长期保存，草稿可能在清理浏览数据时被删除，请经常下载 JSON 文件备份。';

/** Asks the browser to keep our data when space runs low (`navigator.storage.persist`). */
export async function requestPersistence(
  storage: StorageManager | undefined = globalThis.navigator?.storage,
): Promise<PersistenceState> {
  if (!storage || typeof storage.persist !== 'function') return { state: 'unsupported', advice: ADVICE_UNSUPPORTED };
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return { state: 'granted' };
    return (await storage.persist()) ? { state: 'granted' } : { state: 'denied', advice: ADVICE_NOT_PERSISTED };
  } catch {
    return { state: 'denied', advice: ADVICE_NOT_PERSISTED };
  }
}
