// @vitest-environment node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReport, emptyReport } from '../../src/report';
import { type FromJsonResult, fromJson, migrate, toJson } from '../../src/report/json';

const seed = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/laodian-2023.json'), 'utf8')) as Record<
  string,
  unknown
>;
const clone = <T>(x: T): T => structuredClone(x);
const refused = (r: FromJsonResult) => {
  if (r.ok) throw new Error('accepted');
  return r.problems;
};

describe('the JSON form', () => {
  it('reads the seed fixture and writes it back unchanged', () => {
    const r = fromJson(seed);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.report.agency).toBe('老店镇');
    expect(r.report.cells['requests.withheld.stateSecret.natural']).toBe(0);
    expect(toJson(r.report, 'final')).toEqual(seed);
  });

  it('a new report exports as a draft with nulls, and reads back', () => {
    const doc = toJson(emptyReport('某镇人民政府', 2024), 'draft');
    expect((doc.requests as { newReceived: { natural: unknown } }).newReceived.natural).toBeNull();
    const r = fromJson(JSON.parse(JSON.stringify(doc)));
    expect(r.ok).toBe(true);
  });

  it('refuses a draft posing as final', () => {
    const doc = toJson(emptyReport('某镇', 2024), 'draft');
    const problems = refused(fromJson({ ...doc, status: 'final' }));
    expect(problems.some((p) => p.path === 'requests.carriedOver.legal')).toBe(true);
  });

  it('names the path of an unknown key, a missing key and a wrong type', () => {
    const doc = clone(seed) as any;
    doc.requests.carriedOver.lawyers = 1;
    delete doc.requests.carriedOver.legal;
    doc.reviews.reconsideration.upheld = '0';
    const problems = refused(fromJson(doc));
    const text = problems.map((p) => p.message).join('\n');
    expect(text).toContain('requests.carriedOver.lawyers：不认识的字段');
    expect(text).toContain('requests.carriedOver.legal：缺少此字段');
    expect(text).toContain('reviews.reconsideration.upheld：应为数字');
  });

  it('refuses a derived cell that disagrees with its parts', () => {
    const doc = clone(seed) as any;
    doc.requests.newReceived.total = 3;
    const problems = refused(fromJson(doc));
    expect(problems).toEqual([
      { path: 'requests.newReceived.total', message: expect.stringContaining('各项相加为 0') },
    ]);
  });

  it('refuses a later version, saying so', () => {
    const problems = refused(fromJson({ ...seed, version: 2 }));
    expect(problems[0]!.message).toContain('比本应用支持的版本 1 新');
  });

  it('runs a migration hook for older versions', () => {
    const v0 = { ...seed, version: 0, agencyName: seed.agency };
    delete (v0 as any).agency;
    const migrated = migrate(v0, { 0: ({ agencyName, ...rest }) => ({ ...rest, agency: agencyName, version: 1 }) });
    expect(migrated).toEqual(seed);
    expect(refused(fromJson(v0))[0]!.message).toContain('无法从版本 0 升级');
  });

  it('keeps 万元 amounts exact', () => {
    const doc = clone(seed) as any;
    doc.proactive.fees.amount = 12.345678;
    const r = fromJson(doc);
    if (!r.ok) throw new Error('refused');
    expect(r.report.cells['proactive.fees.amount']).toBe(12_345_678);
    expect((toJson(r.report, 'final').proactive as any).fees.amount).toBe(12.345678);
    doc.proactive.fees.amount = 0.1234567;
    expect(refused(fromJson(doc))[0]!.path).toBe('proactive.fees.amount');
  });

  it('the seed passes every error check', () => {
    const r = fromJson(seed);
    if (!r.ok) throw new Error('refused');
    expect(checkReport(r.report).filter((f) => f.severity === 'error')).toEqual([]);
  });
});
