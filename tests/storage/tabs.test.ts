// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ReportTabLock } from '../../src/storage/tabs';
import { FakeHub, FakeLocks } from './fakeTabs';

function twoTabs(withLocks = true) {
  const locks = withLocks ? new FakeLocks() : null;
  const hub = new FakeHub();
  const flushed: string[] = [];
  const tab = (name: string) =>
    new ReportTabLock('report-1', {
      locks,
      channel: hub.open(),
      tabId: name,
      handshakeMs: 200,
      beforeRelease: async () => {
        flushed.push(name);
      },
    });
  return { a: tab('A'), b: tab('B'), flushed, locks };
}

describe.each([
  ['Web Locks', true],
  ['BroadcastChannel only', false],
])('two tabs on one report (%s)', (_name, withLocks) => {
  it('the first writes, the second opens read-only', async () => {
    const { a, b } = twoTabs(withLocks);
    expect(await a.start()).toEqual({ role: 'writer' });
    expect(await b.start()).toEqual({ role: 'reader', reason: 'other-tab' });
    a.dispose();
    b.dispose();
  });

  it('接管编辑: the writer saves first, then becomes read-only and is told why', async () => {
    const { a, b, flushed } = twoTabs(withLocks);
    await a.start();
    await b.start();
    const seenByA: string[] = [];
    a.subscribe((r) => seenByA.push(r.role === 'reader' ? `reader:${r.reason}` : r.role));
    expect(await b.takeOver()).toEqual({ role: 'writer' });
    expect(flushed).toEqual(['A']);
    expect(a.getRole()).toEqual({ role: 'reader', reason: 'taken-over' });
    expect(seenByA).toEqual(['reader:taken-over']);
    a.dispose();
    b.dispose();
  });

  it('a third tab opened after a takeover is read-only too', async () => {
    const { a, b, locks } = twoTabs(withLocks);
    await a.start();
    await b.start();
    await b.takeOver();
    const hubless = new ReportTabLock('report-1', { locks, channel: null, tabId: 'C' });
    if (withLocks) expect(await hubless.start()).toEqual({ role: 'reader', reason: 'other-tab' });
    a.dispose();
    b.dispose();
    hubless.dispose();
  });
});

describe('a frozen writer', () => {
  it('the takeover goes ahead after the handshake times out, and the old writer learns it lost the lock', async () => {
    const locks = new FakeLocks();
    const hub = new FakeHub();
    const a = new ReportTabLock('r', { locks, channel: null, tabId: 'A' }); // hears nothing
    const b = new ReportTabLock('r', { locks, channel: hub.open(), tabId: 'B', handshakeMs: 50 });
    await a.start();
    await b.start();
    expect(await b.takeOver()).toEqual({ role: 'writer' });
    await new Promise((r) => setTimeout(r, 0));
    expect(a.getRole()).toEqual({ role: 'reader', reason: 'taken-over' });
    a.dispose();
    b.dispose();
  });
});

describe('leaving', () => {
  it('a closed writer frees the report for the next tab', async () => {
    const locks = new FakeLocks();
    const a = new ReportTabLock('r', { locks, channel: null, tabId: 'A' });
    await a.start();
    a.dispose();
    await new Promise((r) => setTimeout(r, 0));
    const b = new ReportTabLock('r', { locks, channel: null, tabId: 'B' });
    expect(await b.start()).toEqual({ role: 'writer' });
    b.dispose();
  });

  it('a tab closed while its lock request was in flight does not keep the lock (StrictMode remount)', async () => {
    const locks = new FakeLocks();
    const a = new ReportTabLock('r', { locks, channel: null, tabId: 'A' });
    const started = a.start();
    a.dispose();
    await started;
    await new Promise((r) => setTimeout(r, 0));
    const again = new ReportTabLock('r', { locks, channel: null, tabId: 'A2' });
    expect(await again.start()).toEqual({ role: 'writer' });
    again.dispose();
  });
});

