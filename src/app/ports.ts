// What the use cases need from the outside world, as interfaces. Adapters implement them
// (Cosmos DB, Teams); tests use the same adapters against the embedded Cosmos protocol server.

import type { Bid, BidSummary } from '../domain/bid.js';
import type { Directory, Person } from '../domain/directory.js';
import type { AuditEntry, Tally, Tender, TenderSummary } from '../domain/tender.js';
import type { CalendarConfig, Meeting, Override } from '../domain/calendar.js';
import type { MeetingRecipients } from '../domain/meeting-recipients.js';
import type { Reminder, ReminderConfig } from '../domain/reminders.js';
import type { Agenda, AgendaCard, Topic } from '../domain/agenda.js';
import type { Catalogue } from '../domain/catalogue.js';
import type { Activity, ActivitySummary, FollowUp } from '../domain/activity.js';
import type { BidHistory } from '../domain/history.js';
import type { Evaluation, EvaluationMarks } from '../domain/evaluation.js';
import type { ErasureAudit, JsonObject, Store } from '../domain/person-data.js';
import type { Retention } from '../domain/retention.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface Versioned<T> {
  readonly value: T;
  /** The store's version tag; a write with it succeeds only if nobody wrote in between. */
  readonly etag: string;
}

export type SaveOutcome = 'saved' | 'conflict';

export interface DirectoryRepository {
  get(tenantId: string): Promise<Versioned<Directory> | undefined>;
  /** Every tenant with a directory: the planner's list of whom to plan for. */
  tenantIds(): Promise<string[]>;
  /** Creates (etag undefined) or replaces (etag given) the tenant's directory; 'conflict' if someone wrote first. */
  save(directory: Directory, etag: string | undefined): Promise<SaveOutcome>;
  /** Every person item of the tenant's roster (one projected query): what an import compares the new roster with. */
  storedPeople(tenantId: string): Promise<Person[]>;
  /** Creates or overwrites these people's items (idempotent, a few at a time); `progress` is told how many are done. */
  putPeople(tenantId: string, people: readonly Person[], progress?: (done: number) => void): Promise<void>;
  /** Deletes these people's items; one already gone is no error. */
  deletePeople(tenantId: string, personIds: readonly string[]): Promise<void>;
  /** The people picker: at most `limit` people whose folded name contains `folded`, by name (one projected query). */
  searchPeople(tenantId: string, folded: string, limit: number): Promise<{ id: string; name: string }[]>;
  /** These people (those on the roster), by point reads. */
  peopleByIds(tenantId: string, ids: readonly string[]): Promise<{ id: string; name: string }[]>;
}

export type ConversationType = 'personal' | 'groupChat' | 'channel';

/** Where the bot may post: one record per Teams conversation it was added to. */
export interface ConversationRecord {
  readonly tenantId: string;
  readonly conversationId: string;
  readonly conversationType: ConversationType;
  readonly name?: string | undefined;
  readonly teamId?: string | undefined;
  readonly teamName?: string | undefined;
  /** For a personal chat: the person it is with (Entra object id). */
  readonly userId?: string | undefined;
  /** The channel's conversation reference, kept as data; only the Teams adapter reads it. */
  readonly reference: Record<string, unknown>;
  readonly status: 'installed' | 'removed';
  readonly installedAt: string;
  readonly updatedAt: string;
  readonly removedAt?: string | undefined;
}

export interface ConversationRepository {
  get(tenantId: string, conversationId: string): Promise<Versioned<ConversationRecord> | undefined>;
  /** The personal chat with a person, if the bot has one. */
  getPersonal(tenantId: string, userId: string): Promise<Versioned<ConversationRecord> | undefined>;
  /** Creates (etag undefined) or replaces (etag given); 'conflict' if someone wrote first. */
  save(record: ConversationRecord, etag: string | undefined): Promise<SaveOutcome>;
}

/**
 * The rows a list card shows ("udbud", the kernegruppe's list, "mine bud"). A list reads one more
 * than this, to know whether to say there are more, and never the rest: its cost is what it shows.
 */
export const LIST_SHOWN = 25;
/**
 * The rows of a list whose every row needs a second lookup ("udbud": the asker's bids on each shown
 * tender; "mine bud": each shown bid's tender): 15 read + at most 14 looked up keeps it within issue
 * 11's 30 rows per action, whatever the asker's history.
 */
