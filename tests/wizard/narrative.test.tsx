import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { emptyReport } from '../../src/report';
import { Wizard } from '../../src/wizard/Wizard';
import { ReportStore } from '../../src/wizard/store';
import { openWizard } from './openWizard';

const headings = () =>
  screen.getAllByRole('textbox', { name: /^第 \d+ 部分标题$/ }).map((i) => (i as HTMLInputElement).value);
const heading = (n: number) => screen.getByRole('textbox', { name: `第 ${n} 部分标题` }) as HTMLInputElement;
const body = (n: number) => screen.getByRole('textbox', { name: `第 ${n} 部分正文` }) as HTMLTextAreaElement;

describe('section 一, 总体情况', () => {
  it('offers the five usual sub-sections, each with a named heading and body', () => {
    openWizard(emptyReport(), '#step=overview');
    expect(headings()).toEqual(['主动公开', '依申请公开', '政府信息管理', '平台建设', '监督保障']);
    expect(heading(3)).toHaveAttribute('name', 'overview.2.heading');
    expect(body(3)).toHaveAttribute('name', 'overview.2.body');
  });

  it('renames a part and writes its text, with a character count', async () => {
    const { store, user } = openWizard(emptyReport(), '#step=overview');
    await user.clear(heading(1));
    await user.type(heading(1), '主动公开和依申请公开');
    await user.type(body(1), '公开 268 条。{Enter}{Enter}未收到申请。');
    expect(store.getReport().overview[0]).toEqual({
      heading: '主动公开和依申请公开',
      body: '公开 268 条。\n\n未收到申请。',
    });
    const part = heading(1).closest('li')!;
    expect(within(part).getByText('13 字 · 2 段')).toBeInTheDocument();
  });

  it('removes a part, and brings it back with 撤销删除', async () => {
    const r = emptyReport();
    r.overview[1]!.body = '未收到依申请公开政府信息。';
    const { store, user } = openWizard(r, '#step=overview');
    await user.click(screen.getByRole('button', { name: '删除第 2 部分' }));
    expect(headings()).toEqual(['主动公开', '政府信息管理', '平台建设', '监督保障']);
    expect(store.getReport().overview.map((p) => p.heading)).toEqual([
      '主动公开',
      '政府信息管理',
      '平台建设',
      '监督保障',
    ]);
    expect(screen.getByRole('status')).toHaveTextContent('已删除「依申请公开」');

    // Typing elsewhere in between does not stop the part coming back in its place.
    await user.type(body(1), '甲');
    await user.click(screen.getByRole('button', { name: '撤销删除' }));
    expect(headings()).toEqual(['主动公开', '依申请公开', '政府信息管理', '平台建设', '监督保障']);
    expect(body(2).value).toBe('未收到依申请公开政府信息。');
    expect(store.getReport().overview[1]).toEqual({ heading: '依申请公开', body: '未收到依申请公开政府信息。' });
    expect(store.getReport().overview[0]!.body).toBe('甲');
  });

  it('moves a part up and down, with its text', async () => {
    const r = emptyReport();
    r.overview[2]!.body = '信息管理正文';
    const { store, user } = openWizard(r, '#step=overview');
    await user.click(screen.getByRole('button', { name: '上移第 3 部分' }));
    expect(headings().slice(0, 3)).toEqual(['主动公开', '政府信息管理', '依申请公开']);
    expect(body(2).value).toBe('信息管理正文');
    expect(store.getReport().overview[1]).toEqual({ heading: '政府信息管理', body: '信息管理正文' });
    await user.click(screen.getByRole('button', { name: '下移第 1 部分' }));
    expect(headings().slice(0, 2)).toEqual(['政府信息管理', '主动公开']);
    expect(screen.getByRole('button', { name: '上移第 1 部分' })).toBeDisabled();
    expect(screen.getByRole('button', { name: '下移第 5 部分' })).toBeDisabled();
  });

  it('adds a part, a missing usual one, and a lead paragraph without heading', async () => {
    const { store, user } = openWizard(emptyReport(), '#step=overview');
    expect(screen.queryByRole('button', { name: /^添加“/ })).toBeNull();
    await user.clear(heading(4));
    await user.type(heading(4), '其他工作');
    expect(screen.getByRole('button', { name: '添加“平台建设”' })).toBeInTheDocument();
    // A heading in her own words covers the usual part (「政府信息公开平台建设情况」).
    await user.clear(heading(4));
    await user.type(heading(4), '政府信息公开平台建设情况');
    expect(screen.queryByRole('button', { name: '添加“平台建设”' })).toBeNull();
    await user.clear(heading(4));
    await user.type(heading(4), '平台建设');
    await user.click(screen.getByRole('button', { name: '删除第 5 部分' }));
    await user.click(screen.getByRole('button', { name: '添加“监督保障”' }));
    expect(headings()).toEqual(['主动公开', '依申请公开', '政府信息管理', '平台建设', '监督保障']);
    await user.click(screen.getByRole('button', { name: '添加一部分' }));
    expect(heading(6)).toHaveFocus();
    expect(store.getReport().overview).toHaveLength(6);
    // A part left without heading is printed as the lead paragraph.
    expect(within(heading(6).closest('li')!).getByText(/作为“一、总体情况”开头的导语/)).toBeInTheDocument();
  });

  it('follows an undo made elsewhere (the store changes, the fields follow)', async () => {
    const { store, user } = openWizard(emptyReport(), '#step=overview');
    await user.type(body(1), '甲');
    act(() => store.undo());
    expect(body(1).value).toBe('');
  });

  it('does not store half-composed IME text', () => {
    const { store } = openWizard(emptyReport(), '#step=overview');
    const el = body(1);
    fireEvent.compositionStart(el);
    fireEvent.change(el, { target: { value: 'zhu' } });
    expect(store.getReport().overview[0]!.body).toBe('');
    fireEvent.change(el, { target: { value: '主动' } });
    fireEvent.compositionEnd(el);
    expect(store.getReport().overview[0]!.body).toBe('主动');
    expect(el.value).toBe('主动');
  });
});

