// The municipality's meeting plan as people will read it: 2026 month by month against dates worked
// out by hand from a printed calendar, both DST changes, the week rules, holidays and admin exceptions.

import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  applyOverrides,
  DEFAULT_CALENDAR,
  generateMonth,
  holidayWarnings,
  meetingsBetween,
  slotDate,
  weekStart,
  type CalendarConfig,
  type Meeting,
  type Override,
} from '../../src/domain/calendar.js';

const KERNEGRUPPER = [
  { id: 'kernegruppe-laering', name: 'Kernegruppe Læring' },
  { id: 'kernegruppe-teknik', name: 'Kernegruppe Teknik' },
];

/** "Mon 2026-12-07 14:00": how the meeting looks on a Copenhagen wall calendar. */
const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Copenhagen' }).setLocale('en-GB').toFormat('ccc yyyy-MM-dd HH:mm');
const mm = (month: number) => String(month).padStart(2, '0');
const month2026 = (month: number, config: CalendarConfig = DEFAULT_CALENDAR) => generateMonth(2026, month, config, KERNEGRUPPER);
const find = (meetings: readonly Meeting[], id: string) => {
  const found = meetings.find((m) => m.id === id);
  if (!found) throw new Error(`no meeting ${id} in ${meetings.map((m) => m.id).join(', ')}`);
  return found;
};
const at = '2026-11-23T10:00:00.000Z';
const monthDays: CalendarConfig = { ...DEFAULT_CALENDAR, weekRule: 'month-days' };
/** A tenant whose kernegrupper meet every month (the default season is February to May): where the slot itself is tested. */
const allYear: CalendarConfig = { ...DEFAULT_CALENDAR, kernegruppeSeason: { months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] } };