describe('waiting for the writer to let go (issue 12)', () => {
  const lockName = 'nianbao-report-r';
  const tab = (locks: FakeLocks, name: string) => new ReportTabLock('r', { locks, channel: null, tabId: name });
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('a read-only tab becomes the writer by itself when the writer closes', async () => {
    const locks = new FakeLocks();
    const a = tab(locks, 'A');
    const b = tab(locks, 'B');
    await a.start();
    await b.start();
    b.waitForFree();
    expect(locks.waitingFor(lockName)).toBe(1);
    expect(b.getRole()).toEqual({ role: 'reader', reason: 'other-tab' });
    a.dispose();
    await settle();
    expect(b.getRole()).toEqual({ role: 'writer', freed: true });
    // It holds the lock: a tab opened now is read-only.
    const c = tab(locks, 'C');
    expect(await c.start()).toEqual({ role: 'reader', reason: 'other-tab' });
    b.dispose();
    c.dispose();
  });

  it('of two waiting tabs only the first becomes the writer; the second when the first closes', async () => {
    const locks = new FakeLocks();
    const a = tab(locks, 'A');
    const b = tab(locks, 'B');
    const c = tab(locks, 'C');
    await a.start();
    await b.start();
    await c.start();
    b.waitForFree();
    c.waitForFree();
    a.dispose();
    await settle();
    expect(b.getRole().role).toBe('writer');
    expect(c.getRole()).toEqual({ role: 'reader', reason: 'other-tab' });
    b.dispose();
    await settle();
    expect(c.getRole()).toEqual({ role: 'writer', freed: true });
    c.dispose();
  });

  it('leaving the report abandons the waiting request', async () => {
    const locks = new FakeLocks();
    const a = tab(locks, 'A');
    const b = tab(locks, 'B');
    await a.start();
    await b.start();
    const seenByB: string[] = [];
    b.subscribe((r) => seenByB.push(r.role));
    b.waitForFree();
    b.dispose();
    await settle();
    expect(locks.waitingFor(lockName)).toBe(0);
    a.dispose();
    await settle();
    // Nobody holds the report: the next tab writes, and B was never told it writes.
    const d = tab(locks, 'D');
    expect(await d.start()).toEqual({ role: 'writer' });
    expect(seenByB).toEqual([]);
    d.dispose();
  });

  it('接管编辑 abandons the waiting request, and the old writer closing later changes nothing', async () => {
    const locks = new FakeLocks();
    const hub = new FakeHub();
    const a = new ReportTabLock('r', { locks, channel: hub.open(), tabId: 'A', handshakeMs: 200 });
    const b = new ReportTabLock('r', { locks, channel: hub.open(), tabId: 'B', handshakeMs: 200 });
    await a.start();
    await b.start();
    b.waitForFree();
    expect(await b.takeOver()).toEqual({ role: 'writer' });
    expect(locks.waitingFor(lockName)).toBe(0);
    expect(a.getRole()).toEqual({ role: 'reader', reason: 'taken-over' });
    const seenByB: string[] = [];
    b.subscribe((r) => seenByB.push(r.role));
    a.dispose();
    await settle();
    expect(b.getRole()).toEqual({ role: 'writer' });
    expect(seenByB).toEqual([]);
    b.dispose();
  });

  it('a writer, or a tab without Web Locks, queues nothing', async () => {
    const locks = new FakeLocks();
    const a = tab(locks, 'A');
    await a.start();
    a.waitForFree();
    expect(locks.waitingFor(lockName)).toBe(0);
    const hub = new FakeHub();
    const x = new ReportTabLock('r', { locks: null, channel: hub.open(), tabId: 'X' });
    const y = new ReportTabLock('r', { locks: null, channel: hub.open(), tabId: 'Y' });
    await x.start();
    expect(await y.start()).toEqual({ role: 'reader', reason: 'other-tab' });
    y.waitForFree();
    x.dispose();
    await settle();
    expect(y.getRole()).toEqual({ role: 'reader', reason: 'other-tab' });
    a.dispose();
    y.dispose();
  });
});
