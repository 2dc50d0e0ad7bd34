// Local time in Europe/Copenhagen, the municipality's clock: turning a date and time a person typed
// into an instant (refusing times that do not exist on a DST day), and showing instants the Danish way.

import { DateTime } from 'luxon';

export const ZONE = 'Europe/Copenhagen';

export type LocalTimeError = 'INVALID' | 'NOT_EXISTING';

/** "2026-12-07" + "14:00" in Copenhagen → the instant; an hour skipped by summer time does not exist. */
export function instantFromLocal(date: string, time: string): { ok: true; value: Date } | { ok: false; code: LocalTimeError } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{1,2}:\d{2}$/.test(time)) return { ok: false, code: 'INVALID' };
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const local = DateTime.fromISO(date, { zone: ZONE }).set({ hour, minute, second: 0, millisecond: 0 });
  if (!local.isValid || hour > 23 || minute > 59) return { ok: false, code: 'INVALID' };
  // Luxon moves a skipped local time (02:30 on the last Sunday of March) forward; such a time was never on a clock.
  if (local.hour !== hour || local.minute !== minute) return { ok: false, code: 'NOT_EXISTING' };
  return { ok: true, value: local.toJSDate() };
}

/** Written as a date ("2027-02-31") but no such day: said as such, not as a format error. */
export function noSuchDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && !DateTime.fromISO(date, { zone: ZONE }).isValid;
}

/** The date and time fields a form shows for an instant. */
export function localParts(instant: Date): { date: string; time: string } {
  const local = DateTime.fromJSDate(instant, { zone: ZONE });
  return { date: local.toFormat('yyyy-MM-dd'), time: local.toFormat('HH:mm') };
}

/**
 * Formatted instants, by locale and time: the same deadlines and meeting times are shown on every
 * card, and luxon's zone arithmetic costs a tenth of a millisecond each. Bounded, oldest dropped first.
 */
const formatted = new Map<string, string>();
const FORMATTED_KEPT = 5_000;

/** "mandag 7. december 2026 kl. 14.00" (da) or "Monday 7 December 2026 at 14:00" (en). */
export function formatInstant(instant: Date, locale: 'da' | 'en'): string {
  const key = `${locale}${instant.getTime()}`;
  const known = formatted.get(key);
  if (known !== undefined) return known;
  const local = DateTime.fromJSDate(instant, { zone: ZONE }).setLocale(locale === 'da' ? 'da-DK' : 'en-GB');
  const text = locale === 'da' ? local.toFormat("cccc d'.' LLLL yyyy 'kl.' HH'.'mm") : local.toFormat("cccc d LLLL yyyy 'at' HH:mm");
  if (formatted.size >= FORMATTED_KEPT) formatted.delete(formatted.keys().next().value!);
  formatted.set(key, text);
  return text;
}
