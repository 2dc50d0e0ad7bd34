// Copenhagen local time as a person meets it in the forms and on the cards: what a typed date and
// time means as an instant (including the hour that does not exist in spring and the hour that
// happens twice in autumn), what the form shows back, and how an instant is written in Danish and English.

import { describe, expect, it } from 'vitest';
import { formatInstant, instantFromLocal, localParts } from '../../src/domain/time.js';

/** The instant a typed date and time means, or the reason it means none. */
const typed = (date: string, time: string): string => {
  const r = instantFromLocal(date, time);
  return r.ok ? r.value.toISOString() : r.code;
};

describe('instantFromLocal: a typed date and time in Copenhagen', () => {
  it('reads winter time as UTC+1 and summer time as UTC+2', () => {
    expect(typed('2026-12-07', '14:00')).toBe('2026-12-07T13:00:00.000Z');
    expect(typed('2026-08-03', '14:00')).toBe('2026-08-03T12:00:00.000Z');
  });

  it('takes the first and last minute of a day, and a one-digit hour', () => {
    expect(typed('2026-12-07', '00:00')).toBe('2026-12-06T23:00:00.000Z');
    expect(typed('2026-12-07', '23:59')).toBe('2026-12-07T22:59:00.000Z');
    expect(typed('2026-12-07', '7:05')).toBe('2026-12-07T06:05:00.000Z');
  });

  it('says 02:30 on 29 March 2026 does not exist: the clocks jump from 02:00 to 03:00', () => {
    expect(typed('2026-03-29', '02:30')).toBe('NOT_EXISTING');
    expect(typed('2026-03-29', '02:00')).toBe('NOT_EXISTING');
    expect(typed('2026-03-29', '02:59')).toBe('NOT_EXISTING');
  });

  it('accepts the minutes either side of the spring gap, which are one real minute apart', () => {
    expect(typed('2026-03-29', '01:59')).toBe('2026-03-29T00:59:00.000Z');
    expect(typed('2026-03-29', '03:00')).toBe('2026-03-29T01:00:00.000Z');
  });

  it('gives 02:30 on 25 October 2026, which the clock shows twice, one defined instant: the first, still summer time', () => {
    expect(typed('2026-10-25', '02:30')).toBe('2026-10-25T00:30:00.000Z');
    // Asking again gives the same answer, so a form saved twice keeps its deadline.
    expect(typed('2026-10-25', '02:30')).toBe(typed('2026-10-25', '02:30'));
    expect(typed('2026-10-25', '01:59')).toBe('2026-10-24T23:59:00.000Z');
    expect(typed('2026-10-25', '03:00')).toBe('2026-10-25T02:00:00.000Z');
  });

  it.each([
    ['a date that is not in the calendar', '2026-02-30', '10:00'],
    ['month 13', '2026-13-01', '10:00'],
    ['hour 24', '2026-12-07', '24:00'],
    ['minute 60', '2026-12-07', '14:60'],
    ['a Danish-style date', '07-12-2026', '14:00'],
    ['a date with slashes', '2026/12/07', '14:00'],
    ['a Danish-style time with a dot', '2026-12-07', '14.00'],
    ['a time with seconds', '2026-12-07', '14:00:00'],
    ['a one-digit minute', '2026-12-07', '14:0'],
    ['an empty date', '', '14:00'],
    ['an empty time', '2026-12-07', ''],
    ['words', 'i morgen', 'middag'],
  ])('refuses %s as INVALID', (_what, date, time) => {
    expect(typed(date, time)).toBe('INVALID');
  });
});