describe('the 2026 plan under the default rule (week 1 = the week of the first Monday)', () => {
  // Worked out by hand from a 2026 wall calendar: the month's first Monday, and the Wednesday 23 days later.
  const expected: Record<number, { dialogmoede: string; byraadsmoede: string } | 'off'> = {
    1: { dialogmoede: 'Mon 2026-01-05 14:00', byraadsmoede: 'Wed 2026-01-28 17:00' },
    2: { dialogmoede: 'Mon 2026-02-02 14:00', byraadsmoede: 'Wed 2026-02-25 17:00' },
    3: { dialogmoede: 'Mon 2026-03-02 14:00', byraadsmoede: 'Wed 2026-03-25 17:00' },
    4: { dialogmoede: 'Mon 2026-04-06 14:00', byraadsmoede: 'Wed 2026-04-29 17:00' },
    5: { dialogmoede: 'Mon 2026-05-04 14:00', byraadsmoede: 'Wed 2026-05-27 17:00' },
    6: { dialogmoede: 'Mon 2026-06-01 14:00', byraadsmoede: 'Wed 2026-06-24 17:00' },
    7: 'off',
    8: { dialogmoede: 'Mon 2026-08-03 14:00', byraadsmoede: 'Wed 2026-08-26 17:00' },
    9: { dialogmoede: 'Mon 2026-09-07 14:00', byraadsmoede: 'Wed 2026-09-30 17:00' },
    10: { dialogmoede: 'Mon 2026-10-05 14:00', byraadsmoede: 'Wed 2026-10-28 17:00' },
    11: { dialogmoede: 'Mon 2026-11-02 14:00', byraadsmoede: 'Wed 2026-11-25 17:00' },
    12: { dialogmoede: 'Mon 2026-12-07 14:00', byraadsmoede: 'Wed 2026-12-30 17:00' },
  };

  for (let month = 1; month <= 12; month++) {
    const want = expected[month]!;
    it(`month ${month}: ${want === 'off' ? 'no meetings in July' : `dialogmøde ${want.dialogmoede}, byrådsmøde ${want.byraadsmoede}`}`, () => {
      const meetings = month2026(month);
      if (want === 'off') {
        expect(meetings).toEqual([]);
        return;
      }
      expect(local(find(meetings, `dialogmoede-2026-${mm(month)}`).start)).toBe(want.dialogmoede);
      expect(local(find(meetings, `byraadsmoede-2026-${mm(month)}`).start)).toBe(want.byraadsmoede);
      expect(find(meetings, `dialogmoede-2026-${mm(month)}`).title).toBe('Dialogmøde');
      // Seven meetings of their own and the standing committees on Monday and Tuesday; February to May (the
      // groups' default season, seed 001) one per kernegruppe, which replace the temamøde (seed 000).
      expect(meetings).toHaveLength(month >= 2 && month <= 5 ? 6 + 2 + KERNEGRUPPER.length : 7 + 2);
    });
  }

  it('holds the whole of December 2026, which starts on a Tuesday, in the seed\'s weekday order', () => {
    const december = month2026(12, allYear);
    expect(december.map((m) => `${local(m.start)}–${local(m.end).slice(-5)} ${m.title}`)).toEqual([
      'Mon 2026-12-07 14:00–16:00 Dialogmøde',
      'Mon 2026-12-07 16:00–18:00 Møder i de stående udvalg: Læring, Beskæftigelse, Social Omsorg',
      'Tue 2026-12-08 16:00–18:00 Møder i de stående udvalg: Fritid & Fællesskab, Teknik',
      'Mon 2026-12-21 09:00–12:00 Politisk Koordination & Økonomi',
      // Seed 004's last week holds no meeting of the next month: the pitstop whose week-4 Friday would be
      // 1 January 2027 is held on the month's last Friday (Juledag, so the admin is warned).
      'Fri 2026-12-25 09:00–10:00 Pitstop (udvalgsformænd og borgmester)',
      'Mon 2026-12-28 17:00–19:00 Møder i partigrupper',
      // Seed 000: "forud for hvert Byrådsmøde i slutningen af måneden, kl. 15-17" (was Tuesday 29 December).
      'Wed 2026-12-30 15:00–17:00 Kernegruppe Læring – møde før byrådsmødet',
      'Wed 2026-12-30 15:00–17:00 Kernegruppe Teknik – møde før byrådsmødet',
      'Wed 2026-12-30 15:00–17:00 Temamøde',
      'Wed 2026-12-30 17:00–20:00 Byrådsmøde',
      'Thu 2026-12-31 10:00–11:30 Konsulentmøde',
    ]);
    const monday = find(december, 'staaende-udvalg-man-2026-12');
    const tuesday = find(december, 'staaende-udvalg-tir-2026-12');
    expect([monday.kind, tuesday.kind]).toEqual(['staaende-udvalg', 'staaende-udvalg']);
    expect(monday.committees).toEqual(['Læring', 'Beskæftigelse', 'Social Omsorg']);
    expect(tuesday.committees).toEqual(['Fritid & Fællesskab', 'Teknik']);
  });

  it('keeps the weekday order and never lets a month overlap the next, 2026 to 2035', () => {
    for (let year = 2026; year <= 2035; year++) {
      for (let month = 1; month <= 12; month++) {
        if (month === 7) continue;
        const meetings = generateMonth(year, month, allYear, KERNEGRUPPER);
        const t = (id: string) => Date.parse(find(meetings, `${id}-${year}-${mm(month)}`).start);
        const label = `${year}-${mm(month)}`;
        expect(t('dialogmoede') < t('staaende-udvalg-man') && t('staaende-udvalg-man') < t('politisk-koordination'), label).toBe(true);
        expect(t('staaende-udvalg-tir') - t('staaende-udvalg-man'), label).toBe(24 * 3600_000); // the next day, same time
        expect(t('partigrupper') < t('kernegruppemoede-kernegruppe-laering') && t('kernegruppemoede-kernegruppe-laering') < t('byraadsmoede'), label).toBe(true);
        // The konsulentmøde and the pitstop no longer always follow the byrådsmøde: where their week-4 day
        // would be in the next month they are held a week earlier (seed 004: no meeting leaves its month;
        // the month-by-month check is in calendar-month-bounds.test.ts).
        const next = DateTime.fromObject({ year, month }).plus({ months: month === 6 ? 2 : 1 });
        const nextDialog = find(generateMonth(next.year, next.month, DEFAULT_CALENDAR, []), `dialogmoede-${next.year}-${mm(next.month)}`);
        expect(Math.max(...meetings.map((m) => Date.parse(m.end))) < Date.parse(nextDialog.start), label).toBe(true);
      }
    }
  });
});

