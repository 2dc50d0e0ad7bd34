// The calendar as people use it: the next meetings that concern a person ("møder"), the admin's
// exceptions (move, cancel, add one meeting; a kernegruppe's tovholder moves and cancels the group's own,
// see group-meeting-rights.ts) written through the calendar item's etag, and the
// once-only warning to admins about generated meetings on a public holiday.

import { isAdmin, type Actor } from '../domain/actor.js';
import { holidayWarnings, keptOverrides, meetingsBetween, type Meeting, type MeetingKind, type Override } from '../domain/calendar.js';
import type { CalendarFile } from './calendar-file.js';
import type { Directory } from '../domain/directory.js';
import { DAY } from '../domain/reminders.js';
import { fail, ok, type Result } from '../domain/result.js';
import { instantFromLocal, noSuchDate } from '../domain/time.js';
import type { CalendarRepository, CalendarSettings, Clock, ConversationRepository, DirectoryRepository, Notifier } from './ports.js';
import { settingsOf, tenantMeetings } from './tenant-calendar.js';
import { tellAdmins } from './conversations.js';
import { unknownRecipients } from './meeting-recipients-file.js';
import { everyone, isRecipientKind, recipientsByKind, recipientsWithDefaults } from '../domain/meeting-recipients.js';
import { mayChangeMeeting, mayChangeMeetingsHere, type GroupMeetingRightsError } from './group-meeting-rights.js';

export interface CalendarDeps {
  readonly calendars: CalendarRepository;
  readonly directories: DirectoryRepository;
  readonly conversations: ConversationRepository;
  readonly notifier: Notifier;
  readonly clock: Clock;
}

/** A kernegruppe's meeting, pitstop and konsulentmøde are for their own people; everything else is the council's plan. */
const OWN_KINDS: readonly MeetingKind[] = ['kernegruppemoede', 'pitstop', 'konsulentmoede', 'kommuneledelse'];

/** The council's plan is everyone's; a kernegruppe's meeting, pitstop and konsulentmøde only their people's. */
function concerns(actor: Actor, m: Meeting): boolean {
  switch (m.kind) {
    case 'kernegruppemoede':
      return actor.memberships.some((g) => g.group.id === m.groupId);
    case 'pitstop':
      return actor.roles.has('udvalgsformand') || actor.roles.has('borgmester') || isAdmin(actor);
    case 'konsulentmoede':
      return actor.roles.has('konsulent') || isAdmin(actor);
    case 'kommuneledelse':
      return actor.memberships.some((g) => g.group.kind === 'kommuneledelse') || isAdmin(actor);
    default:
      return true;
  }
}

/**
 * How far "møder" looks ahead and how many of each kind it shows: the person's own meetings first,
 * then the council's, each with its own limit, so a month of council meetings never pushes out a
 * konsulent's konsulentmøde. 14 lines keep the card a few KB, far under 40 KB.
 */
export const MEETINGS_AHEAD_DAYS = 75;
export const MEETINGS_SHOWN = { own: 6, council: 8 } as const;

export interface NextMeetings {
  readonly own: readonly Meeting[];
  readonly ownTotal: number;
  readonly council: readonly Meeting[];
  readonly councilTotal: number;
}

export async function nextMeetingsFor(deps: CalendarDeps, actor: Actor, directory: Directory | undefined): Promise<NextMeetings> {
  if (!directory) return { own: [], ownTotal: 0, council: [], councilTotal: 0 };
  const now = deps.clock.now();
  const { meetings, settings } = await tenantMeetings(deps, directory, now, new Date(now.getTime() + MEETINGS_AHEAD_DAYS * DAY));
  // Whoever the calendar file's `recipients` reminds of a pitstop or konsulentmøde (a named person, a konsulent) sees it too.
  const invited = recipientsByKind(directory, recipientsWithDefaults(settings.recipients));
  const mine = meetings.filter((m) => m.status !== 'cancelled' && (concerns(actor, m) || (isRecipientKind(m.kind) && everyone(invited[m.kind]).includes(actor.personId))));
  const own = mine.filter((m) => OWN_KINDS.includes(m.kind));
  const council = mine.filter((m) => !OWN_KINDS.includes(m.kind));
  return { own: own.slice(0, MEETINGS_SHOWN.own), ownTotal: own.length, council: council.slice(0, MEETINGS_SHOWN.council), councilTotal: council.length };
}

export type CalendarError = GroupMeetingRightsError | 'MEETING.TITLE_TOO_LONG' | 'MEETING.REASON_TOO_LONG' | 'MEETING.NOT_FOUND' | 'MEETING.BAD_TIME' | 'MEETING.NO_SUCH_DATE' | 'MEETING.IN_PAST' | 'MEETING.ALREADY_CANCELLED' | 'CALENDAR.BUSY' | 'DIRECTORY.MISSING';

