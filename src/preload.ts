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
