import { StorageConnection } from '../../src/storage/connection';
import { seed } from '../helpers/reports';

let n = 0;
/** A fresh database per test (fake-indexeddb is global to the test file). */
export function freshConnection(): StorageConnection {
  n += 1;
  return new StorageConnection({ name: `nianbao-test-${Date.now()}-${n}` });
}

/** The seed (see tests/helpers/reports.ts). */
export const laodian = seed;

export function quotaError(): DOMException {
  return new DOMException('The quota has been exceeded.', 'QuotaExceededError');
}
