// Where the first (cold) open of a report goes (issue 12): the bench's own flow — a fresh page
// load, the seed imported from the home screen, 打开 clicked as soon as it shows — traced with
// CDP Tracing, several page loads. For each: the open (click → step painted, as
// navigation.spec.ts times it), when the open report's chunks were fetched relative to the click,
// and the renderer main thread's time inside the open by kind (script compile, script run, style,
// layout, paint, GC) and idle (waiting: a chunk, IndexedDB, a lock).
//   vite build --outDir dist-x && BENCH_PROFILE=open E2E_DIST=dist-x playwright test -c bench/bench.config.ts
// Writes test-results/bench-open-trace.txt (BENCH_KEEP_TRACE=1: each load's trace too, as
// test-results/bench-open-trace-N.json). Also the open's main-thread CPU (thread time of its tasks).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type Page, expect, test } from '@playwright/test';
import { type Profile, addProfile } from './cpuProfile';
import type { TraceEvent } from './cpuProfile';

const root = fileURLToPath(new URL('..', import.meta.url));
const SEED = join(root, 'tests/fixtures/laodian-2023.json');
const LOADS = Number(process.env.BENCH_LOADS ?? 5);

/** Trace event names → the kind of main-thread work they are (the innermost known one counts). */
const KIND: Record<string, string> = {
  'v8.compile': 'compile',
  'V8.CompileLazy': 'compile',
  'V8.CompileFullCode': 'compile',
  'V8.CompileIgnition': 'compile',
  'V8.CompileIgnitionFinalization': 'compile',
  'V8.CompileEval': 'compile',
  'V8.ParseFunction': 'compile',
  'V8.ParseProgram': 'compile',
  'V8.CompileBaseline': 'compile',
  'V8.Maglev': 'compile',
  'v8.compileModule': 'compile',
  'V8.CompileCode': 'compile',
  'v8.parseOnBackground': 'compile',
  'V8.ScriptCompiler': 'compile',
  'v8.produceCache': 'compile',
  'v8.produceModuleCache': 'compile',
  'v8.deserializeOnBackground': 'compile',
  'v8.evaluateModule': 'script',
  EvaluateScript: 'script',
  FunctionCall: 'script',
  'v8.callFunction': 'script',
  'V8.Execute': 'script',
  RunMicrotasks: 'script',
  EventDispatch: 'script',
  TimerFire: 'script',
  FireIdleCallback: 'script',
  FireAnimationFrame: 'script',
  UpdateLayoutTree: 'style',
  RecalculateStyles: 'style',
  ParseAuthorStyleSheet: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
  UpdateLayer: 'paint',
  CompositeLayers: 'paint',
  Commit: 'paint',
  MinorGC: 'gc',
  MajorGC: 'gc',
  'V8.GC_SCAVENGER': 'gc',
  'V8.GC_MARK_COMPACTOR': 'gc',
  BlinkGC: 'gc',
  ParseHTML: 'parse HTML',
};

/** Self time by kind of the main thread's events inside [from, to] (µs, trace clock). */
function breakdown(events: TraceEvent[], from: number, to: number): Map<string, number> {
  const out = new Map<string, number>();
  const add = (k: string, us: number) => out.set(k, (out.get(k) ?? 0) + us);
  // Complete events only ('X'), nested by time: self time goes to the innermost known kind.
  const xs = events.filter((e) => e.ph === 'X' && e.dur !== undefined && e.ts < to && e.ts + e.dur! > from);
  xs.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  // Walk time slices between event boundaries.
  const bounds = new Set<number>([from, to]);
  for (const e of xs) {
    if (e.ts > from && e.ts < to) bounds.add(e.ts);
    const end = e.ts + e.dur!;
    if (end > from && end < to) bounds.add(end);
  }
  const cuts = [...bounds].sort((a, b) => a - b);
  let active: TraceEvent[] = [];
  let next = 0;
  for (let i = 0; i < cuts.length - 1; i++) {
    const a = cuts[i]!;
    const b = cuts[i + 1]!;
    while (next < xs.length && xs[next]!.ts <= a) active.push(xs[next++]!);
    active = active.filter((e) => e.ts + e.dur! > a);
    if (active.length === 0) {
      add('idle (waiting)', b - a);
      continue;
    }
    // Innermost = the latest started among those covering the slice.
    let kind = 'other';
    for (let j = active.length - 1; j >= 0; j--) {
      const k = KIND[active[j]!.name];
      if (k) {
        kind = k;
        break;
      }
    }
    add(kind, b - a);
  }
  return out;
}

