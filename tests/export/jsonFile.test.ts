// @vitest-environment node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Dexie, { type EntityTable } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  GENERATOR,
  MAX_IMPORT_BYTES,
  buildExport,
  exportFileName,
  importReportFile,
  parseReportBytes,
  readJsonBytes,
  readReportFile,
  reportFromJson,
} from '../../src/export/jsonFile';
import { CELL_BY_PATH, type Report, checkReport, emptyReport } from '../../src/report';
import { fastValidate } from '../../src/report/fastValidate';
import { type ReportStatus, fromJson } from '../../src/report/json';

const seedText = readFileSync(resolve(__dirname, '../fixtures/laodian-2023.json'), 'utf8');
const brokenDir = resolve(__dirname, '../fixtures/broken');

function seedReport(): Report {
  const r = fromJson(JSON.parse(seedText));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.report;
}

const fileOf = (content: string | Uint8Array, name: string) =>
  new File([content as BlobPart], name, { type: 'application/json' });

describe('exporting the report as JSON for the county system', () => {
  it('names the file after the agency and year', () => {
    expect(exportFileName({ agency: '老店镇人民政府', year: 2023 })).toBe(
      '老店镇人民政府-2023-政府信息公开工作年度报告.json',
    );
    // A slash in an agency name would make a folder; it is replaced.
    expect(exportFileName({ agency: '某县/某镇', year: 2024 })).toBe('某县_某镇-2024-政府信息公开工作年度报告.json');
  });

  it('the seed report exports as final, stamped, and imports back as the same report', async () => {
    const report = seedReport();
    const out = buildExport(report, 'final', { now: new Date('2024-01-20T08:30:00Z') });
    if (!out.ok) throw new Error(out.reason);
    expect(out.fileName).toBe('老店镇-2023-政府信息公开工作年度报告.json');
    const written = JSON.parse(out.text);
    expect(written).toEqual({ ...JSON.parse(seedText), exportedAt: '2024-01-20T08:30:00.000Z', generator: GENERATOR });
    expect(GENERATOR).toMatch(/^nianbao \d+\.\d+\.\d+/);

    const back = await readReportFile(fileOf(out.text, out.fileName));
    if (!back.ok) throw new Error(JSON.stringify(back.problems));
    expect(back.report).toEqual(report);
    expect(back.status).toBe('final');
    expect(back.exportedAt).toBe('2024-01-20T08:30:00.000Z');
  });

  it('a half-filled report exports as a draft and comes back with its blanks still blank', async () => {
    const report = emptyReport('某镇人民政府', 2024);
    report.cells['requests.newReceived.natural'] = 3;
    const out = buildExport(report, 'draft');
    if (!out.ok) throw new Error(out.reason);
    const back = await readReportFile(fileOf(out.text, out.fileName));
    if (!back.ok) throw new Error(JSON.stringify(back.problems));
    expect(back.status).toBe('draft');
    expect(back.report).toEqual(report);
    expect(back.report.cells['requests.newReceived.commercial']).toBeNull();
  });

  it('a text warning (W3, W4, W5) the clerk explained exports and imports back, by the single import and 汇总 alike', () => {
    const report = seedReport();
    const received = Number(report.cells['requests.newReceived.total'] ?? 0);
    report.overview[0]!.body += `本机关新收政府信息公开申请${received + 5}件。`;
    report.problems += `对照2016年度报告发现的问题，逐项整改。`;
    const warnings = checkReport(report).filter((f) => f.severity === 'warning');
    const texts = warnings.filter((f) => f.cells.some((c) => !CELL_BY_PATH.has(c)));
    expect(texts.map((f) => f.rule)).toEqual(expect.arrayContaining(['W3', 'W4']));
    expect(texts.flatMap((f) => f.cells)).toEqual(expect.arrayContaining(['overview.0.body', 'problems']));
    report.explanations = warnings.map((f) => ({ rule: f.rule, cells: [...f.cells], reason: '已核实。' }));
    const out = buildExport(report, 'final', { now: new Date('2024-01-20T08:00:00Z') });
    if (!out.ok) throw new Error('export refused');
    const bytes = new TextEncoder().encode(out.text);
    const back = parseReportBytes(bytes, 'x.json');
    expect(back.ok ? back.report.explanations : back.problems).toEqual(report.explanations);
    // 汇总 reads with the fast validator: the same file, the same result.
    const json = readJsonBytes(bytes, 'x.json');
    const fast = 'value' in json ? reportFromJson(json.value, 'x.json', fastValidate) : json;
    expect(fast.ok ? fast.report.explanations : fast.problems).toEqual(report.explanations);
    for (const wrong of ['overview.30.body', 'overview.01.body', 'overview.0.title', 'problems.0']) {
      const doc = JSON.parse(out.text);
      doc.explanations = [{ rule: 'W4', cells: [wrong], reason: '已核实。' }];
      const r = parseReportBytes(new TextEncoder().encode(JSON.stringify(doc)), 'x.json');
      expect(r.ok ? 'accepted' : r.problems[0]).toEqual({
        path: 'explanations.0.cells.0',
        message: 'explanations.0.cells.0（数据说明）：不存在的单元格或正文路径',
      });
      expect(fastValidate(doc)).toBeNull();
    }
  });

  it('refuses the final export while errors remain, saying why and listing them', () => {
    const report = emptyReport('某镇人民政府', 2024);
    const out = buildExport(report, 'final');
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.reason).toMatch(/还有 \d+ 处错误/);
    expect(out.errors.length).toBeGreaterThan(0);
    expect(out.errors.every((f) => f.severity === 'error')).toBe(true);
    expect(out.errors.map((f) => f.message).join('\n')).toContain('个空格未填');
  });

  it('reads a file saved with a UTF-8 byte-order mark (Windows Notepad)', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(seedText)]);
    const r = parseReportBytes(bytes, 'bom.json');
    expect(r.ok).toBe(true);
  });
});

