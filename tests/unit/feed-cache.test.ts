// The calendar feed's cache and rate limits as pure pieces: concurrent misses share one build, a new
// roster or calendar version or the TTL rebuilds, and token buckets refill at their rate.

import { describe, expect, it } from 'vitest';
import { FeedCache, TokenBuckets } from '../../src/adapters/http/feed-cache.js';

describe('FeedCache', () => {
  it('builds once for 20 clients at once, again when the version changes or the TTL has run out', async () => {
    let now = 1_000_000;
    let builds = 0;
    const cache = new FeedCache(300_000, () => now);
    const build = async () => {
      builds++;
      await new Promise((r) => setTimeout(r, 5));
      return 'BEGIN:VCALENDAR';
    };
    const feeds = await Promise.all(Array.from({ length: 20 }, () => cache.get('t1', 'dir1|cal1', build)));
    expect(builds).toBe(1);
    expect(new Set(feeds.map((f) => f.etag)).size).toBe(1);
    await cache.get('t1', 'dir1|cal2', build);
    expect(builds).toBe(2);
    now += 299_999;
    await cache.get('t1', 'dir1|cal2', build);
    expect(builds).toBe(2);
    now += 1;
    const rebuilt = await cache.get('t1', 'dir1|cal2', build);
    expect(builds).toBe(3);
    // The same body keeps its Last-Modified across rebuilds.
    expect(rebuilt.lastModified).toEqual(feeds[0]!.lastModified);
    await cache.get('t2', 'dir1|cal1', build);
    expect(builds).toBe(4);
  });

  it('does not keep a failed build', async () => {
    const cache = new FeedCache(300_000, () => 0);
    await expect(cache.get('t', 'v', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect((await cache.get('t', 'v', async () => 'ok')).body).toBe('ok');
  });
});

describe('TokenBuckets', () => {
  it('lets a burst through, then one request per refill, and says how long to wait', () => {
    let now = 0;
    const buckets = new TokenBuckets({ burst: 3, perSecond: 0.5 }, () => now);
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 0]);
    expect(buckets.take('a')).toBe(2);
    expect(buckets.take('b')).toBe(0);
    now += 2000;
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(2);
  });

  it('stays bounded in keys', () => {
    let now = 0;
    const buckets = new TokenBuckets({ burst: 1, perSecond: 1 }, () => now, 100);
    for (let i = 0; i < 1000; i++) {
      now += 10;
      expect(buckets.take(`client-${i}`)).toBe(0);
    }
    expect((buckets as unknown as { buckets: Map<string, unknown> }).buckets.size).toBeLessThanOrEqual(100);
  });
});
