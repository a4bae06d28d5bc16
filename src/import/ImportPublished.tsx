// 「从已发布的年报导入」: the clerk pastes last year's published report (or drops the
// saved page / text file), sees what was read beside the original, what could not be
// read and what the checks say, then takes it as last year's report or as this year's draft.
import {
  type ClipboardEvent,
  type DragEvent,
  type FormEvent,
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
  PROACTIVE_BLOCKS,
  PROACTIVE_BLOCK_FIRST_HEADER,
  REQUESTS_COLUMNS,
  REQUESTS_ROWS,
  REVIEWS_COLUMNS,
  REVIEWS_GROUPS,
  type SectionKey,
  allValues,
  cellPath,
  checkReport,
  formatCell,
  rowLabel,
  section,
  sectionTitle,
} from '../report';
import { type Line, type ParseOutcome, parsePublishedHtml, parsePublishedReport } from '../report/parse';
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
    } catch {
      // The readers are bounded; this is the last guard, so the clerk never sees an engine's English.
      setOutcome(null);
      setError('无法读取这段内容：结构过于复杂或已损坏。请改为粘贴年报的文字，或选择另存的 .txt 文件。');
      return;
    }
    setReadFrom(src.name ? `文件「${src.name}」` : src.kind === 'html' ? '粘贴的网页（按表格结构读取）' : '粘贴的文字');
    // Let the preview render, then take the reader to it.
    requestAnimationFrame(() => resultHeading.current?.focus());
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
          rows={10}
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
          <label className="import-file">
            或选择文件（.txt / .html）
            <input
              type="file"
              accept=".txt,.html,.htm,text/plain,text/html"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void loadFile(f);
                e.target.value = '';
              }}
            />
          </label>
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

