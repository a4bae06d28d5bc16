// `npm run bench`: the performance benchmark against the production build (vite build first).
// Not a pass/fail test: it prints a table and writes bench/results.json. One worker, so
// nothing else competes for the two cores while it measures.
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { chromiumArgs } from '../playwright.config';

const port = Number(process.env.E2E_PORT ?? 4174);
const outDir = process.env.E2E_DIST ?? 'dist';

/** BENCH_PROFILE's values; any other (e.g. 1) profiles typing in table 三 (profile.spec.ts). */
const PROFILES: Record<string, string> = {
  // opening a report and switching steps
  navigation: 'navigation-profile.spec.ts',
  // a trace of the first open after a fresh page load
  open: 'open-trace.spec.ts',
  // that first open timed many times, a fresh load each
  first: 'first-open.spec.ts',
  // typing at the end of a long 五
  text: 'text-profile.spec.ts',
  // the page's main thread in 汇总: a load and opening 合计
  collect: 'collect-profile.spec.ts',
};

export default defineConfig({
  testDir: '.',
  // BENCH_PROFILE picks one profile or trace instead of the figures (see PROFILES); unset, the
  // figures: bench.spec.ts (typing, autosave), collect.spec.ts (汇总 of 1,000 and 10,000 reports,
  // issue 15), navigation.spec.ts (open and step switch, issue 12).
  testMatch: process.env.BENCH_PROFILE
    ? (PROFILES[process.env.BENCH_PROFILE] ?? 'profile.spec.ts')
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
