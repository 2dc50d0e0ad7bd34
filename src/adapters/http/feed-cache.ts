// What keeps /calendar.ics cheap and public at once: each tenant's feed built once and served until
// its directory or calendar item changes or the TTL the feed advertises runs out (concurrent misses
// share one build), and token buckets per client address and for the route as a whole.

import { createHash } from 'node:crypto';

export interface Feed {
  readonly body: string;
  /** Strong validator: a hash of the body. */
  readonly etag: string;
  /** When this body was first built (kept across rebuilds that give the same body). */
  readonly lastModified: Date;
}

interface Entry {
  readonly version: string;
  readonly builtAt: number;
  readonly feed: Promise<Feed>;
}

export class FeedCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
    /** Tenants kept at once; the least recently built goes first. */
    private readonly maxTenants = 1000,
  ) {}

  /** The tenant's feed for `version` (the directory's and calendar's etags), built by `build` only when missing or older than the TTL. */
  get(tenantId: string, version: string, build: () => Promise<string>): Promise<Feed> {
    const at = this.now();
    const old = this.entries.get(tenantId);
    if (old && old.version === version && at - old.builtAt < this.ttlMs) return old.feed;
    const feed = build().then(async (body) => {
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      const before = old ? await old.feed.catch(() => undefined) : undefined;
      return { body, etag, lastModified: before?.etag === etag ? before.lastModified : new Date(Math.floor(at / 1000) * 1000) };
    });
    // A failed build is not served to the next caller.
    feed.catch(() => {
      if (this.entries.get(tenantId)?.feed === feed) this.entries.delete(tenantId);
    });
    this.entries.delete(tenantId);
    if (this.entries.size >= this.maxTenants) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(tenantId, { version, builtAt: at, feed });
    return feed;
  }
}

export interface BucketLimits {
  /** Requests that may come at once. */
  readonly burst: number;
  /** Requests per second sustained. */
  readonly perSecond: number;
}

/** One token bucket per key: `take` answers 0 when the request may go ahead, else the seconds to wait. */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limits: BucketLimits,
    private readonly now: () => number,
    private readonly maxKeys = 10_000,
  ) {}

  take(key: string): number {
    const at = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.limits.burst, at };
    const tokens = Math.min(this.limits.burst, b.tokens + (Math.max(0, at - b.at) / 1000) * this.limits.perSecond);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at });
      return Math.max(1, Math.ceil((1 - tokens) / this.limits.perSecond));
    }
    if (!this.buckets.has(key) && this.buckets.size >= this.maxKeys) this.forgetFull(at);
    this.buckets.set(key, { tokens: tokens - 1, at });
    return 0;
  }

  /** Buckets that have refilled are the same as no bucket; dropping them keeps the map bounded. */
  private forgetFull(at: number): void {
    for (const [key, b] of this.buckets) if (b.tokens + ((at - b.at) / 1000) * this.limits.perSecond >= this.limits.burst) this.buckets.delete(key);
    if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
  }
}
