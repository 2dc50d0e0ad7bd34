// The municipality's meeting calendar (seed 004's monthly pattern, the 2014 notes' kernegruppe
// meetings, pitstop and konsulentmøde), generated as pure functions of a month and a configuration,
// with the admin's exceptions applied on top. Times are Europe/Copenhagen.

import { DateTime } from 'luxon';
import { HELLIGDAGE } from './helligdage.js';
import { instantFromLocal, ZONE } from './time.js';

export type MeetingKind =
  | 'dialogmoede'
  | 'staaende-udvalg'
  | 'politisk-koordination'
  | 'partigrupper'
  | 'temamoede'
  | 'byraadsmoede'
  | 'kernegruppemoede'
  | 'pitstop'
  | 'konsulentmoede'
  | 'kommuneledelse';

export const MEETING_KINDS: readonly MeetingKind[] = [
  'dialogmoede',
  'staaende-udvalg',
  'politisk-koordination',
  'partigrupper',
  'temamoede',
  'byraadsmoede',
  'kernegruppemoede',
  'pitstop',
  'konsulentmoede',
  'kommuneledelse',
];

export interface Meeting {
  /** Stable across moves: kind, (group,) year and month, e.g. "byraadsmoede-2026-12" or "kernegruppemoede-kernegruppe-laering-2026-12". */
  readonly id: string;
  readonly kind: MeetingKind;
  readonly title: string;
  readonly start: string; // ISO instant
  readonly end: string; // ISO instant
  /** For a kernegruppe meeting: which group; for standing committees: which committees meet. */
  readonly groupId?: string | undefined;
  readonly committees?: readonly string[] | undefined;
  readonly status: 'planned' | 'moved' | 'cancelled';
  /** Where a moved meeting was first planned. */
  readonly originalStart?: string | undefined;
  /** Generated on a Danish public holiday: kept (not silently moved), and the admin is warned. */
  readonly holiday?: string | undefined;
  /** Added by an admin, not generated from the pattern. */
  readonly added?: boolean | undefined;
  /** How many moves and cancellations have been applied: a calendar client's SEQUENCE, so it replaces its copy. */
  readonly revision?: number | undefined;
}

/** "Week 1" of a month: how the municipality counts. */
export type WeekRule =
  /** Week 1 is the Monday-to-Sunday week that holds the month's first Monday; week n is n-1 weeks later. */
  | 'first-monday'
  /** Week n holds the days 7(n-1)+1 to 7n of the month; "1st Tuesday" is simply the month's first Tuesday. */
  | 'month-days';

/** 1 = Monday … 7 = Sunday, as ISO weekdays. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface Slot {
  readonly week: 1 | 2 | 3 | 4;
  readonly weekday: Weekday;
  /** "HH:mm" local time */
  readonly start: string;
  readonly end: string;
}

export interface CalendarConfig {
  readonly weekRule: WeekRule;
  /** Months (1-12) without meetings; July by default. */
  readonly monthsOff: readonly number[];
  readonly slots: Readonly<Record<Exclude<MeetingKind, 'kernegruppemoede' | 'kommuneledelse'>, Slot>>;
  /** Each kernegruppe meets before each byrådsmøde: its slot, by group id, else the default. */
  readonly kernegruppeDefault: Slot;
  readonly kernegruppeSlots: Readonly<Record<string, Slot>>;
  /** Months (1-12) in which the kernegruppe meetings replace the temamøde: it is then not generated. Absent (a config stored before this existed): the default's. */
  readonly temamoedeReplacedIn?: readonly number[] | undefined;
  /** When the kernegrupper meet (generated meetings only in these months): every group's, unless its own is in `kernegruppeSeasons`. Absent (a config stored before seasons existed): DEFAULT_SEASON. */
  readonly kernegruppeSeason?: Season | undefined;
  readonly kernegruppeSeasons?: Readonly<Record<string, Season>> | undefined;
  /** Kommuneledelsen's meetings each month: none unless the calendar file gives them (see KOMMUNELEDELSE_TITLE). */
  readonly kommuneledelseSlots?: readonly Slot[] | undefined;
}

