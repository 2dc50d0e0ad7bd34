// Calendar rules as pure functions: 2026 checked against hand-worked dates, both DST changes,
// July, public holidays, the week rules, and admin overrides.

import { describe, expect, it } from 'vitest';
import { applyOverrides, DEFAULT_CALENDAR, generateMonth, holidayWarnings, meetingsBetween, slotDate } from '../../src/domain/calendar.js';

const of = (month: number, id: string) => generateMonth(2026, month, DEFAULT_CALENDAR, []).find((m) => m.id === `${id}-2026-${String(month).padStart(2, '0')}`);

describe('the 2026 plan', () => {
  it('puts the dialogmøde on the first Monday, and the byrådsmøde on the Wednesday of week 4', () => {
    const dialog = ['2026-01-05', '2026-02-02', '2026-03-02', '2026-04-06', '2026-05-04', '2026-06-01', '', '2026-08-03', '2026-09-07', '2026-10-05', '2026-11-02', '2026-12-07'];
    const byraad = ['2026-01-28', '2026-02-25', '2026-03-25', '2026-04-29', '2026-05-27', '2026-06-24', '', '2026-08-26', '2026-09-30', '2026-10-28', '2026-11-25', '2026-12-30'];
    for (let month = 1; month <= 12; month++) {
      expect(slotDate(2026, month, DEFAULT_CALENDAR.slots.dialogmoede, 'first-monday') === dialog[month - 1] || month === 7).toBe(true);
      if (month === 7) expect(generateMonth(2026, 7, DEFAULT_CALENDAR, [])).toEqual([]);
      else expect(slotDate(2026, month, DEFAULT_CALENDAR.slots.byraadsmoede, 'first-monday')).toBe(byraad[month - 1]);
    }
  });

  it('keeps 14:00 Copenhagen time across both DST changes', () => {
    expect(of(3, 'dialogmoede')?.start).toBe('2026-03-02T13:00:00.000Z'); // winter, UTC+1
    expect(of(10, 'dialogmoede')?.start).toBe('2026-10-05T12:00:00.000Z'); // summer, UTC+2
    expect(of(11, 'dialogmoede')?.start).toBe('2026-11-02T13:00:00.000Z'); // winter again
  });

  it('flags 2. påskedag and keeps the meeting there', () => {
    const april = of(4, 'dialogmoede');
    expect(april).toMatchObject({ start: '2026-04-06T12:00:00.000Z', holiday: 'Anden påskedag' });
    expect(holidayWarnings(generateMonth(2026, 4, DEFAULT_CALENDAR, [])).map((m) => m.id)).toContain('dialogmoede-2026-04');
  });

  it('reads "week 1" by the chosen rule in a month that starts on a Tuesday', () => {
    const tuesday = { week: 1 as const, weekday: 2 as const };
    expect(slotDate(2026, 12, tuesday, 'first-monday')).toBe('2026-12-08');
    expect(slotDate(2026, 12, tuesday, 'month-days')).toBe('2026-12-01');
  });

  it('applies moves, cancellations and additions, later ones winning', () => {
    const december = generateMonth(2026, 12, DEFAULT_CALENDAR, []);
    const at = '2026-11-23T10:00:00Z';
    const result = applyOverrides(december, [
      { meetingId: 'byraadsmoede-2026-12', action: 'move', start: '2026-12-16T16:00:00.000Z', end: '2026-12-16T19:00:00.000Z', by: 'a', at },
      { meetingId: 'byraadsmoede-2026-12', action: 'move', start: '2026-12-17T16:00:00.000Z', end: '2026-12-17T19:00:00.000Z', by: 'a', at },
      { meetingId: 'temamoede-2026-12', action: 'cancel', by: 'a', at },
    ]);
    expect(result.find((m) => m.id === 'byraadsmoede-2026-12')).toMatchObject({ status: 'moved', start: '2026-12-17T16:00:00.000Z', originalStart: '2026-12-30T16:00:00.000Z' });
    expect(result.find((m) => m.id === 'temamoede-2026-12')?.status).toBe('cancelled');
    const between = meetingsBetween(new Date('2026-06-20T00:00:00Z'), new Date('2026-08-10T00:00:00Z'), DEFAULT_CALENDAR, [], []);
    expect(between.some((m) => m.start.startsWith('2026-07'))).toBe(false);
  });
});
