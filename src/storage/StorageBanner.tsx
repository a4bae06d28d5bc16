// What the clerk sees of storage: the save status line and the banners.
import { type ReactNode, useEffect, useState } from 'react';
import type { Report } from '../report';
import type { JournalEntry, SaveStatus } from './autosave';
import { type PersistenceState, type StorageConnection, type StorageHealth, errorText } from './connection';
import { repairReport } from './db';
import type { TabRole } from './tabs';
import './StorageBanner.css';

const pad = (n: number) => String(n).padStart(2, '0');

/** 16:02 today, otherwise 2024-01-09 16:02. */
export function formatSavedAt(at: number, now: number = Date.now()): string {
  const d = new Date(at);
  const n = new Date(now);
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const sameDay = d.getFullYear() === n.getFullYear() && d.getMonth() === n.getMonth() && d.getDate() === n.getDate();
  return sameDay ? time : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}

export interface SaveStatusLineProps {
  status: SaveStatus;
  /** Offered when saving failed; the lead wires the JSON export here. */
  onDownloadJson?: () => void;
  /** A read-only tab saves nothing; say so instead of a stale status. */
  readOnly?: boolean;
}

export function SaveStatusLine({ status, onDownloadJson, readOnly }: SaveStatusLineProps) {
  let body: ReactNode;
  let tone = 'ok';
  if (readOnly) {
    body = '只读，不保存';
    tone = 'muted';
  } else if (status.state === 'idle') {
    body = '已打开，尚未修改';
    tone = 'muted';
  } else if (status.state === 'saving') {
    body = '正在保存…';
    tone = 'muted';
  } else if (status.state === 'saved') {
    body = `已保存 ${formatSavedAt(status.at)}`;
  } else {
    tone = 'error';
    body = (
      <>
        <span>保存失败：{status.reason}</span>
        {onDownloadJson && (
          <button type="button" className="storage-button" onClick={onDownloadJson}>
            下载 JSON
          </button>
        )}
      </>
    );
  }
  return (
    <div className={`save-status save-status--${tone}`} role="status" aria-live="polite">
      {body}
    </div>
  );
}

export function StorageHealthBanner({
  health,
  onContinueInMemory,
}: {
  health: StorageHealth;
  onContinueInMemory?: () => void;
}) {
  if (health.state === 'ready' || health.state === 'opening') return null;
  const title =
    health.state === 'blocked' ? '等待其他标签页' : health.state === 'closed' ? '已停止保存' : '本机存储不可用';
  return (
    <div className={`storage-banner storage-banner--${health.state === 'blocked' ? 'warn' : 'error'}`} role="alert">
      <strong>{title}</strong>
      <span>{health.message}</span>
      {onContinueInMemory && health.state === 'unavailable' && (
        <button type="button" className="storage-button" onClick={onContinueInMemory}>
          不保存，直接填写
        </button>
      )}
    </div>
  );
}

const MSG_READ_ONLY_OTHER_TAB = '这份报告正在另一个标签页（或窗口）中编辑，此页只能查看，不会保存。';
const MSG_READ_ONLY_TAKEN = '这份报告已在另一个标签页中被接管编辑，此页只能查看，不会保存。';

export function ReadOnlyBanner({ role, onTakeOver }: { role: TabRole; onTakeOver: () => void }) {
  if (role.role !== 'reader') return null;
  return (
    <div className="storage-banner storage-banner--warn" role="alert">
      <strong>只读</strong>
      <span>{role.reason === 'taken-over' ? MSG_READ_ONLY_TAKEN : MSG_READ_ONLY_OTHER_TAB}</span>
      <button type="button" className="storage-button" onClick={onTakeOver}>
        接管编辑
      </button>
    </div>
  );
}

/** How long 「本页现在可以编辑」 stays: long enough to read, then out of the way. */
const FREED_NOTICE_MS = 8000;
const MSG_FREED = '另一个页面已关闭，本页现在可以编辑。';

/** The read-only page got the report by itself (the page that wrote let go): said once, briefly. */
export function FreedNotice({ role }: { role: TabRole }) {
  const freed = role.role === 'writer' && role.freed === true;
  const [shown, setShown] = useState(freed);
  useEffect(() => {
    setShown(freed);
    if (!freed) return;
    const t = setTimeout(() => setShown(false), FREED_NOTICE_MS);
    return () => clearTimeout(t);
  }, [freed]);
  if (!freed || !shown) return null;
  return (
    <p className="notice notice--closable" role="status">
      {MSG_FREED}
      <button type="button" className="notice-close" aria-label="关闭提示" onClick={() => setShown(false)}>
        ×
      </button>
    </p>
  );
}

