// Moving the clerk to a cell or field named by its path: every input of the wizard
// carries name=<path>, so the path of a finding is enough to find it.

/** Focus the first of `paths` present in the page, retrying for a few frames while the step renders. */
export function focusPath(paths: readonly string[], frames = 30): void {
  const attempt = (left: number) => {
    for (const p of paths) {
      const el = document.querySelector<HTMLElement>(`[name="${p.replace(/["\\]/g, '\\$&')}"]`);
      if (!el) continue;
      el.focus({ preventScroll: true });
      el.scrollIntoView?.({ block: 'center', inline: 'nearest' });
      return;
    }
    if (left > 0) requestAnimationFrame(() => attempt(left - 1));
  };
  attempt(frames);
}
