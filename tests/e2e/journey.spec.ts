// The clerk's whole task in the browser. First: the published 老店镇 2023 report, typed and
// pasted in section by section, its two real defects (W3, W5) explained, exported as a final
// JSON equal to the seed's, printed to PDF and read back, and found intact after a reload.
// Second: an imbalance in table 三 found from the check panel and fixed where it points.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { type Page, expect, test } from '@playwright/test';
import {
  type SeedJson,
  nextButton,
  pasteInto,
  seedJson,
  seedTableBlock,
  stepBar,
  stepButton,
  stepHeading,
  watchConsole,
} from './helpers/clerk';

const REASON_W3 = '原文笔误：“针对以上不足”一段的改进措施是下一年度的计划，按原文照录。';
const REASON_W5 = '本机关本年度未收取信息处理费。';

/** Clicks a download button and returns the file's name and text. */
async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

/** The exported JSON without what the app stamps on export or the clerk wrote as 上报说明. */
function withoutStamps(json: Record<string, unknown>): Record<string, unknown> {
  const { exportedAt: _e, generator: _g, explanations: _x, ...rest } = json;
  return rest;
}

async function exportFinal(page: Page): Promise<Record<string, unknown>> {
  await stepButton(page, '导出').click();
  await expect(stepHeading(page)).toHaveText('导出');
  const file = await download(page, '导出定稿 JSON');
  expect(file.name).toBe('老店镇-2023-政府信息公开工作年度报告.json');
  await expect(page.getByRole('status').filter({ hasText: '已导出定稿' })).toBeVisible();
  return JSON.parse(file.text) as Record<string, unknown>;
}

