// zod schemas of the JSON form (SPEC, version 1), generated from the declarations.
// zod checks types and formats only; arithmetic and completeness are the rules engine's.
import { z } from 'zod';
import { CELLS, type CellDecl, isFindingPath } from './cells';
import { FORMAT_ID, FORMAT_VERSION, type TableKey } from './format';
import { MAX_HEADING, MAX_OVERVIEW_PARTS, MAX_TEXT, agencyProblem, textProblem } from './limits';
import { wanNumberToFen } from './numbers';

export type ReportStatus = 'draft' | 'final';

export const RULE_IDS = ['E1', 'E2', 'E3', 'W1', 'W2', 'W3', 'W4', 'W5'] as const;

function cellSchema(d: CellDecl, status: ReportStatus): z.ZodType {
  const base =
    d.unit === 'count'
      ? z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)
      : z
          .number()
          .min(0)
          .refine((n) => wanNumberToFen(n) !== null, { message: 'fen' })
          .meta({ description: '万元，最多 6 位小数' });
  return status === 'draft' ? base.nullable() : base;
}

type Tree = { [k: string]: Tree | z.ZodType };

function tableSchema(table: TableKey, status: ReportStatus): z.ZodType {
  const tree: Tree = {};
  for (const d of CELLS) {
    if (d.table !== table) continue;
    const keys = d.path.split('.').slice(1);
    let node = tree;
    for (const k of keys.slice(0, -1)) {
      node[k] ??= {};
      node = node[k] as Tree;
    }
    node[keys[keys.length - 1]!] = cellSchema(d, status);
  }
  const toZod = (t: Tree): z.ZodType =>
    z.strictObject(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v instanceof z.ZodType ? v : toZod(v)])));
  return toZod(tree);
}

/** A text field with its length and character rules (limits.ts), the same the form applies. */
const text = (what: string, max: number) =>
  z
    .string()
    .max(max)
    .superRefine((s, ctx) => {
      const problem = s.length > max ? null : textProblem(what, s, max);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

const agency = z.string().superRefine((s, ctx) => {
  const problem = agencyProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

function reportJsonSchema<S extends ReportStatus>(status: S) {
  return z.strictObject({
    format: z.literal(FORMAT_ID),
    version: z.literal(FORMAT_VERSION),
    status: z.literal(status),
    agency: status === 'final' ? agency.pipe(z.string().trim().min(1)) : agency,
    year: status === 'final' ? z.number().int().min(2000).max(2100) : z.number().int().min(2000).max(2100).nullable(),
    overview: z
      .array(z.strictObject({ heading: text('小标题', MAX_HEADING), body: text('正文', MAX_TEXT) }))
      .max(MAX_OVERVIEW_PARTS),
    proactive: tableSchema('proactive', status),
    requests: tableSchema('requests', status),
    reviews: tableSchema('reviews', status),
    problems: text('正文', MAX_TEXT),
    otherMatters: text('正文', MAX_TEXT),
    explanations: z
      .array(
        z.strictObject({
          rule: z.enum(RULE_IDS),
          cells: z.array(z.string().refine((p) => isFindingPath(p), { message: 'cell' })),
          reason: z.string().trim().min(1),
        }),
      )
      .optional(),
    exportedAt: z.iso.datetime({ offset: true }).optional(),
    generator: z.string().optional(),
  });
}

const buildReportJson = () => z.discriminatedUnion('status', [reportJsonSchema('draft'), reportJsonSchema('final')]);
let reportJson: ReturnType<typeof buildReportJson> | null = null;

/**
 * The schema of an exported file. Built on first use, not at import: the app's first screen
 * imports src/report but never reads a file, and zod then stays out of the first-load bundle.
 */
export function reportJsonSchemaAny(): ReturnType<typeof buildReportJson> {
  reportJson ??= buildReportJson();
  return reportJson;
}

export type ReportJsonAny = z.output<ReturnType<typeof buildReportJson>>;

/** The JSON Schema published with the app as `public/report.schema.json`. */
export function publishedJsonSchema(): object {
  const schema = z.toJSONSchema(reportJsonSchemaAny(), { target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $id: 'report.schema.json',
    title: '政府信息公开工作年度报告（2021 年版格式）JSON，版本 1',
    ...schema,
  };
}

const TYPE_NAMES: Record<string, string> = {
  number: '数字',
  int: '整数',
  string: '文本',
  object: '对象',
  array: '数组',
  null: 'null',
  undefined: '缺失',
  boolean: '布尔值',
};

/** One zod issue in Chinese, naming its path. */
export function describeZodIssue(issue: z.core.$ZodIssue): { path: string; message: string } {
  const path = issue.path.map(String).join('.');
  const where = path || '（顶层）';
  switch (issue.code) {
    case 'unrecognized_keys':
      return {
        path: issue.keys.map((k) => (path ? `${path}.${k}` : k)).join('、'),
        message: `${issue.keys.map((k) => (path ? `${path}.${k}` : k)).join('、')}：不认识的字段`,
      };
    case 'invalid_type': {
      const input = (issue as { input?: unknown }).input;
      if (input === undefined) return { path, message: `${where}：缺少此字段` };
      // 1e400 reads as Infinity: a number, but not one a report can hold.
      if (typeof input === 'number' && !Number.isFinite(input))
        return { path, message: `${where}：数字超出范围（${String(input)}），不是有效的数字` };
      const got = input === null ? 'null' : Array.isArray(input) ? 'array' : typeof input;
      return {
        path,
        message: `${where}：应为${TYPE_NAMES[issue.expected] ?? issue.expected}，实际为${TYPE_NAMES[got] ?? got}${
          input === null && ['proactive', 'requests', 'reviews'].includes(String(issue.path[0]))
            ? '（定稿中不允许空格）'
            : ''
        }`,
      };
    }
    case 'too_small':
      if (issue.origin === 'string') return { path, message: `${where}：不能为空` };
      return { path, message: `${where}：不能小于 ${String(issue.minimum)}` };
    case 'too_big':
      if (issue.origin === 'string') return { path, message: `${where}：不超过 ${String(issue.maximum)} 个字` };
      if (issue.origin === 'array') return { path, message: `${where}：不超过 ${String(issue.maximum)} 项` };
      return { path, message: `${where}：不能大于 ${String(issue.maximum)}` };
    case 'invalid_value':
      return { path, message: `${where}：取值应为 ${issue.values.map((v) => JSON.stringify(v)).join(' 或 ')}` };
    case 'invalid_format':
      return { path, message: `${where}：格式不正确（应为 ISO 8601 时间）` };
    case 'invalid_union':
      return { path, message: `${where}：应为 "draft" 或 "final"` };
    case 'custom':
      if (issue.message === 'fen')
        return { path, message: `${where}：金额应为不小于 0 的数字，最多 6 位小数（万元，精确到分）` };
      if (issue.message === 'cell') return { path, message: `${where}：不存在的单元格或正文路径` };
      return { path, message: `${where}：${issue.message}` };
    default:
      return { path, message: `${where}：${issue.message}` };
  }
}