/** A kernegruppe's season: the months it meets, or a number of fixed meetings a year spread over the meeting months. */
export type Season = { readonly months: readonly number[] } | { readonly perYear: number };

// Seed 001: "Hver kernegruppe mødes minimum forud for hvert Byrådsmøde kl. 15-17 i februar, marts og april
// måned. Evt. mødes man medio maj måned"; seed 000: "I februar, marts, april og maj erstatter møderne i
// kernegrupperne således temamøder". February to May, the months the temamøde gives way to the groups.
export const DEFAULT_SEASON: Season = { months: [2, 3, 4, 5] };

/**
 * The months a season's groups meet in. `months` as given (a month off still has no meeting);
 * `perYear: N` (seed 002: "to-fire gange om året") spread evenly over the year's meeting months (1-12
 * without `monthsOff`): the k-th meeting (k = 0..N-1) in the month at index floor((k + 0.5) * len / N),
 * so with July off 4 a year are February, May, August and November, 2 are March and October, and N
 * above the number of meeting months gives every meeting month.
 */
export function seasonMonths(season: Season, monthsOff: readonly number[]): number[] {
  const meetingMonths = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].filter((m) => !monthsOff.includes(m));
  if ('months' in season) return meetingMonths.filter((m) => season.months.includes(m));
  const picked = new Set<number>();
  for (let k = 0; k < season.perYear; k++) {
    const month = meetingMonths[Math.floor(((k + 0.5) * meetingMonths.length) / season.perYear)];
    if (month !== undefined) picked.add(month);
  }
  return [...picked].sort((a, b) => a - b);
}

/** The season of one kernegruppe: its own, else the calendar's default, else DEFAULT_SEASON (a config stored before seasons existed). */
export function seasonOf(config: CalendarConfig, groupId: string): Season {
  return config.kernegruppeSeasons?.[groupId] ?? config.kernegruppeSeason ?? DEFAULT_SEASON;
}

export const DEFAULT_CALENDAR: CalendarConfig = {
  weekRule: 'first-monday',
  monthsOff: [7],
  slots: {
    dialogmoede: { week: 1, weekday: 1, start: '14:00', end: '16:00' },
    'staaende-udvalg': { week: 1, weekday: 1, start: '16:00', end: '18:00' },
    'politisk-koordination': { week: 3, weekday: 1, start: '09:00', end: '12:00' },
    partigrupper: { week: 4, weekday: 1, start: '17:00', end: '19:00' },
    temamoede: { week: 4, weekday: 3, start: '15:00', end: '17:00' },
    byraadsmoede: { week: 4, weekday: 3, start: '17:00', end: '20:00' },
    pitstop: { week: 4, weekday: 5, start: '09:00', end: '10:00' },
    konsulentmoede: { week: 4, weekday: 4, start: '10:00', end: '11:30' },
  },
  // Seed 000: "Kernegrupperne mødes som minimum forud for hvert Byrådsmøde i slutningen af måneden,
  // kl. 15-17": the byrådsmøde's day (week 4, Wednesday), before its 17:00 start.
  kernegruppeDefault: { week: 4, weekday: 3, start: '15:00', end: '17:00' },
  kernegruppeSlots: {},
  // Seed 000: "I februar, marts, april og maj erstatter møderne i kernegrupperne således temamøder."
  temamoedeReplacedIn: [2, 3, 4, 5],
  kernegruppeSeason: DEFAULT_SEASON,
  kernegruppeSeasons: {},
};

/** An admin's exception to the generated plan. */
export type Override =
  | { readonly meetingId: string; readonly action: 'move'; readonly start: string; readonly end: string; readonly by: string; readonly at: string }
  | { readonly meetingId: string; readonly action: 'cancel'; readonly by: string; readonly at: string; readonly reason?: string | undefined }
  | { readonly meetingId: string; readonly action: 'add'; readonly meeting: Meeting; readonly by: string; readonly at: string };

// ---- generating the plan ----


// A year's helligdage by local date. The dates come from date-holidays, tabled for 2000-2199 in
// helligdage.ts (\`npm run helligdage:generate\`) so the running bot does not load the library; a date
// outside those years has no helligdag known to the bot (no warning is given for it).
const helligdageByYear = new Map<number, ReadonlyMap<string, string>>();

