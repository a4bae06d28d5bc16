// Where a key typed at the end of a 49,600-character 五 spends its time: a Chromium trace of
// the renderer's main thread (script, style, layout, paint, and what runs in the tasks after
// the input event), summed by event name, plus a CPU profile of the script by function.
//   vite build --minify false --outDir dist-prof && BENCH_PROFILE=text E2E_DIST=dist-prof playwright test -c bench/bench.config.ts
// TEXT_KEY_DELAY (ms between keys, default 50) sets the typing pace.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from '@playwright/test';
import { type Profile, addProfile } from './cpuProfile';
import { longProblems, openLongProblems } from './longText';
import type { TraceEvent } from './cpuProfile';

const root = fileURLToPath(new URL('..', import.meta.url));
const KEYS = 60;
const DELAY = Number(process.env.TEXT_KEY_DELAY ?? 50);

test('profile typing at the end of a long 五', async ({ page, browser }) => {
  await openLongProblems(page, longProblems());
  await page.keyboard.type('abcabc', { delay: DELAY });

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await browser.startTracing(page, {
    categories: [
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'disabled-by-default-devtools.timeline.frame',
      'blink',
      'v8',
      'toplevel',
      'cc',
      'gpu',
      'viz',
      'disabled-by-default-cc.debug',
    ],
  });
  await cdp.send('Profiler.start');
  await page.keyboard.type('abcdefghij'.repeat(KEYS / 10), { delay: DELAY });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 500))));
  const { profile } = (await cdp.send('Profiler.stop')) as {
    profile: Profile;
  };
  const raw = (await browser.stopTracing()).toString('utf8');
  // The whole trace, for chrome://tracing or Perfetto.
  writeFileSync(join(root, 'test-results/text-trace.json'), raw);
  const trace = JSON.parse(raw) as { traceEvents: TraceEvent[] };

  // The renderer main thread of this page.
  const events = trace.traceEvents;
  const main = events.find(
    (e) =>
      e.name === 'thread_name' &&
      e.args?.name === 'CrRendererMain' &&
      events.some((x) => x.pid === e.pid && x.name === 'EventDispatch'),
  );
  if (!main) throw new Error('no renderer main thread in the trace');
  const onMain = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  // Self time per event name (nested complete events: a stack).
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  const stack: { e: TraceEvent; child: number }[] = [];
  const close = (until: number) => {
    while (stack.length && stack[stack.length - 1]!.e.ts + stack[stack.length - 1]!.e.dur! <= until) {
      const top = stack.pop()!;
      self.set(top.e.name, (self.get(top.e.name) ?? 0) + (top.e.dur! - top.child) / 1000);
    }
  };
  for (const e of onMain) {
    close(e.ts);
    const parent = stack[stack.length - 1];
    if (parent) parent.child += e.dur!;
    stack.push({ e, child: 0 });
    incl.set(e.name, (incl.get(e.name) ?? 0) + e.dur! / 1000);
  }
  close(Number.POSITIVE_INFINITY);
  // Busy time per thread of the page's renderer and of the GPU/compositor (top-level events only).
  const names = new Map<string, string>();
  for (const e of events) if (e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
  const perThread = new Map<string, number>();
  const ends = new Map<string, number>();
  for (const e of events.filter((x) => x.ph === 'X' && typeof x.dur === 'number').sort((a, b) => a.ts - b.ts)) {
    const k = `${e.pid}:${e.tid}`;
    if ((ends.get(k) ?? 0) > e.ts) continue;
    ends.set(k, e.ts + e.dur!);
    const label = `${e.pid === main.pid ? 'renderer' : `pid ${e.pid}`} ${names.get(k) ?? e.tid}`;
    perThread.set(label, (perThread.get(label) ?? 0) + e.dur! / 1000);
  }
  // The renderer's other threads (raster workers, compositor): inclusive time by event name.
  const offMain = new Map<string, number>();
  for (const e of events) {
    if (e.pid !== main.pid || e.tid === main.tid || e.ph !== 'X' || typeof e.dur !== 'number') continue;
    const k = `${names.get(`${e.pid}:${e.tid}`) ?? e.tid} ${e.name}`;
    offMain.set(k, (offMain.get(k) ?? 0) + e.dur / 1000);
  }
  const tasks = onMain.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  const long = tasks.filter((t) => t.dur! > 16_000).length;
  const fmtMap = (m: Map<string, number>, n = 30) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${(v / KEYS).toFixed(2).padStart(8)} ms/key ${v.toFixed(1).padStart(9)} ms  ${k}`);

  // CPU profile by function (self).
  const fnSelf = new Map<string, number>();
  addProfile(profile, fnSelf, new Map(), ['(idle)', '(program)', '(root)']);
  const out = [
    `${KEYS} keys, ${DELAY} ms apart, at the end of a ${longProblems().length}-character 五`,
    `main-thread tasks: ${tasks.length}, over 16 ms: ${long}`,
    '',
    'TRACE, busy time by thread',
    ...fmtMap(perThread, 15),
    '',
    'TRACE, renderer threads other than main, inclusive time by event',
    ...fmtMap(offMain, 25),
    '',
    'TRACE, self time by event',
    ...fmtMap(self),
    '',
    'TRACE, inclusive time by event',
    ...fmtMap(incl),
    '',
    'CPU PROFILE, self time by function',
    ...fmtMap(fnSelf, 40),
  ].join('\n');
  console.log(out);
  writeFileSync(join(root, 'test-results/text-profile.txt'), `${out}\n`);
});
