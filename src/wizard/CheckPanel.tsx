// The check list: every error and warning in the template's words, grouped by severity and
// section. Clicking one opens its step and focuses its cell; a warning may be kept with a
// written reason (上报说明), stored in report.explanations. Errors cannot be explained away.
import { useEffect, useId, useRef, useState } from 'react';
import {
  type Explanation,
  type Finding,
  cellShortLabel,
  explanationFor,
  findingKey,
  quoted,
  stillToFill,
} from '../report';
import { sortFindings } from './progress';
import { STEPS, type StepKey, stepDecl, stepOfFinding } from './steps';
import { useFindingsSummary, useReportStore, useReportText, useRevealed } from './storeContext';

export interface CheckPanelProps {
  /** `side`: collapsible panel beside every step; `docked`: a bar at the bottom of the window
   *  that opens over the page (narrow screens, tables); `full`: the 检查 step itself. */
  variant: 'side' | 'docked' | 'full';
  /** The step on screen: its findings come first. */
  current?: StepKey;
  /** Open the finding's step and focus the first of `paths` found there. */
  onOpen: (step: StepKey, paths: readonly string[]) => void;
  readOnly?: boolean;
  collapsed?: boolean;
  onToggle?: () => void;
}

interface Group {
  step: StepKey;
  findings: Finding[];
}

function groupBySection(findings: readonly Finding[], current?: StepKey): Group[] {
  const order = current
    ? [...STEPS.filter((s) => s.key === current), ...STEPS.filter((s) => s.key !== current)]
    : STEPS;
  return order
    .map((s) => ({ step: s.key, findings: findings.filter((f) => stepOfFinding(f) === s.key) }))
    .filter((g) => g.findings.length);
}

export function CheckPanel({
  variant,
  current,
  onOpen,
  readOnly = false,
  collapsed = false,
  onToggle,
}: CheckPanelProps) {
  const findings = useFindingsSummary();
  const revealed = useRevealed();
  const texts = useReportText();
  const { explanations } = texts;
  const { errors, warnings, pending } = sortFindings(findings, revealed, texts);
  const missing = pending.reduce((n, f) => n + stillToFill(f, texts), 0);
  const open = warnings.filter((f) => !explanationFor(f, explanations)).length;
  const explained = warnings.length - open;
  const headingId = useId();

  const summary = (
    <span className="check-summary">
      <span className={errors.length ? 'count is-error' : 'count'}>错误 {errors.length}</span>
      <span className={open ? 'count is-warning' : 'count'}>警告 {open}</span>
      {explained ? <span className="count is-explained">已说明 {explained}</span> : null}
      {missing ? <span className="count is-pending">未填 {missing}</span> : null}
    </span>
  );

  const body = (
    <div className="check-body">
      {!findings.length ? <p className="check-ok">没有发现错误或警告。</p> : null}
      {SEVERITY_SECTIONS.map(({ key, label, title, className }) => {
        const list = key === 'error' ? errors : key === 'warning' ? warnings : pending;
        return list.length ? (
          <section key={key} aria-label={label} className="check-severity">
            <h3 className={`check-severity-title${className}`}>{title}</h3>
            <FindingGroups
              pending={key === 'pending'}
              findings={list}
              current={current}
              explanations={explanations}
              onOpen={onOpen}
              readOnly={readOnly}
            />
          </section>
        ) : null;
      })}
      {variant === 'full' ? (
        <StaleExplanations findings={warnings} explanations={explanations} readOnly={readOnly} />
      ) : null}
    </div>
  );

  if (variant === 'full') {
    return (
      <div className="check-panel is-full">
        <p className="check-lead">
          {errors.length
            ? `还有 ${errors.length} 个错误，改正后才能导出定稿。`
            : open
              ? `没有错误。还有 ${open} 个警告待核实或说明。`
              : '没有错误，可以导出定稿。'}{' '}
          {summary}
        </p>
        {body}
      </div>
    );
  }

  return (
    <aside className={`check-panel is-${variant}${collapsed ? ' is-collapsed' : ''}`} aria-labelledby={headingId}>
      <h2 className="check-panel-title" id={headingId}>
        <button type="button" className="check-toggle" aria-expanded={!collapsed} onClick={onToggle}>
          <span>检查结果</span>
          {summary}
          <span className="check-toggle-icon" aria-hidden="true">
            {collapsed ? '展开' : '收起'}
          </span>
        </button>
      </h2>
      {collapsed ? null : body}
    </aside>
  );
}