/** The Danish public holiday (helligdag) on a local date "yyyy-MM-dd", if any; observances such as 1. maj and juleaftensdag do not count. */
export function publicHoliday(date: string): string | undefined {
  const year = Number(date.slice(0, 4));
  let days = helligdageByYear.get(year);
  if (!days) {
    days = new Map(HELLIGDAGE[year] ?? []);
    helligdageByYear.set(year, days);
  }
  return days.get(date);
}

/*
 * What "1. uge", "3. uge" and "4. uge" mean in a month that starts mid-week (seed 004 does not say):
 * - 'first-monday' (the default): week 1 is the Monday-to-Sunday week that holds the month's first
 *   Monday, and week n is n-1 weeks later, so every week is a whole Monday-to-Sunday week and a
 *   slot's weekday order holds (Monday dialogmøde, then the Tuesday committees; week-4 Monday
 *   partigrupper, Wednesday kernegrupper or temamøde and byrådsmøde, Thursday konsulentmøde,
 *   Friday pitstop). December 2026 starts on a Tuesday: week 1 is Mon 7 – Sun 13 December, so the
 *   dialogmøde is Monday 7 and the Tuesday committees meet 8 December, not 1 December; week 3 is
 *   21-27 December and week 4 is Mon 28 December – Sun 3 January, so the byrådsmøde is Wednesday 30
 *   December; its Friday is 1 January 2027, so the plan holds the pitstop on Friday 25 December (see
 *   `planDate`: no meeting leaves its month). Weeks never overlap the next month's week 1, which
 *   starts at that month's own first Monday.
 * - 'month-days': week n holds the days 7(n-1)+1 … 7n, so "1st Tuesday" is simply the month's first
 *   Tuesday (1 December 2026) and the 4th Wednesday is always the 22nd-28th. The weekday order inside
 *   a "week" is lost: in December 2026 the 1st Tuesday (1st) comes before the 1st Monday (7th), and
 *   in a month starting on a Wednesday (April 2026) a kernegruppe given a 4th-Tuesday slot (28th)
 *   meets after the 4th Wednesday byrådsmøde (22nd) it is meant to prepare. The Tuesday committees are
 *   always the day after the Monday committees, under either rule.
 */

/**
 * The first day of "week n" of a month: its Monday under 'first-monday' (December 2026, week 1:
 * "2026-12-07"), the day 7(n-1)+1 under 'month-days' (week 1: "2026-12-01", a Tuesday).
 */
export function weekStart(year: number, month: number, week: Slot['week'], rule: WeekRule): string {
  const first = DateTime.fromObject({ year, month, day: 1 }, { zone: ZONE });
  if (rule === 'month-days') return first.plus({ days: 7 * (week - 1) }).toISODate()!;
  const firstMonday = first.plus({ days: (8 - first.weekday) % 7 });
  return firstMonday.plus({ weeks: week - 1 }).toISODate()!;
}

/** The local date ("yyyy-MM-dd") of a slot in a month, under the week rule described above. */
export function slotDate(year: number, month: number, slot: Pick<Slot, 'week' | 'weekday'>, rule: WeekRule): string {
  const start = DateTime.fromISO(weekStart(year, month, slot.week, rule), { zone: ZONE });
  // Under 'first-monday' the week starts on a Monday; under 'month-days' on whatever day the 7-day window starts.
  return start.plus({ days: (slot.weekday - start.weekday + 7) % 7 }).toISODate()!;
}

/*
 * Seed 004: "Byrådet holder møde i månedens sidste uge" — and every meeting of a month's pattern is
 * that month's: none may fall in the next month. Under 'first-monday' week 4 can reach past the
 * month's end (a February byrådsmøde on 1 March 2028 and 2 March 2033, a December pitstop on
 * 1 January 2027), so the plan holds week 4 inside the month:
 * - when the byrådsmøde's own day in week 4 would fall in the next month, the month's last week is
 *   the week before, and every week-4 meeting moves with it, so the meetings that prepare the
 *   byrådsmøde (partigrupper, kernegrupper, temamøde) keep their order before it;
 * - a meeting that would still fall in the next month (one later in the week than the byrådsmøde:
 *   konsulentmøde, pitstop) is held on the same weekday a week earlier, the month's last such day.
 * The rest of the rhythm is unchanged: only meetings that would leave their month move.
 */

