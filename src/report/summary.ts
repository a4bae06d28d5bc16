// 汇总: what the office receiving many reports computes over them — a row per report,
// duplicates, who is missing, the sum of tables 二/三/四 and the indicators. Pure: the
// collection page, its workers and the exports all call these.
import { INPUT_CELLS } from './cells';
import { type CellPath, PROACTIVE_BLOCKS, REQUESTS_COLUMNS } from './format';
import { type CellValues, type Report, allValues, blankCells, cellValue, emptyReport } from './model';
import { type Finding, checkReport, explanationFor, findingKey, yearOnYear } from './rules';

export type EntryStatus = 'draft' | 'final';

/** The main figures shown in the list (totals of the template's rows). */
const MAIN_FIGURES = [
  { key: 'newReceived', label: '本年新收', cells: ['requests.newReceived.total'] },
  { key: 'disclosed', label: '予以公开', cells: ['requests.disclosed.total'] },
  { key: 'reconsideration', label: '行政复议', cells: ['reviews.reconsideration.total'] },
  {
    key: 'litigation',
    label: '行政诉讼',
    cells: ['reviews.litigationDirect.total', 'reviews.litigationAfterReconsideration.total'],
  },
] as const;

type FigureKey = (typeof MAIN_FIGURES)[number]['key'];
export type Figures = Record<FigureKey, number | null>;

/** One accepted report of a collection, as the list shows it. */
export interface SummaryRow {
  agency: string;
  year: number | null;
  status: EntryStatus;
  errors: number;
  warnings: number;
  /** Warnings the clerk explained (数据说明). */
  explained: number;
  figures: Figures;
  indicators: IndicatorValues;
  /** ISO time the file was exported, when it says. */
  exportedAt?: string;
  /** findingKey of each 数据说明, so W1/W2 run later against last year's collection count as explained. */
  explanationKeys?: string[];
}

/** Sum of the cells named, null when every one is blank. */
function sumOf(values: Map<CellPath, number | null>, cells: readonly CellPath[]): number | null {
  let out: number | null = null;
  for (const c of cells) {
    const v = values.get(c) ?? null;
    if (v !== null) out = (out ?? 0) + v;
  }
  return out;
}

function mainFigures(values: Map<CellPath, number | null>): Figures {
  const out = {} as Figures;
  for (const f of MAIN_FIGURES) out[f.key] = sumOf(values, f.cells);
  return out;
}

/** The list row of one report, with its findings (every rule; W1/W2 when last year's is given). */
export function summarize(
  report: Report,
  status: EntryStatus,
  opts: { exportedAt?: string; previous?: Report | null } = {},
): { row: SummaryRow; findings: Finding[] } {
  const values = allValues(report.cells);
  const findings = checkReport(report, { values, previous: opts.previous ?? null });
  let errors = 0;
  let warnings = 0;
  let explained = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else {
      warnings++;
      if (explanationFor(f, report.explanations)) explained++;
    }
  }
  const row: SummaryRow = {
    agency: report.agency,
    year: report.year,
    status,
    errors,
    warnings,
    explained,
    figures: mainFigures(values),
    indicators: indicators(values),
    ...(opts.exportedAt ? { exportedAt: opts.exportedAt } : {}),
    ...(report.explanations.length ? { explanationKeys: report.explanations.map(findingKey) } : {}),
  };
  return { row, findings };
}

// ---------------------------------------------------------------- last year's collection

const APPLICANT_KEYS = REQUESTS_COLUMNS.filter((c) => !c.derived).map((c) => c.key);
const LAW_ROWS = PROACTIVE_BLOCKS[0]!.rows.map((r) => `proactive.${r.keys.join('.')}`);
/** The input cells W1 and W2 read: this year's 上年结转 and 规章/规范性文件 rows, last year's 结转下年度 and 现行有效. */
const YEAR_ON_YEAR_INPUTS = {
  now: [
    ...APPLICANT_KEYS.map((k) => `requests.carriedOver.${k}`),
    ...LAW_ROWS.flatMap((r) => [`${r}.issued`, `${r}.repealed`, `${r}.inForce`]),
  ],
  last: [...APPLICANT_KEYS.map((k) => `requests.carriedForward.${k}`), ...LAW_ROWS.map((r) => `${r}.inForce`)],
} as const;

function lookup(paths: readonly CellPath[], read: (path: CellPath) => number | null) {
  const cells: CellValues = {};
  for (const p of paths) cells[p] = read(p);
  const memo = new Map<CellPath, number | null>();
  return { get: (p: CellPath) => cellValue(cells, p, memo) };
}

/**
 * W1 and W2 of a collected report against the same agency's report in last year's
 * collection, as the wizard runs them with last year's report loaded: the same rule code,
 * over only the cells it reads (a list of thousands must not build every value twice).
 * `now` and `last` read input cells.
 */