describe('一: the lead paragraph and last year’s text', () => {
  it('adds a 导语 in one click, first and untitled, with its text focused', async () => {
    const { store, user } = openWizard(emptyReport(), '#step=overview');
    await user.click(screen.getByRole('button', { name: '添加导语' }));
    expect(store.getReport().overview[0]).toEqual({ heading: '', body: '' });
    expect(body(1)).toHaveFocus();
    await user.type(body(1), '2024年，我镇认真贯彻落实条例。');
    expect(store.getReport().overview[0]!.body).toBe('2024年，我镇认真贯彻落实条例。');
    expect(headings().slice(1)).toEqual(['主动公开', '依申请公开', '政府信息管理', '平台建设', '监督保障']);
    // With a lead in place, the offer goes away.
    expect(screen.queryByRole('button', { name: '添加导语' })).toBeNull();
    expect(screen.getByText('导语', { selector: '.lead-label' })).toBeInTheDocument();
  });

  it('shows last year’s text of each part read-only, and 沿用 takes it over as one undo step', async () => {
    window.history.replaceState(null, '', '/#step=overview');
    const last = emptyReport('老店镇', 2023);
    last.overview = [
      { heading: '', body: '2023年导语。' },
      { heading: '主动公开', body: '2023年主动公开情况。' },
    ];
    const store = new ReportStore(emptyReport('老店镇', 2024), last);
    const user = userEvent.setup();
    render(<Wizard store={store} />);
    const part = heading(1).closest('li')!;
    expect(within(part).getByText('2023年主动公开情况。')).toBeVisible();
    // Nothing beside a part last year did not have.
    expect(within(heading(2).closest('li')!).queryByText(/上年的这一部分/)).toBeNull();
    await user.click(within(part).getByRole('button', { name: '沿用上年文字' }));
    expect(body(1)).toHaveValue('2023年主动公开情况。');
    expect(store.getReport().overview[0]!.body).toBe('2023年主动公开情况。');
    act(() => store.undo());
    expect(store.getReport().overview[0]!.body).toBe('');
  });
});

describe('sections 五 and 六', () => {
  it('五 is one text with a count, and shows a stale-year warning beside it', async () => {
    const { store, user } = openWizard(emptyReport('老店镇', 2023), '#step=problems');
    const text = screen.getByRole('textbox', { name: '存在的主要问题及改进情况' });
    await user.type(text, '范围狭窄。{Enter}{Enter}2023年我镇将采取以下措施。');
    expect(store.getReport().problems).toContain('2023年我镇将采取');
    expect(screen.getByText(/\d+ 字 · 2 段/)).toBeInTheDocument();
    // The text rules run once typing pauses, not in the keystroke.
    await screen.findByText(/改进计划应是 2024 年的/);
    const note = screen.getAllByRole('listitem').find((li) => li.classList.contains('field-finding'));
    expect(note).toHaveTextContent('改进计划应是 2024 年的');
    expect(note).toHaveTextContent('2023年我镇将采取以下措施。');
  });

  it("going from 五 to 六 shows 六's own text, and typing there leaves 五 alone", async () => {
    const { store, user } = openWizard(emptyReport('老店镇', 2024), '#step=problems');
    await user.type(screen.getByRole('textbox', { name: '存在的主要问题及改进情况' }), '问题一。');
    await user.click(screen.getByRole('button', { name: /下一步：六 其他事项/ }));
    const six = screen.getByRole('textbox', { name: '其他需要报告的事项' }) as HTMLTextAreaElement;
    expect(six.value).toContain('一、收取信息处理费情况');
    expect(six.value).not.toContain('问题一');
    await user.type(six, '无');
    expect(store.getReport().problems).toBe('问题一。');
    expect(store.getReport().otherMatters).not.toContain('问题一');
  });

  it('六 starts from its four usual items', () => {
    openWizard(emptyReport(), '#step=otherMatters');
    const text = screen.getByRole('textbox', { name: '其他需要报告的事项' }) as HTMLTextAreaElement;
    expect(text.value).toContain('一、收取信息处理费情况');
    expect(text.value).toContain('四、年度政务公开工作创新情况');
  });

  it('keeps IME composition in 六 out of the store until it ends', () => {
    const { store } = openWizard(emptyReport(), '#step=otherMatters');
    const el = screen.getByRole('textbox', { name: '其他需要报告的事项' });
    fireEvent.compositionStart(el);
    fireEvent.change(el, { target: { value: 'wu' } });
    expect(store.getReport().otherMatters).not.toBe('wu');
    fireEvent.change(el, { target: { value: '无' } });
    fireEvent.compositionEnd(el);
    expect(store.getReport().otherMatters).toBe('无');
  });
});

describe('基本信息', () => {
  it('accepts a year in full-width digits and refuses one out of range without changing the stored year', async () => {
    const { store, user } = openWizard();
    const year = screen.getByRole('textbox', { name: '报告年度' });
    expect(year).toHaveAttribute('name', 'year');
    expect(screen.getByRole('textbox', { name: '机关名称' })).toHaveAttribute('name', 'agency');
    await user.type(year, '２０２３');
    expect(store.getReport().year).toBe(2023);
    await user.tab();
    expect(year).toHaveValue('2023');
    await user.tripleClick(year);
    await user.keyboard('1999');
    expect(await screen.findByRole('alert')).toHaveTextContent('年份应在 2000 至 2100 之间');
    expect(store.getReport().year).toBe(2023);
  });
});
