// The status across all kernegrupper (issue 13 points 3 and 4): per group its open tenders and their
// bids, konkretiseringer outstanding, the catalogue against its frame and the decisions since the last
// pitstop. Sent with the pitstop reminder to the people at the meeting, and shown on demand by
// "status kernegrupper" to chefs and admins.
//
// Seed 001: "Desuden foreslås månedlige pitstop-møder mellem udvalgsformænd og borgmester (og JTM). Her
// diskuteres status på organisationsarbejdet og kernegruppernes arbejde." and "Arbejdet i
// kernegrupperne diskuteres ½ time på hvert møde i Kommuneledelsen".
//
// Cost: one point read of the calendar (the plan itself is cached), then per kernegruppe the digest's
// four bounded requests (three TOP queries and one point read), all groups at once.

import { isAdmin, type Actor } from '../domain/actor.js';
import type { Meeting } from '../domain/calendar.js';
import type { Directory } from '../domain/directory.js';
import { DAY } from '../domain/reminders.js';
import { fail, ok, type Result } from '../domain/result.js';
import { digestOf, type DigestDeps } from './group-digest.js';
import type { CalendarRepository, Clock, CrossStatus } from './ports.js';
import { kernegrupperOf, tenantMeetings } from './tenant-calendar.js';

export type CrossStatusDeps = DigestDeps & { readonly calendars: CalendarRepository; readonly clock: Clock };

/** How far back the last pitstop is looked for: two months (pitstops are monthly; the plan cache covers 70 days back). */
const PITSTOP_LOOKBACK_MS = 62 * DAY;
/** Without a pitstop in the plan: the last month, as the other digests. */
const DEFAULT_SINCE_MS = 31 * DAY;

/** The latest pitstop that began before `now` and was not cancelled. */
export function lastPitstopBefore(meetings: readonly Meeting[], now: Date): Meeting | undefined {
  return meetings
    .filter((m) => m.kind === 'pitstop' && m.status !== 'cancelled' && Date.parse(m.start) < now.getTime())
    .reduce<Meeting | undefined>((latest, m) => (!latest || m.start > latest.start ? m : latest), undefined);
}

/** The status across all the tenant's kernegrupper, read from stored state. */
export async function crossStatus(deps: CrossStatusDeps, dir: Directory, now: Date): Promise<CrossStatus> {
  const { meetings } = await tenantMeetings(deps, dir, new Date(now.getTime() - PITSTOP_LOOKBACK_MS), now);
  const lastPitstop = lastPitstopBefore(meetings, now);
  const since = lastPitstop ? new Date(lastPitstop.start) : new Date(now.getTime() - DEFAULT_SINCE_MS);
  const groups = await Promise.all(kernegrupperOf(dir).map((g) => digestOf(deps, dir.tenantId, g.id, g.name, now, since)));
  return { since: since.toISOString(), lastPitstop, groups };
}

/**
 * Who may ask for it: a chef or tovholder in any group (seed 001: the work is discussed in
 * Kommuneledelsen, "Arbejdet i kernegrupperne diskuteres ½ time på hvert møde i Kommuneledelsen"), and admins.
 */
export const mayReadCrossStatus = (actor: Actor): boolean => isAdmin(actor) || actor.roles.has('chef') || actor.roles.has('tovholder');

export type CrossStatusError = 'CROSS_STATUS.NOT_ALLOWED' | 'DIRECTORY.MISSING';

/** "status kernegrupper": the status across all kernegrupper, for those who may read it. */
export async function crossStatusFor(deps: CrossStatusDeps, actor: Actor, directory: Directory | undefined): Promise<Result<CrossStatus, CrossStatusError>> {
  if (!mayReadCrossStatus(actor)) return fail('CROSS_STATUS.NOT_ALLOWED');
  if (!directory) return fail('DIRECTORY.MISSING');
  return ok(await crossStatus(deps, directory, deps.clock.now()));
}
