// Handlers for the dialogmøde agenda: "emne" and Tilføj emne open the topic form; sending it, editing
// and withdrawing go through the agenda use cases; "dagsorden" and the card's refresh show a person
// their own view; admins get the agenda as text. Refusals keep what the person wrote.

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isAdmin } from '../../domain/actor.js';
import { TOPIC_LIMITS, type AgendaCard, type TopicAuthor } from '../../domain/agenda.js';
import { CardFactory, MessageFactory } from 'botbuilder';
import { whoIsActing, type Acting } from '../../app/directory-admin.js';
import {
  agendaFor,
  findDialogmoede,
  meetingAndNext,
  rememberAgendaCard,
  saveTopicEdit,
  storedTopic,
  submitTopic,
  topicForChange,
  topicFormFor,
  withdrawTopicOf,
  type AgendaDeps,
  type AgendaError,
  type TopicOutcome,
} from '../../app/agenda.js';
import { enqueueNotices, topicReceiptNotice } from '../../app/notices.js';
import type { PersonAddress, Telemetry } from '../../app/ports.js';
import {
  agendaCard,
  agendaIsOpen,
  agendaNoticeCard,
  agendaText,
  meetingWhen,
  topicFormCard,
  topicFormValuesFrom,
  topicFormValuesOf,
  topicLateCard,
  topicReceiptCard,
  type LateAction,
  type TopicFormValues,
} from '../cards/agenda-views.js';
import { escapeMarkdown as esc, type CardJson } from '../cards/render-card.js';
import { confirmCard } from '../cards/bid-views.js';
import { noticeCard } from '../cards/views.js';
import { text, type TextKey } from '../i18n/text.js';
import { reachableActor, sendCard, type Turn } from './turn.js';

const Id = z.string().min(1).max(120);
export const MeetingRef = z.object({ meetingId: Id.optional(), stage: z.enum(['call', 'lastCall', 'view']).optional(), page: z.string().regex(/^\d{1,4}$/).optional() }).passthrough();
export const TopicRef = z.object({ meetingId: Id, topicId: Id }).passthrough();
export const SubmitTopicData = z.object({ meetingId: Id, submissionId: Id }).passthrough();

const ERROR_TEXT: Record<Exclude<AgendaError, 'TOPIC.INVALID'>, TextKey> = {
  'DIRECTORY.MISSING': 'error.directoryMissing',
  'AGENDA.NOT_POLITICIAN': 'error.notPolitician',
  'AGENDA.NOT_BYRAAD': 'error.notByraad',
  'AGENDA.NO_MEETING': 'error.noDialogmoede',
  'AGENDA.FULL': 'error.agendaFull',
  'AGENDA.BUSY': 'error.agendaBusy',
  'AGENDA.LOCKED': 'error.noDialogmoede',
  'AGENDA.CANCELLED': 'error.noDialogmoede',
  'TOPIC.NOT_FOUND': 'error.topicNotFound',
  'TOPIC.NOT_AUTHOR': 'error.topicNotAuthor',
  'TOPIC.WITHDRAWN': 'error.topicWithdrawn',
};

/**
 * A refusal in words, with what the person wrote shown back. Pressed on an agenda card, it leads back
 * to the agenda; typed, it is a plain notice.
 */
function refusal(turn: Turn, code: AgendaError, shown: { input?: string | undefined; values?: TopicFormValues | undefined; meetingId?: string | undefined } = {}): CardJson {
  const say = text(turn.who.locale, code === 'TOPIC.INVALID' ? 'error.badActionData' : ERROR_TEXT[code], { limit: TOPIC_LIMITS.topics });
  if (shown.meetingId !== undefined || shown.values) return agendaNoticeCard(turn.who.locale, { text: say, style: 'attention', meetingId: shown.meetingId, values: shown.values });
  return noticeCard(turn.who.locale, { text: say, style: 'attention', input: shown.input || undefined });
}

const acting = (deps: AgendaDeps, turn: Turn): Promise<Acting> => whoIsActing(deps, turn.who.tenantId, turn.who.userId, turn.who.userName);

/** The author under the name the roster knows them by. */
const authorOf = (turn: Turn, name: string): TopicAuthor => ({ ...reachableActor(turn), name });

function selfAddress(turn: Turn): PersonAddress {
  const { tenantId, id, teamsId, serviceUrl } = reachableActor(turn);
  return { tenantId, userId: id, teamsId, serviceUrl };
}