export const PAIRED_LIST_SHOWN = 14;

/** The first rows of a list, and whether there are more than those. */
export interface ListPage<T> {
  readonly items: readonly T[];
  readonly more: boolean;
}

export interface TenderRef {
  readonly tenantId: string;
  readonly tenderId: string;
}

export interface SweepScan {
  readonly due: readonly TenderRef[];
  readonly unshown: readonly TenderRef[];
  readonly unnumbered: readonly TenderRef[];
  /** Catalogues with awards whose consequences are not all done (app/award.ts), found by the same scan. */
  readonly unsettled?: readonly { readonly tenantId: string; readonly catalogueId: string }[] | undefined;
}

/** Tenders and their bids, one partition per tenant. */
export interface TenderRepository {
  getTender(tenantId: string, tenderId: string): Promise<Versioned<Tender> | undefined>;
  saveTender(tender: Tender, etag: string | undefined): Promise<SaveOutcome>;
  getBid(tenantId: string, bidId: string): Promise<Versioned<Bid> | undefined>;
  /** 'exists' when a bid with this id is already there (the same form sent twice). */
  createBid(bid: Bid): Promise<'saved' | 'exists'>;
  saveBid(bid: Bid, etag: string): Promise<SaveOutcome>;
  /** A page of a tender's bids by number (at most `limit`): after `after`, or the page before `before`; ascending. */
  bidsOfTender(tenantId: string, tenderId: string, page: { after?: number | undefined; before?: number | undefined; limit: number }): Promise<BidSummary[]>;
  allBidsOfTender(tenantId: string, tenderId: string): Promise<Bid[]>;
  /** Every numbered bid's number, title and audit entries: what `historik` on a tender shows of its bids (one projected query, bounded by the tender). */
  bidHistoriesOfTender(tenantId: string, tenderId: string): Promise<BidHistory[]>;
  /**
   * What a group's digest says of its bids beyond the tenders: those with a konkretisering asked for and not
   * answered, and those the kernegruppe or the Byråd decided on since `decidedSince` (one query, at most `limit`).
   */
  digestBidsOfGroup(tenantId: string, groupId: string, decidedSince: Date, limit: number): Promise<DigestBid[]>;
  /** Bids stored but not numbered yet (number 0), with their etags. */
  unnumberedBids(tenantId: string, tenderId: string): Promise<Versioned<Bid>[]>;
  /** The Teams ids of the tender's latest bidders (bids not withdrawn, newest first, at most `limit` bids read). */
  latestBidders(tenantId: string, tenderId: string, limit: number): Promise<string[]>;
  /** The tender's bid counter; undefined until its first bid is numbered. */
  getTally(tenantId: string, tenderId: string): Promise<Versioned<Tally> | undefined>;
  /** Creates (etag undefined; 'conflict' if it exists) or replaces (etag given) the tally. */
  saveTally(tally: Tally, etag: string | undefined): Promise<SaveOutcome>;
  bidsOfBidder(tenantId: string, bidderId: string, tenderId?: string): Promise<Bid[]>;
  /** Every tender of the group, whole (tools and tests; no person's action reads this). */
  tendersOfGroup(tenantId: string, groupId: string): Promise<Tender[]>;
  /**
   * What a group's digest shows: its drafts, its published tenders and those closed since `closedSince`,
   * soonest deadline first, at most `limit`, as summaries.
   */
  digestTendersOfGroup(tenantId: string, groupId: string, closedSince: Date, limit: number): Promise<TenderSummary[]>;
  /** The group's bids whose konsekvensberegning is asked for and not made yet (oldest bids first, at most `limit`), id and title only. */
  openKonsekvensOfGroup(tenantId: string, groupId: string, limit: number): Promise<{ id: string; title: string }[]>;
  /** Published tenders whose deadline is after `now`, soonest deadline first, at most `limit`. */
  openTenderSummaries(tenantId: string, now: Date, limit: number): Promise<TenderSummary[]>;
  /** The group's tenders, newest first, at most `limit`. */
  tenderSummariesOfGroup(tenantId: string, groupId: string, limit: number): Promise<TenderSummary[]>;
  /** These tenders (those that exist), in no particular order. */
  tenderSummaries(tenantId: string, tenderIds: readonly string[]): Promise<TenderSummary[]>;
  /** The person's bids, newest first, at most `limit`. */
  bidSummariesOfBidder(tenantId: string, bidderId: string, limit: number): Promise<BidSummary[]>;
  /** The tender id of each of the person's bids (not withdrawn) on these tenders: one entry per bid. */
  activeBidTenderIds(tenantId: string, bidderId: string, tenderIds: readonly string[]): Promise<string[]>;
  /**
   * The tender sweep's scan, in every tenant, of what is due now and nothing else: tenders whose
   * `attentionAt` has come (a deadline, a close to report, a cancellation to tell), tallies whose count
   * the cards have not shown for `shownBefore` or longer, and tenders with a bid left unnumbered since
   * before `unnumberedBefore` (a numbering a crash cut short).
   */
  tendersNeedingAttention(now: Date, shownBefore: Date, unnumberedBefore: Date): Promise<SweepScan>;
}

