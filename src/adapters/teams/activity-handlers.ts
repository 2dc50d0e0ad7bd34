// Handlers for activities: the activity card (activity.show), its follow-up form and recording the outcome
// (activity.followUpForm, activity.followUp), its history (activity.history) and "aktiviteter" in a
// kernegruppe's chat. Thin: the use cases in app/activity-followup.ts check the rights and write; a
// refusal brings the form back with what was typed and the message at the field.

import { z } from 'zod';
import { ACTIVITY_LIMITS, type Activity, type FollowUpError, type FollowUpOutcome } from '../../domain/activity.js';
import { findPerson } from '../../domain/directory.js';
import { localParts } from '../../domain/time.js';
import { whoIsActing, type Acting } from '../../app/directory-admin.js';
import { activitiesHere, activityFor, followUpFormFor, recordOutcome, type ActivityDeps, type ActivityError, type ActivityListError } from '../../app/activity-followup.js';
import {
  activityCard,
  activityHistoryCard,
  activityListCard,
  activityRefusalCard,
  EMPTY_FOLLOW_UP,
  followUpFormCard,
  followUpValuesFrom,
  formatDay,
  type FollowUpField,
  type FollowUpValues,
} from '../cards/activity-views.js';
import type { CardJson } from '../cards/render-card.js';
import { noticeCard } from '../cards/views.js';
import { text, type TextKey } from '../i18n/text.js';
import type { Turn } from './turn.js';

const Id = z.string().min(1).max(120);
export const ActivityRef = z.object({ activityId: Id }).passthrough();
export const HistoryRef = z.object({ activityId: Id, page: z.string().regex(/^\d{1,4}$/).optional() }).passthrough();

const acting = (deps: ActivityDeps, turn: Turn): Promise<Acting> => whoIsActing(deps, turn.who.tenantId, turn.who.userId, turn.who.userName);

const REFUSAL_TEXT: Record<ActivityError | 'ACTIVITY.CLOSED', TextKey> = {
  'ACTIVITY.NOT_FOUND': 'error.activityNotFound',
  'ACTIVITY.NOT_ALLOWED': 'error.activityNotAllowed',
  'ACTIVITY.BUSY': 'error.activityBusy',
  'ACTIVITY.CLOSED': 'error.activityClosed',
};

/** What was typed into the form, as one text to show back on a refusal that cannot bring the form back. */
const typed = (v: FollowUpValues) => [v.note, v.newEffect].filter((s) => s.trim() !== '').join('\n\n');

/** A refusal; the way back to the activity only for those who may see it (not for "not found"). */
function refusal(turn: Turn, code: keyof typeof REFUSAL_TEXT, activityId: string, values?: FollowUpValues): CardJson {
  return activityRefusalCard(turn.who.locale, { text: text(turn.who.locale, REFUSAL_TEXT[code]), activityId: code === 'ACTIVITY.NOT_FOUND' ? undefined : activityId, input: values ? typed(values) : undefined });
}

export async function show(deps: ActivityDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const { activityId } = ActivityRef.parse(raw);
  const view = await activityFor(deps, await acting(deps, turn), activityId);
  if (!view.ok) return refusal(turn, view.code, activityId);
  return activityCard(turn.who.locale, { ...view.value, now: deps.clock.now() });
}

export async function followUpForm(deps: ActivityDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const { activityId } = ActivityRef.parse(raw);
  const found = await followUpFormFor(deps, await acting(deps, turn), activityId);
  if (!found.ok) return refusal(turn, found.code, activityId);
  return followUpFormCard(turn.who.locale, { activity: found.value.value, place: 'form', values: EMPTY_FOLLOW_UP, errors: {} });
}

const OUTCOMES: readonly string[] = ['running', 'closed', 'continued'] satisfies FollowUpOutcome[];