export function yearOnYearFindings(
  now: (path: CellPath) => number | null,
  last: (path: CellPath) => number | null,
): Finding[] {
  const found = yearOnYear(lookup(YEAR_ON_YEAR_INPUTS.now, now), lookup(YEAR_ON_YEAR_INPUTS.last, last));
  // In report order, as checkReport lists them: table 二 (W2) before table 三 (W1).
  return [...found.filter((f) => f.rule === 'W2'), ...found.filter((f) => f.rule !== 'W2')];
}

// ---------------------------------------------------------------- duplicates

/** Agency names compared without spaces (「老店镇 」 and 「老 店 镇」 are one agency). */
export const agencyKey = (agency: string): string =>
  /[\s\u3000]/.test(agency) ? agency.replace(/[\s\u3000]+/g, '') : agency;

export const reportKey = (r: Pick<SummaryRow, 'agency' | 'year'>): string => `${agencyKey(r.agency)}|${r.year ?? ''}`;

/**
 * For rows in the order they were added: the index of the row that counts instead of each
 * duplicate (same agency and year), or -1 when the row counts. The newer `exportedAt` wins;
 * on a tie (or none given) the one added later wins, as a corrected file is sent later.
 */
export function duplicateWinners(rows: readonly Pick<SummaryRow, 'agency' | 'year' | 'exportedAt'>[]): number[] {
  const steps = duplicateWinnerSteps(rows);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** duplicateWinners, pausing every `step` rows (the collection page derives 10,000 in slices). */
export function* duplicateWinnerSteps(
  rows: readonly Pick<SummaryRow, 'agency' | 'year' | 'exportedAt'>[],
  step = 1000,
): Generator<void, number[]> {
  const best = new Map<string, number>();
  // Each key once: thousands of rows are listed on every change of the collection.
  const keys: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (i % step === step - 1) yield;
    const r = rows[i]!;
    const key = reportKey(r);
    keys.push(key);
    const held = best.get(key);
    if (held === undefined || (rows[held]!.exportedAt ?? '') <= (r.exportedAt ?? '')) best.set(key, i);
  }
  yield;
  return keys.map((key, i) => {
    const w = best.get(key)!;
    return w === i ? -1 : w;
  });
}

// ---------------------------------------------------------------- who is missing

