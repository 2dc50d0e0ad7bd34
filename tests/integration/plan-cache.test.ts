// The month memo is a least-recently-used cache sized to the tenants, and the per-instance meeting
// plan is keyed by Copenhagen's day: rebuilt at Copenhagen's midnight across both DST changes, and
// always the same meetings as computing them afresh.

import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, meetingsBetween, monthCacheStats, sizeMonthCache } from '../../src/domain/calendar.js';
import { planCacheStats, tenantMeetings } from '../../src/app/tenant-calendar.js';
import { CosmosCalendarRepository } from '../../src/adapters/cosmos/reminder-repository.js';
import { freshDatabase } from '../support/cosmos.js';
import type { Directory } from '../../src/domain/directory.js';

const DAY = 86_400_000;

describe('the month memo', () => {
  it('keeps every month of 150 tenants (more than the old 2,000 entries) once sized to them: a second round computes nothing', () => {
    sizeMonthCache(150);
    expect(monthCacheStats().capacity).toBeGreaterThanOrEqual(150 * 20);
    const from = new Date('2026-11-23T10:00:00Z');
    const to = new Date(from.getTime() + 400 * DAY);
    const tenants = Array.from({ length: 150 }, (_, i) => [{ id: `kernegruppe-${i}`, name: `Kernegruppe ${i}` }]);
    for (const k of tenants) meetingsBetween(new Date(from.getTime() - 62 * DAY), to, DEFAULT_CALENDAR, k, []);
    expect(monthCacheStats().size).toBeGreaterThan(2000);
    const before = monthCacheStats();
    for (const k of tenants) meetingsBetween(new Date(from.getTime() - 62 * DAY), to, DEFAULT_CALENDAR, k, []);
    const after = monthCacheStats();
    expect(after.misses - before.misses).toBe(0);
    expect(after.hits - before.hits).toBeGreaterThan(2000);
  });

  it('drops the least recently used month, not the first one stored', () => {
    sizeMonthCache(0); // back to the minimum of 2,000
    const hot = [{ id: 'kernegruppe-hot', name: 'Hot' }];
    const at = new Date('2030-01-10T10:00:00Z');
    meetingsBetween(at, new Date(at.getTime() + DAY), DEFAULT_CALENDAR, hot, []);
    // 2,500 other months pass through, while the hot tenant's months are used all along.
    for (let i = 0; i < 100; i++) {
      meetingsBetween(at, new Date(at.getTime() + 20 * 31 * DAY), DEFAULT_CALENDAR, [{ id: `cold-${i}`, name: `Cold ${i}` }], []);
      meetingsBetween(at, new Date(at.getTime() + DAY), DEFAULT_CALENDAR, hot, []);
    }
    const before = monthCacheStats();
    meetingsBetween(at, new Date(at.getTime() + DAY), DEFAULT_CALENDAR, hot, []);
    expect(monthCacheStats().misses - before.misses).toBe(0);
  });
});

describe('the meeting plan cache across DST', () => {
  const dir = { tenantId: 'tenant-dst', groups: [{ id: 'kernegruppe-a', name: 'Kernegruppe A', kind: 'kernegruppe', members: [] }] } as unknown as Directory;

  it('is rebuilt at Copenhagen midnight in winter and summer time, and always equals the plan computed afresh', async () => {
    const calendars = new CosmosCalendarRepository((await freshDatabase()).containers.directory);
    let now = new Date(0);
    const deps = { calendars, clock: { now: () => now } };
    const builds = () => planCacheStats().builds;
    const at = async (iso: string) => {
      now = new Date(iso);
      const before = builds();
      for (const [back, ahead] of [[0, 45], [62, 400], [40, 400], [2, 105]] as const) {
        const from = new Date(now.getTime() - back * DAY);
        const to = new Date(now.getTime() + ahead * DAY);
        const { meetings } = await tenantMeetings(deps, dir, from, to);
        expect(meetings).toEqual(meetingsBetween(from, to, DEFAULT_CALENDAR, [{ id: 'kernegruppe-a', name: 'Kernegruppe A' }], []));
      }
      return builds() - before;
    };
    // Summer time begins Sunday 28 March 2027 at 02:00 (01:00Z).
    expect(await at('2027-03-27T22:30:00Z')).toBe(1); // 23:30 on the 27th in Copenhagen
    expect(await at('2027-03-27T22:59:00Z')).toBe(0);
    expect(await at('2027-03-27T23:30:00Z')).toBe(1); // 00:30 on the 28th (still the 27th in UTC)
    expect(await at('2027-03-28T21:30:00Z')).toBe(0); // 23:30 summer time, the 28th
    expect(await at('2027-03-28T22:30:00Z')).toBe(1); // 00:30 on the 29th
    // Winter time begins Sunday 31 October 2027 at 03:00 (01:00Z).
    expect(await at('2027-10-30T21:30:00Z')).toBe(1); // 23:30 on the 30th
    expect(await at('2027-10-30T22:30:00Z')).toBe(1); // 00:30 on the 31st
    expect(await at('2027-10-31T22:30:00Z')).toBe(0); // 23:30 winter time, still the 31st
    expect(await at('2027-10-31T23:30:00Z')).toBe(1); // 00:30 on 1 November
  });
});
