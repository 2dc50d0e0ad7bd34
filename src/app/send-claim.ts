// The claim both senders (reminders, the outbox) take before a Teams call: an item is sendable when
// pending or when an earlier claim has run out; whoever writes the claim with the item's etag first
// sends it, and the claim is released with the sender's own etag when the send is done.

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

/** Pending, or claimed by a sender whose claim has run out (it died mid-send). */
export function sendable(item: Claimable, now: Date): boolean {
  const claimExpired = item.status === 'sending' && (!item.claimedUntil || new Date(item.claimedUntil).getTime() <= now.getTime());
  return item.status === 'pending' || claimExpired;
}

/**
 * Claims `found` for `instanceId` until now + `claimMs`. Undefined when another sender got it first;
 * otherwise the claimed item and `release(patch)`, which writes the outcome and drops the claim.
 */
export async function claimToSend<T extends Claimable>(
  store: ClaimStore<T>,
  tenantId: string,
  id: string,
  found: Versioned<T>,
  opts: { instanceId: string; now: Date; claimMs: number; clock: { now(): Date } },
): Promise<{ claimed: T; release: (patch: Partial<T>) => Promise<SaveOutcome> } | undefined> {
  const { instanceId, now, claimMs, clock } = opts;
  const claimed: T = { ...found.value, status: 'sending', claimedBy: instanceId, claimedUntil: new Date(now.getTime() + claimMs).toISOString(), updatedAt: now.toISOString() };
  if ((await store.save(claimed, found.etag)) !== 'saved') return undefined;
  const claimEtag = (await store.get(tenantId, id))?.etag;
  if (!claimEtag) return undefined;
  const release = (patch: Partial<T>) => store.save({ ...claimed, ...patch, claimedBy: undefined, claimedUntil: undefined, updatedAt: clock.now().toISOString() }, claimEtag);
  return { claimed, release };
}
