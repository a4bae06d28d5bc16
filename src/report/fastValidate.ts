// A fast validator of the JSON form, generated from the same declarations as the zod schema
// (schema.ts): cells from CELLS, limits from limits.ts. It accepts exactly what the schema
// accepts and returns the same output (final agency and explanation reasons trimmed), at a
// fraction of zod's cost; 汇总 reads thousands of files with it. It only says yes or no: a
// file it refuses goes through zod, which words each refusal as the single import does.
import { z } from 'zod';
import { CELLS, type CellDecl, isFindingPath } from './cells';
import { FORMAT_ID, FORMAT_VERSION, type TableKey } from './format';
import { MAX_HEADING, MAX_OVERVIEW_PARTS, MAX_TEXT, agencyProblem, textProblem } from './limits';
import { wanNumberToFen } from './numbers';
import { RULE_IDS, type ReportJsonAny } from './schema';

type Obj = Record<string, unknown>;

/**
 * A node of a table's key tree: a cell at the leaves. A branch lists its keys and children
 * side by side too: walking them by index allocates nothing, where iterating the Map made
 * an entry array per key (about a tenth of what a worker allocated per report).
 */
type Branch = { keys: Map<string, Node>; names: string[]; children: Node[] };
type Node = { cell: CellDecl; index: number } | Branch;

function tableTree(table: TableKey): Node {
  const branch = (): Branch => ({ keys: new Map(), names: [], children: [] });
  const add = (node: Branch, k: string, child: Node): Node => {
    node.keys.set(k, child);
    node.names.push(k);
    node.children.push(child);
    return child;
  };
  const root = branch();
  for (const [index, d] of CELLS.entries()) {
    if (d.table !== table) continue;
    const keys = d.path.split('.').slice(1);
    let node = root;
    for (const k of keys.slice(0, -1)) node = (node.keys.get(k) ?? add(node, k, branch())) as Branch;
    add(node, keys[keys.length - 1]!, { cell: d, index });
  }
  return root;
}

// Built at import: only 汇总's worker imports this module.
const TREES: Record<TableKey, Node> = {
  proactive: tableTree('proactive'),
  requests: tableTree('requests'),
  reviews: tableTree('reviews'),
};
const RULES = new Set<string>(RULE_IDS);
const TOP_REQUIRED = [
  'format',
  'version',
  'status',
  'agency',
  'year',
  'overview',
  'proactive',
  'requests',
  'reviews',
  'problems',
  'otherMatters',
];
const TOP_KEYS = new Set([...TOP_REQUIRED, 'explanations', 'exportedAt', 'generator']);
// The ISO time format is zod's own check, so the two cannot drift apart.
const ISO_TIME = z.iso.datetime({ offset: true });

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Exactly the keys wanted, each present (an own key whose value is undefined counts as missing, as in zod). */
function hasExactly(o: Obj, keys: ReadonlyMap<string, unknown>): boolean {
  let n = 0;
  for (const k in o) {
    if (!keys.has(k) || o[k] === undefined) return false;
    n++;
  }
  return n === keys.size;
}

function cellOk(v: unknown, d: CellDecl, draft: boolean): boolean {
  if (v === null) return draft;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return false;
  return d.unit === 'count' ? Number.isSafeInteger(v) : wanNumberToFen(v) !== null;
}

/** `cells`: each cell's value as stated, by its index in CELLS (see FastValidator). */
function tableOk(v: unknown, node: Node, draft: boolean, cells?: unknown[]): boolean {
  if ('cell' in node) {
    if (cells) cells[node.index] = v;
    return cellOk(v, node.cell, draft);
  }
  if (!isObject(v) || !hasExactly(v, node.keys)) return false;
  const { names, children } = node;
  for (let i = 0; i < names.length; i++) if (!tableOk(v[names[i]!], children[i]!, draft, cells)) return false;
  return true;
}

const textOk = (v: unknown, what: string, max: number): boolean =>
  typeof v === 'string' && v.length <= max && textProblem(what, v, max) === null;

const yearOk = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 2000 && v <= 2100;

/**
 * The document as zod's `safeParse` would output it, or null where zod would refuse.
 * `input` is what fromJson passes to the schema (after migration); `cells`, when given, gets
 * each cell's value as the file states it, by CELLS index (fromJson then reads no path again).
 */
export function fastValidate(input: unknown, cells?: (number | null)[]): ReportJsonAny | null {
  if (!isObject(input)) return null;
  for (const k in input) if (!TOP_KEYS.has(k)) return null;
  for (const k of TOP_REQUIRED) if (input[k] === undefined) return null;
  const { status, agency, year, overview, explanations, exportedAt, generator } = input;
  if (input.format !== FORMAT_ID || input.version !== FORMAT_VERSION) return null;
  if (status !== 'draft' && status !== 'final') return null;
  const draft = status === 'draft';
  if (typeof agency !== 'string' || agencyProblem(agency) !== null) return null;
  if (!draft && agency.trim().length < 1) return null;
  if (!(draft && year === null) && !yearOk(year)) return null;
  if (!Array.isArray(overview) || overview.length > MAX_OVERVIEW_PARTS) return null;
  for (const o of overview) {
    if (!isObject(o)) return null;
    for (const k in o) if (k !== 'heading' && k !== 'body') return null;
    if (!textOk(o.heading, '小标题', MAX_HEADING) || !textOk(o.body, '正文', MAX_TEXT)) return null;
  }
  for (const t of ['proactive', 'requests', 'reviews'] as const) {
    if (!tableOk(input[t], TREES[t], draft, cells)) return null;
  }
  if (!textOk(input.problems, '正文', MAX_TEXT) || !textOk(input.otherMatters, '正文', MAX_TEXT)) return null;
  let reasons: { rule: string; cells: string[]; reason: string }[] | undefined;
  if (explanations !== undefined) {
    if (!Array.isArray(explanations)) return null;
    reasons = [];
    for (const e of explanations) {
      if (!isObject(e)) return null;
      for (const k in e) if (k !== 'rule' && k !== 'cells' && k !== 'reason') return null;
      const { rule, cells, reason } = e;
      if (typeof rule !== 'string' || !RULES.has(rule)) return null;
      if (!Array.isArray(cells) || !cells.every((c) => typeof c === 'string' && isFindingPath(c))) return null;
      if (typeof reason !== 'string' || !reason.trim()) return null;
      reasons.push({ rule, cells: [...cells], reason: reason.trim() });
    }
  }
  if (exportedAt !== undefined) {
    if (typeof exportedAt !== 'string' || !ISO_TIME.safeParse(exportedAt).success) return null;
  }
  if (generator !== undefined && typeof generator !== 'string') return null;
  const out: Obj = { ...input };
  if (!draft) out.agency = agency.trim();
  if (reasons) out.explanations = reasons;
  return out as ReportJsonAny;
}
