// 「从已发布的年报导入」: the clerk pastes last year's published report (or drops the
// saved page / text file), sees what was read beside the original, what could not be
// read and what the checks say, then takes it as last year's report or as this year's draft.
import { FileButton } from '../ui/FileButton';
import {
  type ClipboardEvent,
  type DragEvent,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import {
  type CellPath,
  type Finding,
  type Report,
  type TableKey,
  CELL_BY_PATH,
  allValues,
  checkReport,
  section,
  sectionTitle,
} from '../report';
import { type Line, type ParseOutcome, parsePublishedHtml, parsePublishedReport } from '../report/parse';
import { type Doubt, type PreviewView, PreviewTable } from './PreviewTable';
import { FileTooLarge, looksLikeHtml, readTextFile } from './readFile';
import './ImportPublished.css';

export interface ImportPublishedProps {
  /** Take the report read as last year's (the app starts year N+1 from it). */
  onUseAsPrevious: (report: Report) => void;
  /** Take the report read as this year's draft. */
  onUseAsDraft: (report: Report) => void;
  /** Last year's report when one is stored, so the checks include W1/W2. */
  previous?: Report | null;
  /** False when the page around already shows the title 「从已发布的年报导入」. */
  showTitle?: boolean;
}

interface Source {
  kind: 'text' | 'html';
  content: string;
  /** File name, or '' when pasted. */
  name: string;
}

const TITLE = '从已发布的年报导入';

function parseSource(src: Source): ParseOutcome {
  return src.kind === 'html' ? parsePublishedHtml(src.content) : parsePublishedReport(src.content);
}

export function ImportPublished({
  onUseAsPrevious,
  onUseAsDraft,
  previous = null,
  showTitle = true,
}: ImportPublishedProps) {
  const ids = useId();
  const [text, setText] = useState('');
  // A page copied from a browser also carries its HTML: its tables are read from their structure.
  const [pastedHtml, setPastedHtml] = useState<string | null>(null);
  const [file, setFile] = useState<Source | null>(null);
  const [outcome, setOutcome] = useState<ParseOutcome | null>(null);
  const [readFrom, setReadFrom] = useState<string>('');
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [readings, setReadings] = useState(0);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const justPasted = useRef(false);

  const show = (src: Source) => {
    setError(null);
    if (!src.content.trim()) {
      setOutcome(null);
      setError('没有可读取的内容：请先粘贴年报全文，或选择文件。');
      return;
    }
    try {
      setOutcome(parseSource(src));
      // A new reading starts its preview afresh (its first part, the values read).
      setReadings((n) => n + 1);
    } catch {
      // The readers are bounded; this is the last guard, so the clerk never sees an engine's English.
      setOutcome(null);
      setError('无法读取这段内容：结构过于复杂或已损坏。请改为粘贴年报的文字，或选择另存的 .txt 文件。');
      return;
    }
    setReadFrom(src.name ? `文件「${src.name}」` : src.kind === 'html' ? '粘贴的网页（按表格结构读取）' : '粘贴的文字');
    // Let the preview render, then take the reader to it.
    // The result's top (the two choices, then its parts) fills the screen: the form above is done with.
    requestAnimationFrame(() => {
      resultHeading.current?.scrollIntoView?.({ block: 'start' });
      resultHeading.current?.focus({ preventScroll: true });
    });
  };

  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const html = e.clipboardData.getData('text/html');
    justPasted.current = true;
    setPastedHtml(html && /<table/i.test(html) ? html : null);
  };

  const onChange = (value: string) => {
    setText(value);
    setFile(null);
    // Typing after a paste makes the pasted HTML stale: read the text from then on.
    if (!justPasted.current) setPastedHtml(null);
    justPasted.current = false;
  };

  const loadFile = async (f: File) => {
    setError(null);
    if (!/\.(txt|html?)$/i.test(f.name) && !/^text\/(plain|html)$/.test(f.type)) {
      setError(`「${f.name}」不是 .txt 或 .html 文件。Word 文件请打开后全选复制，粘贴到上面。`);
      return;
    }
    try {
      const content = await readTextFile(f);
      const src: Source = { kind: looksLikeHtml(f.name, content) ? 'html' : 'text', content, name: f.name };
      setFile(src);
      setText('');
      setPastedHtml(null);
      show(src);
    } catch (e) {
      setError(e instanceof FileTooLarge ? `「${f.name}」${e.message}` : `读取文件「${f.name}」失败，请重新选择文件`);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (file) show(file);
    else if (pastedHtml) show({ kind: 'html', content: pastedHtml, name: '' });
    else show({ kind: 'text', content: text, name: '' });
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const f = e.dataTransfer.files[0];
    if (f) void loadFile(f);
  };

  return (
    <main className="import" {...(showTitle ? { 'aria-labelledby': `${ids}-title` } : { 'aria-label': TITLE })}>
      {showTitle ? <h2 id={`${ids}-title`}>{TITLE}</h2> : null}
      <form
        className={`import-input${dragging ? ' import-dragging' : ''}`}
        onSubmit={submit}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p id={`${ids}-help`} className="import-help">
          在政府网站打开去年的年报页面，全选（Ctrl+A）、复制（Ctrl+C），粘贴到下面；也可以把保存的网页（.html）或文本文件（.txt）拖到这里。Word
          文件请打开后全选复制再粘贴。
        </p>
        <label htmlFor={`${ids}-text`}>年报全文</label>
        <textarea
          id={`${ids}-text`}
          rows={outcome ? 3 : 10}
          value={text}
          aria-describedby={`${ids}-help`}
          placeholder="粘贴年报全文……"
          onPaste={onPaste}
          onChange={(e) => onChange(e.target.value)}
        />
        <div className="import-actions">
          <button type="submit" className="import-primary">
            读取
          </button>
          <FileButton
            label="或选择文件（.txt / .html）…"
            inputLabel="或选择文件（.txt / .html）"
            accept=".txt,.html,.htm,text/plain,text/html"
            onFile={(f) => void loadFile(f)}
          />
          {file ? <span className="import-note">已载入文件「{file.name}」</span> : null}
          {pastedHtml && !file ? <span className="import-note">已识别网页表格，将按表格结构读取</span> : null}
        </div>
        {error ? (
          <p role="alert" className="import-error">
            {error}
          </p>
        ) : null}
      </form>
      {outcome ? (
        <Preview
          key={readings}
          outcome={outcome}
          readFrom={readFrom}
          previous={previous}
          headingRef={resultHeading}
          ids={ids}
          onUseAsPrevious={onUseAsPrevious}
          onUseAsDraft={onUseAsDraft}
        />
      ) : null}
    </main>
  );
}

interface PreviewProps extends ImportPublishedProps {
  outcome: ParseOutcome;
  readFrom: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  ids: string;
}

type TabKey = 'problems' | TableKey | 'texts' | 'checks';

/** A flagged cell's reason in the few words its cell has room for. */
function shortReason(path: CellPath, outcome: ParseOutcome, off: { published: number } | undefined): string {
  if (off) return `原文为 ${off.published}`;
  const raw = outcome.cellTexts[path];
  if (raw === undefined) return '未读取';
  if (!raw.trim()) return '原文空格';
  return `原文「${raw.length > 6 ? `${raw.slice(0, 6)}…` : raw}」`;
}

function Preview({ outcome, readFrom, previous, headingRef, ids, onUseAsPrevious, onUseAsDraft }: PreviewProps) {
  const { report, problems } = outcome;
  const findings = useMemo(() => checkReport(report, { previous }), [report, previous]);
  const values = useMemo(() => allValues(report.cells), [report]);
  const doubts = useMemo(() => {
    const out = new Map<CellPath, Doubt>();
    const off = new Map(
      outcome.publishedTotals.filter((t) => t.computed !== null && t.computed !== t.published).map((t) => [t.path, t]),
    );
    problems.forEach((p, i) => {
      for (const path of p.cells) {
        if (!CELL_BY_PATH.has(path)) continue;
        const d = out.get(path) ?? { short: shortReason(path, outcome, off.get(path)), describedBy: [] };
        d.describedBy.push(`${ids}-p${i}`);
        out.set(path, d);
      }
    });
    return out;
  }, [outcome, problems, ids]);
  const read = Object.values(report.cells).filter((v) => v !== null).length;
  const total = Object.keys(report.cells).length;
  const choicesRef = useRef<HTMLElement>(null);
  const [tab, setTab] = useState<TabKey>(problems.length ? 'problems' : 'requests');
  const [view, setView] = useState<PreviewView>('read');
  const tabs: { key: TabKey; label: string }[] = [
    { key: 'problems', label: problems.length ? `有疑问（${problems.length}）` : '有疑问（0）' },
    { key: 'proactive', label: '二 主动公开' },
    { key: 'requests', label: '三 依申请公开' },
    { key: 'reviews', label: '四 复议诉讼' },
    { key: 'texts', label: '一、五、六 正文' },
    { key: 'checks', label: `检查结果（${findings.length}）` },
  ];
  const tabId = (k: TabKey) => `${ids}-tab-${k}`;
  const panelId = (k: TabKey) => `${ids}-panel-${k}`;
  const select = (k: TabKey, focus: boolean) => {
    setTab(k);
    if (focus) requestAnimationFrame(() => document.getElementById(tabId(k))?.focus());
  };
  // A problem's 「在表中查看」 opens its table and puts the reader on the cell.
  const showCell = (path: CellPath) => {
    setTab(path.split('.')[0] as TableKey);
    setView('read');
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`td[data-path="${path}"]`)?.focus());
  };
  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const i = tabs.findIndex((t) => t.key === tab);
    const to =
      e.key === 'ArrowRight'
        ? (i + 1) % tabs.length
        : e.key === 'ArrowLeft'
          ? (i - 1 + tabs.length) % tabs.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? tabs.length - 1
              : -1;
    if (to < 0) return;
    e.preventDefault();
    select(tabs[to]!.key, true);
  };
  const panel = (k: TabKey, body: ReactNode) => (
    <div key={k} role="tabpanel" id={panelId(k)} aria-labelledby={tabId(k)} hidden={tab !== k} className="import-panel">
      {body}
    </div>
  );
  return (
    <div className="import-preview">
      <div className="import-resulthead">
        <h2 ref={headingRef} tabIndex={-1}>
          读取结果
        </h2>
        <dl className="import-summary">
          <dt>来源</dt>
          <dd>{readFrom}</dd>
          <dt>机关</dt>
          <dd>{report.agency || <span className="import-missing">未读到</span>}</dd>
          <dt>年度</dt>
          <dd>{report.year ?? <span className="import-missing">未读到</span>}</dd>
          <dt>表格数字</dt>
          <dd>
            读到 {read} / {total} 个
          </dd>
        </dl>
      </div>
      <Choices report={report} choicesRef={choicesRef} onUseAsPrevious={onUseAsPrevious} onUseAsDraft={onUseAsDraft} />

      <div className="import-tabs" role="tablist" aria-label="读取结果的各部分">
        {tabs.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            id={tabId(t.key)}
            aria-controls={panelId(t.key)}
            aria-selected={tab === t.key}
            tabIndex={tab === t.key ? 0 : -1}
            className={t.key === 'problems' && problems.length ? 'import-tab-warn' : undefined}
            onClick={() => select(t.key, false)}
            onKeyDown={onTabKey}
          >
            {t.label}
          </button>
        ))}
      </div>

      {panel(
        'problems',
        <section aria-labelledby={`${ids}-problems`} className="import-problems">
          <h3 id={`${ids}-problems`}>
            {problems.length ? `未能读取或有疑问的内容（${problems.length} 处）` : '未能读取的内容'}
          </h3>
          {problems.length ? (
            <ol>
              {problems.map((p, i) => {
                const cell = p.cells.find((c) => CELL_BY_PATH.has(c));
                return (
                  <li key={i}>
                    <span className="import-problem-message" id={`${ids}-p${i}`}>
                      {p.message}
                    </span>
                    {p.source ? (
                      <span className="import-source">
                        原文：<code>{p.source.replace(/\t+/g, ' │ ')}</code>
                      </span>
                    ) : null}
                    {cell ? (
                      <button type="button" className="import-goto" onClick={() => showCell(cell)}>
                        在表中查看
                      </button>
                    ) : null}
                  </li>
                );
              })}
            </ol>
          ) : (
            <p className="import-ok">全部内容均已读取。</p>
          )}
        </section>,
      )}
      {(['proactive', 'requests', 'reviews'] as const).map((key) =>
        panel(
          key,
          <TablePanel
            table={key}
            outcome={outcome}
            values={values}
            doubts={doubts}
            view={view}
            onView={setView}
            ids={ids}
          />,
        ),
      )}
      {panel('texts', <TextSections report={report} ids={ids} />)}
      {panel(
        'checks',
        <section aria-labelledby={`${ids}-checks`} className="import-checks">
          <h3 id={`${ids}-checks`}>检查结果{findings.length ? `（${findings.length} 条）` : ''}</h3>
          {findings.length ? (
            <ul>
              {findings.map((f: Finding, i) => (
                <li key={i} className={f.severity === 'error' ? 'import-finding-error' : 'import-finding-warning'}>
                  <strong>{f.severity === 'error' ? '错误' : '警告'}</strong> {f.message}
                </li>
              ))}
            </ul>
          ) : (
            <p className="import-ok">检查未发现问题。</p>
          )}
        </section>,
      )}
    </div>
  );
}

