import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Page, expect } from '@playwright/test';

const SEED = join(fileURLToPath(new URL('..', import.meta.url)), 'tests/fixtures/laodian-2023.json');

/** The home screen's 「打开 JSON 文件」 with the seed, then 打开这份报告: the report on its first step. */
export async function openSeed(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByLabel('选择要打开的 JSON 文件').setInputFiles(SEED);
  await page.getByRole('button', { name: '打开这份报告' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('老店镇2023年政府信息公开工作年度报告');
}
