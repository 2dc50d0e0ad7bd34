// Who is reminded of a pitstop or a konsulentmøde (issue 13 point 3): the people at the meeting (by
// role, and named people) and, as preparation, the konsulenter. Set per tenant in the calendar file's
// `recipients:` section; these are the defaults. Pure: the roster comes in as a parameter.

import type { MeetingKind } from './calendar.js';
import { holdersOf, type Directory } from './directory.js';
import type { Role } from './roles.js';

/** The meeting kinds whose reminders go 1:1 to people, and so whose recipients the calendar file sets. */
export const RECIPIENT_KINDS = ['pitstop', 'konsulentmoede'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

export const isRecipientKind = (kind: MeetingKind | string): kind is RecipientKind => (RECIPIENT_KINDS as readonly string[]).includes(kind);

export interface MeetingRecipientSpec {
  /** The people at the meeting by role (anyone with the role in any group): they get the status across all kernegrupper. */
  readonly roles: readonly Role[];
  /** The people at the meeting by roster person id, whatever their roles (seed 001: "og JTM"). */
  readonly people: readonly string[];
  /** Every konsulent also gets a reminder, with the status of their own kernegrupper, to prepare the meeting. */
  readonly konsulenter: boolean;
}

export type MeetingRecipients = { readonly [K in RecipientKind]: MeetingRecipientSpec };

export const DEFAULT_RECIPIENTS: MeetingRecipients = {
  // Seed 001: "Desuden foreslås månedlige pitstop-møder mellem udvalgsformænd og borgmester (og JTM). Her
  // diskuteres status på organisationsarbejdet og kernegruppernes arbejde." The konsulenter prepare it:
  // seed 002, konsulenten er "ikke primær tovholder men dem der skubber på".
  pitstop: { roles: ['udvalgsformand', 'borgmester'], people: [], konsulenter: true },
  // The konsulentmøde is the konsulenter's own meeting.
  konsulentmoede: { roles: [], people: [], konsulenter: true },
};

/** The tenant's recipients: what its calendar file set, each field it left out at its default. */
export function recipientsWithDefaults(stored: Partial<Record<RecipientKind, Partial<MeetingRecipientSpec>>> | undefined): MeetingRecipients {
  const one = (kind: RecipientKind): MeetingRecipientSpec => ({ ...DEFAULT_RECIPIENTS[kind], ...(stored?.[kind] ?? {}) });
  return { pitstop: one('pitstop'), konsulentmoede: one('konsulentmoede') };
}

export interface ResolvedRecipients {
  /** The people at the meeting, once each: they get the status across all kernegrupper. */
  readonly attendees: readonly string[];
  /** The konsulenter who are not also at the meeting: they keep the status of their own kernegrupper. */
  readonly konsulenter: readonly string[];
}

/**
 * Who is reminded, one reminder per person: someone who is both at the meeting and a konsulent is
 * counted as at the meeting (the wider status includes their own groups).
 */
export function resolveRecipients(dir: Directory, spec: MeetingRecipientSpec): ResolvedRecipients {
  const attendees = [...new Set([...spec.roles.flatMap((role) => holdersOf(dir, role)), ...spec.people])];
  const at = new Set(attendees);
  const konsulenter = spec.konsulenter ? holdersOf(dir, 'konsulent').filter((p) => !at.has(p)) : [];
  return { attendees, konsulenter };
}

/** Every person to remind of a meeting of this kind: the people at it first, then the konsulenter. */
export const everyone = (r: ResolvedRecipients): string[] => [...r.attendees, ...r.konsulenter];

/** Per meeting kind, who is at the meeting and which konsulenter prepare it, from the roster as it is now. */
export function recipientsByKind(dir: Directory, recipients: MeetingRecipients): Record<RecipientKind, ResolvedRecipients> {
  return { pitstop: resolveRecipients(dir, recipients.pitstop), konsulentmoede: resolveRecipients(dir, recipients.konsulentmoede) };
}

/** Whether a 1:1 reminder of this meeting kind still has this person among its recipients (kinds without a `recipients` entry: always). */
export function stillRecipient(byKind: Record<RecipientKind, ResolvedRecipients>, kind: MeetingKind, personId: string): boolean {
  return !isRecipientKind(kind) || everyone(byKind[kind]).includes(personId);
}
