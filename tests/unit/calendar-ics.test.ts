// The council's plan as an iCalendar feed, as Outlook will read it: only the public meetings, each
// under a UID that never changes, moved meetings re-versioned, cancelled ones sent as CANCELLED.

import { describe, expect, it } from 'vitest';
import { calendarIcs, PUBLIC_KINDS } from '../../src/adapters/http/calendar-ics.js';
import { applyOverrides, DEFAULT_CALENDAR, generateMonth, meetingsBetween, type Meeting, type Override } from '../../src/domain/calendar.js';

type Event = Record<string, string>;

/** A strict reading of RFC 5545's structure: CRLF lines of at most 75 octets, folded lines joined, components balanced. */
function parseIcs(text: string): { calendar: Event; events: Event[] } {
  expect(text.endsWith('\r\n')).toBe(true);
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
  const lines = text.slice(0, -2).replace(/\r\n[ \t]/g, '').split('\r\n');
  const stack: string[] = [];
  const calendar: Event = {};
  const events: Event[] = [];
  for (const line of lines) {
    const match = /^([A-Z][A-Z0-9-]*)((?:;[^:]*)?):(.*)$/.exec(line);
    expect(match, `not a content line: ${line}`).not.toBeNull();
    const [, name, , value] = match!;
    if (name === 'BEGIN') {
      stack.push(value!);
      if (value === 'VEVENT') events.push({});
    } else if (name === 'END') {
      expect(stack.pop()).toBe(value);
    } else if (stack.at(-1) === 'VEVENT') events.at(-1)![name!] = value!;
    else if (stack.at(-1) === 'VCALENDAR') calendar[name!] = value!;
  }
  expect(stack).toEqual([]);
  expect(lines[0]).toBe('BEGIN:VCALENDAR');
  expect(lines.at(-1)).toBe('END:VCALENDAR');
  return { calendar, events };
}

const kernegrupper = [{ id: 'kernegruppe-laering', name: 'Kernegruppe Læring' }];
const opts = { name: 'Byrådets mødeplan', now: new Date('2026-11-23T10:00:00Z'), host: 'kerneopgave-bot' };
const at = opts.now.toISOString();
const december = generateMonth(2026, 12, DEFAULT_CALENDAR, kernegrupper);
const feed = (meetings: readonly Meeting[]) => parseIcs(calendarIcs(meetings, opts));
const byUid = (events: Event[], uid: string) => {
  const event = events.find((e) => e.UID === uid);
  if (!event) throw new Error(`no event ${uid}`);
  return event;
};

describe('the iCalendar feed', () => {
  it("parses, is named, and holds one event per public meeting and none of the internal ones", () => {
    const { calendar, events } = feed(december);
    expect(calendar['VERSION']).toBe('2.0');
    expect(calendar['X-WR-CALNAME']).toBe('Byrådets mødeplan');
    const publicOnes = december.filter((m) => PUBLIC_KINDS.includes(m.kind));
    expect(publicOnes).toHaveLength(7); // dialogmøde, two committee days, PK&Ø, partigrupper, temamøde, byrådsmøde
    expect(events.map((e) => e.UID).sort()).toEqual(publicOnes.map((m) => `${m.id}@kerneopgave-bot`).sort());
    expect(events.map((e) => e.SUMMARY)).toContain('Møder i de stående udvalg: Fritid & Fællesskab\\, Teknik');
    const text = calendarIcs(december, opts);
    expect(text).not.toContain('Kernegruppe');
    expect(text).not.toContain('Pitstop');
    expect(text).not.toContain('Konsulentmøde');
    expect(PUBLIC_KINDS).not.toContain('kernegruppemoede');
  });

  it('gives each meeting the same UID every time it is generated', () => {
    const first = feed(december).events.map((e) => e.UID);
    const again = feed(generateMonth(2026, 12, DEFAULT_CALENDAR, kernegrupper)).events.map((e) => e.UID);
    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
    expect(first).toContain('byraadsmoede-2026-12@kerneopgave-bot');
  });

  it('moves a meeting under its old UID with a new time and a higher SEQUENCE, twice', () => {
    const before = byUid(feed(december).events, 'byraadsmoede-2026-12@kerneopgave-bot');
    expect(before).toMatchObject({ DTSTART: '20261230T160000Z', DTEND: '20261230T190000Z', SEQUENCE: '0', STATUS: 'CONFIRMED' });
    const first: Override = { meetingId: 'byraadsmoede-2026-12', action: 'move', start: '2026-12-16T16:00:00.000Z', end: '2026-12-16T19:00:00.000Z', by: 'admin', at };
    const second: Override = { meetingId: 'byraadsmoede-2026-12', action: 'move', start: '2026-12-17T16:00:00.000Z', end: '2026-12-17T19:00:00.000Z', by: 'admin', at };
    const moved = feed(applyOverrides(december, [first])).events;
    expect(moved).toHaveLength(7);
    expect(byUid(moved, 'byraadsmoede-2026-12@kerneopgave-bot')).toMatchObject({ DTSTART: '20261216T160000Z', SUMMARY: 'Byrådsmøde', SEQUENCE: '1' });
    const movedAgain = byUid(feed(applyOverrides(december, [first, second])).events, 'byraadsmoede-2026-12@kerneopgave-bot');
    expect(movedAgain).toMatchObject({ DTSTART: '20261217T160000Z', SEQUENCE: '2' });
  });

  it('keeps a cancelled meeting in the feed as CANCELLED, so subscribers remove it', () => {
    const cancelled = feed(applyOverrides(december, [{ meetingId: 'dialogmoede-2026-12', action: 'cancel', by: 'admin', at }])).events;
    expect(cancelled).toHaveLength(7);
    expect(byUid(cancelled, 'dialogmoede-2026-12@kerneopgave-bot')).toMatchObject({ STATUS: 'CANCELLED', DTSTART: '20261207T130000Z', SEQUENCE: '1' });
    expect(byUid(cancelled, 'byraadsmoede-2026-12@kerneopgave-bot').STATUS).toBe('CONFIRMED');
  });

  it('gives the Copenhagen wall-clock times in UTC on both sides of the October DST change', () => {
    const autumn = feed(meetingsBetween(new Date('2026-10-01T00:00:00Z'), new Date('2026-11-03T00:00:00Z'), DEFAULT_CALENDAR, [], [])).events;
    expect(byUid(autumn, 'dialogmoede-2026-10@kerneopgave-bot')).toMatchObject({ DTSTART: '20261005T120000Z', DTEND: '20261005T140000Z' }); // 14-16 CEST
    expect(byUid(autumn, 'byraadsmoede-2026-10@kerneopgave-bot')).toMatchObject({ DTSTART: '20261028T160000Z', DTEND: '20261028T190000Z' }); // 17-20 CET
    expect(byUid(autumn, 'dialogmoede-2026-11@kerneopgave-bot')).toMatchObject({ DTSTART: '20261102T130000Z' }); // 14:00 CET
    const spring = feed(generateMonth(2026, 3, DEFAULT_CALENDAR, [])).events.concat(feed(generateMonth(2026, 4, DEFAULT_CALENDAR, [])).events);
    expect(byUid(spring, 'byraadsmoede-2026-03@kerneopgave-bot').DTSTART).toBe('20260325T160000Z'); // 17:00 CET, before 29 March
    expect(byUid(spring, 'dialogmoede-2026-04@kerneopgave-bot').DTSTART).toBe('20260406T120000Z'); // 14:00 CEST
  });
});