const inPersonalChat = (turn: Turn) => turn.who.conversation.conversationType === 'personal';

/**
 * The author gets the receipt 1:1 as well when the change was made from the Byråd's chat (the card
 * there shows it only to them, for now) or by an admin on their behalf. It goes through the outbox,
 * sent after the click is answered. A form sent again (a duplicate) enqueues the same notice again:
 * nothing new if it was there, the receipt a click that died before enqueueing it owed.
 */
async function tellAuthor(deps: AgendaDeps, turn: Turn, who: Acting, outcome: TopicOutcome, change: 'added' | 'edited' | 'withdrawn'): Promise<void> {
  const { topic, meeting } = outcome;
  const byAdmin = topic.authorId !== turn.who.userId;
  if (!byAdmin && inPersonalChat(turn)) return;
  const to = byAdmin ? { tenantId: turn.who.tenantId, userId: topic.authorId, teamsId: topic.authorTeamsId, serviceUrl: topic.serviceUrl } : selfAddress(turn);
  // The author's own language when they made the change; an admin's change reaches them in Danish.
  const locale = byAdmin ? 'da' : turn.who.locale;
  await enqueueNotices(deps, [topicReceiptNotice(topic, { meetingId: meeting.id, change, changedBy: byAdmin ? who.actor.name : undefined, locale, to }, deps.clock.now())]);
  deps.afterClick?.({ tenantId: turn.who.tenantId });
}

function receipt(turn: Turn, outcome: TopicOutcome, change: 'added' | 'edited' | 'withdrawn'): CardJson {
  // An admin changing someone else's topic is told whose it was, not "your topic".
  return topicReceiptCard(turn.who.locale, { topic: outcome.topic, meeting: outcome.meeting, change, open: true, othersTopic: outcome.topic.authorId !== turn.who.userId });
}

/** The refusal of something that came after the start, or for a cancelled meeting, with the next dialogmøde one press away. */
async function late(deps: AgendaDeps, turn: Turn, who: Acting, meetingId: string, code: 'AGENDA.LOCKED' | 'AGENDA.CANCELLED', action: LateAction, values: TopicFormValues, submissionId: string): Promise<CardJson> {
  const dir = who.directory?.value;
  const { meeting, next } = dir ? await meetingAndNext(deps, dir, meetingId) : {};
  if (!meeting) return refusal(turn, 'AGENDA.NO_MEETING', { values });
  turn.log.info({ meetingId, code, action }, 'late topic refused');
  return topicLateCard(turn.who.locale, { meeting, reason: code === 'AGENDA.LOCKED' ? 'locked' : 'cancelled', action, values, next, submissionId });
}

const isLate = (code: string): code is 'AGENDA.LOCKED' | 'AGENDA.CANCELLED' => code === 'AGENDA.LOCKED' || code === 'AGENDA.CANCELLED';

// ---- the form ----

/**
 * "emne", "nyt emne «titel»" and Tilføj emne: a fresh form for the next dialogmøde (or the one the card
 * is about, while open), with the title filled in if one was written after the command.
 */
export async function topicForm(deps: AgendaDeps, turn: Turn, v: { meetingId?: string | undefined; title?: string | undefined; input?: string | undefined } = {}): Promise<CardJson> {
  const meeting = await topicFormFor(deps, await acting(deps, turn), v.meetingId);
  if (!meeting.ok) return refusal(turn, meeting.code, v.input !== undefined ? { input: v.input } : { meetingId: v.meetingId ?? '' });
  return topicFormCard(turn.who.locale, { meeting: meeting.value, submissionId: randomUUID(), values: { title: v.title ?? '', why: '', part: '', committee: '' }, errors: [] });
}

