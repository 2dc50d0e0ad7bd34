// The buttons on a kernegruppe's meetings card in its chat: "Flyt", "Aflys" and "Tilføj møde". Each
// answers with the group's card drawn again from the stored calendar, with a message at the top, or
// the problem at the meeting (or the add form) and what was typed kept in its inputs.

import { z } from 'zod';
import { cancelMeeting, moveMeeting, type CalendarError } from '../../app/calendar-admin.js';
import { addGroupMeeting, groupMeetingsHere } from '../../app/group-meetings.js';
import { mayChangeMeetingsHere } from '../../app/group-meeting-rights.js';
import { whoIsActing } from '../../app/directory-admin.js';
import { formatInstant } from '../../domain/time.js';
import { escapeMarkdown as esc, type CardJson } from '../cards/render-card.js';
import { groupMeetingsCard, type GroupCardState } from '../cards/group-meeting-views.js';
import { noticeCard } from '../cards/views.js';
import { text } from '../i18n/text.js';
import { ERROR_TEXT, type CalendarHandlerDeps } from './calendar-handlers.js';
import type { Turn } from './turn.js';

/** A meeting's buttons send its id and its row on the card, which names the row's inputs (date0, time0, reason0 …). */
const RowData = z.object({ meetingId: z.string().trim().min(1).max(120), row: z.string().regex(/^\d{1,2}$/) });
const field = (data: Record<string, unknown>, key: string, max: number) => {
  const v = Object.hasOwn(data, key) ? data[key] : undefined;
  return typeof v === 'string' ? v.trim().slice(0, max) : '';
};

/** Read whole up to far past the limits, so a text over its limit is refused and shown back, not cut. */
const TEXT_READ = 5000;

/** "2027-03-10" as a person reads it, "10.03.2027". */
const typedDate = (isoDate: string) => isoDate.split('-').reverse().join('.');

type Acting = Awaited<ReturnType<typeof whoIsActing>>;

/** The group's card drawn again from the stored calendar (the roster read for the press is reused). */
async function redraw(deps: CalendarHandlerDeps, turn: Turn, { actor, directory }: Acting, state: GroupCardState): Promise<CardJson> {
  const here = await groupMeetingsHere(deps, actor, directory?.value, turn.who.conversation.conversationId);
  if (here) return groupMeetingsCard(turn.who.locale, here, state);
  // An admin's press outside a group's chat (an old card): what happened, alone.
  const problem = state.row?.error ?? state.add?.error;
  return noticeCard(turn.who.locale, { text: state.notice?.text ?? problem ?? '', style: state.notice?.good ? 'good' : 'attention' });
}

const refused = (turn: Turn, code: CalendarError, input: string, params: Record<string, string> = {}) =>
  noticeCard(turn.who.locale, { text: text(turn.who.locale, ERROR_TEXT[code], params), style: 'attention', input });

/** Problems about the typed date and time go back to the card, at the field; a refusal of rights is said alone and changes nothing. */
const AT_THE_FIELD: readonly CalendarError[] = ['MEETING.TITLE_TOO_LONG', 'MEETING.REASON_TOO_LONG', 'MEETING.BAD_TIME', 'MEETING.NO_SUCH_DATE', 'MEETING.IN_PAST', 'MEETING.ALREADY_CANCELLED', 'CALENDAR.BUSY'];

