import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { whenQuiet } from '../src/preload';

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
