// The claim both senders (reminders, the outbox) take before a Teams call: an item is sendable when
// pending or when an earlier claim has run out; whoever writes the claim with the item's etag first
// sends it, and the claim is released with the sender's own etag when the send is done.
//
// A claim is kept alive while its item is being worked on (pacer waits, 429 retries, a slow post):
// it is extended with its own etag before it can run out, so another instance never finds it expired
// while this one may still post. An extension that fails means the item was taken over: it is no
// longer ours, and is neither posted nor counted. Every write on a claim goes through one queue, so
// an extension and the release never race each other with the same etag.

import type { SaveOutcome, Versioned } from './ports.js';

export interface Claimable {
  readonly status: string;
  readonly claimedBy?: string | undefined;
  readonly claimedUntil?: string | undefined;
  readonly updatedAt: string;
}

export interface ClaimStore<T> {
  get(tenantId: string, id: string): Promise<Versioned<T> | undefined>;
  save(item: T, etag: string): Promise<SaveOutcome>;
}

/**
 * Waits `ms` of the clock's time without moving it; resolves early when `signal` aborts. Production:
 * a timer (the system clock is the clock); tests: their own clock.
 */
export type Timer = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realTimer: Timer = (ms, signal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, Math.max(0, ms));
    // A timer waiting on a claim or a post must not keep a stopping process alive.
    t.unref?.();
    signal?.addEventListener('abort', done, { once: true });
  });

/** Pending, or claimed by a sender whose claim has run out (it died mid-send). */
export function sendable(item: Claimable, now: Date): boolean {
  const claimExpired = item.status === 'sending' && (!item.claimedUntil || new Date(item.claimedUntil).getTime() <= now.getTime());
  return item.status === 'pending' || claimExpired;
}

export interface Claim<T> {
  readonly claimed: T;
  /** When the claim runs out, as far as this instance wrote it (ms). */
  readonly until: number;
  /** True once an extension or the release found the item taken over by someone else. */
  readonly lost: boolean;
  /**
   * Makes sure the claim stands for at least `minMs` more: no request when it does, otherwise an
   * extension to now + the claim's length (a write with the claim's etag and a read for the new etag).
   * False when the item is someone else's now.
   */
  keep(minMs: number): Promise<boolean>;
  /** Writes the outcome and drops the claim, with the claim's own etag; 'conflict' when it was taken over. */
  release(patch: Partial<T>): Promise<SaveOutcome>;
}

/**
 * Claims `found` for `instanceId` until now + `claimMs`. Undefined when another sender got it first;
 * otherwise the claim (the claimed item, `keep` to extend it, `release` to write the outcome).
 */
export async function claimToSend<T extends Claimable>(
  store: ClaimStore<T>,
  tenantId: string,
  id: string,
  found: Versioned<T>,
  opts: { instanceId: string; now: Date; claimMs: number; clock: { now(): Date } },
): Promise<Claim<T> | undefined> {
  const { instanceId, now, claimMs, clock } = opts;
  let current: T = { ...found.value, status: 'sending', claimedBy: instanceId, claimedUntil: new Date(now.getTime() + claimMs).toISOString(), updatedAt: now.toISOString() };
  if ((await store.save(current, found.etag)) !== 'saved') return undefined;
  const read = await store.get(tenantId, id);
  // Someone may have written between the claim and this read (a claim that ran out at once): then it is theirs.
  if (!read || read.value.claimedBy !== instanceId || read.value.claimedUntil !== current.claimedUntil) return undefined;
  let etag = read.etag;
  let lost = false;
  let done = false;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <R>(work: () => Promise<R>): Promise<R> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };
  const claim: Claim<T> = {
    claimed: current,
    get until() {
      return new Date(current.claimedUntil!).getTime();
    },
    get lost() {
      return lost;
    },
    keep: (minMs) =>
      serial(async () => {
        if (lost || done) return false;
        const at = clock.now().getTime();
        if (new Date(current.claimedUntil!).getTime() - at >= minMs) return true;
        const extended: T = { ...current, claimedUntil: new Date(at + claimMs).toISOString(), updatedAt: new Date(at).toISOString() };
        if ((await store.save(extended, etag)) !== 'saved') {
          lost = true;
          return false;
        }
        const fresh = await store.get(tenantId, id);
        if (!fresh || fresh.value.claimedBy !== instanceId || fresh.value.claimedUntil !== extended.claimedUntil) {
          lost = true;
          return false;
        }
        current = extended;
        etag = fresh.etag;
        return true;
      }),
    release: (patch) =>
      serial(async () => {
        if (lost || done) return 'conflict' as const;
        done = true;
        const outcome = await store.save({ ...current, ...patch, claimedBy: undefined, claimedUntil: undefined, updatedAt: clock.now().toISOString() }, etag);
        if (outcome !== 'saved') lost = true;
        return outcome;
      }),
  };
  return claim;
}

/**
 * Keeps `claim` alive in the background until stopped: it is extended when half of it is used, so it
 * cannot run out while the item is worked on (a post is bounded well under half a claim's length
 * only in the worst case of a stalled connector: see the senders' POST_TIMEOUT_MS).
 */
export function keepClaimAlive<T>(claim: Claim<T>, opts: { claimMs: number; clock: { now(): Date }; timer: Timer }): { stop(): void } {
  const stopper = new AbortController();
  void (async () => {
    while (!stopper.signal.aborted && !claim.lost) {
      // At least a second between tries, so a database that fails the extension is not hammered.
      await opts.timer(Math.max(1000, claim.until - opts.claimMs / 2 - opts.clock.now().getTime()), stopper.signal);
      if (stopper.signal.aborted) return;
      if (!(await claim.keep(opts.claimMs / 2).catch(() => true))) return;
    }
  })();
  return { stop: () => stopper.abort() };
}

export const TIMED_OUT = 'timed-out' as const;

/** `call`, or TIMED_OUT once `ms` have passed on the timer (the call is then left to finish on its own, unheard). */
export async function within<R>(call: Promise<R>, ms: number, timer: Timer): Promise<R | typeof TIMED_OUT> {
  const stopper = new AbortController();
  // A call given up on may still fail later: nobody listens to it any more.
  call.catch(() => undefined);
  try {
    return await Promise.race([call, timer(ms, stopper.signal).then(() => TIMED_OUT)]);
  } finally {
    stopper.abort();
  }
}
