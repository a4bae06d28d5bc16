// A clerk types the published 老店镇 2023 report into the wizard, step by step, and the
// check panel is left with exactly the two defects the published text has: the improvement
// plan dated in the report year (W3) and section 六 silent on 信息处理费 (W5).
import { readFileSync } from 'node:fs';
import { type Page, expect, test } from '@playwright/test';

interface SeedJson {
  agency: string;
  year: number;
  overview: { heading: string; body: string }[];
  problems: string;
  otherMatters: string;
}

const seed = JSON.parse(readFileSync(new URL('../fixtures/laodian-2023.json', import.meta.url), 'utf8')) as SeedJson;

const stepBar = (page: Page) => page.getByRole('navigation', { name: '填报步骤' });
const next = (page: Page) =>
  page.getByRole('navigation', { name: '上一步和下一步' }).getByRole('button', { name: /^下一步/ });
const checkPanel = (page: Page) => page.getByRole('complementary', { name: /检查结果/ });

/** From the list of reports, a new blank report (an agency is required; the real one and the
 *  year are typed in the wizard). */
async function newBlankReport(page: Page) {
  await page.goto('/');
  const form = page.getByRole('form', { name: '新建报告' });
  await form.getByLabel('机关名称').fill('某镇人民政府');
  await form.getByLabel('年度').fill('');
  await form.getByRole('button', { name: '新建报告' }).click();
  await expect(stepBar(page)).toBeVisible();
}

test('the seed report typed through the wizard leaves only its W3 and W5 warnings', async ({ page }, testInfo) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1280, height: 800 });
  await newBlankReport(page);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });

  // 基本信息
  await shot('0-empty');
  await page.getByRole('textbox', { name: '机关名称' }).fill(seed.agency);
  await page.getByRole('textbox', { name: '报告年度' }).pressSequentially('２０２３');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `${seed.agency}${seed.year}年政府信息公开工作年度报告`,
  );
  await expect(stepBar(page).getByRole('button', { name: /^基本信息：/ })).toContainText('已完成');
  await shot('1-basics');

  // 一、总体情况: the seed opens with a lead paragraph and renames the usual parts.
  await next(page).click();
  await expect(page).toHaveURL(/[#&]step=overview$/);
  for (const [i, part] of seed.overview.entries()) {
    const heading = page.getByRole('textbox', { name: `第 ${i + 1} 部分标题` });
    await heading.fill(part.heading);
    await page.getByRole('textbox', { name: `第 ${i + 1} 部分正文` }).fill(part.body);
  }
  await expect(page.getByText('无标题：本段作为“一、总体情况”开头的导语')).toBeVisible();
  await expect(stepBar(page).getByRole('button', { name: /^一 总体情况：/ })).toContainText('已完成');
  await shot('2-overview');

  // 二: a few cells typed, the rest filled with 0.
  await next(page).click();
  await page.getByRole('textbox', { name: '规章 本年制发件数' }).pressSequentially('0');
  await page.getByRole('textbox', { name: '行政事业性收费 本年收费金额（单位：万元）' }).pressSequentially('0');
  await page.getByRole('button', { name: /^本表其余空格填 0/ }).click();
  await expect(stepBar(page).getByRole('button', { name: /^二 主动公开：/ })).toContainText('已完成');
  await shot('3-proactive');

  // 三: 一、本年新收 typed in full-width digits, then the rest.
  await next(page).click();
  await page.getByRole('textbox', { name: '一、本年新收政府信息公开申请数量 自然人' }).pressSequentially('０');
  await page.getByRole('textbox', { name: '二、上年结转政府信息公开申请数量 自然人' }).pressSequentially('0');
  await page.getByRole('button', { name: /^本表其余空格填 0/ }).click();
  await expect(page.locator('[name="requests.handledTotal.total"]')).toHaveValue('0');
  await expect(stepBar(page).getByRole('button', { name: /^三 依申请公开：/ })).toContainText('已完成');
  await shot('4-requests');

  // 四
  await next(page).click();
  await page.getByRole('textbox', { name: '行政复议 结果维持' }).pressSequentially('0');
  await page.getByRole('button', { name: /^本表其余空格填 0/ }).click();
  await expect(stepBar(page).getByRole('button', { name: /^四 复议诉讼：/ })).toContainText('已完成');
  await shot('5-reviews');

  // 五: the published text, with its plan dated 2023.
  await next(page).click();
  await page.getByRole('textbox', { name: '存在的主要问题及改进情况' }).fill(seed.problems);
  await expect(page.locator('.field-finding')).toContainText('改进计划应是 2024 年的');
  await shot('6-problems');

  // 六: the seed's bare 「无」 replaces the four starting items.
  await next(page).click();
  await page.getByRole('textbox', { name: '其他需要报告的事项' }).fill(seed.otherMatters);
  await shot('7-otherMatters');

  // 检查: no error; the two warnings of the published report.
  await next(page).click();
  const main = page.getByRole('main');
  await expect(main.getByRole('region', { name: '错误' })).toHaveCount(0);
  const warnings = main.getByRole('region', { name: '警告' }).locator('li.finding');
  await expect(warnings).toHaveCount(2);
  await expect(warnings.nth(0)).toContainText('改进计划应是 2024 年的');
  // The message quotes the sentence once (no second copy below it).
  await expect(warnings.nth(0)).toContainText('针对以上不足，2023年我镇将采取以下措施加以改进');
  await expect(warnings.nth(0).locator('blockquote')).toHaveCount(0);
  await expect(warnings.nth(1)).toContainText('没有说明本年是否收取信息处理费');
  await expect(stepBar(page).getByRole('button', { name: /^检查：/ })).toContainText('2 个警告');
  await expect(stepBar(page).getByRole('button', { name: /^导出：/ })).toContainText('可以导出');
  await shot('8-check');

  // A reload returns to the same report and step.
  await page.reload();
  await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toHaveText('检查');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `${seed.agency}${seed.year}年政府信息公开工作年度报告`,
  );
  expect(errors).toEqual([]);
});

