// Several instances of the bot on one database. Reminders are sent by one instance at a time, the
// holder of the sender lease (an item with a holder and an expiry, written with its etag); it keeps
// the lease for as long as its run lasts, renewing it when half of it is used, and stops claiming
// (and posting) as soon as it is lost. The outbox has no lease: every instance sends, each notice
// claimed with its etag. On shutdown an instance stops taking work, waits a bounded time for the
// posts under way, gives back what it claimed and did not send, and releases the lease, so another
// instance takes over at once instead of when the lease and the claims run out.

import type { Clock, LeaseRepository, SaveOutcome } from './ports.js';
import { realTimer, type Claim, type Timer } from './send-claim.js';

/** What one instance's senders share: whether it is stopping, and the claims it holds right now. */
export class SenderControl {
  private stopped = false;
  private readonly claims = new Set<{ giveBack(): Promise<SaveOutcome> }>();

  get stopping(): boolean {
    return this.stopped;
  }

  /** No new claims and no new posts from now on. */
  stop(): void {
    this.stopped = true;
  }

  /** Tracks a claim until `untrack` is called; `giveBack` puts its item back as pending. */
  track<T>(claim: Claim<T>, patch: Partial<T>): () => void {
    const entry = { giveBack: () => claim.release(patch) };
    this.claims.add(entry);
    return () => this.claims.delete(entry);
  }

  /** Gives back every claim still held (their posts did not finish in time): how many were given back. */
  async giveBackAll(): Promise<number> {
    const held = [...this.claims];
    this.claims.clear();
    const outcomes = await Promise.all(held.map((c) => c.giveBack().catch(() => 'conflict' as const)));
    return outcomes.filter((o) => o === 'saved').length;
  }
}

export interface LeaseDeps {
  readonly leases: LeaseRepository;
  readonly clock: Clock;
}

/**
 * The lease for one run of a sender. `take` at the start (one read when this instance holds it with
 * more than half left; a read and a write when it takes or renews it); then `keepAlive` renews it in
 * the background (a read and a write every half lease) until the run ends, and `held` says whether
 * the run may go on claiming.
 */
export class RunLease {
  private expiresAt = 0;
  private lost = false;
  private renewing: Promise<boolean> | undefined;
  private readonly stopper = new AbortController();

  constructor(
    private readonly deps: LeaseDeps,
    private readonly name: string,
    private readonly instanceId: string,
    private readonly ttlMs: number,
    /** The instance is stopping: no renewal then (the lease is being released; a run cut short must not take it back). */
    private readonly stopping: () => boolean = () => false,
  ) {}

  /** A renewal found another holder: the run stops claiming. */
  get isLost(): boolean {
    return this.lost;
  }

  /** Takes the lease, or renews it when half used; false when another instance holds it. */
  async take(): Promise<boolean> {
    const now = this.deps.clock.now().getTime();
    const current = await this.deps.leases.get(this.name);
    const theirs = current && current.value.holder !== this.instanceId && new Date(current.value.expiresAt).getTime() > now;
    if (theirs) return false;
    if (current?.value.holder === this.instanceId && new Date(current.value.expiresAt).getTime() - now > this.ttlMs / 2) {
      this.expiresAt = new Date(current.value.expiresAt).getTime();
      return true;
    }
    const expiresAt = now + this.ttlMs;
    if ((await this.deps.leases.save(this.name, { holder: this.instanceId, expiresAt: new Date(expiresAt).toISOString() }, current?.etag)) !== 'saved') return false;
    this.expiresAt = expiresAt;
    return true;
  }

  /**
   * Whether the run may go on: true without a request while more than half the lease is left; otherwise
   * renewed first (one renewal at a time, shared by every worker). False once another instance holds it.
   */
  keep(): Promise<boolean> {
    if (this.lost || this.stopping()) return Promise.resolve(false);
    if (this.expiresAt - this.deps.clock.now().getTime() > this.ttlMs / 2) return Promise.resolve(true);
    this.renewing ??= this.take()
      .then((held) => {
        if (!held) this.lost = true;
        return held;
      })
      .finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  /** Renews the lease whenever half of it is used, until `stop`; a renewal that finds another holder ends it. */
  keepAlive(timer: Timer = realTimer): void {
    void (async () => {
      while (!this.stopper.signal.aborted && !this.lost) {
        await timer(Math.max(1000, this.expiresAt - this.ttlMs / 2 - this.deps.clock.now().getTime()), this.stopper.signal);
        if (this.stopper.signal.aborted) return;
        // A database error is tried again a second later; the lease runs out on its own if it stays down.
        await this.keep().catch(() => undefined);
      }
    })();
  }

  stop(): void {
    this.stopper.abort();
  }
}

/**
 * Ends this instance's hold on the lease at once (its expiry set to now), so another instance takes it
 * at its next tick instead of a minute later. A read, and a write when this instance holds it.
 */
export async function releaseLease(deps: LeaseDeps, name: string, instanceId: string): Promise<boolean> {
  const current = await deps.leases.get(name);
  if (!current || current.value.holder !== instanceId) return false;
  return (await deps.leases.save(name, { holder: instanceId, expiresAt: deps.clock.now().toISOString() }, current.etag)) === 'saved';
}
