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

    // The next keystroke changes the difference E1 reports, so the same cells, once each.
    rendered.length = 0;
    await user.keyboard('0');
    expect([...rendered].sort()).toEqual(expected);
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
    // （七）总计 and its E1 column move too: they are this cell's totals.
    expect([...rendered].sort()).toEqual(
      [
        'requests.withheld.stateSecret.research',
        'requests.withheld.stateSecret.total',
        'requests.handledTotal.research',
        'requests.handledTotal.total',
        'requests.newReceived.research',
        'requests.carriedOver.research',
        'requests.carriedForward.research',
        'requests.newReceived.total',
        'requests.carriedOver.total',
        'requests.carriedForward.total',
        'balance:research',
        'balance:total',
      ].sort(),
    );
  });
});
