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

/** Runs `fn` once the browser is idle (or after a short delay where it cannot say); returns a cancel. */
export function whenIdle(fn: () => void): () => void {
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
