// Shared setup: one table of the report, open in a store, as the wizard shows it.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach } from 'vitest';
import userEvent from '@testing-library/user-event';
import { type Report, cellShortLabel, emptyReport } from '../../../src/report';
import { ReportStore } from '../../../src/wizard/store';
import { ReportStoreProvider } from '../../../src/wizard/storeContext';
import { ReportTable, type ReportTableKey } from '../../../src/wizard/table/ReportTable';

// Vitest runs without globals here, so Testing Library cannot register its own cleanup.
afterEach(cleanup);

export function openTable(table: ReportTableKey, report: Report = emptyReport('某镇人民政府', 2024)) {
  const store = new ReportStore(report);
  const user = userEvent.setup();
  const view = render(
    <ReportStoreProvider store={store}>
      <ReportTable table={table} />
    </ReportStoreProvider>,
  );
  return { store, user, ...view };
}

/**
 * The input of a cell, found by its label (row and column, as a screen reader reads it).
 * ByLabelText, not ByRole: computing roles over table 三's 180 inputs is too slow per lookup.
 */
export function cell(path: string): HTMLInputElement {
  const input = screen.getByLabelText(cellShortLabel(path), { selector: 'input' }) as HTMLInputElement;
  if (input.name !== path) throw new Error(`expected ${path}, found ${input.name}`);
  return input;
}
