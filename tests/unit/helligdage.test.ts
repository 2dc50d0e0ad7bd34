// The bot reads the Danish helligdage from a generated table (src/domain/helligdage.ts) instead of
// loading date-holidays at run time. The table must say exactly what date-holidays says, for every
// year it covers: an update of date-holidays that changes a date fails here until the table is made again.

import { describe, expect, it } from 'vitest';
import { HELLIGDAGE, HELLIGDAGE_FIRST_YEAR, HELLIGDAGE_LAST_YEAR } from '../../src/domain/helligdage.js';
import { publicHoliday } from '../../src/domain/calendar.js';
import { FIRST_YEAR, helligdageFromLibrary, LAST_YEAR } from '../../scripts/generate-helligdage.js';

describe('the helligdage table', () => {
  it('covers the years the generator says and holds what date-holidays computes for each of them', () => {
    expect([HELLIGDAGE_FIRST_YEAR, HELLIGDAGE_LAST_YEAR]).toEqual([FIRST_YEAR, LAST_YEAR]);
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) expect(HELLIGDAGE[year], String(year)).toEqual(helligdageFromLibrary(year));
  });

  it('knows the holidays around the meetings the bot plans', () => {
    expect(publicHoliday('2026-12-25')).toBe('Juledag');
    expect(publicHoliday('2027-03-29')).toBe('Anden påskedag');
    // Store Bededag is no helligdag from 2024.
    expect(publicHoliday('2023-05-05')).toBe('Store Bededag');
    expect(publicHoliday('2024-04-26')).toBeUndefined();
    expect(publicHoliday('2026-12-24')).toBeUndefined(); // juleaftensdag is an observance
  });

  it('knows no helligdag outside the table, rather than failing', () => {
    expect(publicHoliday('2250-12-25')).toBeUndefined();
  });
});
