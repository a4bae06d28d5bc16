// The in-app print preview: the very document the download contains, in a sandboxed
// iframe where no script can run (no allow-scripts, and the document's own CSP).
import { useMemo, useRef, useState } from 'react';
import type { Report } from '../report';
import { downloadText, exportFileName } from './jsonFile';
import { renderPrintableHtml } from './printHtml';

export interface PrintPreviewProps {
  report: Report;
  previous?: Report | null;
}

export function PrintPreview({ report, previous = null }: PrintPreviewProps) {
  const [blank, setBlank] = useState(false);
  const html = useMemo(() => renderPrintableHtml(report, { blank, previous }), [report, blank, previous]);
  const frame = useRef<HTMLIFrameElement>(null);
  // 打印空白表 switches the preview first, so the dialog prints what the clerk sees.
  const printOnLoad = useRef(false);

  const print = () => frame.current?.contentWindow?.print();
  const onLoad = () => {
    if (!printOnLoad.current) return;
    printOnLoad.current = false;
    print();
  };
  const printBlank = () => {
    if (blank) return print();
    printOnLoad.current = true;
    setBlank(true);
  };
  const download = () => {
    const name = exportFileName(report, 'html').replace(/\.html$/, blank ? '（空白表）.html' : '.html');
    downloadText(name, html, 'text/html;charset=utf-8');
  };

  return (
    <section className="ex-card" aria-labelledby="ex-print-title">
      <h2 id="ex-print-title">打印</h2>
      <div className="ex-actions" role="group" aria-label="打印操作">
        <button type="button" className="ex-primary" onClick={print}>
          打印 / 另存为 PDF
        </button>
        <button type="button" className="ex-secondary" onClick={download}>
          下载 HTML
        </button>
        <button type="button" className="ex-secondary" onClick={printBlank}>
          打印空白表
        </button>
        {blank && (
          <button type="button" className="ex-link" onClick={() => setBlank(false)}>
            返回报告预览
          </button>
        )}
      </div>
      <p className="ex-hint">
        在打印对话框中选择纸张 A4、边距“默认”，取消勾选“页眉和页脚”；要得到 PDF 文件，目标打印机选“另存为 PDF”。
      </p>
      <iframe
        ref={frame}
        className="ex-preview"
        title={blank ? '打印预览：空白表' : '打印预览'}
        sandbox="allow-same-origin allow-modals"
        srcDoc={html}
        onLoad={onLoad}
      />
    </section>
  );
}
