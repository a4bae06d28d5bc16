// @vitest-environment node
// First-load JS must stay ≤ 150 KB gzip (issue 6): print and import are lazy-loaded.
// Sizes are deterministic for a given lock file, so this is asserted; times are not.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterAll, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const out = mkdtempSync(join(tmpdir(), 'nianbao-size-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function firstLoadAssets(dir: string): { js: string[]; css: string[] } {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const refs = (re: RegExp) => [...html.matchAll(re)].map((m) => m[1]!.replace(/^\.\//, ''));
  return {
    js: [
      ...new Set([
        ...refs(/<script[^>]+src="([^"]+\.js)"/g),
        ...refs(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
      ]),
    ],
    css: refs(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g),
  };
}

it('first-load JS of the production build is at most 150 KB gzip', async () => {
  // vitest sets NODE_ENV=test, which would bundle React's development build.
  process.env.NODE_ENV = 'production';
  await build({ root, mode: 'production', logLevel: 'silent', build: { outDir: out, emptyOutDir: true } });
  const { js, css } = firstLoadAssets(out);
  expect(js.length).toBeGreaterThan(0);
  const gz = (f: string) => gzipSync(readFileSync(join(out, f))).length;
  const jsGzip = js.reduce((n, f) => n + gz(f), 0);
  const cssGzip = css.reduce((n, f) => n + gz(f), 0);
  console.log(
    `first-load JS ${(jsGzip / 1024).toFixed(1)} KB gzip (${js.join(', ')}); CSS ${(cssGzip / 1024).toFixed(1)} KB gzip`,
  );
  expect(jsGzip).toBeLessThanOrEqual(150 * 1024);
  // The render counter of the speed tests is for test builds only: its ids must not ship.
  const shipped = readdirSync(join(out, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(out, 'assets', f), 'utf8'))
    .join('\n');
  expect(shipped).not.toContain('table:requests');
  expect(shipped).not.toContain('StepContent');
}, 120_000);

it('marks the open report chunks, and only them, for eager compilation', async () => {
  // Runs after the build above (same output folder; vitest runs a file's tests in order).
  const assets = readdirSync(join(out, 'assets')).filter((f) => f.endsWith('.js'));
  const hinted = assets
    .filter((f) => readFileSync(join(out, 'assets', f), 'utf8').startsWith('//# allFunctionsCalledOnLoad\n'))
    .map((f) => f.replace(/-[\w-]{8}\.js$/, ''))
    .sort();
  // Fetched while the home screen is idle; compiled then rather than on the first open's click.
  expect(hinted).toEqual(['ReportPage', 'store']);
  // The first load is not: compiling all of it eagerly would delay the home screen.
  expect(firstLoadAssets(out).js.some((f) => hinted.some((h) => f.includes(h)))).toBe(false);
});
