// The 导出 step: JSON for the county's system (draft any time, final once no error
// remains), JSON import into a NEW report, and the print preview. Loaded lazily by the
// wizard (React.lazy(() => import('./export/ExportStep'))), so nothing else imports it.
// The web page (网页版) renderer loads on its first use, inside WebCopy.
import { type DragEvent, useId, useMemo, useState } from 'react';
import type { Report } from '../report';
import type { JsonProblem, ReportStatus } from '../report/json';
import { buildExport, downloadText, exportFileName, finalBlocked, readReportFile } from './jsonFile';
import { PrintPreview } from './PrintPreview';
import { WebCopy } from './WebCopy';
import { WordExport } from './WordExport';
import './export.css';

export interface ExportStepProps {
  report: Report;
  previous?: Report | null;
  /** A valid imported file: store it as a new report (never over the open one). */
  onImported(report: Report, status: ReportStatus): void;
}

type ImportState =
  | { kind: 'idle' }
  | { kind: 'reading'; fileName: string }
  | { kind: 'refused'; fileName: string; problems: JsonProblem[] }
  | { kind: 'imported'; fileName: string; status: ReportStatus; title: string };

const STATUS_NAMES: Record<ReportStatus, string> = { draft: '草稿', final: '定稿' };
const SHOWN_PROBLEMS = 50;

export function ExportStep({ report, previous = null, onImported }: ExportStepProps) {
  const blocked = useMemo(() => finalBlocked(report, previous), [report, previous]);
  const [exported, setExported] = useState<string | null>(null);
  const [state, setState] = useState<ImportState>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);
  const ids = useId();

  const exportAs = (status: ReportStatus) => {
    const out = buildExport(report, status, { previous });
    if (!out.ok) return;
    downloadText(out.fileName, out.text, 'application/json');
    setExported(`已导出${STATUS_NAMES[status]}：${out.fileName}`);
  };

  const importFiles = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    if (files.length > 1) {
      setState({
        kind: 'refused',
        fileName: '',
        problems: [{ path: '', message: `一次只能导入一个文件（拖入了 ${files.length} 个）` }],
      });
      return;
    }
    const file = files[0]!;
    setState({ kind: 'reading', fileName: file.name });
    const r = await readReportFile(file);
    if (!r.ok) {
      setState({ kind: 'refused', fileName: r.fileName, problems: r.problems });
      return;
    }
    onImported(r.report, r.status);
    const title = `${r.report.agency || '（未填机关）'} ${r.report.year ?? '（未填年度）'} 年`;
    setState({ kind: 'imported', fileName: r.fileName, status: r.status, title });
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    void importFiles(e.dataTransfer.files);
  };

  return (
    <div className="ex-step">
      <section className="ex-card" aria-labelledby={`${ids}-export`}>
        <h2 id={`${ids}-export`}>导出 JSON（上报用）</h2>
        <p className="ex-hint">
          文件名：<span className="ex-file">{exportFileName(report)}</span>
        </p>
        <div className="ex-actions">
          <button type="button" className="ex-secondary" onClick={() => exportAs('draft')}>
            导出草稿 JSON
          </button>
          <button
            type="button"
            className="ex-primary"
            disabled={blocked !== null}
            aria-describedby={blocked ? `${ids}-blocked` : undefined}
            onClick={() => exportAs('final')}
          >
            导出定稿 JSON
          </button>
        </div>
        {blocked && (
          <div id={`${ids}-blocked`} className="ex-blocked">
            <p>{blocked.reason}</p>
            <ul>
              {blocked.errors.map((f, i) => (
                <li key={i}>{f.message}</li>
              ))}
            </ul>
          </div>
        )}
        {exported && (
          <p className="ex-ok" role="status">
            {exported}
          </p>
        )}
      </section>

      <section className="ex-card" aria-labelledby={`${ids}-import`}>
        <h2 id={`${ids}-import`}>导入 JSON</h2>
        <p className="ex-hint">
          导入的文件将另存为一份新报告，不会覆盖当前报告。文件须为本应用导出的 UTF-8 JSON，不超过 5 MB。
        </p>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: a drop target for files; the button inside is the keyboard's way */}
        <div
          className={`ex-drop${dragging ? ' ex-drop-active' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            e.dataTransfer.dropEffect = 'copy';
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          data-testid="import-drop-zone"
        >
          <p>把 JSON 文件拖到这里，或</p>
          <label className="ex-secondary ex-file-label">
            选择 JSON 文件
            <input
              type="file"
              accept=".json,application/json"
              className="ex-file-input"
              onChange={(e) => {
                const input = e.currentTarget;
                void importFiles(input.files).finally(() => {
                  // The same file may be picked again after fixing it.
                  input.value = '';
                });
              }}
            />
          </label>
        </div>
        {state.kind === 'reading' && <p role="status">正在读取 {state.fileName} …</p>}
        {state.kind === 'imported' && (
          <p className="ex-ok" role="status">
            {/* The file's own status: here finality is chosen again at export (the list says 可定稿). */}
            已导入「{state.fileName}」（导出时为{STATUS_NAMES[state.status]}）：{state.title}的报告已另存为新报告。
          </p>
        )}
        {state.kind === 'refused' && (
          <div className="ex-refused" role="alert">
            <p>
              {state.fileName ? `「${state.fileName}」未导入` : '未导入'}，共 {state.problems.length}{' '}
              处问题，已保存的报告没有任何改动：
            </p>
            <ul>
              {state.problems.slice(0, SHOWN_PROBLEMS).map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
            {state.problems.length > SHOWN_PROBLEMS && (
              <p>……另有 {state.problems.length - SHOWN_PROBLEMS} 处问题未列出。</p>
            )}
          </div>
        )}
      </section>

      <WordExport report={report} previous={previous} />

      <PrintPreview report={report} previous={previous} />

      <WebCopy report={report} />
    </div>
  );
}
