// 网页版: copy the report for the government website's CMS editor (text/html and
// text/plain on the clipboard) or download the same fragment as a .html file. The
// renderer (webHtml.ts) is imported on the first click, so it is not in any first load.
import { useState } from 'react';
import type { Report } from '../report';
import { downloadText, exportFileName } from './jsonFile';

type Status = { kind: 'ok' | 'error'; text: string } | null;

const loadWeb = () => import('./webHtml');

/** Puts HTML and its plain-text twin on the clipboard; the older copy event where ClipboardItem is missing. */
async function copyHtml(html: string, text: string): Promise<void> {
  if (typeof ClipboardItem !== 'undefined' && navigator.clipboard?.write) {
    await navigator.clipboard.write([
      new ClipboardItem({
        'text/html': new Blob([html], { type: 'text/html' }),
        'text/plain': new Blob([text], { type: 'text/plain' }),
      }),
    ]);
    return;
  }
  let done = false;
  const onCopy = (e: ClipboardEvent) => {
    e.clipboardData?.setData('text/html', html);
    e.clipboardData?.setData('text/plain', text);
    e.preventDefault();
    done = true;
  };
  document.addEventListener('copy', onCopy);
  try {
    document.execCommand('copy');
  } finally {
    document.removeEventListener('copy', onCopy);
  }
  if (!done) throw new Error('copy refused');
}

export function WebCopy({ report }: { report: Report }) {
  const [status, setStatus] = useState<Status>(null);

  const copy = async () => {
    try {
      const web = await loadWeb();
      await copyHtml(web.renderWebFragment(report), web.renderWebText(report));
      setStatus({ kind: 'ok', text: '网页版已复制：在网站后台编辑器中粘贴即可，表格与标题保持原样。' });
    } catch {
      setStatus({
        kind: 'error',
        text: '浏览器不允许复制到剪贴板（可能未授予剪贴板权限）。请改用「下载网页版」，在网站后台以 HTML 方式导入该文件。',
      });
    }
  };

  const download = async () => {
    const web = await loadWeb();
    const name = exportFileName(report, 'html').replace(/\.html$/, '（网页版）.html');
    downloadText(name, web.renderWebFile(report), 'text/html;charset=utf-8');
    setStatus({ kind: 'ok', text: `已下载：${name}` });
  };

  return (
    <section className="ex-card" aria-labelledby="ex-web-title">
      <h2 id="ex-web-title">网页版（网站发布用）</h2>
      <p className="ex-hint">
        年报须于 1 月 31
        日前在政府网站公开。网页版的表格带表头标注，读屏软件可正确朗读，符合适老化与无障碍要求；不含上报说明。
      </p>
      <div className="ex-actions">
        <button type="button" className="ex-secondary" onClick={() => void copy()}>
          复制网页版
        </button>
        <button type="button" className="ex-secondary" onClick={() => void download()}>
          下载网页版
        </button>
      </div>
      {status && (
        <p className={status.kind === 'ok' ? 'ex-ok' : 'ex-refused'} role={status.kind === 'ok' ? 'status' : 'alert'}>
          {status.text}
        </p>
      )}
    </section>
  );
}
