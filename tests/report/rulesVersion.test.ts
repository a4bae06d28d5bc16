// @vitest-environment node
// The home list shows error and warning counts stored with each report and recounts only
// when RULES_VERSION differs from the one they were made with (src/storage/db.ts). A change
// to what the rules find that forgets to bump the version would leave every stored count
// stale without a sign: this pins what the rules find over a fixed corpus to the version.
// When it fails: bump RULES_VERSION in src/report/rules.ts and put both new values here.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES_VERSION, type Report, checkReport } from '../../src/report';
import { fromJson } from '../../src/report/json';
import { parsePublishedHtml, parsePublishedReport } from '../../src/report/parse';
import { seed, seedWithFigures } from '../helpers/reports';

const fixtures = resolve(__dirname, '../fixtures');

function corpus(): [string, Report, Report | null][] {
  const out: [string, Report, Report | null][] = [];
  for (const name of readdirSync(resolve(fixtures, 'published')).sort()) {
    const text = readFileSync(resolve(fixtures, 'published', name), 'utf8');
    out.push([name, (name.endsWith('.html') ? parsePublishedHtml(text) : parsePublishedReport(text)).report, null]);
  }
  // Hostile files the schema accepts: long texts, odd characters, many parts.
  for (const name of readdirSync(resolve(fixtures, 'hostile')).sort()) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(resolve(fixtures, 'hostile', name), 'utf8'));
    } catch {
      continue;
    }
    const r = fromJson(json);
    if (r.ok) out.push([name, r.report, null]);
  }
  const blanks = seed();
  for (const path of Object.keys(blanks.cells).slice(0, 40)) blanks.cells[path] = null;
  const wrong = seed();
  wrong.cells['requests.newReceived.natural'] = -1;
  wrong.cells['requests.carriedOver.natural'] = 1.5;
  wrong.refused = { 'requests.carriedForward.natural': { text: '1e5', message: '不是整数' } };
  out.push(
    ['seed', seed(), null],
    ['figures', seedWithFigures(1), null],
    ['blanks', blanks, null],
    ['wrong', wrong, null],
  );
  // W1/W2: last year's report beside this year's.
  out.push(['year on year', seedWithFigures(3), seedWithFigures(1)]);
  return out;
}

const RULE_IDS = ['E1', 'E2', 'E3', 'W1', 'W2', 'W3', 'W4', 'W5'];

describe('RULES_VERSION', { timeout: 60_000 }, () => {
  it('changes whenever what the rules find changes', () => {
    const found = corpus().map(([name, report, previous]) => [
      name,
      checkReport(report, { previous }).map((f) => [f.rule, f.severity, ...f.cells].join(' ')),
    ]);
    const fingerprint = createHash('sha256').update(JSON.stringify(found)).digest('hex').slice(0, 16);
    // Every kind of finding is in the corpus, so a change to any rule shows.
    const rules = new Set(found.flatMap(([, fs]) => (fs as string[]).map((f) => f.split(' ')[0])));
    expect([...rules].sort()).toEqual(RULE_IDS);
    expect({ version: RULES_VERSION, fingerprint }).toEqual({ version: 1, fingerprint: '7aee9fb680896d65' });
  });
});
