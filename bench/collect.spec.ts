// 汇总 benchmark (issue 15), part of `npm run bench`: a generated .zip of 1,000 and of
// 10,000 reports (~20 KB each, the seed's narrative padded with its own paragraphs) from
// drop to the list shown, with the split (read, unzip, parse, validate, check, store, sum), the
// page's longest main-thread task, the page heap, and sorting/filtering the list.
// Targets: 1,000 ≤ 0.5 s, 10,000 ≤ 3 s, heap < 1 GB, sort/filter ≤ 100 ms, no task > 50 ms.
// The workers start when 汇总 shows and warm their code up while the clerk picks her files
// (WorkerPool); each size is dropped once they are warm, and 1,000 also at once ("cold").
// Writes bench/collect-results.json. COLLECT_SIZES=1000 runs one size only.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Page, expect, test } from '@playwright/test';
import { makeZip, openSum } from './collectZip';

const root = fileURLToPath(new URL('..', import.meta.url));
const SIZES = (process.env.COLLECT_SIZES ?? '1000,10000').split(',').map(Number);

interface Row {
  reports: number;
  /** Dropped once the workers were warm (as after a clerk's few seconds in the file picker), or at once. */
  workers: 'warm' | 'cold';
  zipMB: number;
  rawMB: number;
  dropToListMs: number;
  readMs: number;
  /** Worker CPU milliseconds per phase, summed over the workers. */
  cpu: Record<string, number>;
  storeMs: number;
  sumMs: number;
  sortMs: number;
  filterMs: number;
  longestTaskMs: number;
  longTasksOver50: number;
  longestTaskOpeningSumMs: number;
  peakHeapMB: number;
}

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1024 / 1024;
}

const results: Row[] = [];

const RUNS = SIZES.flatMap((n) => [...(n <= 1000 ? [{ n, cold: true }] : []), { n, cold: false }]);

for (const { n, cold } of RUNS) {
  test(`汇总 ${n} reports${cold ? ', dropped at once' : ''}`, async ({ page }) => {
    test.setTimeout(900_000);
    const zip = makeZip(n);
    await page.goto('/#view=collect');
    await page.getByLabel('汇总名称').fill(`bench ${n}`);
    await page.getByRole('button', { name: '新建汇总' }).click();
    await expect(page.getByRole('heading', { name: new RegExp(`bench ${n}`) })).toBeVisible();
    await page.evaluate(() => {
      const w = window as unknown as { __long: [number, number][] };
      w.__long = [];
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) w.__long.push([e.startTime, e.duration]);
      }).observe({ type: 'longtask' });
    });
    if (!cold)
      await page.waitForFunction(() => performance.getEntriesByName('collect:warm').length > 0, null, {
        timeout: 60_000,
      });
    let peak = await heapMB(page);
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, await heapMB(page).catch(() => 0));
        await new Promise((r) => setTimeout(r, 250)); // a sampling interval, not a wait for the page
      }
    })();
    // The list is shown: the stats line counts every report, and a row of the table exists.
    // Watched by a MutationObserver, not polled each frame: polling kept the page drawing
    // frames throughout the load, main-thread work the clerk's page does not have.
    await page.evaluate((count) => {
      const w = window as unknown as { __shown: Promise<number> };
      w.__shown = new Promise<number>((resolve) => {
        const done = () => {
          const s = document.querySelector('[data-testid=co-stats]')?.textContent ?? '';
          return s.startsWith(`报告 ${count} 份`) && !!document.querySelector('.co-table tbody tr[data-entry]');
        };
        const mo = new MutationObserver(() => {
          if (!done()) return;
          mo.disconnect();
          // The frame that draws it, as a clerk sees it.
          requestAnimationFrame(() => resolve(performance.now()));
        });
        mo.observe(document.body, { subtree: true, childList: true, characterData: true });
      });
    }, n);
    await page.locator('input[type=file][multiple]').setInputFiles(zip.path);
    const shown = await page.evaluate(() => (window as unknown as { __shown: Promise<number> }).__shown);
    // The commit may end after the list shows (a small load's list is drawn while it runs).
    await page.waitForFunction(() => performance.getEntriesByName('collect:store').length > 0, null, {
      polling: 100,
    });
    const m = await page.evaluate(() => {
      const read = performance.getEntriesByName('collect:read')[0] as PerformanceMeasure;
      const store = performance.getEntriesByName('collect:store')[0] as PerformanceMeasure;
      return { start: read.startTime, read: read.duration, detail: read.detail, store: store?.duration ?? Number.NaN };
    });
    // Sorting and filtering the list: React renders a discrete event's update before click() returns.
    const sortMs = await page.evaluate(() => {
      const btn = [...document.querySelectorAll<HTMLButtonElement>('.co-sort')].find((b) =>
        b.textContent?.includes('本年新收'),
      )!;
      const t = performance.now();
      btn.click();
      return performance.now() - t;
    });
    await expect(page.locator('th[aria-sort]')).toHaveCount(1);
    const filterMs = await page.evaluate(() => {
      const sel = [...document.querySelectorAll('select')].find((s) => s.querySelector('option[value=draft]'))!;
      const t = performance.now();
      sel.value = 'draft';
      sel.dispatchEvent(new Event('change', { bubbles: true }));
      return performance.now() - t;
    });
    // Checked with a query in the page, not getByText: Playwright's text lookup over the whole
    // page runs on the page's main thread, and after 10,000 rows it was a long task of its own.
    const shows = (text: string, selector: string) =>
      page.waitForFunction(
        ([t, sel]) => [...document.querySelectorAll(sel)].some((el) => el.textContent?.includes(t)),
        [text, selector] as const,
        { polling: 100 },
      );
    await shows(`显示 ${n / 10} / ${n} 份`, '.co-count');
    const sumStart = Date.now();
    await openSum(page);
    const sumMs = Date.now() - sumStart;
    sampling = false;
    await sampler;
    const all = await page.evaluate(() => (window as unknown as { __long: [number, number][] }).__long);
    // While the collection loads (drop to list shown), then opening 合计 apart.
    const long = all.filter(([t]) => t < shown).map(([, d]) => d);
    const sumLong = all.filter(([t]) => t >= shown).map(([, d]) => d);
    const r = (x: number) => Math.round(x);
    const d = m.detail as Record<string, number>;
    results.push({
      reports: n,
      workers: cold ? 'cold' : 'warm',
      zipMB: Math.round((zip.bytes / 1024 / 1024) * 10) / 10,
      rawMB: Math.round((zip.raw / 1024 / 1024) * 10) / 10,
      dropToListMs: r(shown - m.start),
      readMs: r(m.read),
      cpu: Object.fromEntries(
        Object.entries(d)
          .filter(([k]) => k !== 'files')
          .map(([k, v]) => [k, r(v)]),
      ),
      storeMs: r(m.store),
      sumMs,
      sortMs: Math.round(sortMs * 10) / 10,
      filterMs: Math.round(filterMs * 10) / 10,
      longestTaskMs: r(Math.max(0, ...long)),
      longTasksOver50: long.filter((x) => x > 50).length,
      longestTaskOpeningSumMs: r(Math.max(0, ...sumLong)),
      peakHeapMB: r(peak),
    });
    // The split flat, so console.table shows it rather than [Object].
    console.table(
      results.map(({ cpu, ...rest }) => ({
        ...rest,
        ...Object.fromEntries(Object.entries(cpu).map(([k, v]) => [`cpu.${k}`, v])),
      })),
    );
    writeFileSync(join(root, 'bench/collect-results.json'), `${JSON.stringify(results, null, 2)}\n`);
  });
}
