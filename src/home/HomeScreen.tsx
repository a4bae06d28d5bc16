// The list of stored reports: start, open, copy, rename, delete (回收站 with 撤销), and
// start next year's report from last year's.
import { FileButton } from '../ui/FileButton';
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import {
  MEMORY_REPORT_ID,
  type PersistenceState,
  PersistenceNote,
  type ReportSummary,
  LostReportsOffer,
  type StorageConnection,
  StorageHealthBanner,
  formatSavedAt,
  getStorage,
  requestPersistence,
  usePersistence,
  useReportList,
  useStorageHealth,
  useTrashList,
} from '../storage';
import { foldDigits } from '../report/numbers';
import './HomeScreen.css';

export interface HomeScreenProps {
  /** Open a stored report (or MEMORY_REPORT_ID when storage is unavailable). */
  onOpen: (id: string) => void;
  /** Tests inject their own database. */
  conn?: StorageConnection;
  askPersistence?: () => Promise<PersistenceState>;
}

const nameOf = (r: Pick<ReportSummary, 'agency' | 'year'>): string =>
  `${r.agency.trim() || '（未填机关）'} ${r.year ?? '（未填年度）'}${r.year === null ? '' : '年'}`;

/** Reports are written in January for the year before. */
const defaultYear = () => new Date().getFullYear() - 1;

