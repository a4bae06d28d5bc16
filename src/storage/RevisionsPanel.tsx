// 历史版本: the revisions of the open report, what each would change, and restoring one
// (the state replaced is kept as a revision, so a restore can itself be undone).
import { useState } from 'react';
import type { Report } from '../report';
import { type StorageConnection, getStorage } from './connection';
import type { RevisionReason } from './db';
import { diffReports, type ReportChange } from './diff';
import { useRevisions } from './hooks';
import { formatSavedAt } from './StorageBanner';
import './StorageBanner.css';

const REASON_LABEL: Record<RevisionReason, string> = {
  auto: '自动保存',
  paste: '粘贴之前',
  fillZeros: '空格填 0 之前',
  import: '导入',
  restore: '恢复版本之前',
  undo: '撤销之前',
  manual: '手动保存',
  journal: '未保存的记录',
};

export interface RevisionsPanelProps {
  reportId: string;
  /** The report as the clerk has it now (diffs are against it). */
  current: Report;
  /** Restore through useDraft().restoreRevision so the editor and autosave follow. */
  onRestore: (revisionId: number) => Promise<void> | void;
  readOnly?: boolean;
  conn?: StorageConnection;
}

export function RevisionsPanel({
  reportId,
  current,
  onRestore,
  readOnly = false,
  conn = getStorage(),
}: RevisionsPanelProps) {
  const revisions = useRevisions(reportId, conn);
  const [shown, setShown] = useState<{ id: number; changes: ReportChange[] } | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const show = async (id: number) => {
    const rev = await conn.repository?.getRevision(id);
    if (rev) setShown({ id, changes: diffReports(current, rev.report) });
  };

  if (revisions === undefined) return <p>正在读取历史版本…</p>;
  return (
    <section className="revisions" aria-labelledby="revisions-title">
      <h3 id="revisions-title">历史版本</h3>
      {message && <p role="status">{message}</p>}
      {revisions.length === 0 ? (
        <p>还没有历史版本。编辑时每 5 分钟、以及粘贴、填 0、导入、恢复之前都会自动留一个版本。</p>
      ) : (
        <table className="revisions-table">
          <thead>
            <tr>
              <th scope="col">时间</th>
              <th scope="col">原因</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {revisions.map((r) => {
              const when = formatSavedAt(r.createdAt);
              return (
                <tr key={r.id}>
                  <td>{when}</td>
                  <td>{REASON_LABEL[r.reason]}</td>
                  <td>
                    <button
                      type="button"
                      className="storage-button"
                      aria-label={`查看改动 ${when} ${REASON_LABEL[r.reason]}`}
                      onClick={() => void show(r.id)}
                    >
                      查看改动
                    </button>{' '}
                    {!readOnly && (
                      <button
                        type="button"
                        className="storage-button"
                        aria-label={`恢复此版本 ${when} ${REASON_LABEL[r.reason]}`}
                        onClick={() =>
                          void Promise.resolve(onRestore(r.id)).then(() => {
                            setShown(null);
                            setMessage(`已恢复 ${when} 的版本。恢复前的内容已另存为一个版本，可以再恢复回来。`);
                          })
                        }
                      >
                        恢复此版本
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {shown &&
        (shown.changes.length === 0 ? (
          <p role="status">这个版本和现在的内容相同。</p>
        ) : (
          <table className="revisions-table">
            <caption>恢复这个版本会改动 {shown.changes.length} 处</caption>
            <thead>
              <tr>
                <th scope="col">项目</th>
                <th scope="col">现在</th>
                <th scope="col">该版本</th>
              </tr>
            </thead>
            <tbody>
              {shown.changes.map((c) => (
                <tr key={c.path}>
                  <th scope="row">{c.label}</th>
                  <td className="revisions-text">{c.before}</td>
                  <td className="revisions-text">{c.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
