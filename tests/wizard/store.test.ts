// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { emptyReport } from '../../src/report';
import { ReportStore } from '../../src/wizard/store';

describe('ReportStore', () => {
  it('updates a total and notifies only the cells that changed', () => {
    const store = new ReportStore(emptyReport('某镇', 2024));
    const total = vi.fn();
    const other = vi.fn();
    const blankBadge = vi.fn();
    store.subscribeValue('requests.newReceived.total', total);
    store.subscribeValue('requests.carriedOver.total', other);
    // Another blank cell of table 三 keeps its "blank" finding: no re-render.
    store.subscribeCellFindings('requests.withheld.stateSecret.research', blankBadge);
    store.setCells({ 'requests.newReceived.natural': 3 });
    expect(store.getValue('requests.newReceived.total')).toBe(3);
    expect(total).toHaveBeenCalledTimes(1);
    expect(other).not.toHaveBeenCalled();
    expect(blankBadge).not.toHaveBeenCalled();
  });

  it('keeps the findings list, and stays silent on it, when a change leaves every finding as it was', () => {
    const store = new ReportStore(emptyReport('某镇', 2024));
    // A balanced column: 一 = 三(七), and the rest of table 三 still blank.
    store.setCells({ 'requests.newReceived.legal': 4, 'requests.disclosed.legal': 4 }, 'paste', '粘贴');
    const findings = store.getFindings();
    const panel = vi.fn();
    store.subscribeFindings(panel);
    store.setCells({ 'requests.newReceived.legal': 5, 'requests.disclosed.legal': 5 }, 'paste', '粘贴');
    expect(store.getFindings()).toBe(findings);
    expect(panel).not.toHaveBeenCalled();
    // Off balance: a new finding, and the panel hears of it.
    store.setCells({ 'requests.disclosed.legal': 3 });
    expect(store.getFindings()).not.toBe(findings);
    expect(store.getFindings().some((f) => f.rule === 'E1')).toBe(true);
    expect(panel).toHaveBeenCalledTimes(1);
  });

  it('ignores a total or an unknown path among the cells set, and keeps the total right', () => {
    const store = new ReportStore(emptyReport('某镇', 2024));
    store.setCells({ 'requests.newReceived.natural': 2, 'requests.newReceived.total': 99, 'requests.nonsense.x': 1 });
    expect(store.getValue('requests.newReceived.total')).toBe(2);
    expect(store.getReport().cells).not.toHaveProperty('requests.newReceived.total');
    expect(store.getReport().cells).not.toHaveProperty('requests.nonsense.x');
    // Setting only a total changes nothing and is no undo step.
    store.setCells({ 'requests.newReceived.total': 5 });
    expect(store.getValue('requests.newReceived.total')).toBe(2);
    store.undo();
    expect(store.getValue('requests.newReceived.natural')).toBeNull();
  });

  it('checks a typed keystroke in the next task, and everything else at once', () => {
    const store = new ReportStore(emptyReport('某镇', 2024));
    store.setCells({ 'requests.newReceived.legal': 5 }, 'edit', '输入 一 法律服务机构', { typed: true });
    expect(store.getValue('requests.newReceived.total')).toBe(5);
    expect(store.getCellFindings('requests.newReceived.legal').some((f) => f.rule === 'E1')).toBe(false);
    store.flushChecks();
    expect(store.getCellFindings('requests.newReceived.legal').some((f) => f.rule === 'E1')).toBe(true);
    // A paste (or any change not typed) is checked before setCells returns, and takes over
    // checks still pending from a keystroke.
    store.setCells({ 'requests.carriedOver.legal': 1 }, 'edit', '输入 二 法律服务机构', { typed: true });
    store.setCells({ 'requests.disclosed.legal': 6 }, 'paste', '粘贴');
    expect(store.getCellFindings('requests.newReceived.legal').some((f) => f.rule === 'E1')).toBe(false);
  });

  it('undoes a bulk change in one step', () => {
    const store = new ReportStore(emptyReport('某镇', 2024));
    store.setCells({ 'requests.newReceived.natural': 1 });
    store.setCells({ 'requests.newReceived.legal': 2, 'requests.carriedOver.legal': 3 }, 'paste', '粘贴');
    expect(store.undoLabel()).toBe('粘贴');
    store.undo();
    expect(store.getValue('requests.newReceived.legal')).toBeNull();
    expect(store.getValue('requests.carriedOver.legal')).toBeNull();
    expect(store.getValue('requests.newReceived.natural')).toBe(1);
  });

  it('reports the balance error for the column being typed', () => {
    const store = new ReportStore(emptyReport('某镇', 2024));
    store.setCells({ 'requests.newReceived.legal': 5, 'requests.withheld.stateSecret.legal': 4 });
    const e1 = store.getCellFindings('requests.newReceived.legal').find((f) => f.rule === 'E1');
    expect(e1?.difference).toBe(-1);
    store.setCells({ 'requests.carriedForward.legal': 1 });
    expect(store.getCellFindings('requests.newReceived.legal').some((f) => f.rule === 'E1')).toBe(false);
  });

  it('redoes an undone step, remembers where a cell change was made, and forgets redo on a new change', () => {
    const store = new ReportStore(emptyReport('某镇', 2024));
    store.setCells({ 'reviews.reconsideration.upheld': 1 }, 'edit', '输入 维持');
    store.update((r) => ({ ...r, problems: '问题' }), '输入问题及改进');
    expect(store.undoStep()).toEqual({ label: '输入问题及改进', table: null, typing: null, report: expect.anything() });
    store.undo();
    expect(store.getReport().problems).toBe('');
    expect(store.undoStep()?.table).toBe('reviews');
    expect(store.redoStep()?.label).toBe('输入问题及改进');
    store.redo();
    expect(store.getReport().problems).toBe('问题');
    expect(store.canRedo()).toBe(false);
    store.undo();
    store.setCells({ 'reviews.reconsideration.upheld': 2 });
    expect(store.canRedo()).toBe(false);
    store.redo(); // nothing to redo: no change
    expect(store.getReport().problems).toBe('');
  });

  it('tells storage what kind of change happened', () => {
    const store = new ReportStore(emptyReport('某镇', 2024));
    const seen: string[] = [];
    store.onChange((e) => seen.push(e.kind));
    store.setCells({ 'proactive.rules.issued': 0 }, 'fillZeros', '本表其余空格填 0');
    store.undo();
    expect(seen).toEqual(['fillZeros', 'undo']);
  });
});

