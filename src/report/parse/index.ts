// Reads the text of a published report (pasted from its web page or Word file) into a
// Report, with everything that could not be read listed beside the text it came from.
// Published 总计 are kept and compared, never silently replaced: the report's derived
// cells are always computed from what was read.
import { inputsOf } from '../cells';
import { type SectionKey, SECTIONS, sectionTitle } from '../format';
import { type Report, allValues, blankCells } from '../model';
import { readHtml } from './html';
import { type Line, textToLines } from './lines';
import { findSections, findTitle, overviewParts, paragraphs } from './sections';
import { cellName, readProactive, readRequests, readReviews } from './tables';
import type { ParseOutcome, ParseProblem, TableSink } from './types';

export type { ParseOutcome } from './types';
export type { Line } from './lines';
export { htmlToLines, htmlTables } from './html';

export function parsePublishedReport(text: string): ParseOutcome {
  return parseLines(textToLines(text));
}

/** An HTML page or fragment: tables are read from their structure (rowspan/colspan), not from flattened text. */
export function parsePublishedHtml(html: string): ParseOutcome {
  const read = readHtml(html);
  const outcome = parseLines(read.lines);
  const limits: ParseProblem[] = read.limits.map((message) => ({ message, source: '', section: 'basics', cells: [] }));
  return limits.length ? { ...outcome, problems: [...limits, ...outcome.problems] } : outcome;
}

function parseLines(lines: readonly Line[]): ParseOutcome {
  const problems: ParseProblem[] = [];
  const firstHeading = findSections(lines, 0)[0]?.index ?? lines.length;
  const title = findTitle(lines, firstHeading);
  if (!title) {
    problems.push({
      message: '未找到标题「××××年政府信息公开工作年度报告」：请导入后填写机关名称和年度',
      source: '',
      section: 'basics',
      cells: ['agency', 'year'],
    });
  } else if (title.year === null) {
    problems.push({
      message: '标题中的年度无法识别：请导入后填写年度',
      source: lines[title.index]!.raw,
      section: 'basics',
      cells: ['year'],
    });
  }
  const found = findSections(lines, title ? title.index + 1 : 0);
  const byKey = new Map(found.map((f) => [f.decl.key, f.lines]));
  for (const decl of SECTIONS) {
    if (!byKey.has(decl.key)) {
      problems.push({ message: `未找到「${sectionTitle(decl)}」部分`, source: '', section: decl.key, cells: [] });
    }
  }

  const sink: TableSink = { cells: blankCells(), problems: [], totals: [], cellSources: {}, cellTexts: {} };
  const tableReaders = { proactive: readProactive, requests: readRequests, reviews: readReviews } as const;
  for (const key of ['proactive', 'requests', 'reviews'] as const) {
    const t = byKey.get(key);
    if (t) tableReaders[key](t, sink);
  }

  const values = allValues(sink.cells);
  const publishedTotals = sink.totals.map((t) => ({ ...t, computed: values.get(t.path) ?? null }));
  const unread = sink.problems.filter((p) => p.unreadRow);
  for (const t of publishedTotals) {
    if (t.computed === null || t.computed === t.published) continue;
    // A total over a row left unread differs by that row: said, not left to look like a slip.
    const parts = new Set(inputsOf(t.path));
    const row = unread.find((p) => p.cells.some((c) => parts.has(c)))?.unreadRow;
    const why = row ? `，相差的 ${t.published - t.computed} 应是未读取的「${row}」一行` : '';
    sink.problems.push({
      message: `${cellName(t.path)}：原文总计为 ${t.published}，各项相加为 ${t.computed}（已按各项相加计算${why}）`,
      source: t.source,
      section: t.path.split('.')[0] as SectionKey,
      cells: [t.path],
    });
  }

  const text = (key: SectionKey) => paragraphs(byKey.get(key) ?? []).join('\n\n');
  const report: Report = {
    agency: title?.agency ?? '',
    year: title?.year ?? null,
    overview: overviewParts(byKey.get('overview') ?? []),
    cells: sink.cells,
    problems: text('problems'),
    otherMatters: text('otherMatters'),
    explanations: [],
  };
  for (const key of ['overview', 'problems', 'otherMatters'] as const) {
    if (byKey.has(key) && !paragraphs(byKey.get(key)!).length) {
      problems.push({
        message: `「${sectionTitle(SECTIONS.find((s) => s.key === key)!)}」没有正文`,
        source: '',
        section: key,
        cells: [key],
      });
    }
  }
  const order: (SectionKey | 'basics')[] = ['basics', ...SECTIONS.map((s) => s.key)];
  const all = [...problems, ...sink.problems].map((p, i) => ({ p, i }));
  all.sort((a, b) => order.indexOf(a.p.section) - order.indexOf(b.p.section) || a.i - b.i);
  return {
    report,
    problems: all.map((x) => x.p),
    publishedTotals,
    sections: Object.fromEntries(found.map((f) => [f.decl.key, f.lines])),
    cellSources: sink.cellSources,
    cellTexts: sink.cellTexts,
  };
}
