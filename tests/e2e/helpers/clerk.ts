// What a clerk does again and again in the browser tests: open a new report, move between
// steps, paste a block copied from a spreadsheet or a web page. Also the seed report
// (the published 老店镇 2023 text and its final JSON) read once for every spec.
import { readFileSync } from 'node:fs';
import { type Locator, type Page, expect } from '@playwright/test';

export interface SeedJson {
  agency: string;
  year: number;
  overview: { heading: string; body: string }[];
  problems: string;
  otherMatters: string;
  [key: string]: unknown;
}

export const seedJson = (): SeedJson =>
  JSON.parse(readFileSync(new URL('../../fixtures/laodian-2023.json', import.meta.url), 'utf8')) as SeedJson;

/** The published page as the clerk copied it (tables as tab-separated lines). */
export const seedText = (): string =>
  readFileSync(new URL('../../fixtures/published/seed-laodian-2023.txt', import.meta.url), 'utf8');

/** The lines of the published text between two section headings. */
function sectionLines(text: string, from: string, to: string): string[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === from);
  const end = lines.findIndex((l, i) => i > start && l.trim() === to);
  if (start < 0 || end < 0) throw new Error(`section ${from} not found in the seed text`);
  return lines.slice(start + 1, end);
}

const numbers = (line: string): string[] => line.split('\t').filter((f) => /^\d+(\.\d+)?$/.test(f.trim()));

/**
 * The figures of a table as the clerk selects them on the published page: the rows with
 * figures, only their figure columns, tab-separated (what Excel or WPS puts on the clipboard).
 */
export function seedTableBlock(table: 'proactive' | 'requests' | 'reviews'): string {
  const text = seedText();
  const bounds: Record<typeof table, [string, string]> = {
    proactive: ['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况'],
    requests: ['三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况'],
    reviews: ['四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况'],
  };
  const [from, to] = bounds[table];
  const rows = sectionLines(text, from, to)
    .map(numbers)
    .filter((n) => n.length > 0)
    .map((n) => `${n.join('\t')}\r\n`);
  return rows.join('');
}

/** Console errors and uncaught exceptions of a page: a test ends by expecting none. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

export const stepBar = (page: Page) => page.getByRole('navigation', { name: '填报步骤' });
export const stepButton = (page: Page, label: string) =>
  stepBar(page).getByRole('button', { name: new RegExp(`^${label}：`) });
export const nextButton = (page: Page) =>
  page.getByRole('navigation', { name: '上一步和下一步' }).getByRole('button', { name: /^下一步/ });
/** The open step's content: steps drawn before stay in the page, hidden (and their text with them). */
export const shownStep = (page: Page) => page.getByRole('main').locator('.step-pane:not([hidden])');
export const stepHeading = (page: Page) => page.getByRole('main').getByRole('heading', { level: 2 }).first();

/** From the list of reports, a new blank report (an agency is required to create one; the
 *  wizard's tests type the real one there); the year is typed in the wizard. */
export async function newBlankReport(page: Page): Promise<void> {
  await page.goto('/');
  const form = page.getByRole('form', { name: '新建报告' });
  await form.getByRole('textbox', { name: '机关名称', exact: true }).fill('某镇人民政府');
  await form.getByRole('textbox', { name: '年度', exact: true }).fill('');
  await form.getByRole('button', { name: '新建报告' }).click();
  await expect(stepBar(page)).toBeVisible();
}

/**
 * Pastes text into a field as the browser does on Ctrl+V, without the system clipboard (the
 * tests run in parallel and share it): a `paste` event carrying the text; when no handler
 * takes it over, the text is inserted at the caret, replacing the selection.
 */
export async function pasteInto(field: Locator, text: string): Promise<void> {
  await field.focus();
  const handled = await field.evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    const e = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    return !el.dispatchEvent(e);
  }, text);
  if (!handled) await field.page().keyboard.insertText(text);
}
