// The kernegrupper's seasons (issue 13 point 2): by default February to May (seed 001: "Hver kernegruppe
// mødes minimum forud for hvert Byrådsmøde kl. 15-17 i februar, marts og april måned. Evt. mødes man
// medio maj"), a group's own months or a number of fixed meetings a year (seed 002: "to-fire gange om
// året"), months off, the temamøde given way to the groups only where one meets, how the calendar file
// says it (and refuses it wrongly said), the group's meeting on a byrådsmøde's day, and the exceptions
// of long-past meetings dropped.

import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CALENDAR,
  generateMonth,
  groupMeetingOn,
  keptOverrides,
  meetingsBetween,
  seasonMonths,
  type CalendarConfig,
  type Meeting,
  type Override,
} from '../../src/domain/calendar.js';
import { parseCalendarFile } from '../../src/app/calendar-file.js';
import { DEFAULT_REMINDERS, effectiveReminders, plannedReminders } from '../../src/domain/reminders.js';

const GROUPS = [
  { id: 'kernegruppe-laering', name: 'Kernegruppe Læring' },
  { id: 'kernegruppe-beskaeftigelse', name: 'Kernegruppe Beskæftigelse' },
];
const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Copenhagen' }).setLocale('en-GB').toFormat('ccc yyyy-MM-dd HH:mm');
/** The months of 2027 in which a group has a generated meeting. */
const monthsOf = (config: CalendarConfig, groupId: string, year = 2027) =>
  Array.from({ length: 12 }, (_, i) => i + 1).filter((month) => generateMonth(year, month, config, GROUPS).some((m) => m.kind === 'kernegruppemoede' && m.groupId === groupId));
const parse = (yaml: string) => parseCalendarFile(yaml, { reminders: DEFAULT_REMINDERS });

describe('the default season (seed 001: February, March, April, "Evt. … medio maj"; seed 000: the months the temamøde gives way)', () => {
  it('generates each group meeting February to May only, on the byrådsmøde day 15-17, 2026-2035', () => {
    for (let year = 2026; year <= 2035; year++) {
      for (const g of GROUPS) expect(monthsOf(DEFAULT_CALENDAR, g.id, year), `${year} ${g.id}`).toEqual([2, 3, 4, 5]);
    }
    const march = generateMonth(2027, 3, DEFAULT_CALENDAR, GROUPS);
    expect(local(march.find((m) => m.id === 'kernegruppemoede-kernegruppe-laering-2027-03')!.start)).toBe('Wed 2027-03-24 15:00');
  });

  it('reads a configuration stored before seasons existed as the default season', () => {
    const { kernegruppeSeason: _a, kernegruppeSeasons: _b, ...stored } = DEFAULT_CALENDAR;
    for (const g of GROUPS) expect(monthsOf(stored as CalendarConfig, g.id)).toEqual([2, 3, 4, 5]);
    // Outside the season the temamøde is held, and nothing of the groups competes with it.
    const october = generateMonth(2027, 10, stored as CalendarConfig, GROUPS);
    expect(october.some((m) => m.kind === 'kernegruppemoede')).toBe(false);
    expect(october.some((m) => m.kind === 'temamoede')).toBe(true);
  });
});

describe('a season per group', () => {
  it("meets in the group's own months, and the rest in the default's", () => {
    const config: CalendarConfig = { ...DEFAULT_CALENDAR, kernegruppeSeasons: { 'kernegruppe-laering': { months: [1, 9, 10] } } };
    expect(monthsOf(config, 'kernegruppe-laering')).toEqual([1, 9, 10]);
    expect(monthsOf(config, 'kernegruppe-beskaeftigelse')).toEqual([2, 3, 4, 5]);
  });

  it('spreads perYear meetings over the meeting months (July off): 4 in Feb, May, Aug, Nov; 2 in Mar, Oct; 1 in Jun; 12 in every month but July', () => {
    const off = DEFAULT_CALENDAR.monthsOff;
    expect(seasonMonths({ perYear: 4 }, off)).toEqual([2, 5, 8, 11]);
    expect(seasonMonths({ perYear: 2 }, off)).toEqual([3, 10]);
    expect(seasonMonths({ perYear: 3 }, off)).toEqual([2, 6, 11]);
    expect(seasonMonths({ perYear: 1 }, off)).toEqual([6]);
    expect(seasonMonths({ perYear: 12 }, off)).toEqual([1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]);
    const config: CalendarConfig = { ...DEFAULT_CALENDAR, kernegruppeSeasons: { 'kernegruppe-beskaeftigelse': { perYear: 4 } } };
    expect(monthsOf(config, 'kernegruppe-beskaeftigelse')).toEqual([2, 5, 8, 11]);
  });

  it('never meets in a month off, whatever the season says; with no months off perYear spreads over all twelve', () => {
    const config: CalendarConfig = { ...DEFAULT_CALENDAR, monthsOff: [7, 12], kernegruppeSeason: { months: [6, 7, 12] } };
    expect(monthsOf(config, 'kernegruppe-laering')).toEqual([6]);
    expect(seasonMonths({ perYear: 4 }, [])).toEqual([2, 5, 8, 11]);
    expect(seasonMonths({ perYear: 6 }, [])).toEqual([2, 4, 6, 8, 10, 12]);
    expect(seasonMonths({ months: [] }, [7])).toEqual([]);
  });

  it('leaves the temamøde in a replacement month where no group meets (seed 000: the groups\' meetings replace it)', () => {
    const config: CalendarConfig = { ...DEFAULT_CALENDAR, kernegruppeSeason: { perYear: 2 } }; // March and October
    const kinds = (month: number) => generateMonth(2027, month, config, GROUPS).map((m) => m.kind);
    expect(kinds(3)).not.toContain('temamoede');
    expect(kinds(3)).toContain('kernegruppemoede');
    expect(kinds(4)).toContain('temamoede'); // April: nobody meets, so the temamøde is held
    expect(kinds(4)).not.toContain('kernegruppemoede');
    expect(kinds(10)).toEqual(expect.arrayContaining(['temamoede', 'kernegruppemoede'])); // October is no replacement month
  });
});