describe('localParts: what the form shows for an instant', () => {
  it.each([
    ['winter', '2026-12-07T13:00:00.000Z', { date: '2026-12-07', time: '14:00' }],
    ['summer', '2026-08-03T12:00:00.000Z', { date: '2026-08-03', time: '14:00' }],
    ['just before the spring jump', '2026-03-29T00:59:00.000Z', { date: '2026-03-29', time: '01:59' }],
    ['just after the spring jump', '2026-03-29T01:00:00.000Z', { date: '2026-03-29', time: '03:00' }],
    ['late evening UTC that is already tomorrow in Copenhagen', '2026-12-31T23:30:00.000Z', { date: '2027-01-01', time: '00:30' }],
  ])('shows the Copenhagen date and time in %s', (_when, iso, parts) => {
    expect(localParts(new Date(iso))).toEqual(parts);
  });

  it.each(['2026-01-15T07:45:00.000Z', '2026-03-29T00:59:00.000Z', '2026-03-29T01:00:00.000Z', '2026-06-21T21:59:00.000Z', '2026-10-25T00:30:00.000Z', '2026-12-07T13:00:00.000Z'])(
    'round-trips %s: what the form shows reads back as the same instant',
    (iso) => {
      const { date, time } = localParts(new Date(iso));
      expect(typed(date, time)).toBe(iso);
    },
  );

  it('shows both 02:30s of the autumn night as 02:30, and reading that back names the first of them', () => {
    const first = new Date('2026-10-25T00:30:00.000Z');
    const second = new Date('2026-10-25T01:30:00.000Z');
    expect(localParts(first)).toEqual({ date: '2026-10-25', time: '02:30' });
    expect(localParts(second)).toEqual({ date: '2026-10-25', time: '02:30' });
    // A form can only name the first; the second is an hour later than what the form reads back.
    expect(typed('2026-10-25', '02:30')).toBe(first.toISOString());
  });
});

describe('formatInstant: an instant in words', () => {
  it('writes Danish as "mandag 7. december 2026 kl. 14.00"', () => {
    expect(formatInstant(new Date('2026-12-07T13:00:00Z'), 'da')).toBe('mandag 7. december 2026 kl. 14.00');
  });

  it('writes English as "Monday 7 December 2026 at 14:00"', () => {
    expect(formatInstant(new Date('2026-12-07T13:00:00Z'), 'en')).toBe('Monday 7 December 2026 at 14:00');
  });

  it('shows the same wall-clock time in summer, from an instant an hour earlier in UTC', () => {
    expect(formatInstant(new Date('2026-08-03T12:00:00Z'), 'da')).toBe('mandag 3. august 2026 kl. 14.00');
    expect(formatInstant(new Date('2026-08-03T12:00:00Z'), 'en')).toBe('Monday 3 August 2026 at 14:00');
  });

  it('pads hours and minutes: kl. 09.05 / at 09:05', () => {
    expect(formatInstant(new Date('2026-02-02T08:05:00Z'), 'da')).toBe('mandag 2. februar 2026 kl. 09.05');
    expect(formatInstant(new Date('2026-02-02T08:05:00Z'), 'en')).toBe('Monday 2 February 2026 at 09:05');
  });

  it('jumps from 01.59 to 03.00 across the spring change, one real minute apart', () => {
    expect(formatInstant(new Date('2026-03-29T00:59:00Z'), 'da')).toBe('søndag 29. marts 2026 kl. 01.59');
    expect(formatInstant(new Date('2026-03-29T01:00:00Z'), 'da')).toBe('søndag 29. marts 2026 kl. 03.00');
    expect(formatInstant(new Date('2026-03-29T00:59:00Z'), 'en')).toBe('Sunday 29 March 2026 at 01:59');
    expect(formatInstant(new Date('2026-03-29T01:00:00Z'), 'en')).toBe('Sunday 29 March 2026 at 03:00');
  });

  it('shows 02.30 twice across the autumn change, an hour apart', () => {
    expect(formatInstant(new Date('2026-10-25T00:30:00Z'), 'da')).toBe('søndag 25. oktober 2026 kl. 02.30');
    expect(formatInstant(new Date('2026-10-25T01:30:00Z'), 'da')).toBe('søndag 25. oktober 2026 kl. 02.30');
    expect(formatInstant(new Date('2026-10-25T02:00:00Z'), 'en')).toBe('Sunday 25 October 2026 at 03:00');
  });

  it('uses the Copenhagen date when it differs from the UTC date', () => {
    expect(formatInstant(new Date('2026-12-31T23:30:00Z'), 'da')).toBe('fredag 1. januar 2027 kl. 00.30');
    expect(formatInstant(new Date('2026-12-31T23:30:00Z'), 'en')).toBe('Friday 1 January 2027 at 00:30');
  });
});
