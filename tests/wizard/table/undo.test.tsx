// Undo and redo from a table's toolbar and keyboard. The history is the report's, so a
// step made in another table says where it was made.
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { cell, openTable } from './render';

const toolbar = () => screen.getByRole('toolbar');
// The table's own status line (the balance badges of table 三 are status outputs too).
const statusLine = () => document.querySelector('p.rt-status')!;

describe('undo and redo in a table', () => {
  it('redoes what was undone, by button and by Ctrl+Y / Ctrl+Shift+Z, and a new entry ends the redo', async () => {
    const { user, store } = openTable('requests');
    const c = cell('requests.newReceived.natural');
    await user.click(c);
    await user.keyboard('12');
    await user.click(cell('requests.carriedOver.natural'));
    await user.keyboard('3');

    await user.click(within(toolbar()).getByRole('button', { name: /^撤销「输入 二、上年结转/ }));
    expect(cell('requests.carriedOver.natural')).toHaveValue('');
    expect(statusLine()).toHaveTextContent(/^已撤销「输入 二、上年结转/);
    const redo = within(toolbar()).getByRole('button', { name: /^重做「输入 二、上年结转/ });
    await user.click(redo);
    expect(cell('requests.carriedOver.natural')).toHaveValue('3');
    expect(store.getValue('requests.handledTotal.natural')).toBeNull();
    expect(statusLine()).toHaveTextContent(/^已重做「输入 二、上年结转/);
    expect(within(toolbar()).getByRole('button', { name: '重做' })).toBeDisabled();

    // Keyboard: Ctrl+Z twice, then Ctrl+Y and Ctrl+Shift+Z bring both back.
    await user.click(c);
    await user.keyboard('{Control>}z{/Control}{Control>}z{/Control}');
    expect(store.getValue('requests.newReceived.natural')).toBeNull();
    expect(store.getValue('requests.carriedOver.natural')).toBeNull();
    await user.keyboard('{Control>}y{/Control}');
    expect(cell('requests.newReceived.natural')).toHaveValue('12');
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    expect(cell('requests.carriedOver.natural')).toHaveValue('3');

    // Undo, then type: what was undone can no longer be redone.
    await user.keyboard('{Control>}z{/Control}');
    await user.click(cell('requests.disclosed.natural'));
    await user.keyboard('5');
    expect(store.canRedo()).toBe(false);
    expect(within(toolbar()).getByRole('button', { name: '重做' })).toBeDisabled();
  });

  it('names the table a step was made in when it is not this one', async () => {
    const { user, store } = openTable('requests');
    // The clerk filled table 二's blanks, then came to table 三.
    act(() =>
      store.setCells({ 'proactive.rules.issued': 0, 'proactive.rules.repealed': 0 }, 'fillZeros', '本表其余空格填 0'),
    );
    const undo = within(toolbar()).getByRole('button', { name: '撤销「二 主动公开：本表其余空格填 0」' });
    await user.click(undo);
    expect(store.getValue('proactive.rules.issued')).toBeNull();
    expect(statusLine()).toHaveTextContent('已撤销「二 主动公开：本表其余空格填 0」');
    expect(within(toolbar()).getByRole('button', { name: '重做「二 主动公开：本表其余空格填 0」' })).toBeEnabled();
  });

  it('Esc cancels an edit and brings back the value she found, even after a valid start was stored', async () => {
    const { user, store } = openTable('requests');
    const c = cell('requests.disclosed.natural');
    await user.click(c);
    await user.keyboard('40');
    await user.click(cell('requests.carriedOver.natural'));

    // Back to correct it: 「1」 is stored on the way, and the refused 「1.5」 takes it back (issue 14).
    await user.click(c);
    await user.keyboard('1');
    expect(store.getValue('requests.disclosed.natural')).toBe(1);
    await user.keyboard('.5');
    expect(c).toHaveAttribute('aria-invalid', 'true');
    expect(store.getValue('requests.disclosed.natural')).toBe(40);
    await user.keyboard('{Escape}');
    expect(c).toHaveValue('40');
    expect(c).not.toHaveAttribute('aria-invalid');
    expect(store.getValue('requests.disclosed.total')).toBe(40);
    // Nothing of the cancelled edit is left to undo or redo: undo takes back the first entry.
    expect(store.canRedo()).toBe(false);
    await user.keyboard('{Control>}z{/Control}');
    expect(c).toHaveValue('');
  });

  it('a correction made after leaving the cell is its own undo step', async () => {
    const { user } = openTable('requests');
    const c = cell('requests.disclosed.natural');
    await user.click(c);
    await user.keyboard('40');
    await user.keyboard('{Enter}');
    await user.click(c);
    await user.keyboard('7');
    expect(c).toHaveValue('7');
    await user.click(within(toolbar()).getByRole('button', { name: /^撤销「输入/ }));
    expect(c).toHaveValue('40');
    await user.click(within(toolbar()).getByRole('button', { name: /^撤销「输入/ }));
    expect(c).toHaveValue('');
  });
});
