// The dialogmøde agenda as people use it: politicians add, edit and withdraw topics until the
// meeting starts (the calendar's start, so a moved meeting moves the cutoff); the Byråd's chat gets
// the call for topics and the last call as shared cards, redrawn at most every CARD_GAP_MS whatever
// arrives; at the start the agenda locks and the final agenda is posted; a cancelled meeting hands
// its topics on to the next dialogmøde and each author is told. Every change is one etag-written
// agenda item, read again and re-applied on a conflict.

import { createHash } from 'node:crypto';
import { isAdmin, type Actor } from '../domain/actor.js';
import {
  addTopic,
  agendaOpen,
  cardsDue,
  cardsStale,
  changeableTopic,
  editTopic,
  followMeeting,
  forgetCards,
  lock,
  markCardsShown,
  moveTopics,
  newAgenda,
  rememberCard,
  validateTopicInput,
  withdrawTopic,
  type Agenda,
  type AgendaCard,
  type AgendaClosed,
  type Topic,
  type TopicAuthor,
  type TopicError,
  type TopicField,
  type TopicInput,
} from '../domain/agenda.js';
import type { Meeting } from '../domain/calendar.js';
import { conversationOfGroup, type Directory } from '../domain/directory.js';
import { DAY, HOUR } from '../domain/reminders.js';
import { fail, ok, type Fail, type Result } from '../domain/result.js';
import type { FieldError } from '../domain/tender.js';
import type { Acting } from './directory-admin.js';
import { agendaRedrawNotices, enqueueNotices } from './notices.js';
import type { NoticeRenderers } from './notice-kinds.js';
import type { AfterClick, AgendaRepository, CalendarRepository, Clock, ConversationRecord, ConversationRepository, DirectoryRepository, Notice, Notifier, OutboxRepository, Versioned } from './ports.js';
import { tenantMeetings } from './tenant-calendar.js';

export interface AgendaDeps {
  readonly agendas: AgendaRepository;
  readonly directories: DirectoryRepository;
  readonly calendars: CalendarRepository;
  readonly conversations: ConversationRepository;
  readonly notifier: Notifier;
  readonly clock: Clock;
  /** Gathers this instance's changes to the same agenda into shared writes (one per bot instance); without it, only the etag orders them. */
  readonly agendaQueue?: AgendaWriteQueue | undefined;
  /** Where a click's receipt and card redraws go, to be sent after the click is answered (see outbox.ts). */
  readonly outbox?: OutboxRepository | undefined;
  readonly afterClick?: AfterClick | undefined;
}

/** Seed 004: the dialogmøde is for the whole Byråd; these roles are politicians on it. */
const POLITICIAN_ROLES = ['byraadsmedlem', 'borgmester', 'udvalgsformand', 'politiker'] as const;

/** A politician, or a chef where the tenant lets chefs add topics too (calendar file: agenda.chefsMayAddTopics). */
export function mayAddTopics(actor: Actor, chefsMayAdd: boolean): boolean {
  return POLITICIAN_ROLES.some((r) => actor.roles.has(r)) || (chefsMayAdd && actor.roles.has('chef'));
}

/** `mayAddTopics` with the tenant's own setting, for the help card: one read of the calendar item, and only for someone the setting decides for. */
export async function mayAddTopicsIn(deps: Pick<AgendaDeps, 'calendars'>, actor: Actor): Promise<boolean> {
  if (mayAddTopics(actor, false) || !mayAddTopics(actor, true)) return mayAddTopics(actor, false);
  return mayAddTopics(actor, (await deps.calendars.get(actor.tenantId))?.value.agenda?.chefsMayAddTopics ?? false);
}

/** The Byråd and the chefs meet at the dialogmøde; they, and admins, read its agenda. */
export function mayReadAgenda(actor: Actor): boolean {
  return mayAddTopics(actor, true) || isAdmin(actor) || actor.memberships.some((m) => m.group.kind === 'byraad');
}

export type AgendaError =
  | 'DIRECTORY.MISSING'
  | 'AGENDA.NOT_POLITICIAN'
  | 'AGENDA.NOT_BYRAAD'
  | 'AGENDA.NO_MEETING'
  | 'AGENDA.FULL'
  | 'AGENDA.BUSY'
  | 'TOPIC.INVALID'
  | TopicError;

/** Everyone changing the same agenda at once: one write wins a round, the others re-read and re-apply. */
const MAX_ATTEMPTS = 40;
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 5 * attempt)));

type AnyChange = (a: Agenda) => Result<{ agenda: Agenda }, string>;
interface QueuedChange {
  readonly change: AnyChange;
  readonly done: (result: Result<{ agenda: Agenda }, string>) => void;
  readonly failed: (error: unknown) => void;
}

