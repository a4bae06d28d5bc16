// What the clerk sees of storage: the save status line and the banners.
import type { ReactNode } from 'react';
import type { SaveStatus } from './autosave';
import type { PersistenceState, StorageHealth } from './connection';
import { MSG_READ_ONLY_OTHER_TAB, MSG_READ_ONLY_TAKEN, type TabRole } from './tabs';
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
