// A new version is published while a clerk is typing: the app announces it and waits for
// her click; it never reloads mid-edit, and updating keeps the draft. The app is served
// from a copy of the build by a small server of this test's own, so the copy's service
// worker can be changed the way a new deployment changes it.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Page, expect, test } from '@playwright/test';
import { stepButton, watchConsole } from './helpers/clerk';

/**
 * The new worker has installed and now waits for the clerk: from here nothing but her click
 * can activate it, so a reload that was going to happen would have happened by now.
 */
const newWorkerWaiting = (page: Page) =>
  page.waitForFunction(async () => {
    const r = await navigator.serviceWorker.getRegistration();
    return r?.waiting?.state === 'installed';
  });

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
};

function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    try {
      const body = readFileSync(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/` });
    }),
  );
}

const dist = fileURLToPath(new URL(`../../${process.env.E2E_DIST ?? 'dist'}/`, import.meta.url));
let dir = '';
let server: Server;
let url = '';

test.beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-update-'));
  cpSync(dist, dir, { recursive: true });
  ({ server, url } = await serve(dir));
});

test.afterEach(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a new version is announced while she types, waits for her, and updating keeps the draft', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto(url);
  await expect(page.getByText('应用已可离线使用')).toBeVisible();
  const form = page.getByRole('form', { name: '新建报告' });
  await form.getByLabel('机关名称').fill('某镇人民政府');
  await form.getByRole('button', { name: '新建报告' }).click();
  await stepButton(page, '五 问题及改进').click();
  const problems = page.getByRole('textbox', { name: /存在的主要问题及改进情况/ });
  await problems.click();
  await page.keyboard.type('一是公开内容不够全面。', { delay: 10 });
  // Marks this page: a reload would lose it.
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  // A new version is published…
  writeFileSync(join(dir, 'sw.js'), `${readFileSync(join(dir, 'sw.js'), 'utf8')}\n// 新版本\n`);
  // …and the app looks for it when the clerk comes back to the tab (also hourly).
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  const notice = page.getByRole('status').filter({ hasText: '有新版本可用' });
  await expect(notice).toBeVisible();

  // Nothing is forced: she keeps typing in the same page, focus and text where they were.
  await page.keyboard.type('二是更新不够及时。', { delay: 10 });
  await newWorkerWaiting(page);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await expect(problems).toBeFocused();
  await expect(problems).toHaveValue('一是公开内容不够全面。二是更新不够及时。');

  // 「立即更新」 when she chooses: the new version takes over and the draft is all there.
  await notice.getByRole('button', { name: '立即更新' }).click();
  await page.waitForFunction(() => !(window as unknown as { __sameDocument?: boolean }).__sameDocument);
  await expect(page.getByRole('textbox', { name: /存在的主要问题及改进情况/ })).toHaveValue(
    '一是公开内容不够全面。二是更新不够及时。',
  );
  await expect(page.getByRole('status').filter({ hasText: '有新版本可用' })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('「稍后」 puts the notice away and leaves the page alone', async ({ page }) => {
  await page.goto(url);
  await expect(page.getByText('应用已可离线使用')).toBeVisible();
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  writeFileSync(join(dir, 'sw.js'), `${readFileSync(join(dir, 'sw.js'), 'utf8')}\n// 新版本\n`);
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  const notice = page.getByRole('status').filter({ hasText: '有新版本可用' });
  await notice.getByRole('button', { name: '稍后' }).click();
  await expect(notice).toHaveCount(0);
  await newWorkerWaiting(page);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
});

test('updating in one tab does not reload another: that one is told and reloads when she chooses', async ({
  context,
}) => {
  const a = await context.newPage();
  await a.goto(url);
  await expect(a.getByText('应用已可离线使用')).toBeVisible();
  const b = await context.newPage();
  await b.goto(url);
  const form = b.getByRole('form', { name: '新建报告' });
  await form.getByLabel('机关名称').fill('某镇人民政府');
  await form.getByRole('button', { name: '新建报告' }).click();
  await stepButton(b, '五 问题及改进').click();
  const problems = b.getByRole('textbox', { name: /存在的主要问题及改进情况/ });
  await problems.fill('写到一半');
  const mark = (p: typeof a) =>
    p.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  const same = (p: typeof a) =>
    p.evaluate(() => Boolean((window as unknown as { __sameDocument?: boolean }).__sameDocument));
  await mark(a);
  await mark(b);

  writeFileSync(join(dir, 'sw.js'), `${readFileSync(join(dir, 'sw.js'), 'utf8')}\n// 新版本\n`);
  await a.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await a.getByRole('status').filter({ hasText: '有新版本可用' }).getByRole('button', { name: '立即更新' }).click();
  await a.waitForFunction(() => !(window as unknown as { __sameDocument?: boolean }).__sameDocument);

  // Tab B keeps its page and its text, and says what happened.
  const told = b.getByRole('status').filter({ hasText: '新版本已在另一个窗口启用' });
  await expect(told).toBeVisible();
  expect(await same(b)).toBe(true);
  await expect(problems).toHaveValue('写到一半');
  await told.getByRole('button', { name: '刷新本页' }).click();
  await b.waitForFunction(() => !(window as unknown as { __sameDocument?: boolean }).__sameDocument);
  await expect(b.getByRole('textbox', { name: /存在的主要问题及改进情况/ })).toHaveValue('写到一半');
});
