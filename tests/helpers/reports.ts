// The reports the tests start from, read from the repository's own fixtures.
import { readFileSync } from 'node:fs';
import { type Report, INPUT_CELLS } from '../../src/report';
import { fromJson } from '../../src/report/json';

// Relative to the repository root, where vitest and Playwright both run (jsdom's import.meta.url is not a file URL).
export const seedText = readFileSync('tests/fixtures/laodian-2023.json', 'utf8');

/** The seed: 老店镇's published 2023 report, as the app exports it. A fresh copy each call. */
export function seed(): Report {
  const r = fromJson(JSON.parse(seedText));
  if (!r.ok) throw new Error(`the seed is refused: ${JSON.stringify(r.problems)}`);
  return r.report;
}

/** The seed with every input cell a different number (from `first` up), so a value in the wrong cell shows. */
export function seedWithFigures(first = 1): Report {
  const r = seed();
  INPUT_CELLS.forEach((c, i) => {
    r.cells[c.path] = c.unit === 'fen' ? 1_234_500 : first + i;
  });
  return r;
}
