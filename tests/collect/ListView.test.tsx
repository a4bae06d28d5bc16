// The list of a collection, drawn windowed: a list that appears at once (the end of a first
// load) draws its top rows in one frame and the rest in the next, so no task holds the page.
import { act, fireEvent, render, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ListView } from '../../src/collect/ListView';
import type { ListItem } from '../../src/collect/model';

const item = (i: number): ListItem => ({
  id: `e${i}`,
  fileName: `第${i + 1}号镇人民政府.json`,
  agency: `第${i + 1}号镇人民政府`,
  year: 2024,
  status: 'final',
  errors: 0,
  warnings: 0,
  explained: 0,
  newReceived: i,
  disclosed: i,
  reconsideration: 0,
  litigation: 0,
  newReceivedChange: null,
  disclosureRate: null,
  reconsiderationCorrection: null,
  litigationCorrection: null,
  carryRate: null,
  duplicateOf: null,
  otherYear: false,
  yearOnYear: [],
  outliers: {},
});

const noop = () => {};
const drawn = (el: HTMLElement) => el.querySelectorAll('tr[data-entry]').length;
const spacerBelow = (el: HTMLElement) =>
  (el.querySelector('tbody tr.co-spacer:last-child') as HTMLElement | null)?.style.height ?? '';

describe('ListView', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a list that had no rows draws its top rows first and the rest a frame later', () => {
    const frames: FrameRequestCallback[] = [];
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => frames.push(cb));
    vi.spyOn(window, 'cancelAnimationFrame').mockImplementation(() => {});
    const props = { chosen: new Set<string>(), onOpen: noop, onRemove: noop, onTick: noop };
    const { container, rerender } = render(<ListView items={[]} {...props} />);
    expect(drawn(container)).toBe(0);
    const items = Array.from({ length: 1000 }, (_, i) => item(i));
    rerender(<ListView items={items} {...props} />);
    expect(drawn(container)).toBe(12);
    // The rows not drawn yet keep their height: the scroll bar is already right.
    expect(spacerBelow(container)).toBe(`${(1000 - 12) * 34}px`);
    act(() => {
      for (const f of frames.splice(0)) f(performance.now());
    });
    // The view (560 px of 34 px rows) and 8 rows below it.
    expect(drawn(container)).toBe(25);
    expect(spacerBelow(container)).toBe(`${(1000 - 25) * 34}px`);
    // A later change (a load into a list already drawn) draws every row at once.
    rerender(<ListView items={items.slice(0, 900)} {...props} />);
    expect(drawn(container)).toBe(25);
    // Emptied and filled again: staged again.
    rerender(<ListView items={[]} {...props} />);
    rerender(<ListView items={items} {...props} />);
    expect(drawn(container)).toBe(12);
  });

  it('an empty list says why: nothing received yet, or nothing matching the search', async () => {
    const props = { chosen: new Set<string>(), onOpen: noop, onRemove: noop, onTick: noop };
    const { container, rerender } = render(<ListView items={[]} {...props} />);
    expect(within(container).getByTestId('co-list-empty').textContent).toMatch(/^还没有报告：把各单位报送的/);
    rerender(<ListView items={[item(0), item(1)]} {...props} />);
    expect(within(container).queryByTestId('co-list-empty')).toBeNull();
    expect(drawn(container)).toBe(2);
    const search = within(container).getByLabelText('搜索机关或文件名');
    act(() => {
      fireEvent.change(search, { target: { value: '不存在的镇' } });
    });
    expect(drawn(container)).toBe(0);
    expect(within(container).getByTestId('co-list-empty').textContent).toBe('没有符合搜索或筛选条件的报告。');
  });
});