/** The part of a CPU profile sampled inside [from, to] (µs, the trace's clock). */
function slice(profile: Profile & { startTime: number }, from: number, to: number): Profile {
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    if (t >= from && t <= to) {
      samples.push(id);
      timeDeltas.push(dt);
    }
  });
  return { nodes: profile.nodes, samples, timeDeltas };
}

/** What a task's JavaScript was: its top functions by self time and the components rendered. */
function topOf(profile: Profile): string {
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  addProfile(profile, self, total, ['(idle)', '(root)', '(program)', '(garbage collector)']);
  const best = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${k.replace(/-[\w-]{8}\.js/, '')} ${v.toFixed(1)}`)
      .join(', ');
  const components = new Map([...total].filter(([k]) => /^[A-Z]\w+ /.test(k)));
  return `self: ${best(self, 5)} | components: ${best(components, 5)}`;
}

/** Arms a one-shot timer, as navigation.spec.ts does; the span is left as performance.measure(`name`). */
async function arm(page: Page, name: string): Promise<void> {
  await page.evaluate((name) => {
    const w = window as unknown as { __open?: Promise<{ t0: number; ms: number }> };
    w.__open = new Promise((resolve) => {
      let t0: number | null = null;
      const done = () =>
        t0 !== null &&
        document.getElementById('wizard-step-title')?.textContent === '基本信息' &&
        document.querySelector('.step-pane:not([hidden]) form.basics input') !== null &&
        !document.body.textContent?.includes('正在打开报告');
      const check = () => {
        if (!done()) return;
        observer.disconnect();
        const start = t0!;
        requestAnimationFrame(() =>
          setTimeout(() => {
            performance.measure(name, { start, end: performance.now() });
            resolve({ t0: start, ms: performance.now() - start });
          }),
        );
      };
      const observer = new MutationObserver(check);
      observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
      window.addEventListener(
        'click',
        (e) => {
          t0 = e.timeStamp;
          queueMicrotask(check);
        },
        { capture: true, once: true },
      );
    });
  }, name);
}

const timed = (page: Page) =>
  page.evaluate(() => (window as unknown as { __open: Promise<{ t0: number; ms: number }> }).__open);

const ms = (us: number) => (us / 1000).toFixed(1);

test('trace the first open of a report after a fresh page load', async ({ browser }) => {
  const lines: string[] = [];
  // The first open's JavaScript by function, summed over the loads (names readable on an unminified build).
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let busy = 0;
  const cpus: number[] = [];
  const sums = new Map<string, Map<string, number>>();
  for (let load = 0; load < LOADS; load++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await browser.startTracing(page, {
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8',
        'v8.execute',
        'disabled-by-default-v8.compile',
        'blink.user_timing',
        'loading',
        'toplevel',
      ],
    });
    await page.goto('/');
    await page.locator('input[type="file"][aria-label="选择要打开的 JSON 文件"]').setInputFiles(SEED);
    const open = page.getByRole('button', { name: /^打开 老店镇/ });
    await expect(open).toBeVisible();
    await arm(page, 'open-1');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await open.click();
    const first = await timed(page);
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile & { startTime: number } };
    const chunks = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e as PerformanceResourceTiming)
        .filter((e) => /assets\/\w+-[\w-]{8}\.(js|css)$/.test(e.name))
        .map((e) => ({ name: e.name.split('/').pop()!, start: e.startTime, end: e.responseEnd })),
    );
    // A later open of the same page, for comparison: everything warm.
    await page.getByRole('button', { name: '返回报告列表' }).click();
    await expect(open).toBeVisible();
    await arm(page, 'open-2');
    await open.click();
    const second = await timed(page);
    const buf = await browser.stopTracing();
    await context.close();
    if (process.env.BENCH_KEEP_TRACE) writeFileSync(join(root, `test-results/bench-open-trace-${load + 1}.json`), buf);

    const { traceEvents } = JSON.parse(buf.toString()) as { traceEvents: TraceEvent[] };
    const measure = (name: string) => traceEvents.find((e) => e.name === name && e.ph === 'b');
    const m1 = measure('open-1');
    const m2 = measure('open-2');
    const renderer = traceEvents.find(
      (e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === m1?.pid,
    );
    lines.push(`== load ${load + 1}: first open ${first.ms.toFixed(1)} ms, second ${second.ms.toFixed(1)} ms`);
    for (const c of chunks) {
      lines.push(
        `  ${c.name.padEnd(32)} fetched ${(c.start - first.t0).toFixed(0).padStart(6)} → ${(c.end - first.t0).toFixed(0).padStart(6)} ms from the click`,
      );
    }
    if (!m1 || !m2 || !renderer) {
      lines.push('  (no trace of the open)');
      continue;
    }
    const main = traceEvents.filter((e) => e.pid === renderer.pid && e.tid === renderer.tid);
    for (const [label, m, t] of [
      ['first', m1, first],
      ['second', m2, second],
    ] as const) {
      const parts = breakdown(main, m.ts, m.ts + t.ms * 1000);
      const sum = sums.get(label) ?? new Map<string, number>();
      for (const [k, v] of parts) sum.set(k, (sum.get(k) ?? 0) + v);
      sums.set(label, sum);
      const shown = [...parts].sort((a, b) => b[1] - a[1]);
      lines.push(`  ${label} open, main thread: ${shown.map(([k, us]) => `${k} ${ms(us)}`).join(', ')} (ms)`);
    }
    const from = m1.ts;
    const to = from + first.ms * 1000;
    // The open's main-thread CPU: thread time (tdur) of the tasks from the click to the opened
    // frame, which a busy machine inflates far less than their wall time.
    const cpu = (a: number, b: number) =>
      main
        .filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.ts + e.dur! > a && e.ts < b)
        .reduce((sum, e) => sum + (e.tdur ?? 0), 0);
    const cpuFirst = cpu(from, to);
    const cpuSecond = cpu(m2.ts, m2.ts + second.ms * 1000);
    cpus.push(cpuFirst);
    lines.push(`  main-thread CPU (tdur of its tasks): first open ${ms(cpuFirst)} ms, second ${ms(cpuSecond)} ms`);
    busy += addProfile(slice(profile, from, to), self, total, ['(idle)', '(root)', '(program)']);
    // The first open's tasks over 3 ms, in order, with what they were.
    const tasks = main
      .filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.ts + e.dur! > from && e.ts < to && e.dur! > 3000)
      .map((t) => {
        const inner = main.filter(
          (e) => e.ph === 'X' && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur! && e !== t && KIND[e.name],
        );
        const top = inner.filter((e) => !inner.some((o) => o !== e && o.ts <= e.ts && o.ts + o.dur! >= e.ts + e.dur!));
        const what = top
          .map((e) => {
            const url = (e.args?.data?.url as string | undefined)?.split('/').pop();
            return `${e.name}${url ? ` ${url}` : ''} ${ms(e.dur!)}`;
          })
          .slice(0, 6)
          .join('; ');
        return `    +${ms(t.ts - from).padStart(6)} ms task ${ms(t.dur!)} ms: ${what}\n        ${topOf(slice(profile, t.ts, t.ts + t.dur!))}`;
      });
    lines.push('  first open, tasks over 3 ms:', ...tasks);
  }
  for (const [label, sum] of sums) {
    const shown = [...sum].sort((a, b) => b[1] - a[1]).slice(0, 8);
    lines.push(
      `== ${label} open, mean of ${LOADS}: ${shown.map(([k, us]) => `${k} ${ms(us / LOADS)}`).join(', ')} (ms)`,
    );
  }
  const sorted = [...cpus].sort((a, b) => a - b);
  lines.push(
    `== first open main-thread CPU over ${cpus.length} loads: median ${ms(sorted[Math.floor(sorted.length / 2)] ?? 0)} ms, ` +
      `each ${cpus.map((c) => ms(c)).join(' ')} (ms); load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
  );
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${(v / LOADS).toFixed(1).padStart(6)} ms  ${k}`);
  lines.push(`== JavaScript of the first open (CPU profile, per load): busy ${(busy / LOADS).toFixed(1)} ms`);
  lines.push(' SELF', ...top(self, 20), ' TOTAL', ...top(total, 30));
  const out = lines.join('\n');
  console.log(out);
  mkdirSync(join(root, 'test-results'), { recursive: true });
  writeFileSync(join(root, 'test-results/bench-open-trace.txt'), `${out}\n`);
});