function fieldError(turn: Turn, code: FollowUpError, today: string): { field: FollowUpField; message: string } | undefined {
  const say = (key: TextKey, params: Record<string, string | number> = {}) => text(turn.who.locale, key, params);
  switch (code) {
    case 'ACTIVITY.NOTE_TOO_LONG':
      return { field: 'note', message: say('error.activityNoteTooLong', { limit: ACTIVITY_LIMITS.note }) };
    case 'ACTIVITY.EFFECT_REQUIRED':
      return { field: 'newEffect', message: say('error.activityEffectRequired') };
    case 'ACTIVITY.EFFECT_TOO_LONG':
      return { field: 'newEffect', message: say('error.activityEffectTooLong', { limit: ACTIVITY_LIMITS.effect }) };
    case 'ACTIVITY.DATE_INVALID':
      return { field: 'newEvaluationDate', message: say('error.activityDate', { today: formatDay(today, turn.who.locale) }) };
    case 'ACTIVITY.CLOSED':
      return undefined;
  }
}

/** Records the outcome; the answer is the activity with a receipt, or the form again with what was typed. */
export async function followUp(deps: ActivityDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const { activityId } = ActivityRef.parse(raw);
  const values = followUpValuesFrom(raw);
  const who = await acting(deps, turn);
  // The rights first: someone who may not record learns nothing about the activity from the form's checks.
  const allowed = await followUpFormFor(deps, who, activityId);
  if (!allowed.ok) return refusal(turn, allowed.code, activityId, values);
  const form = (activity: Activity, errors: Partial<Record<FollowUpField, string>>) => followUpFormCard(turn.who.locale, { activity, place: 'form', values, errors });
  if (!OUTCOMES.includes(values.outcome)) return form(allowed.value.value, { outcome: text(turn.who.locale, 'error.activityOutcome') });
  const outcome = values.outcome as FollowUpOutcome;
  const result = await recordOutcome(deps, who, activityId, {
    outcome,
    note: values.note,
    ...(outcome === 'continued' ? { newEffect: values.newEffect, newEvaluationDate: values.newEvaluationDate.trim() } : {}),
  }, allowed.value);
  if (!result.ok) {
    if (result.code === 'ACTIVITY.NOT_FOUND' || result.code === 'ACTIVITY.NOT_ALLOWED' || result.code === 'ACTIVITY.BUSY' || result.code === 'ACTIVITY.CLOSED') return refusal(turn, result.code, activityId, values);
    const error = fieldError(turn, result.code, localParts(deps.clock.now()).date);
    return form(allowed.value.value, error ? { [error.field]: error.message } : {});
  }
  const receipt =
    outcome === 'continued'
      ? text(turn.who.locale, 'activity.recorded.continuedReceipt', { date: formatDay(result.value.evaluationDate, turn.who.locale) })
      : text(turn.who.locale, 'activity.recorded.receipt');
  return activityCard(turn.who.locale, { activity: result.value, mayRecord: true, now: deps.clock.now(), receipt });
}

export async function history(deps: ActivityDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const { activityId, page } = HistoryRef.parse(raw);
  const who = await acting(deps, turn);
  const view = await activityFor(deps, who, activityId);
  if (!view.ok) return refusal(turn, view.code, activityId);
  const a = view.value.activity;
  const dir = who.directory?.value;
  // Names from the roster as it is now; the names stored with the activity for people no longer on it.
  const nameOf = (personId: string) =>
    (dir ? findPerson(dir, personId)?.name : undefined) ??
    a.followUps.find((f) => f.by === personId)?.byName ??
    (a.responsible.id === personId ? a.responsible.name : undefined) ??
    text(turn.who.locale, 'activity.history.unknownPerson');
  return activityHistoryCard(turn.who.locale, { activity: a, nameOf, page: page ? Number(page) : 1 });
}

const LIST_REFUSAL: Record<ActivityListError, TextKey> = {
  'ACTIVITY.NOT_IN_KERNEGRUPPE_CHAT': 'error.activitiesNotHere',
  'ACTIVITY.NOT_MEMBER': 'error.activitiesNotMember',
  'DIRECTORY.MISSING': 'error.directoryMissing',
};

/** "aktiviteter" in a kernegruppe's chat. */
export async function list(deps: ActivityDeps, turn: Turn, input: string): Promise<CardJson> {
  const found = await activitiesHere(deps, await acting(deps, turn), turn.who.conversation.conversationId);
  if (!found.ok) return noticeCard(turn.who.locale, { text: text(turn.who.locale, LIST_REFUSAL[found.code]), style: 'attention', input });
  return activityListCard(turn.who.locale, { groupName: found.value.group.name, items: found.value.page.items, more: found.value.page.more, now: deps.clock.now() });
}