describe('summer time', () => {
  it('keeps the Copenhagen wall-clock time on both sides of both DST changes', () => {
    // 2026: summer time from Sunday 29 March, winter time again from Sunday 25 October.
    expect(find(month2026(3), 'byraadsmoede-2026-03').start).toBe('2026-03-25T16:00:00.000Z'); // 17:00 CET
    expect(find(month2026(4), 'dialogmoede-2026-04').start).toBe('2026-04-06T12:00:00.000Z'); // 14:00 CEST
    expect(find(month2026(10), 'dialogmoede-2026-10').start).toBe('2026-10-05T12:00:00.000Z'); // 14:00 CEST
    expect(find(month2026(10), 'byraadsmoede-2026-10').start).toBe('2026-10-28T16:00:00.000Z'); // 17:00 CET, three days after the change
    expect(find(month2026(11), 'dialogmoede-2026-11').start).toBe('2026-11-02T13:00:00.000Z'); // 14:00 CET
    expect(find(month2026(11), 'dialogmoede-2026-11').end).toBe('2026-11-02T15:00:00.000Z');
  });
});

describe('what "week 1" means in a month that starts on a Tuesday (December 2026)', () => {
  it("under 'first-monday' week 1 is Mon 7 – Sun 13 December, so the Tuesday committees meet 8 December", () => {
    expect(weekStart(2026, 12, 1, 'first-monday')).toBe('2026-12-07');
    expect(weekStart(2026, 12, 4, 'first-monday')).toBe('2026-12-28');
    expect(slotDate(2026, 12, { week: 1, weekday: 2 }, 'first-monday')).toBe('2026-12-08');
    expect(slotDate(2026, 12, { week: 1, weekday: 7 }, 'first-monday')).toBe('2026-12-13');
    expect(slotDate(2026, 6, { week: 1, weekday: 1 }, 'first-monday')).toBe('2026-06-01'); // a month starting on a Monday
  });

  it("under 'month-days' the first Tuesday is 1 December and the 4th Wednesday is 23 December", () => {
    expect(weekStart(2026, 12, 1, 'month-days')).toBe('2026-12-01');
    expect(weekStart(2026, 12, 4, 'month-days')).toBe('2026-12-22');
    expect(slotDate(2026, 12, { week: 1, weekday: 2 }, 'month-days')).toBe('2026-12-01');
    expect(slotDate(2026, 12, { week: 1, weekday: 1 }, 'month-days')).toBe('2026-12-07');
    const december = month2026(12, { ...monthDays, kernegruppeSeason: allYear.kernegruppeSeason });
    expect(local(find(december, 'dialogmoede-2026-12').start)).toBe('Mon 2026-12-07 14:00');
    // The Tuesday committees stay the day after the Monday ones under either rule.
    expect(local(find(december, 'staaende-udvalg-tir-2026-12').start)).toBe('Tue 2026-12-08 16:00');
    expect(local(find(december, 'politisk-koordination-2026-12').start)).toBe('Mon 2026-12-21 09:00');
    expect(local(find(december, 'byraadsmoede-2026-12').start)).toBe('Wed 2026-12-23 17:00');
    expect(local(find(december, 'kernegruppemoede-kernegruppe-laering-2026-12').start)).toBe('Wed 2026-12-23 15:00'); // the byrådsmøde's day (seed 000)
    // The 4th Friday is Juledag: flagged; the 4th Thursday is juleaftensdag, which is no public holiday.
    expect(find(december, 'pitstop-2026-12')).toMatchObject({ holiday: 'Juledag' });
    expect(local(find(december, 'konsulentmoede-2026-12').start)).toBe('Thu 2026-12-24 10:00');
    expect(find(december, 'konsulentmoede-2026-12').holiday).toBeUndefined();
  });

  it("under 'month-days' a kernegruppe given a Tuesday slot can meet after the byrådsmøde it prepares (April 2026 starts on a Wednesday)", () => {
    const tuesday: CalendarConfig = { ...monthDays, kernegruppeSlots: { 'kernegruppe-laering': { week: 4, weekday: 2, start: '15:00', end: '17:00' } } };
    const april = month2026(4, tuesday);
    expect(local(find(april, 'byraadsmoede-2026-04').start)).toBe('Wed 2026-04-22 17:00');
    expect(local(find(april, 'kernegruppemoede-kernegruppe-laering-2026-04').start)).toBe('Tue 2026-04-28 15:00');
    // The default (seed 000: the byrådsmøde's day, 15-17) keeps it before the byrådsmøde under either rule.
    expect(local(find(april, 'kernegruppemoede-kernegruppe-teknik-2026-04').start)).toBe('Wed 2026-04-22 15:00');
  });
});

