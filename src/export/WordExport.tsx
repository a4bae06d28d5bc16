// 下载 Word 文件: the report (or a blank form) as .docx for CMS editors and reviewers who
// take Word. The docx package is big, so ./docx is loaded only when asked for (or when the
// pointer or focus reaches a button, to save the clerk the wait).
import { useId, useMemo, useState } from 'react';
import { type Report, checkReport } from '../report';

export interface WordExportProps {
  report: Report;
  previous?: Report | null;
}

type State = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; fileName: string } | { kind: 'failed'; why: string };

const loadDocx = () => import('./docx');

function downloadBytes(fileName: string, bytes: Uint8Array<ArrayBuffer>, mime: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function WordExport({ report, previous = null }: WordExportProps) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const errors = useMemo(
    () => checkReport(report, { previous }).filter((f) => f.severity === 'error').length,
    [report, previous],
  );
  const id = useId();

  const download = async (blank: boolean) => {
    setState({ kind: 'busy' });
    try {
      const { renderDocx, docxFileName, DOCX_MIME } = await loadDocx();
      const fileName = docxFileName(report, blank);
      downloadBytes(fileName, await renderDocx(report, { blank, previous }), DOCX_MIME);
      setState({ kind: 'done', fileName });
    } catch (e) {
      setState({ kind: 'failed', why: e instanceof Error ? e.message : String(e) });
    }
  };
  const prefetch = () => {
    void loadDocx().catch(() => {});
  };

  return (
    <section className="ex-card" aria-labelledby={`${id}-word`}>
      <h2 id={`${id}-word`}>Word 文件</h2>
      <p className="ex-hint">
        按公文格式（A4、仿宋三号、页码「— 1 —」）排版，表格与打印相同，可在 Word、WPS、LibreOffice 中打开修改。
        {errors > 0 && ` 报告还有 ${errors} 处错误，Word 文件将标注“草稿”。`}
      </p>
      <div className="ex-actions">
        <button
          type="button"
          className="ex-secondary"
          disabled={state.kind === 'busy'}
          onPointerEnter={prefetch}
          onFocus={prefetch}
          onClick={() => void download(false)}
        >
          下载 Word 文件
        </button>
        <button
          type="button"
          className="ex-secondary"
          disabled={state.kind === 'busy'}
          onPointerEnter={prefetch}
          onFocus={prefetch}
          onClick={() => void download(true)}
        >
          下载空白表（Word）
        </button>
      </div>
      {state.kind === 'busy' && <p role="status">正在生成 Word 文件…</p>}
      {state.kind === 'done' && (
        <p className="ex-ok" role="status">
          已下载：{state.fileName}
        </p>
      )}
      {state.kind === 'failed' && (
        <p className="ex-refused" role="alert">
          生成 Word 文件失败（{state.why}）。报告没有任何改动；请检查网络后重试（首次生成需要下载排版程序）。
        </p>
      )}
    </section>
  );
}
