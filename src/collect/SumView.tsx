// The sum of the chosen reports in the template's layout (the wizard's tables, read-only,
// each cell named by its JSON path), its own checks, the indicators with their formulas.
import { startTransition, useEffect, useMemo, useState } from 'react';
import { PrintPreview } from '../export/PrintPreview';
import { allValues, section, sectionTitle } from '../report';
import { INDICATORS, checkSum, indicators, percent, sumAsReport } from '../report/summary';
import { ReportTable } from '../wizard/table/ReportTable';
import { ReportStore } from '../wizard/store';
import { ReportStoreProvider } from '../wizard/storeContext';
import { type CollectionModel, SUM_CHOICES, type SumChoice, manualChanges, sumOfChoice, sumSelection } from './model';

export interface SumViewProps {
  model: CollectionModel;
  name: string;
  year: number | null;
  choice: SumChoice;
  onChoice: (c: SumChoice) => void;
}

const TABLES = ['proactive', 'requests', 'reviews'] as const;

export function SumView({ model, name, year, choice, onChoice }: SumViewProps) {
  const chosen = useMemo(() => sumSelection(model, choice), [model, choice]);
  const manual = useMemo(() => manualChanges(choice, model), [model, choice]);
  const names = (list: readonly { row: { agency: string } }[]) =>
    list
      .slice(0, 10)
      .map((e) => e.row.agency || '（未填机关）')
      .join('、') + (list.length > 10 ? ` 等 ${list.length} 份` : '');
  const report = useMemo(
    () => sumAsReport(sumOfChoice(model, choice), `${name}汇总（${chosen.length} 份）`, year),
    [model, choice, chosen, name, year],
  );
  // The tables one per task, after the counts and checks: rendered, committed and laid out
  // together they were one task of ~180 ms on opening 合计.
  const [tables, setTables] = useState(0);
  useEffect(() => {
    if (tables >= TABLES.length) return;
    const t = setTimeout(() => startTransition(() => setTables((n) => n + 1)));
    return () => clearTimeout(t);
  }, [tables]);
  const store = useMemo(() => {
    const s = new ReportStore(report);
    s.setReadOnly(true);
    return s;
  }, [report]);
  const findings = useMemo(() => checkSum(report), [report]);
  // Printed, the sum says which reports it sums, and is judged by its own checks only.
  const printed = useMemo(() => {
    const rule = SUM_CHOICES.find((c) => c.key === choice.base)?.label.replace('（默认）', '') ?? '';
    const byHand = manual.added.length + manual.removed.length;
    return {
      label: `合计 ${chosen.length} 份报告：${rule}${byHand ? `，另在列表中手动调整了 ${byHand} 份` : ''}`,
      problems: findings.map((f) => f.message),
    };
  }, [choice.base, chosen, manual, findings]);
  const ind = useMemo(() => indicators(allValues(report.cells)), [report]);
  return (
    <section className="co-sum" aria-labelledby="co-sum-title">
      <h2 id="co-sum-title">合计</h2>
      <fieldset className="co-choice">
        <legend>合计哪些报告（重复的只计较新的一份）</legend>
        {SUM_CHOICES.map((c) => (
          <label key={c.key}>
            <input
              type="radio"
              name="co-sum-choice"
              checked={choice.base === c.key}
              onChange={() => onChoice({ ...choice, base: c.key })}
            />{' '}
            {c.label}
          </label>
        ))}
      </fieldset>
      <p role="status" className="co-sum-count">
        合计了 {chosen.length} 份报告（共收到 {model.counted.length} 份，不含重复）。
      </p>
      {manual.added.length || manual.removed.length ? (
        <div className="co-manual" data-testid="co-manual">
          <p>在「报告列表」中手动调整了合计范围：</p>
          <ul>
            {manual.added.length ? <li>{`另外计入 ${manual.added.length} 份：${names(manual.added)}`}</li> : null}
            {manual.removed.length ? <li>{`不计入 ${manual.removed.length} 份：${names(manual.removed)}`}</li> : null}
          </ul>
          <button type="button" className="co-btn" onClick={() => onChoice({ base: choice.base })}>
            取消手动调整
          </button>
        </div>
      ) : (
        <p className="co-muted">在「报告列表」中勾选或取消「计入合计」，可以逐份调整。</p>
      )}
      {findings.length ? (
        <ul className="co-findings" aria-label="合计的检查">
          {findings.map((f) => (
            <li key={`${f.rule}:${f.cells.join(',')}`} className="co-bad">
              {f.message}
            </li>
          ))}
        </ul>
      ) : (
        <p className="co-ok">合计数通过检查：表三各列 一+二 = 三(七)+四。</p>
      )}
      <table className="co-ind">
        <caption>指标</caption>
        <thead>
          <tr>
            <th scope="col">指标</th>
            <th scope="col">合计</th>
            <th scope="col">计算方法</th>
          </tr>
        </thead>
        <tbody>
          {INDICATORS.map((i) => (
            <tr key={i.key}>
              <th scope="row">{i.label}</th>
              <td data-indicator={i.key}>{percent(ind[i.key])}</td>
              <td>{i.formula}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="co-readonly" aria-busy={tables < TABLES.length}>
        <ReportStoreProvider store={store}>
          {TABLES.slice(0, tables).map((t) => (
            <section key={t} aria-labelledby={`co-sum-${t}`}>
              <h3 id={`co-sum-${t}`}>{sectionTitle(section(t))}</h3>
              <ReportTable table={t} />
            </section>
          ))}
        </ReportStoreProvider>
      </div>
      <PrintPreview report={report} sum={printed} />
    </section>
  );
}
