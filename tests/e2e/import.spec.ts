// A clerk has last year's report only as a web page: copies it, pastes it, and starts
// this year's report from it (issue 7).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';

const seedText = readFileSync(resolve('tests/fixtures/published/seed-laodian-2023.txt'), 'utf8');

test("pasting last year's published report starts this year's from it", async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto('/');
  await page.getByRole('button', { name: '从已发布的年报导入' }).click();
  await page.getByLabel('年报全文').fill(seedText);
  await page.getByRole('button', { name: /读取/ }).click();
  // The preview shows what was read, with the checks run on it.
  await expect(page.getByText('老店镇', { exact: false }).first()).toBeVisible();
  await page.getByRole('button', { name: '作为上年报告' }).click();

  await expect(page).toHaveURL(/#report=.+&step=basics/);
  // Said afterwards: what was imported, and that a new 2024 report is what opened.
  await expect(page.getByRole('status').filter({ hasText: '已导入「老店镇 2023 年」作为上年报告' })).toContainText(
    '并据此新建了 2024 年的报告',
  );
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('老店镇2024年政府信息公开工作年度报告');
  // Section 一's headings come over from last year, with empty bodies.
  await page.getByRole('button', { name: /^一 总体情况：/ }).click();
  await expect(page.locator('[name="overview.1.heading"]')).toHaveValue('主动公开情况和依申请公开办理情况');
  await expect(page.locator('[name="overview.1.body"]')).toHaveValue('');
  // 二、上年结转 = last year's 四、结转下年度 (all 0 in the seed).
  await page.getByRole('button', { name: /^三 依申请公开：/ }).click();
  await expect(page.locator('[name="requests.carriedOver.natural"]')).toHaveValue('0');
  await expect(page.locator('[name="requests.carriedOver.legal"]')).toHaveValue('0');

  // Last year's report is kept in the list too.
  await page.getByRole('button', { name: '返回报告列表' }).click();
  await expect(page.getByRole('cell', { name: /2023/ }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: /2024/ }).first()).toBeVisible();
  expect(errors).toEqual([]);
});
