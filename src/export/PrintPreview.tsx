// The in-app print preview: the very document the download contains, in a sandboxed
// iframe where no script can run (no allow-scripts, and the document's own CSP). Three
// documents: the report, the blank form (打印空白表), and the 报送说明 sheet that carries
// the clerk's explanations to the reviewer (never part of the published report).
// The preview is built only when asked for (「显示打印预览」 or a print button): rendering the
// document and laying out the iframe made every arrival at 导出 slow (issue 12).
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Report } from '../report';
import { downloadText, exportFileName } from './jsonFile';
import { type PrintedSum, renderPrintableHtml, renderSubmissionNotesHtml } from './printHtml';
// Its own styles: 汇总 shows it without the 导出 step that otherwise brings them.
import './export.css';

export interface PrintPreviewProps {
  report: Report;
  previous?: Report | null;
  /** 汇总's sum: printed as a sum (printHtml.ts PrintOptions.sum). */
  sum?: PrintedSum;
}

type Mode = 'report' | 'blank' | 'notes';

const FRAME_TITLES: Record<Mode, string> = {
  report: '打印预览',
  blank: '打印预览：空白表',
  notes: '打印预览：报送说明',
};
const FILE_SUFFIX: Record<Mode, string> = { report: '.html', blank: '（空白表）.html', notes: '（报送说明）.html' };

function documentHtml(mode: Mode, report: Report, previous: Report | null, sum?: PrintedSum): string {
  return mode === 'notes'
    ? renderSubmissionNotesHtml(report, { previous })
    : renderPrintableHtml(report, { blank: mode === 'blank', previous, ...(sum ? { sum } : {}) });
}

export function PrintPreview({ report, previous = null, sum }: PrintPreviewProps) {
  const [mode, setMode] = useState<Mode>('report');
  const [open, setOpen] = useState(false);
  const frameId = useId();
  // The sheet exists only for explanations that still match a finding: checked only when
  // there are explanations at all, which most reports do not have.
  const hasNotes = useMemo(
    () => report.explanations.length > 0 && renderSubmissionNotesHtml(report, { previous }) !== '',
    [report, previous],
  );
  const shown: Mode = mode === 'notes' && !hasNotes ? 'report' : mode;
  const html = useMemo(
    () => (open ? documentHtml(shown, report, previous, sum) : ''),
    [open, shown, report, previous, sum],
  );
  const frame = useRef<HTMLIFrameElement>(null);
  // A print button shows its document first, so the dialog prints what the clerk sees: the
  // flag is set after the commit, so a load of the new frame's initial blank page cannot take it.
  const printOnLoad = useRef(false);
  const [printRequest, setPrintRequest] = useState(0);
  useEffect(() => {
    printOnLoad.current = printRequest > 0;
  }, [printRequest]);

  const print = () => frame.current?.contentWindow?.print();
  const onLoad = () => {
    if (!printOnLoad.current) return;
    printOnLoad.current = false;
    print();
  };
  const printAs = (m: Mode) => {
    if (open && shown === m && frame.current) return print();
    setPrintRequest((n) => n + 1);
    setOpen(true);
    setMode(m);
  };
  const download = () => {
    const name = exportFileName(report, 'html').replace(/\.html$/, FILE_SUFFIX[shown]);
    downloadText(name, open ? html : documentHtml(shown, report, previous, sum), 'text/html;charset=utf-8');
  };

  return (
    <section className="ex-card" aria-labelledby="ex-print-title">
      <h2 id="ex-print-title">打印</h2>
      {/* biome-ignore lint/a11y/useSemanticElements: a row of buttons; a fieldset would need a legend and form styling */}
      <div className="ex-actions" role="group" aria-label="打印操作">
        <button type="button" className="ex-primary" onClick={() => printAs('report')}>
          打印 / 另存为 PDF
        </button>
        <button type="button" className="ex-secondary" onClick={download}>
          下载 HTML
        </button>
        <button type="button" className="ex-secondary" onClick={() => printAs('blank')}>
          打印空白表
        </button>
        {hasNotes && (
          <button type="button" className="ex-secondary" onClick={() => printAs('notes')}>
            打印报送说明
          </button>
        )}
        <button
          type="button"
          className="ex-secondary"
          aria-expanded={open}
          aria-controls={open ? frameId : undefined}
          onClick={() => {
            setPrintRequest(0);
            setOpen((o) => !o);
          }}
        >
          {open ? '收起打印预览' : '显示打印预览'}
        </button>
        {open && shown !== 'report' && (
          <button type="button" className="ex-link" onClick={() => setMode('report')}>
            返回报告预览
          </button>
        )}
      </div>
      <p className="ex-hint">
        在打印对话框中选择纸张 A4、边距“默认”，取消勾选“页眉和页脚”；要得到 PDF 文件，目标打印机选“另存为 PDF”。
        {hasNotes
          ? '对保留的提示所写的说明不印在公开的报告里：它们随 JSON 文件上报，也可用「打印报送说明」另页打印给审核人员。'
          : ''}
      </p>
      {open ? (
        <iframe
          ref={frame}
          id={frameId}
          className="ex-preview"
          title={FRAME_TITLES[shown]}
          sandbox="allow-same-origin allow-modals"
          srcDoc={html}
          onLoad={onLoad}
        />
      ) : null}
    </section>
  );
}
