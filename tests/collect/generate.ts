// Generated reports for the 汇总 tests and bench: the 老店镇 2023 seed under other names,
// with random but balanced figures (E1 holds), so sums and counts can be checked exactly.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { balancedCells } from '../../src/collect/warmup';
import type { Report } from '../../src/report';
import { fromJson, toJson } from '../../src/report/json';

// Not `new URL(…, import.meta.url)`: under jsdom that URL is not a file URL node:fs accepts.
const here = dirname(fileURLToPath(import.meta.url));

export function rng(seedValue: number): () => number {
  let a = seedValue >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seedResult = fromJson(JSON.parse(readFileSync(join(here, '../fixtures/laodian-2023.json'), 'utf8')));
if (!seedResult.ok) throw new Error('seed fixture does not read');
export const SEED_REPORT: Report = seedResult.report;

export const agencyName = (i: number): string => `第${i + 1}号镇人民政府`;

export interface GenOptions {
  agency: string;
  year?: number;
  status?: 'draft' | 'final';
  exportedAt?: string;
  random: () => number;
  /** Pad section 一 with the seed's own paragraphs up to about this many characters. */
  textChars?: number;
  /** Break E1 in the 自然人 column (an error). */
  unbalanced?: boolean;
}

/** A report with every cell filled and table 三 balanced per column. */
export function generateReport(o: GenOptions): Report {
  const cells = balancedCells(o.random);
  if (o.unbalanced) cells['requests.newReceived.natural'] = (cells['requests.newReceived.natural'] ?? 0) + 3;
  let overview = SEED_REPORT.overview.map((p) => ({ ...p }));
  if (o.textChars) {
    const paras = SEED_REPORT.overview.map((p) => p.body).join('\n\n');
    let body = '';
    while (body.length < o.textChars) body += `${paras}\n\n`;
    overview = [...overview, { heading: '工作补充说明', body: body.trim() }];
  }
  return {
    ...SEED_REPORT,
    agency: o.agency,
    year: o.year ?? 2023,
    overview,
    cells,
    explanations: [],
  };
}

/** The JSON text of a generated report, as an agency would upload it. */
export function generateJson(o: GenOptions): string {
  const report = generateReport(o);
  const json = toJson(report, o.status ?? 'final', {
    exportedAt: o.exportedAt ?? '2024-01-15T08:00:00.000Z',
    generator: 'nianbao test',
  });
  return JSON.stringify(json, null, 2);
}
