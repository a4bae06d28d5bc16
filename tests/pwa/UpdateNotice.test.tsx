// The update notice's free spot (src/pwa/UpdateNotice.tsx): it follows the page as it changes,
// but a page that changes every frame (a 汇总 load's progress) must not have every control
// measured every frame: a forced layout each time, once an 83 ms task in a 10,000-report load.
import { act, render } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, expect, it, vi } from 'vitest';
import { CHANGES_MS, useFreeSpot } from '../../src/pwa/UpdateNotice';

function Notice() {
  const ref = useRef<HTMLDivElement>(null);
  const style = useFreeSpot(ref, true);
  return (
    <div ref={ref} style={style}>
      应用已可离线使用
    </div>
  );
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

it('looks for a free spot at most every CHANGES_MS while the page changes, and each frame while it scrolls', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] });
  const looks = vi.spyOn(document, 'querySelectorAll');
  render(<Notice />);
  expect(looks).toHaveBeenCalledTimes(1);
  // A second of the page changing every frame.
  for (let i = 0; i < 60; i++) {
    document.body.appendChild(document.createElement('button'));
    await act(() => vi.advanceTimersByTimeAsync(16));
  }
  const whileChanging = looks.mock.calls.length - 1;
  expect(whileChanging).toBeGreaterThan(0);
  expect(whileChanging).toBeLessThanOrEqual(Math.ceil(960 / CHANGES_MS) + 1);
  // Scrolling moves the controls under it: looked at in the next frame.
  const before = looks.mock.calls.length;
  for (let i = 0; i < 5; i++) {
    window.dispatchEvent(new Event('scroll'));
    await act(() => vi.advanceTimersByTimeAsync(16));
  }
  expect(looks.mock.calls.length - before).toBe(5);
});
