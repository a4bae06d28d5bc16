// What the collection page shows, derived from the stored entries: list items with the
// 重复 flag, the year-on-year change and indicator outliers; the refusals; the choice of
// reports to sum. Pure over its inputs, so it is tested without a browser.
import type { CellValues } from '../report';
import {
  INDICATORS,
  type IndicatorKey,
  type Outlier,
  type SummaryRow,
  agencyKey,
  duplicateWinnerSteps,
  figureChange,
  inDefaultSum,
  outliers,
  yearOnYearFindings,
} from '../report/summary';
import { findingKey } from '../report';
import type { StoredEntry } from '../storage/collections';
import { addPacked, emptyPackedSum, packedReader, sumPacked, unpackCells } from './packed';

export type OkEntry = Extract<StoredEntry, { kind: 'ok' }>;
type RefusedEntry = Extract<StoredEntry, { kind: 'refused' }>;

export interface ListItem {
  id: string;
  fileName: string;
  agency: string;
  year: number | null;
  status: SummaryRow['status'];
  errors: number;
  warnings: number;
  explained: number;
  newReceived: number | null;
  disclosed: number | null;
  reconsideration: number | null;
  litigation: number | null;
  /** 本年新收 minus last year's, from the previous year's collection. */
  newReceivedChange: number | null;
  disclosureRate: number | null;
  reconsiderationCorrection: number | null;
  litigationCorrection: number | null;
  carryRate: number | null;
  /** File name of the report that counts instead of this one (重复), or null. */
  duplicateOf: string | null;
  /** A report of another year than the collection's: listed, never summed by a rule, not counted as sent. */
  otherYear: boolean;
  /** W1/W2 against the same agency's report in last year's collection (counted in warnings), each message. */
  yearOnYear: { message: string; explained: boolean }[];
  outliers: Partial<Record<IndicatorKey, Outlier>>;
}

export interface CollectionModel {
  /** The collection's reporting year (null: any). */
  year: number | null;
  ok: OkEntry[];
  items: ListItem[];
  refused: RefusedEntry[];
  /** Accepted entries that count (duplicates set aside). */
  counted: OkEntry[];
  /** Entry id → the same agency's counted report in last year's collection, when there is one. */
  previousOf: Map<string, OkEntry>;
  drafts: number;
  finals: number;
  duplicates: number;
  withErrors: number;
  /**
   * The sum by each rule with no report ticked by hand, made while the model is derived in
   * slices: opening 合计 over 10,000 reports then sums nothing (at once it was a long task).
   */
  sums: Record<SumBase, CellValues>;
}

function lastYearFindings(e: OkEntry, last: OkEntry): { message: string; explained: boolean }[] {
  const explainedKeys = new Set(e.row.explanationKeys ?? []);
  return yearOnYearFindings(packedReader(e.cells), packedReader(last.cells)).map((f) => ({
    message: f.message,
    explained: explainedKeys.has(findingKey(f)),
  }));
}

export function deriveCollection(
  entries: readonly StoredEntry[],
  previous: readonly StoredEntry[] = [],
  year: number | null = null,
): CollectionModel {
  const steps = derive(entries, previous, year);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Rows derived between two looks at the clock. */
const STEP = 250;

/** Hands the thread back to the page (input, paint) and resumes in the next task. */
export const yieldToPage = (): Promise<void> =>
  new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });

/**
 * deriveCollection in tasks of about `budgetMs`, so the page answers while 10,000 rows are
 * derived (at once it was a task of 60 ms or more). Null when `live()` turns false meanwhile.
 */
export async function deriveCollectionInSlices(
  entries: readonly StoredEntry[],
  previous: readonly StoredEntry[],
  live: () => boolean,
  { budgetMs = 8, year = null }: { budgetMs?: number; year?: number | null } = {},
): Promise<CollectionModel | null> {
  const steps = derive(entries, previous, year);
  let from = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - from >= budgetMs) {
      await yieldToPage();
      if (!live()) return null;
      from = performance.now();
    }
  }
}

/**
 * `list.map(fn)` in tasks of about `budgetMs` (the end of a load of 10,000 made every entry
 * record in one task). Null when `live()` turns false meanwhile.
 */
