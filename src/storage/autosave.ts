// What autosave keeps and how it fails: the status, the localStorage journal (one copy and a
// patch log per report, for a renderer crash), the Chinese failure messages. The controller
// that writes (autosaveController.ts) is loaded with the open report, not with the home screen.
import type { Report } from '../report';
import type { RevisionReason } from './db';
import { errorText } from './connection';
import { type ReportPatch, applyChain, asPatch } from './patch';

export type ChangeKind = 'edit' | Exclude<RevisionReason, 'auto' | 'manual' | 'journal'>;

export type SaveStatus =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved'; at: number }
  /** `reason` is Chinese, for the status line; the in-memory report is intact, so offer the JSON download. */
  | { state: 'failed'; reason: string; at: number; offerDownload: true };

export interface AutosaveTarget {
  /** Stores `report` as change number `edit`; may resolve to the record stored (its `edit` is taken as the counter). */
  save(report: Report, edit: number): Promise<unknown>;
  /** The latest change as a patch, written ahead of save() (one blind write); optional. */
  stage?(patch: ReportPatch): Promise<unknown>;
  /** The store holds change `edit`: the staged patches up to it can go; optional. */
  dropStaged?(edit: number): Promise<unknown>;
  revision(reason: RevisionReason, report: Report): Promise<unknown>;
}

/** A local copy of a report. `edit` is null for a copy written by an older app (it had only `at`). */
export interface JournalEntry {
  report: Report;
  at: number;
  edit: number | null;
}

export interface Journal {
  /** A full copy (replacing the copy and the patches after it). */
  write(reportId: string, report: Report, at: number, edit: number): void;
  /**
   * Adds a patch after the copy this journal last wrote or added to; false when it cannot
   * (no copy written by it, or the patches have grown long): the caller writes a full copy.
   */
  append(reportId: string, patch: ReportPatch): boolean;
  /** The copy with its patches applied. */
  read(reportId: string): JournalEntry | null;
  clear(reportId: string): void;
  /** Ids of every report with a local copy. */
  ids(): string[];
}

export interface AutosaveOptions {
  reportId: string;
  now?: () => number;
  journal?: Journal | null;
  /** Where visibilitychange/pagehide are heard; null in tests that fire nothing. */
  win?: Window | null;
  revisionEveryMs?: number;
  /** Show 正在保存… only when a change is still not stored after this long (a slow or stuck disk). */
  slowMs?: number;
}

export function isQuotaError(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x && typeof x === 'object' && depth < 5; depth++) {
    const o = x as { name?: unknown; code?: unknown; inner?: unknown };
    if (o.name === 'QuotaExceededError' || (o.name === 'DOMException' && o.code === 22)) return true;
    x = o.inner;
  }
  return false;
}

const KEEP = '最近的修改仍在本页面中，可以继续填写；之前保存的版本没有受影响。请先下载 JSON 文件保存当前内容。';

/** The reason shown after 保存失败：… */
export function saveFailureMessage(e: unknown): string {
  if (isQuotaError(e)) return `磁盘空间不足，浏览器拒绝保存。${KEEP}清理磁盘或清空回收站后，下次修改时会再次保存。`;
  const name = e && typeof e === 'object' ? (e as { name?: unknown }).name : undefined;
  if (name === 'DatabaseClosedError')
    return `本机存储已关闭（在另一个标签页中更新了本应用，或删除了本站数据）。${KEEP}`;
  return `写入本机存储出错（${errorText(e)}）。${KEEP}`;
}

const JOURNAL_PREFIX = 'nianbao:unsaved:';
/** The patches after the copy (a JSON array); not under JOURNAL_PREFIX, so ids() lists copies only. */
const LOG_PREFIX = 'nianbao:unsaved-log:';
/** Past this many characters of patches the next change writes a full copy instead. */
const MAX_LOG_CHARS = 20_000;

/**
 * The localStorage journal: the latest content of each report edited in this browser, kept
 * after it is stored too, as a second copy should IndexedDB be deleted: a full copy written
 * at each regular save, and the patches typed since. Every failure is swallowed because the
 * journal is only a second line of defence.
 */
export function localStorageJournal(storage: Storage | undefined = globalThis.localStorage): Journal {
  const key = (id: string) => `${JOURNAL_PREFIX}${id}`;
  const logKey = (id: string) => `${LOG_PREFIX}${id}`;
  /** What this journal last wrote per report: the change it ends at and the patches' JSON. */
  const heads = new Map<string, { edit: number; log: string }>();
  return {
    write(id, report, at, edit) {
      heads.delete(id);
      try {
        // The patches go first: a copy with the patches of an older one would not chain anyway.
        storage?.removeItem(logKey(id));
        storage?.setItem(key(id), JSON.stringify({ at, edit, report }));
        heads.set(id, { edit, log: '' });
      } catch {
        // Full or disabled: IndexedDB is still the primary copy.
      }
    },
    append(id, patch) {
      const head = heads.get(id);
      if (!head || head.edit !== patch.from || head.log.length > MAX_LOG_CHARS) return false;
      const log = `${head.log ? `${head.log},` : ''}${JSON.stringify(patch)}`;
      try {
        storage?.setItem(logKey(id), `[${log}]`);
      } catch {
        heads.delete(id);
        return false;
      }
      heads.set(id, { edit: patch.to, log });
      return true;
    },
    read(id) {
      try {
        const raw = storage?.getItem(key(id));
        if (!raw) return null;
        const v = JSON.parse(raw) as { at?: unknown; edit?: unknown; report?: unknown };
        if (typeof v.at !== 'number' || !v.report || typeof v.report !== 'object') return null;
        const edit = typeof v.edit === 'number' && Number.isSafeInteger(v.edit) && v.edit >= 0 ? v.edit : null;
        const entry: JournalEntry = { at: v.at, edit, report: v.report as Report };
        if (edit === null) return entry;
        return applyChain({ ...entry, edit }, readLog(storage?.getItem(logKey(id))));
      } catch {
        return null;
      }
    },
    clear(id) {
      heads.delete(id);
      try {
        storage?.removeItem(key(id));
        storage?.removeItem(logKey(id));
      } catch {
        // See write.
      }
    },
    ids() {
      const out: string[] = [];
      try {
        for (let i = 0; storage && i < storage.length; i++) {
          const k = storage.key(i);
          if (k?.startsWith(JOURNAL_PREFIX)) out.push(k.slice(JOURNAL_PREFIX.length));
        }
      } catch {
        // See write.
      }
      return out;
    },
  };
}

function readLog(raw: string | null | undefined): ReportPatch[] {
  if (!raw) return [];
  try {
    const v = JSON.parse(raw) as unknown;
    return Array.isArray(v) ? v.map(asPatch).filter((p): p is ReportPatch => p !== null) : [];
  } catch {
    return [];
  }
}