describe('kernegruppe meetings', () => {
  it("meet in the default slot unless the group has its own, one meeting per group with the group's name", () => {
    const config: CalendarConfig = { ...allYear, kernegruppeSlots: { 'kernegruppe-teknik': { week: 4, weekday: 1, start: '13:00', end: '14:30' } } };
    const november = month2026(11, config);
    const laering = find(november, 'kernegruppemoede-kernegruppe-laering-2026-11');
    const teknik = find(november, 'kernegruppemoede-kernegruppe-teknik-2026-11');
    expect(laering).toMatchObject({ kind: 'kernegruppemoede', groupId: 'kernegruppe-laering', title: 'Kernegruppe Læring – møde før byrådsmødet' });
    // Seed 000: "forud for hvert Byrådsmøde i slutningen af måneden, kl. 15-17": the byrådsmøde's day (was Tuesday 24th).
    expect(`${local(laering.start)}–${local(laering.end).slice(-5)}`).toBe('Wed 2026-11-25 15:00–17:00');
    expect(teknik).toMatchObject({ groupId: 'kernegruppe-teknik', title: 'Kernegruppe Teknik – møde før byrådsmødet' });
    expect(`${local(teknik.start)}–${local(teknik.end).slice(-5)}`).toBe('Mon 2026-11-23 13:00–14:30');
    expect(november.filter((m) => m.kind === 'kernegruppemoede')).toHaveLength(2);
    expect(generateMonth(2026, 11, DEFAULT_CALENDAR, []).some((m) => m.kind === 'kernegruppemoede')).toBe(false);
  });
});

describe('public holidays', () => {
  it('flags every 2026 meeting on a helligdag and keeps it on its date', () => {
    const year = Array.from({ length: 12 }, (_, i) => month2026(i + 1)).flat();
    const flagged = year.filter((m) => m.holiday).map((m) => `${m.id} ${local(m.start)} ${m.holiday}`);
    expect(flagged).toEqual([
      'dialogmoede-2026-04 Mon 2026-04-06 14:00 Anden påskedag',
      'staaende-udvalg-man-2026-04 Mon 2026-04-06 16:00 Anden påskedag',
      'partigrupper-2026-05 Mon 2026-05-25 17:00 Anden Pinsedag',
      'pitstop-2026-12 Fri 2026-12-25 09:00 Juledag', // held in December (seed 004), no longer on Nytårsdag 2027
    ]);
    expect(holidayWarnings(year).map((m) => m.id)).toEqual(['dialogmoede-2026-04', 'staaende-udvalg-man-2026-04', 'partigrupper-2026-05', 'pitstop-2026-12']);
    // The Tuesday after 2. påskedag is an ordinary day.
    expect(find(year, 'staaende-udvalg-tir-2026-04').holiday).toBeUndefined();
  });

  it('stops warning once the admin has moved or cancelled the meeting, and never warns about an added one', () => {
    const april = month2026(4);
    const dialog = find(april, 'dialogmoede-2026-04');
    const added: Meeting = { ...dialog, id: 'temamoede-ekstra-2026-04-06-1400', kind: 'temamoede', title: 'Ekstra temamøde' };
    const after = applyOverrides(april, [
      { meetingId: 'dialogmoede-2026-04', action: 'move', start: '2026-04-07T12:00:00.000Z', end: '2026-04-07T14:00:00.000Z', by: 'admin', at },
      { meetingId: 'staaende-udvalg-man-2026-04', action: 'cancel', by: 'admin', at },
      { meetingId: added.id, action: 'add', meeting: added, by: 'admin', at },
    ]);
    expect(holidayWarnings(after)).toEqual([]);
    expect(find(after, 'dialogmoede-2026-04').holiday).toBeUndefined();
  });
});

