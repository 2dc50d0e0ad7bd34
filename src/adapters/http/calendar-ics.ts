// The council's meeting plan as an iCalendar feed that Outlook can subscribe to. Each meeting keeps
// its UID for good (its stable id), so a moved meeting updates the subscriber's entry instead of
// adding a second one, and a cancelled one stays in the feed as CANCELLED so it disappears there.

import ical, { ICalEventStatus } from 'ical-generator';
import type { Meeting, MeetingKind } from '../../domain/calendar.js';

/** The council's plan is public; kernegruppe meetings, pitstop and konsulentmøde are internal. */
export const PUBLIC_KINDS: readonly MeetingKind[] = ['dialogmoede', 'staaende-udvalg', 'politisk-koordination', 'partigrupper', 'temamoede', 'byraadsmoede'];

export function calendarIcs(meetings: readonly Meeting[], opts: { name: string; now: Date; host: string }): string {
  const calendar = ical({ name: opts.name, prodId: { company: 'Kerneopgave-bot', product: 'Byrådets mødeplan', language: 'DA' }, ttl: 300 });
  for (const m of meetings) {
    if (!PUBLIC_KINDS.includes(m.kind)) continue;
    calendar.createEvent({
      id: `${m.id}@${opts.host}`,
      start: new Date(m.start),
      end: new Date(m.end),
      stamp: opts.now,
      summary: m.title,
      // A moved or cancelled meeting is a new version of the same event: clients replace, not add,
      // and only when the SEQUENCE has gone up (a second move must go up again).
      sequence: m.revision ?? (m.status === 'planned' ? 0 : 1),
      status: m.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  // RFC 5545 ends every content line, the last one too, with CRLF; ical-generator leaves the last one bare.
  return `${calendar.toString()}\r\n`;
}
