// Seed 004: "Byrådet holder møde i månedens sidste uge". Every generated meeting of a month lies in
// that month, 2026 to 2035, under both week rules, with and without kernegrupper; and the named cases
// where week 4 reached into the next month (February 2028 and 2033, the December pitstops).

import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, generateMonth, type CalendarConfig, type Meeting } from '../../src/domain/calendar.js';

const KERNEGRUPPER = [
  { id: 'kernegruppe-laering', name: 'Kernegruppe Læring' },
  { id: 'kernegruppe-beskaeftigelse', name: 'Kernegruppe Beskæftigelse' },
];
const ZONE = 'Europe/Copenhagen';
const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).setLocale('en-GB').toFormat('ccc yyyy-MM-dd HH:mm');
const localMonth = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toFormat('yyyy-MM');
const mm = (month: number) => String(month).padStart(2, '0');
const find = (meetings: readonly Meeting[], id: string) => {
  const found = meetings.find((m) => m.id === id);
  if (!found) throw new Error(`no meeting ${id}`);
  return found;
};
const monthDays: CalendarConfig = { ...DEFAULT_CALENDAR, weekRule: 'month-days' };
/** Kernegrupper meeting every month, so every month's group meeting is checked too (the default season is February to May). */
const allYear = (c: CalendarConfig): CalendarConfig => ({ ...c, kernegruppeSeason: { months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] } });

describe('no generated meeting falls outside its month (seed 004: "Byrådet holder møde i månedens sidste uge")', () => {
  for (const [rule, config, groupsAllYear] of [
    ['first-monday', DEFAULT_CALENDAR, false],
    ['month-days', monthDays, false],
    ['first-monday, groups all year', allYear(DEFAULT_CALENDAR), true],
    ['month-days, groups all year', allYear(monthDays), true],
  ] as const) {
    for (let year = 2026; year <= 2035; year++) {
      it(`${rule}: every month of ${year}`, () => {
        const outside: string[] = [];
        for (let month = 1; month <= 12; month++) {
          const meetings = generateMonth(year, month, config, KERNEGRUPPER);
          const season = month >= 2 && month <= 5;
          if (month === 7) expect(meetings).toEqual([]);
          // February to May the kernegruppe meetings replace the temamøde (seed 000); by default the groups meet only then (seed 001).
          else expect(meetings).toHaveLength((season ? 6 : 7) + 2 + (season || groupsAllYear ? KERNEGRUPPER.length : 0));
          for (const m of meetings) {
            if (localMonth(m.start) !== `${year}-${mm(month)}` || localMonth(m.end) !== `${year}-${mm(month)}`) outside.push(`${m.id} ${local(m.start)}`);
          }
        }
        expect(outside).toEqual([]);
      });
    }
  }

  it('keeps the meetings that prepare the byrådsmøde before it, on its day or earlier, every month 2026-2035', () => {
    for (let year = 2026; year <= 2035; year++) {
      for (let month = 1; month <= 12; month++) {
        if (month === 7) continue;
        const meetings = generateMonth(year, month, allYear(DEFAULT_CALENDAR), KERNEGRUPPER);
        const ym = `${year}-${mm(month)}`;
        const t = (id: string) => Date.parse(find(meetings, `${id}-${ym}`).start);
        expect(t('politisk-koordination') <= t('partigrupper') && t('partigrupper') < t('kernegruppemoede-kernegruppe-laering'), ym).toBe(true);
        expect(t('kernegruppemoede-kernegruppe-laering') < t('byraadsmoede'), ym).toBe(true);
        const day = (id: string) => local(find(meetings, `${id}-${ym}`).start).slice(0, 14);
        expect(day('kernegruppemoede-kernegruppe-laering'), ym).toBe(day('byraadsmoede'));
        if (month < 2 || month > 5) expect(day('temamoede'), ym).toBe(day('byraadsmoede'));
      }
    }
  });

  it('holds the February 2028 byrådsmøde in February, in the week before (week 4 would start Monday 28 February)', () => {
    const february = generateMonth(2028, 2, DEFAULT_CALENDAR, KERNEGRUPPER);
    expect(local(find(february, 'byraadsmoede-2028-02').start)).toBe('Wed 2028-02-23 17:00'); // was Wed 1 March 2028
    expect(local(find(february, 'kernegruppemoede-kernegruppe-laering-2028-02').start)).toBe('Wed 2028-02-23 15:00');
    expect(local(find(february, 'partigrupper-2028-02').start)).toBe('Mon 2028-02-21 17:00');
    expect(local(find(february, 'konsulentmoede-2028-02').start)).toBe('Thu 2028-02-24 10:00');
    expect(local(find(february, 'pitstop-2028-02').start)).toBe('Fri 2028-02-25 09:00');
    // The March plan starts on its own first Monday, after the whole of February's.
    expect(local(find(generateMonth(2028, 3, DEFAULT_CALENDAR, []), 'dialogmoede-2028-03').start)).toBe('Mon 2028-03-06 14:00');
  });

  it('holds the February 2033 byrådsmøde in February (week 4 would have put it on 2 March 2033)', () => {
    const february = generateMonth(2033, 2, DEFAULT_CALENDAR, KERNEGRUPPER);
    expect(local(find(february, 'byraadsmoede-2033-02').start)).toBe('Wed 2033-02-23 17:00');
    expect(local(find(february, 'partigrupper-2033-02').start)).toBe('Mon 2033-02-21 17:00');
    expect(local(find(february, 'pitstop-2033-02').start)).toBe('Fri 2033-02-25 09:00');
    for (const g of KERNEGRUPPER) expect(localMonth(find(february, `kernegruppemoede-${g.id}-2033-02`).start)).toBe('2033-02');
  });

  it('holds every December pitstop in December, on the last Friday when week 4 would end in January', () => {
    const pitstops: string[] = [];
    for (let year = 2026; year <= 2035; year++) pitstops.push(local(find(generateMonth(year, 12, DEFAULT_CALENDAR, []), `pitstop-${year}-12`).start));
    // 2026: week 4 is Mon 28 December - Sun 3 January; its Friday, 1 January 2027, is January's, so the
    // pitstop is held on the last Friday of December (Juledag: flagged for the admin, as any helligdag).
    expect(pitstops).toEqual([
      'Fri 2026-12-25 09:00',
      'Fri 2027-12-31 09:00',
      'Fri 2028-12-29 09:00',
      'Fri 2029-12-28 09:00',
      'Fri 2030-12-27 09:00',
      'Fri 2031-12-26 09:00',
      'Fri 2032-12-31 09:00',
      'Fri 2033-12-30 09:00',
      'Fri 2034-12-29 09:00',
      'Fri 2035-12-28 09:00',
    ]);
    // The byrådsmøde stays in week 4 that December (Wednesday 30 December is December's).
    expect(local(find(generateMonth(2026, 12, DEFAULT_CALENDAR, []), 'byraadsmoede-2026-12').start)).toBe('Wed 2026-12-30 17:00');
  });
});
