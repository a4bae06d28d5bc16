// A report whose 五 is a few hundred characters short of MAX_TEXT, opened on step 五 with the
// caret at the end: the bench's typing row and the text profile start here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Locator, type Page, expect } from '@playwright/test';
import { MAX_TEXT } from '../src/report/limits';

const SEED = join(fileURLToPath(new URL('..', import.meta.url)), 'tests/fixtures/laodian-2023.json');

/** Every sentence different (a text is not one sentence repeated), with figures the rules read. */
export function longProblems(): string {
  let problems = '';
  for (let i = 1; problems.length < MAX_TEXT - 400; i++) {
    problems += `第${i}项，本年度共收到政府信息公开申请${i % 7}件，办结${i % 5}件，已按时答复。`;
    if (i % 10 === 0) problems += '\n\n';
  }
  return problems.slice(0, MAX_TEXT - 400);
}

/** The seed with a long 五, imported into a new report; resolves to 五's textarea, focused, caret at the end. */
export async function openLongProblems(page: Page, problems: string): Promise<Locator> {
  const seed = JSON.parse(readFileSync(SEED, 'utf8')) as Record<string, unknown>;
  const file = {
    name: 'long.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ ...seed, problems })),
  };
  await page.goto('/');
  const form = page.getByRole('form', { name: '新建报告' });
  await form.getByRole('textbox', { name: '机关名称', exact: true }).fill('某镇人民政府');
  await form.getByRole('button', { name: '新建报告' }).click();
  const steps = page.getByRole('navigation', { name: '填报步骤' });
  await steps.getByRole('button', { name: /^导出：/ }).click();
  await page.locator('input[type="file"][accept=".json,application/json"]').setInputFiles(file);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('老店镇2023年政府信息公开工作年度报告', {
    timeout: 60_000,
  });
  await steps.getByRole('button', { name: /^五 / }).click();
  const area = page.locator('textarea[name="problems"]');
  await expect(area).toHaveValue(problems);
  await area.focus();
  await area.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length));
  return area;
}