/**
 * Kernegruppe members' evaluations of bids, one item per member per bid in the tenders container (the
 * tenant's partition). Written with an upsert: a member's second evaluation replaces their first, and
 * no two members ever write the same item.
 */
export interface EvaluationRepository {
  /** The member's own evaluation of the bid (a point read: its id follows from bid and member). */
  get(tenantId: string, bidId: string, memberId: string): Promise<Evaluation | undefined>;
  put(evaluation: Evaluation): Promise<void>;
  /** Every member's evaluation of one bid (at most the group's size). */
  ofBid(tenantId: string, bidId: string): Promise<Evaluation[]>;
  /** The marks of these bids' evaluations, projected (bid, bidder, marks): an overview page. */
  marksOfBids(tenantId: string, bidIds: readonly string[]): Promise<EvaluationMarks[]>;
  /** The marks of every evaluation of the tender's bids, projected: the overview sorted by assessment. */
  marksOfTender(tenantId: string, tenderId: string): Promise<EvaluationMarks[]>;
}

/** Something the bot tells people outside the current turn; the Teams adapter turns it into a card. */
/** What a kernegruppe should know before a byrådsmøde, or a konsulent before pitstop/konsulentmøde. */
/** A bid as a group's digest names it. */
export interface DigestBid {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly status: Bid['status'];
  readonly statusAt?: string | undefined;
  readonly konkretiseringDue?: string | undefined;
}

export interface GroupDigest {
  readonly groupId: string;
  readonly groupName: string;
  readonly openTenders: readonly { readonly id: string; readonly title: string; readonly deadline: string; readonly activeBids: number }[];
  readonly closedSinceLastMonth: readonly { readonly id: string; readonly title: string; readonly activeBids: number }[];
  readonly drafts: number;
  /** Bids of the group whose konsekvensberegning is asked for and not made yet: how many (at least, when `more`) and the first few. */
  readonly openKonsekvens?: { readonly count: number; readonly more: boolean; readonly bids: readonly { readonly id: string; readonly title: string }[] } | undefined;
  /** Konkretiseringer asked for and not answered yet, soonest deadline first (at most a few). */
  readonly konkretiseringer?: readonly DigestBid[] | undefined;
  /** Bids the kernegruppe or the Byråd decided on since the last digest of this kind (a month), newest first. */
  readonly decisions?: readonly DigestBid[] | undefined;
  /** The group's catalogue for the current period against its frame, when it has one. */
  readonly catalogue?: { readonly period: string; readonly totalKr: number; readonly frameKr?: number | undefined; readonly activities: number } | undefined;
}

/** The status across all kernegrupper (cross-status.ts): the pitstop reminder and "status kernegrupper". */
export interface CrossStatus {
  /** Decisions (and tenders closed) since this instant: the last pitstop's start, or 31 days back. */
  readonly since: string;
  /** The pitstop `since` is the start of, when there was one in the plan. */
  readonly lastPitstop?: Meeting | undefined;
  /** One digest per kernegruppe, in the roster's order. */
  readonly groups: readonly GroupDigest[];
}

