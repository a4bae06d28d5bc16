// A render counter for tests that prove a keystroke re-renders only what it changed.
// Components call `renderProbe.record?.(id)`; it is null (a no-op) unless a test sets it.
export const renderProbe: { record: ((id: string) => void) | null } = { record: null };
