// Issue 14: the text limits (src/report/limits.ts) applied on import only. Typed or pasted, an
// edit that would pass a field's limit is cut with a message naming the field and the limit;
// what was written before is kept, and the count shows near the limit.
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { emptyReport } from '../../src/report';
import { MAX_HEADING, MAX_TEXT } from '../../src/report/limits';
import { openWizard } from './openWizard';

const filler = (n: number) => '本年度未收到申请。'.repeat(Math.ceil(n / 9)).slice(0, n);

describe('text limits while typing and pasting', { timeout: 30_000 }, () => {
  it('五: a paste in the middle is cut to the limit, the text after the caret stays, the count shows', async () => {
    const r = emptyReport('某镇人民政府', 2024);
    r.problems = `开头。${filler(MAX_TEXT - 10)}结尾。`;
    expect(r.problems.length).toBe(MAX_TEXT - 4);
    const { store, user } = openWizard(r, '#step=problems');
    const text = screen.getByRole('textbox', { name: '存在的主要问题及改进情况' }) as HTMLTextAreaElement;
    expect(screen.getByText(/已写 49996 个字，上限 50000 个/)).toBeInTheDocument();
    await user.click(text);
    text.setSelectionRange(3, 3);
    await user.paste('粘贴的一段很长的文字');
    expect(text.value.length).toBe(MAX_TEXT);
    expect(text.value.startsWith('开头。粘贴的一本年度')).toBe(true);
    expect(text.value.endsWith('结尾。')).toBe(true);
    expect(store.getReport().problems).toBe(text.value);
    expect(screen.getByRole('alert')).toHaveTextContent(
      '「存在的主要问题及改进情况」最多 50000 个字（含空格和换行），超出的 6 个字没有加入；已写的内容没有改动。',
    );
    // In a long text the count follows at most every 300 ms (counting 50,000 characters per key was work the key waited for).
    expect(
      await screen.findByText(/已写 50000 个字，上限 50000 个（含空格和换行），已满/, undefined, { timeout: 10_000 }),
    ).toBeInTheDocument();

    // A key typed at the limit is not added; deleting makes room again and the message goes.
    await user.keyboard('再');
    expect(store.getReport().problems.length).toBe(MAX_TEXT);
    expect(screen.getByRole('alert')).toHaveTextContent('超出的 1 个字没有加入');
    await user.keyboard('{Backspace}{Backspace}');
    expect(store.getReport().problems.length).toBe(MAX_TEXT - 2);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('五: keys typed into a long text never copy the text into the textarea’s text node (React re-sets it on every change event)', async () => {
    const r = emptyReport('某镇人民政府', 2024);
    r.problems = filler(MAX_TEXT - 400);
    const { store, user } = openWizard(r, '#step=problems');
    const text = screen.getByRole('textbox', { name: '存在的主要问题及改进情况' }) as HTMLTextAreaElement;
    const seen: MutationRecord[] = [];
    const watch = new MutationObserver((m) => seen.push(...m));
    watch.observe(text, { childList: true, characterData: true, subtree: true, attributes: true });
    await user.click(text);
    text.setSelectionRange(text.value.length, text.value.length);
    await user.keyboard('一二三');
    expect(store.getReport().problems.endsWith('一二三')).toBe(true);
    // The count catches up (at most every 300 ms in a long text); the textarea was not touched.
    expect(await screen.findByText(/已写 49603 个字/, undefined, { timeout: 10_000 })).toBeInTheDocument();
    watch.disconnect();
    // React re-assigns defaultValue after each change event (an empty text node); the text itself never goes into the DOM.
    const copied = seen.flatMap((m) => [...m.addedNodes]).filter((n) => (n.textContent ?? '').length > 0);
    expect(copied).toEqual([]);
    expect(text.textContent).toBe('');
    expect(text.value).toBe(store.getReport().problems);
  });

  it('一: a heading typed past 100 characters and a body pasted past the limit are cut, named by part', async () => {
    const r = emptyReport('某镇人民政府', 2024);
    r.overview[1]!.body = filler(MAX_TEXT - 3);
    const { store, user } = openWizard(r, '#step=overview');
    const heading = screen.getByRole('textbox', { name: '第 1 部分标题' }) as HTMLInputElement;
    await user.clear(heading);
    await user.paste('标'.repeat(MAX_HEADING - 1));
    await user.keyboard('题甲乙');
    expect(heading.value).toBe(`${'标'.repeat(MAX_HEADING - 1)}题`);
    expect(store.getReport().overview[0]!.heading).toBe(heading.value);
    expect(screen.getByRole('alert')).toHaveTextContent('“一、总体情况”第 1 部分标题最多 100 个字');

    const body = screen.getByRole('textbox', { name: '第 2 部分正文' }) as HTMLTextAreaElement;
    await user.click(body);
    body.setSelectionRange(body.value.length, body.value.length);
    await user.paste('一二三四五');
    expect(store.getReport().overview[1]!.body).toBe(`${filler(MAX_TEXT - 3)}一二三`);
    expect(screen.getByRole('alert')).toHaveTextContent(
      '“一、总体情况”第 2 部分正文最多 50000 个字（含空格和换行），超出的 2 个字没有加入',
    );
  });
});
