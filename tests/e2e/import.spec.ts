// A clerk has last year's report only as a web page: copies it, pastes it, and starts
// this year's report from it (issue 7).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { TABLE_LAYOUTS, bodyRows } from '../../src/report/tableLayout';

const seedText = readFileSync(resolve('tests/fixtures/published/seed-laodian-2023.txt'), 'utf8');
const brokenTotal = readFileSync(resolve('tests/fixtures/published/broken-total.txt'), 'utf8');

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

// Issue 12 point 5: the result is in the template's own layout, one part at a time, the doubtful
// cells say why, and the two choices are at the top: no 3,900 px page on a laptop.
for (const [width, height] of [
  [1366, 657],
  [1280, 609],
] as const) {
  test(`the import preview at ${width}×${height}: choices on screen, tables as the template, doubtful cells marked`, async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.setViewportSize({ width, height });
    await page.goto('/');
    await page.getByRole('button', { name: '从已发布的年报导入' }).click();
    await page.getByLabel('年报全文').fill(brokenTotal);
    await page.getByRole('button', { name: /读取/ }).click();

    // After reading, the result's top is on screen: the two choices, each with its sentence, then the parts.
    await expect(page.getByRole('heading', { name: '读取结果' })).toBeFocused();
    for (const name of ['作为上年报告', '作为本年草稿']) {
      await expect(page.getByRole('button', { name })).toBeInViewport();
    }
    await expect(page.getByRole('region', { name: '导入方式' })).toContainText('并据此新建 2024 年的报告');
    await expect(page.getByRole('tab', { name: '有疑问（3）' })).toBeInViewport();
    await expect(page.getByRole('tab', { name: '有疑问（3）' })).toHaveAttribute('aria-selected', 'true');

    // A doubtful total: 「在表中查看」 opens table 三 on it; the cell says why in words.
    await page.getByRole('button', { name: '在表中查看' }).first().click();
    const cell = page.locator('td[data-path="requests.newReceived.total"]');
    await expect(cell).toBeFocused();
    await expect(cell).toHaveClass(/import-flagged/);
    await expect(cell).toContainText('原文为 5');
    await expect(cell).toHaveAccessibleDescription(/原文总计为 5，各项相加为 4/);
    // Table 三 in the template's grid: its header rows, its body rows, the group labels spanning theirs.
    const t3 = page.getByRole('table', { name: '三、收到和处理政府信息公开申请情况（读到的数字）' });
    await expect(t3.locator('thead tr')).toHaveCount(TABLE_LAYOUTS.requests.head.length);
    await expect(t3.locator('tbody tr')).toHaveCount(bodyRows(TABLE_LAYOUTS.requests).length);
    await expect(t3.getByRole('rowheader', { name: '（三）不予公开' })).toHaveAttribute('rowspan', '8');
    // The same grid shows the original's text, cell by cell.
    await page.getByRole('radio', { name: '原文' }).check();
    await expect(
      page
        .getByRole('table', { name: '三、收到和处理政府信息公开申请情况（原文）' })
        .locator('td[data-path="requests.newReceived.total"]'),
    ).toHaveText('5');

    // Table 四 is one row of fifteen, as in the template.
    await page.getByRole('tab', { name: '四 复议诉讼' }).click();
    await page.getByRole('radio', { name: '读到的数字' }).check();
    const t4 = page.getByRole('table', { name: '四、政府信息公开行政复议、行政诉讼情况（读到的数字）' });
    await expect(t4.locator('tbody tr')).toHaveCount(1);
    await expect(t4.locator('tbody td')).toHaveCount(15);

    // No part makes the page long: the tallest (table 三) stays within about two screens.
    for (const tab of ['二 主动公开', '三 依申请公开', '一、五、六 正文', /^检查结果/]) {
      await page.getByRole('tab', { name: tab }).click();
      const tall = await page.evaluate(() => document.documentElement.scrollHeight);
      expect(tall, String(tab)).toBeLessThan(1700);
    }
    await page.screenshot({ path: test.info().outputPath(`import-${width}.png`), fullPage: true });
    expect(errors).toEqual([]);
  });
}
