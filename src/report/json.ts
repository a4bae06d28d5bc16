// The pure serializer between the app's Report and the JSON form (SPEC, version 1).
// Reading never trusts its input: every key is checked, older versions are migrated,
// and every refusal names the path in Chinese. File I/O lives in src/export.
import { CELLS } from './cells';
import { FORMAT_ID, FORMAT_VERSION } from './format';
import { type CellValues, type Report, allValues, deriveValues } from './model';
import { fenToWanNumber, wanNumberToFen } from './numbers';
import { type ReportJsonAny, type ReportStatus, describeZodIssue, reportJsonSchemaAny } from './schema';

export interface JsonMeta {
  exportedAt?: string;
  generator?: string;
}

type Nested = { [k: string]: Nested | number | null };

function setIn(root: Nested, keys: string[], value: number | null): void {
  let node = root;
  for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Nested;
  node[keys[keys.length - 1]!] = value;
}

/** Each cell's path split into keys, once: fromJson reads some 400 cells of every file. */
const KEYS: ReadonlyMap<string, string[]> = new Map(CELLS.map((c) => [c.path, c.path.split('.')]));
const INPUT_INDEX = CELLS.flatMap((c, i) => (c.derived ? [] : [i]));
const DERIVED_INDEX = CELLS.flatMap((c, i) => (c.derived ? [i] : []));

function getIn(root: unknown, keys: string[]): unknown {
  let node = root;
  for (const k of keys) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[k];
  }
  return node;
}

/** Report → JSON object (derived cells written out; fen as 万元). */
export function toJson(report: Report, status: ReportStatus, meta: JsonMeta = {}): ReportJsonAny {
  const values = allValues(report.cells);
  const tables: Record<string, Nested> = { proactive: {}, requests: {}, reviews: {} };
  for (const c of CELLS) {
    const v = values.get(c.path) ?? null;
    const keys = c.path.split('.');
    setIn(tables[keys[0]!]!, keys.slice(1), v !== null && c.unit === 'fen' ? fenToWanNumber(v) : v);
  }
  const out = {
    format: FORMAT_ID,
    version: FORMAT_VERSION,
    status,
    agency: report.agency,
    year: report.year,
    overview: report.overview.map((o) => ({ heading: o.heading, body: o.body })),
    proactive: tables.proactive,
    requests: tables.requests,
    reviews: tables.reviews,
    problems: report.problems,
    otherMatters: report.otherMatters,
    ...(report.explanations.length
      ? { explanations: report.explanations.map((e) => ({ rule: e.rule, cells: [...e.cells], reason: e.reason })) }
      : {}),
    ...(meta.exportedAt ? { exportedAt: meta.exportedAt } : {}),
    ...(meta.generator ? { generator: meta.generator } : {}),
  };
  return out as ReportJsonAny;
}

export interface JsonProblem {
  path: string;
  message: string;
}

export type FromJsonResult =
  | { ok: true; report: Report; status: ReportStatus; exportedAt?: string; generator?: string }
  | { ok: false; problems: JsonProblem[] };

/**
 * Upgrades from older versions, keyed by the version they read. Version 1 is the first,
 * so the table is empty; a version-2 format adds `1: (v1) => v2` here, with a test.
 */
const MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {};

export function migrate(
  input: Record<string, unknown>,
  migrations = MIGRATIONS,
): Record<string, unknown> | JsonProblem {
  let doc = input;
  let v = doc.version;
  while (typeof v === 'number' && v < FORMAT_VERSION) {
    const step = migrations[v];
    if (!step) return { path: 'version', message: `version：无法从版本 ${v} 升级` };
    doc = step(doc);
    if (doc.version === v) return { path: 'version', message: `version：从版本 ${v} 升级失败` };
    v = doc.version;
  }
  return doc;
}

/**
 * A quick yes (the schema's output) or no (null) before the schema; see fastValidate.ts. On a
 * yes it may have filled `cells` with every cell's stated value by CELLS index (else fromJson reads them).
 */
export type FastValidator = (input: unknown, cells: (number | null)[]) => ReportJsonAny | null;

/**
 * JSON value (already parsed) → Report, or every problem found, each naming its path.
 * With `fast`, zod runs only on what `fast` refuses, to word the refusals.
 */
export function fromJson(input: unknown, migrations = MIGRATIONS, fast?: FastValidator): FromJsonResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, problems: [{ path: '', message: '文件内容不是一个 JSON 对象' }] };
  }
  const raw = input as Record<string, unknown>;
  if (raw.format !== FORMAT_ID) {
    return {
      ok: false,
      problems: [{ path: 'format', message: `format：应为 "${FORMAT_ID}"，这不是政府信息公开工作年度报告文件` }],
    };
  }
  if (typeof raw.version === 'number' && raw.version > FORMAT_VERSION) {
    return {
      ok: false,
      problems: [
        {
          path: 'version',
          message: `version：文件版本为 ${raw.version}，比本应用支持的版本 ${FORMAT_VERSION} 新，请升级应用后再导入`,
        },
      ],
    };
  }
  const migrated = migrate(raw, migrations);
  if ('message' in migrated && typeof migrated.message === 'string' && 'path' in migrated) {
    return { ok: false, problems: [migrated as JsonProblem] };
  }
  // Every cell's value as stated (fen still as 万元), by CELLS index.
  let stated: (number | null)[] = [];
  let doc = fast?.(migrated, stated) ?? null;
  if (!doc) {
    const parsed = reportJsonSchemaAny().safeParse(migrated, { reportInput: true });
    if (!parsed.success) return { ok: false, problems: parsed.error.issues.map(describeZodIssue) };
    doc = parsed.data;
  }
  if (stated.length !== CELLS.length) stated = CELLS.map((c) => getIn(doc, KEYS.get(c.path)!) as number | null);
  // Built key by key in INPUT_CELLS order, as blankCells would give it.
  const cells: CellValues = {};
  const values = stated.slice();
  for (const i of INPUT_INDEX) {
    const c = CELLS[i]!;
    const v = stated[i]!;
    values[i] = cells[c.path] = v === null ? null : c.unit === 'fen' ? wanNumberToFen(v) : v;
  }
  deriveValues(values);
  const problems: JsonProblem[] = [];
  for (const i of DERIVED_INDEX) {
    const c = CELLS[i]!;
    const computed = values[i]!;
    if (stated[i] !== computed) {
      problems.push({
        path: c.path,
        message: `${c.path}：合计为 ${stated[i] ?? 'null'}，但各项相加为 ${computed ?? 'null'}`,
      });
    }
  }
  if (problems.length) return { ok: false, problems };
  const report: Report = {
    agency: doc.agency,
    year: doc.year,
    overview: doc.overview.map((o) => ({ heading: o.heading, body: o.body })),
    cells,
    problems: doc.problems,
    otherMatters: doc.otherMatters,
    explanations: (doc.explanations ?? []).map((e) => ({ rule: e.rule, cells: [...e.cells], reason: e.reason })),
  };
  return {
    ok: true,
    report,
    status: doc.status,
    ...(doc.exportedAt ? { exportedAt: doc.exportedAt } : {}),
    ...(doc.generator ? { generator: doc.generator } : {}),
  };
}

export {
  type ReportStatus,
  type ReportJsonAny,
  publishedJsonSchema,
} from './schema';
