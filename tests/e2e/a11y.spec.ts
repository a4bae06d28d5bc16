// Accessibility, checked by axe-core on what a clerk meets: the list of reports, every step
// of the wizard (blank, then with the seed's warnings and an explanation being written), the
// import page before and after reading a published report, the printed report, and 汇总.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Page, expect, test } from '@playwright/test';
import { renderPrintableHtml, renderSubmissionNotesHtml } from '../../src/export/printHtml';
import { fromJson } from '../../src/report/json';
import { newCollectionWith, townZip } from './helpers/collect';
import { newBlankReport, pasteInto, seedJson, seedText, stepBar, stepHeading, watchConsole } from './helpers/clerk';

/** Every violation, one line each, so a failure names the rule, the element and the fix. */
async function violations(page: Page, what: string): Promise<string[]> {
  // The print preview is a sandboxed iframe with no scripts: axe cannot run inside it, and
  // trying hung a run for minutes. The document it shows is checked on its own below.
  const result = await new AxeBuilder({ page }).exclude('iframe.ex-preview').analyze();
  return result.violations.flatMap((v) =>
    v.nodes.map(
      (n) => `${what}: [${v.id}] ${v.help} — ${n.target.join(' ')} — ${n.failureSummary?.replace(/\s+/g, ' ')}`,
    ),
  );
}

const STEP_LABELS = [
  '基本信息',
  '一 总体情况',
  '二 主动公开',
  '三 依申请公开',
  '四 复议诉讼',
  '五 问题及改进',
  '六 其他事项',
  '检查',
  '导出',
];

test('the list of reports and the import page have no axe violations', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await expect(page.getByRole('form', { name: '新建报告' })).toBeVisible();
  const found = await violations(page, '报告列表');

  await page.getByRole('button', { name: '从已发布的年报导入' }).click();
  const text = page.getByRole('textbox', { name: '年报全文' });
  await expect(text).toBeVisible();
  found.push(...(await violations(page, '导入（空）')));
  expect(found).toEqual([]);
  expect(errors).toEqual([]);
});

// Axe on each part of the read result: seven runs, so a test of its own, with room for a busy machine.
test('the import result has no axe violations in any of its parts', async ({ page }) => {
  test.slow();
  const errors = watchConsole(page);
  await page.goto('/');
  await page.getByRole('button', { name: '从已发布的年报导入' }).click();
  await pasteInto(page.getByRole('textbox', { name: '年报全文' }), seedText());
  await page.getByRole('button', { name: /读取/ }).first().click();
  await expect(page.getByRole('button', { name: /作为上年报告/ })).toBeVisible();
  const found = await violations(page, '导入（已读取，表三）');
  await page.getByRole('radio', { name: '原文' }).check();
  found.push(...(await violations(page, '导入（表三，原文）')));
  for (const tab of ['有疑问（0）', '二 主动公开', '四 复议诉讼', '一、五、六 正文', /^检查结果/]) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
    found.push(...(await violations(page, `导入（${String(tab)}）`)));
  }
  // A report with doubtful cells: the list of them, and table 三 with the cells marked.
  const box = page.getByRole('textbox', { name: '年报全文' });
  await box.fill(readFileSync(resolve('tests/fixtures/published/broken-total.txt'), 'utf8'));
  await page.getByRole('button', { name: /读取/ }).first().click();
  await expect(page.getByRole('tab', { name: '有疑问（3）' })).toHaveAttribute('aria-selected', 'true');
  found.push(...(await violations(page, '导入（有疑问）')));
  await page.getByRole('button', { name: '在表中查看' }).first().click();
  await expect(page.locator('td.import-flagged').first()).toBeFocused();
  found.push(...(await violations(page, '导入（表三，有疑问的格）')));
  expect(found).toEqual([]);
  expect(errors).toEqual([]);
});

