// The parser is part of the domain: it runs without a DOM and imports nothing outside src/report.
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';

const dir = resolve(__dirname, '../../../src/report/parse');

it('src/report/parse imports only from src/report and uses no DOM', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  expect(files.length).toBeGreaterThan(3);
  for (const f of files) {
    const src = readFileSync(resolve(dir, f), 'utf8');
    for (const m of src.matchAll(/\bfrom\s+'([^']+)'/g)) {
      expect(`${f}: ${m[1]}`).toMatch(/: \.\.?\/[\w./]*$/);
      expect(resolve(dir, m[1]!).startsWith(resolve(dir, '..'))).toBe(true);
    }
    expect(src, f).not.toMatch(/\b(document|window|DOMParser|navigator)\b/);
  }
});
