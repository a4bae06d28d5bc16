// The first open of a report after the page loads (issue 12): the home screen readies the
// wizard's font styles at idle (FIRST_VIEW_FONTS, warmed by prepareOpen, with every character the
// first view draws, FONT_SAMPLE), so the open's first layout waits for no font look-up and shapes
// no character anew. A style or character the first view uses and the lists lack would bring
// that wait back silently: every style and character shown here must be listed.
import { fileURLToPath } from 'node:url';
import { type Page, expect, test } from '@playwright/test';
import { FIRST_VIEW_FONTS, FONT_SAMPLE } from '../../src/wizard/fonts';
import { stepBar } from './helpers/clerk';

const SEED = fileURLToPath(new URL('../fixtures/laodian-2023.json', import.meta.url));

/** Each font (weight, size, family) of visible text and form controls, with an example of where. */
async function fontsShown(page: Page): Promise<{ font: string; family: string; where: string }[]> {
  return page.evaluate(() => {
    const seen = new Map<string, { font: string; family: string; where: string }>();
    const add = (el: Element, text: string) => {
      if (el.closest('[hidden]') || !(el as HTMLElement).offsetParent) return;
      const s = getComputedStyle(el);
      const font = `${s.fontWeight} ${s.fontSize}`;
      const key = `${font}|${s.fontFamily}`;
      if (!seen.has(key))
        seen.set(key, { font, family: s.fontFamily, where: `${el.tagName}.${el.className} «${text}»` });
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim();
      if (text && n.parentElement) add(n.parentElement, text.slice(0, 12));
    }
    for (const el of document.querySelectorAll('input, textarea, select')) add(el, '(control)');
    return [...seen.values()];
  });
}

/** The CJK characters (and full-width punctuation) of visible text. */
async function charsShown(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('[hidden]') || !el.offsetParent) continue;
      for (const c of n.textContent ?? '') if (c > '\u2e80') out.add(c);
    }
    return [...out];
  });
}

// The two laptops of issue 12, and a taller screen (the bench's) without the compact head.
const SCREENS = [
  { width: 1366, height: 657 },
  { width: 1280, height: 609 },
  { width: 1280, height: 900 },
] as const;

for (const screen of SCREENS) {
  test.describe(`${screen.width}×${screen.height}`, () => {
    test.use({ viewport: screen });

    test('every font style of the first view is warmed on the home screen', async ({ page }) => {
      await page.goto('/');
      const family = await page.evaluate(() => getComputedStyle(document.documentElement).fontFamily);
      await page.getByLabel('选择要打开的 JSON 文件').setInputFiles(SEED);
      await page.getByRole('button', { name: /^打开 老店镇/ }).click();
      await expect(page.locator('.step-pane:not([hidden]) form.basics input').first()).toBeVisible();
      const filled = await fontsShown(page);
      const filledChars = await charsShown(page);

      // A new report: progress instead of findings, other words in the same styles.
      await page.getByRole('button', { name: '返回报告列表' }).click();
      const form = page.getByRole('form', { name: '新建报告' });
      await form.getByRole('textbox', { name: '机关名称', exact: true }).fill('老店镇人民政府');
      await form.getByRole('button', { name: '新建报告' }).click();
      await expect(stepBar(page)).toBeVisible();
      await expect(page.locator('.step-pane:not([hidden]) form.basics input').first()).toBeVisible();
      const fresh = await fontsShown(page);
      const freshChars = await charsShown(page);

      const shown = [...filled, ...fresh];
      expect(shown.length).toBeGreaterThan(5);
      expect(shown.filter((f) => f.family !== family)).toEqual([]);
      expect(shown.filter((f) => !FIRST_VIEW_FONTS.includes(f.font))).toEqual([]);
      // Every character is shaped at idle too, in each style (FONT_SAMPLE), except the agency's own name.
      const chars = new Set([...filledChars, ...freshChars]);
      expect(chars.size).toBeGreaterThan(100);
      expect([...chars].filter((c) => !FONT_SAMPLE.includes(c) && !'老店镇人民政府'.includes(c))).toEqual([]);
    });
  });
}
