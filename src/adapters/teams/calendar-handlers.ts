// Handlers for the calendar and reminders: "møder" for everyone, and for admins the reminder status
// and the exceptions (move, cancel, add one meeting) from chat or from the holiday warning's buttons.

import { isAdmin } from '../../domain/actor.js';
import { KOMMUNELEDELSE_TITLE, type MeetingKind } from '../../domain/calendar.js';
import { formatInstant } from '../../domain/time.js';
import type { Reminder } from '../../domain/reminders.js';
import { whoIsActing } from '../../app/directory-admin.js';
import { ADDABLE_KINDS, addMeeting, cancelMeeting, findMeeting, MEETINGS_AHEAD_DAYS, moveMeeting, nextMeetingsFor, type CalendarDeps, type CalendarError } from '../../app/calendar-admin.js';
import { reminderStatus } from '../../app/reminders.js';
import { addGroupMeeting, groupMeetingsHere } from '../../app/group-meetings.js';
import { mayChangeMeetingsHere } from '../../app/group-meeting-rights.js';
import { groupMeetingsCard } from '../cards/group-meeting-views.js';
import type { ReminderRepository } from '../../app/ports.js';
import { escapeMarkdown as esc, type CardJson } from '../cards/render-card.js';
import { holidayCard, meetingsCard, reminderStatusCard } from '../cards/reminder-views.js';
import { noticeCard } from '../cards/views.js';
import { text, type TextKey } from '../i18n/text.js';
import type { Turn } from './turn.js';

export type CalendarHandlerDeps = CalendarDeps & { readonly reminders: ReminderRepository };

export const ERROR_TEXT: Record<CalendarError, TextKey> = {
  'ADMIN.REQUIRED': 'error.adminOnly',
  'MEETING.TOVHOLDER_ONLY': 'error.meetingTovholderOnly',
  'MEETING.NOT_OWN_GROUP': 'error.meetingNotOwnGroup',
  'MEETING.NOT_IN_GROUP_CHAT': 'error.meetingNotInGroupChat',
  'MEETING.TITLE_TOO_LONG': 'error.meetingTitleTooLong',
  'MEETING.REASON_TOO_LONG': 'error.meetingReasonTooLong',
  'MEETING.NOT_FOUND': 'error.meetingNotFound',
  'MEETING.BAD_TIME': 'error.meetingBadTime',
  'MEETING.NO_SUCH_DATE': 'error.meetingNoSuchDate',
  'MEETING.IN_PAST': 'error.meetingInPast',
  'MEETING.ALREADY_CANCELLED': 'error.meetingAlreadyCancelled',
  'CALENDAR.BUSY': 'error.calendarBusy',
  'DIRECTORY.MISSING': 'error.directoryMissing',
};

const refusal = (turn: Turn, code: CalendarError, input: string, params: Record<string, string> = {}) =>
  noticeCard(turn.who.locale, { text: text(turn.who.locale, ERROR_TEXT[code], params), style: 'attention', input });
const done = (turn: Turn, key: TextKey, params: Record<string, string>) => noticeCard(turn.who.locale, { text: text(turn.who.locale, key, params), style: 'good' });
const here = (turn: Turn) => turn.who.conversation.conversationId;
const acting = (deps: CalendarHandlerDeps, turn: Turn) => whoIsActing(deps, turn.who.tenantId, turn.who.userId, turn.who.userName);

export async function meetings(deps: CalendarHandlerDeps, turn: Turn): Promise<CardJson> {
  const { actor, directory } = await acting(deps, turn);
  // In a kernegruppe's chat: the group's own meetings, with the tovholder's buttons.
  const group = await groupMeetingsHere(deps, actor, directory?.value, here(turn));
  if (group) return groupMeetingsCard(turn.who.locale, group);
  return meetingsCard(turn.who.locale, { ...(await nextMeetingsFor(deps, actor, directory?.value)), aheadDays: MEETINGS_AHEAD_DAYS }, isAdmin(actor));
}

/** "2027-02-31" as the person wrote it, "31.02.2027", for the refusal of a date that does not exist. */
const typedDate = (isoDate: string) => isoDate.split('-').reverse().join('.');

const COMMAND_FORMAT = { moveMeeting: 'error.meetingFormat.move', cancelMeeting: 'error.meetingFormat.cancel', addMeeting: 'error.meetingFormat.add' } as const;

/** A move, cancel or add whose meeting, date or time could not be read: how to write it, with what was written shown back. Rights come first. */
export async function unreadable(deps: CalendarHandlerDeps, turn: Turn, command: keyof typeof COMMAND_FORMAT, input: string): Promise<CardJson> {
  const { actor, directory } = await acting(deps, turn);
  const allowed = mayChangeMeetingsHere(actor, directory?.value, here(turn));
  if (!allowed.ok) return refusal(turn, allowed.code, input);
  // In a kernegruppe's chat a meeting is added without a kind: it is the group's.
  const format = command === 'addMeeting' && allowed.value ? 'error.meetingFormat.addGroup' : COMMAND_FORMAT[command];
  return noticeCard(turn.who.locale, { text: text(turn.who.locale, format, { kinds: ADDABLE_KINDS.join(', ') }), style: 'attention', input });
}