/**
 * Changes to one agenda waiting on this instance. While a write is under way, the changes that
 * arrive queue up; the next write applies all of them, in order, to one read of the item and writes
 * once. 31 politicians adding 3 topics each at the same moment become a handful of writes instead of
 * 93 writers racing through a thousand etag conflicts (measured by `npm run bench:agenda`).
 */
export class AgendaWriteQueue {
  private readonly waiting = new Map<string, QueuedChange[]>();

  async run(key: string, item: QueuedChange, write: (batch: QueuedChange[]) => Promise<void>): Promise<void> {
    const queue = this.waiting.get(key);
    if (queue) {
      queue.push(item);
      return;
    }
    const mine = [item];
    this.waiting.set(key, mine);
    try {
      for (let batch = mine.splice(0); batch.length > 0; batch = mine.splice(0)) await write(batch);
    } catch (error) {
      for (const left of mine.splice(0)) left.failed(error);
      throw error;
    } finally {
      this.waiting.delete(key);
    }
  }
}

/**
 * Reads the meeting's agenda (a new one if there is none), applies `change`, and writes it with the
 * etag (creating it if new); on a conflict it reads again and re-applies. With a queue, changes that
 * wait together are applied together and each gets the agenda as written.
 */
async function changeAgenda<T extends { agenda: Agenda }, E extends string>(
  deps: Pick<AgendaDeps, 'agendas' | 'agendaQueue'>,
  tenantId: string,
  meeting: Pick<Meeting, 'id' | 'start'>,
  now: Date,
  change: (a: Agenda) => Result<T, E>,
): Promise<Result<T, E | 'AGENDA.BUSY'>> {
  const queue = deps.agendaQueue;
  if (!queue) return new Promise((resolve, reject) => void writeChanges(deps, tenantId, meeting, now, [{ change, done: resolve as never, failed: reject }]).catch(reject));
  return new Promise((resolve, reject) => {
    queue.run(`${tenantId}|${meeting.id}`, { change, done: resolve as never, failed: reject }, (batch) => writeChanges(deps, tenantId, meeting, now, batch)).catch(reject);
  });
}

async function writeChanges(deps: Pick<AgendaDeps, 'agendas'>, tenantId: string, meeting: Pick<Meeting, 'id' | 'start'>, now: Date, batch: readonly QueuedChange[]): Promise<void> {
  try {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (attempt > 0) await pause(attempt);
      const current = await deps.agendas.get(tenantId, meeting.id);
      const base = current?.value ?? newAgenda(tenantId, meeting, now);
      let agenda = base;
      const results = batch.map((item) => {
        const result = item.change(agenda);
        if (result.ok) agenda = result.value.agenda;
        return result;
      });
      if (agenda !== base && (await deps.agendas.save(agenda, current?.etag)) !== 'saved') continue;
      // Each change learns the agenda as it was written, with the others of its batch in it.
      results.forEach((result, i) => batch[i]!.done(result.ok && agenda !== base ? ok({ ...result.value, agenda }) : result));
      return;
    }
    for (const item of batch) item.done(fail('AGENDA.BUSY'));
  } catch (error) {
    for (const item of batch) item.failed(error);
  }
}

// ---- meetings ----

/** From one read of the tenant's calendar: whether chefs may add topics, and every dialogmøde from a month back to a year ahead, cancelled ones included. */
async function dialogmoedePlan(deps: Pick<AgendaDeps, 'calendars' | 'clock'>, dir: Directory, now: Date): Promise<{ meetings: Meeting[]; chefsMayAdd: boolean; etag: string | undefined }> {
  // Served from the instance's plan cache (tenant-calendar.ts) while the calendar, the kernegrupper and the day are the same.
  const { meetings, settings, etag } = await tenantMeetings(deps, dir, new Date(now.getTime() - 40 * DAY), new Date(now.getTime() + 400 * DAY));
  return { meetings: meetings.filter((m) => m.kind === 'dialogmoede'), chefsMayAdd: settings.agenda?.chefsMayAddTopics ?? false, etag };
}

const dialogmoeder = async (deps: Pick<AgendaDeps, 'calendars' | 'clock'>, dir: Directory, now: Date) => (await dialogmoedePlan(deps, dir, now)).meetings;

/** The first dialogmøde that stands and starts after `after`. */
const nextAfter = (meetings: readonly Meeting[], after: Date, except?: string) =>
  meetings.find((m) => m.status !== 'cancelled' && m.id !== except && new Date(m.start).getTime() > after.getTime());

/**
 * "The next dialogmøde" after a given one: the first that stands after it (or after now, if it has
 * begun). A cancelled December meeting's topics go to January, not to an extra meeting this afternoon.
 */
