// The wizard's tables drawn from the shared layout: same rows, spans, scopes and paths as
// the print (tests/export/printHtml.test.ts checks the print against the same layout).
import { describe, expect, it } from 'vitest';
import { TABLE_LAYOUTS } from '../../../src/report/tableLayout';
import { expectTableToFollowLayout } from '../../helpers/layoutMatch';
import { openTable } from './render';

describe('the wizard tables follow the layout description', () => {
  it.each(['proactive', 'requests', 'reviews'] as const)('table %s', (table) => {
    const { container } = openTable(table);
    const el = container.querySelector<HTMLTableElement>('table.rt')!;
    expectTableToFollowLayout(el, TABLE_LAYOUTS[table], {
      pathOf: (td) => td.querySelector('input')?.name,
    });
  });

  it.each([
    ['proactive', false],
    ['requests', true],
    ['reviews', true],
  ] as const)('table %s explains its grey total cells only if it has some: %s', (table, has) => {
    const { container } = openTable(table);
    const totals = container.querySelectorAll('input.rt-cell--derived').length;
    expect(totals > 0).toBe(has);
    expect(container.textContent!.includes('灰色格：自动合计，不需填写')).toBe(has);
  });
});
