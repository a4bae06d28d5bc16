// `npm run bench`: the performance benchmark against the production build (vite build first).
// Not a pass/fail test: it prints a table and writes bench/results.json. One worker, so
// nothing else competes for the two cores while it measures.
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { chromiumArgs } from '../playwright.config';

const port = Number(process.env.E2E_PORT ?? 4174);
const outDir = process.env.E2E_DIST ?? 'dist';

export default defineConfig({
  testDir: '.',
  // BENCH_PROFILE=1: the CPU profile of typing (profile.spec.ts) instead of the figures;
  // BENCH_PROFILE=navigation: of opening a report and switching steps (navigation-profile.spec.ts);
  // BENCH_PROFILE=open: a trace of the first open after a fresh page load (open-trace.spec.ts);
  // BENCH_PROFILE=first: that first open timed many times, a fresh load each (first-open.spec.ts);
  // BENCH_PROFILE=text: of typing at the end of a long 五 (text-profile.spec.ts).
  // collect.spec.ts: 汇总 of 1,000 and 10,000 reports (issue 15); navigation.spec.ts: open and step switch (issue 12).
  testMatch: process.env.BENCH_PROFILE
    ? process.env.BENCH_PROFILE === 'navigation'
      ? 'navigation-profile.spec.ts'
      : process.env.BENCH_PROFILE === 'open'
        ? 'open-trace.spec.ts'
        : process.env.BENCH_PROFILE === 'first'
          ? 'first-open.spec.ts'
          : process.env.BENCH_PROFILE === 'text'
            ? 'text-profile.spec.ts'
            : 'profile.spec.ts'
    : ['bench.spec.ts', 'collect.spec.ts', 'navigation.spec.ts'],
  outputDir: '../test-results/bench',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 300_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'zh-CN',
    viewport: { width: 1280, height: 900 },
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs },
  },
  webServer: {
    command: `node_modules/.bin/vite preview --port ${port} --strictPort --host 127.0.0.1 --outDir ${outDir}`,
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