/** The local date of a slot in a month's plan: `slotDate`, held inside the month as described above. */
export function planDate(year: number, month: number, slot: Pick<Slot, 'week' | 'weekday'>, config: Pick<CalendarConfig, 'weekRule' | 'slots'>): string {
  const last = DateTime.fromObject({ year, month, day: 1 }, { zone: ZONE }).endOf('month').toISODate()!;
  const byraad = config.slots.byraadsmoede;
  const weekBack = slot.week === 4 && byraad.week === 4 && slotDate(year, month, byraad, config.weekRule) > last;
  const week = (weekBack ? 3 : slot.week) as Slot['week'];
  const date = slotDate(year, month, { week, weekday: slot.weekday }, config.weekRule);
  return date > last ? DateTime.fromISO(date, { zone: ZONE }).minus({ weeks: 1 }).toISODate()! : date;
}

/**
 * Seed 001: "Arbejdet i kernegrupperne diskuteres ½ time på hvert møde i Kommuneledelsen". The seeds give
 * Kommuneledelsen no slot, so its meetings are generated only from the calendar file's
 * `slots.kommuneledelse` (one slot, or a list for more than one meeting a month).
 */
export const KOMMUNELEDELSE_TITLE = 'Kommuneledelsen';

/** The id of a month's n-th (0-based) Kommuneledelse meeting: "kommuneledelse-2026-12", then "kommuneledelse-2-2026-12", so the month stays last. */
export const kommuneledelseMeetingId = (ym: string, n: number): string => (n === 0 ? `kommuneledelse-${ym}` : `kommuneledelse-${n + 1}-${ym}`);

const TITLES: Record<Exclude<MeetingKind, 'kernegruppemoede' | 'staaende-udvalg' | 'kommuneledelse'>, string> = {
  dialogmoede: 'Dialogmøde',
  'politisk-koordination': 'Politisk Koordination & Økonomi',
  partigrupper: 'Møder i partigrupper',
  temamoede: 'Temamøde',
  byraadsmoede: 'Byrådsmøde',
  pitstop: 'Pitstop (udvalgsformænd og borgmester)',
  konsulentmoede: 'Konsulentmøde',
};

function meetingAt(id: string, kind: MeetingKind, title: string, date: string, slot: Pick<Slot, 'start' | 'end'>, extra: Partial<Meeting> = {}): Meeting {
  const start = instantFromLocal(date, slot.start);
  const end = instantFromLocal(date, slot.end);
  if (!start.ok || !end.ok) throw new Error(`calendar slot ${slot.start}-${slot.end} on ${date} is not a valid local time`);
  const holiday = publicHoliday(date);
  return { id, kind, title, start: start.value.toISOString(), end: end.value.toISOString(), status: 'planned', ...(holiday ? { holiday } : {}), ...extra };
}

// A month's plan is a pure function of its inputs, and computing it costs some 30 time-zone look-ups;
// every request that needs the calendar asks for over a year of months (measured: 3 of 4 seconds of
// CPU in `npm run bench:agenda` went here before this cache). A memo, so the function stays pure.
// Least recently used goes first, and the size follows the tenants (`sizeMonthCache`): a 2,000-entry
// first-in-first-out list thrashed above ~105 tenants, as each plan asks for ~20 months (issue 11:
// 1.7 ms -> 110 ms per plan).
const generatedMonths = new Map<string, readonly Meeting[]>();
/** Months one tenant's plan asks for (a year and a month ahead, two months back, two either side), with room to spare. */
export const MONTHS_PER_TENANT = 24;
const MIN_MONTHS_KEPT = 2000;
let monthsKept = MIN_MONTHS_KEPT;
const monthStats = { hits: 0, misses: 0 };