describe("an admin's exceptions", () => {
  const december = month2026(12);
  const move = (start: string, end: string): Override => ({ meetingId: 'byraadsmoede-2026-12', action: 'move', start, end, by: 'admin', at });
  const cancel: Override = { meetingId: 'byraadsmoede-2026-12', action: 'cancel', by: 'admin', at, reason: 'jul' };

  it('moves a meeting under the same id and remembers where it was planned', () => {
    const moved = find(applyOverrides(december, [move('2026-12-16T16:00:00.000Z', '2026-12-16T19:00:00.000Z')]), 'byraadsmoede-2026-12');
    expect(moved).toMatchObject({ status: 'moved', title: 'Byrådsmøde', originalStart: '2026-12-30T16:00:00.000Z' });
    expect(local(moved.start)).toBe('Wed 2026-12-16 17:00');
  });

  it('keeps a cancelled meeting in the plan, marked cancelled, so reminders can see it', () => {
    const after = applyOverrides(december, [cancel]);
    expect(after).toHaveLength(december.length);
    expect(find(after, 'byraadsmoede-2026-12')).toMatchObject({ status: 'cancelled', start: '2026-12-30T16:00:00.000Z' });
  });

  it('adds a meeting, in time order with the rest', () => {
    const extra: Meeting = { id: 'temamoede-ekstra-2026-12-10-1500', kind: 'temamoede', title: 'Temamøde om budget', start: '2026-12-10T14:00:00.000Z', end: '2026-12-10T16:00:00.000Z', status: 'planned' };
    const after = applyOverrides(december, [{ meetingId: extra.id, action: 'add', meeting: extra, by: 'admin', at }]);
    expect(after).toHaveLength(december.length + 1);
    expect(find(after, extra.id)).toMatchObject({ title: 'Temamøde om budget', added: true });
    expect(after.map((m) => m.id).indexOf(extra.id)).toBe(3); // after the Tuesday committees on 8 December
  });

  it('lets the later of two exceptions for the same meeting win, and keeps the first planned time', () => {
    const twice = find(applyOverrides(december, [move('2026-12-16T16:00:00.000Z', '2026-12-16T19:00:00.000Z'), move('2026-12-17T16:00:00.000Z', '2026-12-17T19:00:00.000Z')]), 'byraadsmoede-2026-12');
    expect(twice).toMatchObject({ status: 'moved', start: '2026-12-17T16:00:00.000Z', originalStart: '2026-12-30T16:00:00.000Z' });
    expect(find(applyOverrides(december, [move('2026-12-16T16:00:00.000Z', '2026-12-16T19:00:00.000Z'), cancel]), 'byraadsmoede-2026-12')).toMatchObject({ status: 'cancelled', start: '2026-12-16T16:00:00.000Z' });
    expect(find(applyOverrides(december, [cancel, move('2026-12-16T16:00:00.000Z', '2026-12-16T19:00:00.000Z')]), 'byraadsmoede-2026-12')).toMatchObject({ status: 'moved', start: '2026-12-16T16:00:00.000Z' });
  });

  it('ignores an exception for a meeting that is not in the plan', () => {
    expect(applyOverrides(december, [{ meetingId: 'byraadsmoede-2031-12', action: 'cancel', by: 'admin', at }])).toEqual(december);
  });
});

