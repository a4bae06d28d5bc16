// The report as the app holds it: table cells in one flat map keyed by JSON path,
// so a cell, a paste block, an undo step and a rule all speak the same paths.
// The nested JSON form (SPEC, version 1) is produced by json.ts.
import { CELLS, CELL_BY_PATH, INPUT_CELLS, cellDecl } from './cells';
import { type CellPath, OTHER_MATTERS_DEFAULT_ITEMS, OVERVIEW_DEFAULT_HEADINGS } from './format';

export type RuleId = 'E1' | 'E2' | 'E3' | 'W1' | 'W2' | 'W3' | 'W4' | 'W5';

export interface OverviewPart {
  heading: string;
  body: string;
}

/** The clerk's written reason for letting a warning stand (printed as 数据说明). */
export interface Explanation {
  rule: RuleId;
  cells: CellPath[];
  reason: string;
}

export type CellValues = Record<CellPath, number | null>;

/** What the clerk typed into a cell and the cell refused: not a value, so never in `cells`. */
export interface RefusedEntry {
  /** What the clerk typed. */
  text: string;
  /** Why it was refused (parseCell's message). */
  message: string;
}

export interface Report {
  agency: string;
  year: number | null;
  overview: OverviewPart[];
  /** Input cells only; derived cells are computed by `derivedValues`. Blank is null, never 0. */
  cells: CellValues;
  problems: string;
  otherMatters: string;
  explanations: Explanation[];
  /**
   * Entries refused at a cell while the cell kept its earlier value: part of the draft (saved,
   * restored on opening, errors until corrected), never of a report file (toJson leaves them out).
   */
  refused?: Readonly<Record<CellPath, RefusedEntry>>;
}

export function blankCells(): CellValues {
  const out: CellValues = {};
  for (const c of INPUT_CELLS) out[c.path] = null;
  return out;
}

/** A new report with section 一's usual sub-sections and section 六's usual items. */
export function emptyReport(agency = '', year: number | null = null): Report {
  return {
    agency,
    year,
    overview: OVERVIEW_DEFAULT_HEADINGS.map((heading) => ({ heading, body: '' })),
    cells: blankCells(),
    problems: '',
    otherMatters: OTHER_MATTERS_DEFAULT_ITEMS.map((item, i) => `${'一二三四'[i]}、${item}\n`).join('\n'),
    explanations: [],
  };
}

/**
 * Value of any cell, input or derived. A derived cell is the sum of its non-blank
 * parts, and blank only when every part is blank (so a total grows as the clerk types).
 */
export function cellValue(cells: CellValues, path: CellPath, memo?: Map<CellPath, number | null>): number | null {
  const d = cellDecl(path);
  if (!d.derived) return cells[path] ?? null;
  const hit = memo?.get(path);
  if (hit !== undefined) return hit;
  let sum: number | null = null;
  for (const p of d.parts) {
    const v = cellValue(cells, p, memo);
    if (v !== null) sum = (sum ?? 0) + v;
  }
  memo?.set(path, sum);
  return sum;
}

/**
 * How allValues computes: every cell once, parts before the totals made of them (a derived
 * part, e.g. 总计 of 总计, comes first), each part by its index. Built once: 汇总 computes
 * the values of thousands of reports.
 */
const PLAN = (() => {
  const index = new Map(CELLS.map((c, i) => [c.path, i]));
  const order: number[] = [];
  const placed = new Set<number>();
  const place = (i: number): void => {
    if (placed.has(i)) return;
    for (const p of CELLS[i]!.parts) place(index.get(p)!);
    placed.add(i);
    order.push(i);
  };
  for (let i = 0; i < CELLS.length; i++) place(i);
  return {
    /** Derived cells only, each after its parts. */
    derived: order.filter((i) => CELLS[i]!.derived),
    parts: CELLS.map((c) => (c.derived ? c.parts.map((p) => index.get(p)!) : [])),
    inputs: CELLS.flatMap((c, i) => (c.derived ? [] : [i])),
    paths: CELLS.map((c) => c.path),
  };
})();

/**
 * Every derived cell's value written into `vals` (indexed as CELLS), from the input cells
 * already there: 汇总's reader checks a file's stated totals with it, without a Map.
 */
export function deriveValues(vals: (number | null)[]): void {
  for (const i of PLAN.derived) {
    let sum: number | null = null;
    for (const p of PLAN.parts[i]!) {
      const v = vals[p]!;
      if (v !== null) sum = (sum ?? 0) + v;
    }
    vals[i] = sum;
  }
}

/** Every cell's value, derived ones included (as cellValue gives each, in CELLS order). */
export function allValues(cells: CellValues): Map<CellPath, number | null> {
  const { inputs, paths } = PLAN;
  const vals: (number | null)[] = new Array(paths.length);
  for (const i of inputs) vals[i] = cells[paths[i]!] ?? null;
  deriveValues(vals);
  const out = new Map<CellPath, number | null>();
  for (let i = 0; i < paths.length; i++) out.set(paths[i]!, vals[i]!);
  return out;
}

function isInputCell(path: CellPath): boolean {
  const d = CELL_BY_PATH.get(path);
  return d !== undefined && !d.derived;
}

/** Replace some input cells, returning a new map (derived paths are ignored). */
export function withCells(cells: CellValues, changes: Record<CellPath, number | null>): CellValues {
  const next = { ...cells };
  for (const [p, v] of Object.entries(changes)) if (isInputCell(p)) next[p] = v;
  return next;
}

const squash = (s: string): string => s.replace(/\s+/g, '');
const DEFAULT_OTHER_MATTERS = squash(emptyReport().otherMatters);

/**
 * 六 as a new report has it: empty, or the starting item headings with nothing written under
 * them. Its W5 (no word on 信息处理费) is then still to fill in, not a warning: in the wizard
 * and in the home list's counts alike.
 */
export const otherMattersUntouched = (text: string): boolean => !text.trim() || squash(text) === DEFAULT_OTHER_MATTERS;