/** Keeps at least every month `tenants` tenants' plans use (never fewer than 2,000). */
export function sizeMonthCache(tenants: number): void {
  monthsKept = Math.max(MIN_MONTHS_KEPT, Math.ceil(tenants) * MONTHS_PER_TENANT);
  while (generatedMonths.size > monthsKept) generatedMonths.delete(generatedMonths.keys().next().value!);
}

/** The month memo's counters and size, for tests and the bench. */
export function monthCacheStats(): { hits: number; misses: number; size: number; capacity: number } {
  return { ...monthStats, size: generatedMonths.size, capacity: monthsKept };
}

/** The month's generated meetings (none in a month off). */
export function generateMonth(year: number, month: number, config: CalendarConfig, kernegrupper: readonly { id: string; name: string }[]): Meeting[] {
  const key = JSON.stringify([year, month, config, kernegrupper.map((g) => [g.id, g.name])]);
  let meetings = generatedMonths.get(key);
  if (meetings) {
    monthStats.hits++;
    // A Map keeps insertion order: taking it out and putting it back makes it the most recently used.
    generatedMonths.delete(key);
  } else {
    monthStats.misses++;
    meetings = computeMonth(year, month, config, kernegrupper);
    if (generatedMonths.size >= monthsKept) generatedMonths.delete(generatedMonths.keys().next().value!);
  }
  generatedMonths.set(key, meetings);
  return [...meetings];
}

function computeMonth(year: number, month: number, config: CalendarConfig, kernegrupper: readonly { id: string; name: string }[]): Meeting[] {
  if (config.monthsOff.includes(month)) return [];
  const ym = `${year}-${String(month).padStart(2, '0')}`;
  const date = (slot: Slot) => planDate(year, month, slot, config);
  const out: Meeting[] = [];
  // Seed 000: "I februar, marts, april og maj erstatter møderne i kernegrupperne således temamøder." The
  // temamøde is left out rather than shown as replaced: the groups' meetings are what happens that
  // afternoon, and an admin who wants a temamøde anyway adds one. Only a group meeting replaces it:
  // in a month no kernegruppe's season holds (or with no kernegrupper) the temamøde is held.
  const meeting = kernegrupper.filter((g) => seasonMonths(seasonOf(config, g.id), config.monthsOff).includes(month));
  const replaced = meeting.length > 0 && (config.temamoedeReplacedIn ?? DEFAULT_CALENDAR.temamoedeReplacedIn ?? []).includes(month);
  for (const kind of Object.keys(TITLES) as (keyof typeof TITLES)[]) {
    if (kind === 'temamoede' && replaced) continue;
    const slot = config.slots[kind];
    out.push(meetingAt(`${kind}-${ym}`, kind, TITLES[kind], date(slot), slot));
  }
  const committees = config.slots['staaende-udvalg'];
  const monday = date(committees);
  const tuesday = DateTime.fromISO(monday, { zone: ZONE }).plus({ days: 1 }).toISODate()!;
  const mondayCommittees = ['Læring', 'Beskæftigelse', 'Social Omsorg'];
  const tuesdayCommittees = ['Fritid & Fællesskab', 'Teknik'];
  out.push(meetingAt(`staaende-udvalg-man-${ym}`, 'staaende-udvalg', `Møder i de stående udvalg: ${mondayCommittees.join(', ')}`, monday, committees, { committees: mondayCommittees }));
  out.push(meetingAt(`staaende-udvalg-tir-${ym}`, 'staaende-udvalg', `Møder i de stående udvalg: ${tuesdayCommittees.join(', ')}`, tuesday, committees, { committees: tuesdayCommittees }));
  // Each group only in its season's months (seed 000: "Hver gruppe afgør derudover selv sin mødefrekvens efter behov").
  for (const g of meeting) {
    const slot = config.kernegruppeSlots[g.id] ?? config.kernegruppeDefault;
    out.push(meetingAt(`kernegruppemoede-${g.id}-${ym}`, 'kernegruppemoede', `${g.name} – møde før byrådsmødet`, date(slot), slot, { groupId: g.id }));
  }
  (config.kommuneledelseSlots ?? []).forEach((slot, n) => out.push(meetingAt(kommuneledelseMeetingId(ym, n), 'kommuneledelse', KOMMUNELEDELSE_TITLE, date(slot), slot)));
  return out.sort(byStart);
}

