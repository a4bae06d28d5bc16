// Steps once drawn stay in the page, hidden (issue 12): coming back to table 三 shows the same
// elements instead of building ~200 inputs again, and the steps are drawn ahead at idle. Hidden,
// a step must be out of the tab order and the accessibility tree, and nothing may find a cell twice.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { newBlankReport, shownStep, stepButton, stepHeading, watchConsole } from './helpers/clerk';

const NEW_RECEIVED = '一、本年新收政府信息公开申请数量 自然人';

test('a step left is kept hidden and inert, reached only through its step, and shown again as it was', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await newBlankReport(page);
  await stepButton(page, '三 依申请公开').click();
  await page.getByRole('textbox', { name: NEW_RECEIVED }).fill('5');
  // A mark on the element itself: it survives only if the table is not built again.
  await page.locator('.rt--requests').evaluate((el) => el.setAttribute('data-kept', 'yes'));

  await stepButton(page, '一 总体情况').click();
  await expect(stepHeading(page)).toHaveText('一、总体情况');
  const table = page.locator('.rt--requests');
  await expect(table).toHaveCount(1);
  await expect(table).toBeHidden();
  expect(await table.evaluate((el) => el.closest('[inert]') !== null)).toBe(true);
  await expect(page.getByRole('textbox', { name: NEW_RECEIVED })).toHaveCount(0);

  // Chromium's own accessibility tree has none of the hidden steps' fields.
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
    nodes: { ignored: boolean; name?: { value?: string }; role?: { value?: string } }[];
  };
  const named = (role: string, name: string) =>
    nodes.filter((n) => !n.ignored && n.role?.value === role && n.name?.value === name);
  expect(named('textbox', NEW_RECEIVED)).toEqual([]);
  expect(named('textbox', '机关名称')).toEqual([]);
  expect(named('table', '三、收到和处理政府信息公开申请情况')).toEqual([]);
  // …while the shown step's are there: the query would see them.
  expect(named('textbox', '一、总体情况 导语').length + named('group', '一、总体情况').length).toBeGreaterThan(0);

  // Tab goes round the page without ever entering a hidden step.
  const landed: string[] = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const where = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      return el.closest('.step-pane[hidden]') ? `hidden: ${el.getAttribute('name') ?? el.tagName}` : 'ok';
    });
    if (where && where !== 'ok') landed.push(where);
  }
  expect(landed).toEqual([]);

  const found = await new AxeBuilder({ page }).analyze();
  expect(found.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // The check panel's link to 三's balance opens 三 and focuses its one blank cell.
  await page
    .getByRole('complementary', { name: /检查结果/ })
    .getByRole('button', { name: /自然人：收到 5 件/ })
    .click();
  await expect(stepHeading(page)).toHaveText('三、收到和处理政府信息公开申请情况');
  await expect(page.locator('input[name="requests.carriedOver.natural"]')).toBeFocused();
  await expect(page.locator('input[name="requests.carriedOver.natural"]')).toHaveCount(1);
  await expect(shownStep(page).locator('.rt--requests')).toHaveAttribute('data-kept', 'yes');
  await expect(page.getByRole('textbox', { name: NEW_RECEIVED })).toHaveValue('5');
  expect(errors).toEqual([]);
});

test('the steps are drawn ahead while the report is idle, so a first visit finds table 三 built', async ({ page }) => {
  await newBlankReport(page);
  // Drawn hidden after the report opened, without a click.
  await expect(page.locator('.step-pane[hidden] .rt--requests')).toHaveCount(1);
  await expect(page.locator('.step-pane[hidden] .rt--proactive')).toHaveCount(1);
  await page.locator('.rt--requests').evaluate((el) => el.setAttribute('data-kept', 'yes'));
  await stepButton(page, '三 依申请公开').click();
  await expect(page.getByRole('textbox', { name: NEW_RECEIVED })).toBeVisible();
  await expect(shownStep(page).locator('.rt--requests')).toHaveAttribute('data-kept', 'yes');
});
