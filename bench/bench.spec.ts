// The performance benchmark (`npm run bench`), against the production build. Not a pass/fail
// test: it measures, prints a table and writes bench/results.json. Targets (issue 6): p95
// keystroke cost ≤ 4 ms, first-load JS ≤ 150 KB gzip, autosave p95 ≤ 300 ms, HTML export ≤ 50 ms;
// (issue 14) keystroke → its first IndexedDB commit (the power-cut window) ≤ 50 ms.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type Browser, type Page, expect, test } from '@playwright/test';
import { renderPrintableHtml } from '../src/export/printHtml';
import { fromJson } from '../src/report/json';
import { DB_NAME } from '../src/storage/db';
import { longProblems, openLongProblems } from './longText';
import { openSeed } from './openSeed';
import { type Stats, stats } from './stats';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, process.env.E2E_DIST ?? 'dist');
const SEED = join(root, 'tests/fixtures/laodian-2023.json');

// ---------------------------------------------------------------- first load

/** The files index.html loads at once: the same reading as tests/build/bundle-size.test.ts. */
function firstLoadAssets(dir: string): { js: string[]; css: string[] } {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const refs = (re: RegExp) => [...html.matchAll(re)].map((m) => m[1]!.replace(/^\.?\//, ''));
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

function sizes(files: string[]): { files: string[]; rawKB: number; gzipKB: number } {
  const kb = (n: number) => Math.round((n / 1024) * 10) / 10;
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const bytes = readFileSync(join(dist, f));
    raw += bytes.length;
    gz += gzipSync(bytes).length;
  }
  return { files, rawKB: kb(raw), gzipKB: kb(gz) };
}

/** Navigation start → the home screen's 新建报告 button present and enabled, on a first visit. */
async function timeToInteractive(browser: Browser, runs: number) {
  const tti: number[] = [];
  const fcp: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __tti?: number };
      const ready = () => {
        const b = document.querySelector<HTMLButtonElement>('form[aria-label="新建报告"] button[type="submit"]');
        if (b && !b.disabled && w.__tti === undefined) w.__tti = performance.now();
      };
      new MutationObserver(ready).observe(document, { subtree: true, childList: true, attributes: true });
    });
    await page.goto('/');
    await page.waitForFunction(() => (window as unknown as { __tti?: number }).__tti !== undefined);
    tti.push(await page.evaluate(() => (window as unknown as { __tti: number }).__tti));
    fcp.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN));
    await context.close();
  }
  return { tti: stats(tti), firstContentfulPaint: stats(fcp) };
}

// ---------------------------------------------------------------- the open report

