import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CELLS } from '../../../src/report';
import { cell, openTable } from './render';

describe('a clerk types into the tables', () => {
  it.each(['proactive', 'requests', 'reviews'] as const)(
    'table %s: every cell is named by its JSON path and labelled by its row and column',
    (table) => {
      openTable(table);
      const decls = CELLS.filter((c) => c.table === table);
      const inputs = screen.getAllByRole('textbox') as HTMLInputElement[];
      expect(inputs.map((i) => i.name).sort()).toEqual(decls.map((c) => c.path).sort());
      for (const d of decls) {
        const input = inputs.find((i) => i.name === d.path)!;
        expect(input).toHaveAccessibleName(expect.stringContaining(d.row.label));
        expect(input).toHaveAccessibleName(expect.stringContaining(d.column.label));
        // 「1.属于国家秘密」 alone is ambiguous: the name carries its group 「（三）不予公开」.
        const group = d.row.groups.at(-1);
        if (group && /^\d+\./.test(d.row.label)) expect(input).toHaveAccessibleName(expect.stringContaining(group));
        if (d.derived) expect(input).toHaveAttribute('readonly');
        else expect(input).not.toHaveAttribute('readonly');
        // A fresh table is all blanks (E3), but nothing is flagged as wrong before she starts.
        expect(input).not.toHaveAttribute('aria-invalid');
        if (d.derived) expect(input).toHaveAccessibleDescription('自动合计，不需填写');
        else expect(input).not.toHaveAccessibleDescription();
      }
    },
  );

  it('sees the row total and （七）总计 grow as she types, without losing focus', async () => {
    const { user, store } = openTable('requests');
    const natural = cell('requests.newReceived.natural');
    await user.click(natural);
    await user.keyboard('12');
    expect(natural).toHaveFocus();
    expect(natural).toHaveValue('12');
    expect(cell('requests.newReceived.total')).toHaveValue('12');

    await user.click(cell('requests.newReceived.commercial'));
    await user.keyboard('3');
    expect(cell('requests.newReceived.total')).toHaveValue('15');

    await user.click(cell('requests.withheld.stateSecret.natural'));
    await user.keyboard('4');
    await user.click(cell('requests.disclosed.natural'));
    await user.keyboard('5');
    expect(cell('requests.handledTotal.natural')).toHaveValue('9');
    expect(cell('requests.handledTotal.total')).toHaveValue('9');
    expect(store.getReport().cells['requests.newReceived.natural']).toBe(12);
  });

  it('sees the balance of a column off by the right amount while typing, and green once it balances', async () => {
    const { user } = openTable('requests');
    const badge = screen.getByRole('status', { name: '自然人列勾稽差额' });
    expect(badge).toHaveTextContent('—');

    await user.click(cell('requests.newReceived.natural'));
    await user.keyboard('5');
    await user.click(cell('requests.withheld.stateSecret.natural'));
    await user.keyboard('4');
    // 三(七)+四 = 4, 一+二 = 5
    expect(badge).toHaveTextContent('相差 −1');
    expect(screen.getByRole('status', { name: '总计列勾稽差额' })).toHaveTextContent('相差 −1');
    expect(screen.getByRole('status', { name: '商业企业列勾稽差额' })).toHaveTextContent('—');
    expect(cell('requests.newReceived.natural')).toHaveAccessibleDescription(
      expect.stringContaining('自然人：收到 5 件（新收 5 + 结转 0），办理与结转只有 4 件，少 1 件'),
    );

    await user.click(cell('requests.carriedForward.natural'));
    await user.keyboard('2');
    expect(badge).toHaveTextContent('相差 +1');

    await user.keyboard('{Backspace}1');
    expect(badge).toHaveTextContent('✓ 平衡');
    expect(cell('requests.newReceived.natural')).not.toHaveAccessibleDescription(expect.stringContaining('办理与结转'));
  });

  it('sees a flagged cell’s messages as its tooltip when she points at it', async () => {
    const { user } = openTable('requests');
    await user.click(cell('requests.newReceived.natural'));
    await user.keyboard('5');
    const carriedOver = cell('requests.carriedOver.natural');
    expect(carriedOver).toHaveClass('rt-cell--error');
    expect(carriedOver).not.toHaveAttribute('title');
    await user.hover(carriedOver);
    expect(carriedOver).toHaveAttribute('title', expect.stringContaining('办理与结转只有 0 件，少 5 件'));
    // The tooltip follows while she keeps pointing at it.
    await user.click(cell('requests.newReceived.natural'));
    await user.hover(carriedOver);
    await user.keyboard('{Backspace}7');
    expect(carriedOver).toHaveAttribute('title', expect.stringContaining('办理与结转只有 0 件，少 7 件'));
    await user.unhover(carriedOver);
    expect(carriedOver).not.toHaveAttribute('title');

    const total = cell('requests.handledTotal.natural');
    expect(total).toHaveAttribute('title', '自动合计，不需填写');
    await user.hover(total);
    expect(total).toHaveAttribute('title', expect.stringMatching(/^自动合计\n.*少 7 件/));
  });

  it('is refused text that is not a number, with a message, and the stored value stays', async () => {
    const { user, store } = openTable('requests');
    const c = cell('requests.carriedOver.legal');
    await user.click(c);
    await user.keyboard('1.5');
    expect(c).toHaveAttribute('aria-invalid', 'true');
    expect(c).toHaveAccessibleDescription(expect.stringContaining('不是整数'));
    expect(screen.getByText(/「1\.5」不是整数/, { selector: '.rt-msg' })).toBeVisible();
    // "1" was a valid number on the way; the refused "1.5" leaves the cell as it was before (blank).
    expect(store.getValue('requests.carriedOver.legal')).toBeNull();

    await user.keyboard('{Backspace}{Backspace}{Backspace}abc');
    expect(c).toHaveAccessibleDescription(expect.stringContaining('不是数字'));
    expect(store.getValue('requests.carriedOver.legal')).toBeNull();
    expect(cell('requests.carriedOver.total')).toHaveValue('');

    // Blank stays blank, never 0; a full-width number is read and shown normalised once she leaves.
    await user.clear(c);
    expect(c).not.toHaveAttribute('aria-invalid');
    expect(store.getValue('requests.carriedOver.legal')).toBeNull();
    await user.keyboard('１２');
    expect(store.getValue('requests.carriedOver.legal')).toBe(12);
    await user.tab();
    expect(c).toHaveValue('12');
  });

  it('refuses an amount in 万元 with more than six decimals', async () => {
    const { user, store } = openTable('proactive');
    const fees = cell('proactive.fees.amount');
    await user.click(fees);
    await user.keyboard('1.25');
    expect(store.getValue('proactive.fees.amount')).toBe(1_250_000);
    await user.tab();
    await user.click(fees);
    await user.keyboard('{End}00001');
    expect(fees).toHaveAccessibleDescription(expect.stringContaining('最多 6 位小数'));
    // The value from before this entry stays: 1.25, entered and left earlier.
    expect(store.getValue('proactive.fees.amount')).toBe(1_250_000);
  });

  it('does not validate half-composed IME text, only what the IME commits', () => {
    const { store } = openTable('reviews');
    const c = cell('reviews.reconsideration.upheld');
    fireEvent.focus(c);
    fireEvent.compositionStart(c);
    fireEvent.change(c, { target: { value: 'y' } });
    fireEvent.change(c, { target: { value: 'yi' } });
    expect(c).toHaveValue('yi');
    expect(c).not.toHaveAttribute('aria-invalid');
    expect(screen.queryByText(/不是数字/)).toBeNull();
    expect(store.getValue('reviews.reconsideration.upheld')).toBeNull();

    fireEvent.change(c, { target: { value: '１２' } });
    fireEvent.compositionEnd(c, { data: '１２' });
    expect(store.getValue('reviews.reconsideration.upheld')).toBe(12);
    expect(cell('reviews.reconsideration.total')).toHaveValue('12');

    // After the composition ends, committed text is validated again (on a later visit:
    // a refused entry leaves the value from before the visit).
    fireEvent.blur(c);
    fireEvent.focus(c);
    fireEvent.compositionStart(c);
    fireEvent.change(c, { target: { value: '一' } });
    expect(c).not.toHaveAttribute('aria-invalid');
    fireEvent.compositionEnd(c, { data: '一' });
    expect(c).toHaveAttribute('aria-invalid', 'true');
    expect(store.getValue('reviews.reconsideration.upheld')).toBe(12);
  });
});
