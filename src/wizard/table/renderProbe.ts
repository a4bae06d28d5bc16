// A render counter for tests that prove a keystroke re-renders only what it changed.
// Components call `if (import.meta.env.MODE === 'test') renderProbe.record?.(id)`: the
// production build replaces MODE with 'production', drops the call and with it this module.
export const renderProbe: { record: ((id: string) => void) | null } = { record: null };