export type Notice =
  | { readonly kind: 'reminder.byraad'; readonly meeting: Meeting; readonly groupMeeting?: Meeting | undefined; readonly digest: GroupDigest; readonly late: boolean }
  /** A kernegruppe's own meeting, to its chat: when, and the group's digest. */
  | { readonly kind: 'reminder.kernegruppe'; readonly meeting: Meeting; readonly digest: GroupDigest; readonly late: boolean }
  | { readonly kind: 'reminder.konsulent'; readonly meeting: Meeting; readonly digests: readonly GroupDigest[]; readonly late: boolean }
  /** To each person at a pitstop, 1:1: the status across all kernegrupper (cross-status.ts). */
  | { readonly kind: 'reminder.pitstop'; readonly meeting: Meeting; readonly status: CrossStatus; readonly late: boolean }
  /** To Kommuneledelsen's chat before its meeting: the same status across all kernegrupper (kommuneledelse-views.ts). */
  | { readonly kind: 'reminder.kommuneledelse'; readonly meeting: Meeting; readonly status: CrossStatus; readonly late: boolean }
  | { readonly kind: 'admin.unreachable'; readonly conversationName: string; readonly reason: DeliveryFailure; readonly what: string }
  | { readonly kind: 'admin.holiday'; readonly meeting: Meeting }
  | { readonly kind: 'tender.announcement'; readonly tender: Tender; readonly refreshUserIds: readonly string[] }
  | { readonly kind: 'tender.closed'; readonly tender: Tender }
  | { readonly kind: 'tender.cancelled'; readonly tender: Tender; readonly bid?: Bid | undefined }
  | { readonly kind: 'bid.receipt'; readonly tender: Tender; readonly bid: Bid; readonly change: 'submitted' | 'edited' | 'withdrawn' }
  /** The shared agenda card in the Byråd's chat: the call for topics, the last call, and each redraw of them. */
  | { readonly kind: 'agenda.card'; readonly agenda: Agenda | undefined; readonly meeting: Meeting; readonly stage: AgendaCard['stage']; readonly next?: Meeting | undefined }
  /** Posted at the meeting's start. */
  | { readonly kind: 'agenda.final'; readonly agenda: Agenda | undefined; readonly meeting: Meeting }
  /** To a topic's author 1:1: a receipt, or that a cancelled meeting's topic moved to `meeting`. */
  /** The agenda as plain text (markdown) for the minutes: sent as text, not as a card. */
  | { readonly kind: 'agenda.text'; readonly text: string }
  | { readonly kind: 'topic.receipt'; readonly topic: Topic; readonly meeting: Meeting; readonly change: 'added' | 'edited' | 'withdrawn' | 'moved'; readonly cancelled?: Meeting | undefined; readonly changedBy?: string | undefined }
  /** To an økonomikonsulent 1:1: a konsekvensberegning is asked for (the card to make it on). */
  | { readonly kind: 'konsekvens.requested'; readonly tender: Tender; readonly bid: Bid }
  /** The figures made or revised, to the bidder 1:1 or to the group's chat. */
  | { readonly kind: 'konsekvens.made'; readonly tender: Tender; readonly bid: Bid; readonly audience: 'bidder' | 'group' }
  /** An activity's evaluation date has come: its card with the follow-up form, to the responsible person 1:1 or to the group's chat. */
  | { readonly kind: 'activity.followUp'; readonly activity: Activity; readonly place: 'personal' | 'group' }
  /** The group's chat told that an activity's outcome was recorded. */
  | { readonly kind: 'activity.recorded'; readonly activity: Activity; readonly followUp: FollowUp }
  /** The person an award made responsible for an activity (when not the bidder, who hears it with the bid's status), told 1:1. */
  | { readonly kind: 'activity.assigned'; readonly activity: Activity }
  /** A bidder told 1:1 of their bid's new status (awarded, indstillet, rejected) and why, as the bid is stored. */
  | { readonly kind: 'bid.status'; readonly bid: Bid; readonly tenderTitle: string }
  /** The group's chat told what the Byråd decided on its catalogue, or that an activity came into it. */
  | { readonly kind: 'catalogue.decided'; readonly catalogue: Catalogue }
  | { readonly kind: 'catalogue.entry'; readonly catalogue: Catalogue; readonly bidId: string }
  /** The konkretisering's 1:1 card to the bidder or a co-bidder: the request, or a reminder before its deadline. */
  | { readonly kind: 'konkretisering.request'; readonly tender: Tender; readonly bid: Bid; readonly reminder?: '2d' | '2h' | undefined }
  /** The kernegruppe's chat told that a konkretisering came in (or was changed). */
  | { readonly kind: 'konkretisering.answered'; readonly tender: Tender; readonly bid: Bid; readonly change: 'answered' | 'changed' }
  /** A bidder told 1:1 of a change of their bid's status, with the reason (`change` is that entry of the bid's history). */
  | { readonly kind: 'decision.status'; readonly tender: Tender; readonly bid: Bid; readonly change: AuditEntry }
  /** The group's chat told of an award or an indstilling. */
  | { readonly kind: 'award.group'; readonly tender: Tender; readonly bid: Bid; readonly period: string; readonly byName: string }
  /** A draft sent as ready to whoever publishes it: 1:1, or the group's chat when nobody could be reached 1:1. */
  | { readonly kind: 'tender.readyForLead'; readonly tender: Tender; readonly audience: 'personal' | 'group' }
  /** An admin told 1:1 that the erasure they asked for is done. */
  | { readonly kind: 'erasure.done'; readonly personId: string; readonly deleted: Readonly<Record<string, number>>; readonly anonymised: Readonly<Record<string, number>> };

