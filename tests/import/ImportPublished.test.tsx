import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Report } from '../../src/report';
import { toJson } from '../../src/report/json';
import { ImportPublished } from '../../src/import/ImportPublished';
import { TABLE_LAYOUTS } from '../../src/report/tableLayout';
import { expectTableToFollowLayout } from '../helpers/layoutMatch';

const fixture = (name: string) => readFileSync(resolve(__dirname, '../fixtures/published', name), 'utf8');
const seedJson = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/laodian-2023.json'), 'utf8')) as unknown;

afterEach(cleanup);

function setup() {
  const onUseAsPrevious = vi.fn<(r: Report) => void>();
  const onUseAsDraft = vi.fn<(r: Report) => void>();
  const user = userEvent.setup();
  render(<ImportPublished onUseAsPrevious={onUseAsPrevious} onUseAsDraft={onUseAsDraft} />);
  return { user, onUseAsPrevious, onUseAsDraft };
}

describe('从已发布的年报导入', () => {
  it('a clerk pastes last year’s report, sees it read in full and takes it as last year’s report', async () => {
    const { user, onUseAsPrevious, onUseAsDraft } = setup();
    await user.click(screen.getByLabelText('年报全文'));
    await user.paste(fixture('seed-laodian-2023.txt'));
    await user.click(screen.getByRole('button', { name: '读取' }));

    const heading = await screen.findByRole('heading', { name: '读取结果' });
    expect(heading).toHaveFocus();
    expect(screen.getByText('全部内容均已读取。')).toBeInTheDocument();
    expect(screen.getByText('老店镇')).toBeInTheDocument();
    expect(screen.getByText('2023')).toBeInTheDocument();
    // Table 三 in the template's layout, its original lines a click away.
    const requests = screen.getByRole('region', { name: '三、收到和处理政府信息公开申请情况' });
    expect(
      within(requests).getByRole('table', { name: '三、收到和处理政府信息公开申请情况（原文各行）' }),
    ).toHaveTextContent('3.其他');
    const readTable = within(requests).getByRole('table', { name: '三、收到和处理政府信息公开申请情况（读到的数字）' });
    const other = within(readTable).getByRole('row', { name: /^3\.其他/ });
    expect(
      within(other)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['0', '0', '0', '0', '0', '0', '0']);
    // Table 四 as the template prints it: one row of fifteen, under its three groups.
    await user.click(screen.getByRole('tab', { name: '四 复议诉讼' }));
    const reviews = within(screen.getByRole('region', { name: '四、政府信息公开行政复议、行政诉讼情况' })).getByRole(
      'table',
      { name: '四、政府信息公开行政复议、行政诉讼情况（读到的数字）' },
    );
    expect(within(reviews).getAllByRole('row')).toHaveLength(4);
    expect(within(reviews).getAllByRole('cell')).toHaveLength(15);
    expect(within(reviews).getAllByRole('columnheader', { name: '总计' })).toHaveLength(3);
    expect(within(reviews).getByRole('columnheader', { name: '复议后起诉' })).toBeInTheDocument();
    // The two choices come first, each explained with its years.
    const choices = screen.getByRole('region', { name: '导入方式' });
    expect(choices).toHaveTextContent('保存这份老店镇 2023 年报告，并据此新建 2024 年的报告');
    // The checks run on what was read: the seed's 2023 plans in section 五 belong to 2024 (W3), at least no error.
    await user.click(screen.getByRole('tab', { name: /^检查结果/ }));
    expect(screen.getByRole('heading', { name: /^检查结果/ })).toBeInTheDocument();
    expect(screen.queryByText('错误')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '作为上年报告' }));
    expect(onUseAsDraft).not.toHaveBeenCalled();
    expect(onUseAsPrevious).toHaveBeenCalledTimes(1);
    expect(toJson(onUseAsPrevious.mock.calls[0]![0], 'final')).toEqual(seedJson);
  });

  it('a published total that does not add up is listed with its source line and highlighted in the table', async () => {
    const { user, onUseAsDraft } = setup();
    await user.click(screen.getByLabelText('年报全文'));
    await user.paste(fixture('broken-total.txt'));
    await user.click(screen.getByRole('button', { name: '读取' }));

    const problems = screen.getByRole('region', { name: '未能读取或有疑问的内容（3 处）' });
    const items = within(problems).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('表三 一、本年新收政府信息公开申请数量 总计：原文总计为 5，各项相加为 4');
    expect(items[0]).toHaveTextContent('原文：一、本年新收政府信息公开申请数量 │ 3 │ 1 │ 0 │ 0 │ 0 │ 0 │ 5');
    // The doubtful cell is marked in the table with its reason in words, and described by the full message.
    const cell = document.querySelector<HTMLElement>('td[data-path="requests.newReceived.total"]')!;
    expect(cell).toHaveClass('import-flagged');
    expect(cell).toHaveTextContent('4原文为 5');
    expect(cell).toHaveAccessibleDescription(/原文总计为 5，各项相加为 4/);
    // 「在表中查看」 opens table 三 on that cell.
    await user.click(within(items[0]!).getByRole('button', { name: '在表中查看' }));
    expect(screen.getByRole('tab', { name: '三 依申请公开' })).toHaveAttribute('aria-selected', 'true');
    await waitFor(() => expect(cell).toHaveFocus());
    // The same grid shows the original's own text for each cell.
    await user.click(screen.getByRole('radio', { name: '原文' }));
    const asPrinted = screen.getByRole('table', { name: '三、收到和处理政府信息公开申请情况（原文）' });
    expect(asPrinted.querySelector('td[data-path="requests.newReceived.total"]')).toHaveTextContent(/^5$/);
    const original = screen.getByRole('table', { name: '三、收到和处理政府信息公开申请情况（原文各行）' });
    expect(within(original).getByRole('row', { name: /^一、本年新收政府信息公开申请数量/ })).toHaveClass(
      'import-flagged-row',
    );

    await user.click(screen.getByRole('button', { name: '作为本年草稿' }));
    expect(onUseAsDraft).toHaveBeenCalledTimes(1);
    expect(onUseAsDraft.mock.calls[0]![0].cells['requests.newReceived.natural']).toBe(3);
  });

  it('the 2019 format: what could not be read is listed, and the checks show the blank cells', async () => {
    const { user } = setup();
    await user.click(screen.getByLabelText('年报全文'));
    await user.paste(fixture('format-2019.txt'));
    await user.click(screen.getByRole('button', { name: '读取' }));
    expect(screen.getByText(/只有一行合计（2019 年格式）/)).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: /^检查结果/ }));
    const checks = screen.getByRole('region', { name: /^检查结果/ });
    expect(within(checks).getByText(/「二、主动公开政府信息情况」有 10 个空格未填/)).toBeInTheDocument();
    expect(document.querySelector('td[data-path="requests.otherHandling.other.natural"]')).toHaveClass(
      'import-flagged',
    );
  });

  it('a saved web page (.html) is read from its table structure', async () => {
    const { user, onUseAsDraft } = setup();
    const file = new File([fixture('merged-cells.html')], '老店镇2023年报.html', { type: 'text/html' });
    const input = screen.getByLabelText('或选择文件（.txt / .html）');
    // The app's own button, not the browser's bare file field.
    expect(input).not.toBeVisible();
    expect(screen.getByRole('button', { name: '或选择文件（.txt / .html）…' })).toBeVisible();
    await user.upload(input, file);
    expect(await screen.findByRole('heading', { name: '读取结果' })).toBeInTheDocument();
    expect(screen.getByText('文件「老店镇2023年报.html」')).toBeInTheDocument();
    expect(document.querySelector('td[data-path="proactive.licensing.decisions"]')).toHaveTextContent('25');
    await user.click(screen.getByRole('button', { name: '作为本年草稿' }));
    expect(onUseAsDraft.mock.calls[0]![0].cells['proactive.fees.amount']).toBe(350_000);
  });

  it('a page pasted from the browser is read from the HTML it carries, until the clerk edits the text', async () => {
    const { user, onUseAsDraft } = setup();
    const box = screen.getByLabelText('年报全文');
    const html = fixture('merged-cells.html');
    // The browser puts both forms on the clipboard; the flattened text alone would lose the merged cells.
    fireEvent.paste(box, { clipboardData: { getData: (type: string) => (type === 'text/html' ? html : '') } });
    fireEvent.change(box, { target: { value: '（网页的纯文字）' } });
    expect(screen.getByText('已识别网页表格，将按表格结构读取')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '读取' }));
    expect(screen.getByText('粘贴的网页（按表格结构读取）')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '作为本年草稿' }));
    expect(onUseAsDraft.mock.calls[0]![0].cells['proactive.licensing.decisions']).toBe(25);

    await user.type(box, '改');
    expect(screen.queryByText('已识别网页表格，将按表格结构读取')).not.toBeInTheDocument();
  });

  it('each table is drawn from the shared layout, in both views, and the parts are tabs the keyboard walks', async () => {
    const { user } = setup();
    await user.click(screen.getByLabelText('年报全文'));
    await user.paste(fixture('broken-total.txt'));
    await user.click(screen.getByRole('button', { name: '读取' }));
    const tables = { proactive: '二 主动公开', requests: '三 依申请公开', reviews: '四 复议诉讼' } as const;
    for (const view of ['读到的数字', '原文'] as const) {
      for (const [key, tab] of Object.entries(tables) as [keyof typeof tables, string][]) {
        await user.click(screen.getByRole('tab', { name: tab }));
        await user.click(screen.getByRole('radio', { name: view }));
        const panel = screen.getByRole('tabpanel', { name: tab });
        const table = within(panel).getByRole('table', { name: new RegExp(`（${view}）$`) });
        expectTableToFollowLayout(table as HTMLTableElement, TABLE_LAYOUTS[key], {
          pathOf: (td) => td.getAttribute('data-path'),
        });
      }
    }
    // Only the chosen part is shown; arrows move between the tabs.
    expect(screen.getAllByRole('tabpanel')).toHaveLength(1);
    screen.getByRole('tab', { name: '四 复议诉讼' }).focus();
    await user.keyboard('{ArrowRight}');
    const texts = screen.getByRole('tab', { name: '一、五、六 正文' });
    expect(texts).toHaveAttribute('aria-selected', 'true');
    await waitFor(() => expect(texts).toHaveFocus());
    expect(screen.getByRole('tabpanel', { name: '一、五、六 正文' })).toHaveTextContent('（开头一段，无小标题）');
    // Reading another text starts its result afresh, on its first part.
    await user.clear(screen.getByLabelText('年报全文'));
    await user.click(screen.getByLabelText('年报全文'));
    await user.paste(fixture('seed-laodian-2023.txt'));
    await user.click(screen.getByRole('button', { name: '读取' }));
    expect(screen.getByRole('tab', { name: '三 依申请公开' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('radio', { name: '读到的数字' })).toBeChecked();
  });

  it("inside a page that already shows the title, the form is the page's main content, named, without a second heading", () => {
    render(<ImportPublished onUseAsPrevious={vi.fn()} onUseAsDraft={vi.fn()} showTitle={false} />);
    expect(screen.getByRole('main', { name: '从已发布的年报导入' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: '从已发布的年报导入' })).not.toBeInTheDocument();
  });

  it('reading nothing says so instead of showing an empty preview', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: '读取' }));
    expect(screen.getByRole('alert')).toHaveTextContent('没有可读取的内容');
    expect(screen.queryByRole('heading', { name: '读取结果' })).not.toBeInTheDocument();
  });
});
