// @vitest-environment node
// Ids of reports and of every file 汇总 reads: unique, the same form as before, and cheap
// (random bytes drawn in blocks, not one getRandomValues call per id).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newId } from '../../src/storage/repository';

afterEach(() => vi.restoreAllMocks());

describe('newId', () => {
  it('gives distinct ids of time and 16 hex digits, drawing random bytes once per 512 ids', () => {
    // Whatever the pool holds now is used up first.
    for (let i = 0; i < 512; i++) newId();
    const spy = vi.spyOn(globalThis.crypto, 'getRandomValues');
    const ids = Array.from({ length: 2048 }, newId);
    expect(new Set(ids).size).toBe(2048);
    for (const id of ids) expect(id).toMatch(/^[0-9a-z]+[0-9a-f]{16}$/);
    expect(spy.mock.calls.length).toBeGreaterThanOrEqual(4);
    expect(spy.mock.calls.length).toBeLessThanOrEqual(5);
  });
});