export async function mapInSlices<T, U>(
  list: readonly T[],
  fn: (x: T) => U,
  live: () => boolean = () => true,
  budgetMs = 8,
): Promise<U[] | null> {
  const out: U[] = new Array(list.length);
  let from = performance.now();
  for (let i = 0; i < list.length; i++) {
    out[i] = fn(list[i]!);
    if (i % 64 === 63 && performance.now() - from >= budgetMs) {
      await yieldToPage();
      if (!live()) return null;
      from = performance.now();
    }
  }
  return out;
}

/** The derivation, yielding every STEP rows and between passes: the caller decides when to pause. */
function* derive(
  entries: readonly StoredEntry[],
  previous: readonly StoredEntry[],
  year: number | null,
): Generator<void, CollectionModel> {
  const ok = entries.filter((e): e is OkEntry => e.kind === 'ok');
  const refused = entries.filter((e): e is RefusedEntry => e.kind === 'refused');
  const winners = yield* duplicateWinnerSteps(
    ok.map((e) => e.row),
    STEP,
  );
  const counted = ok.filter((_, i) => winners[i] === -1);
  yield;
  // Last year's: its counted report per agency.
  const prevOk = previous.filter((e): e is OkEntry => e.kind === 'ok');
  const prevWinners = yield* duplicateWinnerSteps(
    prevOk.map((e) => e.row),
    STEP,
  );
  const lastYear = new Map<string, OkEntry>();
  prevOk.forEach((e, i) => {
    if (prevWinners[i] === -1) lastYear.set(agencyKey(e.row.agency), e);
  });
  yield;
  const previousOf = new Map<string, OkEntry>();
  const items: ListItem[] = [];
  for (let i = 0; i < ok.length; i++) {
    if (i % STEP === STEP - 1) yield;
    const e = ok[i]!;
    const r = e.row;
    const w = winners[i]!;
    const last = lastYear.get(agencyKey(r.agency));
    if (last) previousOf.set(e.id, last);
    // The warnings a clerk sees with last year's report loaded in the wizard, and whether 数据说明 explains them.
    const yearOnYear = last ? lastYearFindings(e, last) : [];
    items.push({
      id: e.id,
      fileName: e.fileName,
      agency: r.agency,
      year: r.year,
      status: r.status,
      errors: r.errors,
      warnings: r.warnings + yearOnYear.length,
      explained: r.explained + yearOnYear.filter((f) => f.explained).length,
      ...r.figures,
      newReceivedChange: figureChange(r.figures, last?.row.figures)?.newReceived ?? null,
      ...r.indicators,
      duplicateOf: w === -1 ? null : ok[w]!.fileName,
      otherYear: year !== null && r.year !== year,
      yearOnYear,
      outliers: {},
    });
  }
  // Outliers against the counted reports only: a duplicate must not weigh twice.
  const countedItems = items.filter((it) => it.duplicateOf === null);
  for (const ind of INDICATORS) {
    yield;
    const marks = outliers(countedItems.map((it) => it[ind.key]));
    countedItems.forEach((it, i) => {
      const m = marks[i];
      if (m) it.outliers[ind.key] = m;
    });
  }
  yield;
  // The sum by each rule (byRule), over the counted reports.
  const acc: Record<SumBase, Float64Array> = {
    default: emptyPackedSum(),
    final: emptyPackedSum(),
    all: emptyPackedSum(),
  };
  for (let i = 0; i < counted.length; i++) {
    if (i % STEP === STEP - 1) yield;
    const e = counted[i]!;
    for (const base of SUM_BASES) if (byRule(base, e, year)) addPacked(acc[base], e.cells);
  }
  yield;
  return {
    year,
    ok,
    items,
    refused,
    counted,
    previousOf,
    drafts: counted.filter((e) => e.row.status === 'draft').length,
    finals: counted.filter((e) => e.row.status === 'final').length,
    duplicates: ok.length - counted.length,
    withErrors: counted.filter((e) => e.row.errors > 0).length,
    sums: { default: unpackCells(acc.default), final: unpackCells(acc.final), all: unpackCells(acc.all) },
  };
}

/** Which reports the sum takes by rule; the clerk may then tick or untick single reports. */
export type SumBase = 'default' | 'final' | 'all';

