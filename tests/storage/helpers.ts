import { readFileSync } from 'node:fs';
import type { Report } from '../../src/report';
import { fromJson } from '../../src/report/json';
import { StorageConnection } from '../../src/storage/connection';

let n = 0;
/** A fresh database per test (fake-indexeddb is global to the test file). */
export function freshConnection(): StorageConnection {
  n += 1;
  return new StorageConnection({ name: `nianbao-test-${Date.now()}-${n}` });
}

export function laodian(): Report {
  const r = fromJson(JSON.parse(readFileSync('tests/fixtures/laodian-2023.json', 'utf8')));
  if (!r.ok) throw new Error('fixture does not load');
  return r.report;
}

export function quotaError(): DOMException {
  return new DOMException('The quota has been exceeded.', 'QuotaExceededError');
}