function Preview({ outcome, readFrom, previous, headingRef, ids, onUseAsPrevious, onUseAsDraft }: PreviewProps) {
  const { report, problems } = outcome;
  const findings = useMemo(() => checkReport(report, { previous }), [report, previous]);
  const flagged = useMemo(() => new Set(problems.flatMap((p) => p.cells)), [problems]);
  const read = Object.values(report.cells).filter((v) => v !== null).length;
  const total = Object.keys(report.cells).length;
  const choicesRef = useRef<HTMLElement>(null);
  return (
    <div className="import-preview">
      <h2 ref={headingRef} tabIndex={-1}>
        读取结果
      </h2>
      <Choices report={report} choicesRef={choicesRef} onUseAsPrevious={onUseAsPrevious} onUseAsDraft={onUseAsDraft} />
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

      <section aria-labelledby={`${ids}-problems`} className="import-problems">
        <h3 id={`${ids}-problems`}>
          {problems.length ? `未能读取或有疑问的内容（${problems.length} 处）` : '未能读取的内容'}
        </h3>
        {problems.length ? (
          <ol>
            {problems.map((p, i) => (
              <li key={i}>
                <span className="import-problem-message">{p.message}</span>
                {p.source ? (
                  <span className="import-source">
                    原文：<code>{p.source.replace(/\t+/g, ' │ ')}</code>
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <p className="import-ok">全部内容均已读取。</p>
        )}
      </section>

      <TextSections report={report} ids={ids} />
      {(['proactive', 'requests', 'reviews'] as const).map((key) => (
        <SideBySide key={key} table={key} outcome={outcome} flagged={flagged} />
      ))}

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
      </section>

      <div className="import-use import-use-end">
        <p>核对完上面的内容后，在本页顶部选择导入方式。</p>
        <button type="button" onClick={() => choicesRef.current?.focus()}>
          回到导入方式
        </button>
      </div>
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

function TextSections({ report, ids }: { report: Report; ids: string }) {
  return (
    <section aria-labelledby={`${ids}-texts`} className="import-texts">
      <h3 id={`${ids}-texts`}>正文</h3>
      <details>
        <summary>
          {sectionTitle(section('overview'))}（{report.overview.length} 部分）
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
          <summary>{sectionTitle(section(key))}</summary>
          <p className="import-body">{report[key] || '（未读到）'}</p>
        </details>
      ))}
    </section>
  );
}

interface TableRow {
  label: string;
  paths: (CellPath | null)[];
}

/** The declared table as rows of paths, the way the template prints it. */
interface TableShape {
  columns: string[];
  /** A header row above `columns`, spanning them (表四's 行政复议 / 行政诉讼 groups). */
  groups?: { label: string; span: number }[];
  rows: TableRow[];
}

function tableShape(table: 'proactive' | 'requests' | 'reviews'): TableShape[] {
  if (table === 'proactive') {
    return PROACTIVE_BLOCKS.map((b) => ({
      columns: [`${b.header} ${PROACTIVE_BLOCK_FIRST_HEADER}`, ...b.columns.map((c) => c.label)],
      rows: b.rows.map((r) => ({ label: r.label, paths: b.columns.map((c) => cellPath('proactive', r.keys, c.key)) })),
    }));
  }
  if (table === 'requests') {
    return [
      {
        columns: ['申请情况', ...REQUESTS_COLUMNS.map((c) => c.label)],
        rows: REQUESTS_ROWS.map((r) => ({
          label: rowLabel(r),
          paths: REQUESTS_COLUMNS.map((c) => cellPath('requests', r.keys, c.key)),
        })),
      },
    ];
  }
  // 表四 is one row of fifteen in the template: three groups of five columns side by side.
  return [
    {
      groups: [
        { label: '', span: 1 },
        ...REVIEWS_GROUPS.map((g) => ({ label: [...g.groups, g.label].join(' · '), span: REVIEWS_COLUMNS.length })),
      ],
      columns: ['', ...REVIEWS_GROUPS.flatMap(() => REVIEWS_COLUMNS.map((c) => c.label))],
      rows: [
        {
          label: '件数',
          paths: REVIEWS_GROUPS.flatMap((g) => REVIEWS_COLUMNS.map((c) => cellPath('reviews', g.keys, c.key))),
        },
      ],
    },
  ];
}

function SideBySide({
  table,
  outcome,
  flagged,
}: {
  table: SectionKey & ('proactive' | 'requests' | 'reviews');
  outcome: ParseOutcome;
  flagged: Set<string>;
}) {
  const values = useMemo(() => allValues(outcome.report.cells), [outcome]);
  const published = useMemo(() => new Map(outcome.publishedTotals.map((t) => [t.path, t])), [outcome]);
  const lines = outcome.sections[table];
  const problemSources = useMemo(() => new Set(outcome.problems.map((p) => p.source).filter(Boolean)), [outcome]);
  const title = sectionTitle(section(table));
  const unit = (p: CellPath) => (p === 'proactive.fees.amount' ? 'fen' : 'count');
  return (
    <section className="import-table" aria-label={title}>
      <h3>{title}</h3>
      <div className="import-side">
        <div className="import-original">
          <h4>原文</h4>
          {lines ? (
            <SourceTable lines={lines} caption={`${title}（原文）`} flagged={problemSources} />
          ) : (
            <p className="import-missing">原文中未找到这一部分</p>
          )}
        </div>
        <div className="import-read">
          <h4>读到的数字</h4>
          {tableShape(table).map((shape, bi) => (
            <table key={bi} className="import-grid">
              <caption className="import-visually-hidden">{`${title}（读到的数字）`}</caption>
              <thead>
                {shape.groups ? (
                  <tr>
                    {shape.groups.map((g) =>
                      g.label ? (
                        <th key={g.label} scope="colgroup" colSpan={g.span}>
                          {g.label}
                        </th>
                      ) : (
                        <td key="corner" colSpan={g.span} />
                      ),
                    )}
                  </tr>
                ) : null}
                <tr>
                  {shape.columns.map((c, i) =>
                    c ? (
                      <th key={i} scope="col">
                        {c}
                      </th>
                    ) : (
                      <td key={i} />
                    ),
                  )}
                </tr>
              </thead>
              <tbody>
                {shape.rows.map((r) => (
                  <tr key={r.label}>
                    <th scope="row">{r.label}</th>
                    {r.paths.map((p, i) => {
                      if (!p) return <td key={i} />;
                      const v = values.get(p) ?? null;
                      const pub = published.get(p);
                      const off = pub !== undefined && pub.computed !== null && pub.computed !== pub.published;
                      const bad = flagged.has(p) || off;
                      return (
                        <td
                          key={i}
                          className={bad ? 'import-flagged' : v === null ? 'import-blank' : undefined}
                          data-path={p}
                        >
                          {v === null ? <span className="import-missing">空</span> : formatCell(v, unit(p))}
                          {off ? <span className="import-published">（原文 {pub.published}）</span> : null}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </div>
      </div>
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