export const SUM_CHOICES: readonly { key: SumBase; label: string }[] = [
  { key: 'default', label: '定稿且无错误（默认）' },
  { key: 'final', label: '全部定稿（含有错误的）' },
  { key: 'all', label: '全部报告（含草稿）' },
];

/** The sum's choice, kept with the collection: a rule, and the reports ticked or unticked by hand. */
export interface SumChoice {
  base: SumBase;
  /** Entry ids added by hand though the rule leaves them out. */
  include?: readonly string[];
  /** Entry ids left out by hand though the rule takes them. */
  exclude?: readonly string[];
}

export const DEFAULT_SUM_CHOICE: SumChoice = { base: 'default' };

const SUM_BASES: readonly SumBase[] = ['default', 'final', 'all'];

/** No rule sums a report of another year (a file sent to the wrong collection); a tick by hand can. */
function byRule(base: SumBase, e: OkEntry, year: number | null): boolean {
  if (year !== null && e.row.year !== year) return false;
  if (base === 'all') return true;
  if (base === 'final') return e.row.status === 'final';
  return inDefaultSum(e.row);
}

/** The counted reports the sum takes (a duplicate set aside never counts). */
export function sumSelection(model: CollectionModel, choice: SumChoice): OkEntry[] {
  const include = new Set(choice.include ?? []);
  const exclude = new Set(choice.exclude ?? []);
  return model.counted.filter((e) => include.has(e.id) || (!exclude.has(e.id) && byRule(choice.base, e, model.year)));
}

/** The choice with one report ticked (`on`) or unticked; a tick that the rule gives anyway leaves no override. */
export function withTicked(choice: SumChoice, model: CollectionModel, id: string, on: boolean): SumChoice {
  const entry = model.counted.find((e) => e.id === id);
  const include = (choice.include ?? []).filter((x) => x !== id);
  const exclude = (choice.exclude ?? []).filter((x) => x !== id);
  if (entry && on !== byRule(choice.base, entry, model.year)) (on ? include : exclude).push(id);
  return { base: choice.base, ...(include.length ? { include } : {}), ...(exclude.length ? { exclude } : {}) };
}

/** Overrides that still apply (an entry removed since is no longer counted). */
export function manualChanges(choice: SumChoice, model: CollectionModel): { added: OkEntry[]; removed: OkEntry[] } {
  const byId = new Map(model.counted.map((e) => [e.id, e]));
  const pick = (ids: readonly string[] | undefined, rule: boolean) =>
    (ids ?? [])
      .map((id) => byId.get(id))
      .filter((e): e is OkEntry => !!e && byRule(choice.base, e, model.year) === rule);
  return { added: pick(choice.include, false), removed: pick(choice.exclude, true) };
}

export const sumOfEntries = (entries: readonly OkEntry[]): CellValues => sumPacked(entries.map((e) => e.cells));

/**
 * The sum of the chosen reports: the rule's, made with the model, unless reports were ticked
 * or unticked by hand (then summed here, exactly, rather than adjusted by subtraction).
 */
export function sumOfChoice(model: CollectionModel, choice: SumChoice): CellValues {
  const manual = manualChanges(choice, model);
  return manual.added.length || manual.removed.length
    ? sumOfEntries(sumSelection(model, choice))
    : model.sums[choice.base];
}

/**
 * The reporting year a collection's name states (「某县 2024 年度」, 「2024年」): the year the
 * 报告年度 box takes until the clerk types in it, so a name and its year do not disagree by a
 * forgotten default. A year followed by 年度 wins; otherwise only a single year counts.
 */
export function yearInName(name: string): number | null {
  const years = [...name.matchAll(/(?<!\d)(\d{4})(?!\d)\s*(年度)?/g)]
    .map((m) => ({ year: Number(m[1]), annual: Boolean(m[2]) }))
    .filter((y) => y.year >= 2008 && y.year <= 2100);
  const annual = new Set(years.filter((y) => y.annual).map((y) => y.year));
  if (annual.size === 1) return [...annual][0]!;
  const all = new Set(years.map((y) => y.year));
  return annual.size === 0 && all.size === 1 ? [...all][0]! : null;
}
