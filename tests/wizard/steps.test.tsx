import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyReport } from '../../src/report';
import { Wizard } from '../../src/wizard/Wizard';
import { ReportStore } from '../../src/wizard/store';
import { renderProbe } from '../../src/wizard/table/renderProbe';
import { checkPanel, openWizard, stepBar, stepButton, stepTitle } from './openWizard';

beforeEach(() => window.history.replaceState(null, '', '/'));

describe('the step bar', () => {
  it('shows each step as not started, then with its errors, then complete, as the clerk fills in', async () => {
    const { user } = openWizard();
    // The step bar is a summary: it follows a change in a transition (a typed cell's checks
    // run a task after the key), so it is waited for.
    expect(stepButton('基本信息')).toHaveTextContent('未开始');
    expect(stepButton('二 主动公开')).toHaveTextContent('未开始');

    await user.type(screen.getByRole('textbox', { name: '机关名称' }), '老店镇人民政府');
    // Still on the step: a blank is progress, not an error.
    await waitFor(() => expect(stepButton('基本信息')).toHaveTextContent('还有 1 项未填'));
    expect(stepButton('基本信息')).not.toHaveTextContent('错误');
    await user.type(screen.getByRole('textbox', { name: '报告年度' }), '2023');
    await waitFor(() => expect(stepButton('基本信息')).toHaveTextContent('已完成'));

    await user.click(stepButton('二 主动公开'));
    await user.type(screen.getByRole('textbox', { name: '规章 本年制发件数' }), '0');
    // One cell typed, the rest still blank: counted in cells while she is on the table.
    await waitFor(() => expect(stepButton('二 主动公开')).toHaveTextContent('还有 9 格未填'));
    // The whole status on hover too: the bar cuts long ones with … on a laptop.
    expect(stepButton('二 主动公开')).toHaveAttribute('title', '二 主动公开：还有 9 格未填');
    await user.click(screen.getByRole('button', { name: /^本表其余空格填 0/ }));
    await waitFor(() => expect(stepButton('二 主动公开')).toHaveTextContent('已完成'));
  });

  it('counts a section’s warnings, and stops counting one once it is explained', () => {
    const r = emptyReport('老店镇', 2023);
    r.otherMatters = '无';
    const { store } = openWizard(r);
    expect(stepButton('六 其他事项')).toHaveTextContent('1 个警告');
    act(() =>
      store.update((x) => ({
        ...x,
        explanations: [{ rule: 'W5', cells: ['otherMatters'], reason: '本年未收取，另行说明' }],
      })),
    );
    expect(stepButton('六 其他事项')).toHaveTextContent('已完成');
  });

  it('shows a new report without a single error, and blanks as errors once the clerk has left a step', async () => {
    const { user } = openWizard();
    for (const s of ['基本信息', '一 总体情况', '二 主动公开', '三 依申请公开', '五 问题及改进', '检查']) {
      expect(stepButton(s)).toHaveTextContent('未开始');
    }
    expect(stepButton('导出')).toHaveTextContent('填完后可定稿');
    expect(stepBar()).not.toHaveTextContent('错误');
    expect(document.querySelector('.is-errors')).toBeNull();

    await user.click(stepButton('一 总体情况'));
    // 基本信息 was left blank: now it is an error; 一, where she is, is not.
    await waitFor(() => expect(stepButton('基本信息')).toHaveTextContent('2 个错误'));
    expect(stepButton('一 总体情况')).toHaveTextContent('未开始');
  });

  it('shows a new untouched report without a warning: 六’s starting text is progress until she leaves it', async () => {
    const { user } = openWizard(emptyReport('老店镇', 2023));
    // 六 starts with its usual item headings, which cannot state the 信息处理费 yet (W5).
    expect(stepBar()).not.toHaveTextContent('警告');
    expect(within(checkPanel()).getByText('警告 0')).toBeInTheDocument();
    expect(within(checkPanel()).queryByRole('region', { name: '警告' })).toBeNull();
    expect(stepButton('六 其他事项')).toHaveTextContent('未开始');
    await user.click(stepButton('六 其他事项'));
    expect(within(screen.getByRole('main')).queryByText(/信息处理费：按/)).toBeNull();
    expect(stepButton('六 其他事项')).not.toHaveTextContent('警告');
    // Left untouched, 六 owes the fee statement: now it is a warning, at the step and in the panel.
    await user.click(stepButton('检查'));
    await waitFor(() => expect(stepButton('六 其他事项')).toHaveTextContent('1 个警告'));
    expect(within(screen.getByRole('main')).getByRole('region', { name: '警告' })).toHaveTextContent(
      '没有说明本年是否收取信息处理费',
    );
  });

  it('totals every error and warning on the 检查 step', async () => {
    const r = emptyReport('老店镇', 2023);
    r.otherMatters = '无';
    const { user } = openWizard(r);
    expect(stepButton('检查')).toHaveTextContent('1 个警告，还有 168 处未填');
    expect(stepButton('导出')).toHaveTextContent('填完后可定稿');
    await user.click(stepButton('检查'));
    // At 检查 every blank counts: E3 for 一 (empty), 二, 三, 四 (blank cells) and 五 (empty); W5 for 六.
    await waitFor(() => expect(stepButton('检查')).toHaveTextContent('5 个错误，1 个警告'));
    expect(stepButton('导出')).toHaveTextContent('须先改正错误');
  });
});

