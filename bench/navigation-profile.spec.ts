// Where an open or a step switch spends its time (issue 12): a CPU profile (CDP Profiler) of
// opening the seed from the list and of each step switch, several rounds, summed by function.
// Run on an unminified build so the names are readable:
//   vite build --minify false --outDir dist-prof && BENCH_PROFILE=navigation E2E_DIST=dist-prof playwright test -c bench/bench.config.ts
// Writes test-results/bench-navigation-profile.txt.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CDPSession, type Page, expect, test } from '@playwright/test';
import { STEPS } from '../src/wizard/steps';
import { type Profile, addProfile } from './cpuProfile';

const root = fileURLToPath(new URL('..', import.meta.url));
const SEED = join(root, 'tests/fixtures/laodian-2023.json');
const ROUNDS = 4;

interface Move {
  busy: number;
  runs: number;
  self: Map<string, number>;
  total: Map<string, number>;
}

async function profiled(cdp: CDPSession, page: Page, moves: Map<string, Move>, name: string, act: () => Promise<void>) {
  await cdp.send('Profiler.start');
  await act();
  // One frame after the new step is shown: its layout and paint are in the profile's (program).
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r))));
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  const m = moves.get(name) ?? { busy: 0, runs: 0, self: new Map(), total: new Map() };
  m.busy += addProfile(profile, m.self, m.total);
  m.runs++;
  moves.set(name, m);
}

test('profile opening a report and switching steps', async ({ page }) => {
  await page.goto('/');
  await page.locator('input[type="file"][aria-label="选择要打开的 JSON 文件"]').setInputFiles(SEED);
  const open = page.getByRole('button', { name: /^打开 老店镇/ });
  await expect(open).toBeVisible();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  const moves = new Map<string, Move>();
  const stepBar = page.getByRole('navigation', { name: '填报步骤' });
  for (let round = 0; round < ROUNDS; round++) {
    await profiled(cdp, page, moves, round === 0 ? 'open (first)' : 'open', async () => {
      await open.click();
      await expect(page.locator('form.basics input').first()).toBeVisible();
    });
    for (const s of [...STEPS.slice(1), STEPS[0]!]) {
      await profiled(cdp, page, moves, round === 0 ? `${s.label} (first)` : s.label, async () => {
        await stepBar.getByRole('button', { name: new RegExp(`^${s.label}：`) }).click();
        await expect(page.locator('#wizard-step-title')).toHaveText(s.title);
      });
    }
    await page.getByRole('button', { name: '返回报告列表' }).click();
    await expect(open).toBeVisible();
  }

  const lines: string[] = [];
  const top = (m: Map<string, number>, runs: number, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${(v / runs).toFixed(1).padStart(6)} ms  ${k}`);
  for (const [name, m] of moves) {
    lines.push(`== ${name}: busy ${(m.busy / m.runs).toFixed(1)} ms per move (${m.runs} runs)`);
    lines.push(' SELF', ...top(m.self, m.runs, 12));
    const components = new Map([...m.total].filter(([k]) => /^[A-Z]\w+ /.test(k)));
    lines.push(' COMPONENTS (total)', ...top(components, m.runs, 10), '');
  }
  const out = lines.join('\n');
  console.log(out);
  mkdirSync(join(root, 'test-results'), { recursive: true });
  writeFileSync(join(root, 'test-results/bench-navigation-profile.txt'), `${out}\n`);
});
