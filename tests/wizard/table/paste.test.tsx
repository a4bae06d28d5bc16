import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { emptyReport } from '../../../src/report';
import { cell, openTable } from './render';

// Three rows of table 三 (一, 二, （一）予以公开) × four applicant columns, as Excel copies them:
// tab-separated, CRLF line ends and a trailing newline. One full-width digit, one
// thousands separator, one cell nobody can read.
const BLOCK = '1\t２\t3\t4\r\n5\t6\tx7\t8\r\n9\t1,000\t11\t12\r\n';

const FILLED: Record<string, number> = {
  'requests.newReceived.natural': 1,
  'requests.newReceived.commercial': 2,
  'requests.newReceived.research': 3,
  'requests.newReceived.nonprofit': 4,
  'requests.carriedOver.natural': 5,
  'requests.carriedOver.commercial': 6,
  'requests.carriedOver.nonprofit': 8,
  'requests.disclosed.natural': 9,
  'requests.disclosed.commercial': 1000,
  'requests.disclosed.research': 11,
  'requests.disclosed.nonprofit': 12,
};

function reportWithOneValue() {
  const r = emptyReport('某镇人民政府', 2024);
  r.cells['requests.carriedOver.research'] = 9;
  return r;
}

async function pasteBlock() {
  const view = openTable('requests', reportWithOneValue());
  await view.user.click(cell('requests.newReceived.natural'));
  await view.user.paste(BLOCK);
  return view;
}

describe('a clerk pastes a block copied from Excel or WPS', () => {
  it('fills the block from the focused cell; the unreadable cell keeps its value and is marked', async () => {
    const { store } = await pasteBlock();
    for (const [path, value] of Object.entries(FILLED)) {
      expect(store.getValue(path), path).toBe(value);
      expect(cell(path)).toHaveValue(String(value));
    }
    const bad = cell('requests.carriedOver.research');
    expect(store.getValue('requests.carriedOver.research')).toBe(9);
    expect(bad).toHaveValue('9');
    expect(bad).toHaveAttribute('aria-invalid', 'true');
    expect(bad).toHaveAccessibleDescription(expect.stringContaining('「x7」不是数字'));
    // Nothing spilled outside the block.
    expect(store.getValue('requests.newReceived.legal')).toBeNull();
    expect(store.getValue('requests.partiallyDisclosed.natural')).toBeNull();
    expect(cell('requests.newReceived.total')).toHaveValue('10');
    expect(screen.getByText(/已粘贴 11 格；1 格无法识别/)).toBeInTheDocument();
  });

  it('takes the whole paste back with one click on 撤销', async () => {
    const { user, store } = await pasteBlock();
    const undo = screen.getByRole('button', { name: '撤销「粘贴」' });
    await user.click(undo);
    for (const path of Object.keys(FILLED)) expect(store.getValue(path), path).toBeNull();
    expect(store.getValue('requests.carriedOver.research')).toBe(9);
    expect(cell('requests.newReceived.natural')).toHaveValue('');
    expect(cell('requests.carriedOver.research')).not.toHaveAttribute('aria-invalid');
    expect(store.canUndo()).toBe(false);
  });

  it('takes the whole paste back with one Ctrl+Z in any cell', async () => {
    const { user, store } = await pasteBlock();
    await user.click(cell('requests.withheld.stateSecret.legal'));
    await user.keyboard('{Control>}z{/Control}');
    for (const path of Object.keys(FILLED)) expect(store.getValue(path), path).toBeNull();
    expect(cell('requests.disclosed.commercial')).toHaveValue('');
    expect(store.getValue('requests.carriedOver.research')).toBe(9);
  });

  it('skips the computed 总计 column when a row copied with its total is pasted', async () => {
    const { user, store } = openTable('requests');
    await user.click(cell('requests.carriedForward.natural'));
    await user.paste('1\t0\t0\t0\t0\t2\t3');
    expect(store.getValue('requests.carriedForward.natural')).toBe(1);
    expect(store.getValue('requests.carriedForward.other')).toBe(2);
    // The pasted 3 landed on the total, which stays the sum of its row.
    expect(cell('requests.carriedForward.total')).toHaveValue('3');
    expect(screen.getByText(/1 格落在自动合计上，已跳过/)).toBeInTheDocument();
  });

  it('treats a single pasted value like typing it', async () => {
    const { user, store } = openTable('requests');
    const c = cell('requests.newReceived.legal');
    await user.click(c);
    await user.paste('１２');
    expect(store.getValue('requests.newReceived.legal')).toBe(12);
    await user.clear(c);
    await user.paste('abc');
    expect(c).toHaveAttribute('aria-invalid', 'true');
    expect(store.getValue('requests.newReceived.legal')).toBeNull();
  });
});

describe('「本表其余空格填 0」', () => {
  it('fills only this table’s blanks with 0 in one step that undo takes back', async () => {
    const { user, store } = openTable('reviews');
    await user.click(cell('reviews.litigationDirect.pending'));
    await user.keyboard('2');
    await user.click(screen.getByRole('button', { name: /^本表其余空格填 0/ }));

    expect(cell('reviews.reconsideration.upheld')).toHaveValue('0');
    expect(cell('reviews.litigationAfterReconsideration.other')).toHaveValue('0');
    expect(cell('reviews.litigationDirect.pending')).toHaveValue('2');
    expect(cell('reviews.litigationDirect.total')).toHaveValue('2');
    expect(cell('reviews.reconsideration.total')).toHaveValue('0');
    expect(store.getValue('requests.newReceived.natural')).toBeNull();
    expect(store.getValue('proactive.rules.issued')).toBeNull();
    expect(screen.getByRole('button', { name: /^本表其余空格填 0/ })).toBeDisabled();

    const toolbar = screen.getByRole('toolbar');
    await user.click(within(toolbar).getByRole('button', { name: '撤销「本表其余空格填 0」' }));
    expect(cell('reviews.reconsideration.upheld')).toHaveValue('');
    expect(store.getValue('reviews.reconsideration.upheld')).toBeNull();
    expect(cell('reviews.litigationDirect.pending')).toHaveValue('2');
    expect(screen.getByRole('button', { name: '本表其余空格填 0（11 格）' })).toBeEnabled();
  });
});