/** Window listeners around every input event: capture (first) and bubble (last, after React's commit). */
function installProbes(page: Page) {
  return page.addInitScript(() => {
    interface Probe {
      on: boolean;
      t0: number;
      costs: number[];
      /** The share of each cost spent in style and layout (the forced reflow). */
      layout: number[];
      events: { id: number; duration: number }[];
      /** Input event → the checks it left to the next task committed and laid out. */
      checks: number[];
      /** Enter (move to the cell below): keydown, focus change included, to layout done. */
      enter: number[];
      /** Input event → the first readwrite IndexedDB transaction begun after it has committed. */
      commits: number[];
      commitOn: boolean;
      /** Input event → the end of the next frame's rendering (a rAF, then a message after it). */
      paints: number[];
      /** The event's own time stamp (the key press) → its handler: the wait in the input queue. */
      queued: number[];
    }
    const probe: Probe = {
      on: false,
      t0: 0,
      costs: [],
      layout: [],
      events: [],
      checks: [],
      enter: [],
      commits: [],
      commitOn: false,
      paints: [],
      queued: [],
    };
    // Every readwrite transaction: when it was begun and when it committed ('complete': with
    // strict durability, on disk). The first one begun after a keystroke closes its window.
    let waitingSince: number | null = null;
    const begin = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<typeof begin>) {
      const tx = begin.apply(this, args);
      if (args[1] === 'readwrite' && probe.commitOn && waitingSince !== null && waitingSince <= performance.now()) {
        const since = waitingSince;
        tx.addEventListener('complete', () => {
          if (waitingSince !== since) return;
          waitingSince = null;
          probe.commits.push(performance.now() - since);
        });
      }
      return tx;
    };
    window.addEventListener(
      'input',
      () => {
        if (probe.commitOn) waitingSince = performance.now();
      },
      true,
    );
    let enterAt = 0;
    window.addEventListener('keydown', (e) => e.key === 'Enter' && (enterAt = performance.now()), true);
    window.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' || !probe.on) return;
      document.body.getBoundingClientRect();
      probe.enter.push(performance.now() - enterAt);
    });
    (window as unknown as { __probe: Probe }).__probe = probe;
    window.addEventListener('input', () => (probe.t0 = performance.now()), true);
    // One frame callback per frame: every key waiting for it is painted by the same frame.
    const waiting: number[] = [];
    const afterPaint = new MessageChannel();
    afterPaint.port1.onmessage = () => {
      const now = performance.now();
      for (const t of waiting.splice(0)) probe.paints.push(now - t);
    };
    window.addEventListener(
      'input',
      (e) => {
        if (!probe.on) return;
        probe.queued.push(performance.now() - e.timeStamp);
        if (!waiting.length) requestAnimationFrame(() => afterPaint.port2.postMessage(null));
        waiting.push(performance.now());
      },
      true,
    );
    window.addEventListener('input', () => {
      // Forces style and layout, so their cost is inside the measure.
      const handled = performance.now();
      document.body.getBoundingClientRect();
      void document.body.offsetHeight;
      const done = performance.now();
      if (probe.on) {
        probe.costs.push(done - probe.t0);
        probe.layout.push(done - handled);
        // The store queued the keystroke's checks (setTimeout 0) inside the handlers above;
        // this timer runs after that task and the render it caused.
        const t0 = probe.t0;
        setTimeout(() => {
          document.body.getBoundingClientRect();
          probe.checks.push(performance.now() - t0);
        }, 0);
      }
    });
    new PerformanceObserver((list) => {
      if (!probe.on) return;
      for (const e of list.getEntries() as PerformanceEventTiming[]) {
        if (e.interactionId) probe.events.push({ id: e.interactionId, duration: e.duration });
      }
    }).observe({ type: 'event', durationThreshold: 16, buffered: false } as PerformanceObserverInit);
  });
}

/** What the probes recorded (installProbes), with recording turned off. */
interface ProbeRecords {
  costs: number[];
  layout: number[];
  events: { id: number; duration: number }[];
  checks: number[];
  enter: number[];
  paints: number[];
  queued: number[];
}
function stopProbe(page: Page): Promise<ProbeRecords> {
  return page.evaluate(() => {
    const p = (window as unknown as { __probe: ProbeRecords & { on: boolean } }).__probe;
    p.on = false;
    return {
      costs: p.costs,
      layout: p.layout,
      events: p.events,
      checks: p.checks,
      enter: p.enter,
      paints: p.paints,
      queued: p.queued,
    };
  });
}

/** Event Timing reports each event of an interaction (keydown, input, keyup): the longest is the interaction's. */
function interactionDurations(events: ProbeRecords['events']): number[] {
  const longest = new Map<number, number>();
  for (const e of events) longest.set(e.id, Math.max(longest.get(e.id) ?? 0, e.duration));
  return [...longest.values()];
}

/** The seed report imported as a new report (its texts make the text rules do real work), on table 三. */
async function openSeedOnRequests(page: Page): Promise<string> {
  await openSeed(page);
  await page
    .getByRole('navigation', { name: '填报步骤' })
    .getByRole('button', { name: /^三 依申请公开：/ })
    .click();
  await expect(page.locator('input[name="requests.newReceived.natural"]')).toHaveValue('0');
  const id = new URLSearchParams(new URL(page.url()).hash.slice(1)).get('report');
  if (!id) throw new Error('no report id in the URL');
  return id;
}