/**
 * Whether the browser keeps the drafts when the disk runs low: one plain sentence, and
 * something to do about it (ask again; the JSON backup is in each report's 导出 step).
 */
export function PersistenceNote({ state, onRetry }: { state: PersistenceState; onRetry?: () => void }) {
  if (state.state === 'unknown') return null;
  if (state.state === 'granted') {
    return <p className="persistence-note persistence-note--ok">草稿会一直保存在本机浏览器中。</p>;
  }
  return (
    <p className="persistence-note persistence-note--warn" role="note">
      <span>磁盘空间不足或清理浏览器时，草稿可能被删除：请在报告的「导出」步骤定期下载 JSON 文件备份。</span>
      {onRetry && state.state === 'denied' ? (
        <button type="button" className="storage-button" onClick={onRetry}>
          再次请求长期保存
        </button>
      ) : null}
    </p>
  );
}

const copyName = (r: Report): string =>
  `${r.agency.trim() || '（未填机关）'} ${r.year ?? '（未填年度）'}${r.year === null ? '' : '年'}`;

/** A local copy was not applied on opening: say where it went, so it is never dropped unseen. */
export function JournalKeptNotice({ kept }: { kept: { at: number; kept: boolean } | null }) {
  if (!kept) return null;
  return (
    <p className="notice" role="status">
      {kept.kept
        ? `本机还有一份 ${formatSavedAt(kept.at)} 的未保存记录，和已保存的内容不同，没有自动采用：已存为历史版本「未保存的记录」，可在「历史版本」中查看改动或恢复。`
        : `本机还有一份 ${formatSavedAt(kept.at)} 的未保存记录，和已保存的内容不同，没有自动采用，也没能存为历史版本（本机存储写入失败）。它仍留在本机，请先下载 JSON 文件保存当前内容。`}
    </p>
  );
}

/** 「找不到这份报告」 but this browser still holds its last content: offer it back. */
export function LocalCopyOffer({ copy, onRestore }: { copy: JournalEntry | null; onRestore: () => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  if (!copy) return null;
  const report = repairReport(copy.report);
  return (
    <div className="storage-offer">
      <p>
        本机还留有这份报告最后的内容：「{copyName(report)}」，{formatSavedAt(copy.at)} 写入。
        可以把它恢复为一份报告，继续填写。
      </p>
      <button
        type="button"
        className="storage-button"
        onClick={() =>
          void onRestore().catch((e: unknown) => setError(`恢复失败：${errorText(e)}。本机留有的内容没有改动。`))
        }
      >
        恢复这份报告
      </button>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}

/**
 * On the home list: reports this browser has a local copy of but the database no longer
 * holds (it was deleted by another tab or by clearing site data), each with 恢复.
 */
export function LostReportsOffer({
  conn,
  known,
}: {
  conn: StorageConnection;
  /** Ids of every stored report, live and in 回收站; undefined while loading. */
  known: readonly string[] | undefined;
}) {
  const [error, setError] = useState<string | null>(null);
  const repo = conn.repository;
  const journal = conn.journal;
  if (!known || !repo || !journal || conn.getHealth().state !== 'ready') return null;
  const have = new Set(known);
  const lost = journal
    .ids()
    .filter((id) => !have.has(id))
    .map((id) => ({ id, copy: journal.read(id) }))
    .filter((x): x is { id: string; copy: JournalEntry } => x.copy !== null);
  if (!lost.length) return null;
  return (
    <section className="storage-banner storage-banner--warn storage-lost" aria-labelledby="storage-lost-title">
      <strong id="storage-lost-title">有报告不在列表中</strong>
      <span>
        本机存储中找不到下面 {lost.length}{' '}
        份报告（可能在另一个标签页中或清除浏览数据时被删除），但本机还留有它们最后的内容，可以恢复：
      </span>
      <ul>
        {lost.map(({ id, copy }) => {
          const name = copyName(repairReport(copy.report));
          return (
            <li key={id}>
              「{name}」，{formatSavedAt(copy.at)} 写入{' '}
              <button
                type="button"
                className="storage-button"
                aria-label={`恢复 ${name}`}
                onClick={() =>
                  void repo
                    .recreate(id, repairReport(copy.report), copy.edit ?? 0)
                    .then(() => setError(null))
                    .catch((e: unknown) => setError(`恢复「${name}」失败：${errorText(e)}。本机留有的内容没有改动。`))
                }
              >
                恢复
              </button>
            </li>
          );
        })}
      </ul>
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
