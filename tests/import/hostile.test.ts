// @vitest-environment node
// The hostile corpus (tests/fixtures/hostile, issue 14): files built to freeze, crash or fool
// the readers. Every report file goes through the one reader that 导入 and 从上年报告新建 use,
// and is refused with a Chinese message naming its place, storing nothing, within 1 s of CPU.
// (Timeouts are wall-clock margins for a busy machine; the budgets below are CPU time.)
// Every published page answers within 1 s with what it could read and why it stopped.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { MAX_IMPORT_BYTES, importReportFile, readReportFile } from '../../src/export/jsonFile';
import { FileTooLarge, MAX_PUBLISHED_BYTES, looksLikeHtml, readTextFile } from '../../src/import/readFile';
import { checkReport } from '../../src/report';
import { parsePublishedHtml, parsePublishedReport } from '../../src/report/parse';
import { cpuMs, cpuMsAsync } from '../cpuTime';

interface Case {
  file: string;
  kind: 'json' | 'published';
  path: string;
  message: string;
  note: string;
}

const dir = resolve(__dirname, '../fixtures/hostile');
const cases = JSON.parse(readFileSync(resolve(dir, 'cases.json'), 'utf8')) as Case[];
const bytesOf = (c: Case) => new Uint8Array(readFileSync(resolve(dir, c.file)));
const fileOf = (content: Uint8Array, name: string) => new File([content as BlobPart], name);
/** What a message must never show the clerk: an object's or a function's text, or the engine's English. */
const LEAKS = /\[object Object\]|native code|Maximum call stack|RangeError|SyntaxError|Unexpected token|undefined/;

const json = cases.filter((c) => c.kind === 'json');
const pages = cases.filter((c) => c.kind === 'published');

describe('the hostile corpus', { timeout: 30_000 }, () => {
  it('holds at least 60 files of every kind the issue names', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(cases.map((c) => c.file)).size).toBe(cases.length);
    for (const kind of [
      'utf16',
      'gbk',
      'deep',
      'dup',
      'proto',
      'count',
      'fee',
      'agency',
      'overview',
      'problems-387kb',
      'pub-',
    ])
      expect(
        cases.some((c) => c.file.includes(kind)),
        kind,
      ).toBe(true);
  });
});

describe('report files (导入, 从上年报告新建): refused, named, nothing stored, within 1 s', { timeout: 30_000 }, () => {
  it.each(json.map((c) => [c.file, c] as const))('%s', async (_name, c) => {
    const store = vi.fn();
    const { ms, value: result } = await cpuMsAsync(() => importReportFile(fileOf(bytesOf(c), c.file), store));
    expect(result.ok, c.note).toBe(false);
    if (result.ok) return;
    const hit = result.problems.find((p) => p.path === c.path && p.message.includes(c.message));
    expect(hit, `${c.note}: ${JSON.stringify(result.problems)}`).toBeDefined();
    for (const p of result.problems) {
      expect(p.message).toMatch(/[\u4e00-\u9fff]/);
      expect(p.message).not.toMatch(LEAKS);
    }
    expect(store).not.toHaveBeenCalled();
    expect(ms, `${c.file} took ${ms.toFixed(0)} ms of CPU`).toBeLessThan(1000);
  });

  it('a 50 MB file is refused unread, with its size', async () => {
    const big = new File([new Uint8Array(50 * 1024 * 1024)], 'big.json');
    const read = vi.spyOn(big, 'arrayBuffer');
    const result = await readReportFile(big);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.message).toMatch(/文件太大（约 50\.0 MB）/);
    expect(read).not.toHaveBeenCalled();
    expect(MAX_IMPORT_BYTES).toBe(5 * 1024 * 1024);
  });
});

describe('published pages and texts (从已发布的年报导入): an answer within 1 s', { timeout: 30_000 }, () => {
  it.each(pages.map((c) => [c.file, c] as const))('%s', async (_name, c) => {
    const text = await readTextFile(fileOf(bytesOf(c), c.file));
    // Read, then opened: the checks run over what was read, as the preview does.
    const { ms, value: outcome } = cpuMs(() => {
      const o = looksLikeHtml(c.file, text) ? parsePublishedHtml(text) : parsePublishedReport(text);
      checkReport(o.report);
      return o;
    });
    if (c.message) expect(outcome.problems.map((p) => p.message).join('\n'), c.note).toContain(c.message);
    for (const p of outcome.problems) expect(p.message).not.toMatch(LEAKS);
    expect(ms, `${c.file} took ${ms.toFixed(0)} ms of CPU`).toBeLessThan(1000);
  });

  it('the seed with 五 as one 387 KB sentence is read whole, 五 included', async () => {
    const c = pages.find((p) => p.file === 'pub-long-sentence.txt')!;
    const o = parsePublishedReport(await readTextFile(fileOf(bytesOf(c), c.file)));
    expect(o.report.agency).toBe('老店镇');
    expect(o.report.problems.length).toBeGreaterThan(140_000);
  });

  it('a page over 5 MB is refused unread, in Chinese', async () => {
    const big = new File([new Uint8Array(MAX_PUBLISHED_BYTES + 1)], 'page.html');
    const read = vi.spyOn(big, 'arrayBuffer');
    await expect(readTextFile(big)).rejects.toThrow(FileTooLarge);
    await expect(readTextFile(big)).rejects.toThrow(/文件太大/);
    expect(read).not.toHaveBeenCalled();
  });
});
