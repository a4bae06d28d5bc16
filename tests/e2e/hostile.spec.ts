// Issue 14 in the browser: hostile files at the two report-file doors and the published-page
// reader get a Chinese message, store nothing and leave the page answering; a refused cell
// entry keeps the earlier value, is listed by 检查, and is still there (with the earlier value) after a reload.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { newBlankReport, pasteInto, stepButton, watchConsole } from './helpers/clerk';

const hostile = (name: string) => readFileSync(resolve('tests/fixtures/hostile', name));

/** How long the page takes to run a trivial task: a frozen main thread shows here. */
async function answerMs(page: Page): Promise<number> {
  const t = Date.now();
  await page.evaluate(() => 1);
  return Date.now() - t;
}

test('从上年报告新建 refuses hostile files with the import’s messages and stores nothing', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await page.getByRole('button', { name: '从上年报告新建' }).click();
  const input = page.getByLabel('或选择上年导出的 JSON 文件');
  // Playwright takes buffers up to 50 MB only: the 50 MB file is written to this test's output folder.
  const big = test.info().outputPath('big.json');
  writeFileSync(big, Buffer.alloc(50 * 1024 * 1024, 0x20));
  const files: [string, Buffer | string, RegExp][] = [
    ['gbk.json', hostile('gbk-agency.json'), /不是 UTF-8 编码/],
    ['dup.json', hostile('dup-status.json'), /status（草稿或定稿）：字段「status」在同一处出现了两次/],
    ['deep.json', hostile('deep-array-open.json'), /嵌套超过 32 层/],
    ['rlo.json', hostile('agency-rlo.json'), /U\+202E/],
    ['proto.json', hostile('proto-top.json'), /__proto__：不认识的字段/],
    ['big.json', big, /文件太大（约 50\.0 MB）/],
  ];
  for (const [name, buffer, message] of files) {
    await input.setInputFiles(typeof buffer === 'string' ? buffer : { name, mimeType: 'application/json', buffer });
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(message, { timeout: 20_000 });
    await expect(alert).toContainText(`「${name}」`);
    await expect(alert).not.toContainText(/\[object Object\]|native code|Error/);
    expect(await answerMs(page)).toBeLessThan(5_000);
  }
  // Nothing was stored: the list is still empty, and no report opened.
  await expect(page).not.toHaveURL(/#report=/);
  await expect(page.getByRole('cell', { name: /老店镇/ })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('从已发布的年报导入 answers 3,000 nested tables with a message, not an uncaught RangeError', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await page.getByRole('button', { name: '从已发布的年报导入' }).click();
  for (const [name, message] of [
    ['pub-nested-tables.html', /网页嵌套超过 100 层/],
    ['pub-rowspan.html', /合并单元格/],
    ['pub-anchors.html', /未找到标题/],
  ] as const) {
    await page.getByLabel('或选择文件（.txt / .html）').setInputFiles({
      name,
      mimeType: 'text/html',
      buffer: hostile(name),
    });
    await expect(page.getByText(message).first()).toBeVisible({ timeout: 20_000 });
    expect(await answerMs(page)).toBeLessThan(5_000);
  }
  expect(errors).toEqual([]);
});

test('a refused cell entry keeps the earlier value, is listed by 检查, and is still there after a reload', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await newBlankReport(page);
  await stepButton(page, '三 依申请公开').click();
  const c = page.locator('[name="requests.carriedOver.legal"]');
  await c.click();
  await page.keyboard.type('7');
  await page.keyboard.press('Tab');
  await c.click();
  await page.keyboard.type('1e5');
  await expect(c).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('[name="requests.carriedOver.total"]')).toHaveValue('7');

  await stepButton(page, '检查').click();
  await expect(page.getByText(/输入的「1e5」未保存/).first()).toBeVisible();

  // The refused entry is part of the draft: after a reload the cell still shows it in red with
  // its reason, the stored figure is the old one, 检查 lists it and the final export is refused.
  await page.reload();
  await stepButton(page, '三 依申请公开').click();
  const again = page.locator('[name="requests.carriedOver.legal"]');
  await expect(again).toHaveValue('1e5');
  await expect(again).toHaveAttribute('aria-invalid', 'true');
  await expect(again).toHaveAccessibleDescription(/「1e5」不是数字/);
  await expect(page.locator('[name="requests.carriedOver.total"]')).toHaveValue('7');
  await stepButton(page, '检查').click();
  await expect(page.getByText(/输入的「1e5」未保存/).first()).toBeVisible();
  await stepButton(page, '导出').click();
  await expect(page.getByRole('button', { name: '导出定稿 JSON' })).toBeDisabled();
  await expect(page.getByText(/输入的「1e5」未保存/).first()).toBeVisible();

  // Corrected, it is gone for good.
  await stepButton(page, '三 依申请公开').click();
  await again.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('8');
  await expect(again).not.toHaveAttribute('aria-invalid');
  await page.reload();
  await stepButton(page, '三 依申请公开').click();
  await expect(page.locator('[name="requests.carriedOver.legal"]')).toHaveValue('8');
  await expect(page.locator('[name="requests.carriedOver.legal"]')).not.toHaveAttribute('aria-invalid');
  expect(errors).toEqual([]);
});

test('a paste or a key past a text field’s limit is cut with a message naming the field, and the rest stays', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await newBlankReport(page);
  await stepButton(page, '五 问题及改进').click();
  const area = page.locator('textarea[name="problems"]');
  await area.fill('本年度未收到申请。'.repeat(5555).slice(0, 49990));
  await area.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length));
  await pasteInto(area, '粘贴的一段超过上限的文字内容');
  await expect(page.getByRole('alert')).toContainText(
    '「存在的主要问题及改进情况」最多 50000 个字（含空格和换行），超出的 4 个字没有加入',
  );
  expect((await area.inputValue()).length).toBe(50000);
  expect(await area.inputValue()).toMatch(/本年度未粘贴的一段超过上限的$/);
  await expect(page.getByText(/已写 50000 个字，上限 50000 个/)).toBeVisible();

  await stepButton(page, '一 总体情况').click();
  const head = page.getByRole('textbox', { name: '第 1 部分标题' });
  await head.fill('标'.repeat(98));
  await head.press('End');
  await page.keyboard.type('题目甲');
  await expect(page.getByRole('alert')).toContainText('“一、总体情况”第 1 部分标题最多 100 个字');
  await expect(head).toHaveValue(`${'标'.repeat(98)}题目`);
  expect(errors).toEqual([]);
});