export type DeliveryFailure = 'not-installed' | 'removed' | 'forbidden' | 'failed' | 'throttled';
export type Delivery =
  | { readonly ok: true; readonly activityId: string }
  | { readonly ok: false; readonly reason: DeliveryFailure; readonly status?: number | undefined; readonly retryAfterMs?: number | undefined };

/** A person as Teams addresses them outside a conversation the bot already has. */
export interface PersonAddress {
  readonly tenantId: string;
  readonly userId: string;
  readonly teamsId: string;
  readonly serviceUrl: string;
}

export interface Notifier {
  post(conversation: ConversationRecord, notice: Notice, locale: 'da' | 'en'): Promise<Delivery>;
  update(conversation: ConversationRecord, activityId: string, notice: Notice, locale: 'da' | 'en'): Promise<Delivery>;
  toPerson(person: PersonAddress, notice: Notice, locale: 'da' | 'en'): Promise<Delivery>;
}

/** The tenant's calendar: its configuration and the admin's exceptions. */
export interface CalendarSettings {
  readonly tenantId: string;
  readonly config: CalendarConfig;
  readonly overrides: readonly Override[];
  /** Holiday warnings already sent, by meeting id, so each is sent once. */
  readonly warned: readonly string[];
  /** The tenant's own reminder lead times and late window; the defaults otherwise. */
  readonly reminders?: ReminderConfig | undefined;
  /** The dialogmøde agenda: whether chefs may add topics too (seed 004: the meeting is for the Byråd and the chefs). */
  readonly agenda?: { readonly chefsMayAddTopics: boolean } | undefined;
  /** Who is reminded of a pitstop and a konsulentmøde (the calendar file's `recipients`); the defaults otherwise. */
  readonly recipients?: MeetingRecipients | undefined;
  /** How long ended tenders and held dialogmøder are kept (the calendar file's `retention`); unset: for ever. */
  readonly retention?: Retention | undefined;
}

export interface CalendarRepository {
  get(tenantId: string): Promise<Versioned<CalendarSettings> | undefined>;
  save(settings: CalendarSettings, etag: string | undefined): Promise<SaveOutcome>;
}

export interface ReminderRepository {
  /** 'exists' when this reminder was planned before: planning twice creates nothing twice. */
  create(reminder: Reminder): Promise<'saved' | 'exists'>;
  get(tenantId: string, id: string): Promise<Versioned<Reminder> | undefined>;
  save(reminder: Reminder, etag: string): Promise<SaveOutcome>;
  /** Pending ones due by `now`, and claims that expired (a sender died mid-send), in every tenant. */
  due(now: Date): Promise<{ tenantId: string; id: string }[]>;
  ofTenant(tenantId: string, since: Date): Promise<Reminder[]>;
  /**
   * The planner's one query per tenant: id, status and due time of the reminders of meetings that start
   * at or after `since` (ids only, in the tenant's partition), so it creates only what is missing.
   */
  plannedSince(tenantId: string, since: Date): Promise<{ id: string; status: Reminder['status']; dueAt: string }[]>;
  pendingOfMeeting(tenantId: string, meetingId: string): Promise<Versioned<Reminder>[]>;
}

/** Dialogmøde agendas, one item per meeting, in the tenant's partition. */
export interface AgendaRepository {
  get(tenantId: string, meetingId: string): Promise<Versioned<Agenda> | undefined>;
  /** Creates (etag undefined) or replaces (etag given); 'conflict' if someone wrote first (or it already exists). */
  save(agenda: Agenda, etag: string | undefined): Promise<SaveOutcome>;
  /** The scheduler's scan: agendas to lock, redraw or hand on, in every tenant. */
  needingAttention(): Promise<{ tenantId: string; meetingId: string; etag: string }[]>;
}

