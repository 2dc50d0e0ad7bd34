// An activity's follow-up (issue 12, point 7). Seed 004: "aktiviteten skal have en afslutning, når den
// opsatte effekt er nået": at the activity's evaluation date the responsible person (1:1) and the group's
// chat are reminded, and the outcome is recorded: still running, effect reached and closed, or continued
// with a new effect and a new evaluation date (which is reminded again, the old reminder skipped).
//
// The reminders are outbox notices with `notBefore` (exactly once, survive restarts: the outbox claims
// each with its etag). Their cause carries the evaluation date, so a continued activity gets new ones at
// its new date, and the renderer calls the old ones obsolete (the activity is closed, or its evaluation
// date is no longer the one they were for).

import { isAdmin, isMemberOf, managesTendersOf, type Actor } from '../domain/actor.js';
import { activityOf, recordFollowUp, type Activity, type ActivitySummary, type FollowUpError, type FollowUpOutcome } from '../domain/activity.js';
import { conversationOfGroup, groupOfConversation, type Group } from '../domain/directory.js';
import { fail, ok, type Result } from '../domain/result.js';
import { instantFromLocal, localParts } from '../domain/time.js';
import type { Acting } from './directory-admin.js';
import type { Catalogue, CatalogueEntry } from '../domain/catalogue.js';
import { activityIdOf } from './catalogue-ids.js';
import type { NoticeRenderers } from './notice-kinds.js';
import { enqueueNotices, noticeId } from './notices.js';
import { LIST_SHOWN, type ActivityRepository, type AfterClick, type Clock, type DirectoryRepository, type ListPage, type OutboxNotice, type OutboxRepository, type Versioned } from './ports.js';

export interface ActivityDeps {
  readonly catalogues: ActivityRepository;
  readonly directories: DirectoryRepository;
  readonly outbox: OutboxRepository;
  readonly clock: Clock;
  readonly afterClick?: AfterClick | undefined;
}

/** The reminder comes at 09:00 Copenhagen time on the evaluation date: the start of a working day. */
export const FOLLOW_UP_TIME = '09:00';

/** When the follow-up reminder for this evaluation date is due; undefined for a date that cannot be read. */
export function followUpDueAt(evaluationDate: string): Date | undefined {
  const at = instantFromLocal(evaluationDate, FOLLOW_UP_TIME);
  return at.ok ? at.value : undefined;
}

/**
 * The reminders an activity is owed at its evaluation date: one to the responsible person (by roster id,
 * reached in their recorded 1:1 chat) and one to the group's chat, if it has one. The cause includes the
 * date, so enqueueing them again (the award settled twice, a retried click) makes nothing new, and a new
 * date makes new ones.
 */
export function followUpNotices(activity: Activity, groupConversationId: string | undefined, now: Date): OutboxNotice[] {
  const due = followUpDueAt(activity.evaluationDate);
  if (!due || activity.status === 'closed') return [];
  const cause = `activity.followUp|${activity.id}|${activity.evaluationDate}`;
  const at = now.toISOString();
  const notice = (recipient: string, to: OutboxNotice['to']): OutboxNotice => ({
    id: noticeId(cause, recipient),
    tenantId: activity.tenantId,
    subject: { kind: 'activity.followUp', activityId: activity.id, evaluationDate: activity.evaluationDate },
    to,
    status: 'pending',
    attempts: 0,
    createdAt: at,
    updatedAt: at,
    notBefore: due.toISOString(),
  });
  return [
    notice(activity.responsible.id, { kind: 'personal', userId: activity.responsible.id }),
    ...(groupConversationId ? [notice(`conversation:${groupConversationId}`, { kind: 'conversation', conversationId: groupConversationId })] : []),
  ];
}

/**
 * What a new activity owes people beyond the bid's own notices: its follow-up reminders at the evaluation
 * date, and, when the award made someone other than the bidder responsible (seed 000: the bidders need not
 * carry it out themselves), a 1:1 notice to that person. Ids from the activity: made twice, enqueued once.
 */
export function newActivityNotices(activity: Activity, groupConversationId: string | undefined, now: Date): OutboxNotice[] {
  const at = now.toISOString();
  const assigned: OutboxNotice[] =
    activity.responsible.id.toLowerCase() === activity.bidderId.toLowerCase()
      ? []
      : [
          {
            id: noticeId(`activity.assigned|${activity.id}`, activity.responsible.id),
            tenantId: activity.tenantId,
            subject: { kind: 'activity.assigned', activityId: activity.id },
            to: { kind: 'personal', userId: activity.responsible.id },
            status: 'pending',
            attempts: 0,
            createdAt: at,
            updatedAt: at,
          },
        ];
  return [...followUpNotices(activity, groupConversationId, now), ...assigned];
}