export async function submit(deps: AgendaDeps & { readonly telemetry?: Telemetry | undefined }, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const receivedAt = deps.clock.now();
  const data = SubmitTopicData.parse(raw);
  const values = topicFormValuesFrom(raw);
  const who = await acting(deps, turn);
  const result = await submitTopic(deps, who, authorOf(turn, who.actor.name), { meetingId: data.meetingId, submissionId: data.submissionId, input: values }, receivedAt);
  if (result.ok) {
    turn.log.info({ meetingId: data.meetingId, topicId: result.value.topic.id, duplicate: result.value.duplicate ?? false }, 'dialogmøde topic added');
    if (!result.value.duplicate) deps.telemetry?.count('agenda.topics_added', 1, { 'enduser.tenant_id': turn.who.tenantId });
    await tellAuthor(deps, turn, who, result.value, 'added');
    return receipt(turn, result.value, 'added');
  }
  if (result.code === 'TOPIC.INVALID') {
    const meeting = who.directory ? await findDialogmoede(deps, who.directory.value, data.meetingId) : undefined;
    if (meeting) return topicFormCard(turn.who.locale, { meeting, submissionId: data.submissionId, values, errors: result.details ?? [] });
  }
  if (isLate(result.code)) return late(deps, turn, who, data.meetingId, result.code, 'submit', values, data.submissionId);
  return refusal(turn, result.code, { values, meetingId: data.meetingId });
}

export async function editForm(deps: AgendaDeps, turn: Turn, meetingId: string, topicId: string): Promise<CardJson> {
  const who = await acting(deps, turn);
  const found = await topicForChange(deps, who, meetingId, topicId);
  if (found.ok) {
    const { topic, meeting } = found.value;
    const authorName = topic.authorId !== turn.who.userId ? topic.authorName : undefined;
    return topicFormCard(turn.who.locale, { meeting, topicId, authorName, values: topicFormValuesOf(topic), errors: [] });
  }
  if (isLate(found.code)) {
    const topic = await storedTopic(deps, who, meetingId, topicId);
    if (topic) return late(deps, turn, who, meetingId, found.code, 'editPressed', topicFormValuesOf(topic), randomUUID());
  }
  return refusal(turn, found.code, { meetingId });
}

export async function save(deps: AgendaDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const receivedAt = deps.clock.now();
  const ref = TopicRef.parse(raw);
  const values = topicFormValuesFrom(raw);
  const who = await acting(deps, turn);
  const result = await saveTopicEdit(deps, who, { meetingId: ref.meetingId, topicId: ref.topicId, input: values }, receivedAt);
  if (result.ok) {
    turn.log.info({ meetingId: ref.meetingId, topicId: ref.topicId }, 'dialogmøde topic edited');
    await tellAuthor(deps, turn, who, result.value, 'edited');
    return receipt(turn, result.value, 'edited');
  }
  if (result.code === 'TOPIC.INVALID') {
    const meeting = who.directory ? await findDialogmoede(deps, who.directory.value, ref.meetingId) : undefined;
    if (meeting) return topicFormCard(turn.who.locale, { meeting, topicId: ref.topicId, values, errors: result.details ?? [] });
  }
  // The edit can go on the next dialogmøde as a new topic; the same for every press, so pressing twice adds it once.
  if (isLate(result.code)) return late(deps, turn, who, ref.meetingId, result.code, 'edit', values, `edit-${ref.topicId}`);
  return refusal(turn, result.code, { values, meetingId: ref.meetingId });
}

export async function withdrawAsk(deps: AgendaDeps, turn: Turn, meetingId: string, topicId: string): Promise<CardJson> {
  const who = await acting(deps, turn);
  const found = await topicForChange(deps, who, meetingId, topicId);
  if (!found.ok) {
    const topic = isLate(found.code) ? await storedTopic(deps, who, meetingId, topicId) : undefined;
    return topic && isLate(found.code) ? late(deps, turn, who, meetingId, found.code, 'withdraw', topicFormValuesOf(topic), randomUUID()) : refusal(turn, found.code, { meetingId });
  }
  const say = (key: TextKey, p: Record<string, string> = {}) => text(turn.who.locale, key, p);
  return confirmCard(turn.who.locale, {
    title: say('topic.withdrawAsk.title'),
    text: say('topic.withdrawAsk.text', { title: esc(found.value.topic.title), when: meetingWhen(found.value.meeting, turn.who.locale) }),
    confirmTitle: say('topic.withdrawAsk.confirm'),
    confirmVerb: 'topic.withdraw',
    confirmData: { meetingId, topicId },
    backVerb: 'agenda.show',
    backData: { meetingId },
  });
}