test('the published 老店镇 2023 report, typed and pasted in, explained, exported, printed and reloaded', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const errors = watchConsole(page);
  const seed: SeedJson = seedJson();
  await page.setViewportSize({ width: 1280, height: 900 });

  // The list of reports: a new report for 老店镇, 2023.
  await page.goto('/');
  const form = page.getByRole('form', { name: '新建报告' });
  await form.getByRole('textbox', { name: '机关名称', exact: true }).fill('');
  await form.getByRole('textbox', { name: '机关名称', exact: true }).pressSequentially(seed.agency);
  await form.getByRole('textbox', { name: '年度', exact: true }).fill('2023');
  await form.getByRole('button', { name: '新建报告' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('老店镇2023年政府信息公开工作年度报告');
  await expect(page.getByRole('textbox', { name: '机关名称' })).toHaveValue(seed.agency);
  await expect(page.getByRole('textbox', { name: '报告年度' })).toHaveValue('2023');
  await expect(stepButton(page, '基本信息')).toContainText('已完成');

  // 一、总体情况: the seed merges 主动公开 and 依申请公开, renames the others and opens with
  // an untitled lead paragraph.
  await nextButton(page).click();
  await expect(stepHeading(page)).toHaveText('一、总体情况');
  const heading = (i: number) => page.getByRole('textbox', { name: `第 ${i} 部分标题` });
  const body = (i: number) => page.getByRole('textbox', { name: `第 ${i} 部分正文` });
  await expect(heading(2)).toHaveValue('依申请公开');
  await page.getByRole('button', { name: '删除第 2 部分' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已删除「依申请公开」' })).toBeVisible();
  await page.getByRole('button', { name: '添加一部分', exact: true }).click();
  await expect(heading(5)).toBeFocused();
  for (const i of [5, 4, 3, 2]) await page.getByRole('button', { name: `上移第 ${i} 部分` }).click();
  await expect(heading(1)).toHaveValue('');
  await expect(page.getByText('无标题：本段作为“一、总体情况”开头的导语')).toBeVisible();
  for (const [n, part] of seed.overview.entries()) {
    const i = n + 1;
    if (part.heading) {
      await heading(i).press('Control+a');
      await heading(i).pressSequentially(part.heading);
    }
    await pasteInto(body(i), part.body);
  }
  for (const [n, part] of seed.overview.entries()) {
    await expect(heading(n + 1)).toHaveValue(part.heading);
    await expect(body(n + 1)).toHaveValue(part.body);
  }
  await expect(heading(6)).toHaveCount(0);
  await expect(stepButton(page, '一 总体情况')).toContainText('已完成');

  // 二: typed cell by cell, Tab from one to the next.
  await nextButton(page).click();
  await expect(stepHeading(page)).toHaveText('二、主动公开政府信息情况');
  const proactive = seedTableBlock('proactive')
    .trim()
    .split(/\r?\n/)
    .flatMap((l) => l.split('\t'));
  expect(proactive).toHaveLength(10);
  await page.locator('input[name="proactive.rules.issued"]').click();
  for (const [i, v] of proactive.entries()) {
    await page.keyboard.type(v);
    if (i < proactive.length - 1) await page.keyboard.press('Tab');
  }
  await expect(page.locator('input[name="proactive.fees.amount"]')).toBeFocused();
  await expect(stepButton(page, '二 主动公开')).toContainText('已完成');

  // 三: the published table's figures pasted into its first cell; totals are computed.
  await nextButton(page).click();
  await expect(stepHeading(page)).toHaveText('三、收到和处理政府信息公开申请情况');
  await pasteInto(page.locator('input[name="requests.newReceived.natural"]'), seedTableBlock('requests'));
  await expect(
    page.getByRole('status').filter({ hasText: '已粘贴 144 格；31 格落在自动合计上，已跳过' }),
  ).toBeVisible();
  await expect(page.locator('input[name="requests.carriedForward.other"]')).toHaveValue('0');
  await expect(page.locator('input[name="requests.handledTotal.total"]')).toHaveValue('0');
  await expect(stepButton(page, '三 依申请公开')).toContainText('已完成');

  // 四: its one row of fifteen figures pasted the same way.
  await nextButton(page).click();
  await expect(stepHeading(page)).toHaveText('四、政府信息公开行政复议、行政诉讼情况');
  await pasteInto(page.locator('input[name="reviews.reconsideration.upheld"]'), seedTableBlock('reviews'));
  await expect(page.getByRole('status').filter({ hasText: '已粘贴 12 格；3 格落在自动合计上，已跳过' })).toBeVisible();
  await expect(stepButton(page, '四 复议诉讼')).toContainText('已完成');

  // 五: pasted; the plan dated in the report year is flagged at once.
  await nextButton(page).click();
  await pasteInto(page.getByRole('textbox', { name: '存在的主要问题及改进情况' }), seed.problems);
  await expect(page.locator('.field-finding')).toContainText('改进计划应是 2024 年的');

  // 六: the seed's bare 「无」 typed over the four starting items.
  await nextButton(page).click();
  const other = page.getByRole('textbox', { name: '其他需要报告的事项' });
  await expect(other).toHaveValue(/收取信息处理费情况/);
  await other.press('Control+a');
  await other.pressSequentially(seed.otherMatters);
  await expect(other).toHaveValue('无');

  // 检查: no error, the seed's two warnings, each kept with a written reason.
  await nextButton(page).click();
  await expect(stepHeading(page)).toHaveText('检查');
  const main = page.getByRole('main');
  await expect(main.getByRole('region', { name: '错误' })).toHaveCount(0);
  const warnings = main.getByRole('region', { name: '警告' }).locator('li.finding');
  await expect(warnings).toHaveCount(2);
  await expect(main).toContainText('没有错误。还有 2 个警告待核实或说明。');
  for (const [text, reason] of [
    ['改进计划应是 2024 年的', REASON_W3],
    ['没有说明本年是否收取信息处理费', REASON_W5],
  ] as const) {
    const item = warnings.filter({ hasText: text });
    await item.getByRole('button', { name: '保留并说明' }).click();
    const box = item.getByRole('textbox', { name: '上报说明' });
    await expect(box).toBeFocused();
    await box.pressSequentially(reason);
    await item.getByRole('button', { name: '保存说明' }).click();
    await expect(item).toContainText(`上报说明：${reason}`);
  }
  await expect(main).toContainText('没有错误，可以导出定稿。');
  await expect(stepButton(page, '导出')).toContainText('可以导出');

  // 导出: the final JSON is the seed's, plus the stamps and the two reasons.
  const exported = await exportFinal(page);
  expect(withoutStamps(exported)).toEqual(withoutStamps(seed));
  expect(exported.status).toBe('final');
  expect(Date.now() - Date.parse(String(exported.exportedAt))).toBeLessThan(120_000);
  expect(exported.generator).toMatch(/^nianbao \d+\.\d+\.\d+/);
  expect(exported.explanations).toEqual([
    { rule: 'W3', cells: expect.any(Array), reason: REASON_W3 },
    { rule: 'W5', cells: expect.any(Array), reason: REASON_W5 },
  ]);

  // 打印: the preview's document, downloaded, printed to A4 by Chromium and read back.
  await page.getByRole('button', { name: '显示打印预览' }).click();
  const preview = page.frameLocator('iframe[title="打印预览"]');
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText('老店镇2023年政府信息公开工作年度报告');
  const html = await download(page, '下载 HTML');
  expect(html.name).toBe('老店镇2023年政府信息公开工作年度报告.html');
  expect(html.text).toBe(await page.locator('iframe[title="打印预览"]').getAttribute('srcdoc'));
  const printPage = await page.context().newPage();
  await printPage.setContent(html.text, { waitUntil: 'load' });
  await printPage.evaluate(() => document.fonts.ready);
  const pdfPath = testInfo.outputPath('laodian-2023.pdf');
  writeFileSync(pdfPath, await printPage.pdf({ format: 'A4', preferCSSPageSize: true }));
  await printPage.close();
  const pdfText = execFileSync('pdftotext', ['-raw', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  for (const label of [
    '老店镇2023年政府信息公开工作年度报告',
    '一、总体情况',
    ...seed.overview.filter((p) => p.heading).map((p) => p.heading),
    '二、主动公开政府信息情况',
    '行政事业性收费',
    '三、收到和处理政府信息公开申请情况',
    '（七）总计',
    '四、结转下年度继续办理',
    '四、政府信息公开行政复议、行政诉讼情况',
    '尚未审结',
    '五、存在的主要问题及改进情况',
    '针对以上不足，2023年我镇将采取以下措施加以改进',
    '六、其他需要报告的事项',
  ]) {
    expect(pdfText, label).toContain(label.replace(/\s+/g, ''));
  }
  // The reasons are for the reviewer, not the public: on the 报送说明 sheet, not in the report.
  for (const reason of [REASON_W3, REASON_W5]) expect(pdfText).not.toContain(reason.replace(/\s+/g, ''));
  await page.getByRole('button', { name: '打印报送说明' }).click();
  const notes = page.frameLocator('iframe[title="打印预览：报送说明"]');
  await expect(notes.getByRole('heading', { level: 1 })).toHaveText('报送说明');
  for (const reason of [REASON_W3, REASON_W5]) await expect(notes.locator('body')).toContainText(reason);
  await page.getByRole('button', { name: '返回报告预览' }).click();
  expect(pdfText).toContain('我镇主动公开政府信息268条');
  expect(pdfText).not.toContain('草稿');

  // A reload: the same report, step and content, and the same final export.
  await page.reload();
  await expect(stepHeading(page)).toHaveText('导出');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('老店镇2023年政府信息公开工作年度报告');
  const again = await exportFinal(page);
  const { exportedAt: _a, ...sameAgain } = again;
  const { exportedAt: _b, ...sameFirst } = exported;
  expect(sameAgain).toEqual(sameFirst);
  await stepButton(page, '一 总体情况').click();
  for (const [n, part] of seed.overview.entries()) {
    await expect(heading(n + 1)).toHaveValue(part.heading);
    await expect(body(n + 1)).toHaveValue(part.body);
  }
  await stepButton(page, '五 问题及改进').click();
  await expect(page.getByRole('textbox', { name: '存在的主要问题及改进情况' })).toHaveValue(seed.problems);
  await stepButton(page, '检查').click();
  await expect(main).toContainText(`上报说明：${REASON_W3}`);
  await expect(main).toContainText(`上报说明：${REASON_W5}`);
  await expect(stepBar(page)).toBeVisible();
  expect(errors).toEqual([]);
});

test('a figure typed wrong in table 三 is found from the check panel and fixed where it points', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/');
  const form = page.getByRole('form', { name: '新建报告' });
  await form.getByRole('textbox', { name: '机关名称', exact: true }).fill('勾稽镇人民政府');
  await form.getByRole('textbox', { name: '年度', exact: true }).fill('2024');
  await form.getByRole('button', { name: '新建报告' }).click();
  await stepButton(page, '三 依申请公开').click();

  // 商业企业: 3 requests, 2 disclosed and 1 partly; but 5 typed for 新收.
  const cell = (row: string, col: string) => page.locator(`input[name="requests.${row}.${col}"]`);
  await cell('newReceived', 'commercial').pressSequentially('5');
  await cell('disclosed', 'commercial').pressSequentially('2');
  await cell('partiallyDisclosed', 'commercial').pressSequentially('1');
  await page.getByRole('button', { name: /^本表其余空格填 0/ }).click();
  await expect(page.getByRole('status', { name: '商业企业列勾稽差额' })).toHaveText('相差 −2');

  await stepButton(page, '检查').click();
  const errorsRegion = page.getByRole('main').getByRole('region', { name: '错误' });
  // One slip, one finding: the 总计 column is off only because 商业企业 is.
  await expect(errorsRegion.getByRole('button', { name: /办理与结转/ })).toHaveCount(1);
  await errorsRegion
    .getByRole('button', { name: '商业企业：收到 5 件（新收 5 + 结转 0），办理与结转只有 3 件，少 2 件' })
    .click();

  // Nothing is blank, results are short: the entry opens table 三 at 四、结转下年度 of that
  // column, focused and selected, where unfinished requests go. Typing replaces it.
  await expect(stepHeading(page)).toHaveText('三、收到和处理政府信息公开申请情况');
  await expect(cell('carriedForward', 'commercial')).toBeFocused();
  await page.keyboard.type('2');
  await expect(cell('carriedForward', 'commercial')).toHaveValue('2');
  await expect(page.getByRole('status', { name: '商业企业列勾稽差额' })).toHaveText('✓ 平衡');
  await expect(page.getByRole('status', { name: '总计列勾稽差额' })).toHaveText('✓ 平衡');
  await expect(stepButton(page, '三 依申请公开')).toContainText('已完成');

  await stepButton(page, '检查').click();
  await expect(page.getByRole('main').getByText(/办理与结转/)).toHaveCount(0);
  expect(errors).toEqual([]);
});
