// The dialogmøde's agenda (seed 004, "Dialogmøderne"): politicians give the topics they want
// discussed "helt frem til mødets start". One agenda per meeting holds its topics; adding, editing
// and withdrawing are pure functions of the agenda, the meeting as the calendar has it now (a moved
// meeting's new start is the cutoff) and the moment the request arrived. At the start the agenda
// locks; a cancelled meeting hands its topics on to the next dialogmøde.

import type { Meeting } from './calendar.js';
import { fail, ok, type Result } from './result.js';
import { asText, requiredText, optionalText, type AuditEntry, type FieldError } from './tender.js';

export const TOPIC_LIMITS = { title: 150, why: 2000, committee: 100, topics: 100 } as const;

/**
 * What an agenda keeps of its past, so the item stays far under Cosmos DB's 2 MB whatever the number
 * of add/withdraw cycles: the newest withdrawn topics in full (a resent form is still recognised, an
 * admin still sees what was withdrawn), the ids of older ones (a form sent again stays withdrawn),
 * and each topic's first and latest history entries.
 */
export const AGENDA_HISTORY_LIMITS = { withdrawnKept: 100, withdrawnIds: 1000, historyPerTopic: 20 } as const;

/** Part 1: kommissorier, status on the opgaveudvalg, problems; part 2: politics on "blank paper", the committees' items. */
export type MeetingPart = 1 | 2;
export const MEETING_PARTS: readonly MeetingPart[] = [1, 2];

/** The committees a topic may concern (seed 004): the five stående udvalg and the two across them. */
export const COMMITTEES = [
  'Læring',
  'Beskæftigelse',
  'Social Omsorg',
  'Fritid & Fællesskab',
  'Teknik',
  'Tværgående Politik',
  'Politisk Koordination & Økonomi',
] as const;

export interface TopicFields {
  readonly title: string;
  readonly why: string;
  readonly part: MeetingPart;
  readonly committee?: string | undefined;
}

export interface TopicAuthor {
  readonly id: string;
  readonly name: string;
  /** How Teams reaches the author 1:1 (a moved topic, a receipt). */
  readonly teamsId: string;
  readonly serviceUrl: string;
}

export interface Topic extends TopicFields {
  readonly id: string;
  readonly authorId: string;
  readonly authorName: string;
  readonly authorTeamsId: string;
  readonly serviceUrl: string;
  readonly status: 'active' | 'withdrawn';
  /** When it was first added: the order within its part. */
  readonly addedAt: string;
  readonly editedAt?: string | undefined;
  readonly withdrawnAt?: string | undefined;
  /** It came from a cancelled dialogmøde. */
  readonly movedFrom?: string | undefined;
  readonly history: readonly AuditEntry[];
}

/** A shared agenda card: the call for topics, the last call, or one posted by `dagsorden` in a group chat or channel. */
export interface AgendaCard {
  readonly conversationId: string;
  readonly activityId: string;
  readonly stage: 'call' | 'lastCall' | 'view';
}

export type AgendaStatus = 'open' | 'locked' | 'cancelled';

