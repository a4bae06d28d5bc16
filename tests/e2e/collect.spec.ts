// 汇总 in the browser: a zip of a few hundred generated reports mixed with broken files,
// corrected resends and drafts; the counts, the refusals, who is missing, the sum cell by
// cell, and that a reload keeps the collection.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { makeBatch } from '../collect/batch';
import { generateJson, rng } from '../collect/generate';
import { readCsv, readXlsx } from '../collect/readXlsx';
import { checkReport } from '../../src/report';
import { fromJson } from '../../src/report/json';
import { watchConsole } from './helpers/clerk';

const N = 300;
const batch = makeBatch(N);

test('a zip of 300 reports: counts, refusals, missing agencies, the sum, kept over a reload', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchConsole(page);
  await page.goto('/');
  await page.getByRole('button', { name: '汇总', exact: true }).click();
  // The year box follows the year the name states (it starts at last year, 2025 here).
  await page.getByLabel('汇总名称').fill('测试县 2023 年度');
  await expect(page.getByLabel('报告年度')).toHaveValue('2023');
  await page.getByRole('button', { name: '新建汇总' }).click();
  await expect(page.getByRole('heading', { name: /测试县 2023 年度（2023 年度报告）/ })).toBeVisible();
  // The workers started with 汇总 and warmed up while the clerk would pick her files (WorkerPool).
  await page.waitForFunction(() => performance.getEntriesByName('collect:warm').length > 0, null, {
    timeout: 60_000,
  });

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
  // Text, set left (the list's rule for its figures once right-aligned these too).
  await expect(refusedRows.first().locator('td').first()).toHaveCSS('text-align', 'left');

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
  // The tables come one per task after the counts: all of them before reading every cell.
  await expect(page.locator('.co-readonly')).toHaveAttribute('aria-busy', 'false');
  await expect(page.locator('.co-sum .co-readonly h3')).toHaveText([
    '二、主动公开政府信息情况',
    '三、收到和处理政府信息公开申请情况',
    '四、政府信息公开行政复议、行政诉讼情况',
  ]);
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

  // Printed, the sum is a sum: its tables, which reports it sums, no 草稿 for the text a sum has not.
  // Its print card is styled as in 导出, which this page never opened.
  await expect(page.locator('.co-sum .ex-card')).toHaveCSS('border-top-style', 'solid');
  const [printed] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('.co-sum').getByRole('button', { name: '下载 HTML' }).click(),
  ]);
  const sumHtml = readFileSync((await printed.path())!, 'utf8');
  expect(sumHtml).toContain(`（合计 ${batch.sumCount} 份报告：定稿且无错误）`);
  expect(sumHtml).not.toContain('草稿');
  expect(sumHtml).not.toContain('五、存在的主要问题及改进情况');

  // The workbook and the CSV, read back.
  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /导出 Excel/ }).click(),
  ]);
  expect(xlsx.suggestedFilename()).toBe('测试县 2023 年度-汇总.xlsx');
  const sheets = readXlsx(new Uint8Array(readFileSync((await xlsx.path())!)));
  expect(sheets.map((s) => s.name)).toContain('报告列表');
  const t3 = sheets.find((s) => s.name.startsWith('三、'))!;
  expect(t3.merges).toContain('A1:C3');
  expect(t3.cells.get('J4')).toBe(batch.sum.get('requests.newReceived.total'));
  expect(t3.cells.get('D27')).toBe(batch.sum.get('requests.handledTotal.natural'));
  const list = sheets.find((s) => s.name === '报告列表')!;
  expect(list.cells.get(`A${N + batch.duplicates + 1}`)).toBeDefined();
  expect(list.cells.get(`A${N + batch.duplicates + 2}`)).toBeUndefined();
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /导出 CSV/ }).click(),
  ]);
  const rows = readCsv(readFileSync((await csv.path())!, 'utf8'));
  expect(rows).toHaveLength(N + batch.duplicates + 1);
  expect(rows[0]).toContain('requests.withheld.stateSecret.natural');
  const total = rows[0]!.indexOf('requests.newReceived.total');
  const agency = rows[0]!.indexOf('agency');
  const one = rows.find((r) => r[agency] === '第2号镇人民政府')!;
  const sent = JSON.parse(batch.files['2023/第2号镇人民政府.json']!) as {
    requests: { newReceived: { total: number } };
  };
  expect(Number(one[total])).toBe(sent.requests.newReceived.total);

  await page.reload();
  await expect(stats).toHaveText(expectedStats, { timeout: 30_000 });
  await page.getByRole('tab', { name: '未报送' }).click();
  await expect(page.getByRole('heading', { name: '未报送（3）' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('late files, a corrected resend, removing one, opening one read-only', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchConsole(page);
  const small = makeBatch(20, { seed: 7 });
  page.on('dialog', (d) => void d.accept());
  await page.goto('/#view=collect');
  await page.getByLabel('汇总名称').fill('小县');
  await page.getByLabel('报告年度').fill('2023');
  await page.getByRole('button', { name: '新建汇总' }).click();
  const picker = page.locator('input[type=file][multiple]');
  await picker.setInputFiles({ name: 'a.zip', mimeType: 'application/zip', buffer: Buffer.from(small.zip) });
  const stats = page.getByTestId('co-stats');
  await expect(stats).toHaveText('报告 20 份（定稿 18，草稿 2，有错误 1），重复 1 份，未通过的文件 4 个', {
    timeout: 60_000,
  });

  // A report of another year is listed and pointed out, but not summed, nor taken as 错年乡's report.
  const stray = generateJson({ agency: '错年乡', year: 2022, random: rng(98) });
  await picker.setInputFiles({ name: '错年乡.json', mimeType: 'application/json', buffer: Buffer.from(stray) });
  await expect(stats).toContainText('其中 1 份不是 2023 年度的报告，不计入合计');
  await page.getByLabel('显示').selectOption('非本年度');
  const strayRow = page.getByRole('row', { name: /错年乡/ });
  await expect(page.locator('.co-table tbody tr[data-entry]')).toHaveCount(1);
  await expect(strayRow).toContainText('2022（非本年度）');
  await expect(strayRow.getByRole('checkbox')).not.toBeChecked();
  await page.getByLabel('显示').selectOption('全部');
  await page.getByRole('tab', { name: '未报送' }).click();
  await page.getByLabel(/应报送的单位名单/).fill('错年乡');
  await page.getByRole('button', { name: '保存名单并核对' }).click();
  await expect(page.locator('section[aria-labelledby=co-missing-other-year] li')).toHaveText(['错年乡']);
  await page.getByLabel(/应报送的单位名单/).fill('');
  await page.getByRole('button', { name: '保存名单并核对' }).click();
  await page.getByRole('tab', { name: /报告列表/ }).click();
  await page.getByLabel('搜索机关或文件名').fill('错年乡');
  await strayRow.getByRole('button', { name: '移除' }).click();
  await page.getByLabel('搜索机关或文件名').fill('');

  // A late file from an agency not yet in.
  const late = generateJson({ agency: '迟报乡', random: rng(99) });
  await picker.setInputFiles({ name: '迟报乡.json', mimeType: 'application/json', buffer: Buffer.from(late) });
  await expect(stats).toHaveText('报告 21 份（定稿 19，草稿 2，有错误 1），重复 1 份，未通过的文件 4 个');

  // 第8号镇 (errors) sends a corrected file; with 替换 its old report goes.
  await page.getByLabel(/用新文件替换旧文件/).check();
  const fixed = generateJson({ agency: '第8号镇人民政府', random: rng(100), exportedAt: '2024-02-01T00:00:00.000Z' });
  await picker.setInputFiles({ name: '第8号镇-更正.json', mimeType: 'application/json', buffer: Buffer.from(fixed) });
  await expect(stats).toHaveText('报告 21 份（定稿 19，草稿 2，有错误 0），重复 1 份，未通过的文件 4 个');
  await expect(page.getByRole('tab', { name: '报告列表（22）' })).toBeVisible();

  // Remove the late one.
  await page.getByLabel('搜索机关或文件名').fill('迟报乡');
  await page
    .getByRole('row', { name: /迟报乡/ })
    .getByRole('button', { name: '移除' })
    .click();
  await expect(stats).toHaveText('报告 20 份（定稿 18，草稿 2，有错误 0），重复 1 份，未通过的文件 4 个');
  await page.getByLabel('搜索机关或文件名').fill('');

  // Open one read-only with its checks.
  await page.getByLabel('搜索机关或文件名').fill('第3号镇');
  await page
    .getByRole('row', { name: /第3号镇/ })
    .getByRole('button', { name: '打开' })
    .click();
  await expect(page.getByRole('heading', { name: '第3号镇人民政府 2023 年度报告（定稿，只读）' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '检查结果' })).toBeVisible();
  const cell = page.locator('.co-opened input[name="requests.newReceived.natural"]');
  const sent = JSON.parse(small.files['2023/第3号镇人民政府.json']!) as {
    requests: { newReceived: { natural: number } };
  };
  await expect(cell).toHaveValue(String(sent.requests.newReceived.natural));
  await expect(cell).toHaveAttribute('readonly', '');
  // Every section under its title, 五 and 六 with the text as sent.
  const opened = page.locator('.co-opened');
  await expect(opened.getByRole('heading', { level: 3 })).toHaveText([
    '检查结果',
    '一、总体情况',
    '二、主动公开政府信息情况',
    '三、收到和处理政府信息公开申请情况',
    '四、政府信息公开行政复议、行政诉讼情况',
    '五、存在的主要问题及改进情况',
    '六、其他需要报告的事项',
  ]);
  const text = JSON.parse(small.files['2023/第3号镇人民政府.json']!) as { problems: string; otherMatters: string };
  const firstParagraph = (t: string) =>
    t
      .trim()
      .split(/\n\s*\n/)[0]!
      .split('\n')[0]!
      .trim();
  await expect(opened.getByRole('region', { name: '五、存在的主要问题及改进情况' })).toContainText(
    firstParagraph(text.problems),
  );
  await expect(opened.getByRole('region', { name: '六、其他需要报告的事项' })).not.toBeEmpty();
  await page.screenshot({ path: 'test-results/collect-opened.png' });

  await page.reload();
  await expect(stats).toHaveText('报告 20 份（定稿 18，草稿 2，有错误 0），重复 1 份，未通过的文件 4 个', {
    timeout: 30_000,
  });
  expect(errors).toEqual([]);
});

test('a load whose commit fails (disk full): listed from memory, the replaced report back, nothing kept on reload', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // The page's commit of a load (the collection record losing its last pending load) throws
  // QuotaExceededError once the test says so; the workers' own writes are not touched.
  await page.addInitScript(() => {
    const w = window as unknown as { __failCommit: boolean };
    w.__failCommit = false;
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const v = args[0] as { pending?: unknown[] } | undefined;
      if (w.__failCommit && this.name === 'collections' && Array.isArray(v?.pending) && v.pending.length === 0)
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  const small = makeBatch(20, { seed: 7 });
  await page.goto('/#view=collect');
  await page.getByLabel('汇总名称').fill('满盘县');
  await page.getByLabel('报告年度').fill('2023');
  await page.getByRole('button', { name: '新建汇总' }).click();
  const picker = page.locator('input[type=file][multiple]');
  await picker.setInputFiles({ name: 'a.zip', mimeType: 'application/zip', buffer: Buffer.from(small.zip) });
  const stats = page.getByTestId('co-stats');
  const before = '报告 20 份（定稿 18，草稿 2，有错误 1），重复 1 份，未通过的文件 4 个';
  await expect(stats).toHaveText(before, { timeout: 60_000 });

  await page.evaluate(() => {
    (window as unknown as { __failCommit: boolean }).__failCommit = true;
  });
  // A corrected file for 第8号镇 (errors) with 替换: the list shows it in place of the old one
  // while the commit runs; the commit fails, so the old one comes back beside it (in memory).
  await page.getByLabel(/用新文件替换旧文件/).check();
  const fixed = generateJson({ agency: '第8号镇人民政府', random: rng(100), exportedAt: '2024-02-01T00:00:00.000Z' });
  await picker.setInputFiles({ name: '第8号镇-更正.json', mimeType: 'application/json', buffer: Buffer.from(fixed) });
  await expect(page.getByRole('alert')).toContainText('磁盘空间不足，浏览器拒绝保存汇总');
  await expect(page.getByRole('tab', { name: '报告列表（22）' })).toBeVisible();
  await expect(stats).toHaveText('报告 20 份（定稿 18，草稿 2，有错误 0），重复 2 份，未通过的文件 4 个');
  await page.getByLabel('搜索机关或文件名').fill('第8号镇');
  await expect(page.locator('.co-table tbody tr[data-entry]')).toHaveCount(2);

  await page.reload();
  await expect(stats).toHaveText(before, { timeout: 30_000 });
  await expect(page.getByRole('tab', { name: '报告列表（21）' })).toBeVisible();
});

test("W1/W2 against last year's collection, and the sum's reports picked by hand, kept over a reload", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = watchConsole(page);
  type Doc = Record<string, Record<string, Record<string, number>>> & { year: number; status: string };
  const doc = (agency: string, seed: number, o: { year?: number; status?: 'draft' | 'final' } = {}) =>
    JSON.parse(generateJson({ agency, random: rng(seed), ...o })) as Doc;
  // Last year: 甲乡 and 乙乡. This year 甲乡 carries over exactly what it carried forward
  // (no W1); 乙乡's figures are unrelated to last year's, so W1/W2 find what the wizard would.
  const lastA = doc('甲乡', 1, { year: 2022 });
  const lastB = doc('乙乡', 2, { year: 2022 });
  const nowA = doc('甲乡', 3);
  nowA.requests!.carriedOver = { ...lastA.requests!.carriedForward! };
  nowA.proactive!.rules = { issued: 0, repealed: 0, inForce: lastA.proactive!.rules!.inForce! };
  nowA.proactive!.normativeDocuments = {
    issued: 0,
    repealed: 0,
    inForce: lastA.proactive!.normativeDocuments!.inForce!,
  };
  const nowB = doc('乙乡', 4);
  const nowC = doc('丙乡', 5, { status: 'draft' });
  const read = (d: Doc) => {
    const r = fromJson(d);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return r.report;
  };
  const yoy = (now: Doc, last: Doc) =>
    checkReport(read(now), { previous: read(last) }).filter((f) => f.rule === 'W1' || f.rule === 'W2');
  expect(yoy(nowA, lastA)).toEqual([]);
  const expectedB = yoy(nowB, lastB);
  expect(expectedB.length).toBeGreaterThan(0);
  const errorsA = checkReport(read(nowA)).some((f) => f.severity === 'error');

  page.on('dialog', (d) => void d.accept());
  await page.goto('/#view=collect');
  const create = async (name: string, year: string) => {
    await page.getByLabel('汇总名称').fill(name);
    await page.getByLabel('报告年度').fill(year);
    await page.getByRole('button', { name: '新建汇总' }).click();
    await expect(page.getByRole('heading', { name: new RegExp(name) })).toBeVisible();
  };
  const picker = page.locator('input[type=file][multiple]');
  const send = (name: string, d: Doc) =>
    picker.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(d)) });
  const stats = page.getByTestId('co-stats');
  await create('上年县', '2022');
  await send('甲乡2022.json', lastA);
  await expect(stats).toContainText('报告 1 份');
  await send('乙乡2022.json', lastB);
  await expect(stats).toContainText('报告 2 份');

  await create('本年县', '2023');
  // One at a time: the picker is disabled while a load runs.
  await send('甲乡.json', nowA);
  await expect(stats).toContainText('报告 1 份');
  await send('乙乡.json', nowB);
  await expect(stats).toContainText('报告 2 份');
  await send('丙乡.json', nowC);
  await expect(stats).toContainText('报告 3 份');
  // The list's warnings of 乙乡 include the W1/W2 findings; 甲乡's none.
  const rowB = page.getByRole('row', { name: /乙乡/ });
  await expect(rowB.locator('[data-yoy]')).toHaveText(new RegExp(`含与上年报告核对 ${expectedB.length} 条`));
  await expect(rowB.locator('[data-yoy]')).toHaveAttribute('title', expectedB.map((f) => f.message).join('\n'));
  await expect(page.getByRole('row', { name: /甲乡/ }).locator('[data-yoy]')).toHaveCount(0);
  // Opened, 乙乡 shows the same findings, said to come from last year's collection.
  await rowB.getByRole('button', { name: '打开' }).click();
  await expect(page.getByTestId('co-previous')).toContainText('已与上年汇总中同一机关的报告（乙乡2022.json）核对');
  for (const f of expectedB) await expect(page.locator('.co-findings')).toContainText(f.message);
  await page.getByRole('button', { name: '关闭' }).click();

  // The sum: by default final and without errors (乙乡, and 甲乡 unless it has errors);
  // the clerk ticks the draft 丙乡 in and unticks 乙乡.
  const byDefault = errorsA ? 1 : 2;
  const sumTab = page.getByRole('tab', { name: '合计' });
  await sumTab.click();
  await expect(page.getByText(`合计了 ${byDefault} 份报告`)).toBeVisible();
  await page.getByRole('tab', { name: /报告列表/ }).click();
  await expect(page.getByLabel('计入合计：乙乡')).toBeChecked();
  await expect(page.getByLabel('计入合计：丙乡')).not.toBeChecked();
  await page.getByLabel('计入合计：丙乡').check();
  await page.getByLabel('计入合计：乙乡').uncheck();
  await sumTab.click();
  await expect(page.getByText(`合计了 ${byDefault} 份报告`)).toBeVisible();
  await expect(page.getByTestId('co-manual')).toContainText('另外计入 1 份：丙乡');
  await expect(page.getByTestId('co-manual')).toContainText('不计入 1 份：乙乡');
  const cell = 'requests.newReceived.natural';
  const expected = nowC.requests!.newReceived!.natural! + (errorsA ? 0 : nowA.requests!.newReceived!.natural!);
  await expect(page.locator(`.co-sum input[name="${cell}"]`)).toHaveValue(String(expected));
  await expect(page.locator('.co-readonly')).toHaveAttribute('aria-busy', 'false');
  await page.screenshot({ path: 'test-results/collect-manual-sum.png', fullPage: true });

  // Kept with the collection.
  await page.reload();
  await expect(stats).toContainText('报告 3 份', { timeout: 30_000 });
  await page.getByRole('tab', { name: '合计' }).click();
  await expect(page.getByTestId('co-manual')).toContainText('另外计入 1 份：丙乡');
  await expect(page.locator(`.co-sum input[name="${cell}"]`)).toHaveValue(String(expected));
  await page.getByRole('button', { name: '取消手动调整' }).click();
  await expect(page.getByText(`合计了 ${byDefault} 份报告`)).toBeVisible();
  await expect(page.getByTestId('co-manual')).toHaveCount(0);
  expect(errors).toEqual([]);
});
