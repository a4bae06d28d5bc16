import { afterEach, describe, expect, it } from 'vitest';
import { renderProbe } from '../../../src/wizard/table/renderProbe';
import { cell, openTable } from './render';

afterEach(() => {
  renderProbe.record = null;
});

describe('typing in table 三 stays cheap', () => {
  it('a keystroke re-renders only the touched cell, the totals and badges it changes', async () => {
    const { user } = openTable('requests');
    const c = cell('requests.newReceived.natural');
    await user.click(c);

    const rendered: string[] = [];
    renderProbe.record = (id) => rendered.push(id);
    await user.keyboard('7');

    // The cell, its row total, the column's E1 badge and (since E1 now points at them)
    // the column's four balance cells, each once; not the table, not the other ~170 inputs.
    const expected = [
      ...['newReceived', 'carriedOver', 'handledTotal', 'carriedForward'].flatMap((r) => [
        `requests.${r}.natural`,
        `requests.${r}.total`,
      ]),
      'balance:natural',
      'balance:total',
    ].sort();
    expect([...rendered].sort()).toEqual(expected);

    // The next keystroke changes only the difference E1 reports: its message lives once, in
    // the table's hidden finding texts, so the balance cells keep their state and do not render.
    rendered.length = 0;
    await user.keyboard('0');
    expect([...rendered].sort()).toEqual(
      ['requests.newReceived.natural', 'requests.newReceived.total', 'balance:natural', 'balance:total'].sort(),
    );
    expect(c).toHaveAccessibleDescription(expect.stringContaining('相差 70'));
    expect(c).toHaveValue('70');
    expect(cell('requests.newReceived.total')).toHaveValue('70');
  });

  it('a keystroke in （三）1.属于国家秘密 reaches its row total, （七）总计 and that column’s balance, nothing else', async () => {
    const { user } = openTable('requests');
    await user.click(cell('requests.withheld.stateSecret.research'));
    await user.keyboard('1');
    const rendered: string[] = [];
    renderProbe.record = (id) => rendered.push(id);
    await user.keyboard('2');
    // （七）总计 moves too: it is this cell's total. The column's other balance cells were
    // already off after 「1」: only E1's message changed, not their state.
    expect([...rendered].sort()).toEqual(
      [
        'requests.withheld.stateSecret.research',
        'requests.withheld.stateSecret.total',
        'requests.handledTotal.research',
        'requests.handledTotal.total',
        'balance:research',
        'balance:total',
      ].sort(),
    );
    expect(cell('requests.newReceived.research')).toHaveAccessibleDescription(expect.stringContaining('相差 12'));
  });
});