/** A pasted list of agencies (one a line, or separated by commas, 、 or tabs), each once. */
export function parseAgencyList(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.split(/[\r\n,，、;；\t]+/)) {
    const name = part.trim();
    const key = agencyKey(name);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

export interface MissingReport {
  /** Expected agencies with no report for the year. */
  notSent: string[];
  /** Sent only a draft. */
  draftOnly: string[];
  /** Their counted report has errors. */
  withErrors: string[];
  /** Sent only a report of another year (most often last year's file, sent again): not sent for this one. */
  otherYearOnly: string[];
}

/** Expected agencies against the counted rows (duplicates already set aside) of one year. */
export function missingAgencies(
  expected: readonly string[],
  counted: readonly Pick<SummaryRow, 'agency' | 'status' | 'errors' | 'year'>[],
  /** The collection's year: a report of another year does not count as sent (null: any year counts). */
  year: number | null = null,
): MissingReport {
  const byAgency = new Map<string, Pick<SummaryRow, 'agency' | 'status' | 'errors' | 'year'>[]>();
  for (const r of counted) {
    const k = agencyKey(r.agency);
    byAgency.set(k, [...(byAgency.get(k) ?? []), r]);
  }
  const out: MissingReport = { notSent: [], draftOnly: [], withErrors: [], otherYearOnly: [] };
  for (const name of expected) {
    const all = byAgency.get(agencyKey(name));
    const got = year === null ? all : all?.filter((r) => r.year === year);
    if (!got?.length && all?.length) out.otherYearOnly.push(name);
    else if (!got?.length) out.notSent.push(name);
    else if (!got.some((r) => r.status === 'final')) out.draftOnly.push(name);
    else if (got.every((r) => r.errors > 0)) out.withErrors.push(name);
  }
  return out;
}

// ---------------------------------------------------------------- the sum

/** Whether a report counts in the sum by default: final and without errors. */
export const inDefaultSum = (r: Pick<SummaryRow, 'status' | 'errors'>): boolean =>
  r.status === 'final' && r.errors === 0;

/**
 * Tables 二, 三, 四 summed cell by cell, as a Report so the same rules (E1 balance) and
 * the same table layout apply. A cell is blank only when it is blank in every report.
 */
export function sumCells(cellsList: Iterable<CellValues>): CellValues {
  const out = blankCells();
  for (const cells of cellsList) {
    for (const c of INPUT_CELLS) {
      const v = cells[c.path];
      if (v !== null && v !== undefined) out[c.path] = (out[c.path] ?? 0) + v;
    }
  }
  return out;
}

export function sumReport(cellsList: Iterable<CellValues>, label: string, year: number | null): Report {
  return sumAsReport(sumCells(cellsList), label, year);
}

/** Summed cells as a Report with no text, named by `label` (e.g. 「某县汇总（120 份）」). */
export function sumAsReport(cells: CellValues, label: string, year: number | null): Report {
  return { ...emptyReport(label, year), overview: [], otherMatters: '', cells };
}

/** The sum's own checks: the table rules only (the sum has no text to check). */
export function checkSum(sum: Report): Finding[] {
  return checkReport(sum).filter(
    (f) =>
      (f.rule === 'E1' || f.rule === 'E2' || f.rule === 'E3') &&
      (f.section === 'proactive' || f.section === 'requests' || f.section === 'reviews'),
  );
}

// ---------------------------------------------------------------- indicators

export interface Indicator {
  key: 'disclosureRate' | 'reconsiderationCorrection' | 'litigationCorrection' | 'carryRate';
  label: string;
  /** The formula in the template's words, shown next to the figure. */
  formula: string;
  numerator: readonly CellPath[];
  denominator: readonly CellPath[];
}

export const INDICATORS: readonly Indicator[] = [
  {
    key: 'disclosureRate',
    label: '公开率',
    formula: '（（一）予以公开 + （二）部分公开）÷（七）总计',
    numerator: ['requests.disclosed.total', 'requests.partiallyDisclosed.total'],
    denominator: ['requests.handledTotal.total'],
  },
  {
    key: 'reconsiderationCorrection',
    label: '复议纠错率',
    formula: '行政复议 结果纠正 ÷ 行政复议 总计',
    numerator: ['reviews.reconsideration.corrected'],
    denominator: ['reviews.reconsideration.total'],
  },
  {
    key: 'litigationCorrection',
    label: '诉讼纠错率',
    formula: '行政诉讼 结果纠正 ÷ 行政诉讼 总计（未经复议直接起诉 + 复议后起诉）',
    numerator: ['reviews.litigationDirect.corrected', 'reviews.litigationAfterReconsideration.corrected'],
    denominator: ['reviews.litigationDirect.total', 'reviews.litigationAfterReconsideration.total'],
  },
  {
    key: 'carryRate',
    label: '结转率',
    formula: '四、结转下年度继续办理 ÷（一、本年新收 + 二、上年结转）',
    numerator: ['requests.carriedForward.total'],
    denominator: ['requests.newReceived.total', 'requests.carriedOver.total'],
  },
];

export type IndicatorKey = Indicator['key'];
export type IndicatorValues = Record<IndicatorKey, number | null>;

/** Each indicator as a fraction (0.25 = 25%), null when its denominator is 0 or blank. */
export function indicators(values: Map<CellPath, number | null>): IndicatorValues {
  const out = {} as IndicatorValues;
  for (const ind of INDICATORS) {
    const d = sumOf(values, ind.denominator);
    const n = sumOf(values, ind.numerator);
    out[ind.key] = d === null || d === 0 ? null : (n ?? 0) / d;
  }
  return out;
}

export const indicatorsOf = (cells: CellValues): IndicatorValues => indicators(allValues(cells));

/** Quartiles by linear interpolation between closest ranks (as Excel's QUARTILE.INC). */
export function quartiles(xs: readonly number[]): { q1: number; q3: number } | null {
  if (!xs.length) return null;
  // A typed array sorts numbers natively, without a comparator call per pair.
  const s = Float64Array.from(xs).sort();
  const at = (p: number) => {
    const h = (s.length - 1) * p;
    const lo = Math.floor(h);
    return s[lo]! + (h - lo) * ((s[lo + 1] ?? s[lo]!) - s[lo]!);
  };
  return { q1: at(0.25), q3: at(0.75) };
}

export type Outlier = 'high' | 'low';

/** Fewer values than this and no value is called an outlier. */
const MIN_FOR_OUTLIERS = 5;

/** Values beyond the collection's quartiles ± 1.5 IQR (Tukey's fences). */
export function outliers(values: readonly (number | null)[]): (Outlier | null)[] {
  const present = values.filter((v): v is number => v !== null);
  const q = present.length >= MIN_FOR_OUTLIERS ? quartiles(present) : null;
  if (!q) return values.map(() => null);
  const iqr = q.q3 - q.q1;
  const lo = q.q1 - 1.5 * iqr;
  const hi = q.q3 + 1.5 * iqr;
  return values.map((v) => (v === null ? null : v > hi ? 'high' : v < lo ? 'low' : null));
}

/** A fraction as the UI shows it. */
export const percent = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

// ---------------------------------------------------------------- year on year

/** The same agency's figures in last year's collection, as a change (this − last). */
export function figureChange(now: Figures, last: Figures | undefined): Figures | null {
  if (!last) return null;
  const out = {} as Figures;
  for (const f of MAIN_FIGURES) {
    const a = now[f.key];
    const b = last[f.key];
    out[f.key] = a === null || b === null ? null : a - b;
  }
  return out;
}
