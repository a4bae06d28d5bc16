// The bench's generated .zip of n reports (~20 KB each: the seed's narrative padded with its
// own paragraphs; every tenth a draft), for collect.spec.ts and collect-profile.spec.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { strToU8, zipSync } from 'fflate';
import { agencyName, generateJson, rng } from '../tests/collect/generate';

const root = fileURLToPath(new URL('..', import.meta.url));

export function makeZip(n: number): { path: string; bytes: number; raw: number } {
  const random = rng(n);
  const files: Record<string, Uint8Array> = {};
  let raw = 0;
  for (let i = 0; i < n; i++) {
    const b = strToU8(
      generateJson({ agency: agencyName(i), random, textChars: 3000, status: i % 10 === 3 ? 'draft' : 'final' }),
    );
    raw += b.length;
    files[`报告/${agencyName(i)}.json`] = b;
  }
  const zip = zipSync(files, { level: 6 });
  const dir = join(root, 'test-results/bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `collect-${n}.zip`);
  writeFileSync(path, zip);
  return { path, bytes: zip.length, raw };
}

/**
 * Clicks 合计 and waits until its tables are all there. Polled in the page with a query, not
 * getByText or expect(): Playwright's text lookup and a failing expect()'s aria snapshot run on
 * the page's main thread, long tasks of their own after 10,000 rows.
 */
export async function openSum(page: Page): Promise<void> {
  await page.getByRole('tab', { name: '合计' }).click();
  await page.waitForFunction(
    () => {
      const counted = document.querySelector('.co-sum-count')?.textContent?.includes('合计了');
      // aria-busy until every table is there (a build without it: its first input).
      const el = document.querySelector('.co-readonly');
      return !!counted && !!el?.querySelector('input') && el.getAttribute('aria-busy') !== 'true';
    },
    null,
    { polling: 'raf' },
  );
}