export async function withdraw(deps: AgendaDeps, turn: Turn, meetingId: string, topicId: string): Promise<CardJson> {
  const who = await acting(deps, turn);
  const result = await withdrawTopicOf(deps, who, { meetingId, topicId }, deps.clock.now());
  if (result.ok) {
    turn.log.info({ meetingId, topicId }, 'dialogmøde topic withdrawn');
    await tellAuthor(deps, turn, who, result.value, 'withdrawn');
    return receipt(turn, result.value, 'withdrawn');
  }
  const topic = isLate(result.code) ? await storedTopic(deps, who, meetingId, topicId) : undefined;
  if (topic && isLate(result.code)) return late(deps, turn, who, meetingId, result.code, 'withdraw', topicFormValuesOf(topic), randomUUID());
  return refusal(turn, result.code, { meetingId });
}

// ---- reading ----

/**
 * "dagsorden" 1:1, Opdater and the shared card's refresh: the person's own view of the agenda, in the
 * wording of the card it came from (a last call stays a last call).
 */
export async function show(
  deps: AgendaDeps,
  turn: Turn,
  v: { meetingId?: string | undefined; stage?: AgendaCard['stage'] | undefined; page?: string | undefined; input?: string | undefined },
): Promise<CardJson> {
  const who = await acting(deps, turn);
  const fromCard = v.input === undefined;
  // Only a press in a group conversation can be on a card others there can see; a 1:1 never is.
  const cardIn = fromCard && !inPersonalChat(turn) ? turn.who.conversation.conversationId : undefined;
  const view = await agendaFor(deps, who, v.meetingId, { cardIn });
  // Someone who may not read it is not offered "Se dagsordenen" again.
  if (!view.ok) return refusal(turn, view.code, fromCard && view.code !== 'AGENDA.NOT_BYRAAD' ? { meetingId: v.meetingId ?? '' } : { input: v.input });
  const { meeting, agenda, next, canAdd } = view.value;
  const viewer = { personId: who.actor.personId, admin: isAdmin(who.actor), canAdd };
  return agendaCard(turn.who.locale, { meeting, agenda, next, now: deps.clock.now(), mode: { kind: 'personal', viewer, stage: v.stage }, page: v.page ? Number(v.page) : undefined });
}

/**
 * "dagsorden" written in a group chat or channel: one person's view would be everyone's there, so the
 * shared card is posted (each reader's own view comes through its refresh), and the newest one in the
 * conversation is kept up to date like the calls.
 */
export async function postShared(deps: AgendaDeps, turn: Turn, input: string): Promise<void> {
  const who = await acting(deps, turn);
  const view = await agendaFor(deps, who, undefined);
  if (!view.ok) return sendCard(turn.ctx, refusal(turn, view.code, { input }));
  const { meeting, agenda, next } = view.value;
  const card = agendaCard(turn.who.locale, { meeting, agenda, next, now: deps.clock.now(), mode: { kind: 'shared', stage: 'view' } });
  const sent = await turn.ctx.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  if (sent?.id && agendaIsOpen(meeting, agenda, deps.clock.now()))
    await rememberAgendaCard(deps, turn.who.tenantId, meeting, { conversationId: turn.who.conversation.conversationId, activityId: sent.id, stage: 'view' }, agenda?.version ?? 0);
}

/**
 * "dagsorden som tekst" and the admin's button: the agenda as plain text for the minutes. In the
 * personal chat it is the answer; asked from a group conversation it goes to the admin 1:1, so the
 * Byråd's chat is not filled with it.
 */
export async function asText(deps: AgendaDeps, turn: Turn, meetingId: string | undefined, input: string): Promise<{ card?: CardJson; text?: string }> {
  const who = await acting(deps, turn);
  if (!isAdmin(who.actor)) return { card: noticeCard(turn.who.locale, { text: text(turn.who.locale, 'error.adminOnly'), style: 'attention', input: input || undefined }) };
  const view = await agendaFor(deps, who, meetingId);
  if (!view.ok) return { card: refusal(turn, view.code, { input }) };
  const plain = agendaText(turn.who.locale, { meeting: view.value.meeting, agenda: view.value.agenda, now: deps.clock.now() });
  if (inPersonalChat(turn)) return { text: plain };
  const delivery = await deps.notifier.toPerson(selfAddress(turn), { kind: 'agenda.text', text: plain }, turn.who.locale);
  if (!delivery.ok) return { text: plain };
  return { card: agendaNoticeCard(turn.who.locale, { text: text(turn.who.locale, 'agenda.text.sentPersonal'), style: 'good', meetingId: view.value.meeting.id }) };
}