function nextAfterMeeting(meetings: readonly Meeting[], meeting: Pick<Meeting, 'id' | 'start'>, now: Date): Meeting | undefined {
  const after = Math.max(new Date(meeting.start).getTime(), now.getTime());
  return nextAfter(meetings, new Date(after), meeting.id);
}

/** A dialogmøde by id, as the calendar has it now (moved, cancelled). */
export async function findDialogmoede(deps: Pick<AgendaDeps, 'calendars' | 'clock'>, dir: Directory, meetingId: string): Promise<Meeting | undefined> {
  return (await dialogmoeder(deps, dir, deps.clock.now())).find((m) => m.id === meetingId);
}

/** A dialogmøde and the one a late topic can go to instead: the next after it that stands and has not begun. */
export async function meetingAndNext(deps: Pick<AgendaDeps, 'calendars' | 'clock'>, dir: Directory, meetingId: string): Promise<{ meeting?: Meeting | undefined; next?: Meeting | undefined }> {
  const now = deps.clock.now();
  const all = await dialogmoeder(deps, dir, now);
  const meeting = all.find((m) => m.id === meetingId);
  return { meeting, next: meeting ? nextAfterMeeting(all, meeting, now) : nextAfter(all, now, meetingId) };
}

export const nextMeetingAfter = async (deps: Pick<AgendaDeps, 'calendars' | 'clock'>, dir: Directory, meetingId: string) => (await meetingAndNext(deps, dir, meetingId)).next;

/** For "emne" and "Tilføj emne": the dialogmøde a new topic goes to (the next that has not begun), if the person may add one. */
export async function topicFormFor(deps: AgendaDeps, { actor, directory }: Acting, meetingId?: string): Promise<Result<Meeting, AgendaError>> {
  if (!directory) return fail('DIRECTORY.MISSING');
  const now = deps.clock.now();
  const { meetings: all, chefsMayAdd } = await dialogmoedePlan(deps, directory.value, now);
  if (!mayAddTopics(actor, chefsMayAdd)) return fail('AGENDA.NOT_POLITICIAN');
  const asked = meetingId ? all.find((m) => m.id === meetingId) : undefined;
  if (asked && agendaOpen((await deps.agendas.get(actor.tenantId, asked.id))?.value, asked, now).ok) return ok(asked);
  const next = nextAfter(all, now);
  return next ? ok(next) : fail('AGENDA.NO_MEETING');
}

// ---- topics ----

/**
 * The same form sent twice by the same person is one topic. The same form filled in by two people (a
 * form posted in a channel is everyone's) is two, and the same text put on another meeting is another.
 */
export const topicIdFor = (meetingId: string, authorId: string, submissionId: string) =>
  `topic-${createHash('sha256').update(`${meetingId}|${authorId}|${submissionId}`).digest('hex').slice(0, 24)}`;

export interface TopicOutcome {
  readonly agenda: Agenda;
  readonly topic: Topic;
  readonly meeting: Meeting;
  readonly duplicate?: boolean | undefined;
}

type Change = { agenda: Agenda; topic: Topic; duplicate?: boolean };

type MayChange = (actor: Actor, chefsMayAdd: boolean) => boolean;

/** Checks the person and finds the meeting: what every change to a topic asks first. */
async function meetingToChange(deps: AgendaDeps, { actor, directory }: Acting, meetingId: string, receivedAt: Date, mayChange: MayChange): Promise<Result<{ meeting: Meeting; dir: Directory }, AgendaError>> {
  if (!directory) return fail('DIRECTORY.MISSING');
  const plan = await dialogmoedePlan(deps, directory.value, receivedAt);
  if (!mayChange(actor, plan.chefsMayAdd)) return fail('AGENDA.NOT_POLITICIAN');
  const meeting = plan.meetings.find((m) => m.id === meetingId);
  if (!meeting) return fail('AGENDA.NO_MEETING');
  return ok({ meeting, dir: directory.value });
}

/**
 * For a form whose fields are wrong: the refusal that comes before them, if any. Someone who may not
 * change the agenda, or whose form came after the start, is told that, not "Skriv en titel".
 */
async function refusedBeforeFields<E extends string>(
  deps: AgendaDeps,
  acting: Acting,
  meetingId: string,
  receivedAt: Date,
  mayChange: MayChange,
  check: (agenda: Agenda | undefined, meeting: Meeting) => Result<unknown, E>,
): Promise<Fail<E | AgendaError> | undefined> {
  const found = await meetingToChange(deps, acting, meetingId, receivedAt, mayChange);
  if (!found.ok) return found;
  const checked = check((await deps.agendas.get(acting.actor.tenantId, meetingId))?.value, found.value.meeting);
  return checked.ok ? undefined : checked;
}

