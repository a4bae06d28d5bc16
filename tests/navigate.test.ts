// Routes live in the hash (issue 12): navigate tells the App at once, not a task later with the
// browser's hashchange, and without scrolling to the fragment; back and forward still reach it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { navigate, subscribeHash } from '../src/navigate';

afterEach(() => window.history.replaceState(null, '', '#'));

describe('navigate', () => {
  it('changes the hash as a new history entry and tells the subscribers before it returns', () => {
    const seen: string[] = [];
    const stop = subscribeHash(() => seen.push(window.location.hash));
    const entries = window.history.length;
    navigate('#report=abc');
    expect(seen).toEqual(['#report=abc']);
    expect(window.location.hash).toBe('#report=abc');
    expect(window.history.length).toBe(entries + 1);
    // The same address again is no move.
    navigate('#report=abc');
    expect(seen).toHaveLength(1);
    stop();
    navigate('#view=collect');
    expect(seen).toHaveLength(1);
  });

  it('a hash changed by the browser (back, forward, a typed address) reaches the subscribers', () => {
    const fn = vi.fn();
    const stop = subscribeHash(fn);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(fn).toHaveBeenCalledTimes(1);
    stop();
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
