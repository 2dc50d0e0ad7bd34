// A tenant's meetings as the calendar has it now: its settings (or the defaults) and the plan with
// the admin's exceptions applied. Shared by the reminders, the calendar commands and the agenda.
//
// The plan is cached per instance (one cache per calendar repository, i.e. per running bot), keyed by
// the calendar item's etag, the kernegrupper (ids and names: all the plan reads from the roster) and
// the day in Copenhagen. A topic add, a "møder" or a scheduler pass then costs the one point read of
// the calendar item (for its etag) and a filter, instead of generating 20 months and applying the
// exceptions each time (issue 11: topic add 17x an echo turn's CPU). A change to the calendar (new
// etag) or to the kernegrupper, or a new day, builds it again.

import { DateTime } from 'luxon';
import { DEFAULT_CALENDAR, meetingsBetween, type Meeting } from '../domain/calendar.js';
import type { Directory } from '../domain/directory.js';
import { ZONE } from '../domain/time.js';
import type { CalendarRepository, CalendarSettings } from './ports.js';

export function settingsOf(tenantId: string, stored: CalendarSettings | undefined): CalendarSettings {
  return stored ?? { tenantId, config: DEFAULT_CALENDAR, overrides: [], warned: [] };
}

export function kernegrupperOf(dir: Directory) {
  return dir.groups.filter((g) => g.kind === 'kernegruppe').map((g) => ({ id: g.id, name: g.name }));
}

const DAY_MS = 86_400_000;
/**
 * What a day's cached plan covers around the Copenhagen day: every window asked for today (the
 * feed's 62 days back, a year and a month ahead) fits inside it. A window that does not is computed
 * directly, uncached, so the cache can only be slower, never wrong.
 */
const BEHIND_MS = 70 * DAY_MS;
const AHEAD_MS = 410 * DAY_MS;

interface CachedPlan {
  readonly key: string;
  readonly from: number;
  readonly to: number;
  readonly meetings: readonly Meeting[];
}

/** How many plans were built and served from the cache, for tests and the bench (not timing). */
export interface PlanCacheStats {
  builds: number;
  hits: number;
}

class PlanCache {
  readonly byTenant = new Map<string, CachedPlan>();
}
// Counted over every cache in the process: a test reads the change over what it does.
const stats: PlanCacheStats = { builds: 0, hits: 0 };

// Per repository object: one per running bot (and per test database), so two databases that happen
// to give the same etag never share a plan.
const caches = new WeakMap<CalendarRepository, PlanCache>();

function cacheOf(calendars: CalendarRepository): PlanCache {
  let cache = caches.get(calendars);
  if (!cache) caches.set(calendars, (cache = new PlanCache()));
  return cache;
}

/** How many plans were built and how many requests were served from a cached one, in this process. */
export function planCacheStats(): Readonly<PlanCacheStats> {
  return { ...stats };
}

/** The local Copenhagen day an instant falls on ("2027-03-28"): the cache is rebuilt at Copenhagen's midnight, in summer and winter time alike. */
export function copenhagenDay(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: ZONE }).toISODate()!;
}

function planFor(calendars: CalendarRepository, dir: Directory, settings: CalendarSettings, etag: string | undefined, now: Date): CachedPlan {
  const cache = cacheOf(calendars);
  const kernegrupper = kernegrupperOf(dir);
  const day = copenhagenDay(now);
  const key = JSON.stringify([etag ?? '', day, kernegrupper.map((g) => [g.id, g.name])]);
  const cached = cache.byTenant.get(dir.tenantId);
  if (cached?.key === key) {
    stats.hits++;
    return cached;
  }
  const midnight = DateTime.fromISO(day, { zone: ZONE }).toMillis();
  const from = midnight - BEHIND_MS;
  const to = midnight + AHEAD_MS;
  const plan = { key, from, to, meetings: meetingsBetween(new Date(from), new Date(to), settings.config, kernegrupper, settings.overrides) };
  stats.builds++;
  cache.byTenant.set(dir.tenantId, plan);
  return plan;
}

export async function tenantMeetings(
  deps: { readonly calendars: CalendarRepository; readonly clock?: { now(): Date } | undefined },
  dir: Directory,
  from: Date,
  to: Date,
): Promise<{ meetings: Meeting[]; settings: CalendarSettings; etag: string | undefined }> {
  const stored = await deps.calendars.get(dir.tenantId);
  const settings = settingsOf(dir.tenantId, stored?.value);
  // The day comes from the business clock where there is one; the window's own start otherwise (its callers ask from about now).
  const plan = planFor(deps.calendars, dir, settings, stored?.etag, deps.clock?.now() ?? from);
  if (from.getTime() < plan.from || to.getTime() > plan.to)
    return { meetings: meetingsBetween(from, to, settings.config, kernegrupperOf(dir), settings.overrides), settings, etag: stored?.etag };
  const meetings = plan.meetings.filter((m) => {
    const start = Date.parse(m.start);
    return start >= from.getTime() && start < to.getTime();
  });
  return { meetings, settings, etag: stored?.etag };
}