export interface Agenda {
  readonly tenantId: string;
  readonly meetingId: string;
  /** The meeting's start when last seen; the calendar's own start is the cutoff. */
  readonly meetingStart: string;
  readonly status: AgendaStatus;
  readonly topics: readonly Topic[];
  /** Counts every change the shared cards show; they were last drawn at `shownVersion`. */
  readonly version: number;
  readonly shownVersion: number;
  readonly cardsShownAt?: string | undefined;
  /** A click claimed the redraw of `shownVersion` and hands it to the outbox; the sweep enqueues it again (same ids) in case the click died first. */
  readonly cardsQueuedVersion?: number | undefined;
  readonly cards: readonly AgendaCard[];
  readonly lockedAt?: string | undefined;
  /** The final agenda was posted (claimed once, by whoever locked it). */
  readonly finalPostedAt?: string | undefined;
  readonly cancelledAt?: string | undefined;
  /** Where a cancelled meeting's topics went. */
  readonly movedTo?: string | undefined;
  /** The authors of moved topics were told (claimed once). */
  readonly authorsToldAt?: string | undefined;
  /** Topics withdrawn long ago, dropped from `topics`: only their ids, newest last (bounded). */
  readonly withdrawnIds?: readonly string[] | undefined;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type TopicField = 'title' | 'why' | 'part' | 'committee';
export type TopicInput = Partial<Record<TopicField, unknown>>;

export function validateTopicInput(input: TopicInput): Result<TopicFields, 'TOPIC.INVALID', FieldError<TopicField>[]> {
  const errors: FieldError<TopicField>[] = [];
  const title = requiredText('title', input.title, TOPIC_LIMITS.title, errors);
  const why = requiredText('why', input.why, TOPIC_LIMITS.why, errors);
  const partText = asText(input.part);
  const part = partText === '1' ? 1 : partText === '2' ? 2 : undefined;
  if (partText === '') errors.push({ field: 'part', code: 'REQUIRED' });
  else if (part === undefined) errors.push({ field: 'part', code: 'INVALID' });
  const committee = optionalText('committee', input.committee, TOPIC_LIMITS.committee, errors);
  if (committee && !(COMMITTEES as readonly string[]).includes(committee)) errors.push({ field: 'committee', code: 'UNKNOWN_CHOICE' });
  if (errors.length > 0 || part === undefined) return fail('TOPIC.INVALID', errors);
  return ok({ title, why, part, committee: committee || undefined });
}

export function newAgenda(tenantId: string, meeting: Pick<Meeting, 'id' | 'start'>, now: Date): Agenda {
  const at = now.toISOString();
  return { tenantId, meetingId: meeting.id, meetingStart: meeting.start, status: 'open', topics: [], version: 0, shownVersion: 0, cards: [], createdAt: at, updatedAt: at };
}

/** Why a change to the agenda is refused: the meeting began (or the agenda locked), or it was cancelled. */
export type AgendaClosed = 'AGENDA.LOCKED' | 'AGENDA.CANCELLED';

/** Open for changes: the meeting stands, the request came before its start, and the agenda has not locked. */
export function agendaOpen(agenda: Agenda | undefined, meeting: Meeting, receivedAt: Date): Result<true, AgendaClosed> {
  if (meeting.status === 'cancelled') return fail('AGENDA.CANCELLED');
  if (receivedAt.getTime() >= new Date(meeting.start).getTime()) return fail('AGENDA.LOCKED');
  if (agenda?.status === 'locked') return fail('AGENDA.LOCKED');
  return ok(true);
}

const touched = (a: Agenda, now: Date, topics: readonly Topic[]): Agenda => ({ ...a, topics, version: a.version + 1, updatedAt: now.toISOString() });

/** A meeting that was cancelled (its topics handed on) and then moved back stands again: its agenda starts afresh. */
const revived = (a: Agenda): Agenda =>
  a.status === 'cancelled' ? { ...a, status: 'open', topics: [], movedTo: undefined, cancelledAt: undefined, authorsToldAt: undefined } : a;

export const activeTopics = (a: Agenda | undefined): Topic[] => (a?.topics ?? []).filter((t) => t.status === 'active');

/**
 * Adds a topic. The id comes from the form's submission id, so the same form sent twice adds one
 * topic; `duplicate` says it was already there.
 */
export function addTopic(
  agenda: Agenda,
  meeting: Meeting,
  v: { id: string; fields: TopicFields; author: TopicAuthor; movedFrom?: string | undefined },
  receivedAt: Date,
): Result<{ agenda: Agenda; topic: Topic; duplicate: boolean }, AgendaClosed | 'AGENDA.FULL' | 'TOPIC.WITHDRAWN'> {
  const existing = agenda.topics.find((t) => t.id === v.id);
  if (existing && agenda.status !== 'cancelled') return ok({ agenda, topic: existing, duplicate: true });
  // A form whose topic was withdrawn long ago (only its id is kept) stays withdrawn when sent again.
  if (agenda.status !== 'cancelled' && agenda.withdrawnIds?.includes(v.id)) return fail('TOPIC.WITHDRAWN');
  const open = agendaOpen(agenda, meeting, receivedAt);
  if (!open.ok) return open;
  const base = revived(agenda);
  if (activeTopics(base).length >= TOPIC_LIMITS.topics) return fail('AGENDA.FULL');
  const at = receivedAt.toISOString();
  const topic: Topic = {
    id: v.id,
    ...v.fields,
    authorId: v.author.id,
    authorName: v.author.name,
    authorTeamsId: v.author.teamsId,
    serviceUrl: v.author.serviceUrl,
    status: 'active',
    addedAt: at,
    ...(v.movedFrom ? { movedFrom: v.movedFrom } : {}),
    history: [{ at, by: v.author.id, action: 'added' }],
  };
  return ok({ agenda: touched(base, receivedAt, [...base.topics, topic]), topic, duplicate: false });
}

export type TopicError = AgendaClosed | 'TOPIC.NOT_FOUND' | 'TOPIC.NOT_AUTHOR' | 'TOPIC.WITHDRAWN';

/** Only the author changes a topic, or an admin (the meeting's secretary). */
export function changeableTopic(agenda: Agenda, meeting: Meeting, topicId: string, by: { id: string; admin: boolean }, receivedAt: Date): Result<Topic, TopicError> {
  const topic = agenda.topics.find((t) => t.id === topicId);
  if (!topic) return fail('TOPIC.NOT_FOUND');
  if (topic.authorId !== by.id && !by.admin) return fail('TOPIC.NOT_AUTHOR');
  if (topic.status === 'withdrawn') return fail('TOPIC.WITHDRAWN');
  // Its topics went on to the next dialogmøde, and are changed there.
  if (agenda.status === 'cancelled') return fail('AGENDA.CANCELLED');
  const open = agendaOpen(agenda, meeting, receivedAt);
  return open.ok ? ok(topic) : open;
}

function replaceTopic(agenda: Agenda, topic: Topic, now: Date): Agenda {
  return touched(agenda, now, agenda.topics.map((t) => (t.id === topic.id ? topic : t)));
}

/** The first entry (who added it) and the latest ones. */
function boundedHistory(history: readonly AuditEntry[]): readonly AuditEntry[] {
  const max = AGENDA_HISTORY_LIMITS.historyPerTopic;
  return history.length <= max ? history : [history[0]!, ...history.slice(history.length - (max - 1))];
}

/** Withdrawn topics beyond the newest `withdrawnKept` leave `topics`; their ids are kept, the newest `withdrawnIds`. */
function pruneWithdrawn(agenda: Agenda): Agenda {
  const withdrawn = agenda.topics.filter((t) => t.status === 'withdrawn');
  const excess = withdrawn.length - AGENDA_HISTORY_LIMITS.withdrawnKept;
  if (excess <= 0) return agenda;
  const dropped = withdrawn.sort((a, b) => (a.withdrawnAt ?? '').localeCompare(b.withdrawnAt ?? '')).slice(0, excess);
  const gone = new Set(dropped.map((t) => t.id));
  return {
    ...agenda,
    topics: agenda.topics.filter((t) => !gone.has(t.id)),
    withdrawnIds: [...(agenda.withdrawnIds ?? []), ...dropped.map((t) => t.id)].slice(-AGENDA_HISTORY_LIMITS.withdrawnIds),
  };
}

export function editTopic(
  agenda: Agenda,
  meeting: Meeting,
  topicId: string,
  fields: TopicFields,
  by: { id: string; admin: boolean },
  receivedAt: Date,
): Result<{ agenda: Agenda; topic: Topic }, TopicError> {
  const found = changeableTopic(agenda, meeting, topicId, by, receivedAt);
  if (!found.ok) return found;
  const at = receivedAt.toISOString();
  const topic: Topic = { ...found.value, ...fields, committee: fields.committee, editedAt: at, history: boundedHistory([...found.value.history, { at, by: by.id, action: 'edited' }]) };
  return ok({ agenda: replaceTopic(agenda, topic, receivedAt), topic });
}

export function withdrawTopic(agenda: Agenda, meeting: Meeting, topicId: string, by: { id: string; admin: boolean }, receivedAt: Date): Result<{ agenda: Agenda; topic: Topic }, TopicError> {
  const found = changeableTopic(agenda, meeting, topicId, by, receivedAt);
  if (!found.ok) return found;
  const at = receivedAt.toISOString();
  const topic: Topic = { ...found.value, status: 'withdrawn', withdrawnAt: at, history: boundedHistory([...found.value.history, { at, by: by.id, action: 'withdrawn' }]) };
  return ok({ agenda: pruneWithdrawn(replaceTopic(agenda, topic, receivedAt)), topic });
}

/** The agenda as it will be discussed: active topics by part, then by when each was added. */
export function orderedTopics(agenda: Agenda | undefined): Topic[] {
  return activeTopics(agenda).sort((a, b) => a.part - b.part || a.addedAt.localeCompare(b.addedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** At the start: nothing more changes. The write that locks it also claims posting the final agenda. */
export function lock(agenda: Agenda, now: Date): Agenda {
  const at = now.toISOString();
  return { ...agenda, status: 'locked', lockedAt: at, finalPostedAt: at, version: agenda.version + 1, updatedAt: at };
}

/** The meeting moved: the cards show the new time (the cutoff follows the calendar by itself). */
export function followMeeting(agenda: Agenda, meeting: Meeting, now: Date): Agenda {
  return { ...agenda, meetingStart: meeting.start, version: agenda.version + 1, updatedAt: now.toISOString() };
}

/**
 * A cancelled meeting's active topics go to the next dialogmøde, in their order and keeping when they
 * were added; topics already there (a move repeated after a crash) are not added twice.
 */
export function moveTopics(from: Agenda, to: Agenda, now: Date): { from: Agenda; to: Agenda; moved: Topic[] } {
  const at = now.toISOString();
  const present = new Set(to.topics.map((t) => t.id));
  const moved = orderedTopics(from)
    .filter((t) => !present.has(t.id))
    .map((t): Topic => ({ ...t, movedFrom: from.meetingId, history: boundedHistory([...t.history, { at, by: 'system', action: 'moved', from: from.meetingId, to: to.meetingId }]) }));
  return {
    from: { ...from, status: 'cancelled', cancelledAt: at, movedTo: to.meetingId, version: from.version + 1, updatedAt: at },
    to: moved.length > 0 ? touched(to, now, [...to.topics, ...moved]) : to,
    moved,
  };
}

/** Cards are redrawn at most this often for a meeting; changes in between are drawn together after. */
export const CARD_GAP_MS = 10_000;

export function cardsStale(agenda: Agenda): boolean {
  return agenda.cards.length > 0 && agenda.shownVersion < agenda.version;
}

/** Stale and not drawn within the gap: whoever writes `markCardsShown` first draws them. */
export function cardsDue(agenda: Agenda, now: Date): boolean {
  return cardsStale(agenda) && (!agenda.cardsShownAt || now.getTime() - new Date(agenda.cardsShownAt).getTime() >= CARD_GAP_MS);
}

export function markCardsShown(agenda: Agenda, now: Date): Agenda {
  return { ...agenda, shownVersion: agenda.version, cardsShownAt: now.toISOString() };
}

export function rememberCard(agenda: Agenda, card: AgendaCard, now: Date): Agenda {
  // One `dagsorden` card per conversation is kept up to date (the newest), so however often it is asked
  // for, a redraw is at most three updates in a conversation; older ones still refresh for each reader.
  const others = agenda.cards.filter(
    (c) => !(c.conversationId === card.conversationId && (c.activityId === card.activityId || (card.stage === 'view' && c.stage === 'view'))),
  );
  return { ...agenda, cards: [...others, card], updatedAt: now.toISOString() };
}

/** Cards Teams no longer has (the message was deleted, 404): not drawn again. */
export function forgetCards(agenda: Agenda, gone: readonly AgendaCard[], now: Date): Agenda {
  const cards = agenda.cards.filter((c) => !gone.some((g) => g.conversationId === c.conversationId && g.activityId === c.activityId));
  return cards.length === agenda.cards.length ? agenda : { ...agenda, cards, updatedAt: now.toISOString() };
}

/** Still work for the scheduler: an open agenda to lock, cards to redraw, authors to tell. */
export function needsAttention(agenda: Agenda): boolean {
  return agenda.status === 'open' || cardsStale(agenda) || (agenda.status === 'cancelled' && !agenda.authorsToldAt && agenda.topics.some((t) => t.status === 'active'));
}
