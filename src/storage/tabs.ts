// One writer per report across tabs. The writer holds a Web Lock named after the report;
// a second tab that cannot get it opens read-only. 「接管编辑」 asks the writer (over a
// BroadcastChannel) to save and step down, then steals the lock, so nothing typed in
// either tab is silently overwritten. A read-only tab may also queue for the lock
// (waitForFree), so the writer's closing hands the report over without a click. Without Web
// Locks, the channel alone decides.

export type TabRole =
  | { role: 'pending' }
  /** freed: the lock came from waitForFree (the tab that wrote let go); not yet settled by the page. */
  | { role: 'writer'; freed?: true }
  /** 'other-tab': another tab was editing when this one opened; 'taken-over': another tab took it from us. */
  | { role: 'reader'; reason: 'other-tab' | 'taken-over' };

type Message =
  | { type: 'takeover'; reportId: string; from: string }
  | { type: 'released'; reportId: string; from: string }
  | { type: 'who'; reportId: string; from: string }
  | { type: 'here'; reportId: string; from: string };

export interface LockManagerLike {
  request(
    name: string,
    options: { ifAvailable?: boolean; steal?: boolean; signal?: AbortSignal },
    cb: (lock: unknown) => Promise<unknown> | unknown,
  ): Promise<unknown>;
}

export interface ChannelLike {
  postMessage(m: unknown): void;
  addEventListener(type: 'message', fn: (ev: MessageEvent) => void): void;
  removeEventListener(type: 'message', fn: (ev: MessageEvent) => void): void;
  close(): void;
}

export interface TabLockOptions {
  locks?: LockManagerLike | null;
  channel?: ChannelLike | null;
  tabId?: string;
  /** Called before this tab gives up writing: flush the autosave here. */
  beforeRelease?: () => Promise<void>;
  /** How long to wait for the writer's answer before taking over anyway (a frozen tab). */
  handshakeMs?: number;
}

const CHANNEL_NAME = 'nianbao-tabs';

function defaultLocks(): LockManagerLike | null {
  const l = globalThis.navigator?.locks as LockManagerLike | undefined;
  return l && typeof l.request === 'function' ? l : null;
}

function defaultChannel(): ChannelLike | null {
  return typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : null;
}

type Listener = (r: TabRole) => void;

export class ReportTabLock {
  private role: TabRole = { role: 'pending' };
  private listeners = new Set<Listener>();
  private releaseHeld: (() => void) | null = null;
  private waitingRelease: (() => void) | null = null;
  /** The queued request of waitForFree, aborted on leaving or on 接管编辑. */
  private waitingLock: AbortController | null = null;
  private readonly locks: LockManagerLike | null;
  private readonly channel: ChannelLike | null;
  private readonly tabId: string;
  private readonly handshakeMs: number;
  private readonly lockName: string;
  private disposed = false;

  constructor(
    private readonly reportId: string,
    private readonly options: TabLockOptions = {},
  ) {
    this.locks = options.locks === undefined ? defaultLocks() : options.locks;
    this.channel = options.channel === undefined ? defaultChannel() : options.channel;
    this.tabId = options.tabId ?? Math.random().toString(36).slice(2);
    this.handshakeMs = options.handshakeMs ?? 1500;
    this.lockName = `nianbao-report-${reportId}`;
    this.channel?.addEventListener('message', this.onMessage);
  }

