// The municipality's meeting calendar (seed 004's monthly pattern, the 2014 notes' kernegruppe
// meetings, pitstop and konsulentmøde), generated as pure functions of a month and a configuration,
// with the admin's exceptions applied on top. Times are Europe/Copenhagen.

import { DateTime } from 'luxon';
import Holidays from 'date-holidays';
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
  | 'konsulentmoede';

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
  readonly slots: Readonly<Record<Exclude<MeetingKind, 'kernegruppemoede'>, Slot>>;
  /** Each kernegruppe meets before each byrådsmøde: its slot, by group id, else the default. */
  readonly kernegruppeDefault: Slot;
  readonly kernegruppeSlots: Readonly<Record<string, Slot>>;
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
  kernegruppeDefault: { week: 4, weekday: 2, start: '15:00', end: '17:00' },
  kernegruppeSlots: {},
};

/** An admin's exception to the generated plan. */
export type Override =
  | { readonly meetingId: string; readonly action: 'move'; readonly start: string; readonly end: string; readonly by: string; readonly at: string }
  | { readonly meetingId: string; readonly action: 'cancel'; readonly by: string; readonly at: string; readonly reason?: string | undefined }
  | { readonly meetingId: string; readonly action: 'add'; readonly meeting: Meeting; readonly by: string; readonly at: string };

// ---- generating the plan ----


const danishHolidays = new Holidays('DK');

/** The Danish public holiday (helligdag) on a local date, if any; observances such as 1. maj do not count. */
export function publicHoliday(date: string): string | undefined {
  const found = danishHolidays.isHoliday(DateTime.fromISO(date, { zone: ZONE }).set({ hour: 12 }).toJSDate());
  return Array.isArray(found) ? found.find((h) => h.type === 'public')?.name : undefined;
}

/**
 * The local date of a slot in a month.
 * - 'first-monday': week 1 is the Monday-to-Sunday week that holds the month's first Monday, week n
 *   is n-1 weeks later. December 2026 starts on a Tuesday, so week 1 is Mon 7 – Sun 13 December and
 *   the Tuesday committees meet 8 December, the day after the dialogmøde, as the seed's "1. uge,
 *   mandag / tirsdag" intends. A week-4 Thursday or Friday may fall in the next month's first days.
 * - 'month-days': week n holds the days 7(n-1)+1 … 7n, so "1st Tuesday" is the month's first Tuesday
 *   (1 December 2026).
 */
export function slotDate(year: number, month: number, slot: Pick<Slot, 'week' | 'weekday'>, rule: WeekRule): string {
  const first = DateTime.fromObject({ year, month, day: 1 }, { zone: ZONE });
  if (rule === 'first-monday') {
    const firstMonday = first.plus({ days: (8 - first.weekday) % 7 });
    return firstMonday.plus({ days: 7 * (slot.week - 1) + (slot.weekday - 1) }).toISODate()!;
  }
  const firstOfWeekday = first.plus({ days: (slot.weekday - first.weekday + 7) % 7 });
  return firstOfWeekday.plus({ days: 7 * (slot.week - 1) }).toISODate()!;
}

const TITLES: Record<Exclude<MeetingKind, 'kernegruppemoede' | 'staaende-udvalg'>, string> = {
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

/** The month's generated meetings (none in a month off). */
export function generateMonth(year: number, month: number, config: CalendarConfig, kernegrupper: readonly { id: string; name: string }[]): Meeting[] {
  if (config.monthsOff.includes(month)) return [];
  const ym = `${year}-${String(month).padStart(2, '0')}`;
  const date = (slot: Slot) => slotDate(year, month, slot, config.weekRule);
  const out: Meeting[] = [];
  for (const kind of Object.keys(TITLES) as (keyof typeof TITLES)[]) {
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
  for (const g of kernegrupper) {
    const slot = config.kernegruppeSlots[g.id] ?? config.kernegruppeDefault;
    out.push(meetingAt(`kernegruppemoede-${g.id}-${ym}`, 'kernegruppemoede', `${g.name} – møde før byrådsmødet`, date(slot), slot, { groupId: g.id }));
  }
  return out.sort((a, b) => a.start.localeCompare(b.start));
}

/** The plan with the admin's exceptions: moved meetings where they went, cancelled ones kept as cancelled, added ones added. */
export function applyOverrides(meetings: readonly Meeting[], overrides: readonly Override[]): Meeting[] {
  const byId = new Map(meetings.map((m) => [m.id, m]));
  for (const o of overrides) {
    const current = byId.get(o.meetingId);
    if (o.action === 'add') byId.set(o.meetingId, { ...o.meeting, added: true });
    else if (!current) continue;
    else if (o.action === 'move')
      byId.set(o.meetingId, { ...current, start: o.start, end: o.end, status: 'moved', originalStart: current.originalStart ?? current.start, holiday: undefined });
    else byId.set(o.meetingId, { ...current, status: 'cancelled' });
  }
  return [...byId.values()].sort((a, b) => a.start.localeCompare(b.start));
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
  return applyOverrides(generated, overrides).filter((m) => m.start >= from.toISOString() && m.start < to.toISOString());
}

/** Generated meetings on a public holiday that still stand where they were generated: the admin decides. */
export function holidayWarnings(meetings: readonly Meeting[]): Meeting[] {
  return meetings.filter((m) => m.holiday && !m.added && m.status === 'planned');
}