describe('the calendar file gives the seasons', () => {
  it('reads bare slots (older files), months and perYear, the default entry with only a season, and nothing said as February to May', () => {
    const r = parse(`kernegrupper:
  default: { months: [2, 3, 4, 5, 9] }
  kernegruppe-laering: { week: 4, weekday: mandag, start: "13:00", end: "15:00" }
  kernegruppe-beskaeftigelse: { perYear: 4, start: "14:00" }
`);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const c = r.file.config;
    expect(c.kernegruppeSeason).toEqual({ months: [2, 3, 4, 5, 9] });
    expect(c.kernegruppeSeasons).toEqual({ 'kernegruppe-beskaeftigelse': { perYear: 4 } });
    expect(c.kernegruppeDefault).toEqual({ week: 4, weekday: 3, start: '15:00', end: '17:00' }); // the byrådsmøde's day, 15-17 (seed 000)
    expect(c.kernegruppeSlots['kernegruppe-laering']).toEqual({ week: 4, weekday: 1, start: '13:00', end: '15:00' });
    expect(c.kernegruppeSlots['kernegruppe-beskaeftigelse']).toEqual({ week: 4, weekday: 3, start: '14:00', end: '17:00' });
    expect(monthsOf(c, 'kernegruppe-laering')).toEqual([2, 3, 4, 5, 9]);
    expect(monthsOf(c, 'kernegruppe-beskaeftigelse')).toEqual([2, 5, 8, 11]);
    const empty = parse('weekRule: first-monday\n');
    if (!empty.ok) throw new Error('empty file refused');
    expect(empty.file.config.kernegruppeSeason).toEqual({ months: [2, 3, 4, 5] });
    expect(empty.file.reminders.rules.map((x) => x.id)).toContain('kernegruppemoede-2d');
  });

  it("reads the group meeting's reminder lead times, none when the file says []", () => {
    const r = parse('reminders:\n  kernegruppemoede: [3, 1]\n');
    if (!r.ok) throw new Error('refused');
    expect(r.file.reminders.rules.filter((x) => x.meetingKind === 'kernegruppemoede').map((x) => [x.id, x.audience])).toEqual([['kernegruppemoede-3d', 'kernegruppe'], ['kernegruppemoede-1d', 'kernegruppe']]);
    const none = parse('reminders:\n  kernegruppemoede: []\n');
    if (!none.ok) throw new Error('refused');
    expect(effectiveReminders(none.file.reminders, DEFAULT_REMINDERS).rules.some((x) => x.meetingKind === 'kernegruppemoede')).toBe(false);
    // Stored before the group meeting had reminders of its own: the default (2 days) applies.
    const { kernegruppemoedeSet: _s, ...old } = none.file.reminders;
    expect(effectiveReminders({ ...old, rules: old.rules.filter((x) => x.meetingKind !== 'kernegruppemoede') }, DEFAULT_REMINDERS).rules.filter((x) => x.meetingKind === 'kernegruppemoede').map((x) => x.id)).toEqual(['kernegruppemoede-2d']);
    // Kommuneledelsen's reminder came in the same release: a calendar stored before it gets its default (1 day) too.
    const stored = { ...old, rules: old.rules.filter((x) => x.meetingKind !== 'kernegruppemoede' && x.meetingKind !== 'kommuneledelse') };
    expect(effectiveReminders(stored, DEFAULT_REMINDERS).rules.filter((x) => x.meetingKind === 'kommuneledelse').map((x) => [x.id, x.audience])).toEqual([['kommuneledelse-1d', 'kommuneledelse']]);
  });

  it('refuses a bad season in Danish, naming line and field', () => {
    const r = parse(`kernegrupper:
  kernegruppe-laering: { months: [2, 13] }
  kernegruppe-beskaeftigelse: { perYear: 0 }
  kernegruppe-social-omsorg: { months: [3], perYear: 2 }
  kernegruppe-fritid: { perYear: 2.5 }
`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const said = r.problems.map((p) => `${p.line}: ${p.field}: ${p.message}`);
    expect(said).toContain('2: kernegrupper.kernegruppe-laering.months[1]: skal være et månedsnummer 1-12');
    expect(said).toContain('3: kernegrupper.kernegruppe-beskaeftigelse.perYear: skal være mindst 1 møde om året');
    expect(said.some((s) => s.startsWith('4: kernegrupper.kernegruppe-social-omsorg.perYear: skriv enten months'))).toBe(true);
    expect(said.some((s) => s.startsWith('5: kernegrupper.kernegruppe-fritid.perYear: har forkert type'))).toBe(true); // 2.5 meetings
  });
});

describe("the group's meeting on a byrådsmøde's day", () => {
  const march = meetingsBetween(new Date('2027-03-01T00:00:00Z'), new Date('2027-04-01T00:00:00Z'), DEFAULT_CALENDAR, GROUPS, []);
  it('is found by the day, moved or added, not by its id; none when cancelled or outside the season', () => {
    expect(groupMeetingOn(march, 'kernegruppe-laering', '2027-03-24')?.id).toBe('kernegruppemoede-kernegruppe-laering-2027-03');
    const added: Meeting = { id: 'kernegruppemoede-kernegruppe-laering-ekstra-2027-03-24-1300', kind: 'kernegruppemoede', groupId: 'kernegruppe-laering', title: 'Ekstra', start: '2027-03-24T12:00:00.000Z', end: '2027-03-24T14:00:00.000Z', status: 'planned' };
    const at = '2027-02-01T00:00:00.000Z';
    const changed = meetingsBetween(new Date('2027-03-01T00:00:00Z'), new Date('2027-04-01T00:00:00Z'), DEFAULT_CALENDAR, GROUPS, [
      { meetingId: 'kernegruppemoede-kernegruppe-laering-2027-03', action: 'cancel', by: 'x', at },
      { meetingId: added.id, action: 'add', meeting: added, by: 'x', at },
    ]);
    expect(groupMeetingOn(changed, 'kernegruppe-laering', '2027-03-24')?.id).toBe(added.id);
    const october = meetingsBetween(new Date('2027-10-01T00:00:00Z'), new Date('2027-11-01T00:00:00Z'), DEFAULT_CALENDAR, GROUPS, []);
    expect(groupMeetingOn(october, 'kernegruppe-laering', '2027-10-27')).toBeUndefined();
  });
});

describe('the calendar item stays bounded', () => {
  it('drops the exceptions of meetings that ended more than 13 months ago, and keeps the rest', () => {
    const now = new Date('2029-06-01T00:00:00Z');
    const meeting = (end: string): Meeting => ({ id: `kernegruppemoede-x-ekstra-${end}`, kind: 'kernegruppemoede', groupId: 'x', title: 't', start: end, end, status: 'planned' });
    const overrides: Override[] = [
      { meetingId: 'a', action: 'add', meeting: meeting('2028-04-01T00:00:00.000Z'), by: 'x', at: '2028-03-01T00:00:00.000Z' }, // 14 months past: dropped
      { meetingId: 'b', action: 'add', meeting: meeting('2028-06-01T00:00:00.000Z'), by: 'x', at: '2028-03-01T00:00:00.000Z' }, // 12 months past: kept
      { meetingId: 'c', action: 'move', start: '2027-01-01T00:00:00.000Z', end: '2027-01-01T02:00:00.000Z', by: 'x', at: '2026-12-01T00:00:00.000Z' }, // dropped
      { meetingId: 'd', action: 'move', start: '2027-01-01T00:00:00.000Z', end: '2027-01-01T02:00:00.000Z', by: 'x', at: '2028-01-01T00:00:00.000Z' }, // its original slot may be as late as 400 days after: kept
      { meetingId: 'e', action: 'cancel', by: 'x', at: '2027-01-01T00:00:00.000Z' }, // dropped
      { meetingId: 'f', action: 'cancel', by: 'x', at: '2028-01-01T00:00:00.000Z' }, // kept
    ];
    expect(keptOverrides(overrides, now).map((o) => o.meetingId)).toEqual(['b', 'd', 'f']);
  });
});

describe("the group meeting's own reminder", () => {
  it("goes to that group's chat only, 2 days before by default, and not for a cancelled meeting", () => {
    const march = meetingsBetween(new Date('2027-03-01T00:00:00Z'), new Date('2027-04-01T00:00:00Z'), DEFAULT_CALENDAR, GROUPS, [
      { meetingId: 'kernegruppemoede-kernegruppe-beskaeftigelse-2027-03', action: 'cancel', by: 'x', at: '2027-02-01T00:00:00.000Z' },
    ]);
    const planned = plannedReminders(march, DEFAULT_REMINDERS, { kernegrupper: GROUPS.map((g) => g.id), konsulenter: ['k1'] }).filter((p) => p.meetingKind === 'kernegruppemoede');
    expect(planned.map((p) => [p.meetingId, p.ruleId, p.target, p.dueAt.toISOString()])).toEqual([
      ['kernegruppemoede-kernegruppe-laering-2027-03', 'kernegruppemoede-2d', { type: 'group', groupId: 'kernegruppe-laering' }, '2027-03-22T14:00:00.000Z'],
    ]);
  });
});
