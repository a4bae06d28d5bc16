// 汇总 in the browser: a zip of a few hundred generated reports mixed with broken files,
// corrected resends and drafts; the counts, the refusals, who is missing, the sum cell by
// cell, and that a reload keeps the collection.
import { expect, test } from '@playwright/test';
import { makeBatch } from '../collect/batch';
import { watchConsole } from './helpers/clerk';

const N = 300;
const batch = makeBatch(N);

test('a zip of 300 reports: counts, refusals, missing agencies, the sum, kept over a reload', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchConsole(page);
  await page.goto('/');
  await page.getByRole('button', { name: '汇总', exact: true }).click();
  await page.getByLabel('汇总名称').fill('测试县 2023 年度');
  await page.getByLabel('报告年度').fill('2023');
  await page.getByRole('button', { name: '新建汇总' }).click();
  await expect(page.getByRole('heading', { name: /测试县 2023 年度/ })).toBeVisible();

  await page.locator('input[type=file][multiple]').setInputFiles({
    name: '各乡镇.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from(batch.zip),
  });
  const stats = page.getByTestId('co-stats');
  const expectedStats =
    `报告 ${N} 份（定稿 ${batch.finals}，草稿 ${batch.drafts}，有错误 ${batch.withErrors}）` +
    `，重复 ${batch.duplicates} 份，未通过的文件 ${batch.refused.length} 个`;
  await expect(stats).toHaveText(expectedStats, { timeout: 120_000 });
  await page.screenshot({ path: 'test-results/collect-list.png', fullPage: true });

  // The list: every report (duplicates too), 重复 flagged.
  await expect(page.getByRole('tab', { name: `报告列表（${N + batch.duplicates}）` })).toBeVisible();
  await page.getByLabel('显示').selectOption('duplicate');
  await expect(page.getByText(`显示 ${batch.duplicates} / ${N + batch.duplicates} 份`)).toBeVisible();
  await page.getByLabel('显示').selectOption('all');
  await page.getByLabel('搜索机关或文件名').fill('第7号镇');
  await expect(page.getByText(`显示 1 / ${N + batch.duplicates} 份`)).toBeVisible();
  await page.getByLabel('搜索机关或文件名').fill('');

  // Refusals: the file and the JSON path named.
  await page.getByRole('tab', { name: /未通过的文件/ }).click();
  const refusedRows = page.locator('.co-refused tbody tr');
  await expect(refusedRows).toHaveCount(batch.refused.length);
  for (const r of batch.refused) {
    const row = refusedRows.filter({ hasText: r.file });
    await expect(row).toHaveCount(1);
    if (r.path) await expect(row).toContainText(r.path);
  }

  // Who is missing: three expected agencies never sent, one sent only a draft, one has errors.
  await page.getByRole('tab', { name: '未报送' }).click();
  const expected = [...batch.agencies.slice(0, 10), '甲乡', '乙乡', '丙街道'];
  await page.getByLabel(/应报送的单位名单/).fill(expected.join('\n'));
  await page.getByRole('button', { name: '保存名单并核对' }).click();
  await expect(page.getByRole('heading', { name: '未报送（3）' })).toBeVisible();
  const notSent = page.locator('section[aria-labelledby=co-missing-none] li');
  await expect(notSent).toHaveText(['甲乡', '乙乡', '丙街道']);
  await expect(page.locator('section[aria-labelledby=co-missing-draft] li')).toHaveText(['第4号镇人民政府']);
  await expect(page.locator('section[aria-labelledby=co-missing-errors] li')).toHaveText(['第8号镇人民政府']);

  // The sum, cell by cell, against the reports (default: final without errors).
  await page.getByRole('tab', { name: '合计' }).click();
  await expect(page.getByText(`合计了 ${batch.sumCount} 份报告`)).toBeVisible();
  await expect(page.getByText(/合计数通过检查/)).toBeVisible();
  await page.screenshot({ path: 'test-results/collect-sum.png' });
  const shown = await page
    .locator('.co-sum input[name*="."]')
    .evaluateAll((els) =>
      Object.fromEntries(els.map((e) => [(e as HTMLInputElement).name, (e as HTMLInputElement).value])),
    );
  expect(Object.keys(shown).length).toBe(batch.sum.size);
  for (const [path, v] of batch.sum) {
    const text = shown[path]?.replace(/,/g, '') ?? '';
    // 收费金额 is held in fen and shown in 万元.
    if (path === 'proactive.fees.amount') expect.soft(Math.round(Number(text) * 1e6), path).toBe(v);
    else expect.soft(text, path).toBe(String(v));
  }

  await page.reload();
  await expect(stats).toHaveText(expectedStats, { timeout: 30_000 });
  await page.getByRole('tab', { name: '未报送' }).click();
  await expect(page.getByRole('heading', { name: '未报送（3）' })).toBeVisible();
  expect(errors).toEqual([]);
});