describe('meetings between two instants', () => {
  it('runs across a month boundary in time order, start included and end excluded', () => {
    const from = new Date('2026-11-25T16:00:00.000Z'); // the November byrådsmøde
    const to = new Date('2026-12-07T15:00:00.000Z'); // the Monday committees
    expect(meetingsBetween(from, to, DEFAULT_CALENDAR, KERNEGRUPPER, []).map((m) => `${local(m.start)} ${m.id}`)).toEqual([
      'Wed 2026-11-25 17:00 byraadsmoede-2026-11',
      'Thu 2026-11-26 10:00 konsulentmoede-2026-11',
      'Fri 2026-11-27 09:00 pitstop-2026-11',
      'Mon 2026-12-07 14:00 dialogmoede-2026-12',
    ]);
  });

  it('skips July', () => {
    const summer = meetingsBetween(new Date('2026-06-26T00:00:00Z'), new Date('2026-08-04T00:00:00Z'), DEFAULT_CALENDAR, [], []);
    expect(summer.map((m) => `${local(m.start)} ${m.id}`)).toEqual([
      'Fri 2026-06-26 09:00 pitstop-2026-06',
      'Mon 2026-08-03 14:00 dialogmoede-2026-08',
      'Mon 2026-08-03 16:00 staaende-udvalg-man-2026-08',
    ]);
  });

  it('shows a moved meeting where it went (even into another month), and an added one in range', () => {
    const extra: Meeting = { id: 'temamoede-ekstra-2027-01-05-1500', kind: 'temamoede', title: 'Temamøde om budget', start: '2027-01-05T14:00:00.000Z', end: '2027-01-05T16:00:00.000Z', status: 'planned' };
    const overrides: Override[] = [
      { meetingId: 'byraadsmoede-2026-12', action: 'move', start: '2027-01-06T16:00:00Z', end: '2027-01-06T19:00:00Z', by: 'admin', at },
      { meetingId: extra.id, action: 'add', meeting: extra, by: 'admin', at },
      { meetingId: 'pitstop-2026-12', action: 'cancel', by: 'admin', at },
    ];
    const december = meetingsBetween(new Date('2026-12-25T00:00:00Z'), new Date('2027-01-01T00:00:00Z'), DEFAULT_CALENDAR, [], overrides);
    expect(december.map((m) => m.id)).not.toContain('byraadsmoede-2026-12');
    // The December pitstop is December's (seed 004: no meeting leaves its month), kept there as cancelled.
    expect(december.find((m) => m.id === 'pitstop-2026-12')).toMatchObject({ status: 'cancelled', start: '2026-12-25T08:00:00.000Z' });
    const january = meetingsBetween(new Date('2027-01-01T00:00:00Z'), new Date('2027-01-08T00:00:00Z'), DEFAULT_CALENDAR, [], overrides);
    expect(january.map((m) => `${local(m.start)} ${m.id} ${m.status}`)).toEqual([
      'Mon 2027-01-04 14:00 dialogmoede-2027-01 planned',
      'Mon 2027-01-04 16:00 staaende-udvalg-man-2027-01 planned',
      'Tue 2027-01-05 15:00 temamoede-ekstra-2027-01-05-1500 planned',
      'Tue 2027-01-05 16:00 staaende-udvalg-tir-2027-01 planned',
      'Wed 2027-01-06 17:00 byraadsmoede-2026-12 moved',
    ]);
  });
});

describe('meeting ids', () => {
  it('are the same every time the plan is generated, whatever the slot times', () => {
    const later: CalendarConfig = { ...DEFAULT_CALENDAR, slots: { ...DEFAULT_CALENDAR.slots, byraadsmoede: { week: 4, weekday: 4, start: '18:00', end: '21:00' } } };
    const ids = (config: CalendarConfig) => month2026(12, { ...config, kernegruppeSeason: allYear.kernegruppeSeason }).map((m) => m.id).sort();
    expect(ids(DEFAULT_CALENDAR)).toEqual(ids(DEFAULT_CALENDAR));
    expect(ids(later)).toEqual(ids(DEFAULT_CALENDAR));
    expect(ids(DEFAULT_CALENDAR)).toEqual([
      'byraadsmoede-2026-12',
      'dialogmoede-2026-12',
      'kernegruppemoede-kernegruppe-laering-2026-12',
      'kernegruppemoede-kernegruppe-teknik-2026-12',
      'konsulentmoede-2026-12',
      'partigrupper-2026-12',
      'pitstop-2026-12',
      'politisk-koordination-2026-12',
      'staaende-udvalg-man-2026-12',
      'staaende-udvalg-tir-2026-12',
      'temamoede-2026-12',
    ]);
  });
});