export function HomeScreen({ onOpen, conn = getStorage(), askPersistence = requestPersistence }: HomeScreenProps) {
  const health = useStorageHealth(conn);
  const asked = usePersistence(askPersistence);
  const [askedAgain, setAskedAgain] = useState<PersistenceState | null>(null);
  const persistence = askedAgain ?? asked;
  const list = useReportList(conn);
  const trash = useTrashList(conn);
  const repo = conn.repository;
  const [view, setView] = useState<'list' | 'trash'>('list');
  const [notice, setNotice] = useState<{ text: string; undoId?: string; openId?: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refused, setRefused] = useState<{ fileName: string; problems: string[] } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [fromLastYear, setFromLastYear] = useState(false);
  const [confirmEmpty, setConfirmEmpty] = useState(false);
  const usable = health.state === 'ready' && repo !== null;

  const run = async (what: string, fn: () => Promise<void>) => {
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(`${what}失败：${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const create = (agency: string, year: number | null) =>
    run('新建报告', async () => {
      onOpen(await repo!.create(agency, year));
    });

  // A report file exported earlier (or by a colleague) joins the list as a new report; the
  // clerk is told what it was and opens it herself. A refused file changes nothing stored.
  const openFile = (files: FileList | readonly File[]) =>
    run('打开 JSON 文件', async () => {
      setNotice(null);
      setRefused(null);
      if (files.length !== 1) {
        setRefused({ fileName: '', problems: [`一次只能打开一个文件（拖入了 ${files.length} 个）`] });
        return;
      }
      // The JSON reader (zod) is loaded when a file is read, not with the list.
      const { readReportFile } = await import('../export/jsonFile');
      const r = await readReportFile(files[0]!);
      if (!r.ok) {
        setRefused({ fileName: r.fileName, problems: r.problems.map((p) => p.message) });
        return;
      }
      // The same agency and year already here (the file opened twice, most often): said, so the
      // clerk is not left with identical rows and no idea which is which.
      const same = (list ?? []).filter(
        (x) => x.agency.trim() === r.report.agency.trim() && x.year === r.report.year,
      ).length;
      const id = await repo!.importReport(r.report);
      setNotice({
        // The file's own status: here finality is chosen again at export, so the list says 可定稿.
        text: `已导入「${nameOf(r.report)}」（文件「${r.fileName}」，导出时为${r.status === 'final' ? '定稿' : '草稿'}），已加入下面的报告列表。${
          same
            ? `本机原已有 ${same} 份「${nameOf(r.report)}」，现在共 ${same + 1} 份（最上面一份是刚导入的），多余的可以删除。`
            : ''
        }`,
        openId: id,
      });
    });

  // Drop a file anywhere on the page.
  const dropRef = useRef(openFile);
  dropRef.current = openFile;
  useEffect(() => {
    if (!usable) return;
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      // Leaving the window, not moving between elements.
      if (e.relatedTarget === null) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(false);
      void dropRef.current([...(e.dataTransfer?.files ?? [])]);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [usable]);

  const remove = (r: ReportSummary) =>
    run('删除', async () => {
      await repo!.remove(r.id);
      setNotice({ text: `已将「${nameOf(r)}」移到回收站。`, undoId: r.id });
    });

  const undoRemove = (id: string) =>
    run('撤销删除', async () => {
      await repo!.restore(id);
      setNotice({ text: '已撤销删除。' });
    });

  return (
    // The page's main landmark: the app bar above it is the banner.
    <main className="home" aria-labelledby="home-title">
      <div className="home-head">
        <h2 id="home-title">{view === 'list' ? '我的年度报告' : '回收站'}</h2>
        {view === 'list' ? (
          <button type="button" className="home-link" onClick={() => setView('trash')}>
            回收站{trash?.length ? `（${trash.length}）` : ''}
          </button>
        ) : (
          <button type="button" className="home-link" onClick={() => setView('list')}>
            返回报告列表
          </button>
        )}
      </div>

      <StorageHealthBanner health={health} onContinueInMemory={() => onOpen(MEMORY_REPORT_ID)} />
      <LostReportsOffer conn={conn} known={list && trash ? [...list, ...trash].map((r) => r.id) : undefined} />

      {error && (
        <p className="home-error" role="alert">
          {error}
        </p>
      )}
      {refused && (
        <div className="home-error" role="alert">
          <p>{refused.fileName ? `「${refused.fileName}」没有打开` : '没有打开'}，已保存的报告没有任何改动：</p>
          <ul>
            {refused.problems.slice(0, 20).map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
          {refused.problems.length > 20 ? <p>……另有 {refused.problems.length - 20} 处问题未列出。</p> : null}
        </div>
      )}
      {notice && (
        <div className="home-notice" role="status">
          <span>{notice.text}</span>
          {notice.openId && (
            <button type="button" className="home-primary" onClick={() => onOpen(notice.openId!)}>
              打开这份报告
            </button>
          )}
          {notice.undoId && (
            <button type="button" onClick={() => void undoRemove(notice.undoId!)}>
              撤销
            </button>
          )}
          <button type="button" className="home-link" aria-label="关闭提示" onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      )}

      {view === 'list' ? (
        <>
          {usable && (
            <div className="home-start">
              <NewReportForm onCreate={(agency, year) => void create(agency, year)} />
              <button type="button" aria-expanded={fromLastYear} onClick={() => setFromLastYear((v) => !v)}>
                从上年报告新建
              </button>
              <OpenJsonButton onFiles={(f) => void openFile(f)} />
            </div>
          )}
          {usable && fromLastYear && (
            <FromLastYear
              reports={list ?? []}
              onPickStored={(id) =>
                void run('从上年报告新建', async () => {
                  onOpen(await repo!.createFromStored(id));
                })
              }
              onPickFile={(file) =>
                void run('读取上年报告文件', async () => {
                  // The one reader for every report file: size, encoding, syntax and schema, with the
                  // same messages as 导入 (loaded when a file is read, not with the list).
                  const { readReportFile } = await import('../export/jsonFile');
                  const r = await readReportFile(file);
                  if (!r.ok) {
                    throw new Error(
                      `「${file.name}」${r.problems
                        .slice(0, 5)
                        .map((p) => p.message)
                        .join('；')}`,
                    );
                  }
                  onOpen(await repo!.createFromPrevious(r.report));
                })
              }
            />
          )}
          <ReportList
            rows={list}
            renaming={renaming}
            onOpen={onOpen}
            onDuplicate={(r) =>
              void run('复制', async () => {
                await repo!.duplicate(r.id);
                setNotice({ text: `已复制「${nameOf(r)}」，副本的机关名称后加了「（副本）」，可以重命名。` });
              })
            }
            onRenameStart={(id) => setRenaming(id)}
            onRenameCancel={() => setRenaming(null)}
            onRename={(r, agency) =>
              void run('重命名', async () => {
                await repo!.rename(r.id, agency);
                setRenaming(null);
              })
            }
            onRemove={(r) => void remove(r)}
          />
        </>
      ) : (
        <TrashTable
          rows={trash}
          confirmEmpty={confirmEmpty}
          onRestore={(r) =>
            void run('恢复', async () => {
              await repo!.restore(r.id);
              setNotice({ text: `已恢复「${nameOf(r)}」。` });
            })
          }
          onAskEmpty={() => setConfirmEmpty(true)}
          onCancelEmpty={() => setConfirmEmpty(false)}
          onEmpty={() =>
            void run('清空回收站', async () => {
              const n = await repo!.emptyTrash();
              setConfirmEmpty(false);
              setNotice({ text: `已永久删除 ${n} 份报告。` });
            })
          }
        />
      )}

      <PersistenceNote state={persistence} onRetry={() => void askPersistence().then(setAskedAgain, () => {})} />
      {dragging ? (
        <div className="home-dropzone" aria-hidden="true">
          松开鼠标，打开这个 JSON 文件（另存为一份新报告）
        </div>
      ) : null}
    </main>
  );
}

/** 「打开 JSON 文件」: a report file exported by this app, kept as a new report. */
function OpenJsonButton({ onFiles }: { onFiles: (files: File[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()} title="也可以把文件拖到本页任意位置">
        打开 JSON 文件
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label="选择要打开的 JSON 文件"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          // The same file may be picked again after fixing it.
          e.target.value = '';
          if (files.length) onFiles(files);
        }}
      />
    </>
  );
}

function NewReportForm({ onCreate }: { onCreate: (agency: string, year: number | null) => void }) {
  const id = useId();
  const [agency, setAgency] = useState('');
  const [year, setYear] = useState(String(defaultYear()));
  const [missing, setMissing] = useState(false);
  const agencyRef = useRef<HTMLInputElement>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // A report without an agency is a nameless 「（未填机关）」 row in the list: refused here.
    if (!agency.trim()) {
      setMissing(true);
      agencyRef.current?.focus();
      return;
    }
    const y = Number.parseInt(foldDigits(year), 10);
    onCreate(agency.trim(), Number.isFinite(y) ? y : null);
  };
  return (
    <form className="home-new" onSubmit={submit} aria-label="新建报告">
      <label htmlFor={`${id}-agency`}>机关名称</label>
      <input
        id={`${id}-agency`}
        ref={agencyRef}
        value={agency}
        onChange={(e) => {
          setAgency(e.target.value);
          if (e.target.value.trim()) setMissing(false);
        }}
        placeholder="如：老店镇人民政府"
        aria-invalid={missing ? true : undefined}
        aria-describedby={missing ? `${id}-agency-error` : undefined}
      />
      <label htmlFor={`${id}-year`}>年度</label>
      <input
        id={`${id}-year`}
        className="home-year"
        inputMode="numeric"
        value={year}
        onChange={(e) => setYear(e.target.value)}
      />
      <button type="submit" className="home-primary">
        新建报告
      </button>
      {missing ? (
        <p className="home-field-error" id={`${id}-agency-error`} role="alert">
          请先填写机关名称，如“老店镇人民政府”。
        </p>
      ) : null}
    </form>
  );
}

function FromLastYear({
  reports,
  onPickStored,
  onPickFile,
}: {
  reports: ReportSummary[];
  onPickStored: (id: string) => void;
  onPickFile: (file: File) => void;
}) {
  const id = useId();
  const withYear = useMemo(() => reports.filter((r) => r.year !== null), [reports]);
  const [picked, setPicked] = useState('');
  const chosen = withYear.find((r) => r.id === picked) ?? withYear[0];
  return (
    <fieldset className="home-lastyear">
      <legend>从上年报告新建</legend>
      <p className="home-hint">
        新报告沿用上年的机关名称和「一、总体情况」的小标题，「上年结转」按上年「结转下年度继续办理」填好，并据上年报告核对结转和现行有效件数。
      </p>
      {withYear.length > 0 ? (
        <div className="home-row">
          <label htmlFor={`${id}-prev`}>上年报告</label>
          <select id={`${id}-prev`} value={chosen?.id ?? ''} onChange={(e) => setPicked(e.target.value)}>
            {withYear.map((r) => (
              <option key={r.id} value={r.id}>
                {nameOf(r)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="home-primary"
            disabled={!chosen}
            onClick={() => chosen && onPickStored(chosen.id)}
          >
            {chosen ? `新建 ${chosen.year! + 1} 年报告` : '新建报告'}
          </button>
        </div>
      ) : (
        <p className="home-hint">本机还没有填好年度的报告，可以选择上年导出的 JSON 文件。</p>
      )}
      <div className="home-row">
        <FileButton
          label="或选择上年导出的 JSON 文件…"
          inputLabel="或选择上年导出的 JSON 文件"
          accept=".json,application/json"
          onFile={onPickFile}
        />
      </div>
    </fieldset>
  );
}

interface ReportListProps {
  rows: ReportSummary[] | undefined;
  renaming: string | null;
  onOpen: (id: string) => void;
  onDuplicate: (r: ReportSummary) => void;
  onRenameStart: (id: string) => void;
  onRenameCancel: () => void;
  onRename: (r: ReportSummary, agency: string) => void;
  onRemove: (r: ReportSummary) => void;
}

function ReportList({
  rows,
  renaming,
  onOpen,
  onDuplicate,
  onRenameStart,
  onRenameCancel,
  onRename,
  onRemove,
}: ReportListProps) {
  if (rows === undefined) return <p className="home-hint">正在读取本机保存的报告…</p>;
  if (rows.length === 0)
    return <p className="home-empty">本机还没有保存的报告。填写机关名称和年度，点「新建报告」开始。</p>;
  return (
    <table className="home-table">
      <caption>本机保存的报告（自动保存，最近修改的在前）</caption>
      <thead>
        <tr>
          <th scope="col">机关</th>
          <th scope="col">年度</th>
          <th scope="col">状态</th>
          <th scope="col">最后保存</th>
          <th scope="col">错误数</th>
          <th scope="col">操作</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <th scope="row">
              {renaming === r.id ? (
                <RenameForm row={r} onCancel={onRenameCancel} onSave={(agency) => onRename(r, agency)} />
              ) : (
                r.agency.trim() || <span className="home-muted">（未填机关）</span>
              )}
            </th>
            <td>{r.year ?? <span className="home-muted">未填</span>}</td>
            <td>
              {r.status === 'ready' ? (
                <span className="home-badge home-badge--ready">可定稿</span>
              ) : (
                <span className="home-badge">草稿</span>
              )}
            </td>
            <td>{formatSavedAt(r.updatedAt)}</td>
            <td className={r.errorCount ? 'home-count home-count--bad' : 'home-count'}>
              {r.errorCount}
              {/* Blanks are 未填 here as in the report, not errors. */}
              {r.missingCount ? <span className="home-missing">（未填 {r.missingCount}）</span> : null}
            </td>
            <td className="home-actions">
              <button
                type="button"
                className="home-primary"
                aria-label={`打开 ${nameOf(r)}`}
                onClick={() => onOpen(r.id)}
              >
                打开
              </button>
              <button type="button" aria-label={`复制 ${nameOf(r)}`} onClick={() => onDuplicate(r)}>
                复制
              </button>
              <button type="button" aria-label={`重命名 ${nameOf(r)}`} onClick={() => onRenameStart(r.id)}>
                重命名
              </button>
              <button type="button" aria-label={`删除 ${nameOf(r)}`} onClick={() => onRemove(r)}>
                删除
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RenameForm({
  row,
  onSave,
  onCancel,
}: {
  row: ReportSummary;
  onSave: (agency: string) => void;
  onCancel: () => void;
}) {
  const [agency, setAgency] = useState(row.agency);
  // Refused as 新建报告 refuses it: a report without its agency is 「（未填机关）」 in every list.
  const [empty, setEmpty] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);
  return (
    <form
      className="home-rename"
      onSubmit={(e) => {
        e.preventDefault();
        if (!agency.trim()) return setEmpty(true);
        onSave(agency.trim());
      }}
    >
      {/* The clerk just pressed 重命名: the field she asked for takes the focus (the effect above). */}
      <input
        aria-label="新的机关名称"
        value={agency}
        ref={field}
        aria-invalid={empty || undefined}
        aria-describedby={empty ? `rename-${row.id}-empty` : undefined}
        onChange={(e) => {
          setAgency(e.target.value);
          setEmpty(false);
        }}
      />
      <button type="submit">保存名称</button>
      <button type="button" onClick={onCancel}>
        取消
      </button>
      {empty ? (
        <span role="alert" id={`rename-${row.id}-empty`} className="home-field-error">
          请填写机关名称
        </span>
      ) : null}
    </form>
  );
}

interface TrashTableProps {
  rows: ReportSummary[] | undefined;
  confirmEmpty: boolean;
  onRestore: (r: ReportSummary) => void;
  onAskEmpty: () => void;
  onCancelEmpty: () => void;
  onEmpty: () => void;
}

function TrashTable({ rows, confirmEmpty, onRestore, onAskEmpty, onCancelEmpty, onEmpty }: TrashTableProps) {
  if (rows === undefined) return <p className="home-hint">正在读取回收站…</p>;
  if (rows.length === 0) return <p className="home-empty">回收站是空的。</p>;
  return (
    <>
      <table className="home-table">
        <caption>删除的报告留在这里，直到清空回收站</caption>
        <thead>
          <tr>
            <th scope="col">机关</th>
            <th scope="col">年度</th>
            <th scope="col">删除时间</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">{r.agency.trim() || <span className="home-muted">（未填机关）</span>}</th>
              <td>{r.year ?? <span className="home-muted">未填</span>}</td>
              <td>{r.deletedAt ? formatSavedAt(r.deletedAt) : ''}</td>
              <td className="home-actions">
                <button type="button" aria-label={`恢复 ${nameOf(r)}`} onClick={() => onRestore(r)}>
                  恢复
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {confirmEmpty ? (
        <div className="home-confirm" role="alertdialog" aria-labelledby="home-confirm-text">
          <span id="home-confirm-text">将永久删除回收站中的 {rows.length} 份报告，无法恢复。确定吗？</span>
          <button type="button" className="home-danger" onClick={onEmpty}>
            确定清空
          </button>
          <button type="button" onClick={onCancelEmpty}>
            取消
          </button>
        </div>
      ) : (
        <button type="button" className="home-danger" onClick={onAskEmpty}>
          清空回收站
        </button>
      )}
    </>
  );
}
