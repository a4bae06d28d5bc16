import 'fake-indexeddb/auto';

// Tests in the node environment (the domain's, storage's, 汇总's) have no DOM: they skip loading
// React DOM and the DOM matchers, which cost most of a file's set-up.
if (typeof document !== 'undefined') {
  await import('@testing-library/jest-dom/vitest');
  const { configure } = await import('@testing-library/react');
  // findBy…/waitFor give up after 1 s by default: on a busy 2-core machine a lazy import and a
  // zod parse can take longer. Tests wait with these (not vi.waitFor, which keeps its 1 s).
  configure({ asyncUtilTimeout: 15_000 });
}
