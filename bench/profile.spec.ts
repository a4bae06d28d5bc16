// Where a keystroke's time goes: a CPU profile (CDP Profiler) of typing into table 三, summed by
// function, self and total. Run on an unminified build so the names are readable:
//   vite build --minify false --outDir dist-prof && BENCH_PROFILE=1 E2E_DIST=dist-prof playwright test -c bench/bench.config.ts
// It prints self and total time per function, per input key, and the React components that render.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

const root = fileURLToPath(new URL('..', import.meta.url));
const SEED = join(root, 'tests/fixtures/laodian-2023.json');

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const frameName = (f: CallFrame) =>
  `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber + 1}`;

test('profile typing into table 三', async ({ page }) => {
  await page.goto('/');
  await page
    .getByRole('form', { name: '新建报告' })
    .getByRole('textbox', { name: '机关名称', exact: true })
    .fill('某镇人民政府');
  await page.getByRole('form', { name: '新建报告' }).getByRole('button', { name: '新建报告' }).click();
  await page
    .getByRole('navigation', { name: '填报步骤' })
    .getByRole('button', { name: /^导出：/ })
    .click();
  await page.locator('input[type="file"][accept=".json,application/json"]').setInputFiles(SEED);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('老店镇2023年政府信息公开工作年度报告');
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

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id)!;
    const name = frameName(node.callFrame);
    if (['(idle)', '(program)', '(root)'].includes(node.callFrame.functionName)) return;
    busy += dt;
    self.set(name, (self.get(name) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = frameName(byId.get(cur)!.callFrame);
      if (seen.has(n)) continue;
      seen.add(n);
      total.set(n, (total.get(n) ?? 0) + dt);
    }
  });
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
