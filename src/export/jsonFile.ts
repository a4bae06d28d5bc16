// File I/O around the pure serializer in src/report/json.ts: naming, stamping and
// downloading an export, and turning a picked or dropped file into a Report or into
// refusals that each name a path. Nothing here stores anything: a valid import is
// handed to the caller, who keeps it as a new report.
import { CELL_BY_PATH, type Finding, type Report, cellLabel, checkReport, section, sectionTitle } from '../report';
import { type FastValidator, type JsonProblem, type ReportStatus, fromJson, toJson } from '../report/json';
import { UNSAFE_CHARS } from '../report/limits';
import { scanJson, soundJson } from './jsonSyntax';
import { decodeUtf8 } from './utf8';

const envVersion: unknown = import.meta.env.VITE_APP_VERSION;
/** Shown in exported files; the build may set VITE_APP_VERSION from package.json. */
const APP_VERSION = typeof envVersion === 'string' && envVersion ? envVersion : '0.1.0';
export const GENERATOR = `nianbao ${APP_VERSION}`;

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
const FILE_SUFFIX = '政府信息公开工作年度报告';

/** Characters Windows and macOS refuse in file names, and controls that would show the name reversed. */
const safeName = (s: string): string =>
  s
    .replace(UNSAFE_CHARS, '')
    .replace(/[\\/:*?"<>|]/g, '_')
    .trim();

export function exportFileName(report: Pick<Report, 'agency' | 'year'>, ext: 'json' | 'html' = 'json'): string {
  const agency = safeName(report.agency) || '未填机关';
  const year = report.year ?? '未填年度';
  return ext === 'json' ? `${agency}-${year}-${FILE_SUFFIX}.json` : `${agency}${year}年${FILE_SUFFIX}.html`;
}

export type ExportResult =
  | { ok: true; status: ReportStatus; fileName: string; text: string }
  | { ok: false; status: 'final'; reason: string; errors: Finding[] };

/** Why the final export is not offered, or null when it is. */
export function finalBlocked(report: Report, previous?: Report | null): { reason: string; errors: Finding[] } | null {
  const errors = checkReport(report, { previous: previous ?? null }).filter((f) => f.severity === 'error');
  if (!errors.length) return null;
  return { reason: `还有 ${errors.length} 处错误未改正，只能导出草稿。改正以下错误后才能导出定稿：`, errors };
}

/** The file to download: a draft always, a final only when no error remains. */
export function buildExport(
  report: Report,
  status: ReportStatus,
  opts: { previous?: Report | null; now?: Date } = {},
): ExportResult {
  if (status === 'final') {
    const blocked = finalBlocked(report, opts.previous);
    if (blocked) return { ok: false, status: 'final', ...blocked };
  }
  const exportedAt = (opts.now ?? new Date()).toISOString();
  const json = toJson(report, status, { exportedAt, generator: GENERATOR });
  return { ok: true, status, fileName: exportFileName(report), text: `${JSON.stringify(json, null, 2)}\n` };
}

/** Saves text as a file through a temporary object URL and anchor. */
export function downloadText(fileName: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---------------------------------------------------------------- import

export type ImportResult =
  | { ok: true; report: Report; status: ReportStatus; fileName: string; exportedAt?: string; generator?: string }
  | { ok: false; fileName: string; problems: JsonProblem[] };

const refuse = (fileName: string, message: string, path = ''): Extract<ImportResult, { ok: false }> => ({
  ok: false,
  fileName,
  problems: [{ path, message }],
});

/** Rounded up, so a file just over the limit never reads as "5.0 MB". */
const mb = (bytes: number): string => (Math.ceil((bytes / 1024 / 1024) * 10) / 10).toFixed(1);

const FIELD_NAMES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    agency: '机关名称',
    year: '报告年度',
    overview: `「${sectionTitle(section('overview'))}」`,
    problems: `「${sectionTitle(section('problems'))}」`,
    otherMatters: `「${sectionTitle(section('otherMatters'))}」`,
    explanations: '数据说明',
    exportedAt: '导出时间',
    generator: '生成软件',
    status: '草稿或定稿',
    version: '格式版本',
    format: '文件格式',
  }),
);
const TABLES = new Set(['proactive', 'requests', 'reviews']);

/** The JSON path, then what it is in the template's words, so the clerk can find it. */
function withPlaceName(p: JsonProblem): JsonProblem {
  const head = `${p.path}：`;
  if (!p.path || !p.message.startsWith(head)) return p;
  const top = p.path.split('.')[0]!;
  const name = CELL_BY_PATH.has(p.path)
    ? cellLabel(p.path)
    : // A Map and a Set, not an object literal: a key named __proto__ or constructor must not find Object's own.
      (FIELD_NAMES.get(top) ?? (TABLES.has(top) ? `「${sectionTitle(section(top as 'proactive'))}」` : ''));
  return name ? { path: p.path, message: `${p.path}（${name}）：${p.message.slice(head.length)}` } : p;
}

/** zod may report one fault twice (e.g. int and max): keep each message once. */
function tidy(problems: JsonProblem[]): JsonProblem[] {
  const seen = new Set<string>();
  return problems.map(withPlaceName).filter((p) => {
    if (seen.has(p.message)) return false;
    seen.add(p.message);
    return true;
  });
}

const startsWith = (b: Uint8Array, sig: readonly number[]) => sig.every((x, i) => b[i] === x);

/** What a binary file picked by mistake most likely is, by its first bytes; null for anything else. */
function binaryKind(b: Uint8Array): string | null {
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return ' Word（.docx）、Excel（.xlsx）、WPS 文件或压缩包（.zip）';
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0])) return '旧版 Word（.doc）、Excel（.xls）或 WPS 文件';
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46])) return ' PDF 文件';
  if (
    startsWith(b, [0x89, 0x50, 0x4e, 0x47]) ||
    startsWith(b, [0xff, 0xd8, 0xff]) ||
    startsWith(b, [0x47, 0x49, 0x46, 0x38])
  )
    return '图片';
  return null;
}

