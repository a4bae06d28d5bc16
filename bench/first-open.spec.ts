// The first (cold) open of a report, many times (issue 12): navigation.spec.ts sees one first
// open per run, and it is noisy. Each round is a fresh browser context: the page loaded, the seed
// imported from the home screen, 打开 clicked as soon as it shows, timed from the click event to
// 基本信息 painted as navigation.spec.ts does. Prints the figures with the load average.
//   vite build && BENCH_PROFILE=first [BENCH_ROUNDS=16] playwright test -c bench/bench.config.ts
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { stats } from './stats';

const SEED = join(fileURLToPath(new URL('..', import.meta.url)), 'tests/fixtures/laodian-2023.json');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12);

test('the first open of a report after a fresh page load, many times', async ({ browser }) => {
  const loadBefore = loadavg();
  const opens: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto('/');
    await page.locator('input[type="file"][aria-label="选择要打开的 JSON 文件"]').setInputFiles(SEED);
    const open = page.getByRole('button', { name: /^打开 老店镇/ });
    await expect(open).toBeVisible();
    await page.evaluate(() => {
      const w = window as unknown as { __open?: Promise<number> };
      w.__open = new Promise<number>((resolve) => {
        let t0: number | null = null;
        const check = () => {
          const done =
            t0 !== null &&
            document.getElementById('wizard-step-title')?.textContent === '基本信息' &&
            document.querySelector('.step-pane:not([hidden]) form.basics input') !== null &&
            !document.body.textContent?.includes('正在打开报告');
          if (!done) return;
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
    });
    await open.click();
    opens.push(await page.evaluate(() => (window as unknown as { __open: Promise<number> }).__open));
    await context.close();
  }
  const s = stats(opens, 1);
  const la = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  console.log(
    `\nfirst open after a fresh load (n=${s.n}): p50 ${s.p50} ms, p95 ${s.p95} ms, max ${s.max} ms (target ≤ 150 ms); ` +
      `load average ${la(loadBefore)} before, ${la(loadavg())} after\n  ${opens.map((x) => x.toFixed(0)).join(' ')}\n`,
  );
  expect(opens).toHaveLength(ROUNDS);
});