const APPLICANT_COLUMNS = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other'];
const ROWS_PER_COLUMN = 24; // table 三's input rows (（七）总计 is computed)

async function keystrokes(page: Page) {
  // Warm-up: JIT and first renders are not what the clerk feels on the 300th key.
  await page.locator('input[name="requests.carriedForward.natural"]').focus();
  await page.keyboard.type('12\n3', { delay: 25 });
  await page.evaluate(() => ((window as unknown as { __probe: { on: boolean } }).__probe.on = true));
  // Seven columns down, 「12」 then Enter in every cell: 336 input events, 25 ms apart.
  for (const col of [...APPLICANT_COLUMNS, APPLICANT_COLUMNS[0]!]) {
    await page.locator(`input[name="requests.newReceived.${col}"]`).focus();
    await page.keyboard.type('12\n'.repeat(ROWS_PER_COLUMN), { delay: 25 });
  }
  // Let the last interaction's frame be reported.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))));
  const probe = await stopProbe(page);
  const perInteraction = interactionDurations(probe.events);
  const interactions = ROWS_PER_COLUMN * 7 * 3; // two digits and an Enter per cell
  return {
    inputEvents: probe.costs.length,
    costMs: stats(probe.costs),
    scriptMs: stats(probe.costs.map((c, i) => c - (probe.layout[i] ?? 0))),
    styleAndLayoutMs: stats(probe.layout),
    checksShownMs: stats(probe.checks),
    enterMs: stats(probe.enter),
    eventTiming: {
      note: 'interactions of at least 16 ms (durationThreshold 16; durations rounded to 8 ms)',
      keyPresses: interactions,
      interactionsOver16ms: perInteraction.length,
      durationMs: perInteraction.length ? stats(perInteraction) : null,
    },
  };
}

/**
 * Keystroke → the record in IndexedDB holds the typed value (read with the raw API, polled);
 * and keystroke → the first write begun after it committed (the staged copy: the power-cut window).
 */
async function autosave(page: Page, id: string, samples: number) {
  const latencies: number[] = [];
  await page.evaluate(() => ((window as unknown as { __probe: { commitOn: boolean } }).__probe.commitOn = true));
  const paths = APPLICANT_COLUMNS.flatMap((c) => [`requests.disclosed.${c}`, `requests.carriedOver.${c}`]);
  for (let i = 0; i < samples; i++) {
    const path = paths[i % paths.length]!;
    const cell = page.locator(`input[name="${path}"]`);
    await cell.focus();
    const before = await cell.inputValue();
    const digit = String(((Number(before) || 0) % 9) + 1);
    const stored = page.evaluate(
      ([db, id, path, value]) =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open(db);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const conn = open.result;
            const poll = () => {
              const get = conn.transaction('reports').objectStore('reports').get(id);
              get.onerror = () => reject(get.error);
              get.onsuccess = () => {
                const rec = get.result as { report: { cells: Record<string, number | null> } } | undefined;
                if (rec?.report.cells[path] === value) {
                  conn.close();
                  resolve(performance.now());
                } else poll();
              };
            };
            poll();
          };
        }),
      [DB_NAME, id, path, Number(digit)] as const,
    );
    await page.keyboard.press(digit);
    const at = await stored;
    const t0 = await page.evaluate(() => (window as unknown as { __probe: { t0: number } }).__probe.t0);
    latencies.push(at - t0);
  }
  const commits = await page.evaluate(() => {
    const p = (window as unknown as { __probe: { commitOn: boolean; commits: number[] } }).__probe;
    p.commitOn = false;
    return p.commits;
  });
  return { stored: stats(latencies), committed: stats(commits) };
}

// ---------------------------------------------------------------- printable HTML

