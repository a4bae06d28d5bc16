// Shared setup: the wizard open on a report held in memory, as the clerk sees it.
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach } from 'vitest';
import { type Report, emptyReport } from '../../src/report';
import { Wizard } from '../../src/wizard/Wizard';
import { ReportStore } from '../../src/wizard/store';

// vitest runs without globals, so Testing Library cannot unmount on its own.
afterEach(cleanup);

export function openWizard(report: Report = emptyReport(), hash = '') {
  window.history.replaceState(null, '', `/${hash}`);
  const store = new ReportStore(report);
  const user = userEvent.setup();
  const view = render(<Wizard store={store} />);
  return { store, user, ...view };
}

export const stepBar = () => screen.getByRole('navigation', { name: '填报步骤' });

/** A step's button in the step bar, e.g. stepButton('三 依申请公开'). */
export const stepButton = (label: string) => within(stepBar()).getByRole('button', { name: new RegExp(`^${label}：`) });

export const checkPanel = () => screen.getByRole('complementary', { name: /检查结果/ });

/** The open step's heading, e.g. 三、收到和处理政府信息公开申请情况. */
export const stepTitle = () => within(screen.getByRole('main')).getByRole('heading', { level: 2 });
