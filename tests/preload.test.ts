import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type TextMeasurer, warmFonts, whenQuiet } from '../src/preload';

describe('whenQuiet (the service worker waits for the clerk’s first pause)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once the clerk has paused, each key or click starting the pause again', () => {
    const fn = vi.fn();
    whenQuiet(2000, fn);
    vi.advanceTimersByTime(1500);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    vi.advanceTimersByTime(1900);
    window.dispatchEvent(new Event('pointerdown'));
    vi.advanceTimersByTime(1900);
    expect(fn).not.toHaveBeenCalled();
    // The pause, then the browser's idle moment (a timer where it cannot tell).
    vi.advanceTimersByTime(2000 + 1000);
    expect(fn).toHaveBeenCalledTimes(1);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'b' }));
    vi.advanceTimersByTime(10_000);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('can be cancelled', () => {
    const fn = vi.fn();
    const cancel = whenQuiet(2000, fn);
    vi.advanceTimersByTime(1000);
    cancel();
    vi.advanceTimersByTime(10_000);
    expect(fn).not.toHaveBeenCalled();
  });
});

describe('warmFonts (the wizard’s font styles looked up on the home screen, issue 12)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const recorder = () => {
    const measured: string[] = [];
    const m: TextMeasurer = {
      font: '',
      measureText(text: string) {
        measured.push(`${m.font}|${text}`);
        return { width: text.length };
      },
    };
    return { m, measured };
  };

  it('measures the sample in each font, in order, one per idle moment without a deadline, then says done', () => {
    const { m, measured } = recorder();
    const done = vi.fn();
    warmFonts(['700 22px serif', '400 14px serif', '600 13px serif'], '年报', done, m);
    expect(measured).toEqual([]);
    vi.advanceTimersByTime(500);
    expect(measured).toEqual(['700 22px serif|年报']);
    vi.advanceTimersByTime(1000);
    expect(measured).toEqual(['700 22px serif|年报', '400 14px serif|年报', '600 13px serif|年报']);
    expect(done).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5000);
    expect(measured).toHaveLength(3);
    expect(done).toHaveBeenCalledTimes(1);
  });

  it('measures as many as an idle period has room for', () => {
    const { m, measured } = recorder();
    const callbacks: ((d: IdleDeadline) => void)[] = [];
    vi.stubGlobal('requestIdleCallback', (fn: (d: IdleDeadline) => void) => callbacks.push(fn));
    vi.stubGlobal('cancelIdleCallback', () => {});
    const done = vi.fn();
    warmFonts(['a', 'b', 'c', 'd'], 'x', done, m);
    // Room for two (the check after each measure: 10 ms, then 3 ms left).
    const left = [10, 3];
    callbacks.shift()!({ didTimeout: false, timeRemaining: () => left.shift() ?? 0 });
    expect(measured).toEqual(['a|x', 'b|x']);
    expect(done).not.toHaveBeenCalled();
    // A period with no room still measures one.
    callbacks.shift()!({ didTimeout: false, timeRemaining: () => 0 });
    expect(measured).toEqual(['a|x', 'b|x', 'c|x']);
    callbacks.shift()!({ didTimeout: false, timeRemaining: () => 50 });
    expect(measured).toEqual(['a|x', 'b|x', 'c|x', 'd|x']);
    expect(done).toHaveBeenCalledTimes(1);
    expect(callbacks).toHaveLength(0);
  });

  it('stops when cancelled (the clerk opened a report), and does nothing without a canvas', () => {
    const { m, measured } = recorder();
    const done = vi.fn();
    const cancel = warmFonts(['a', 'b', 'c'], 'x', done, m);
    vi.advanceTimersByTime(500);
    cancel();
    vi.advanceTimersByTime(5000);
    expect(measured).toEqual(['a|x']);
    expect(done).not.toHaveBeenCalled();

    const done2 = vi.fn();
    warmFonts(['a'], 'x', done2, null);
    vi.advanceTimersByTime(500);
    expect(done2).toHaveBeenCalledTimes(1);
  });
});