describe('moving between steps', () => {
  it('opens any step from the step bar and keeps it in the address', async () => {
    const { user } = openWizard();
    expect(stepTitle()).toHaveTextContent('基本信息');
    await user.click(stepButton('三 依申请公开'));
    expect(stepTitle()).toHaveTextContent('三、收到和处理政府信息公开申请情况');
    expect(stepButton('三 依申请公开')).toHaveAttribute('aria-current', 'step');
    expect(stepButton('基本信息')).not.toHaveAttribute('aria-current');
    expect(window.location.hash).toBe('#step=requests');
    expect(screen.getByRole('table', { name: '三、收到和处理政府信息公开申请情况' })).toBeInTheDocument();
  });

  it('goes forward and back with the buttons at the bottom', async () => {
    const { user } = openWizard();
    const pager = screen.getByRole('navigation', { name: '上一步和下一步' });
    expect(within(pager).queryByRole('button', { name: /上一步/ })).toBeNull();
    await user.click(within(pager).getByRole('button', { name: '下一步：一 总体情况 →' }));
    expect(stepTitle()).toHaveTextContent('一、总体情况');
    await user.click(within(pager).getByRole('button', { name: '下一步：二 主动公开 →' }));
    expect(stepTitle()).toHaveTextContent('二、主动公开政府信息情况');
    await user.click(within(pager).getByRole('button', { name: '← 上一步：一 总体情况' }));
    expect(stepTitle()).toHaveTextContent('一、总体情况');
    expect(window.location.hash).toBe('#step=overview');
  });

  it('returns to the step in the address after a reload', () => {
    openWizard(emptyReport(), '#step=problems');
    expect(stepTitle()).toHaveTextContent('五、存在的主要问题及改进情况');
    expect(screen.getByRole('textbox', { name: '存在的主要问题及改进情况' })).toHaveAttribute('name', 'problems');
  });

  it('shows the export module’s step when given, and a note saying where export comes from otherwise', async () => {
    const { user } = openWizard();
    await user.click(stepButton('导出'));
    expect(stepTitle()).toHaveTextContent('导出');
    expect(screen.getByText(/由导出模块提供/)).toBeInTheDocument();
  });
});

describe('the report title', () => {
  it('follows the agency and the year as they are typed', async () => {
    const { user } = openWizard();
    const h1 = screen.getByRole('heading', { level: 1 });
    expect(h1).toHaveTextContent('政府信息公开工作年度报告');
    await user.type(screen.getByRole('textbox', { name: '机关名称' }), '老店镇人民政府');
    await user.type(screen.getByRole('textbox', { name: '报告年度' }), '２０２３');
    expect(h1).toHaveTextContent('老店镇人民政府2023年政府信息公开工作年度报告');
    // Still visible on every other step.
    await user.click(stepButton('四 复议诉讼'));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('老店镇人民政府2023年政府信息公开工作年度报告');
  });
});