const instant = (iso: string) => Date.parse(iso);

// By instant, not by string: an admin's override may spell the same instant differently.
const byStart = (a: Meeting, b: Meeting) => instant(a.start) - instant(b.start) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The plan with the admin's exceptions: moved meetings where they went, cancelled ones kept as cancelled, added ones added. */
export function applyOverrides(meetings: readonly Meeting[], overrides: readonly Override[]): Meeting[] {
  const byId = new Map(meetings.map((m) => [m.id, m]));
  // In the order given, so a later override for the same meeting wins (a move after a cancel reinstates it).
  for (const o of overrides) {
    const current = byId.get(o.meetingId);
    if (o.action === 'add') {
      byId.set(o.meetingId, { ...o.meeting, added: true });
      continue;
    }
    if (!current) continue; // an exception for a meeting outside the generated months
    const revision = (current.revision ?? 0) + 1;
    if (o.action === 'move')
      byId.set(o.meetingId, { ...current, start: o.start, end: o.end, status: 'moved', originalStart: current.originalStart ?? current.start, holiday: undefined, revision });
    else byId.set(o.meetingId, { ...current, status: 'cancelled', revision });
  }
  return [...byId.values()].sort(byStart);
}

/** Meetings starting in [from, to), exceptions applied. Neighbouring months are generated too, since a meeting may be moved across a month's end. */
export function meetingsBetween(from: Date, to: Date, config: CalendarConfig, kernegrupper: readonly { id: string; name: string }[], overrides: readonly Override[]): Meeting[] {
  const generated: Meeting[] = [];
  let month = DateTime.fromJSDate(from, { zone: ZONE }).startOf('month').minus({ months: 2 });
  const last = DateTime.fromJSDate(to, { zone: ZONE }).startOf('month').plus({ months: 2 });
  while (month <= last) {
    generated.push(...generateMonth(month.year, month.month, config, kernegrupper));
    month = month.plus({ months: 1 });
  }
  return applyOverrides(generated, overrides).filter((m) => instant(m.start) >= from.getTime() && instant(m.start) < to.getTime());
}

/** A kernegruppe's meeting (not cancelled) on a local day "yyyy-MM-dd": the one the byrådsmøde that day is prepared at, wherever it was moved or added. */
export function groupMeetingOn(meetings: readonly Meeting[], groupId: string, localDate: string): Meeting | undefined {
  return meetings.find((m) => m.kind === 'kernegruppemoede' && m.groupId === groupId && m.status !== 'cancelled' && DateTime.fromISO(m.start, { zone: ZONE }).toISODate() === localDate);
}

/** How long an exception is kept after its meeting: far longer than any window the bot reads (the iCalendar feed's 62 days back, the plan's 70). */
export const OVERRIDE_KEPT_MS = 396 * 86_400_000; // 13 months
/** The farthest ahead a meeting can be moved or cancelled (findMeeting's and the import's year and a month): a cancel's meeting ended by then. */
const CHANGE_AHEAD_MS = 400 * 86_400_000;

/**
 * The exceptions still worth keeping: without this the calendar item grows with every group meeting
 * a tovholder adds or moves. An exception goes when its meeting ended more than 13 months ago: an
 * add's and a move's end are in them; a move's original slot and a cancel's meeting were at most 400
 * days after the exception was written.
 */
export function keptOverrides(overrides: readonly Override[], now: Date): Override[] {
  const horizon = now.getTime() - OVERRIDE_KEPT_MS;
  const lastNeeded = (o: Override) => {
    const written = instant(o.at) + CHANGE_AHEAD_MS;
    if (o.action === 'add') return instant(o.meeting.end);
    if (o.action === 'move') return Math.max(instant(o.end), written);
    return written;
  };
  return overrides.filter((o) => !(lastNeeded(o) < horizon));
}

/** Generated meetings on a public holiday that still stand where they were generated: the admin decides. */
export function holidayWarnings(meetings: readonly Meeting[]): Meeting[] {
  return meetings.filter((m) => m.holiday && !m.added && m.status === 'planned');
}
