import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/react';

// findBy…/waitFor give up after 1 s by default: on a busy 2-core machine a lazy import and a
// zod parse can take longer. Tests wait with these (not vi.waitFor, which keeps its 1 s).
configure({ asyncUtilTimeout: 15_000 });
