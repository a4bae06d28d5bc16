import { expect, test } from '@playwright/test';

test('after the first visit the app loads and works with the network off', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // The service worker must have precached everything and be in control of the page.
  await expect(page.getByText('应用已可离线使用')).toBeVisible();
  await page.reload();
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('政府信息公开工作年度报告');
  // The published JSON Schema is precached too.
  const schemaTitle = await page.evaluate(
    async () => (await (await fetch('./report.schema.json')).json()).title as string,
  );
  expect(schemaTitle).toContain('政府信息公开工作年度报告');
  await context.setOffline(false);
});