/**
 * A message the bot owes someone because of something that happened (a cancellation, a bid), kept in
 * the outbox until it has been delivered. What it says is rendered from the stored state when it is
 * sent, so a receipt sent after its bid was numbered carries the number. Its id is a hash of the cause
 * and the recipient: whoever enqueues it twice (a retried click, the sweep recovering a crash) makes
 * one item.
 */
export type OutboxSubject =
  | {
      readonly kind: 'bid.receipt';
      readonly tenderId: string;
      readonly bidId: string;
      readonly change: 'submitted' | 'edited' | 'withdrawn';
      readonly locale: 'da' | 'en';
      /** Redraw this receipt card in the person's 1:1 chat with the bot (where they bid) instead of sending a new message. */
      readonly updateActivityId?: string | undefined;
    }
  | { readonly kind: 'tender.cancelled'; readonly tenderId: string; readonly bidId: string }
  /** Redraw a shared announcement card from the tender as it is stored. */
  | { readonly kind: 'tender.announcement'; readonly tenderId: string; readonly conversationId: string; readonly activityId: string }
  /** A topic's author told 1:1 of a change to it (drawn from the agenda as stored when sent). */
  | {
      readonly kind: 'topic.receipt';
      readonly meetingId: string;
      readonly topicId: string;
      readonly change: 'added' | 'edited' | 'withdrawn';
      /** The admin who changed someone else's topic. */
      readonly changedBy?: string | undefined;
      readonly locale: 'da' | 'en';
    }
  /** Redraw a shared agenda card from the agenda as it is stored. */
  | { readonly kind: 'agenda.redraw'; readonly meetingId: string; readonly conversationId: string; readonly activityId: string }
  /** A konsekvensberegning asked for, to one økonomikonsulent (drawn from the bid as stored when sent). */
  | { readonly kind: 'konsekvens.requested'; readonly tenderId: string; readonly bidId: string }
  /** A konsekvensberegning made or revised, to the bidder or the group's chat. */
  | { readonly kind: 'konsekvens.made'; readonly tenderId: string; readonly bidId: string; readonly audience: 'bidder' | 'group'; readonly locale: 'da' | 'en' }
  /** An activity's follow-up reminder, due at its evaluation date; obsolete once closed or moved to another date. */
  | { readonly kind: 'activity.followUp'; readonly activityId: string; readonly evaluationDate: string }
  /** The group's chat told of a recorded outcome (the follow-up recorded at `at`). */
  | { readonly kind: 'activity.recorded'; readonly activityId: string; readonly at: string }
  /** The responsible person told of the activity an award gave them (drawn from the activity as stored). */
  | { readonly kind: 'activity.assigned'; readonly activityId: string }
  /** A bidder told of their bid's new status (drawn from the bid as stored; obsolete once it moved on). */
  | { readonly kind: 'bid.status'; readonly bidId: string; readonly status: 'awarded' | 'selected' | 'rejected' }
  /** The group's chat told of the Byråd's decision on its catalogue (drawn from the catalogue as stored). */
  | { readonly kind: 'catalogue.decided'; readonly catalogueId: string }
  /** The group's chat told that an awarded or indstillet bid came into its catalogue. */
  | { readonly kind: 'catalogue.entry'; readonly catalogueId: string; readonly bidId: string }
  /** The konkretisering's 1:1 card, for one version of the request (a changed request is a new version). */
  | { readonly kind: 'konkretisering.request'; readonly bidId: string; readonly version: string; readonly locale: 'da' | 'en' }
  /** A reminder before the deadline (sent from `notBefore`), obsolete once answered or the deadline moved. */
  | { readonly kind: 'konkretisering.reminder'; readonly bidId: string; readonly deadline: string; readonly before: '2d' | '2h'; readonly locale: 'da' | 'en' }
  /** The group's chat told of an answer (each send is its own). */
  | { readonly kind: 'konkretisering.answered'; readonly bidId: string; readonly answeredAt: string; readonly locale: 'da' | 'en' }
  /** A bidder told of a change of their bid's status: `seq` is the change's place in the bid's history (drawn from the bid as stored). */
  | { readonly kind: 'decision.status'; readonly tenderId: string; readonly bidId: string; readonly seq: number }
  /** The group's chat told of an award or indstilling (drawn from the bid as stored). */
  | { readonly kind: 'award.group'; readonly tenderId: string; readonly bidId: string; readonly period: string; readonly byName: string }
  /** A draft sent as ready to publish (`at`: the mark's time; obsolete once the draft was edited, published or cancelled). */
  | { readonly kind: 'tender.readyForLead'; readonly tenderId: string; readonly at: string; readonly audience: 'personal' | 'group' }
  /** The admin who asked told that an erasure is done, with its final counts (they never change once it is done). */
  | { readonly kind: 'erasure.done'; readonly erasureId: string; readonly deleted: Readonly<Record<string, number>>; readonly anonymised: Readonly<Record<string, number>>; readonly locale: 'da' | 'en' };

