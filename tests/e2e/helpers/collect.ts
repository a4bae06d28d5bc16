// 汇总 as a clerk starts it: a new collection, then a zip of township reports dropped in.
import { type Page, expect } from '@playwright/test';
import { strToU8, zipSync } from 'fflate';
import { generateJson, rng } from '../../collect/generate';

/** `count` generated reports named 第N号镇, zipped, with `extra` files beside them; `draft` marks which are drafts. */
export function townZip(
  count: number,
  seed: number,
  o: { draft?: (n: number) => boolean; extra?: Record<string, string> } = {},
): Uint8Array {
  const random = rng(seed);
  const draft = o.draft ?? (() => false);
  const files: Record<string, Uint8Array> = {};
  for (let i = 1; i <= count; i++)
    files[`第${i}号镇.json`] = strToU8(
      generateJson({ agency: `第${i}号镇人民政府`, random, status: draft(i) ? 'draft' : 'final' }),
    );
  for (const [name, text] of Object.entries(o.extra ?? {})) files[name] = strToU8(text);
  return zipSync(files);
}

/** Opens 汇总, makes a collection called `name` and drops `zip` into it; returns once `reports` are counted. */
export async function newCollectionWith(page: Page, name: string, zip: Uint8Array, reports: number): Promise<void> {
  await page.goto('/#view=collect');
  await page.getByLabel('汇总名称').fill(name);
  await page.getByRole('button', { name: '新建汇总' }).click();
  await expect(page.getByRole('heading', { name: new RegExp(name) })).toBeVisible();
  await page.locator('input[type=file][multiple]').setInputFiles({
    name: '各乡镇.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from(zip),
  });
  await expect(page.getByTestId('co-stats')).toContainText(`报告 ${reports} 份`, { timeout: 60_000 });
}
