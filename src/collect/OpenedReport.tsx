// One report of the collection, read-only with its checks, printable and downloadable as sent.
import { useMemo } from 'react';
import { downloadText } from '../export/jsonFile';
import { PrintPreview } from '../export/PrintPreview';
import { type NarrativeBlock, narrativeBlocks } from '../export/narrative';
import type { Report } from '../report';
import { SECTIONS, checkReport, explanationFor, findingKey, sectionTitle } from '../report';
import { ReportTable } from '../wizard/table/ReportTable';
import { ReportStore } from '../wizard/store';
import { ReportStoreProvider } from '../wizard/storeContext';

export interface OpenedReportProps {
  fileName: string;
  report: Report;
  status: 'draft' | 'final';
  text: string;
  /** The same agency's report in last year's collection: W1 and W2 run against it. */
  previous?: { report: Report; fileName: string } | null;
  onClose: () => void;
}

function NarrativeText({ blocks }: { blocks: readonly NarrativeBlock[] }) {
  if (!blocks.length) return <p className="co-muted">（未填写）</p>;
  return (
    <div className="co-text">
      {blocks.map((b, i) => (b.kind === 'heading' ? <h4 key={i}>{b.text}</h4> : <p key={i}>{b.lines.join('\n')}</p>))}
    </div>
  );
}

export function OpenedReport({ fileName, report, status, text, previous, onClose }: OpenedReportProps) {
  const store = useMemo(() => {
    const s = new ReportStore(report);
    s.setReadOnly(true);
    return s;
  }, [report]);
  const findings = useMemo(() => checkReport(report, { previous: previous?.report ?? null }), [report, previous]);
  const base = fileName.split('/').pop() || 'report.json';
  return (
    <section className="co-opened" aria-labelledby="co-opened-title">
      <div className="co-opened-head">
        <h2 id="co-opened-title">
          {report.agency || '（未填机关）'} {report.year ?? ''} 年度报告（{status === 'final' ? '定稿' : '草稿'}，只读）
        </h2>
        <button type="button" className="co-btn" onClick={() => downloadText(base, text, 'application/json')}>
          下载原文件
        </button>
        <button type="button" className="co-btn" onClick={onClose}>
          关闭
        </button>
      </div>
      <p className="co-muted">文件：{fileName}</p>
      <h3>检查结果</h3>
      <p className="co-muted" data-testid="co-previous">
        {previous
          ? `已与上年汇总中同一机关的报告（${previous.fileName}）核对上年结转和现行有效件数。`
          : '上年汇总中没有同一机关的报告，未核对上年结转和现行有效件数。'}
      </p>
      {findings.length ? (
        <ul className="co-findings">
          {findings.map((f) => (
            <li key={`${findingKey(f)}:${f.message}`} className={f.severity === 'error' ? 'co-bad' : 'co-warn'}>
              {f.severity === 'error' ? '错误' : '警告'}：{f.message}
              {explanationFor(f, report.explanations)
                ? `（已说明：${explanationFor(f, report.explanations)!.reason}）`
                : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p className="co-ok">没有发现问题。</p>
      )}
      {/* Every section in the template's order, its text as it prints (narrative.ts). */}
      <div className="co-readonly">
        <ReportStoreProvider store={store}>
          {SECTIONS.map((s) => (
            <section key={s.key} aria-labelledby={`co-opened-${s.key}`}>
              <h3 id={`co-opened-${s.key}`}>{sectionTitle(s)}</h3>
              {s.key === 'proactive' || s.key === 'requests' || s.key === 'reviews' ? (
                <ReportTable table={s.key} />
              ) : (
                <NarrativeText blocks={narrativeBlocks(report, s.key)} />
              )}
            </section>
          ))}
        </ReportStoreProvider>
      </div>
      <PrintPreview report={report} />
    </section>
  );
}
