// Code split off the first load, fetched ahead when the browser is idle (issue 12): a clerk's
// click must not wait for a chunk, nor for React's Suspense fallback to be revealed and
// replaced (React holds a revealed fallback up to 300 ms). Once a module is in, it is rendered
// directly and nothing suspends.
import { type ComponentType, lazy } from 'react';

export interface Preloadable<P> {
  /** Starts the fetch (once); resolves to the component. */
  load(): Promise<ComponentType<P>>;
  /** The component to render now: the loaded one, else a React.lazy that suspends until it is. */
  component(): ComponentType<P>;
}

export function preloadable<P>(load: () => Promise<ComponentType<P>>): Preloadable<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const start = () => {
    pending ??= load().then(
      (c) => (loaded = c),
      (e: unknown) => {
        // A failed fetch (offline, a new version deployed) may be retried on the next use.
        pending = null;
        throw e;
      },
    );
    return pending;
  };
  const Lazy = lazy(() => start().then((c) => ({ default: c })));
  return { load: start, component: () => loaded ?? Lazy };
}

/**
 * Runs `fn` once the browser is idle (or after a short delay where it cannot say, without a
 * deadline); returns a cancel.
 */
export function whenIdle(fn: (deadline?: IdleDeadline) => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(fn, { timeout: 1000 });
    return () => window.cancelIdleCallback(id);
  }
  const t = setTimeout(fn, 500);
  return () => clearTimeout(t);
}

/**
 * Runs `fn` once the clerk has paused for `ms` (no key, click or touch) and the browser is
 * idle; returns a cancel. For work that may wait but would compete with her next move.
 */
export function whenQuiet(ms: number, fn: () => void): () => void {
  const events = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cancelIdle = () => {};
  const stop = () => {
    clearTimeout(timer);
    cancelIdle();
    for (const e of events) window.removeEventListener(e, restart, true);
  };
  const restart = () => {
    clearTimeout(timer);
    cancelIdle();
    timer = setTimeout(() => {
      cancelIdle = whenIdle(() => {
        stop();
        fn();
      });
    }, ms);
  };
  for (const e of events) window.addEventListener(e, restart, { capture: true, passive: true });
  restart();
  return stop;
}

/** What measures text in a CSS font: a 2D canvas context. */
export interface TextMeasurer {
  font: string;
  measureText(text: string): unknown;
}

const canvasMeasurer = (): TextMeasurer | null =>
  typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1).getContext('2d') : null;

/**
 * Readies the browser's font system for these CSS fonts (issue 12), in idle periods, then calls
 * `done`; returns a cancel. The first text laid out in a size and weight not used before waits
 * for a font look-up (on Linux a synchronous call to the browser process, a few ms each): the
 * wizard's first view brings about a dozen, and they doubled the first layout of the first open.
 * Measuring a sample in each font on a canvas makes the same look-ups while the clerk is still
 * reading the list, without putting anything in the page.
 */
export function warmFonts(
  fonts: readonly string[],
  sample: string,
  done: () => void = () => {},
  measurer: TextMeasurer | null = canvasMeasurer(),
): () => void {
  let next = 0;
  let cancelIdle = () => {};
  const slice = (deadline?: IdleDeadline) => {
    // At least one font per idle period; more while the period lasts.
    do {
      const font = fonts[next++];
      if (font === undefined || !measurer) break;
      measurer.font = font;
      measurer.measureText(sample);
    } while (deadline && deadline.timeRemaining() > 4);
    if (measurer && next < fonts.length) cancelIdle = whenIdle(slice);
    else done();
  };
  cancelIdle = whenIdle(slice);
  return () => cancelIdle();
}