test('at 1024 wide the check panel is a bar at the bottom; a finding there opens its step and focuses the cell', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await newBlankReport(page);
  await stepBar(page)
    .getByRole('button', { name: /^三 依申请公开：/ })
    .click();
  await page.getByRole('textbox', { name: '一、本年新收政府信息公开申请数量 自然人' }).pressSequentially('2');
  await stepBar(page)
    .getByRole('button', { name: /^基本信息：/ })
    .click();
  const toggle = checkPanel(page).getByRole('button', { name: /^检查结果/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  // Folded, the bar leaves the page's own buttons clickable.
  await page.getByRole('button', { name: /^下一步/ }).scrollIntoViewIfNeeded();
  await expect(page.getByRole('button', { name: /^下一步/ })).toBeInViewport();
  await toggle.click();
  await page.screenshot({ path: testInfo.outputPath('1024-docked-open.png') });
  await checkPanel(page)
    .getByRole('button', { name: /^自然人：收到 2 件/ })
    .click();
  await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toHaveText(
    '三、收到和处理政府信息公开申请情况',
  );
  // The column's first blank: 二、上年结转.
  await expect(page.locator('[name="requests.carriedOver.natural"]')).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath('1024-requests.png') });
});

test('typing 五 with a Chinese IME: the composition is not disturbed and the text is kept', async ({ page }) => {
  await newBlankReport(page);
  await stepBar(page)
    .getByRole('button', { name: /^五 问题及改进：/ })
    .click();
  const text = page.getByRole('textbox', { name: '存在的主要问题及改进情况' });
  await text.click();
  const cdp = await page.context().newCDPSession(page);
  // Pinyin being composed, then the chosen characters committed, twice.
  for (const [pinyin, hanzi] of [
    ['wenti', '问题'],
    ['gaijin', '改进'],
  ] as const) {
    for (let i = 1; i <= pinyin.length; i++) {
      await cdp.send('Input.imeSetComposition', { text: pinyin.slice(0, i), selectionStart: i, selectionEnd: i });
    }
    if (hanzi === '问题') {
      // Half-composed pinyin is not the clerk's text: nothing is stored or checked yet.
      await expect(text).toHaveValue('wenti');
      await expect(stepBar(page).getByRole('button', { name: /^五 问题及改进：/ })).toContainText('未开始');
    }
    await cdp.send('Input.insertText', { text: hanzi });
  }
  await expect(text).toHaveValue('问题改进');
  await expect(page.getByText('4 字 · 1 段')).toBeVisible();
  await expect(stepBar(page).getByRole('button', { name: /^五 问题及改进：/ })).toContainText('已完成');
});

test('typing at the window’s bottom edge brings the line typed up clear of it', async ({ page }) => {
  // Issue 14: with the line typed in the bottom ~50 px of the window, Chromium drew a frame
  // only every 1-2 s; the page's scroll-padding while a text is focused keeps it higher.
  await newBlankReport(page);
  await stepBar(page)
    .getByRole('button', { name: /^五 问题及改进：/ })
    .click();
  const text = page.getByRole('textbox', { name: '存在的主要问题及改进情况' });
  await text.fill('本年度共收到政府信息公开申请。\n'.repeat(30));
  await text.press('Control+End');
  // The box's end (where the caret is) 8 px above the window's bottom edge.
  await text.evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().bottom - (innerHeight - 8)));
  const gap = () => text.evaluate((el) => Math.round(innerHeight - el.getBoundingClientRect().bottom));
  expect(await gap()).toBeLessThan(20);
  await page.keyboard.type('完');
  await expect.poll(gap).toBeGreaterThanOrEqual(50);
});

