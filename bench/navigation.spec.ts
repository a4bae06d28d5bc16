// Moves a clerk feels (issue 12), part of `npm run bench`: opening a report from the home list
// and switching steps on the step bar, each timed in the page from the click event to the new
// step's content painted (its heading and content in the DOM, then a frame: rAF + a task).
// Targets: open ≤ 150 ms, any step switch ≤ 50 ms (median; p95 printed beside it).
// The first round is also shown apart: it fetches the lazy chunks (ReportPage, 导出) if nothing
// prefetched them. Adds `navigation` to bench/results.json.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Page, expect, test } from '@playwright/test';
import { STEPS, type StepKey } from '../src/wizard/steps';
import { type Stats, stats } from './stats';

const root = fileURLToPath(new URL('..', import.meta.url));
const SEED = join(root, 'tests/fixtures/laodian-2023.json');
const OPENS = 9;
const ROUNDS = 7;
const OPEN_TARGET_MS = 150;
const SWITCH_TARGET_MS = 50;

/** What shows that a step's own content (not a loading line, nor a step kept hidden) is on the page. */
const CONTENT: Record<StepKey, string> = {
  basics: '.step-pane:not([hidden]) form.basics input',
  overview: '.step-pane:not([hidden]) textarea',
  proactive: '.step-pane:not([hidden]) .rt--proactive tbody input',
  requests: '.step-pane:not([hidden]) .rt--requests tbody input',
  reviews: '.step-pane:not([hidden]) .rt--reviews tbody input',
  problems: '.step-pane:not([hidden]) textarea',
  otherMatters: '.step-pane:not([hidden]) textarea',
  check: '.check-panel.is-full',
  export: '.ex-step',
};

/**
 * Arms a one-shot timer in the page: the next click's event time → the step titled `title`
 * shown with `selector` present and no loading line in the page, then one frame later.
 */
async function arm(page: Page, title: string, selector: string): Promise<void> {
  await page.evaluate(
    ([title, selector]) => {
      const w = window as unknown as { __move?: Promise<number> };
      w.__move = new Promise<number>((resolve) => {
        let t0: number | null = null;
        const done = () =>
          t0 !== null &&
          document.getElementById('wizard-step-title')?.textContent === title &&
          document.querySelector(selector) !== null &&
          !document.querySelector('main')?.textContent?.includes('正在载入') &&
          !document.body.textContent?.includes('正在打开报告');
        const check = () => {
          if (!done()) return;
          observer.disconnect();
          const start = t0!;
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start)));
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
    },
    [title, selector] as const,
  );
}

const finish = (page: Page) => page.evaluate(() => (window as unknown as { __move: Promise<number> }).__move);

const stepButton = (page: Page, label: string) =>
  page.getByRole('navigation', { name: '填报步骤' }).getByRole('button', { name: new RegExp(`^${label}：`) });

test('open a report from the list, and every step switch', async ({ page }) => {
  const loadBefore = loadavg();
  await page.goto('/');
  await page.locator('input[type="file"][aria-label="选择要打开的 JSON 文件"]').setInputFiles(SEED);
  const open = page.getByRole('button', { name: /^打开 老店镇/ });
  await expect(open).toBeVisible();

  const opens: number[] = [];
  for (let i = 0; i < OPENS; i++) {
    await arm(page, '基本信息', CONTENT.basics);
    await open.click();
    opens.push(await finish(page));
    if (i < OPENS - 1) {
      await page.getByRole('button', { name: '返回报告列表' }).click();
      await expect(open).toBeVisible();
    }
  }

  // Round after round through the step bar: 一, 二 … 导出, then back to 基本信息.
  const order = [...STEPS.slice(1), STEPS[0]!];
  const switches = new Map<StepKey, number[]>(order.map((s) => [s.key, []]));
  const firstRound = new Map<StepKey, number>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const s of order) {
      await arm(page, s.title, CONTENT[s.key]);
      await stepButton(page, s.label).click();
      const ms = await finish(page);
      if (round === 0) firstRound.set(s.key, ms);
      switches.get(s.key)!.push(ms);
    }
  }
  const loadAfter = loadavg();

  const openStats = stats(opens, 1);
  const stepStats = order.map((s) => ({
    step: s.label,
    key: s.key,
    first: Math.round(firstRound.get(s.key)!),
    ...stats(switches.get(s.key)!, 1),
  }));
  const navigation = {
    date: new Date().toISOString(),
    loadAverage: { before: loadBefore, after: loadAfter },
    openFromList: { first: Math.round(opens[0]!), ...openStats },
    stepSwitch: stepStats,
    targets: { openMs: OPEN_TARGET_MS, stepSwitchMs: SWITCH_TARGET_MS },
  };
  const file = join(root, 'bench/results.json');
  const results = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  writeFileSync(file, `${JSON.stringify({ ...results, navigation }, null, 2)}\n`);

  const ok = (v: number, max: number) => (v <= max ? 'ok' : 'OVER');
  const la = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  // Chinese labels take two columns in a terminal.
  const pad = (t: string, w: number) =>
    t + ' '.repeat(Math.max(0, w - [...t].reduce((n, c) => n + (c > '\u2e80' ? 2 : 1), 0)));
  const num = (x: number) => String(x).padStart(6);
  const row = (name: string, s: Stats & { first: number }, target: number) =>
    `${pad(name, 34)}  p50 ${num(s.p50)} ms, p95 ${num(s.p95)} ms, max ${num(s.max)} ms, first ${num(s.first)} ms (n=${s.n})  p50 ${ok(s.p50, target)}, p95 ${ok(s.p95, target)} (≤ ${target} ms)`;
  console.log(`\nclick → new step painted; load average ${la(loadBefore)} before, ${la(loadAfter)} after`);
  console.log(row('open a report from the list', navigation.openFromList, OPEN_TARGET_MS));
  for (const s of stepStats) console.log(row(`  step switch → ${s.step}`, s, SWITCH_TARGET_MS));
  console.log('');
  expect(opens).toHaveLength(OPENS);
});