/** Checks the person and finds the meeting, then applies the change to its agenda and redraws the cards if it is their turn. */
async function changeTopics<E extends string>(
  deps: AgendaDeps,
  acting: Acting,
  meetingId: string,
  receivedAt: Date,
  mayChange: MayChange,
  change: (agenda: Agenda, meeting: Meeting) => Result<Change, E>,
): Promise<Result<TopicOutcome, E | AgendaError>> {
  const { actor } = acting;
  const found = await meetingToChange(deps, acting, meetingId, receivedAt, mayChange);
  if (!found.ok) return found;
  const { meeting } = found.value;
  let draws = false;
  const result = await changeAgenda(deps, actor.tenantId, meeting, receivedAt, (a) => {
    const changed = change(a, meeting);
    if (!changed.ok || changed.value.agenda === a) return changed;
    // Whoever's write is due to redraw the cards says so in the same write; decided afresh on each attempt.
    draws = cardsDue(changed.value.agenda, receivedAt);
    return ok({ ...changed.value, agenda: draws ? { ...markCardsShown(changed.value.agenda, receivedAt), cardsQueuedVersion: changed.value.agenda.version } : changed.value.agenda });
  });
  if (!result.ok) return result;
  // The redraw goes through the outbox: the click does not wait for Teams (a slow or throttled
  // connector held it for seconds). A crash before this line is made good by the sweep (REQUEUE_MS).
  if (draws) {
    await enqueueNotices(deps, agendaRedrawNotices(result.value.agenda, receivedAt));
    deps.afterClick?.({ tenantId: actor.tenantId });
  }
  return ok({ ...result.value, meeting });
}

export async function submitTopic(
  deps: AgendaDeps,
  acting: Acting,
  author: TopicAuthor,
  v: { meetingId: string; submissionId: string; input: TopicInput },
  receivedAt: Date,
): Promise<Result<TopicOutcome, AgendaError | AgendaClosed, FieldError<TopicField>[]>> {
  const fields = validateTopicInput(v.input);
  if (!fields.ok) return (await refusedBeforeFields(deps, acting, v.meetingId, receivedAt, mayAddTopics, (agenda, meeting) => agendaOpen(agenda, meeting, receivedAt))) ?? fields;
  const id = topicIdFor(v.meetingId, author.id, v.submissionId);
  return changeTopics(
    deps,
    acting,
    v.meetingId,
    receivedAt,
    mayAddTopics,
    (agenda, meeting) => addTopic(agenda, meeting, { id, fields: fields.value, author }, receivedAt),
  );
}

/** Edit and withdraw: the author, or an admin (the meeting's secretary). */
const author = (acting: Acting) => ({ id: acting.actor.personId, admin: isAdmin(acting.actor) });
const authorOrAdmin = () => true; // the domain checks it is their topic, or that they are an admin

export async function saveTopicEdit(
  deps: AgendaDeps,
  acting: Acting,
  v: { meetingId: string; topicId: string; input: TopicInput },
  receivedAt: Date,
): Promise<Result<TopicOutcome, AgendaError | AgendaClosed, FieldError<TopicField>[]>> {
  const fields = validateTopicInput(v.input);
  if (!fields.ok) {
    const refused = await refusedBeforeFields(deps, acting, v.meetingId, receivedAt, authorOrAdmin, (agenda, meeting) =>
      agenda ? changeableTopic(agenda, meeting, v.topicId, author(acting), receivedAt) : fail('TOPIC.NOT_FOUND'),
    );
    return refused ?? fields;
  }
  return changeTopics(deps, acting, v.meetingId, receivedAt, authorOrAdmin, (agenda, meeting) => editTopic(agenda, meeting, v.topicId, fields.value, author(acting), receivedAt));
}

export async function withdrawTopicOf(deps: AgendaDeps, acting: Acting, v: { meetingId: string; topicId: string }, receivedAt: Date): Promise<Result<TopicOutcome, AgendaError>> {
  return changeTopics(deps, acting, v.meetingId, receivedAt, authorOrAdmin, (agenda, meeting) => withdrawTopic(agenda, meeting, v.topicId, author(acting), receivedAt));
}

/** A topic as its author (or an admin) may change it now, for the edit form. */
export async function topicForChange(deps: AgendaDeps, acting: Acting, meetingId: string, topicId: string): Promise<Result<{ topic: Topic; meeting: Meeting }, AgendaError>> {
  const { actor, directory } = acting;
  if (!directory) return fail('DIRECTORY.MISSING');
  const now = deps.clock.now();
  const meeting = (await dialogmoeder(deps, directory.value, now)).find((m) => m.id === meetingId);
  const agenda = (await deps.agendas.get(actor.tenantId, meetingId))?.value;
  const topic = agenda?.topics.find((t) => t.id === topicId);
  if (!meeting || !agenda || !topic) return fail('TOPIC.NOT_FOUND');
  if (topic.authorId !== actor.personId && !isAdmin(actor)) return fail('TOPIC.NOT_AUTHOR');
  if (topic.status === 'withdrawn') return fail('TOPIC.WITHDRAWN');
  if (agenda.status === 'cancelled') return fail('AGENDA.CANCELLED');
  const open = agendaOpen(agenda, meeting, now);
  return open.ok ? ok({ topic, meeting }) : open;
}

