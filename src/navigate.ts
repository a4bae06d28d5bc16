/** The app's routes live in the URL hash (#report=<id>&step=…, #view=import, #view=collect&c=<id>). */
export function navigate(hash: string): void {
  if (window.location.hash === hash) return;
  // A history entry as setting location.hash makes, without its scroll to the fragment (a
  // layout of the page being left: 3–40 ms on a busy laptop, issue 12) and its hashchange a task
  // later: the app is told here. Back and forward still bring hashchange.
  window.history.pushState(null, '', hash);
  for (const cb of [...listeners]) cb();
}

const listeners = new Set<() => void>();

/** Follows the hash: its changes by navigate (at once) and by the browser (back, forward, a link). */
export function subscribeHash(cb: () => void): () => void {
  listeners.add(cb);
  window.addEventListener('hashchange', cb);
  return () => {
    listeners.delete(cb);
    window.removeEventListener('hashchange', cb);
  };
}