/**
 * Makes the activity an awarded catalogue entry owes (its id follows from the bid) and returns the notices
 * it owes (newActivityNotices). 'exists' means it was made before (a settle a crash cut short, or another
 * instance): the activity as it now stands is used, and its notices' ids make them once.
 */
export async function makeActivity(
  deps: { readonly catalogues: ActivityRepository },
  c: Catalogue,
  entry: CatalogueEntry,
  by: string,
  groupConversationId: string | undefined,
  now: Date,
): Promise<OutboxNotice[]> {
  const made = activityOf({ id: activityIdOf(entry.bidId), tenantId: c.tenantId, groupId: c.groupId, groupName: c.groupName, period: c.period, catalogueId: c.id, entry }, by, now);
  const activity = (await deps.catalogues.createActivity(made)) === 'saved' ? made : ((await deps.catalogues.getActivity(c.tenantId, made.id))?.value ?? made);
  return newActivityNotices(activity, groupConversationId, now);
}

/** Enqueues the activity's follow-up reminders (the award calls this when it creates an activity; a continuation does too). */
export async function scheduleFollowUp(deps: Pick<ActivityDeps, 'directories' | 'outbox' | 'clock'>, activity: Activity): Promise<void> {
  const dir = (await deps.directories.get(activity.tenantId))?.value;
  await enqueueNotices(deps, followUpNotices(activity, dir ? conversationOfGroup(dir, activity.groupId) : undefined, deps.clock.now()));
}

/** The group's chat told of a recorded outcome (the follow-up recorded at `at`). */
function recordedNotice(activity: Activity, conversationId: string, at: string, now: Date): OutboxNotice {
  const created = now.toISOString();
  return {
    id: noticeId(`activity.recorded|${activity.id}|${at}`, `conversation:${conversationId}`),
    tenantId: activity.tenantId,
    subject: { kind: 'activity.recorded', activityId: activity.id, at },
    to: { kind: 'conversation', conversationId },
    status: 'pending',
    attempts: 0,
    createdAt: created,
    updatedAt: created,
  };
}

// ---- rights ----

/** Who may see an activity: the group's members, the responsible person, admins. */
export const mayReadActivity = (actor: Actor, a: Activity): boolean => isAdmin(actor) || isMemberOf(actor, a.groupId) || actor.personId === a.responsible.id;

/** Who may record its outcome: the responsible person, the group's tovholder, chefs and konsulenter, admins. */
export const mayRecordFollowUp = (actor: Actor, a: Activity): boolean => isAdmin(actor) || managesTendersOf(actor, a.groupId) || actor.personId === a.responsible.id;

export type ActivityError = 'ACTIVITY.NOT_FOUND' | 'ACTIVITY.NOT_ALLOWED' | 'ACTIVITY.BUSY';

export interface ActivityView {
  readonly activity: Activity;
  readonly mayRecord: boolean;
}

/** The activity as the actor may see it; one that is not theirs to see does not exist for them. */
export async function activityFor(deps: Pick<ActivityDeps, 'catalogues'>, { actor }: Acting, activityId: string): Promise<Result<ActivityView, 'ACTIVITY.NOT_FOUND'>> {
  const found = await deps.catalogues.getActivity(actor.tenantId, activityId);
  if (!found || !mayReadActivity(actor, found.value)) return fail('ACTIVITY.NOT_FOUND');
  return ok({ activity: found.value, mayRecord: mayRecordFollowUp(actor, found.value) });
}

/** The follow-up form is offered to those who may record, while the activity runs. */
export async function followUpFormFor(
  deps: Pick<ActivityDeps, 'catalogues'>,
  { actor }: Acting,
  activityId: string,
): Promise<Result<Versioned<Activity>, 'ACTIVITY.NOT_FOUND' | 'ACTIVITY.NOT_ALLOWED' | 'ACTIVITY.CLOSED'>> {
  const found = await deps.catalogues.getActivity(actor.tenantId, activityId);
  if (!found || !mayReadActivity(actor, found.value)) return fail('ACTIVITY.NOT_FOUND');
  if (!mayRecordFollowUp(actor, found.value)) return fail('ACTIVITY.NOT_ALLOWED');
  if (found.value.status === 'closed') return fail('ACTIVITY.CLOSED');
  return ok(found);
}

export interface FollowUpInput {
  readonly outcome: FollowUpOutcome;
  readonly note: string;
  readonly newEffect?: string | undefined;
  readonly newEvaluationDate?: string | undefined;
}

const ATTEMPTS = 5;

/**
 * Records the outcome: one etag-guarded write of the activity (read again and reapplied on a conflict),
 * then the group's chat is told and a continued activity is reminded again at its new date. A refusal
 * writes nothing.
 */