/** A topic as stored, for a refusal that shows it back (only to its author or an admin). */
export async function storedTopic(deps: Pick<AgendaDeps, 'agendas'>, acting: Acting, meetingId: string, topicId: string): Promise<Topic | undefined> {
  const topic = (await deps.agendas.get(acting.actor.tenantId, meetingId))?.value.topics.find((t) => t.id === topicId);
  return topic && (topic.authorId === acting.actor.personId || isAdmin(acting.actor)) ? topic : undefined;
}

// ---- reading the agenda ----

export interface AgendaView {
  readonly meeting: Meeting;
  readonly agenda: Agenda | undefined;
  /** The dialogmøde after the one shown, when the one shown has begun. */
  readonly next?: Meeting | undefined;
  readonly canAdd: boolean;
}

/** How long after its start a dialogmøde's final agenda is what "dagsorden" shows. */
const FINAL_SHOWN_FOR_MS = 12 * HOUR;

/**
 * "dagsorden" and the card's refresh: the agenda asked for, else the one that has just begun (its
 * final agenda, for the rest of the day), else the next one's current agenda.
 */
export async function agendaFor(deps: AgendaDeps, { actor, directory }: Acting, meetingId?: string, opts: { cardIn?: string | undefined } = {}): Promise<Result<AgendaView, AgendaError>> {
  if (!directory) return fail('DIRECTORY.MISSING');
  // Asking by name is for the Byråd and the chefs. A card in a chat is there for everyone in it to
  // read, so a press from the group conversation the card was posted in (or the Byråd's own) may
  // show it too; a press from anywhere else (a forged action in a 1:1) shows nothing.
  const reader = mayReadAgenda(actor);
  if (!reader && opts.cardIn === undefined) return fail('AGENDA.NOT_BYRAAD');
  const now = deps.clock.now();
  const { meetings: all, chefsMayAdd } = await dialogmoedePlan(deps, directory.value, now);
  const started = all.filter((m) => m.status !== 'cancelled' && new Date(m.start).getTime() <= now.getTime() && now.getTime() - new Date(m.start).getTime() < FINAL_SHOWN_FOR_MS);
  const meeting = (meetingId ? all.find((m) => m.id === meetingId) : undefined) ?? started[started.length - 1] ?? nextAfter(all, now);
  if (!meeting) return fail('AGENDA.NO_MEETING');
  const agenda = (await deps.agendas.get(actor.tenantId, meeting.id))?.value;
  if (!reader && !cardWasPostedIn(directory.value, agenda, opts.cardIn)) return fail('AGENDA.NOT_BYRAAD');
  const begun = new Date(meeting.start).getTime() <= now.getTime() || meeting.status === 'cancelled';
  return ok({
    meeting,
    agenda,
    next: begun ? nextAfterMeeting(all, meeting, now) : undefined,
    canAdd: mayAddTopics(actor, chefsMayAdd),
  });
}

/** Whether a card of this agenda can be on screen in the conversation: one was posted there, or it is the Byråd's own. */
function cardWasPostedIn(dir: Directory, agenda: Agenda | undefined, conversationId: string | undefined): boolean {
  if (conversationId === undefined) return false;
  const byraad = dir.groups.find((g) => g.kind === 'byraad');
  if (byraad && conversationOfGroup(dir, byraad.id) === conversationId) return true;
  return (agenda?.cards ?? []).some((c) => c.conversationId === conversationId);
}

// ---- the shared cards in the Byråd's chat ----

async function byraadConversation(deps: Pick<AgendaDeps, 'conversations'>, dir: Directory): Promise<ConversationRecord | undefined> {
  const group = dir.groups.find((g) => g.kind === 'byraad');
  const conversationId = group ? conversationOfGroup(dir, group.id) : undefined;
  const record = conversationId ? (await deps.conversations.get(dir.tenantId, conversationId))?.value : undefined;
  return record?.status === 'installed' ? record : undefined;
}