describe('ReportStore totals after many edits', () => {
  it('always equal a full recomputation (totals are updated incrementally)', async () => {
    const { INPUT_CELLS, allValues } = await import('../../src/report');
    const store = new ReportStore(emptyReport('某镇', 2024));
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 300; i++) {
      const cell = INPUT_CELLS[Math.floor(rnd() * INPUT_CELLS.length)]!;
      store.setCells({ [cell.path]: rnd() < 0.2 ? null : Math.floor(rnd() * 50) });
      if (i % 50 === 49) store.undo();
    }
    const full = allValues(store.getReport().cells);
    for (const [path, v] of full) expect(store.getValue(path), path).toBe(v);
  });

  it('joins keystrokes into one undo step by the field they went into, not by the words of the label', () => {
    const store = new ReportStore(emptyReport('某镇', 2024));
    const initialOther = store.getReport().otherMatters;
    store.update((r) => ({ ...r, problems: '一' }), '填写问题', 'edit', { typing: 'problems' });
    store.update((r) => ({ ...r, problems: '一二' }), '填写问题', 'edit', { typing: 'problems' });
    // Same label, but no field: two separate steps (a label starting with 输入 used to merge them).
    store.update((r) => ({ ...r, otherMatters: '甲' }), '输入其他事项');
    store.update((r) => ({ ...r, otherMatters: '甲乙' }), '输入其他事项');
    store.undo();
    expect(store.getReport().otherMatters).toBe('甲');
    store.undo();
    expect(store.getReport().otherMatters).toBe(initialOther);
    expect(store.getReport().problems).toBe('一二');
    store.undo();
    expect(store.getReport().problems).toBe('');
  });

  it('tells a view only through the channel it subscribed to', () => {
    const store = new ReportStore(emptyReport('某镇', 2024));
    const text = vi.fn();
    const readOnly = vi.fn();
    const value = vi.fn();
    store.subscribeText(text);
    store.subscribeReadOnly(readOnly);
    store.subscribeValue('problems', value);
    store.update((r) => ({ ...r, problems: '问题' }), '修改文字');
    expect(text).toHaveBeenCalledTimes(1);
    expect(readOnly).not.toHaveBeenCalled();
    // A text field's path is not a cell value: its subscribers hear nothing of it.
    expect(value).not.toHaveBeenCalled();
    store.setReadOnly(true);
    store.setReadOnly(true);
    expect(readOnly).toHaveBeenCalledTimes(1);
    expect(store.isReadOnly()).toBe(true);
  });
});
