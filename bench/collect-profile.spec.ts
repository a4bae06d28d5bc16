// Where the page's time goes in 汇总 (issue 15): a CPU profile (CDP Profiler) of the main
// thread while a generated .zip loads, and apart of opening the 合计 tab, summed by function;
// the long tasks of each. The workers' time is in bench/collect-cpu.ts (Node). Unminified:
//   vite build --minify false --outDir dist-prof && BENCH_PROFILE=collect E2E_DIST=dist-prof playwright test -c bench/bench.config.ts
// COLLECT_SIZES=10000 for another size (default 1000).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CDPSession, type Page, expect, test } from '@playwright/test';
import { makeZip, openSum } from './collectZip';
import { type Profile, addProfile } from './cpuProfile';

const root = fileURLToPath(new URL('..', import.meta.url));
const n = Number((process.env.COLLECT_SIZES ?? '1000').split(',')[0]);

async function profiled(page: Page, what: () => Promise<void>): Promise<{ profile: Profile; long: number[] }> {
  // One observer for the page's life (a second would report every task twice).
  const from = await page.evaluate(() => {
    const w = window as unknown as { __long?: number[] };
    if (!w.__long) {
      const long: number[] = [];
      w.__long = long;
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) long.push(Math.round(e.duration));
      }).observe({ type: 'longtask' });
    }
    return w.__long.length;
  });
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await what();
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  await cdp.detach();
  const long = await page.evaluate((k) => (window as unknown as { __long: number[] }).__long.slice(k), from);
  return { profile, long };
}

function summary(title: string, { profile, long }: { profile: Profile; long: number[] }): string {
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const busy = addProfile(profile, self, total, ['(idle)', '(root)']);
  const top = (m: Map<string, number>, k: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, v]) => `${v.toFixed(1).padStart(8)} ms  ${name}`);
  return [
    `${title}: busy ${busy.toFixed(0)} ms; long tasks ${JSON.stringify(long)}`,
    'SELF',
    ...top(self, 30),
    'TOTAL',
    ...top(total, 45),
    '',
  ].join('\n');
}

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  ts: number;
  tid: number;
  args?: { data?: { functionName?: string } };
}

/** The main thread's tasks over 50 ms, each with the time of the events directly in it (ms). */
function traceSummary(title: string, events: TraceEvent[]): string {
  // The page's main thread: the one that lays out (workers do not).
  const main = events.find((e) => e.name === 'Layout')?.tid;
  const tasks = events.filter((e) => e.tid === main && e.ph === 'X' && /RunTask/.test(e.name) && (e.dur ?? 0) > 50_000);
  const lines = [`${title}, traced: tasks over 50 ms`];
  for (const t of tasks) {
    const inside = events.filter(
      (e) => e.tid === t.tid && e.ph === 'X' && e !== t && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + (t.dur ?? 0),
    );
    const by = new Map<string, number>();
    for (const e of inside) {
      const fn = e.args?.data?.functionName;
      const name = e.name === 'FunctionCall' && fn ? `FunctionCall ${fn}` : e.name;
      by.set(name, (by.get(name) ?? 0) + (e.dur ?? 0) / 1000);
    }
    const parts = [...by.entries()].sort((a, b) => b[1] - a[1]).slice(0, 16);
    lines.push(`${((t.dur ?? 0) / 1000).toFixed(0)} ms: ${parts.map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
  }
  return lines.join('\n');
}

test(`profile 汇总 of ${n} reports`, async ({ page }) => {
  test.setTimeout(900_000);
  const zip = makeZip(n);
  await page.goto('/#view=collect');
  await page.getByLabel('汇总名称').fill(`profile ${n}`);
  await page.getByRole('button', { name: '新建汇总' }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`profile ${n}`) })).toBeVisible();
  const browser = page.context().browser()!;
  const categories = ['toplevel', 'devtools.timeline', 'v8', 'disabled-by-default-v8.gc', 'blink.user_timing'];
  await browser.startTracing(page, { categories });
  const load = await profiled(page, async () => {
    await page.locator('input[type=file][multiple]').setInputFiles(zip.path);
    await page.waitForFunction(
      (count) =>
        (document.querySelector('[data-testid=co-stats]')?.textContent ?? '').startsWith(`报告 ${count} 份`) &&
        !!document.querySelector('.co-table tbody tr[data-entry]'),
      n,
      { polling: 'raf', timeout: 600_000 },
    );
  });
  const loadTrace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  // Traced as well: what the long tasks of opening 合计 hold, by event.
  await browser.startTracing(page, { categories });
  const sum = await profiled(page, async () => {
    await openSum(page);
  });
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  writeFileSync(join(root, 'test-results/bench-collect-trace.json'), JSON.stringify(trace));
  const out = [
    summary(`load of ${n}`, load),
    traceSummary(`load of ${n}`, loadTrace.traceEvents),
    summary('opening 合计', sum),
    traceSummary('opening 合计', trace.traceEvents),
  ].join('\n');
  console.log(out);
  writeFileSync(join(root, 'test-results/bench-collect-profile.txt'), `${out}\n`);
});