/** The three lists of the panel, in this order: what must be fixed, what to verify, what is still blank. */
const SEVERITY_SECTIONS = [
  { key: 'error', label: '错误', title: '错误（须改正后才能定稿）', className: ' is-error' },
  {
    key: 'warning',
    label: '警告',
    title: '警告（请核实；确属实际情况的，可保留并填写上报说明）',
    className: ' is-warning',
  },
  { key: 'pending', label: '未填', title: '未填（不是错误：离开这一步或到「检查」时才算错误）', className: '' },
] as const;

function FindingGroups({
  pending = false,
  findings,
  current,
  explanations,
  onOpen,
  readOnly,
}: {
  pending?: boolean;
  findings: readonly Finding[];
  current: StepKey | undefined;
  explanations: readonly Explanation[];
  onOpen: CheckPanelProps['onOpen'];
  readOnly: boolean;
}) {
  return (
    <>
      {groupBySection(findings, current).map((g) => (
        <div key={g.step} className="check-group">
          <h4 className="check-group-title">{stepDecl(g.step).title}</h4>
          <ul className="finding-list">
            {g.findings.map((f, i) => (
              <FindingItem
                pending={pending}
                key={`${findingKey(f)}#${i}`}
                finding={f}
                explanation={explanationFor(f, explanations)}
                onOpen={onOpen}
                readOnly={readOnly}
              />
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}

const isTableCell = (p: string): boolean => /^(proactive|requests|reviews)\./.test(p);

function FindingItem({
  pending,
  finding: f,
  explanation,
  onOpen,
  readOnly,
}: {
  pending: boolean;
  finding: Finding;
  explanation: Explanation | undefined;
  onOpen: CheckPanelProps['onOpen'];
  readOnly: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const wasEditing = useRef(false);
  const itemRef = useRef<HTMLLIElement>(null);
  // When the little form closes, give focus back to the finding rather than losing it.
  useEffect(() => {
    if (wasEditing.current && !editing) itemRef.current?.querySelector<HTMLButtonElement>('.finding-open')?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const state = pending ? 'pending' : f.severity === 'error' ? 'error' : explanation ? 'explained' : 'warning';
  const step = stepOfFinding(f);
  // E3 over a table names many blank cells: list them so each can be reached directly.
  const blankList = f.rule === 'E3' && f.cells.length > 1 && f.cells.every(isTableCell);

  return (
    <li className={`finding is-${state}`} ref={itemRef}>
      <button
        type="button"
        className="finding-open"
        onClick={() => onOpen(step, f.target ? [f.target, ...f.cells] : f.cells)}
      >
        {state === 'explained' ? <span className="badge is-explained">已说明</span> : null}
        <span className="finding-message">{f.message}</span>
      </button>
      {/* The whole sentence only when the message had to cut it short. */}
      {f.quote && !f.message.includes(quoted(f.quote)) ? (
        <blockquote className="finding-quote">
          <q>{f.quote}</q>
        </blockquote>
      ) : null}
      {blankList ? (
        <details className="finding-cells">
          <summary>列出全部 {f.cells.length} 个空格</summary>
          <ul>
            {f.cells.map((p) => (
              <li key={p}>
                <button type="button" className="link-button" onClick={() => onOpen(step, [p])}>
                  {cellShortLabel(p)}
                </button>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {f.severity === 'warning' && explanation && !editing ? (
        <div className="explanation">
          <p>
            <span className="explanation-label">上报说明：</span>
            {explanation.reason}
          </p>
          {readOnly ? null : (
            <p className="explanation-actions">
              <button type="button" className="link-button" onClick={() => setEditing(true)}>
                修改说明
              </button>
              <RemoveExplanation finding={f} />
            </p>
          )}
        </div>
      ) : null}
      {f.severity === 'warning' && !pending && !explanation && !editing && !readOnly ? (
        <button type="button" className="secondary-button small" onClick={() => setEditing(true)}>
          保留并说明
        </button>
      ) : null}
      {editing ? (
        <ExplainForm finding={f} initial={explanation?.reason ?? ''} onDone={() => setEditing(false)} />
      ) : null}
    </li>
  );
}

function RemoveExplanation({ finding }: { finding: Finding }) {
  const store = useReportStore();
  const key = findingKey(finding);
  return (
    <button
      type="button"
      className="link-button danger"
      onClick={() =>
        store.update(
          (r) => ({ ...r, explanations: r.explanations.filter((e) => findingKey(e) !== key) }),
          '删除上报说明',
        )
      }
    >
      删除说明
    </button>
  );
}

function ExplainForm({ finding, initial, onDone }: { finding: Finding; initial: string; onDone: () => void }) {
  const store = useReportStore();
  const id = useId();
  const [reason, setReason] = useState(initial);
  const [tried, setTried] = useState(false);
  const empty = !reason.trim();
  return (
    <form
      className="explain-form"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (empty) return;
        const key = findingKey(finding);
        const entry: Explanation = { rule: finding.rule, cells: [...finding.cells], reason: reason.trim() };
        store.update(
          (r) => ({ ...r, explanations: [...r.explanations.filter((x) => findingKey(x) !== key), entry] }),
          initial ? '修改上报说明' : '填写上报说明',
        );
        onDone();
      }}
    >
      <label htmlFor={id} className="field-label">
        上报说明
      </label>
      <p className="field-hint">
        写明为什么这一情况属实（随 JSON
        一并上报，也可在导出页单独打印《报送说明》，不印在公开的报告里），如“上年报告结转数有误，已更正”。
      </p>
      <textarea
        id={id}
        className="text-field"
        rows={3}
        value={reason}
        // biome-ignore lint/a11y/noAutofocus: opened by 保留并说明: the field she asked to write in takes the focus
        autoFocus
        aria-invalid={tried && empty ? true : undefined}
        onChange={(e) => setReason(e.target.value)}
      />
      {tried && empty ? (
        <p className="field-error" role="alert">
          请填写说明
        </p>
      ) : null}
      <div className="explain-actions">
        <button type="submit" className="primary-button small">
          保存说明
        </button>
        <button type="button" className="text-button" onClick={onDone}>
          取消
        </button>
      </div>
    </form>
  );
}

/** Reasons whose warning has gone (the figures were corrected): offer to drop them. */
function StaleExplanations({
  findings,
  explanations,
  readOnly,
}: {
  findings: readonly Finding[];
  explanations: readonly Explanation[];
  readOnly: boolean;
}) {
  const store = useReportStore();
  const live = new Set(findings.map(findingKey));
  const stale = explanations.filter((e) => !live.has(findingKey(e)));
  if (!stale.length) return null;
  return (
    <section className="check-severity" aria-label="不再需要的上报说明">
      <h3 className="check-severity-title">不再需要的上报说明（对应的警告已消除）</h3>
      <ul className="finding-list">
        {stale.map((e) => (
          <li key={findingKey(e)} className="finding is-stale">
            <p>{e.reason}</p>
            {readOnly ? null : (
              <button
                type="button"
                className="link-button danger"
                onClick={() =>
                  store.update(
                    (r) => ({ ...r, explanations: r.explanations.filter((x) => findingKey(x) !== findingKey(e)) }),
                    '删除上报说明',
                  )
                }
              >
                删除
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
