// The list of a collection, drawn windowed: a list that appears at once (the end of a first
// load) draws its top rows in one frame and the rest in the next, so no task holds the page.
import { act, render } from '@testing-library/react';
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
});
