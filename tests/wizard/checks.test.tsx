import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { emptyReport } from '../../src/report';
import { checkPanel, openWizard, stepButton, stepTitle } from './openWizard';

describe('the check panel', () => {
  it('opens the step of a balance error and focuses the column’s first blank', async () => {
    const { store, user } = openWizard(emptyReport('老店镇', 2023));
    act(() => store.setCells({ 'requests.newReceived.natural': 2 }));
    const e1 = within(checkPanel()).getByRole('button', {
      name: '自然人：收到 2 件（新收 2 + 结转 0），办理与结转只有 0 件，少 2 件',
    });
    await user.click(e1);
    expect(stepTitle()).toHaveTextContent('三、收到和处理政府信息公开申请情况');
    await waitFor(() => expect(document.activeElement).toHaveAttribute('name', 'requests.carriedOver.natural'));
  });

  it('opens 五 and focuses its text for a stale-year warning, quoting the sentence', async () => {
    const r = emptyReport('老店镇', 2023);
    r.problems = '针对以上不足，2023年我镇将采取以下措施加以改进：';
    const { user } = openWizard(r);
    const panel = checkPanel();
    const item = within(panel)
      .getByRole('button', { name: /改进计划应是 2024 年的/ })
      .closest('li')!;
    // The message quotes the sentence; it is not quoted a second time below it.
    expect(item.textContent!.split('针对以上不足，2023年我镇将采取以下措施加以改进').length - 1).toBe(1);
    expect(within(item).queryByRole('blockquote')).toBeNull();
    await user.click(within(item).getByRole('button', { name: /改进计划应是 2024 年的/ }));
    await waitFor(() => expect(screen.getByRole('textbox', { name: '存在的主要问题及改进情况' })).toHaveFocus());
  });

  it('lists a table’s blank cells (E3), reaches each, and clears once they are filled', async () => {
    const { user } = openWizard(emptyReport('老店镇', 2023), '#step=reviews');
    // While she is on the table its blanks are listed as 未填, not as errors.
    expect(within(checkPanel()).queryByRole('region', { name: '错误' })).toBeNull();
    expect(within(checkPanel()).getByText(/^未填 \d+$/)).toBeInTheDocument();
    const blanks = within(within(checkPanel()).getByRole('region', { name: '未填' })).getByRole('button', {
      name: /「四、政府信息公开行政复议、行政诉讼情况」有 12 个空格未填/,
    });
    const item = blanks.closest('li')!;
    await user.click(within(item).getByText('列出全部 12 个空格'));
    const cells = within(within(item).getByRole('group')).getAllByRole('button');
    expect(cells).toHaveLength(12);
    expect(cells[0]).toHaveTextContent('行政复议 结果维持');
    await user.click(within(item).getByRole('button', { name: '行政诉讼 复议后起诉 尚未审结' }));
    await waitFor(() =>
      expect(document.activeElement).toHaveAttribute('name', 'reviews.litigationAfterReconsideration.pending'),
    );

    await user.click(screen.getByRole('button', { name: /^本表其余空格填 0/ }));
    await waitFor(() =>
      expect(
        within(checkPanel()).queryByRole('button', {
          name: /「四、政府信息公开行政复议、行政诉讼情况」有 \d+ 个空格未填/,
        }),
      ).toBeNull(),
    );
    await waitFor(() => expect(stepButton('四 复议诉讼')).toHaveTextContent('已完成'));
  });

  it('keeps a warning with a written reason, stored as an explanation and shown as 已说明', async () => {
    const r = emptyReport('老店镇', 2023);
    r.otherMatters = '无';
    const { store, user } = openWizard(r);
    const warnings = within(checkPanel()).getByRole('region', { name: '警告' });
    const item = within(warnings)
      .getByRole('button', { name: /没有说明本年是否收取信息处理费/ })
      .closest('li')!;
    await user.click(within(item).getByRole('button', { name: '保留并说明' }));
    const reason = within(item).getByRole('textbox', { name: '上报说明' });
    expect(reason).toHaveFocus();
    await user.click(within(item).getByRole('button', { name: '保存说明' }));
    expect(within(item).getByRole('alert')).toHaveTextContent('请填写说明');
    expect(store.getReport().explanations).toEqual([]);

    await user.type(reason, '本年度未收取信息处理费，已在六中补充');
    await user.click(within(item).getByRole('button', { name: '保存说明' }));
    expect(store.getReport().explanations).toEqual([
      { rule: 'W5', cells: ['otherMatters'], reason: '本年度未收取信息处理费，已在六中补充' },
    ]);
    expect(item).toHaveTextContent('已说明');
    expect(within(item).getByRole('button', { name: /没有说明本年是否收取信息处理费/ })).toHaveFocus();
    expect(item).toHaveTextContent('上报说明：本年度未收取信息处理费，已在六中补充');
    expect(within(checkPanel()).getByText('已说明 1')).toBeInTheDocument();

    await user.click(within(item).getByRole('button', { name: '修改说明' }));
    await user.clear(within(item).getByRole('textbox', { name: '上报说明' }));
    await user.type(within(item).getByRole('textbox', { name: '上报说明' }), '本年未收费');
    await user.click(within(item).getByRole('button', { name: '保存说明' }));
    expect(store.getReport().explanations).toEqual([{ rule: 'W5', cells: ['otherMatters'], reason: '本年未收费' }]);

    await user.click(within(item).getByRole('button', { name: '删除说明' }));
    expect(store.getReport().explanations).toEqual([]);
    expect(within(item).getByRole('button', { name: '保留并说明' })).toBeInTheDocument();
  });

  it('offers no way to explain an error away', async () => {
    const { user } = openWizard(emptyReport());
    await user.click(stepButton('检查'));
    const errors = within(screen.getByRole('main')).getByRole('region', { name: '错误' });
    expect(within(errors).getAllByRole('listitem').length).toBeGreaterThan(0);
    expect(within(errors).queryByRole('button', { name: '保留并说明' })).toBeNull();
  });

  it('folds away and opens again, and is the whole page on the 检查 step', async () => {
    const { user } = openWizard();
    const toggle = within(checkPanel()).getByRole('button', { name: /检查结果/ });
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(within(checkPanel()).queryByRole('region', { name: '错误' })).toBeNull();
    await user.click(stepButton('检查'));
    expect(screen.queryByRole('complementary', { name: /检查结果/ })).toBeNull();
    expect(within(screen.getByRole('main')).getByRole('region', { name: '错误' })).toBeInTheDocument();
  });
});