/** The two ways to take the report, each said in one sentence with the years it means. */
function Choices({
  report,
  choicesRef,
  onUseAsPrevious,
  onUseAsDraft,
}: {
  report: Report;
  choicesRef: RefObject<HTMLElement | null>;
  onUseAsPrevious: (report: Report) => void;
  onUseAsDraft: (report: Report) => void;
}) {
  const year = report.year;
  const name = `${report.agency || '（未读到机关）'}${year === null ? '' : ` ${year} 年`}报告`;
  return (
    <section className="import-choices" aria-label="导入方式" tabIndex={-1} ref={choicesRef}>
      <div className="import-choice">
        <button type="button" className="import-primary" onClick={() => onUseAsPrevious(report)}>
          作为上年报告
        </button>
        <p>
          保存这份{name}，并据此新建 {year === null ? '下一年' : `${year + 1} 年`}
          的报告：沿用机关名称和「一」的小标题，「上年结转」照它的「结转下年度」填好。
        </p>
      </div>
      <div className="import-choice">
        <button type="button" onClick={() => onUseAsDraft(report)}>
          作为本年草稿
        </button>
        <p>把这份{name}本身存为草稿，接着修改它（适用于本年的报告已发布、需要补录的情况）。</p>
      </div>
      <p className="import-note">导入后仍可修改；未能读取的格子留空，请在填报时补齐。</p>
    </section>
  );
}

