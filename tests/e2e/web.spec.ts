import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { renderWebFragment } from '../../src/export/webHtml';
import { CELLS, allValues, formatCell } from '../../src/report';
import { seed } from '../helpers/reports';

/** The fragment inside a plain page, as a CMS article shows it. */
const page = (fragment: string) =>
  `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>政府信息公开</title></head><body><main>${fragment}</main></body></html>`;

test('the web fragment: axe finds no violation, nothing is fetched, every figure is shown', async ({ page: p }) => {
  const report = seed();
  report.cells['requests.newReceived.natural'] = 7;
  report.cells['requests.disclosed.natural'] = 7;
  const requests: string[] = [];
  p.on('request', (r) => requests.push(r.url()));
  await p.setContent(page(renderWebFragment(report)), { waitUntil: 'load' });
  const result = await new AxeBuilder({ page: p }).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  // axe did look at the tables.
  expect(result.passes.map((r) => r.id)).toEqual(expect.arrayContaining(['td-headers-attr', 'th-has-data-cells']));
  expect(requests.filter((u) => !u.startsWith('data:') && u !== 'about:blank')).toEqual([]);
  const values = allValues(report.cells);
  const shown = await p.locator('td').allTextContents();
  expect(shown).toHaveLength(CELLS.length);
  expect(shown.sort()).toEqual(CELLS.map((c) => formatCell(values.get(c.path) ?? null, c.unit)).sort());
  // A screen reader's view of a figure: the cell's accessible headers name its row and column.
  const headers = await p
    .locator('td')
    .filter({ hasText: /^7$/ })
    .first()
    .evaluate((td) =>
      (td.getAttribute('headers') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent),
    );
  expect(headers).toEqual(['一、本年新收政府信息公开申请数量', '申请人情况', '自然人']);
});
