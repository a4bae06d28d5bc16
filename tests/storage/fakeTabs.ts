// Web Locks and BroadcastChannel for tabs of one origin, as the browser does them, in memory.
import type { ChannelLike, LockManagerLike } from '../../src/storage/tabs';

/** Web Locks as the browser does them, for one origin: ifAvailable, steal, FIFO waiting, a waiting request's signal. */
export class FakeLocks implements LockManagerLike {
  private held = new Map<string, { abort: (e: unknown) => void }>();
  private waiting = new Map<string, (() => void)[]>();

  request(
    name: string,
    options: { ifAvailable?: boolean; steal?: boolean; signal?: AbortSignal },
    cb: (lock: unknown) => unknown,
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const aborted = () => new DOMException('The request was aborted', 'AbortError');
      if (options.signal?.aborted) return void reject(aborted());
      const grant = () => {
        const token = {};
        let done = false;
        this.held.set(name, {
          abort: (e) => {
            done = true;
            reject(e);
          },
        });
        Promise.resolve(cb({ name })).then(
          (v) => {
            if (done) return;
            this.release(name);
            resolve(v);
          },
          (e) => {
            if (done) return;
            this.release(name);
            reject(e);
          },
        );
        return token;
      };
      const current = this.held.get(name);
      if (!current) return void grant();
      if (options.steal) {
        this.held.delete(name);
        current.abort(new DOMException('The lock was stolen', 'AbortError'));
        return void grant();
      }
      if (options.ifAvailable) {
        Promise.resolve(cb(null)).then(resolve, reject);
        return;
      }
      this.waiting.set(name, [...(this.waiting.get(name) ?? []), grant]);
      // Aborting takes a request out of the queue; once granted, the signal no longer matters.
      options.signal?.addEventListener('abort', () => {
        const queue = this.waiting.get(name) ?? [];
        if (!queue.includes(grant)) return;
        this.waiting.set(
          name,
          queue.filter((g) => g !== grant),
        );
        reject(aborted());
      });
    });
  }

  /** Requests queued for `name` (what a test checks after leaving or 接管编辑). */
  waitingFor(name: string): number {
    return this.waiting.get(name)?.length ?? 0;
  }

  private release(name: string) {
    this.held.delete(name);
    const next = this.waiting.get(name)?.shift();
    next?.();
  }
}

/** BroadcastChannel between tabs of one origin: delivered to every other channel, asynchronously. */
export class FakeHub {
  channels = new Set<FakeChannel>();
  open(): FakeChannel {
    const c = new FakeChannel(this);
    this.channels.add(c);
    return c;
  }
}
class FakeChannel implements ChannelLike {
  private fns = new Set<(ev: MessageEvent) => void>();
  constructor(private hub: FakeHub) {}
  postMessage(m: unknown) {
    for (const c of this.hub.channels)
      if (c !== this) setTimeout(() => c.fns.forEach((fn) => fn({ data: m } as MessageEvent)), 0);
  }
  addEventListener(_t: 'message', fn: (ev: MessageEvent) => void) {
    this.fns.add(fn);
  }
  removeEventListener(_t: 'message', fn: (ev: MessageEvent) => void) {
    this.fns.delete(fn);
  }
  close() {
    this.hub.channels.delete(this);
  }
}