  getRole(): TabRole {
    return this.role;
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private set(r: TabRole): void {
    if (this.disposed) return;
    this.role = r;
    for (const fn of this.listeners) fn(r);
  }

  private post(type: Message['type']): void {
    this.channel?.postMessage({ type, reportId: this.reportId, from: this.tabId } satisfies Message);
  }

  /** Try to become the writer; resolves with the role taken. */
  async start(): Promise<TabRole> {
    if (this.locks) {
      await new Promise<void>((decided) => {
        this.locks!.request(this.lockName, { ifAvailable: true }, (lock) => this.hold(lock !== null, decided)).catch(
          () => this.lost(),
        );
      });
    } else if (this.channel) {
      const answered = await this.ask('who', 'here', 300);
      this.set(answered ? { role: 'reader', reason: 'other-tab' } : { role: 'writer' });
    } else {
      this.set({ role: 'writer' });
    }
    return this.role;
  }

  /**
   * Read-only because another tab writes: queue a lock request (no ifAvailable, no steal), so
   * that when that tab closes the lock comes here, and the role becomes `{ role: 'writer',
   * freed: true }`. Web Locks grants one waiting tab at a time: two waiting tabs never both
   * write. Nothing to wait for without Web Locks.
   */
  waitForFree(): void {
    const r = this.role;
    if (!this.locks || this.disposed || this.waitingLock || r.role !== 'reader' || r.reason !== 'other-tab') return;
    const waiting = new AbortController();
    this.waitingLock = waiting;
    let granted = false;
    this.locks
      .request(this.lockName, { signal: waiting.signal }, (lock) => {
        granted = true;
        // Aborted as the grant was on its way: let go at once.
        if (this.waitingLock !== waiting) return;
        this.waitingLock = null;
        return this.hold(lock !== null, () => undefined, true);
      })
      .catch(() => {
        if (this.waitingLock === waiting) this.waitingLock = null;
        // Aborted while queued: nothing was held. Granted, then stolen: lost.
        if (granted) this.lost();
      });
  }

  private stopWaiting(): void {
    this.waitingLock?.abort();
    this.waitingLock = null;
  }

  /** Inside the lock callback: the returned promise keeps the lock until released. */
  private hold(got: boolean, decided: () => void, freed = false): Promise<void> | void {
    // Disposed while the request was in flight (React StrictMode's double effect): let go at once.
    if (this.disposed) {
      decided();
      return;
    }
    if (!got) {
      this.set({ role: 'reader', reason: 'other-tab' });
      decided();
      return;
    }
    this.set(freed ? { role: 'writer', freed: true } : { role: 'writer' });
    decided();
    return new Promise<void>((release) => {
      this.releaseHeld = release;
    });
  }

  /** Our lock was stolen (the other tab did not answer in time). */
  private lost(): void {
    this.releaseHeld = null;
    if (this.role.role === 'writer') this.set({ role: 'reader', reason: 'taken-over' });
  }

  /** 「接管编辑」: the writer saves and steps down, then this tab writes. */
  async takeOver(): Promise<TabRole> {
    if (this.role.role === 'writer') return this.role;
    // The clerk decides now: the queued request goes, so it cannot come later on top of this.
    this.stopWaiting();
    await this.ask('takeover', 'released', this.handshakeMs);
    if (this.locks) {
      await new Promise<void>((decided) => {
        this.locks!.request(this.lockName, { steal: true }, (lock) => this.hold(lock !== null, decided)).catch(() =>
          this.lost(),
        );
      });
    } else {
      this.set({ role: 'writer' });
    }
    return this.role;
  }

  /** Post `ask`, resolve true when `answer` arrives, false after `ms`. */
  private ask(ask: Message['type'], answer: Message['type'], ms: number): Promise<boolean> {
    if (!this.channel) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.waitingRelease = null;
        resolve(false);
      }, ms);
      this.waitingRelease = () => {
        clearTimeout(timer);
        this.waitingRelease = null;
        resolve(true);
      };
      this.expecting = answer;
      this.post(ask);
    });
  }

  private expecting: Message['type'] | null = null;

  private readonly onMessage = (ev: MessageEvent): void => {
    const m = ev.data as Partial<Message> | null;
    if (!m || m.reportId !== this.reportId || m.from === this.tabId) return;
    if (m.type === this.expecting && this.waitingRelease) {
      this.expecting = null;
      this.waitingRelease();
      return;
    }
    if (this.role.role !== 'writer') return;
    if (m.type === 'who') this.post('here');
    if (m.type === 'takeover') void this.stepDown();
  };

  private async stepDown(): Promise<void> {
    try {
      await this.options.beforeRelease?.();
    } finally {
      this.set({ role: 'reader', reason: 'taken-over' });
      this.releaseHeld?.();
      this.releaseHeld = null;
      this.post('released');
    }
  }

  /** Leave: release the lock and stop listening. */
  dispose(): void {
    this.stopWaiting();
    this.releaseHeld?.();
    this.releaseHeld = null;
    this.disposed = true;
    this.channel?.removeEventListener('message', this.onMessage);
    if (this.options.channel === undefined) this.channel?.close();
  }
}
