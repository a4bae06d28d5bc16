// The rules engine (SPEC "Rules"): a pure function over the whole report that returns
// typed findings. It never throws on odd data and never changes the report.
import { CELL_BY_PATH, INPUT_CELLS, cellLabel, cellShortLabel } from './cells';
import {
  type CellPath,
  type SectionKey,
  type TableKey,
  PROACTIVE_BLOCKS,
  REQUESTS_COLUMNS,
  section,
  sectionTitle,
} from './format';
import { type Explanation, type Report, type RuleId, allValues, otherMattersUntouched } from './model';
import { type TextRuleCache, textRules } from './text';

type Severity = 'error' | 'warning';

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** Paths the finding points at: table cells, or fields (`agency`, `year`, `overview.0.body`, `problems`, `otherMatters`). */
  cells: string[];
  /** Where the clerk fixes it. */
  section: SectionKey | 'basics';
  expected?: number | string | null;
  actual?: number | string | null;
  /** actual − expected, for arithmetic rules. */
  difference?: number;
  /** The sentence a text rule quotes. */
  quote?: string;
  /** Where the clerk most likely has to type (the first blank, else the likeliest cell); else cells[0]. */
  target?: string;
  message: string;
}

export interface RuleContext {
  /** Last year's report, when loaded (W1, W2). */
  previous?: Report | null;
  /** Every cell's value (allValues) when the caller already has it: saves recomputing per keystroke. */
  values?: Map<CellPath, number | null>;
  /** Owned by a caller that checks on every keystroke: the text is re-read only when it changed. */
  textCache?: TextRuleCache;
}

const REQUEST_APPLICANT_TITLE = `「${sectionTitle(section('requests'))}」`;

const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));

/** E1: 一 + 二 = 三(七) + 四, once per unbalanced column. The 总计 column is the sum of the
 *  others, so it is off exactly when one of them is: reporting it too would count one slip twice. */
function balance(values: Map<CellPath, number | null>): Finding[] {
  const out: Finding[] = [];
  for (const column of BALANCE_COLUMNS) {
    const { col, cells } = column;
    if (col.derived && out.length) continue;
    const a = values.get(cells[0]) ?? null;
    const b = values.get(cells[1]) ?? null;
    const c = values.get(cells[2]) ?? null;
    const d = values.get(cells[3]) ?? null;
    if (a === null && b === null && c === null && d === null) continue;
    const left = (a ?? 0) + (b ?? 0);
    const right = (c ?? 0) + (d ?? 0);
    if (left === right) continue;
    const gap = Math.abs(right - left);
    out.push({
      rule: 'E1',
      severity: 'error',
      cells: [...cells],
      section: 'requests',
      expected: left,
      actual: right,
      difference: right - left,
      target: balanceTarget(values, column, right < left),
      // Plain words, as the clerk would say it: what came in, what went out, how many short.
      message: `${col.label}：收到 ${left} 件（新收 ${a ?? 0} + 结转 ${b ?? 0}），办理与结转${
        right < left ? '只有' : '却有'
      } ${right} 件，${right < left ? '少' : '多'} ${gap} 件`,
    });
  }
  return out;
}

/** E1's columns, the applicants' first and 总计 last, each with its four cells (新收, 上年结转,
 *  办理合计, 结转下年度) and its input cells: made once, not for every report checked (汇总
 *  checks thousands in a row, and V8 compiled the per-report version at ~200 ms a worker). */
const BALANCE_COLUMNS = [
  ...REQUESTS_COLUMNS.filter((c) => !c.derived),
  ...REQUESTS_COLUMNS.filter((c) => c.derived),
].map((col) => {
  const p = (row: string) => `requests.${row}.${col.key}`;
  const inputs = INPUT_CELLS.filter((c) => c.table === 'requests' && c.path.endsWith(`.${col.key}`)).map((c) => c.path);
  return {
    col,
    cells: [p('newReceived'), p('carriedOver'), p('handledTotal'), p('carriedForward')] as const,
    // Where a blank is looked for first: 新收, 上年结转, 结转下年度, then the results.
    blankFirst: [p('newReceived'), p('carriedOver'), p('carriedForward'), ...inputs].filter((x) => inputs.includes(x)),
    newReceived: p('newReceived'),
    carriedForward: p('carriedForward'),
  };
});

/** E1's likeliest cell: a blank of the column first (新收, 上年结转, 结转下年度, then the results);
 *  with none, 结转下年度 when requests are missing from the results, else 新收. */
function balanceTarget(
  values: Map<CellPath, number | null>,
  column: (typeof BALANCE_COLUMNS)[number],
  short: boolean,
): string {
  for (const x of column.blankFirst) if ((values.get(x) ?? null) === null) return x;
  if (column.col.key === 'total') return column.newReceived;
  return short ? column.carriedForward : column.newReceived;
}