export interface OutboxNotice {
  readonly id: string;
  readonly tenantId: string;
  readonly subject: OutboxSubject;
  /**
   * A person 1:1 (Teams finds or opens the chat from their address, as a bidder's), a conversation the
   * bot is in, or a person known only by their roster id (a co-bidder, the økonomikonsulent), reached in
   * the personal chat recorded when they installed the app; without one they cannot be reached.
   */
  readonly to:
    | { readonly kind: 'person'; readonly person: PersonAddress }
    | { readonly kind: 'conversation'; readonly conversationId: string }
    | { readonly kind: 'personal'; readonly userId: string };
  readonly status: 'pending' | 'sending' | 'sent' | 'unreachable' | 'skipped';
  readonly attempts: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly notBefore?: string | undefined;
  readonly claimedBy?: string | undefined;
  readonly claimedUntil?: string | undefined;
  readonly sentAt?: string | undefined;
  readonly lastError?: string | undefined;
}

export interface OutboxRepository {
  /** 'exists' when this notice was enqueued before: enqueueing twice sends once. */
  create(notice: OutboxNotice): Promise<'saved' | 'exists'>;
  get(tenantId: string, id: string): Promise<Versioned<OutboxNotice> | undefined>;
  save(notice: OutboxNotice, etag: string): Promise<SaveOutcome>;
  /** Pending ones (past their backoff) and expired claims, in every tenant: ids only. */
  due(now: Date): Promise<{ tenantId: string; id: string }[]>;
}

/** Wakes the outbox sender (and the bid numbering) after a click, without the click waiting for it. */
export interface AfterClick {
  (work: { readonly tenantId: string; readonly tenderId?: string | undefined; readonly catalogueId?: string | undefined; readonly erasurePersonId?: string | undefined }): void;
}

export interface Lease {
  readonly holder: string;
  readonly expiresAt: string;
}

export interface LeaseRepository {
  get(name: string): Promise<Versioned<Lease> | undefined>;
  save(name: string, lease: Lease, etag: string | undefined): Promise<SaveOutcome>;
}

/** Activity catalogues, one item per kernegruppe and period, in the tenant's partition. */
export interface CatalogueRepository {
  getCatalogue(tenantId: string, id: string): Promise<Versioned<Catalogue> | undefined>;
  /** Creates (etag undefined; 'conflict' if it exists) or replaces (etag given; 'conflict' if someone wrote first). */
  saveCatalogue(catalogue: Catalogue, etag: string | undefined): Promise<SaveOutcome>;
  /** The group's catalogues (id and period), newest first, at most `limit`. */
  cataloguesOfGroup(tenantId: string, groupId: string, limit: number): Promise<{ id: string; period: string }[]>;
}

/** Activities, one item per awarded bid, in the tenant's partition. */
export interface ActivityRepository {
  getActivity(tenantId: string, id: string): Promise<Versioned<Activity> | undefined>;
  /** 'exists' when the activity was made before (the same award settled twice). */
  createActivity(activity: Activity): Promise<'saved' | 'exists'>;
  saveActivity(activity: Activity, etag: string): Promise<SaveOutcome>;
  /** The group's activities, evaluation date soonest first, at most `limit`, as summaries. */
  activitiesOfGroup(tenantId: string, groupId: string, limit: number): Promise<ActivitySummary[]>;
}

/**
 * The counters operators watch (Application Insights' customMetrics and the alerts use these names).
 * "failed" is what was given up on: unreachable (bot removed, app not installed, refused) or dropped.
 */
