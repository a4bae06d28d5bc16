// @vitest-environment node
// Exported files must validate against the JSON Schema published with the app
// (public/report.schema.json), checked with a real validator, not with our own zod.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { buildExport } from '../../src/export/jsonFile';
import { emptyReport } from '../../src/report';
import { fromJson } from '../../src/report/json';

const schema = JSON.parse(readFileSync(resolve(__dirname, '../../public/report.schema.json'), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: false });
// The schema pairs `format: date-time` with an explicit pattern; the pattern does the checking.
ajv.addFormat('date-time', true);
const validate = ajv.compile(schema);

const seed = (() => {
  const r = fromJson(JSON.parse(readFileSync(resolve(__dirname, '../fixtures/laodian-2023.json'), 'utf8')));
  if (!r.ok) throw new Error('seed refused');
  return r.report;
})();

function exported(status: 'draft' | 'final', report = seed): unknown {
  const out = buildExport(report, status, { now: new Date('2024-01-25T09:00:00+08:00') });
  if (!out.ok) throw new Error(out.reason);
  return JSON.parse(out.text);
}

describe('exported files against public/report.schema.json', () => {
  it('the seed exported as final is valid', () => {
    expect(validate(exported('final')), JSON.stringify(validate.errors)).toBe(true);
  });

  it('the seed exported as draft is valid', () => {
    expect(validate(exported('draft')), JSON.stringify(validate.errors)).toBe(true);
  });

  it('a new, half-filled draft with blanks and an explanation is valid', () => {
    const r = emptyReport('某镇人民政府', 2024);
    r.cells['proactive.fees.amount'] = 1_234_500;
    r.cells['requests.carriedOver.natural'] = 2;
    r.explanations = [
      { rule: 'W1', cells: ['requests.carriedOver.natural'], reason: '上年报告结转数填报有误，已向县政务公开办报告' },
    ];
    const doc = exported('draft', r) as { proactive: { fees: { amount: number } } };
    expect(doc.proactive.fees.amount).toBe(1.2345);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  });

  it('the validator is real: it refuses a null in a final, a negative count and an unknown key', () => {
    const doc = exported('final') as any;
    doc.requests.disclosed.natural = null;
    expect(validate(doc)).toBe(false);
    const neg = exported('final') as any;
    neg.proactive.rules.issued = -1;
    expect(validate(neg)).toBe(false);
    const extra = exported('draft') as any;
    extra.requests.carriedOver.lawyers = 0;
    expect(validate(extra)).toBe(false);
    const stamp = exported('draft') as any;
    stamp.exportedAt = '2024年1月25日';
    expect(validate(stamp)).toBe(false);
  });
});
