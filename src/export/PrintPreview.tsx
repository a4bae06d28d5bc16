// The in-app print preview: the very document the download contains, in a sandboxed
// iframe where no script can run (no allow-scripts, and the document's own CSP). Three
// documents: the report, the blank form (打印空白表), and the 报送说明 sheet that carries
// the clerk's explanations to the reviewer (never part of the published report).
import { useMemo, useRef, useState } from 'react';
import type { Report } from '../report';
import { downloadText, exportFileName } from './jsonFile';
import { renderPrintableHtml, renderSubmissionNotesHtml } from './printHtml';

export interface PrintPreviewProps {
  report: Report;
  previous?: Report | null;
}

type Mode = 'report' | 'blank' | 'notes';

const FRAME_TITLES: Record<Mode, string> = {
  report: '打印预览',
  blank: '打印预览：空白表',
  notes: '打印预览：报送说明',
};
const FILE_SUFFIX: Record<Mode, string> = { report: '.html', blank: '（空白表）.html', notes: '（报送说明）.html' };

export function PrintPreview({ report, previous = null }: PrintPreviewProps) {
  const [mode, setMode] = useState<Mode>('report');
  const notes = useMemo(() => renderSubmissionNotesHtml(report, { previous }), [report, previous]);
  const shown: Mode = mode === 'notes' && !notes ? 'report' : mode;
  const html = useMemo(
    () => (shown === 'notes' ? notes : renderPrintableHtml(report, { blank: shown === 'blank', previous })),
    [report, shown, previous, notes],
  );
  const frame = useRef<HTMLIFrameElement>(null);
  // 打印空白表 / 打印报送说明 switch the preview first, so the dialog prints what the clerk sees.
  const printOnLoad = useRef(false);

  const print = () => frame.current?.contentWindow?.print();
  const onLoad = () => {
    if (!printOnLoad.current) return;
    printOnLoad.current = false;
    print();
  };
  const printAs = (m: Mode) => {
    if (shown === m) return print();
    printOnLoad.current = true;
    setMode(m);
  };
  const download = () => {
    const name = exportFileName(report, 'html').replace(/\.html$/, FILE_SUFFIX[shown]);
    downloadText(name, html, 'text/html;charset=utf-8');
  };

  return (
    <section className="ex-card" aria-labelledby="ex-print-title">
      <h2 id="ex-print-title">打印</h2>
      {/* biome-ignore lint/a11y/useSemanticElements: a row of buttons; a fieldset would need a legend and form styling */}
      <div className="ex-actions" role="group" aria-label="打印操作">
        <button type="button" className="ex-primary" onClick={print}>
          打印 / 另存为 PDF
        </button>
        <button type="button" className="ex-secondary" onClick={download}>
          下载 HTML
        </button>
        <button type="button" className="ex-secondary" onClick={() => printAs('blank')}>
          打印空白表
        </button>
        {notes && (
          <button type="button" className="ex-secondary" onClick={() => printAs('notes')}>
            打印报送说明
          </button>
        )}
        {shown !== 'report' && (
          <button type="button" className="ex-link" onClick={() => setMode('report')}>
            返回报告预览
          </button>
        )}
      </div>
      <p className="ex-hint">
        在打印对话框中选择纸张 A4、边距“默认”，取消勾选“页眉和页脚”；要得到 PDF 文件，目标打印机选“另存为 PDF”。
        {notes
          ? '对保留的提示所写的说明不印在公开的报告里：它们随 JSON 文件上报，也可用「打印报送说明」另页打印给审核人员。'
          : ''}
      </p>
      <iframe
        ref={frame}
        className="ex-preview"
        title={FRAME_TITLES[shown]}
        sandbox="allow-same-origin allow-modals"
        srcDoc={html}
        onLoad={onLoad}
      />
    </section>
  );
}