/** Redraws every agenda card of the meeting as the agenda stands. A failed update is logged by the notifier, not fatal. */
async function drawCards(deps: AgendaDeps, agenda: Agenda, meeting: Meeting, dir: Directory): Promise<number> {
  const next = meeting.status === 'cancelled' || agenda.status !== 'open' ? await nextMeetingAfter(deps, dir, meeting.id) : undefined;
  let drawn = 0;
  const gone: AgendaCard[] = [];
  for (const card of agenda.cards) {
    const record = (await deps.conversations.get(agenda.tenantId, card.conversationId))?.value;
    if (record?.status !== 'installed') continue;
    const delivery = await deps.notifier.update(record, card.activityId, { kind: 'agenda.card', agenda, meeting, stage: card.stage, next }, 'da');
    if (delivery.ok) drawn++;
    else if (delivery.reason === 'removed') gone.push(card);
  }
  // A deleted message is not tried (and logged) again at every redraw.
  if (gone.length > 0) await changeAgenda(deps, agenda.tenantId, meeting, deps.clock.now(), (a) => ok({ agenda: forgetCards(a, gone, deps.clock.now()) }));
  return drawn;
}

/** The meeting as the calendar has it, else as the agenda last saw it (a meeting gone from the plan keeps its start). */
async function meetingOf(deps: Pick<AgendaDeps, 'calendars' | 'clock'>, dir: Directory, agenda: Agenda): Promise<Meeting> {
  return (
    (await findDialogmoede(deps, dir, agenda.meetingId)) ?? { id: agenda.meetingId, kind: 'dialogmoede', title: 'Dialogmøde', start: agenda.meetingStart, end: agenda.meetingStart, status: 'planned' }
  );
}

type RenderDeps = Pick<AgendaDeps, 'agendas' | 'directories' | 'calendars' | 'clock'>;

/** For the outbox: a topic's receipt, from the agenda as stored now; undefined when the topic or agenda is gone. */
export async function topicReceiptFor(
  deps: RenderDeps,
  tenantId: string,
  v: { meetingId: string; topicId: string; change: 'added' | 'edited' | 'withdrawn'; changedBy?: string | undefined },
): Promise<Notice | undefined> {
  const agenda = (await deps.agendas.get(tenantId, v.meetingId))?.value;
  const topic = agenda?.topics.find((t) => t.id === v.topicId);
  const dir = (await deps.directories.get(tenantId))?.value;
  if (!agenda || !topic || !dir) return undefined;
  return { kind: 'topic.receipt', topic, meeting: await meetingOf(deps, dir, agenda), change: v.change, changedBy: v.changedBy };
}

/** For the outbox: one shared agenda card as the agenda stands now; undefined when the card is no longer kept. */
export async function agendaCardFor(deps: RenderDeps, tenantId: string, v: { meetingId: string; conversationId: string; activityId: string }): Promise<Notice | undefined> {
  const agenda = (await deps.agendas.get(tenantId, v.meetingId))?.value;
  const card = agenda?.cards.find((c) => c.conversationId === v.conversationId && c.activityId === v.activityId);
  const dir = (await deps.directories.get(tenantId))?.value;
  if (!agenda || !card || !dir) return undefined;
  const meeting = await meetingOf(deps, dir, agenda);
  const next = meeting.status === 'cancelled' || agenda.status !== 'open' ? await nextMeetingAfter(deps, dir, meeting.id) : undefined;
  return { kind: 'agenda.card', agenda, meeting, stage: card.stage, next };
}

/** For the outbox: a card whose message was deleted is not drawn (and logged) again. */
export async function forgetAgendaCard(deps: Pick<AgendaDeps, 'agendas' | 'clock' | 'agendaQueue'>, tenantId: string, v: { meetingId: string; conversationId: string; activityId: string }): Promise<void> {
  const found = (await deps.agendas.get(tenantId, v.meetingId))?.value;
  if (!found) return;
  const now = deps.clock.now();
  const gone = found.cards.filter((c) => c.conversationId === v.conversationId && c.activityId === v.activityId);
  if (gone.length > 0) await changeAgenda(deps, tenantId, { id: found.meetingId, start: found.meetingStart }, now, (a) => ok({ agenda: forgetCards(a, gone, now) }));
}

/** What the reminder engine posts as the call for topics or the last call, and the version it shows. */
export async function agendaCardNotice(deps: Pick<AgendaDeps, 'agendas'>, tenantId: string, meeting: Meeting, stage: AgendaCard['stage']) {
  const agenda = (await deps.agendas.get(tenantId, meeting.id))?.value;
  return { notice: { kind: 'agenda.card' as const, agenda, meeting, stage }, version: agenda?.version ?? 0 };
}

