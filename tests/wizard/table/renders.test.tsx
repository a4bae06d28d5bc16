import { act, fireEvent } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportStore } from '../../../src/wizard/store';
import { renderProbe } from '../../../src/wizard/table/renderProbe';
import { cell, openTable } from './render';

afterEach(() => {
  renderProbe.record = null;
});

/**
 * What renders for one keystroke: in the key's own event (its value and totals), then in
 * the task after it, where the store runs the checks the key left to it.
 */
function renders(store: ReportStore, path: string, text: string): { key: string[]; checks: string[] } {
  const key: string[] = [];
  const checks: string[] = [];
  renderProbe.record = (id) => key.push(id);
  act(() => {
    fireEvent.change(cell(path), { target: { value: text } });
  });
  renderProbe.record = (id) => checks.push(id);
  act(() => store.flushChecks());
  renderProbe.record = null;
  return { key: key.sort(), checks: checks.sort() };
}

describe('typing in table 三 stays cheap', () => {
  it('a keystroke re-renders only the touched cell, the totals and badges it changes', () => {
    const { store } = openTable('requests');
    const c = cell('requests.newReceived.natural');

    // The key itself: the cell, its row total, and the two badges that show "filled".
    const first = renders(store, 'requests.newReceived.natural', '7');
    expect(first.key).toEqual(
      ['requests.newReceived.natural', 'requests.newReceived.total', 'balance:natural', 'balance:total'].sort(),
    );
    // Its checks, a task later: E1 now points at the four balance cells of 自然人 (once per
    // column: 总计 is off only because 自然人 is), so each takes its error state once, and the
    // column's badge shows the difference.
    expect(first.checks).toEqual(
      [
        ...['newReceived', 'carriedOver', 'handledTotal', 'carriedForward'].map((r) => `requests.${r}.natural`),
        'balance:natural',
      ].sort(),
    );

    // The next key changes only the difference E1 reports: its message lives once, in the
    // table's hidden finding texts, so the balance cells keep their state and do not render.
    const second = renders(store, 'requests.newReceived.natural', '70');
    expect(second.key).toEqual(
      ['requests.newReceived.natural', 'requests.newReceived.total', 'balance:natural', 'balance:total'].sort(),
    );
    expect(second.checks).toEqual(['balance:natural']);
    expect(c).toHaveValue('70');
    expect(cell('requests.newReceived.total')).toHaveValue('70');
    expect(c).toHaveAccessibleDescription(expect.stringContaining('办理与结转只有 0 件，少 70 件'));
  });

  it('a keystroke in （三）1.属于国家秘密 reaches its row total, （七）总计 and that column’s balance, nothing else', () => {
    const { store } = openTable('requests');
    renders(store, 'requests.withheld.stateSecret.research', '1');
    const { key, checks } = renders(store, 'requests.withheld.stateSecret.research', '12');
    // （七）总计 moves too: it is this cell's total. The column's other balance cells were
    // already off after 「1」: only E1's message changed, not their state.
    expect(key).toEqual(
      [
        'requests.withheld.stateSecret.research',
        'requests.withheld.stateSecret.total',
        'requests.handledTotal.research',
        'requests.handledTotal.total',
        'balance:research',
        'balance:total',
      ].sort(),
    );
    expect(checks).toEqual(['balance:research']);
    expect(cell('requests.newReceived.research')).toHaveAccessibleDescription(
      expect.stringContaining('却有 12 件，多 12 件'),
    );
  });

  it('a burst of keys is checked once, in the task after the last one', async () => {
    const { store } = openTable('requests');
    let checked = 0;
    store.subscribeFindings(() => checked++);
    act(() => {
      for (const text of ['1', '12', '123'])
        fireEvent.change(cell('requests.newReceived.legal'), { target: { value: text } });
    });
    expect(checked).toBe(0);
    expect(store.getValue('requests.newReceived.total')).toBe(123);
    await act(() => new Promise((r) => setTimeout(r, 0)));
    expect(checked).toBe(1);
    expect(store.getCellFindings('requests.newReceived.legal').find((f) => f.rule === 'E1')?.difference).toBe(-123);
  });
});