function printableHtml(runs: number) {
  const r = fromJson(JSON.parse(readFileSync(SEED, 'utf8')));
  if (!r.ok) throw new Error('seed refused');
  const report = r.report;
  for (let i = 0; i < 5; i++) renderPrintableHtml(report);
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    bytes = renderPrintableHtml(report).length;
    times.push(performance.now() - t);
  }
  return { chars: bytes, ms: stats(times) };
}

// ---------------------------------------------------------------- the run

function machine(browserVersion: string) {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  return {
    nproc: availableParallelism(),
    cpu: /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown',
    memoryGB: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    chromium: browserVersion,
  };
}

const fmt = (s: Stats | null | undefined, unit = 'ms') =>
  s ? `p50 ${s.p50} ${unit}, p95 ${s.p95} ${unit}, max ${s.max} ${unit} (n=${s.n})` : '—';

test('benchmark', async ({ browser, page }) => {
  const { js, css } = firstLoadAssets(dist);
  const firstLoad = { js: sizes(js), css: sizes(css), ...(await timeToInteractive(browser, 5)) };

  await installProbes(page);
  const id = await openSeedOnRequests(page);
  const keys = await keystrokes(page);
  const { stored: save, committed } = await autosave(page, id, 25);
  const html = printableHtml(50);

  const results = {
    date: new Date().toISOString(),
    machine: machine(browser.version()),
    viewport: page.viewportSize(),
    keystroke: keys,
    firstLoad,
    autosaveMs: save,
    keystrokeToCommitMs: committed,
    printableHtml: html,
    targets: {
      keystrokeP95Ms: 4,
      firstLoadJsGzipKB: 150,
      autosaveP95Ms: 300,
      keystrokeToCommitP95Ms: 50,
      printableHtmlMs: 50,
    },
  };
  writeFileSync(join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);

  const ok = (v: number, max: number) => (v <= max ? 'ok' : 'OVER');
  const rows: [string, string, string][] = [
    ['keystroke cost, table 三 (input → layout done)', fmt(keys.costMs), `${ok(keys.costMs.p95, 4)} (p95 ≤ 4 ms)`],
    ['  of which handlers + React (script)', fmt(keys.scriptMs), ''],
    ['  of which style + layout', fmt(keys.styleAndLayoutMs), ''],
    ['keystroke → its checks shown (next task)', fmt(keys.checksShownMs), 'reference: cell states, badges'],
    ['Enter to the cell below (keydown → layout done)', fmt(keys.enterMs), 'reference: mostly focus() itself'],
    [
      '  Event Timing interactions ≥ 16 ms',
      `${keys.eventTiming.interactionsOver16ms} of ${keys.eventTiming.keyPresses} key presses; ${fmt(keys.eventTiming.durationMs)}`,
      'reference',
    ],
    [
      'first-load JS',
      `${firstLoad.js.rawKB} KB raw, ${firstLoad.js.gzipKB} KB gzip (${js.length} files)`,
      `${ok(firstLoad.js.gzipKB, 150)} (≤ 150 KB gzip)`,
    ],
    ['first-load CSS', `${firstLoad.css.rawKB} KB raw, ${firstLoad.css.gzipKB} KB gzip (${css.length} files)`, ''],
    ['time to interactive (新建报告 enabled)', fmt(firstLoad.tti), 'first visit, localhost'],
    // Issue 12: the shell is prerendered in index.html with its CSS inline; measured on this
    // machine (median of 5 cold visits) 1544 ms before, 704 ms after.
    ['first contentful paint', fmt(firstLoad.firstContentfulPaint), '≤ half of before (prerendered shell)'],
    ['autosave: keystroke → in IndexedDB', fmt(save), `${ok(save.p95, 300)} (p95 ≤ 300 ms)`],
    [
      'keystroke → first write after it committed (power-cut window)',
      fmt(committed),
      `${ok(committed.p95, 50)} (p95 ≤ 50 ms)`,
    ],
    ['printable HTML, seed report (Node)', fmt(html.ms), `${ok(html.ms.p95, 50)} (≤ 50 ms)`],
  ];
  const m = results.machine;
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log(`\nnianbao benchmark — ${m.nproc} × ${m.cpu}, ${m.memoryGB} GB, Chromium ${m.chromium}, Node ${m.node}`);
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
  console.log('written to bench/results.json\n');
  expect(keys.inputEvents).toBeGreaterThanOrEqual(300);
});