test('a total in a row made tall by its two-line label is grey from edge to edge', async ({ page }) => {
  await newBlankReport(page);
  await stepBar(page)
    .getByRole('button', { name: /^三 依申请公开：/ })
    .click();
  const total = page.locator('input[name="requests.otherHandling.overdueCorrection.total"]');
  const td = total.locator('xpath=ancestor::td[1]');
  const [box, cellBox] = [await total.boundingBox(), await td.boundingBox()];
  // The label wraps onto two lines, so the row is taller than the cell's fixed-height box…
  expect(cellBox!.height).toBeGreaterThan(box!.height + 8);
  // …and the part of the cell the box does not cover is the total's grey, not white.
  const colours = await Promise.all([total, td].map((l) => l.evaluate((el) => getComputedStyle(el).backgroundColor)));
  expect(colours[1]).toBe(colours[0]);
  expect(colours[0]).not.toBe('rgb(255, 255, 255)');
});

test('a refused value’s message is drawn above the cells after it, not behind them', async ({ page }) => {
  await newBlankReport(page);
  await stepBar(page)
    .getByRole('button', { name: /^三 依申请公开：/ })
    .click();
  const c = page.locator('input[name="requests.carriedOver.natural"]');
  await c.click();
  await page.keyboard.type('abc');
  const message = page.locator('.rt-msg--error').filter({ hasText: '不是数字' });
  await expect(message).toBeVisible();
  // The message overflows its cell onto the next ones: at its centre, the message is on top.
  const box = (await message.boundingBox())!;
  const cellBox = (await c.boundingBox())!;
  expect(box.y + box.height > cellBox.y + cellBox.height || box.x + box.width > cellBox.x + cellBox.width).toBe(true);
  const onTop = await page.evaluate(
    ([x, y]) => document.elementFromPoint(x!, y!)?.closest('.rt-msg') !== null,
    [box.x + box.width - 4, box.y + box.height - 4],
  );
  expect(onTop).toBe(true);
});

test('a cell reached with the keyboard is never left under the sticky header or the docked check panel', async ({
  page,
}) => {
  // 1024 wide: the check panel is a bar docked at the bottom; table 三's header sticks to the top.
  await page.setViewportSize({ width: 1024, height: 700 });
  await newBlankReport(page);
  await stepBar(page)
    .getByRole('button', { name: /^三 依申请公开：/ })
    .click();
  const focusedIsOnTop = () =>
    page.evaluate(() => {
      const a = document.activeElement as HTMLElement;
      const b = a.getBoundingClientRect();
      return document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2) === a;
    });
  await page.locator('input[name="requests.newReceived.natural"]').focus();
  for (let i = 0; i < 23; i++) {
    await page.keyboard.press('Enter');
    expect(await focusedIsOnTop()).toBe(true);
  }
  await expect(page.locator('input[name="requests.carriedForward.natural"]')).toBeFocused();
  for (let i = 0; i < 23; i++) {
    await page.keyboard.press('ArrowUp');
    expect(await focusedIsOnTop()).toBe(true);
  }
  await expect(page.locator('input[name="requests.newReceived.natural"]')).toBeFocused();
});

test("table 三's sticky header keeps its own rules while the rows scroll under it", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 657 });
  await newBlankReport(page);
  await stepBar(page)
    .getByRole('button', { name: /^三 依申请公开：/ })
    .click();
  const head = page.locator('.rt--requests thead');
  await page.locator('input[name="requests.carriedForward.natural"]').scrollIntoViewIfNeeded();
  await page.mouse.move(600, 400);
  await page.mouse.wheel(0, 300);
  await expect.poll(async () => (await head.boundingBox())!.y).toBeLessThan(1);
  const box = (await head.boundingBox())!;
  // The screen's top row of pixels across the stuck header: its top rule, not the rows under it
  // (with collapsed borders the rules stayed where the header was, and a strip of rows showed).
  const strip = await page.screenshot({ clip: { x: box.x + 2, y: 0, width: box.width - 4, height: 1 } });
  const ruled = await page.evaluate(async (png) => {
    const img = new Image();
    img.src = `data:image/png;base64,${png}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, img.width, 1).data;
    let rule = 0;
    for (let i = 0; i < px.length; i += 4)
      if (Math.abs(px[i]! - 0x9a) + Math.abs(px[i + 1]! - 0xa3) + Math.abs(px[i + 2]! - 0xad) < 30) rule++;
    return rule / (px.length / 4);
  }, strip.toString('base64'));
  expect(ruled).toBeGreaterThan(0.95);
});