// ---------------------------------------------------------------- broken files

interface Case {
  file: string;
  note: string;
  path: string;
  message: string;
  padTo?: number;
}

const cases = JSON.parse(readFileSync(resolve(brokenDir, 'cases.json'), 'utf8')) as Case[];

function caseBytes(c: Case): Uint8Array {
  const bytes = new Uint8Array(readFileSync(resolve(brokenDir, c.file)));
  if (!c.padTo) return bytes;
  const padded = new Uint8Array(c.padTo).fill(0x20);
  padded.set(bytes);
  return padded;
}

// The store the lead wires in keeps reports in IndexedDB; here a small Dexie database on
// fake-indexeddb stands in for it, reached only through the import's `store` callback.
interface StoredReport {
  id?: number;
  status: ReportStatus;
  report: Report;
}
const db = new Dexie('export-import-test') as Dexie & { reports: EntityTable<StoredReport, 'id'> };
db.version(1).stores({ reports: '++id' });
const storeAsNew = async (report: Report, status: ReportStatus) => {
  await db.reports.add({ report, status });
};

describe('importing a broken file', () => {
  afterEach(async () => {
    await db.reports.clear();
  });

  it('the corpus holds at least 30 broken files, each with the path and message expected', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(new Set(cases.map((c) => c.file)).size).toBe(cases.length);
  });

  it.each(cases.map((c) => [c.file, c] as const))(
    '%s is refused, naming its path, and nothing stored changes',
    async (_name, c) => {
      await db.reports.add({ report: seedReport(), status: 'final' });
      const before = await db.reports.toArray();
      const store = vi.fn(storeAsNew);

      const result = await importReportFile(fileOf(caseBytes(c), c.file), store);

      expect(result.ok, c.note).toBe(false);
      if (result.ok) return;
      expect(result.problems.length).toBeGreaterThan(0);
      const hit = result.problems.find((p) => p.path === c.path && p.message.includes(c.message));
      expect(hit, `${c.note}: ${JSON.stringify(result.problems)}`).toBeDefined();
      // Every message is the clerk's language and names the path it is about.
      for (const p of result.problems) {
        expect(p.message).toMatch(/[\u4e00-\u9fff]/);
        if (p.path) expect(p.message).toContain(p.path.split('、')[0]);
      }
      expect(store).not.toHaveBeenCalled();
      expect(await db.reports.toArray()).toEqual(before);
    },
  );

  it('a valid file does reach the store, as a new report beside the existing one', async () => {
    await db.reports.add({ report: emptyReport('旧报告', 2022), status: 'draft' });
    const result = await importReportFile(fileOf(seedText, 'laodian.json'), storeAsNew);
    expect(result.ok).toBe(true);
    const all = await db.reports.toArray();
    expect(all.map((r) => r.report.agency)).toEqual(['旧报告', '老店镇']);
  });

  it('a file over 5 MB is refused before it is read', async () => {
    const big = new File([new Uint8Array(MAX_IMPORT_BYTES + 1)], 'big.json');
    const read = vi.spyOn(big, 'arrayBuffer');
    const result = await readReportFile(big);
    expect(result.ok).toBe(false);
    expect(read).not.toHaveBeenCalled();
  });
});