describe('typing in a table', () => {
  it('re-renders neither the wizard nor the open step, only what depends on the cell', async () => {
    const { user } = openWizard(emptyReport('老店镇', 2023), '#step=requests');
    const rendered: string[] = [];
    renderProbe.record = (id) => rendered.push(id);
    try {
      await user.type(screen.getByRole('textbox', { name: '一、本年新收政府信息公开申请数量 自然人' }), '3');
    } finally {
      renderProbe.record = null;
    }
    expect(rendered).toContain('requests.newReceived.natural');
    expect(rendered).not.toContain('Wizard');
    expect(rendered).not.toContain('StepContent');
  });
});

describe('a report replaced from outside', () => {
  it('shows the new report’s values when the wizard is given a new store', () => {
    const { rerender } = openWizard(emptyReport('甲镇', 2023));
    expect(screen.getByRole('textbox', { name: '机关名称' })).toHaveValue('甲镇');
    rerender(<Wizard store={new ReportStore(emptyReport('乙镇', 2024))} />);
    expect(screen.getByRole('textbox', { name: '机关名称' })).toHaveValue('乙镇');
    expect(screen.getByRole('textbox', { name: '报告年度' })).toHaveValue('2024');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('乙镇2024年');
  });
});

describe('what the app around the wizard passes in', () => {
  it('read-only: shows everything, changes nothing, offers no explanation form', () => {
    const r = emptyReport('老店镇', 2023);
    r.otherMatters = '无';
    window.history.replaceState(null, '', '/');
    render(<Wizard store={new ReportStore(r)} readOnly />);
    expect(screen.getByText('本报告为只读，不能修改。')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: '机关名称' })).toBeDisabled();
    expect(screen.queryByRole('button', { name: '保留并说明' })).toBeNull();
    // Moving between steps still works.
    expect(stepButton('六 其他事项')).toBeEnabled();
  });

  it('shows the storage banner, the export step and a way back to the list', async () => {
    const user = userEvent.setup();
    const exit = vi.fn();
    window.history.replaceState(null, '', '/');
    render(
      <Wizard
        store={new ReportStore(emptyReport())}
        banner={<p>已保存 16:48</p>}
        exportStep={<button type="button">下载 JSON</button>}
        onExit={exit}
      />,
    );
    expect(screen.getByText('已保存 16:48')).toBeInTheDocument();
    await user.click(stepButton('导出'));
    expect(screen.getByRole('button', { name: '下载 JSON' })).toBeInTheDocument();
    expect(screen.queryByText(/由导出模块提供/)).toBeNull();
    await user.click(screen.getByRole('button', { name: '返回报告列表' }));
    expect(exit).toHaveBeenCalledOnce();
  });
});