/** Keeps where a call was posted, so it is redrawn with every change; a change made meanwhile marks it for redrawing. */
export async function rememberAgendaCard(deps: Pick<AgendaDeps, 'agendas' | 'clock' | 'agendaQueue'>, tenantId: string, meeting: Meeting, card: AgendaCard, shownVersion: number): Promise<void> {
  const now = deps.clock.now();
  await changeAgenda(deps, tenantId, meeting, now, (a) => {
    const remembered = rememberCard(a, card, now);
    return ok({ agenda: a.version > shownVersion ? { ...remembered, shownVersion: Math.min(a.shownVersion, shownVersion) } : remembered });
  });
}

// ---- the scheduler: lock at the start, hand on a cancelled meeting's topics, redraw stale cards ----

export interface AgendaSweepReport {
  locked: number;
  handedOn: number;
  authorsTold: number;
  cardsDrawn: number;
}

/**
 * How long after a click claimed a redraw the sweep enqueues it again: the enqueue is idempotent (the
 * same ids), so this only creates the notices a click that died between its write and its enqueue
 * never wrote. Ten minutes of sweeps (one `create` per card per sweep, answered "exists").
 */
const REQUEUE_MS = 10 * 60_000;

/** An open agenda this instance found with nothing to do until its meeting starts, and the agenda and calendar it saw. */
interface Waiting {
  readonly agendaEtag: string;
  readonly calendarEtag: string;
  readonly until: number;
}
// Per agenda repository, i.e. per running bot.
const waitingAgendas = new WeakMap<AgendaRepository, Map<string, Waiting>>();

export async function sweepAgendas(deps: AgendaDeps): Promise<AgendaSweepReport> {
  const report: AgendaSweepReport = { locked: 0, handedOn: 0, authorsTold: 0, cardsDrawn: 0 };
  let waiting = waitingAgendas.get(deps.agendas);
  if (!waiting) waitingAgendas.set(deps.agendas, (waiting = new Map()));
  // The calendar's etag, read at most once per tenant and pass, and only for agendas that are waiting.
  const calendarEtags = new Map<string, Promise<string>>();
  const calendarEtag = (tenantId: string) => {
    let etag = calendarEtags.get(tenantId);
    if (!etag) calendarEtags.set(tenantId, (etag = deps.calendars.get(tenantId).then((c) => c?.etag ?? '')));
    return etag;
  };
  const seen = new Set<string>();
  for (const { tenantId, meetingId, etag } of await deps.agendas.needingAttention()) {
    const key = `${tenantId}|${meetingId}`;
    seen.add(key);
    // An open agenda waiting for its meeting: nothing to do while neither it nor the calendar (a move,
    // a cancellation) has changed, so it costs the tenant's one calendar read instead of three reads.
    const wait = waiting.get(key);
    if (wait && wait.agendaEtag === etag && deps.clock.now().getTime() < wait.until && wait.calendarEtag === (await calendarEtag(tenantId))) continue;
    waiting.delete(key);
    const dir = (await deps.directories.get(tenantId))?.value;
    const found = await deps.agendas.get(tenantId, meetingId);
    if (!dir || !found) continue;
    const now = deps.clock.now();
    const plan = await dialogmoedePlan(deps, dir, now);
    const all = plan.meetings;
    // An agenda whose meeting left the plan keeps the start it last had.
    const meeting: Meeting = all.find((m) => m.id === meetingId) ?? { id: meetingId, kind: 'dialogmoede', title: 'Dialogmøde', start: found.value.meetingStart, end: found.value.meetingStart, status: 'planned' };
    if (waitsForStart(found.value, meeting, now)) {
      waiting.set(key, { agendaEtag: found.etag, calendarEtag: plan.etag ?? '', until: new Date(meeting.start).getTime() });
      continue;
    }
    await sweepOne(deps, dir, found, meeting, all, now, report);
  }
  for (const key of waiting.keys()) if (!seen.has(key)) waiting.delete(key);
  return report;
}

/** Open, its meeting standing where the agenda has it and not begun, the cards drawn and no redraw to re-enqueue: the sweep has nothing to do before the start. */
function waitsForStart(agenda: Agenda, meeting: Meeting, now: Date): boolean {
  const requeueing = agenda.cardsQueuedVersion !== undefined && agenda.cardsQueuedVersion === agenda.shownVersion && agenda.cardsShownAt !== undefined && now.getTime() - new Date(agenda.cardsShownAt).getTime() < REQUEUE_MS;
  return (
    agenda.status === 'open' &&
    meeting.status !== 'cancelled' &&
    agenda.meetingStart === meeting.start &&
    now.getTime() < new Date(meeting.start).getTime() &&
    !cardsStale(agenda) &&
    !requeueing
  );
}