export async function reminders(deps: CalendarHandlerDeps, turn: Turn, input: string): Promise<CardJson> {
  const { actor, directory } = await acting(deps, turn);
  if (!isAdmin(actor)) return refusal(turn, 'ADMIN.REQUIRED', input);
  const status = await reminderStatus(deps, turn.who.tenantId);
  const dir = directory?.value;
  const locale = turn.who.locale;
  // "Byrådsmøde onsdag 30. december 2026 kl. 17.00 · 7 dage før · Kernegruppe Læring": names, not ids.
  const describe = (r: Reminder) => {
    const to = r.target.type === 'group' ? r.target.groupId : r.target.personId;
    const name = r.target.type === 'group' ? dir?.groups.find((g) => g.id === to)?.name : dir?.people.find((p) => p.id === to)?.name;
    const lead = /-(\d+)([dh])$/.exec(r.ruleId);
    const before = lead ? text(locale, lead[2] === 'd' ? 'reminders.daysBefore' : 'reminders.hoursBefore', { count: lead[1]! }) : r.ruleId;
    return `${text(locale, `meetingKind.${r.meetingKind}`)} ${formatInstant(new Date(r.meetingStart), locale)} · ${before} · ${name ?? to}`;
  };
  return reminderStatusCard(turn.who.locale, { ...status, describe });
}

export async function move(deps: CalendarHandlerDeps, turn: Turn, meetingId: string, date: string, time: string, input: string): Promise<CardJson> {
  const { actor, directory } = await acting(deps, turn);
  const result = await moveMeeting(deps, actor, directory?.value, meetingId, date, time, here(turn));
  if (!result.ok) return refusal(turn, result.code, input, { id: esc(meetingId), date: typedDate(date) });
  turn.log.info({ meetingId, start: result.value.start }, 'meeting moved');
  return done(turn, result.value.kind === 'dialogmoede' ? 'calendar.movedDialogmoede' : 'calendar.moved', { title: esc(result.value.title), when: formatInstant(new Date(result.value.start), turn.who.locale) });
}

export async function cancel(deps: CalendarHandlerDeps, turn: Turn, meetingId: string, reason: string, input: string): Promise<CardJson> {
  const { actor, directory } = await acting(deps, turn);
  const result = await cancelMeeting(deps, actor, directory?.value, meetingId, reason, here(turn));
  if (!result.ok) return refusal(turn, result.code, input, { id: esc(meetingId) });
  turn.log.info({ meetingId }, 'meeting cancelled');
  return done(turn, result.value.kind === 'dialogmoede' ? 'calendar.cancelledDialogmoede' : 'calendar.cancelled', { title: esc(result.value.title), when: formatInstant(new Date(result.value.start), turn.who.locale) });
}

export async function add(deps: CalendarHandlerDeps, turn: Turn, kind: string, date: string, time: string, title: string, input: string): Promise<CardJson> {
  // No kind (or the kernegruppe meeting's): a meeting of the kernegruppe whose chat this is.
  if (kind === '' || kind === 'kernegruppemoede') {
    const { actor, directory } = await acting(deps, turn);
    const result = await addGroupMeeting(deps, actor, directory?.value, here(turn), { date, time, title });
    if (!result.ok) return refusal(turn, result.code, input, { date: typedDate(date) });
    turn.log.info({ meetingId: result.value.id }, 'group meeting added');
    return done(turn, 'groupMeetings.added', { title: esc(result.value.title), when: formatInstant(new Date(result.value.start), turn.who.locale) });
  }
  if (!ADDABLE_KINDS.includes(kind as MeetingKind))
    return noticeCard(turn.who.locale, { text: text(turn.who.locale, 'error.meetingKind', { kinds: ADDABLE_KINDS.join(', ') }), style: 'attention', input });
  const { actor } = await acting(deps, turn);
  const result = await addMeeting(deps, actor, kind as MeetingKind, title.trim() || (kind === 'kommuneledelse' ? KOMMUNELEDELSE_TITLE : kind), date, time, 2);
  if (!result.ok) return refusal(turn, result.code, input, { date: typedDate(date) });
  turn.log.info({ meetingId: result.value.id }, 'meeting added');
  return done(turn, 'calendar.added', { title: esc(result.value.title), when: formatInstant(new Date(result.value.start), turn.who.locale), id: result.value.id });
}

/** The holiday warning's "Flyt": on a bad date the warning comes back with the message at the field. */
export async function moveFromCard(deps: CalendarHandlerDeps, turn: Turn, meetingId: string, date: string, time: string): Promise<CardJson> {
  const { actor, directory } = await acting(deps, turn);
  const result = await moveMeeting(deps, actor, directory?.value, meetingId, date, time);
  if (result.ok) return done(turn, 'calendar.moved', { title: esc(result.value.title), when: formatInstant(new Date(result.value.start), turn.who.locale) });
  if ((result.code === 'MEETING.BAD_TIME' || result.code === 'MEETING.NO_SUCH_DATE' || result.code === 'MEETING.IN_PAST') && directory) {
    const meeting = await findMeeting(deps, directory.value, meetingId);
    if (meeting) return holidayCard(turn.who.locale, meeting, text(turn.who.locale, ERROR_TEXT[result.code], { date: typedDate(date) }));
  }
  return refusal(turn, result.code, `${date} ${time}`, { id: esc(meetingId), date: typedDate(date) });
}
