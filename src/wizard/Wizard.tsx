// The wizard shell: title, step bar, one step at a time, previous/next, and the live check panel.
// Only StepBar, CheckPanel and ReportTitle subscribe to the whole report's findings or texts;
// this component holds the current step alone, so a table keystroke never re-renders it.
import {
  type ReactNode,
  memo,
  startTransition,
  useCallback,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { whenIdle } from '../preload';
import { reportTitle } from '../report';
import { BalanceNotes } from './BalanceNotes';
import { BasicsStep } from './BasicsStep';
import { CheckPanel } from './CheckPanel';
import { focusPath } from './focus';
import { OverviewStep } from './OverviewStep';
import { StepBar } from './StepBar';
import type { ReportStore } from './store';
import { ReportStoreProvider, useReportText } from './storeContext';
import { STEPS, type StepKey, hashWithStep, stepDecl, stepFromHash, stepIndex } from './steps';
import { ReportTable } from './table/ReportTable';
import { renderProbe } from './table/renderProbe';
import { StoreTextarea } from './textareas';
import './Wizard.css';

export interface WizardProps {
  store: ReportStore;
  /** Show everything, change nothing (e.g. a finalised report or a revision being viewed). */
  readOnly?: boolean;
  /** Storage notices (saved / not saved / restored), shown under the title. */
  banner?: ReactNode;
  /** The 导出 step's content, provided by the export module. */
  exportStep?: ReactNode;
  /** When given, a button leaves the wizard (e.g. back to the list of reports). */
  onExit?: () => void;
  /** Steps drawn (hidden) while the browser is idle, so their first visit is a switch, not a build. */
  prerender?: readonly StepKey[];
}

const DEFAULT_EXPORT_STEP = <p className="step-intro">导出（JSON 文件与打印稿）由导出模块提供，尚未接入本页面。</p>;

const storeKeys = new WeakMap<ReportStore, number>();
let storeCount = 0;
function storeKey(store: ReportStore): number {
  const known = storeKeys.get(store);
  if (known !== undefined) return known;
  storeKeys.set(store, ++storeCount);
  return storeCount;
}

/** Steps whose content is kept mounted once drawn (检查 and 导出 are rebuilt when shown). */
const PANE_STEPS = STEPS.filter((s) => s.key !== 'check' && s.key !== 'export');
const isPaneStep = (k: StepKey) => k !== 'check' && k !== 'export';

/** The steps to draw ahead, the one after `current` first (下一步 is the clerk's likeliest move), then in the order asked. */
function drawOrder(prerender: readonly StepKey[], current: StepKey): StepKey[] {
  const panes: StepKey[] = prerender.filter(isPaneStep);
  const next = STEPS[stepIndex(current) + 1]?.key;
  return next && panes.includes(next) ? [next, ...panes.filter((k) => k !== next)] : panes;
}
const NO_PRERENDER: readonly StepKey[] = [];

/** Tables 二–四 need the page's full width: there the check panel docks at the bottom. */
const TABLE_STEPS: ReadonlySet<StepKey> = new Set(['proactive', 'requests', 'reviews']);

const noMatchMedia = () => false;
function useMediaQuery(query: string): boolean {
  const mql =
    typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(query) : null;
  const subscribe = useCallback(
    (fn: () => void) => {
      mql?.addEventListener('change', fn);
      return () => mql?.removeEventListener('change', fn);
    },
    [mql],
  );
  return useSyncExternalStore(subscribe, mql ? () => mql.matches : noMatchMedia);
}

function currentHashStep(): StepKey | null {
  return typeof window === 'undefined' ? null : stepFromHash(window.location.hash);
}

export function Wizard({
  store,
  readOnly = false,
  banner,
  exportStep = DEFAULT_EXPORT_STEP,
  onExit,
  prerender = NO_PRERENDER,
}: WizardProps) {
  if (import.meta.env.MODE === 'test') renderProbe.record?.('Wizard');
  const [step, setStep] = useState<StepKey>(() => currentHashStep() ?? 'basics');
  // Steps once drawn stay mounted, hidden (issue 12): coming back shows the same elements with
  // their layout kept instead of building table 三's ~200 inputs again. A new store (a revision
  // restored, another tab's version) starts the set again.
  const [kept, setKept] = useState(() => ({ store, steps: new Set<StepKey>(isPaneStep(step) ? [step] : []) }));
  if (kept.store !== store || (isPaneStep(step) && !kept.steps.has(step))) {
    const steps = new Set(kept.store === store ? kept.steps : []);
    if (isPaneStep(step)) steps.add(step);
    setKept({ store, steps });
  }
  // Drawn one at a time when the browser is idle, each in a transition a click interrupts.
  const stepAtDraw = useRef(step);
  stepAtDraw.current = step;
  useEffect(() => {
    let cancel = () => {};
    const drawNext = (left: readonly StepKey[]) => {
      const [first, ...rest] = left;
      if (!first) return;
      cancel = whenIdle(() => {
        startTransition(() =>
          setKept((k) => (k.store !== store || k.steps.has(first) ? k : { store, steps: new Set(k.steps).add(first) })),
        );
        drawNext(rest);
      });
    };
    drawNext(drawOrder(prerender, stepAtDraw.current));
    return () => cancel();
  }, [store, prerender]);
  const [focus, setFocus] = useState<{ paths: readonly string[] } | null>(null);
  const [sideCollapsed, setSideCollapsed] = useState(false);
  const [dockOpen, setDockOpen] = useState(false);
  // Where the check panel goes: beside the page when there is room, else a bar docked at the
  // bottom of the window that opens over the page (table 三 needs the full width below 1600px).
  const narrow = useMediaQuery('(max-width: 1199px)');
  const narrowForTables = useMediaQuery('(max-width: 1599px)');
  const docked = narrow || (narrowForTables && TABLE_STEPS.has(step));
  const panelCollapsed = docked ? !dockOpen : sideCollapsed;
  const navigated = useRef(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  // The step lives in the URL hash so that a reload returns to it.
  useEffect(() => {
    if (currentHashStep() !== step) {
      window.history.replaceState(window.history.state, '', hashWithStep(window.location.hash, step));
    }
  }, [step]);
  useEffect(() => {
    const onHash = () => {
      const s = currentHashStep();
      if (s) setStep(s);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  // Leaving a step makes its blanks errors; 检查 and 导出 judge the whole report.
  const shown = useRef<StepKey>(step);
  const revealOnLeaving = useCallback(
    (next: StepKey) => {
      const left = shown.current;
      shown.current = next;
      if (next === 'check' || next === 'export') store.reveal(...STEPS.map((s) => s.key));
      else if (left !== next) store.reveal(left);
    },
    [store],
  );
  // A step changed from outside the buttons (the address): told after the render.
  useEffect(() => revealOnLeaving(step), [step, revealOnLeaving]);

  const open = useCallback(
    (next: StepKey, paths?: readonly string[]) => {
      navigated.current = true;
      // Told in the click, so the step bar and panel render with the new step in one pass
      // (issue 12: the reveal after the commit re-rendered them and laid the page out twice).
      revealOnLeaving(next);
      // The docked panel covers the lower part of the page: get it out of the way of the cell.
      setDockOpen(false);
      setStep(next);
      setFocus(paths?.length ? { paths } : null);
    },
    [revealOnLeaving],
  );

  // After the step has rendered: focus the cell a finding points at, else the step's heading.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new step is the trigger, not a value read here
  useEffect(() => {
    if (!navigated.current) return;
    if (focus) {
      focusPath(focus.paths);
    } else {
      headingRef.current?.focus({ preventScroll: true });
      rootRef.current?.scrollIntoView?.({ block: 'start' });
    }
  }, [step, focus]);

  const index = stepIndex(step);
  const prev = STEPS[index - 1];
  const next = STEPS[index + 1];
  const decl = stepDecl(step);

  return (
    <ReportStoreProvider store={store}>
      <div
        className={`wizard${readOnly ? ' is-readonly' : ''}${TABLE_STEPS.has(step) ? ' is-table-step' : ''}`}
        ref={rootRef}
      >
        <header className="wizard-head">
          <ReportTitle />
          {onExit ? (
            <button type="button" className="text-button wizard-exit" onClick={onExit}>
              返回报告列表
            </button>
          ) : null}
        </header>
        {banner ? <div className="wizard-banner">{banner}</div> : null}
        <StepBar current={step} onOpen={open} />
        <div
          className={`wizard-body${step === 'check' ? '' : docked ? ' is-docked' : ' has-panel'}${
            sideCollapsed ? ' panel-collapsed' : ''
          }`}
        >
          <main className="wizard-page" aria-labelledby="wizard-step-title">
            <h2 className="step-title" id="wizard-step-title" tabIndex={-1} ref={headingRef}>
              {decl.title}
            </h2>
            {readOnly ? <p className="notice">本报告为只读，不能修改。</p> : null}
            {step === 'export' ? (
              <div className="step-content">{exportStep}</div>
            ) : step === 'check' ? (
              <CheckPanel variant="full" current={step} onOpen={open} readOnly={readOnly} />
            ) : null}
            {PANE_STEPS.map((s) =>
              kept.store === store && kept.steps.has(s.key) ? (
                // Keyed by the store: a report replaced from outside (revision restored, another tab)
                // comes with a new store, and the forms must start again from it.
                <StepPane key={`${storeKey(store)}:${s.key}`} step={s.key} shown={s.key === step} readOnly={readOnly} />
              ) : null,
            )}
            <nav className="pager" aria-label="上一步和下一步">
              {prev ? (
                <button type="button" className="secondary-button" onClick={() => open(prev.key)}>
                  ← 上一步：{prev.label}
                </button>
              ) : (
                <span />
              )}
              {next ? (
                <button type="button" className="primary-button" onClick={() => open(next.key)}>
                  下一步：{next.label} →
                </button>
              ) : null}
            </nav>
          </main>
          {step === 'check' ? null : (
            <CheckPanel
              variant={docked ? 'docked' : 'side'}
              current={step}
              onOpen={open}
              readOnly={readOnly}
              collapsed={panelCollapsed}
              onToggle={() => (docked ? setDockOpen((o) => !o) : setSideCollapsed((c) => !c))}
            />
          )}
        </div>
      </div>
    </ReportStoreProvider>
  );
}

/**
 * One step's content, shown or kept hidden. Hidden, it stays laid out (content-visibility:
 * hidden keeps its rendering state, so showing it again is cheap) and `hidden` + `inert` keep
 * it out of the tab order, the accessibility tree and the page's find.
 */
const StepPane = memo(function StepPane({
  step,
  shown,
  readOnly,
}: {
  step: StepKey;
  shown: boolean;
  readOnly: boolean;
}) {
  // Drawn hidden (at idle, before the clerk comes): styled and laid out once out of sight, then
  // skipped. Its first showing then reuses that work, not all of it inside the click.
  const [warming, setWarming] = useState(!shown);
  useEffect(() => {
    if (!warming) return;
    let second = 0;
    const first = requestAnimationFrame(() => {
      second = requestAnimationFrame(() => setWarming(false));
    });
    return () => {
      cancelAnimationFrame(first);
      cancelAnimationFrame(second);
    };
  }, [warming]);
  return (
    <div
      className="step-pane"
      data-step={step}
      data-warming={warming && !shown ? '' : undefined}
      hidden={!shown}
      inert={!shown}
    >
      <fieldset className="step-content" disabled={readOnly}>
        <legend className="visually-hidden">{stepDecl(step).title}</legend>
        <StepContent step={step} />
      </fieldset>
    </div>
  );
});

// Memoised: the page re-renders on save status changes, and the step must not follow it.
const StepContent = memo(function StepContent({ step }: { step: StepKey }) {
  if (import.meta.env.MODE === 'test') renderProbe.record?.('StepContent');
  switch (step) {
    case 'basics':
      return <BasicsStep />;
    case 'overview':
      return <OverviewStep />;
    case 'requests':
      return <ReportTable table={step} notes={<BalanceNotes />} />;
    case 'proactive':
    case 'reviews':
      return <ReportTable table={step} />;
    case 'problems':
      return (
        <StoreTextarea
          key="problems"
          field="problems"
          label="存在的主要问题及改进情况"
          hint="先写存在的问题，再写下一年度的改进措施。正文空一行即分段。"
        />
      );
    case 'otherMatters':
      return (
        <StoreTextarea
          key="otherMatters"
          field="otherMatters"
          label="其他需要报告的事项"
          hint="新建的报告已列出常见的四项，请逐项填写。须写明是否收取信息处理费（单位：元）。正文空一行即分段。"
        />
      );
    case 'check':
    case 'export':
      return null;
  }
});

/** The page's <h1>: {agency}{year}年政府信息公开工作年度报告, following the basics as they are typed. */
function ReportTitle() {
  const { agency, year } = useReportText();
  return <h1 className="report-title">{reportTitle(agency.trim() ? agency : '（机关名称）', year)}</h1>;
}
