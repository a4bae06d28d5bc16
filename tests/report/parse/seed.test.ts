// @vitest-environment node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toJson } from '../../../src/report/json';
import { parsePublishedReport } from '../../../src/report/parse';

const seedText = readFileSync(resolve(__dirname, '../../fixtures/published/seed-laodian-2023.txt'), 'utf8');
const seedJson = JSON.parse(readFileSync(resolve(__dirname, '../../fixtures/laodian-2023.json'), 'utf8')) as unknown;

describe('a clerk pastes last year’s published report (老店镇 2023)', () => {
  const outcome = parsePublishedReport(seedText);

  it('reads every number and text exactly as the seed report', () => {
    expect(toJson(outcome.report, 'final')).toEqual(seedJson);
  });

  it('finds nothing it could not read', () => {
    expect(outcome.problems).toEqual([]);
  });

  it('reads the shifted 「3.其他」 row of table 三 as （六）其他处理 3.其他, with its source line', () => {
    expect(outcome.report.cells['requests.otherHandling.other.natural']).toBe(0);
    expect(outcome.cellSources['requests.otherHandling.other.legal']).toMatch(/^3\.其他\t\t0/);
  });

  it('keeps every published 总计 beside the computed one', () => {
    const paths = outcome.publishedTotals.map((t) => t.path);
    expect(paths).toContain('requests.handledTotal.total');
    expect(paths).toContain('requests.newReceived.total');
    expect(paths).toContain('reviews.litigationAfterReconsideration.total');
    expect(outcome.publishedTotals).toHaveLength(24 + 7 + 3);
    expect(outcome.publishedTotals.every((t) => t.published === 0 && t.computed === 0)).toBe(true);
  });
});