export type TelemetryCounter =
  | 'reminders.sent'
  | 'reminders.late'
  | 'reminders.failed'
  | 'outbox.sent'
  | 'outbox.failed'
  | 'bids.submitted'
  | 'agenda.topics_added'
  /** A scheduler loop's run that threw (attribute loop.name): the "failing loop" alert counts these. */
  | 'scheduler.failures';

/** Ids, kinds and outcomes only: never a name, an e-mail address or anything a user typed. */
export type TelemetryAttributes = Readonly<Record<string, string | number | boolean | undefined>>;

/**
 * Monitoring as the app sees it: a span around a piece of work and a few counters. The OpenTelemetry
 * implementation (adapters/telemetry) is loaded only when a connection string is set; otherwise noTelemetry.
 */
export interface Telemetry {
  count(counter: TelemetryCounter, by?: number, attributes?: TelemetryAttributes): void;
  /** Runs `work` as the active span `name` (what it calls out to becomes its children); a throw marks it failed. */
  span<T>(name: string, attributes: TelemetryAttributes, work: (annotate: (attributes: TelemetryAttributes) => void) => Promise<T>): Promise<T>;
}

export const noTelemetry: Telemetry = {
  count: () => undefined,
  span: (_name, _attributes, work) => work(() => undefined),
};

/** A stored item as it is, for the GDPR export and erasure of one person (domain/person-data.ts walks it). */
export interface StoredItem {
  readonly store: Store;
  readonly item: JsonObject;
  readonly etag: string;
}

/**
 * Every item of one tenant, for the few admin actions that must see all of it: one person's export and
 * erasure. The only repository that reads items whole rather than through a feature's schema, because a
 * person may be named in any field of any item.
 */
export interface PersonDataRepository {
  /** Each item of the tenant's partition in every container, at most `pageSize` per page (one query page each). */
  scanTenant(tenantId: string, pageSize: number, visit: (items: readonly StoredItem[]) => Promise<void>): Promise<void>;
  /** Replaces the item if nobody wrote it since `etag`. */
  replaceItem(store: Store, item: JsonObject, etag: string): Promise<SaveOutcome>;
  /** Deletes the item if nobody wrote it since `etag`; one already gone is 'saved'. */
  deleteItem(store: Store, tenantId: string, id: string, etag: string): Promise<SaveOutcome>;
  getErasure(tenantId: string, personId: string): Promise<Versioned<ErasureAudit> | undefined>;
  /** Creates (etag undefined) or replaces (etag given); 'conflict' if someone wrote first. */
  saveErasure(audit: ErasureAudit, etag: string | undefined): Promise<SaveOutcome>;
  /** The audit entry by its item id (`erasure-<hash>`), for the admin's notice: the notice itself names nobody. */
  getErasureById(tenantId: string, id: string): Promise<ErasureAudit | undefined>;
  /** Roster lines with this e-mail (at most `limit`): one TOP query on the indexed `email`. */
  peopleByEmail(tenantId: string, email: string, limit: number): Promise<{ id: string; name: string }[]>;
  /** Erasures asked for and not yet done, in every tenant (at most `limit`): the scheduler's one query. */
  unfinishedErasures(limit: number): Promise<{ tenantId: string; personId: string }[]>;
  /** The tenant's erasure audit entries (at most `limit`), newest first. */
  erasures(tenantId: string, limit: number): Promise<ErasureAudit[]>;
}

/** What the retention sweep reads and deletes (app/retention.ts): ids only, a TOP-bounded batch at a time, in the tenant's partition. */
export interface RetentionRepository {
  /** Closed or cancelled tenders whose deadline is before `before` (at most `limit`). */
  endedTenders(tenantId: string, before: Date, limit: number): Promise<string[]>;
  /** The bids, evaluations and tally of a tender (at most `limit`): what hangs off it. Its activities are the catalogue's, not its. */
  itemsOfTender(tenantId: string, tenderId: string, limit: number): Promise<{ id: string; type: string }[]>;
  /** Agendas of dialogmøder that started before `before` (at most `limit`). */
  heldAgendas(tenantId: string, before: Date, limit: number): Promise<string[]>;
  /** Deletes an item of the tenders or agendas container; one already gone is no error. */
  deleteItem(store: 'tenders' | 'agendas', tenantId: string, id: string): Promise<void>;
}
