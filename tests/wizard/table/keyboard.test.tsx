import { describe, expect, it } from 'vitest';
import { cell, openTable } from './render';

describe('a clerk moves through table cells like in a spreadsheet', () => {
  it('goes down with ↓ and Enter, up with ↑ and Shift+Enter, and across with ← →', async () => {
    const { user } = openTable('requests');
    await user.click(cell('requests.newReceived.natural'));
    await user.keyboard('{ArrowDown}');
    expect(cell('requests.carriedOver.natural')).toHaveFocus();
    await user.keyboard('3{Enter}');
    expect(cell('requests.disclosed.natural')).toHaveFocus();
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    expect(cell('requests.carriedOver.natural')).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(cell('requests.newReceived.natural')).toHaveFocus();

    // Arriving selects the cell's text, so → moves on at once (as in Excel).
    await user.keyboard('{ArrowDown}{ArrowRight}');
    expect(cell('requests.carriedOver.commercial')).toHaveFocus();
    await user.keyboard('{ArrowLeft}');
    expect(cell('requests.carriedOver.natural')).toHaveFocus();
  });

  it('keeps ← → inside the text while the caret is not at its edge', async () => {
    const { user } = openTable('requests');
    const c = cell('requests.newReceived.research');
    await user.click(c);
    await user.keyboard('123');
    c.setSelectionRange(1, 1);
    await user.keyboard('{ArrowLeft}');
    expect(c).toHaveFocus();
    await user.keyboard('{ArrowLeft}');
    expect(cell('requests.newReceived.commercial')).toHaveFocus();
  });

  it('steps over computed totals and stops at the table edge', async () => {
    const { user } = openTable('requests');
    await user.click(cell('requests.otherHandling.other.legal'));
    await user.keyboard('{ArrowDown}');
    expect(cell('requests.carriedForward.legal')).toHaveFocus();
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    expect(cell('requests.otherHandling.other.legal')).toHaveFocus();

    await user.click(cell('requests.carriedForward.other'));
    await user.keyboard('{ArrowRight}');
    expect(cell('requests.carriedForward.other')).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(cell('requests.carriedForward.other')).toHaveFocus();
  });

  it('crosses table 二’s blocks, whose one-column cells span the full width', async () => {
    const { user } = openTable('proactive');
    await user.click(cell('proactive.normativeDocuments.inForce'));
    await user.keyboard('{ArrowDown}');
    expect(cell('proactive.licensing.decisions')).toHaveFocus();
    await user.keyboard('{Enter}{Enter}{Enter}');
    expect(cell('proactive.fees.amount')).toHaveFocus();
    await user.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}{ArrowUp}');
    expect(cell('proactive.normativeDocuments.issued')).toHaveFocus();
  });

  it('tabs row by row over the input cells, skipping totals', async () => {
    const { user } = openTable('reviews');
    await user.click(cell('reviews.reconsideration.pending'));
    await user.tab();
    expect(cell('reviews.litigationDirect.upheld')).toHaveFocus();

    const rq = openTable('requests');
    await rq.user.click(cell('requests.newReceived.other'));
    await rq.user.tab();
    expect(cell('requests.carriedOver.natural')).toHaveFocus();
  });
});