describe('a step visited before', () => {
  const requestsTable = () => screen.getByRole('table', { name: '三、收到和处理政府信息公开申请情况' });
  const newReceived = '一、本年新收政府信息公开申请数量 自然人';

  it('is kept, hidden and inert, and shown again as the same elements (no rebuild of table 三)', async () => {
    const { user } = openWizard(emptyReport('老店镇', 2023), '#step=requests');
    const table = requestsTable();
    await user.click(stepButton('一 总体情况'));
    // Still in the page, but out of the accessibility tree and the tab order.
    expect(table).toBeInTheDocument();
    expect(table.closest('.step-pane')).toHaveAttribute('hidden');
    expect(table.closest('.step-pane')).toHaveAttribute('inert');
    expect(screen.queryByRole('table', { name: '三、收到和处理政府信息公开申请情况' })).toBeNull();
    expect(screen.queryByRole('textbox', { name: newReceived })).toBeNull();
    expect(stepTitle()).toHaveTextContent('一、总体情况');

    await user.click(stepButton('三 依申请公开'));
    expect(requestsTable()).toBe(table);
    expect(table.closest('.step-pane')).not.toHaveAttribute('hidden');
    expect(table.closest('.step-pane')).not.toHaveAttribute('inert');
    // One shown step at a time: its fields are found once.
    expect(screen.getAllByRole('group', { name: /、/ })).toHaveLength(1);
  });

  it('follows the report while hidden: an undo made on another table reaches it', async () => {
    const { user, store } = openWizard(emptyReport('老店镇', 2023), '#step=requests');
    await user.type(screen.getByRole('textbox', { name: newReceived }), '7');
    expect(store.getValue('requests.newReceived.natural')).toBe(7);
    await user.click(stepButton('二 主动公开'));
    // The history is the report's: 二's 撤销 takes back the figure typed in 三.
    await user.click(screen.getByRole('button', { name: /^撤销/ }));
    expect(store.getValue('requests.newReceived.natural')).toBeNull();
    await user.click(stepButton('三 依申请公开'));
    expect(screen.getByRole('textbox', { name: newReceived })).toHaveValue('');
  });

  it('starts again from a new store (a revision restored, another tab’s version)', async () => {
    const { user, rerender } = openWizard(emptyReport('甲镇', 2023), '#step=requests');
    const table = requestsTable();
    await user.click(stepButton('基本信息'));
    const next = new ReportStore(emptyReport('乙镇', 2024));
    next.setCells({ 'requests.newReceived.natural': 4 }, 'edit', 'test');
    rerender(<Wizard store={next} />);
    expect(table).not.toBeInTheDocument();
    await user.click(stepButton('三 依申请公开'));
    expect(requestsTable()).not.toBe(table);
    expect(screen.getByRole('textbox', { name: newReceived })).toHaveValue('4');
  });

  it('draws the step after the one shown first (下一步), then the others in the order asked', async () => {
    vi.useFakeTimers();
    try {
      render(<Wizard store={new ReportStore(emptyReport('老店镇', 2023))} prerender={['requests', 'overview']} />);
      const drawn = () => [...document.querySelectorAll('.step-pane[hidden]')].map((p) => p.getAttribute('data-step'));
      expect(drawn()).toEqual([]);
      // Timer by timer, until the first step is drawn.
      for (let k = 0; k < 100 && !drawn().length; k++) {
        await act(async () => {
          vi.advanceTimersToNextTimer();
        });
      }
      expect(drawn()).toEqual(['overview']);
      await act(async () => {
        vi.advanceTimersByTime(5_000);
      });
      expect(drawn().sort()).toEqual(['overview', 'requests']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('is drawn ahead, hidden, when the wizard is asked to prerender it', async () => {
    // Frames run when the test says, so the warming frames are seen whatever the machine's pace.
    const frames: FrameRequestCallback[] = [];
    const raf = vi.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => frames.push(cb));
    render(<Wizard store={new ReportStore(emptyReport('老店镇', 2023))} prerender={['requests']} />);
    expect(stepTitle()).toHaveTextContent('基本信息');
    await waitFor(() => expect(document.querySelector('.rt--requests')).not.toBeNull(), { timeout: 20_000 });
    const pane = document.querySelector('.rt--requests')!.closest('.step-pane')!;
    expect(pane).toHaveAttribute('hidden');
    expect(screen.queryByRole('table', { name: '三、收到和处理政府信息公开申请情况' })).toBeNull();
    // Laid out once out of sight (data-warming lifts content-visibility for its first frames),
    // then skipped like any hidden step; the step shown never warms.
    expect(pane).toHaveAttribute('data-warming');
    act(() => {
      for (const f of frames.splice(0)) f(performance.now());
    });
    expect(pane).toHaveAttribute('data-warming');
    act(() => {
      for (const f of frames.splice(0)) f(performance.now());
    });
    expect(pane).not.toHaveAttribute('data-warming');
    expect(pane).toHaveAttribute('hidden');
    expect(document.querySelector('.step-pane:not([hidden])')).not.toHaveAttribute('data-warming');
    raf.mockRestore();
  });
});
