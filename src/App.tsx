// The app's frame: the list of stored reports, or one report open in the wizard.
// Which report is open lives in the URL hash (#report=<id>&step=requests), so a reload
// returns to the same report and step. Export, print and import are loaded lazily to keep
// first-load JS small.
import { Suspense, lazy, memo, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { navigate, subscribeHash } from './navigate';
import { HomeScreen } from './home/HomeScreen';
import type { Report } from './report';
import { preloadable, whenIdle } from './preload';
import { getStorage } from './storage';
import './App.css';

// The home screen is the first load; a report (wizard, tables, forms) is fetched while the
// home screen is idle, so opening one does not wait for it, then readied (prepareOpen).
const reportModule = () => import('./ReportPage');
/** That module once it is in. */
let reportModuleIn: Awaited<ReturnType<typeof reportModule>> | null = null;
const reportPage = preloadable(() => reportModule().then((m) => m.default));
const ImportPublished = lazy(() => import('./import/ImportPublished').then((m) => ({ default: m.ImportPublished })));
const CollectPage = lazy(() => import('./collect/CollectPage'));

type View =
  | { kind: 'home' }
  | { kind: 'report'; id: string }
  | { kind: 'importPublished' }
  | { kind: 'collect'; id: string | null };

function readHash(hash: string): View {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const id = params.get('report');
  if (id) return { kind: 'report', id };
  if (params.get('view') === 'import') return { kind: 'importPublished' };
  if (params.get('view') === 'collect') return { kind: 'collect', id: params.get('c') };
  return { kind: 'home' };
}

const hashSnapshot = () => window.location.hash;

/** Said once after an import from a published report, over the report it opened. */
let importedNotice: string | null = null;

function ImportedNotice() {
  const [text, setText] = useState(importedNotice);
  useEffect(() => {
    importedNotice = null;
    if (!text) return;
    const t = setTimeout(() => setText(null), 10_000);
    return () => clearTimeout(t);
  }, [text]);
  if (!text) return null;
  return (
    <p className="app-notice" role="status">
      {text}
      <button type="button" className="app-notice-close" aria-label="关闭提示" onClick={() => setText(null)}>
        ×
      </button>
    </p>
  );
}

export function App() {
  const hash = useSyncExternalStore(subscribeHash, hashSnapshot);
  const view = useMemo(() => readHash(hash), [hash]);

  if (view.kind === 'report') {
    return (
      <>
        <ImportedNotice key={view.id} />
        <Suspense fallback={<p className="app-message">正在打开报告…</p>}>
          <ReportPageSlot key={view.id} id={view.id} />
        </Suspense>
      </>
    );
  }
  if (view.kind === 'importPublished') return <ImportPublishedPage />;
  if (view.kind === 'collect') {
    return (
      <Suspense fallback={<p className="app-message">正在打开汇总…</p>}>
        <CollectPage collectionId={view.id} />
      </Suspense>
    );
  }
  return <Home />;
}

/**
 * The report page, fixed for this mount: a module arriving later must not remount the open report.
 * Memoised: the wizard writes its step into the address right after it is first drawn, and the
 * App re-renders for that; the whole wizard must not be drawn again for it (issue 12).
 */
const ReportPageSlot = memo(function ReportPageSlot({ id }: { id: string }) {
  const [Page] = useState(reportPage.component);
  return <Page id={id} />;
});

/** How long the list stays up after 打开 while the report is read; past it, 「正在打开报告…」 shows. */
const OPEN_AHEAD_WAIT_MS = 120;
/** Counts the opens asked for: only the latest one switches the page. */
let opening = 0;

/**
 * Opens a report from the list (issue 12). Once the report's code is in, the report is opened
 * ahead (record read, tab lock taken) while the list stays up, and the page switches when it is
 * ready: one render from the list to the wizard, without a 「正在打开报告…」 frame between.
 */
function openFromList(id: string): void {
  const token = ++opening;
  const from = window.location.hash;
  const go = () => {
    if (token === opening && window.location.hash === from) navigate(`#report=${encodeURIComponent(id)}`);
  };
  if (!reportModuleIn) {
    go();
    return;
  }
  const timer = setTimeout(go, OPEN_AHEAD_WAIT_MS);
  void reportModuleIn.openReportAhead(id).then(() => {
    clearTimeout(timer);
    go();
  });
}

function Home() {
  useEffect(() => {
    let live = true;
    let cancel = () => {};
    const stopIdle = whenIdle(
      () =>
        void reportPage
          .load()
          .then(reportModule)
          .then((m) => {
            reportModuleIn = m;
            if (live) cancel = m.prepareOpen();
          })
          .catch(() => {}),
    );
    return () => {
      live = false;
      stopIdle();
      cancel();
    };
  }, []);
  return (
    <div className="app-home">
      <header className="app-bar">
        <h1>政府信息公开工作年度报告</h1>
        <button type="button" className="app-bar-action" onClick={() => navigate('#view=import')}>
          从已发布的年报导入
        </button>
        <button type="button" className="app-bar-action" onClick={() => navigate('#view=collect')}>
          汇总
        </button>
      </header>
      <HomeScreen onOpen={openFromList} />
    </div>
  );
}

function ImportPublishedPage() {
  const [error, setError] = useState<string | null>(null);
  const take = async (report: Report, asPrevious: boolean) => {
    const repo = await getStorage().ready;
    if (!repo) {
      setError('浏览器存储不可用，无法保存导入的报告。');
      return;
    }
    const name = `「${report.agency || '（未读到机关）'}${report.year === null ? '' : ` ${report.year} 年`}」`;
    if (asPrevious) {
      // Keep last year's report in the list too, then start this year's from it.
      const previousId = await repo.importReport(report);
      const id = await repo.createFromStored(previousId);
      importedNotice = `已导入${name}作为上年报告（已存入报告列表），并据此新建了${
        report.year === null ? '下一年' : ` ${report.year + 1} 年`
      }的报告，下面就是它。`;
      navigate(`#report=${encodeURIComponent(id)}&step=basics`);
    } else {
      const id = await repo.importReport(report);
      importedNotice = `已导入${name}作为本年草稿，下面就是它。`;
      navigate(`#report=${encodeURIComponent(id)}&step=basics`);
    }
  };
  return (
    <div className="app-home">
      <header className="app-bar">
        <h1>从已发布的年报导入</h1>
        <button type="button" className="app-bar-action" onClick={() => navigate('#')}>
          返回报告列表
        </button>
      </header>
      {error ? (
        <p role="alert" className="app-message">
          {error}
        </p>
      ) : null}
      <Suspense fallback={<p className="app-message">正在载入…</p>}>
        <ImportPublished
          showTitle={false}
          onUseAsPrevious={(r) => void take(r, true)}
          onUseAsDraft={(r) => void take(r, false)}
        />
      </Suspense>
    </div>
  );
}
