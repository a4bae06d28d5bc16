import { expect, test } from '@playwright/test';

test('the built app loads, shows its title and logs no console error', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('政府信息公开工作年度报告');
  expect(errors).toEqual([]);
});