/** E2's and E3's reading of the input cells: each read once (4 passes over them were most of the table rules' cost). */
interface InputScan {
  /** Cells holding something other than a whole number ≥ 0, in INPUT_CELLS order. */
  bad: { cell: (typeof INPUT_CELLS)[number]; value: number }[];
  /** Blank cells per table, in INPUT_CELLS order. */
  blanks: Record<TableKey, string[]>;
}

function scanInputs(cells: Report['cells']): InputScan {
  const out: InputScan = { bad: [], blanks: { proactive: [], requests: [], reviews: [] } };
  for (const c of INPUT_CELLS) {
    const v = cells[c.path];
    if (v === null || v === undefined) out.blanks[c.table].push(c.path);
    else if (!Number.isSafeInteger(v) || v < 0) out.bad.push({ cell: c, value: v });
  }
  return out;
}

/** E2: stored values are whole numbers ≥ 0 (typed input is refused at the cell before it gets here). */
function formats(report: Report, scan: InputScan): Finding[] {
  const out: Finding[] = [];
  // Entries refused at a cell (not stored, the cell kept its earlier value): errors until corrected.
  for (const [path, r] of Object.entries(report.refused ?? {})) {
    out.push({
      rule: 'E2',
      severity: 'error',
      cells: [path],
      section: CELL_BY_PATH.get(path)?.table ?? 'requests',
      message: `${cellLabel(path)}：输入的「${r.text.trim()}」未保存（${r.message}），本格仍是原来的值`,
    });
  }
  for (const { cell: c, value: v } of scan.bad) {
    out.push({
      rule: 'E2',
      severity: 'error',
      cells: [c.path],
      section: c.table,
      actual: v,
      message: `${cellLabel(c.path)}：「${String(v)}」不是${c.unit === 'fen' ? '有效金额' : '不小于 0 的整数'}`,
    });
  }
  return out;
}

/** E3: nothing left blank (blank is not zero), agency and year given, every text section filled. */
function completeness(report: Report, scan: InputScan): Finding[] {
  const out: Finding[] = [];
  if (!report.agency.trim()) {
    out.push({
      rule: 'E3',
      severity: 'error',
      cells: ['agency'],
      section: 'basics',
      message: '基本信息：未填写机关名称',
    });
  }
  if (report.year === null) {
    out.push({
      rule: 'E3',
      severity: 'error',
      cells: ['year'],
      section: 'basics',
      message: '基本信息：未填写报告年度',
    });
  }
  const ov = sectionTitle(section('overview'));
  if (report.overview.length === 0 || report.overview.every((o) => !o.body.trim())) {
    out.push({
      rule: 'E3',
      severity: 'error',
      cells: ['overview.0.body'],
      section: 'overview',
      message: `「${ov}」尚未填写`,
    });
  } else {
    report.overview.forEach((o, i) => {
      if (!o.body.trim()) {
        out.push({
          rule: 'E3',
          severity: 'error',
          cells: [`overview.${i}.body`],
          section: 'overview',
          message: `「${ov}」第 ${i + 1} 部分「${o.heading || '（无标题）'}」正文为空（不需要的部分请删除）`,
        });
      }
    });
  }
  for (const key of ['problems', 'otherMatters'] as const) {
    const text = report[key].trim();
    if (!text) {
      out.push({
        rule: 'E3',
        severity: 'error',
        cells: [key],
        section: key,
        message: `「${sectionTitle(section(key))}」尚未填写`,
      });
    }
  }
  // One finding per table so the list stays readable; it names the cells.
  for (const table of ['proactive', 'requests', 'reviews'] as const) {
    const blanks = scan.blanks[table];
    if (!blanks.length) continue;
    const sample = blanks
      .slice(0, 3)
      .map((p) => cellShortLabel(p))
      .join('、');
    out.push({
      rule: 'E3',
      severity: 'error',
      cells: blanks,
      section: table,
      actual: blanks.length,
      message: `「${sectionTitle(section(table))}」有 ${blanks.length} 个空格未填（空格不等于 0）：${sample}${blanks.length > 3 ? ' 等' : ''}`,
    });
  }
  return out;
}

/** Cell values by path, derived ones included: allValues' Map, or a lookup over fewer cells. */
export type ValueLookup = Pick<Map<CellPath, number | null>, 'get'>;

