// Where a keystroke's time goes: a CPU profile (CDP Profiler) of typing into table 三, summed by
// function, self and total. Run on an unminified build so the names are readable:
//   vite build --minify false --outDir dist-prof && BENCH_PROFILE=1 E2E_DIST=dist-prof playwright test -c bench/bench.config.ts
// It prints self and total time per function, per input key, and the React components that render.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from '@playwright/test';
import { type Profile, addProfile } from './cpuProfile';
import { openSeed } from './openSeed';

const root = fileURLToPath(new URL('..', import.meta.url));

test('profile typing into table 三', async ({ page }) => {
  await openSeed(page);
  await page
    .getByRole('navigation', { name: '填报步骤' })
    .getByRole('button', { name: /^三 依申请公开：/ })
    .click();
  await page.locator('input[name="requests.newReceived.natural"]').focus();
  await page.keyboard.type('12\n12\n', { delay: 25 });

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  // Eight digits in each of 36 cells: the input events dominate (Enter's focus() is profiled apart).
  for (const col of ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other']) {
    for (const row of [
      'newReceived',
      'carriedOver',
      'disclosed',
      'partiallyDisclosed',
      'withheld.stateSecret',
      'carriedForward',
    ]) {
      await page.locator(`input[name="requests.${row}.${col}"]`).focus();
      await page.keyboard.type('12345678', { delay: 25 });
    }
  }
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };

  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const busy = addProfile(profile, self, total, ['(idle)', '(program)', '(root)']);
  const keys = 6 * 24 * 2;
  const top = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 45)
      .map(([k, v]) => `${(v / keys).toFixed(3).padStart(7)} ms/key  ${v.toFixed(1).padStart(7)} ms  ${k}`);
  // React components (capitalised names) by total time: which ones re-render on a keystroke.
  const components = [...total.entries()]
    .filter(([k]) => /^[A-Z]\w+ /.test(k))
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${(v / keys).toFixed(3).padStart(7)} ms/key  ${v.toFixed(1).padStart(7)} ms  ${k}`);
  const out = [
    `busy ${busy.toFixed(1)} ms over ${keys} input keys (${(busy / keys).toFixed(2)} ms per key)`,
    '',
    'SELF',
    ...top(self),
    '',
    'TOTAL',
    ...top(total),
    '',
    'COMPONENTS (total)',
    ...components,
  ].join('\n');
  console.log(out);
  writeFileSync(join(root, 'test-results/bench-profile.txt'), `${out}\n`);
});