// The tables at 1280px (check panel docked below) and table 三 beside the panel when wide; the
// other steps at 1280px only: their content does not change with the width, and the wide
// panel is already checked beside 三 (about 50 s less of the suite's time). One blank
// report is opened per test; axe on table 三 alone takes seconds on a busy machine, so the
// tables are a test of their own, and each test has test.slow()'s room.
const TABLE_STEPS = ['二 主动公开', '三 依申请公开', '四 复议诉讼'];
for (const width of [1280, 1700]) {
  for (const [what, labels] of [
    // Wide, the panel sits beside the step: 三, the largest table, is checked beside it.
    width === 1280
      ? ['the tables', STEP_LABELS.filter((l) => TABLE_STEPS.includes(l))]
      : ['table 三', ['三 依申请公开']],
    ...(width === 1280 ? [['the other steps', STEP_LABELS.filter((l) => !TABLE_STEPS.includes(l))] as const] : []),
  ] as const) {
    test(`wizard: no axe violations in ${what} of a blank report at ${width}px`, async ({ page }) => {
      test.slow();
      const errors = watchConsole(page);
      await page.setViewportSize({ width, height: 900 });
      await newBlankReport(page);
      const found: string[] = [];
      for (const label of labels) {
        const button = stepBar(page).getByRole('button', { name: new RegExp(`^${label}：`) });
        await button.click();
        await expect(button).toHaveAttribute('aria-current', 'step');
        await expect(stepHeading(page)).toBeVisible();
        found.push(...(await violations(page, `${label}（${width}px）`)));
      }
      expect(found).toEqual([]);
      expect(errors).toEqual([]);
    });
  }
}

test('the check step with warnings, a refused cell and an explanation being written has no axe violations', async ({
  page,
}) => {
  // axe over table 三's cells takes seconds idle, many times that on a busy machine.
  test.slow();
  const errors = watchConsole(page);
  await newBlankReport(page);
  const seed = seedJson();
  await page.getByRole('textbox', { name: '机关名称' }).fill(seed.agency);
  await page.getByRole('textbox', { name: '报告年度' }).fill('2023');
  await stepBar(page)
    .getByRole('button', { name: /^五 问题及改进：/ })
    .click();
  await page.getByRole('textbox', { name: '存在的主要问题及改进情况' }).fill(seed.problems);
  await stepBar(page)
    .getByRole('button', { name: /^三 依申请公开：/ })
    .click();
  await page.getByRole('textbox', { name: '一、本年新收政府信息公开申请数量 自然人' }).pressSequentially('3');
  await page.getByRole('textbox', { name: '二、上年结转政府信息公开申请数量 自然人' }).pressSequentially('x');
  await expect(page.getByText('「x」不是数字：只能填写 0 或正整数', { exact: true })).toBeVisible();
  // The check panel docked at the bottom, opened over the table.
  await page
    .getByRole('complementary', { name: /检查结果/ })
    .getByRole('button', { name: /^检查结果/ })
    .click();
  await expect(
    page.getByRole('complementary', { name: /检查结果/ }).getByRole('region', { name: '错误' }),
  ).toBeVisible();
  const found = await violations(page, '三（有错误，检查结果展开）');

  await stepBar(page)
    .getByRole('button', { name: /^检查：/ })
    .click();
  await page.getByRole('button', { name: '保留并说明' }).first().click();
  await expect(page.getByRole('textbox', { name: '上报说明' })).toBeFocused();
  found.push(...(await violations(page, '检查（填写说明）')));
  expect(found).toEqual([]);
  expect(errors).toEqual([]);
});

test('the printed report has no axe violations', async ({ page }) => {
  const r = fromJson(seedJson());
  if (!r.ok) throw new Error('seed refused');
  const report = {
    ...r.report,
    explanations: [{ rule: 'W5' as const, cells: ['otherMatters'], reason: '本年未收取信息处理费。' }],
  };
  await page.setContent(renderPrintableHtml(report));
  expect(await violations(page, '打印稿')).toEqual([]);
  // The clerk's explanation prints on its own 报送说明 sheet, so that is checked too.
  await page.setContent(renderSubmissionNotesHtml(report));
  await expect(page.getByText('本年未收取信息处理费。')).toBeVisible();
  expect(await violations(page, '报送说明')).toEqual([]);
  await page.setContent(renderPrintableHtml(report, { blank: true }));
  expect(await violations(page, '空白表')).toEqual([]);
});

test('汇总 with a collection loaded has no axe violations: the list, refusals, who is missing, the sum', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = watchConsole(page);
  const zip = townZip(12, 31, { draft: (n) => n === 4, extra: { '坏文件.json': '{"format": ' } });
  await newCollectionWith(page, '无障碍县', zip, 12);
  const found = await violations(page, '汇总 报告列表');
  for (const tab of ['未通过的文件', '未报送', '合计']) {
    await page.getByRole('tab', { name: new RegExp(tab) }).click();
    await expect(page.getByRole('tab', { name: new RegExp(tab) })).toHaveAttribute('aria-selected', 'true');
    if (tab === '合计') await expect(page.locator('.co-readonly')).not.toHaveAttribute('aria-busy', 'true');
    found.push(...(await violations(page, `汇总 ${tab}`)));
  }
  expect(found).toEqual([]);
  expect(errors).toEqual([]);
});