// ---------------------------------------------------------------- Word export (issue 11)
// A test of its own, so the main benchmark above is untouched. Target: ≤ 300 ms for the seed.

test('Word export of the seed', async ({ page }) => {
  const { renderDocx } = await import('../src/export/docx');
  const r = fromJson(JSON.parse(readFileSync(SEED, 'utf8')));
  if (!r.ok) throw new Error('seed refused');
  for (let i = 0; i < 3; i++) await renderDocx(r.report);
  const node: number[] = [];
  // CPU time as well as wall time: on a machine shared with other work the wall time mostly
  // measures the wait for a core.
  const cpu: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 20; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    bytes = (await renderDocx(r.report)).length;
    node.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }

  // In the app: click 「下载 Word 文件」 → the download starts. The first click also fetches the docx chunk.
  await openSeed(page);
  // The imported seed opens as a new report: back to its 导出 step.
  await page
    .getByRole('navigation', { name: '填报步骤' })
    .getByRole('button', { name: /^导出：/ })
    .click();
  const button = page.getByRole('button', { name: '下载 Word 文件' });
  // Timed in the page: the button's click event → the download link's click (the file handed
  // to the browser), without Playwright's own round trips.
  await page.evaluate(() => {
    const w = window as unknown as { __word: { t0: number; t1: number } };
    w.__word = { t0: 0, t1: 0 };
    document.addEventListener(
      'click',
      (e) => {
        // The download link's own click is the end, not a start.
        if (!(e.target instanceof HTMLAnchorElement)) w.__word.t0 = performance.now();
      },
      { capture: true },
    );
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      if (this.download.endsWith('.docx')) w.__word.t1 = performance.now();
      original.call(this);
    };
  });
  const click = async () => {
    // A lost download fails here, not at the test's 5-minute timeout.
    const download = page.waitForEvent('download', { timeout: 30_000 });
    await button.click();
    await download;
    return page.evaluate(() => {
      const w = window as unknown as { __word: { t0: number; t1: number } };
      return w.__word.t1 - w.__word.t0;
    });
  };
  const cold = await click();
  const warm: number[] = [];
  // Chromium drops a page's 11th download (any file, with or without an await before the
  // link's click; seen in Chromium 156): the first click and 8 more stay under that.
  for (let i = 0; i < 8; i++) warm.push(await click());

  const wordExport = {
    bytes,
    nodeMs: stats(node),
    nodeCpuMs: stats(cpu),
    browserColdMs: Math.round(cold),
    browserMs: stats(warm),
  };
  const file = join(root, 'bench/results.json');
  const results = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  writeFileSync(file, `${JSON.stringify({ ...results, wordExport }, null, 2)}\n`);
  const ok = (v: number) => (v <= 300 ? 'ok' : 'OVER');
  console.log(
    `Word export, seed (Node renderDocx)        ${fmt(wordExport.nodeMs)}  ${ok(wordExport.nodeMs.p95)} (≤ 300 ms)`,
  );
  console.log(`  of which CPU time                        ${fmt(wordExport.nodeCpuMs)}`);
  console.log(
    `Word export, seed (click → download)       ${fmt(wordExport.browserMs)}  ${ok(wordExport.browserMs.p95)} (≤ 300 ms)`,
  );
  console.log(
    `  first click, docx chunk fetched          ${wordExport.browserColdMs} ms; ${(bytes / 1024).toFixed(1)} KB .docx\n`,
  );
  expect(bytes).toBeGreaterThan(0);
});

