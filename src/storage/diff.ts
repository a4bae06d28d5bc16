// What changed between two versions of a report, named the way the clerk sees it,
// for the revision list ("恢复前先看看改了什么").
import { type Report, INPUT_CELLS, cellLabel, formatCell, section, sectionTitle } from '../report';

export interface ReportChange {
  /** `agency`, `year`, `overview.2.body`, a cell path, `problems`, `otherMatters`, `explanations`. */
  path: string;
  label: string;
  before: string;
  after: string;
}

const BLANK = '（空）';
const shown = (s: string): string => (s.trim() === '' ? BLANK : s);

/** Changes from `before` to `after`, in report order. Texts are compared whole. */
export function diffReports(before: Report, after: Report): ReportChange[] {
  const out: ReportChange[] = [];
  const text = (path: string, label: string, a: string, b: string) => {
    if (a !== b) out.push({ path, label, before: shown(a), after: shown(b) });
  };
  text('agency', '机关名称', before.agency, after.agency);
  text('year', '年度', before.year === null ? '' : String(before.year), after.year === null ? '' : String(after.year));
  const overviewTitle = sectionTitle(section('overview'));
  const n = Math.max(before.overview.length, after.overview.length);
  for (let i = 0; i < n; i++) {
    const a = before.overview[i];
    const b = after.overview[i];
    const name = `${overviewTitle}·${b?.heading || a?.heading || `第 ${i + 1} 部分`}`;
    if (!a || !b) {
      out.push({
        path: `overview.${i}`,
        label: name,
        before: a ? `${a.heading}（${a.body.length} 字）` : '（无此部分）',
        after: b ? `${b.heading}（${b.body.length} 字）` : '（已删除此部分）',
      });
      continue;
    }
    text(`overview.${i}.heading`, `${name}·小标题`, a.heading, b.heading);
    text(`overview.${i}.body`, `${name}·正文`, a.body, b.body);
  }
  for (const c of INPUT_CELLS) {
    const a = before.cells[c.path] ?? null;
    const b = after.cells[c.path] ?? null;
    if (a !== b) {
      out.push({
        path: c.path,
        label: cellLabel(c.path),
        before: shown(formatCell(a, c.unit)),
        after: shown(formatCell(b, c.unit)),
      });
    }
  }
  text('problems', sectionTitle(section('problems')), before.problems, after.problems);
  text('otherMatters', sectionTitle(section('otherMatters')), before.otherMatters, after.otherMatters);
  const ex = (r: Report) => JSON.stringify(r.explanations);
  if (ex(before) !== ex(after)) {
    out.push({
      path: 'explanations',
      label: '数据说明',
      before: `${before.explanations.length} 条`,
      after: `${after.explanations.length} 条`,
    });
  }
  return out;
}