/** The prose, one section per fold: its length is the report's own, so it opens on demand. */
function TextSections({ report, ids }: { report: Report; ids: string }) {
  return (
    <section aria-labelledby={`${ids}-texts`} className="import-texts">
      <h3 id={`${ids}-texts`}>正文</h3>
      <details>
        <summary>
          {sectionTitle(section('overview'))}（{report.overview.length} 部分：
          {report.overview.map((p) => p.heading || '开头一段').join('、') || '未读到'}）
        </summary>
        {report.overview.map((p, i) => (
          <div key={i} className="import-part">
            <strong>{p.heading || '（开头一段，无小标题）'}</strong>
            <p>{p.body}</p>
          </div>
        ))}
      </details>
      {(['problems', 'otherMatters'] as const).map((key) => (
        <details key={key}>
          <summary>
            {sectionTitle(section(key))}（{report[key] ? `${report[key].length} 字` : '未读到'}）
          </summary>
          <p className="import-body">{report[key] || '（未读到）'}</p>
        </details>
      ))}
    </section>
  );
}

/** One table in the template's layout, the values read or the original's text in the same grid. */
function TablePanel({
  table,
  outcome,
  values,
  doubts,
  view,
  onView,
  ids,
}: {
  table: TableKey;
  outcome: ParseOutcome;
  values: Map<CellPath, number | null>;
  doubts: Map<CellPath, Doubt>;
  view: PreviewView;
  onView: (v: PreviewView) => void;
  ids: string;
}) {
  const title = sectionTitle(section(table));
  const lines = outcome.sections[table];
  const problemSources = useMemo(() => new Set(outcome.problems.map((p) => p.source).filter(Boolean)), [outcome]);
  const flaggedHere = [...doubts.keys()].filter((p) => p.startsWith(`${table}.`)).length;
  const name = `${ids}-view-${table}`;
  return (
    <section className="import-table" aria-label={title}>
      <div className="import-tablebar">
        <h3>{title}</h3>
        <fieldset className="import-view">
          <legend>格中显示</legend>
          <label>
            <input type="radio" name={name} checked={view === 'read'} onChange={() => onView('read')} />
            读到的数字
          </label>
          <label>
            <input type="radio" name={name} checked={view === 'original'} onChange={() => onView('original')} />
            原文
          </label>
        </fieldset>
        <p className="import-legend">
          {flaggedHere
            ? `黄框格有疑问（${flaggedHere} 格），格内注明原文，请核对。`
            : lines
              ? '本表各格均已读取。'
              : ''}
        </p>
      </div>
      {lines ? (
        <div className="import-scroll">
          <PreviewTable table={table} outcome={outcome} values={values} doubts={doubts} view={view} />
        </div>
      ) : (
        <p className="import-missing">原文中未找到这一部分</p>
      )}
      {lines ? (
        <details className="import-lines">
          <summary>原文各行（照原样排列，{lines.filter((l) => l.cells.some((c) => c !== '')).length} 行）</summary>
          <SourceTable lines={lines} caption={`${title}（原文各行）`} flagged={problemSources} />
        </details>
      ) : null}
    </section>
  );
}

function SourceTable({ lines, caption, flagged }: { lines: Line[]; caption: string; flagged: Set<string> }) {
  const rows = lines.filter((l) => l.cells.some((c) => c !== ''));
  return (
    <table className="import-grid import-source-grid">
      <caption className="import-visually-hidden">{caption}</caption>
      <tbody>
        {rows.map((l, i) => (
          <tr key={i} className={flagged.has(l.raw) ? 'import-flagged-row' : undefined}>
            {l.cells.map((c, j) => (
              <td key={j}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
