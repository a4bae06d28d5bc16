// One report open in the wizard, with autosave, the tab lock, revisions and export wired in.
// Loaded lazily from App: the home screen does not need the wizard's code.
import { Suspense, lazy, useCallback, useEffect, useState } from 'react';
import { navigate } from './navigate';
import { preloadable, warmFonts, whenIdle } from './preload';
import type { Report } from './report';
import { toJson } from './report/json';
import { GENERATOR, downloadText, exportFileName } from './export/jsonFile';
import {
  FreedNotice,
  JournalKeptNotice,
  LocalCopyOffer,
  MEMORY_REPORT_ID,
  ReadOnlyBanner,
  SaveStatusLine,
  StorageHealthBanner,
  getStorage,
  useStorageHealth,
} from './storage';
import { openAhead, useDraft } from './storage/draft';
import { FIRST_VIEW_FONTS, FONT_SAMPLE } from './wizard/fonts';
import type { StepKey } from './wizard/steps';
import { Wizard } from './wizard/Wizard';
import { ReportStore } from './wizard/store';
import { useReport } from './wizard/storeContext';

// Fetched on the home screen at idle (prepareOpen), else while the open report is idle, so the
// first click on 导出 does not wait for it.
const exportStep = preloadable(() => import('./export/ExportStep').then((m) => m.ExportStep));
const RevisionsPanel = lazy(() => import('./storage/RevisionsPanel').then((m) => ({ default: m.RevisionsPanel })));

/** Drawn hidden while the open report is idle (the step after the one shown first, then table 三): a step's first visit is then a switch. */
const PRERENDER: readonly StepKey[] = ['requests', 'proactive', 'reviews', 'overview', 'problems', 'otherMatters'];

/**
 * Idle work on the home screen once this module is in (issue 12), so that the first open of a
 * report does none of it: the font styles of the wizard's first view looked up, then the 导出
 * step fetched (its stylesheet inserted then, not in the middle of an open). Returns a cancel.
 */
export function prepareOpen(): () => void {
  let cancel = () => {};
  const family = getComputedStyle(document.documentElement).fontFamily;
  cancel = warmFonts(
    FIRST_VIEW_FONTS.map((f) => `${f} ${family}`),
    FONT_SAMPLE,
    () => (cancel = whenIdle(() => void exportStep.load().catch(() => {}))),
  );
  return () => cancel();
}

/** The wizard's store is the open report's editor: built for each version of the report. */
const createEditor = (report: Report, previous: Report | null) => new ReportStore(report, previous);
const DRAFT_OPTIONS = { followEdits: false, createEditor };

/**
 * Starts opening report `id` as its page will, before the page is shown (see openAhead): the
 * list's 打开 switches to the page once this resolves. Resolves once the report is ready or missing.
 */
export const openReportAhead = (id: string): Promise<void> => openAhead(id, DRAFT_OPTIONS);

export default function ReportPage({ id }: { id: string }) {
  // The open report (storage, autosave, tab lock, read-only, the store) is one object; this page
  // only wires it to the views. The store owns the report while it is open: a saved edit does
  // not re-render this page.
  const draft = useDraft(id, DRAFT_OPTIONS);
  const { previous, readOnly, editor: store } = draft;
  const [showRevisions, setShowRevisions] = useState(false);
  // A newer tab can close the database mid-session: say so while editing goes on in memory.
  const health = useStorageHealth();
  // Once the report is shown: while it opens, the idle moments are IndexedDB's waits.
  useEffect(() => (store ? whenIdle(() => void exportStep.load().catch(() => {})) : undefined), [store]);

  const downloadJson = useCallback(() => {
    if (!store) return;
    // Saving failed: hand the clerk a draft file, named and written as the 导出 step does.
    const r = store.getReport();
    const json = toJson(r, 'draft', { exportedAt: new Date().toISOString(), generator: GENERATOR });
    downloadText(exportFileName(r), `${JSON.stringify(json, null, 2)}\n`, 'application/json');
  }, [store]);

  if (draft.phase === 'missing') {
    return (
      <div className="app-message" role="alert">
        <p>找不到这份报告（可能已被删除或已移入回收站）。</p>
        <LocalCopyOffer copy={draft.localCopy} onRestore={draft.recreate} />
        <button type="button" onClick={() => navigate('#')}>
          返回报告列表
        </button>
      </div>
    );
  }
  if (!store) return <p className="app-message">正在打开报告…</p>;

  const banner = (
    <div className="app-banners">
      <div className="app-status-row">
        <SaveStatusLine status={draft.save} readOnly={readOnly} onDownloadJson={downloadJson} />
        {id !== MEMORY_REPORT_ID && !draft.memoryOnly ? (
          <button
            type="button"
            className="text-button"
            onClick={() => setShowRevisions((s) => !s)}
            aria-expanded={showRevisions}
          >
            历史版本
          </button>
        ) : null}
      </div>
      {draft.recovered ? (
        <p className="notice">
          {draft.recovered === 'takeover'
            ? '原来编辑这份报告的页面已意外关闭：它最后输入、尚未保存的内容已恢复并保存。'
            : '已从未保存的记录中恢复了上次关闭页面前输入的内容。'}
        </p>
      ) : null}
      <JournalKeptNotice kept={draft.journalKept} />
      <StorageHealthBanner health={health} />
      <ReadOnlyBanner role={draft.role} onTakeOver={() => void draft.takeOver()} />
      <FreedNotice role={draft.role} />
      {showRevisions ? (
        <Suspense fallback={<p>正在载入历史版本…</p>}>
          <RevisionsPanel
            reportId={id}
            current={store.getReport()}
            readOnly={readOnly}
            onRestore={(revisionId) => draft.restoreRevision(revisionId)}
          />
        </Suspense>
      ) : null}
    </div>
  );

  return (
    <Wizard
      store={store}
      readOnly={readOnly}
      banner={banner}
      exportStep={<ExportForStore previous={previous} />}
      prerender={PRERENDER}
      onExit={() => {
        void draft.flush();
        navigate('#');
      }}
    />
  );
}

/** The 导出 step reads the store when shown; an imported file becomes a new stored report. */
function ExportForStore({ previous }: { previous: Report | null }) {
  const report = useReport();
  const [ExportStep] = useState(exportStep.component);
  const onImported = async (imported: Report) => {
    const repo = await getStorage().ready;
    if (!repo) return;
    const id = await repo.importReport(imported);
    navigate(`#report=${encodeURIComponent(id)}&step=basics`);
  };
  return (
    <Suspense fallback={<p>正在载入导出功能…</p>}>
      <ExportStep report={report} previous={previous} onImported={(r) => void onImported(r)} />
    </Suspense>
  );
}