export async function move(deps: CalendarHandlerDeps, turn: Turn, data: Record<string, unknown>): Promise<CardJson> {
  const { meetingId, row } = RowData.parse(data);
  const date = field(data, `date${row}`, 20);
  const time = field(data, `time${row}`, 10);
  const acting = await whoIsActing(deps, turn.who.tenantId, turn.who.userId, turn.who.userName);
  const { actor, directory } = acting;
  const result = await moveMeeting(deps, actor, directory?.value, meetingId, date, time, turn.who.conversation.conversationId);
  const input = `${typedDate(date)} ${time}`.trim();
  if (!result.ok) {
    const message = text(turn.who.locale, ERROR_TEXT[result.code], { id: esc(meetingId), date: esc(typedDate(date)) });
    if (!AT_THE_FIELD.includes(result.code)) return refused(turn, result.code, input, { id: esc(meetingId), date: esc(typedDate(date)) });
    return redraw(deps, turn, acting, { row: { meetingId, error: `${message} ${text(turn.who.locale, 'groupMeetings.yourInput', { input: esc(input) })}`, date, time } });
  }
  turn.log.info({ meetingId, start: result.value.start }, 'group meeting moved');
  return redraw(deps, turn, acting, { notice: { good: true, text: text(turn.who.locale, 'calendar.moved', { title: esc(result.value.title), when: formatInstant(new Date(result.value.start), turn.who.locale) }) } });
}

export async function cancel(deps: CalendarHandlerDeps, turn: Turn, data: Record<string, unknown>): Promise<CardJson> {
  const { meetingId, row } = RowData.parse(data);
  const reason = field(data, `reason${row}`, TEXT_READ);
  const acting = await whoIsActing(deps, turn.who.tenantId, turn.who.userId, turn.who.userName);
  const { actor, directory } = acting;
  const result = await cancelMeeting(deps, actor, directory?.value, meetingId, reason, turn.who.conversation.conversationId);
  if (!result.ok) {
    if (!AT_THE_FIELD.includes(result.code)) return refused(turn, result.code, reason, { id: esc(meetingId) });
    return redraw(deps, turn, acting, { row: { meetingId, error: text(turn.who.locale, ERROR_TEXT[result.code]), reason } });
  }
  turn.log.info({ meetingId }, 'group meeting cancelled');
  return redraw(deps, turn, acting, { notice: { good: true, text: text(turn.who.locale, 'calendar.cancelled', { title: esc(result.value.title), when: formatInstant(new Date(result.value.start), turn.who.locale) }) } });
}

/** The add form's button names its group: pressed in another group's chat (a forged or misplaced card) it adds nothing. */
const AddData = z.object({ groupId: z.string().trim().min(1).max(100) });

export async function add(deps: CalendarHandlerDeps, turn: Turn, data: Record<string, unknown>): Promise<CardJson> {
  const { groupId } = AddData.parse(data);
  const date = field(data, 'addDate', 20);
  const time = field(data, 'addTime', 10);
  const topic = field(data, 'addTitle', TEXT_READ);
  const acting = await whoIsActing(deps, turn.who.tenantId, turn.who.userId, turn.who.userName);
  const { actor, directory } = acting;
  const input = [typedDate(date), time, topic].filter(Boolean).join(' ');
  // Rights first, then whether the card is this chat's group's.
  const allowed = mayChangeMeetingsHere(actor, directory?.value, turn.who.conversation.conversationId);
  if (!allowed.ok) return refused(turn, allowed.code, input);
  if (allowed.value && allowed.value.id !== groupId) return refused(turn, 'MEETING.NOT_OWN_GROUP', input);
  const result = await addGroupMeeting(deps, actor, directory?.value, turn.who.conversation.conversationId, { date, time, title: topic });
  if (!result.ok) {
    if (!AT_THE_FIELD.includes(result.code)) return refused(turn, result.code, input);
    const message = text(turn.who.locale, ERROR_TEXT[result.code], { date: esc(typedDate(date)) });
    return redraw(deps, turn, acting, { add: { error: `${message} ${text(turn.who.locale, 'groupMeetings.yourInput', { input: esc(input) })}`, date, time, topic } });
  }
  turn.log.info({ meetingId: result.value.id }, 'group meeting added');
  return redraw(deps, turn, acting, { notice: { good: true, text: text(turn.who.locale, 'groupMeetings.added', { title: esc(result.value.title), when: formatInstant(new Date(result.value.start), turn.who.locale) }) } });
}
