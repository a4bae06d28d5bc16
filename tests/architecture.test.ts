// @vitest-environment node
// The import directions the README promises, checked: the domain is pure, and only
// src/storage touches IndexedDB.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = resolve(__dirname, '../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/\b(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!);

describe('src/report, the domain', () => {
  const domain = files(join(src, 'report'));

  it('has files', () => expect(domain.length).toBeGreaterThan(10));

  it.each(domain.map((f) => [relative(src, f), f]))('%s imports only src/report and zod', (_name, file) => {
    for (const spec of importsOf(file)) {
      if (spec === 'zod') continue;
      expect(spec, `${file}: ${spec}`).toMatch(/^\.\.?\//);
      expect(resolve(file, '..', spec).startsWith(join(src, 'report')), `${file}: ${spec}`).toBe(true);
    }
  });

  it.each(domain.map((f) => [relative(src, f), f]))('%s uses no browser API', (_name, file) => {
    const code = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(/\b(document|window|DOMParser|navigator|localStorage|indexedDB|HTMLElement)\b/);
  });

  // Issue 13: caches belong to their caller (the wizard's store owns the text rules' cache).
  // The one exception builds the zod schema once, on first use, and never changes it after.
  const MEMO = new Set(['report/schema.ts']);
  it.each(domain.map((f) => [relative(src, f), f]))('%s keeps no module-level mutable state', (name, file) => {
    const code = readFileSync(file, 'utf8');
    const lets = code.match(/^(?:export )?(?:let|var) /gm) ?? [];
    expect(lets.length, name).toBe(MEMO.has(name) ? 1 : 0);
  });
});

// The domain's own tests run without a DOM: a test that leans on one would hide a browser
// API in src/report. (No jsdom also saves about a second of set-up per file.)
it('every test of src/report runs in the node environment', () => {
  const tests = files(resolve(__dirname, 'report'));
  expect(tests.length).toBeGreaterThan(10);
  const withDom = tests.filter((f) => !readFileSync(f, 'utf8').startsWith('// @vitest-environment node\n'));
  expect(withDom.map((f) => relative(__dirname, f))).toEqual([]);
});

it('only src/storage imports dexie', () => {
  const offenders = files(src)
    .filter((f) => !f.startsWith(join(src, 'storage')))
    .filter((f) => importsOf(f).some((s) => s === 'dexie' || s.startsWith('dexie-react-hooks')));
  expect(offenders).toEqual([]);
});

// Issue 12: the open report's machinery is compiled at idle with the report page's chunk
// (vite.config.ts compileHints). Reached by a static import from the home screen, it would sit
// in the first-load chunk instead, and be compiled lazily inside the click on 打开.
it("the home screen's static imports do not reach the open report's machinery", () => {
  const staticImports = (file: string): string[] =>
    // Type-only imports are erased: they place no code.
    [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s(?!type\s)[^;]*?from\s+'([^']+)'/gm)]
      .map((m) => m[1]!)
      .filter((spec) => spec.startsWith('.'));
  const resolveTs = (from: string, spec: string): string | null => {
    const base = resolve(from, '..', spec);
    for (const p of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
      try {
        if (statSync(p).isFile()) return p;
      } catch {
        // Not this one.
      }
    }
    return null;
  };
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of staticImports(file)) {
      const p = resolveTs(file, spec);
      if (p) walk(p);
    }
  };
  walk(join(src, 'main.tsx'));
  expect(seen.size).toBeGreaterThan(20);
  expect(seen).toContain(join(src, 'storage/hooks.ts'));
  const machinery = ['draft.ts', 'openReport.ts', 'autosaveController.ts', 'tabs.ts'].map((f) =>
    join(src, 'storage', f),
  );
  expect(machinery.filter((f) => seen.has(f)).map((f) => relative(src, f))).toEqual([]);
});
