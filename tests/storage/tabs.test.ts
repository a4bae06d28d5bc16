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
