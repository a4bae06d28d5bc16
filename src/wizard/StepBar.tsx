// Every step with its state (未开始 / 已完成 / errors / warnings, with counts); any step opens at any time.
import { memo, useMemo } from 'react';
import { STEPS, type StepKey } from './steps';
import { type StepSummary, summariseSteps } from './stepStatus';
import { useFindingsSummary, useReportText, useRevealed } from './storeContext';

const TABLES: ReadonlySet<StepKey> = new Set(['proactive', 'requests', 'reviews']);

function statusText(key: StepKey, s: StepSummary): string {
  if (key === 'export') return s.errors ? '须先改正错误' : s.missing ? '填完后可定稿' : '可以导出';
  if (s.state === 'notStarted') return '未开始';
  const parts: string[] = [];
  if (s.errors) parts.push(`${s.errors} 个错误`);
  if (s.warnings) parts.push(`${s.warnings} 个警告`);
  // Blanks are progress: counted in cells for a table, in items elsewhere.
  if (s.missing) parts.push(`还有 ${s.missing} ${TABLES.has(key) ? '格' : key === 'check' ? '处' : '项'}未填`);
  if (!parts.length) parts.push(key === 'check' ? '全部通过' : '已完成');
  return parts.join('，');
}

// Memoised: the keystroke's urgent render sees the deferred (unchanged) findings and stops here.
export const StepBar = memo(function StepBar({
  current,
  onOpen,
}: {
  current: StepKey;
  onOpen: (step: StepKey) => void;
}) {
  const findings = useFindingsSummary();
  const report = useReportText();
  const revealed = useRevealed();
  const summary = useMemo(() => summariseSteps(report, findings, revealed), [report, findings, revealed]);
  return (
    <nav className="step-bar" aria-label="填报步骤">
      <ol>
        {STEPS.map((s, i) => {
          const sum = summary[s.key];
          const state =
            s.key === 'export' ? (sum.errors ? 'errors' : sum.missing ? 'progress' : 'complete') : sum.state;
          const status = statusText(s.key, sum);
          return (
            <li key={s.key}>
              <button
                type="button"
                className={`step is-${state}`}
                // Spelled out: the grid layout would make browsers read the parts with odd spacing.
                aria-label={`${s.label}：${status}`}
                // The status is cut with … where the bar is narrow: in full on hover.
                title={`${s.label}：${status}`}
                aria-current={current === s.key ? 'step' : undefined}
                onClick={() => onOpen(s.key)}
              >
                <span className="step-mark" aria-hidden="true">
                  {state === 'complete' ? '✓' : state === 'errors' ? '!' : state === 'warnings' ? '?' : i + 1}
                </span>
                <span className="step-label">{s.label}</span>
                <span className="step-status">{status}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
});