/** Writes a change to the tenant's calendar item through its etag; the exceptions of meetings long past are dropped on the way, so the item stays bounded. */
export async function changeSettings(deps: Pick<CalendarDeps, 'calendars'>, tenantId: string, change: (s: CalendarSettings) => CalendarSettings, now?: Date): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await deps.calendars.get(tenantId);
    const changed = change(settingsOf(tenantId, current?.value));
    const next = now ? { ...changed, overrides: keptOverrides(changed.overrides, now) } : changed;
    if ((await deps.calendars.save(next, current?.etag)) === 'saved') return true;
  }
  return false;
}

/** One meeting by id, from a month back to a year ahead, as the calendar has it now. */
export async function findMeeting(deps: CalendarDeps, directory: Directory, meetingId: string): Promise<Meeting | undefined> {
  const now = deps.clock.now();
  const { meetings } = await tenantMeetings(deps, directory, new Date(now.getTime() - 31 * DAY), new Date(now.getTime() + 400 * DAY));
  return meetings.find((m) => m.id === meetingId);
}

/** The meeting, if this person may change it here: rights to change meetings here first, then whether this one is theirs to change. */
async function meetingToChange(deps: CalendarDeps, actor: Actor, directory: Directory | undefined, meetingId: string, conversationId: string | undefined): Promise<Result<Meeting, CalendarError>> {
  const allowed = mayChangeMeetingsHere(actor, directory, conversationId);
  if (!allowed.ok) return allowed;
  if (!directory) return fail('DIRECTORY.MISSING');
  const meeting = await findMeeting(deps, directory, meetingId);
  if (!meeting) return fail('MEETING.NOT_FOUND');
  const own = mayChangeMeeting(actor, allowed.value, meeting);
  return own.ok ? ok(meeting) : own;
}

/** Moves one meeting to a new local date and time, keeping its length; its reminders follow it. */
export async function moveMeeting(
  deps: CalendarDeps,
  actor: Actor,
  directory: Directory | undefined,
  meetingId: string,
  date: string,
  time: string,
  conversationId?: string,
): Promise<Result<Meeting, CalendarError>> {
  const found = await meetingToChange(deps, actor, directory, meetingId, conversationId);
  if (!found.ok) return found;
  const meeting = found.value;
  const start = instantFromLocal(date, time);
  if (!start.ok) return fail(noSuchDate(date) ? 'MEETING.NO_SUCH_DATE' : 'MEETING.BAD_TIME');
  const now = deps.clock.now();
  if (start.value.getTime() <= now.getTime()) return fail('MEETING.IN_PAST');
  const length = new Date(meeting.end).getTime() - new Date(meeting.start).getTime();
  const override: Override = { meetingId, action: 'move', start: start.value.toISOString(), end: new Date(start.value.getTime() + length).toISOString(), by: actor.personId, at: now.toISOString() };
  if (!(await changeSettings(deps, actor.tenantId, (s) => ({ ...s, overrides: [...s.overrides, override] }), now))) return fail('CALENDAR.BUSY');
  return ok({ ...meeting, start: override.start, end: override.end, status: 'moved', originalStart: meeting.originalStart ?? meeting.start });
}

/** A cancellation's reason and an added meeting's topic: stored whole, so refused when longer (said in the form's label). */
export const MEETING_REASON_MAX = 500;
export const MEETING_TITLE_MAX = 200;

export async function cancelMeeting(
  deps: CalendarDeps,
  actor: Actor,
  directory: Directory | undefined,
  meetingId: string,
  reason: string,
  conversationId?: string,
): Promise<Result<Meeting, CalendarError>> {
  const found = await meetingToChange(deps, actor, directory, meetingId, conversationId);
  if (!found.ok) return found;
  const meeting = found.value;
  if (meeting.status === 'cancelled') return fail('MEETING.ALREADY_CANCELLED');
  if (reason.trim().length > MEETING_REASON_MAX) return fail('MEETING.REASON_TOO_LONG');
  const now = deps.clock.now();
  const override: Override = { meetingId, action: 'cancel', by: actor.personId, at: now.toISOString(), reason: reason.trim() || undefined };
  if (!(await changeSettings(deps, actor.tenantId, (s) => ({ ...s, overrides: [...s.overrides, override] }), now))) return fail('CALENDAR.BUSY');
  return ok({ ...meeting, status: 'cancelled' });
}

export const ADDABLE_KINDS: readonly MeetingKind[] = ['dialogmoede', 'temamoede', 'byraadsmoede', 'pitstop', 'konsulentmoede', 'kommuneledelse'];

/** Adds one extra meeting (e.g. an extra byrådsmøde); its reminders are planned like any other's. */
export async function addMeeting(
  deps: CalendarDeps,
  actor: Actor,
  kind: MeetingKind,
  title: string,
  date: string,
  time: string,
  hours: number,
): Promise<Result<Meeting, CalendarError>> {
  if (!isAdmin(actor)) return fail('ADMIN.REQUIRED');
  const start = instantFromLocal(date, time);
  if (!start.ok) return fail(noSuchDate(date) ? 'MEETING.NO_SUCH_DATE' : 'MEETING.BAD_TIME');
  const now = deps.clock.now();
  if (start.value.getTime() <= now.getTime()) return fail('MEETING.IN_PAST');
  const meeting: Meeting = {
    id: `${kind}-ekstra-${date}-${time.replace(':', '')}`,
    kind,
    title,
    start: start.value.toISOString(),
    end: new Date(start.value.getTime() + hours * 3600_000).toISOString(),
    status: 'planned',
    added: true,
  };
  const override: Override = { meetingId: meeting.id, action: 'add', meeting, by: actor.personId, at: now.toISOString() };
  if (!(await changeSettings(deps, actor.tenantId, (s) => ({ ...s, overrides: [...s.overrides.filter((o) => o.meetingId !== meeting.id), override] }), now))) return fail('CALENDAR.BUSY');
  return ok(meeting);
}

