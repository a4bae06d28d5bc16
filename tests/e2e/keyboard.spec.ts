// A clerk without a mouse: from the list of reports to a report with no error, with Tab,
// typing, Enter, arrows and Space only. The page counts real pointer presses; there must be none.
import { type Locator, type Page, expect, test } from '@playwright/test';
import { stepButton, stepHeading, watchConsole } from './helpers/clerk';

const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement);

/** Presses Tab (or Shift+Tab) until `target` has the focus, as a keyboard user does. */
async function tabTo(page: Page, target: Locator, { back = false, max = 150 } = {}): Promise<void> {
  await expect(target).toBeVisible();
  for (let i = 0; i < max; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

const next = (page: Page) =>
  page.getByRole('navigation', { name: '上一步和下一步' }).getByRole('button', { name: /^下一步/ });

/** Tab to 下一步 and press Enter; the new step's heading takes the focus. */
async function nextStep(page: Page, title: string): Promise<void> {
  await tabTo(page, next(page));
  await page.keyboard.press('Enter');
  await expect(stepHeading(page)).toHaveText(title);
  await expect(stepHeading(page)).toBeFocused();
}

const cell = (page: Page, path: string) => page.locator(`input[name="${path}"]`);

test('a whole report is completed with the keyboard alone, from the list of reports to no error', async ({ page }) => {
  // Some 400 key presses, each awaited: on a busy shared 2-core machine this takes over 90 s.
  test.setTimeout(240_000);
  const errors = watchConsole(page);
  await page.addInitScript(() => {
    const w = window as unknown as { __pointerPresses: number };
    w.__pointerPresses = 0;
    for (const type of ['mousedown', 'pointerdown', 'touchstart'])
      window.addEventListener(type, (e) => e.isTrusted && w.__pointerPresses++, true);
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/');

  // 新建报告: agency and year, then Enter on the button.
  const form = page.getByRole('form', { name: '新建报告' });
  await tabTo(page, form.getByRole('textbox', { name: '机关名称', exact: true }));
  await page.keyboard.type('键盘镇人民政府');
  await tabTo(page, form.getByRole('textbox', { name: '年度', exact: true }));
  await page.keyboard.press('Control+a');
  await page.keyboard.type('2024');
  await tabTo(page, form.getByRole('button', { name: '新建报告' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('键盘镇人民政府2024年政府信息公开工作年度报告');
  await expect(stepButton(page, '基本信息')).toContainText('已完成');

  // 一: a paragraph under each of the five usual headings.
  await nextStep(page, '一、总体情况');
  for (let i = 1; i <= 5; i++) {
    await tabTo(page, page.getByRole('textbox', { name: `第 ${i} 部分正文` }));
    await page.keyboard.type(`本部分为第${'一二三四五'[i - 1]}部分的工作情况。\n\n各项工作按计划推进。`);
  }
  await expect(page.getByRole('textbox', { name: '第 5 部分正文' })).toHaveValue(
    '本部分为第五部分的工作情况。\n\n各项工作按计划推进。',
  );
  await expect(stepButton(page, '一 总体情况')).toContainText('已完成');

  // 二: two figures typed with the arrow keys between them, the rest by 本表其余空格填 0 (Space).
  await nextStep(page, '二、主动公开政府信息情况');
  await tabTo(page, cell(page, 'proactive.rules.issued'));
  await page.keyboard.type('1');
  await page.keyboard.press('ArrowDown');
  await expect(cell(page, 'proactive.normativeDocuments.issued')).toBeFocused();
  await page.keyboard.type('2');
  await page.keyboard.press('ArrowRight');
  await expect(cell(page, 'proactive.normativeDocuments.repealed')).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: /^本表其余空格填 0/ }), { back: true });
  await page.keyboard.press('Space');
  await expect(page.getByRole('status').filter({ hasText: '已将 8 个空格填 0' })).toBeVisible();
  await expect(cell(page, 'proactive.rules.issued')).toHaveValue('1');
  await expect(stepButton(page, '二 主动公开')).toContainText('已完成');

  // 三: one column typed down with Enter (totals are skipped), then the blanks filled with 0.
  await nextStep(page, '三、收到和处理政府信息公开申请情况');
  await tabTo(page, cell(page, 'requests.newReceived.natural'));
  for (const v of ['3', '0', '2', '1']) {
    await page.keyboard.type(v);
    await page.keyboard.press('Enter');
  }
  await expect(cell(page, 'requests.withheld.stateSecret.natural')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(cell(page, 'requests.disclosed.natural')).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: /^本表其余空格填 0/ }), { back: true });
  await page.keyboard.press('Enter');
  await expect(cell(page, 'requests.handledTotal.natural')).toHaveValue('3');
  await expect(page.getByRole('status', { name: '自然人列勾稽差额' })).toHaveText('✓ 平衡');
  await expect(stepButton(page, '三 依申请公开')).toContainText('已完成');

  // 四: nothing to report; every cell 0.
  await nextStep(page, '四、政府信息公开行政复议、行政诉讼情况');
  await tabTo(page, page.getByRole('button', { name: /^本表其余空格填 0/ }));
  await page.keyboard.press('Space');
  await expect(cell(page, 'reviews.litigationAfterReconsideration.total')).toHaveValue('0');
  await expect(stepButton(page, '四 复议诉讼')).toContainText('已完成');

  // 五 and 六: typed, paragraphs with Enter; 六 replaces the starting items.
  await nextStep(page, '五、存在的主要问题及改进情况');
  await tabTo(page, page.getByRole('textbox', { name: '存在的主要问题及改进情况' }));
  await page.keyboard.type('一是公开渠道不够丰富。\n\n2025年我镇将拓宽公开渠道，提高公开质量。');
  await nextStep(page, '六、其他需要报告的事项');
  await tabTo(page, page.getByRole('textbox', { name: '其他需要报告的事项' }));
  await page.keyboard.press('Control+a');
  await page.keyboard.type('一、收取信息处理费情况\n本年度未收取信息处理费。');
  await expect(page.getByRole('textbox', { name: '其他需要报告的事项' })).toHaveValue(
    '一、收取信息处理费情况\n本年度未收取信息处理费。',
  );

  // 检查: nothing left; 导出 offers the final JSON, taken with Enter.
  await nextStep(page, '检查');
  await expect(page.getByRole('main')).toContainText('没有错误，可以导出定稿。');
  await expect(stepButton(page, '检查')).toContainText('全部通过');
  await nextStep(page, '导出');
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    (async () => {
      await tabTo(page, page.getByRole('button', { name: '导出定稿 JSON' }));
      await page.keyboard.press('Enter');
    })(),
  ]);
  expect(file.suggestedFilename()).toBe('键盘镇人民政府-2024-政府信息公开工作年度报告.json');

  expect(await page.evaluate(() => (window as unknown as { __pointerPresses: number }).__pointerPresses)).toBe(0);
  expect(errors).toEqual([]);
});