/** UTF-16 without a byte-order mark: ASCII text with a NUL beside each character. */
function utf16Ascii(head: Uint8Array): boolean {
  let even = 0;
  let odd = 0;
  for (let i = 0; i < head.length; i++) if (head[i] === 0) i % 2 ? odd++ : even++;
  const half = head.length / 2;
  return odd >= half * 0.75 || even >= half * 0.75;
}

/** Bytes of a file → Report, or refusals. Pure: no storage, no DOM. */
export function parseReportBytes(bytes: Uint8Array, fileName = ''): ImportResult {
  const r = readJsonBytes(bytes, fileName);
  return 'value' in r ? reportFromJson(r.value, fileName) : r;
}

type Refused = Extract<ImportResult, { ok: false }>;

/**
 * The first half of parseReportBytes: bytes → a JSON value, or the refusal (size, encoding,
 * syntax). 汇总 times it apart from the second half (reportFromJson).
 */
export function readJsonBytes(bytes: Uint8Array, fileName = ''): { value: unknown } | Refused {
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    return refuse(fileName, `文件太大（约 ${mb(bytes.byteLength)} MB）：报告文件不应超过 5 MB，请确认选对了文件`);
  }
  if (bytes.byteLength === 0) return refuse(fileName, '文件是空的');
  // A Word file, a photo or a PDF picked by mistake: said so, not called UTF-16 (they hold NULs).
  const kind = binaryKind(bytes);
  if (kind) return refuse(fileName, `这不是 JSON 报告文件，而是${kind}：请选择本应用导出的 .json 文件`);
  // UTF-16 with a byte-order mark, or without one (ASCII then carries NUL bytes, which
  // are valid UTF-8 and would otherwise surface as a puzzling syntax error).
  const head = bytes.subarray(0, 64);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || utf16Ascii(head)) {
    return refuse(fileName, '文件是 UTF-16 编码，不是 UTF-8：请用本应用导出的文件，或另存为 UTF-8 编码');
  }
  if (head.includes(0)) return refuse(fileName, '这不是文本文件（含有二进制数据）：请选择本应用导出的 .json 文件');
  let text: string;
  try {
    text = decodeUtf8(bytes);
  } catch {
    return refuse(
      fileName,
      '文件不是 UTF-8 编码（可能是 GBK/GB2312 或其他编码）：请用本应用导出的文件，或另存为 UTF-8 编码',
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return readJsonText(text, fileName);
}

/** JSON text → a JSON value, or refusals naming where the syntax breaks. */
function readJsonText(text: string, fileName = ''): { value: unknown } | Refused {
  let value: unknown;
  let parsed = true;
  try {
    value = JSON.parse(text);
  } catch {
    parsed = false;
  }
  // JSON.parse keeps the last of two equal keys silently, and its errors name no place: a file
  // it accepts is checked for those in one quick pass, and scanJson, the full one, reads only
  // a file that fails that or that JSON.parse refused (the same refusals either way).
  if (parsed && soundJson(text, value)) return { value };
  const scan = scanJson(text);
  if (scan) {
    const where = `第 ${scan.line} 行第 ${scan.column} 列`;
    if (scan.kind === 'duplicate') {
      const p = withPlaceName({
        path: scan.path,
        message: `${scan.path}：字段「${scan.key}」在同一处出现了两次（${where}再次出现），无法确定以哪个为准：请删去多余的一个`,
      });
      return { ok: false, fileName, problems: [p] };
    }
    if (scan.kind === 'depth') {
      return refuse(fileName, `文件嵌套超过 ${scan.max} 层（${where}）：这不是本应用导出的报告文件`);
    }
    return refuse(
      fileName,
      scan.atEnd
        ? `文件不是有效的 JSON：在${where}意外结束，文件可能不完整（${scan.expected}）`
        : `文件不是有效的 JSON：${where}有语法错误（${scan.expected}）`,
    );
  }
  return parsed ? { value } : refuse(fileName, '文件不是有效的 JSON');
}

/** A JSON value → Report, or refusals naming the paths that are wrong. `fast`: see fromJson. */
export function reportFromJson(value: unknown, fileName = '', fast?: FastValidator): ImportResult {
  const r = fromJson(value, undefined, fast);
  if (!r.ok) return { ok: false, fileName, problems: tidy(r.problems) };
  return {
    ok: true,
    report: r.report,
    status: r.status,
    fileName,
    ...(r.exportedAt ? { exportedAt: r.exportedAt } : {}),
    ...(r.generator ? { generator: r.generator } : {}),
  };
}

/** A picked or dropped file → Report, or refusals. The size is checked before reading. */
export async function readReportFile(file: Blob & { name?: string }): Promise<ImportResult> {
  const fileName = file.name ?? '';
  if (file.size > MAX_IMPORT_BYTES) {
    return refuse(fileName, `文件太大（约 ${mb(file.size)} MB）：报告文件不应超过 5 MB，请确认选对了文件`);
  }
  const buf = await file.arrayBuffer();
  return parseReportBytes(new Uint8Array(buf), fileName);
}

/**
 * Reads a file and hands a valid report to `store` (which keeps it as a NEW report).
 * A refused file never reaches `store`, so nothing stored changes.
 */
export async function importReportFile(
  file: Blob & { name?: string },
  store: (report: Report, status: ReportStatus) => void | Promise<void>,
): Promise<ImportResult> {
  const result = await readReportFile(file);
  if (result.ok) await store(result.report, result.status);
  return result;
}