// ---------------------------------------------------------------- typing in 五 near the text limit (issue 14)
// A 410 KB 五 cost 0.8–2.3 s per key (mostly the textarea's layout); texts are now capped at
// MAX_TEXT. Measured: keys typed at the end of a 五 a few characters short of the cap, at two
// paces. Before/after the patch journal and the textarea left alone by React (load 4–14, so
// for comparison only): input → next frame rendered, 50 ms apart, p50 35 → 18 ms, p95 93 →
// 57 ms; 100 ms apart p50 36 → 16 ms, p95 55 → 44 ms.
// Event Timing then stayed at seconds while the main thread was done in ~10 ms. A trace
// (BENCH_PROFILE=text, test-results/text-trace.json) showed why: the renderer committed and
// submitted a frame per key, but viz drew 4 frames in 7 s ('Draw skipped.'/'Swap skipped.',
// no damage), so every key waited for the next real draw. It happened only while the typed
// line was in the bottom ~50 px of the window (this box's end at 1280×900): the same page
// scrolled 100 px, a box ≤ 520 px tall, or any header hidden gave p50 16–56 ms; contain,
// will-change, an own layer, no outline/resizer, a transparent background did not help (all
// still 1–3 s). Now the page keeps the caret 4.5rem above the window's edge while a text is
// focused (Wizard.css). Before → after, same machine, load 7–8: 50 ms apart p50 1,360 → 16 ms,
// p95 3,944 → 32 ms; 100 ms apart p50 3,832 → 16 ms, p95 10,896 → 32 ms.

test('typing in 五 near the 50,000-character limit', async ({ page }) => {
  const problems = longProblems();
  await installProbes(page);
  await openLongProblems(page, problems);
  // Warm-up, then 120 keys at each pace (ASCII: an IME's composition is not what is measured):
  // 50 ms apart (a fast typist: a per-key cost above it piles up) and 100 ms apart.
  await page.keyboard.type('abc', { delay: 50 });
  const pace = async (delay: number) => {
    await page.evaluate(() => {
      const p = (
        window as unknown as {
          __probe: {
            on: boolean;
            costs: number[];
            layout: number[];
            events: unknown[];
            paints: number[];
            queued: number[];
          };
        }
      ).__probe;
      p.costs = [];
      p.layout = [];
      p.events = [];
      p.paints = [];
      p.queued = [];
      p.on = true;
    });
    await page.keyboard.type('abcdefghij'.repeat(12), { delay });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 300))));
    const probe = await stopProbe(page);
    const perInteraction = interactionDurations(probe.events);
    return {
      delayMs: delay,
      keys: probe.costs.length,
      costMs: stats(probe.costs),
      styleAndLayoutMs: stats(probe.layout),
      queuedMs: stats(probe.queued),
      keyToPaintMs: stats(probe.paints),
      paintedOver50ms: probe.paints.filter((p) => p > 50).length,
      interactionsOver16ms: perInteraction.length,
      interactionMs: perInteraction.length ? stats(perInteraction) : null,
    };
  };
  const fast = await pace(50);
  const slow = await pace(100);
  const textTyping = { chars: problems.length, ...fast, at100ms: slow };
  const out = join(root, 'bench/results.json');
  const results = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : {};
  writeFileSync(out, `${JSON.stringify({ ...results, textTyping }, null, 2)}\n`);
  for (const t of [fast, slow]) {
    console.log(`typing in 五 at ${problems.length} characters, keys ${t.delayMs} ms apart`);
    console.log(`  input → layout done                 ${fmt(t.costMs)}`);
    console.log(`    of which style + layout           ${fmt(t.styleAndLayoutMs)}`);
    console.log(`  key press → its input event         ${fmt(t.queuedMs)}`);
    console.log(`  input → next frame rendered         ${fmt(t.keyToPaintMs)}; ${t.paintedOver50ms} over 50 ms`);
    console.log(`  Event Timing interactions ≥ 16 ms: ${t.interactionsOver16ms} of ${t.keys}; ${fmt(t.interactionMs)}`);
  }
  console.log('');
  expect(fast.keys).toBeGreaterThanOrEqual(100);
  expect(slow.keys).toBeGreaterThanOrEqual(100);
});