/** W1: 二、上年结转 = last year's 四、结转下年度, per column. */
function carriedOver(values: ValueLookup, prev: ValueLookup): Finding[] {
  const out: Finding[] = [];
  for (const col of REQUESTS_COLUMNS) {
    const here = `requests.carriedOver.${col.key}`;
    const there = `requests.carriedForward.${col.key}`;
    const a = values.get(here) ?? null;
    const b = prev.get(there) ?? null;
    if (a === null || b === null || a === b) continue;
    out.push({
      rule: 'W1',
      severity: 'warning',
      cells: [here],
      section: 'requests',
      expected: b,
      actual: a,
      difference: a - b,
      message: `${REQUEST_APPLICANT_TITLE}${col.label}列：上年结转填 ${a}，但上年报告结转下年度为 ${b}，相差 ${signed(a - b)}`,
    });
  }
  return out;
}

/** W2: 现行有效 = last year's 现行有效 + 本年制发 − 本年废止 (规章, 行政规范性文件). */
function inForce(values: ValueLookup, prev: ValueLookup): Finding[] {
  const out: Finding[] = [];
  const block = PROACTIVE_BLOCKS[0]!;
  for (const r of block.rows) {
    const p = (c: string) => `proactive.${r.keys.join('.')}.${c}`;
    const last = prev.get(p('inForce')) ?? null;
    const issued = values.get(p('issued')) ?? null;
    const repealed = values.get(p('repealed')) ?? null;
    const now = values.get(p('inForce')) ?? null;
    if (last === null || issued === null || repealed === null || now === null) continue;
    const expected = last + issued - repealed;
    if (expected === now) continue;
    out.push({
      rule: 'W2',
      severity: 'warning',
      cells: [p('inForce'), p('issued'), p('repealed')],
      section: 'proactive',
      expected,
      actual: now,
      difference: now - expected,
      message: `「${sectionTitle(section('proactive'))}」${r.label}：现行有效 ${now} 件，但上年 ${last} + 制发 ${issued} − 废止 ${repealed} = ${expected}，相差 ${signed(
        now - expected,
      )}`,
    });
  }
  return out;
}

/** W1 and W2: this year's values against last year's. */
export function yearOnYear(values: ValueLookup, previous: ValueLookup): Finding[] {
  return [...carriedOver(values, previous), ...inForce(values, previous)];
}

/**
 * The rules' version: stored with the counts a saved report keeps for the home list, so the
 * list recounts a report only when the rules changed. Bump it with any change to what the
 * rules find.
 */
export const RULES_VERSION = 1;

/** Runs every rule. Order: errors first, then warnings, each in report order. */
export function checkReport(report: Report, ctx: RuleContext = {}): Finding[] {
  const values = ctx.values ?? allValues(report.cells);
  const scan = scanInputs(report.cells);
  const found: Finding[] = [...formats(report, scan), ...completeness(report, scan), ...balance(values)];
  if (ctx.previous) found.push(...yearOnYear(values, allValues(ctx.previous.cells)));
  found.push(...textRules(report, values, ctx.textCache));
  const order: (SectionKey | 'basics')[] = [
    'basics',
    'overview',
    'proactive',
    'requests',
    'reviews',
    'problems',
    'otherMatters',
  ];
  return found
    .map((f, i) => ({ f, i }))
    .sort(
      (x, y) =>
        (x.f.severity === y.f.severity ? 0 : x.f.severity === 'error' ? -1 : 1) ||
        order.indexOf(x.f.section) - order.indexOf(y.f.section) ||
        x.i - y.i,
    )
    .map((x) => x.f);
}

/** Stable identity of a finding, for matching explanations across edits. */
/**
 * The blanks a finding stands for while a report is filled in (未填, not 错误): each cell or
 * field of an E3, and W5 over 六's untouched starting items (they cannot say yet whether
 * 信息处理费 was collected); 0 for any other finding. The wizard and the home list count these.
 */
export function stillToFill(f: Pick<Finding, 'rule' | 'cells'>, report: Pick<Report, 'otherMatters'>): number {
  if (f.rule === 'E3') return Math.max(1, f.cells.length);
  return f.rule === 'W5' && otherMattersUntouched(report.otherMatters) ? 1 : 0;
}

export function findingKey(f: Pick<Finding, 'rule' | 'cells'>): string {
  return `${f.rule}:${[...f.cells].sort().join(',')}`;
}

export function explanationFor(f: Finding, explanations: readonly Explanation[]): Explanation | undefined {
  if (f.severity !== 'warning') return undefined;
  const key = findingKey(f);
  return explanations.find((e) => findingKey(e) === key);
}

export const hasErrors = (findings: readonly Finding[]): boolean => findings.some((f) => f.severity === 'error');

/** Findings pointing at a cell, for its inline state. */
export function findingsByCell(findings: readonly Finding[]): Map<string, Finding[]> {
  const m = new Map<string, Finding[]>();
  for (const f of findings) for (const c of f.cells) m.set(c, [...(m.get(c) ?? []), f]);
  return m;
}