export async function recordOutcome(
  deps: ActivityDeps,
  acting: Acting,
  activityId: string,
  input: FollowUpInput,
  alreadyRead?: Versioned<Activity>,
): Promise<Result<Activity, ActivityError | FollowUpError>> {
  const { actor } = acting;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    // The caller's read serves as the first attempt's, so an uncontended record is one read and one write.
    const found: Versioned<Activity> | undefined = attempt === 0 && alreadyRead ? alreadyRead : await deps.catalogues.getActivity(actor.tenantId, activityId);
    if (!found || !mayReadActivity(actor, found.value)) return fail('ACTIVITY.NOT_FOUND');
    if (!mayRecordFollowUp(actor, found.value)) return fail('ACTIVITY.NOT_ALLOWED');
    const now = deps.clock.now();
    // "After today" by the Copenhagen date, whatever the server's zone.
    const changed = recordFollowUp(found.value, { ...input, by: { id: actor.personId, name: actor.name } }, localParts(now).date, now);
    if (!changed.ok) return changed;
    if ((await deps.catalogues.saveActivity(changed.value, found.etag)) !== 'saved') continue;
    const activity = changed.value;
    const dir = acting.directory?.value;
    const conversationId = dir ? conversationOfGroup(dir, activity.groupId) : undefined;
    const notices = conversationId ? [recordedNotice(activity, conversationId, activity.updatedAt, now)] : [];
    if (input.outcome === 'continued') notices.push(...followUpNotices(activity, conversationId, now));
    await enqueueNotices(deps, notices);
    deps.afterClick?.({ tenantId: actor.tenantId });
    return ok(activity);
  }
  return fail('ACTIVITY.BUSY');
}

export type ActivityListError = 'ACTIVITY.NOT_IN_KERNEGRUPPE_CHAT' | 'ACTIVITY.NOT_MEMBER' | 'DIRECTORY.MISSING';

/** "aktiviteter" in a kernegruppe's chat: its activities, evaluation dates due first; one bounded query. */
export async function activitiesHere(
  deps: Pick<ActivityDeps, 'catalogues'>,
  { actor, directory }: Acting,
  conversationId: string,
): Promise<Result<{ group: Group; page: ListPage<ActivitySummary> }, ActivityListError>> {
  if (!directory) return fail('DIRECTORY.MISSING');
  const group = groupOfConversation(directory.value, conversationId);
  if (!group || group.kind !== 'kernegruppe') return fail('ACTIVITY.NOT_IN_KERNEGRUPPE_CHAT');
  if (!isMemberOf(actor, group.id) && !isAdmin(actor)) return fail('ACTIVITY.NOT_MEMBER');
  const rows = await deps.catalogues.activitiesOfGroup(actor.tenantId, group.id, LIST_SHOWN + 1);
  // Running ones first (their evaluation is what the group has to act on), each part by evaluation date.
  const shown = rows.slice(0, LIST_SHOWN);
  const ordered = [...shown.filter((r) => r.status === 'running'), ...shown.filter((r) => r.status !== 'running')];
  return ok({ group, page: { items: ordered, more: rows.length > LIST_SHOWN } });
}

/** Whether "aktiviteter" would list something here (for the help card: no query). */
export function mayListActivitiesHere({ actor, directory }: Acting, conversationId: string): boolean {
  const group = directory ? groupOfConversation(directory.value, conversationId) : undefined;
  return group?.kind === 'kernegruppe' && (isMemberOf(actor, group.id) || isAdmin(actor));
}

// ---- the notices, drawn from the activity as stored when they are sent ----

export const activityNotices: Pick<NoticeRenderers, 'activity.followUp' | 'activity.recorded' | 'activity.assigned'> = {
  'activity.assigned': async (deps, n) => {
    const activity = (await deps.catalogues.getActivity(n.tenantId, n.subject.activityId))?.value;
    if (!activity) return undefined;
    // Closed before the notice went out, or someone else made responsible meanwhile: nothing true to say.
    if (activity.status === 'closed' || (n.to.kind === 'personal' && n.to.userId !== activity.responsible.id)) return 'obsolete';
    return { notice: { kind: 'activity.assigned', activity }, locale: 'da' };
  },
  'activity.followUp': async (deps, n) => {
    const activity = (await deps.catalogues.getActivity(n.tenantId, n.subject.activityId))?.value;
    if (!activity) return undefined;
    // Dealt with before it came due: closed, or continued to another evaluation date (which has its own reminders).
    if (activity.status === 'closed' || activity.evaluationDate !== n.subject.evaluationDate) return 'obsolete';
    return { notice: { kind: 'activity.followUp', activity, place: n.to.kind === 'conversation' ? 'group' : 'personal' }, locale: 'da' };
  },
  'activity.recorded': async (deps, n) => {
    const activity = (await deps.catalogues.getActivity(n.tenantId, n.subject.activityId))?.value;
    const followUp = activity?.followUps.find((f) => f.at === n.subject.at);
    if (!activity || !followUp) return undefined;
    return { notice: { kind: 'activity.recorded', activity, followUp }, locale: 'da' };
  },
};