/** Warns each admin once (1:1) about each generated meeting in the coming months that falls on a public holiday. */
export async function warnAboutHolidays(deps: CalendarDeps, tenantId: string, read?: Directory): Promise<number> {
  // The planner passes the roster it has just read: one point read fewer per tenant and pass.
  const directory = read ?? (await deps.directories.get(tenantId))?.value;
  if (!directory) return 0;
  const now = deps.clock.now();
  const { meetings, settings } = await tenantMeetings(deps, directory, now, new Date(now.getTime() + 120 * DAY));
  const fresh = holidayWarnings(meetings).filter((m) => !settings.warned.includes(m.id));
  if (fresh.length === 0) return 0;
  // Claim first (etag), so two instances do not both warn.
  let claimed: Meeting[] = [];
  const saved = await changeSettings(deps, tenantId, (s) => {
    claimed = fresh.filter((m) => !s.warned.includes(m.id));
    return { ...s, warned: [...s.warned, ...claimed.map((m) => m.id)] };
  });
  if (!saved) return 0;
  for (const meeting of claimed) await tellAdmins(deps, directory, { kind: 'admin.holiday', meeting });
  return claimed.length;
}

/**
 * Applies a calendar file: its configuration and reminder lead times replace the tenant's; its
 * exceptions are added to those made from chat (a later one for the same meeting wins). An exception
 * naming a meeting the new plan does not have is refused, and then nothing is written.
 */
export async function importCalendar(
  deps: Pick<CalendarDeps, 'calendars' | 'directories' | 'clock'>,
  tenantId: string,
  file: CalendarFile,
  by: string,
): Promise<Result<{ exceptions: number }, 'DIRECTORY.MISSING' | 'CALENDAR.BUSY' | 'MEETING.NOT_FOUND' | 'RECIPIENT.UNKNOWN', string>> {
  const directory = (await deps.directories.get(tenantId))?.value;
  if (!directory) return fail('DIRECTORY.MISSING');
  // A person named in `recipients` must be on the roster: each unknown one as "line:column: field: message".
  const unknown = await unknownRecipients(deps, tenantId, file.namedRecipients ?? []);
  if (unknown.length > 0) return fail('RECIPIENT.UNKNOWN', unknown.map((p) => `${p.line}:${p.column}: ${p.field}: ${p.message}`).join('\n'));
  const now = deps.clock.now();
  const kernegrupper = directory.groups.filter((g) => g.kind === 'kernegruppe').map((g) => ({ id: g.id, name: g.name }));
  const plan = meetingsBetween(new Date(now.getTime() - 62 * DAY), new Date(now.getTime() + 400 * DAY), file.config, kernegrupper, []);
  const overrides: Override[] = [];
  for (const e of file.exceptions) {
    const at = now.toISOString();
    if (e.action === 'add') {
      const start = instantFromLocal(e.date, e.time);
      if (!start.ok) return fail('MEETING.NOT_FOUND', `${e.date} ${e.time}`);
      const meeting: Meeting = { id: `${e.kind}-ekstra-${e.date}-${e.time.replace(':', '')}`, kind: e.kind, title: e.title, start: start.value.toISOString(), end: new Date(start.value.getTime() + e.hours * 3600_000).toISOString(), status: 'planned', added: true };
      overrides.push({ meetingId: meeting.id, action: 'add', meeting, by, at });
      continue;
    }
    const meeting = plan.find((m) => m.id === e.meetingId);
    if (!meeting) return fail('MEETING.NOT_FOUND', e.meetingId);
    if (e.action === 'cancel') overrides.push({ meetingId: e.meetingId, action: 'cancel', by, at, reason: e.reason || undefined });
    else {
      const start = instantFromLocal(e.date, e.time);
      if (!start.ok) return fail('MEETING.NOT_FOUND', e.meetingId);
      const length = new Date(meeting.end).getTime() - new Date(meeting.start).getTime();
      overrides.push({ meetingId: e.meetingId, action: 'move', start: start.value.toISOString(), end: new Date(start.value.getTime() + length).toISOString(), by, at });
    }
  }
  const saved = await changeSettings(deps, tenantId, (s) => ({ ...s, config: file.config, reminders: file.reminders, agenda: file.agenda ?? s.agenda, retention: file.retention ?? s.retention, recipients: file.recipients ?? s.recipients, overrides: [...s.overrides, ...overrides] }), now);
  return saved ? ok({ exceptions: overrides.length }) : fail('CALENDAR.BUSY');
}