async function sweepOne(deps: AgendaDeps, dir: Directory, found: Versioned<Agenda>, meeting: Meeting, all: readonly Meeting[], now: Date, report: AgendaSweepReport): Promise<void> {
  const { tenantId } = found.value;
  const started = now.getTime() >= new Date(meeting.start).getTime();
  if (found.value.status === 'open' && meeting.status === 'cancelled') {
    const next = nextAfterMeeting(all, meeting, now);
    if (next && (await handOn(deps, dir, found.value, meeting, next, now))) report.handedOn++;
  } else if (found.value.status === 'open' && started) {
    let mine = false;
    const locked = await changeAgenda(deps, tenantId, meeting, now, (a) => {
      mine = a.status === 'open';
      return ok({ agenda: mine ? markCardsShown(lock(a, now), now) : a });
    });
    if (locked.ok && mine) {
      report.locked++;
      report.cardsDrawn += await drawCards(deps, locked.value.agenda, meeting, dir);
      const record = await byraadConversation(deps, dir);
      if (record) await deps.notifier.post(record, { kind: 'agenda.final', agenda: locked.value.agenda, meeting }, 'da');
    }
    return;
  } else if (found.value.status === 'open' && found.value.meetingStart !== meeting.start) {
    await changeAgenda(deps, tenantId, meeting, now, (a) => ok({ agenda: a.meetingStart === meeting.start ? a : followMeeting(a, meeting, now) }));
  }
  const current = (await deps.agendas.get(tenantId, meeting.id))?.value;
  if (current?.status === 'cancelled' && !current.authorsToldAt) report.authorsTold += await tellAuthors(deps, dir, current, meeting, all, now);
  if (current?.cardsQueuedVersion !== undefined && current.cardsQueuedVersion === current.shownVersion && current.cardsShownAt && now.getTime() - new Date(current.cardsShownAt).getTime() < REQUEUE_MS)
    await enqueueNotices(deps, agendaRedrawNotices(current, now));
  if (current && cardsDue(current, now)) {
    let mine = false;
    const claimed = await changeAgenda(deps, tenantId, meeting, now, (a) => {
      mine = cardsDue(a, now);
      return ok({ agenda: mine ? markCardsShown(a, now) : a });
    });
    if (claimed.ok && mine) report.cardsDrawn += await drawCards(deps, claimed.value.agenda, meeting, dir);
  }
}

/** The cancelled meeting's topics onto the next one's agenda first, then the cancelled one marked: a crash in between repeats harmlessly. */
async function handOn(deps: AgendaDeps, dir: Directory, from: Agenda, meeting: Meeting, next: Meeting, now: Date): Promise<boolean> {
  const moved = await changeAgenda(deps, from.tenantId, next, now, (to) => ok({ agenda: moveTopics(from, to, now).to }));
  if (!moved.ok) return false;
  const marked = await changeAgenda(deps, from.tenantId, meeting, now, (a) => ok({ agenda: a.status === 'open' ? moveTopics(a, moved.value.agenda, now).from : a }));
  return marked.ok && marked.value.agenda.status === 'cancelled';
}

/** Each author of a handed-on topic is told 1:1, once: the write of `authorsToldAt` is the claim. */
async function tellAuthors(deps: AgendaDeps, dir: Directory, cancelled: Agenda, meeting: Meeting, all: readonly Meeting[], now: Date): Promise<number> {
  let mine = false;
  const claim = await changeAgenda(deps, cancelled.tenantId, meeting, now, (a) => {
    mine = a.status === 'cancelled' && !a.authorsToldAt;
    return ok({ agenda: mine ? { ...a, authorsToldAt: now.toISOString(), updatedAt: now.toISOString() } : a });
  });
  if (!claim.ok || !mine) return 0;
  const next = all.find((m) => m.id === cancelled.movedTo) ?? (await nextMeetingAfter(deps, dir, meeting.id));
  if (!next) return 0;
  let told = 0;
  for (const topic of cancelled.topics.filter((t) => t.status === 'active')) {
    const delivery = await deps.notifier.toPerson(
      { tenantId: cancelled.tenantId, userId: topic.authorId, teamsId: topic.authorTeamsId, serviceUrl: topic.serviceUrl },
      { kind: 'topic.receipt', topic, meeting: next, change: 'moved', cancelled: meeting },
      'da',
    );
    if (delivery.ok) told++;
  }
  return told;
}

/** The agenda's own notices: a topic's receipt to its author, and a shared agenda card redrawn. */
export const agendaNotices: Pick<NoticeRenderers, 'topic.receipt' | 'agenda.redraw'> = {
  'topic.receipt': async (deps, n) => {
    const notice = await topicReceiptFor(deps, n.tenantId, n.subject);
    return notice && { notice, locale: n.subject.locale };
  },
  'agenda.redraw': async (deps, n) => {
    const notice = await agendaCardFor(deps, n.tenantId, n.subject);
    return notice && { notice, locale: 'da' };
  },
};
