// The kernegruppe's side of internt udbud: draft, preview, publish to the announcement channels,
// cancel (telling every bidder), list the group's tenders, and read the bids. Who drafts, publishes
// and cancels is the tenant's rights table (domain/rights.ts; by default the tovholder, chefs and
// konsulenter draft, the tovholder publishes and cancels); every member of the group may read the bids.

import { isMemberOf, managesTendersOf, mayDo } from '../domain/actor.js';
import type { RightAction } from '../domain/rights.js';
import type { Bid, BidSummary } from '../domain/bid.js';
import {
  announcementConversations,
  findGroupById,
  groupOfConversation,
  linkOf,
  type ConversationLink,
  type Directory,
  type Group,
  type Kerneopgave,
} from '../domain/directory.js';
import { fail, ok, type Result } from '../domain/result.js';
import {
  cancel,
  createDraft,
  editDraft,
  publish,
  recordAnnouncements,
  validateTenderInput,
  withCounts,
  countsOf,
  type Announcement,
  type CatalogEntry,
  type FieldError,
  type Tender,
  type TenderField,
  type TenderInput,
  type TenderSummary,
} from '../domain/tender.js';
import type { Acting } from './directory-admin.js';
import { LIST_SHOWN, type AfterClick, type Clock, type ConversationRecord, type ConversationRepository, type DeliveryFailure, type DirectoryRepository, type Notifier, type OutboxRepository, type TenderRepository, type Versioned } from './ports.js';
import { cancelledNotice, enqueueNotices, redrawNotices } from './notices.js';
import { numberBids, numberedBidAndTender } from './bid-numbers.js';
import type { NoticeRenderers } from './notice-kinds.js';

export interface TenderDeps {
  readonly directories: DirectoryRepository;
  readonly conversations: ConversationRepository;
  readonly tenders: TenderRepository;
  readonly notifier: Notifier;
  readonly clock: Clock;
  readonly newId: () => string;
  /** What the bot owes people after a click goes here, and is sent after the click has been answered. */
  readonly outbox: OutboxRepository;
  /** Wakes the outbox sender once the click is answered (absent in tests that run the scheduled work by hand). */
  readonly afterClick?: AfterClick | undefined;
}

export type Locale = 'da' | 'en';

/**
 * Everyone bidding at once races for the tender's counter and exactly one write wins each round, so
 * 20 simultaneous bidders need up to 20 rounds; a random pause spreads the retries out.
 */
const MAX_ATTEMPTS = 30;
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 5 * attempt)));

/** Reads, changes and writes with the etag until nobody wrote in between (or gives up: 'TENDER.BUSY'). */
export async function changeTender<E extends string>(
  deps: Pick<TenderDeps, 'tenders'>,
  tenantId: string,
  tenderId: string,
  change: (t: Tender) => Result<Tender, E>,
  alreadyRead?: Versioned<Tender>,
): Promise<Result<Tender, E | 'TENDER.NOT_FOUND' | 'TENDER.BUSY'>> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (attempt > 0) await pause(attempt);
    // The caller's read serves as the first attempt's, so an uncontended change is one read and one write.
    const current = attempt === 0 && alreadyRead ? alreadyRead : await deps.tenders.getTender(tenantId, tenderId);
    if (!current) return fail('TENDER.NOT_FOUND');
    const result = change(current.value);
    if (!result.ok) return result;
    if (result.value === current.value) return result;
    if ((await deps.tenders.saveTender(result.value, current.etag)) === 'saved') return result;
  }
  return fail('TENDER.BUSY');
}

export type PlaceError = 'TENDER.NOT_IN_KERNEGRUPPE_CHAT' | 'TENDER.NOT_MANAGER' | 'DIRECTORY.MISSING';

export interface TenderPlace {
  readonly group: Group;
  readonly kerneopgave: Kerneopgave;
  readonly catalog: readonly CatalogEntry[];
}

function catalogOf(dir: Directory): CatalogEntry[] {
  return dir.kerneopgaver.flatMap((k) => k.forudsaetninger.map((f) => ({ id: f.id, text: f.text, kerneopgave: k.id, kerneopgaveName: k.name, demo: f.demo })));
}

function placeOf(dir: Directory, group: Group): TenderPlace | undefined {
  const kerneopgave = dir.kerneopgaver.find((k) => k.id === group.kerneopgave);
  return group.kind === 'kernegruppe' && kerneopgave ? { group, kerneopgave, catalog: catalogOf(dir) } : undefined;
}

/** The kernegruppe whose chat this is, if the person may start its tenders. */
export function tenderPlaceFor({ actor, directory }: Acting, conversationId: string): Result<TenderPlace, PlaceError> {
  if (!directory) return fail('DIRECTORY.MISSING');
  const group = groupOfConversation(directory.value, conversationId);
  const place = group ? placeOf(directory.value, group) : undefined;
  if (!place) return fail('TENDER.NOT_IN_KERNEGRUPPE_CHAT');
  if (!managesTendersOf(actor, place.group.id)) return fail('TENDER.NOT_MANAGER');
  return ok(place);
}

/** A member of the group refused an action on its tender by the tenant's rights table (domain/rights.ts). */
export type TenderRightsError = 'TENDER.NOT_MANAGER' | 'TENDER.NOT_PUBLISHER' | 'TENDER.NOT_CANCELLER';
const REFUSED: Record<Exclude<RightAction, 'beslut'>, TenderRightsError> = { udkast: 'TENDER.NOT_MANAGER', offentliggoer: 'TENDER.NOT_PUBLISHER', aflys: 'TENDER.NOT_CANCELLER' };
export const RIGHT_OF_REFUSAL: Record<TenderRightsError, RightAction> = { 'TENDER.NOT_MANAGER': 'udkast', 'TENDER.NOT_PUBLISHER': 'offentliggoer', 'TENDER.NOT_CANCELLER': 'aflys' };

/**
 * A tender someone may act on with `action` (udkast: edit the draft; offentliggoer; aflys), by the
 * tenant's rights table. Drafts of other groups do not exist for anyone else; a member without the
 * right is told which right it takes.
 */
export async function tenderForManager(
  deps: Pick<TenderDeps, 'tenders'>,
  { actor }: Acting,
  tenderId: string,
  action: Exclude<RightAction, 'beslut'> | 'draft' = 'udkast',
): Promise<Result<Versioned<Tender>, 'TENDER.NOT_FOUND' | TenderRightsError>> {
  const found = await deps.tenders.getTender(actor.tenantId, tenderId);
  if (!found) return fail('TENDER.NOT_FOUND');
  const groupId = found.value.groupId;
  // 'draft': seeing a draft as the one who works on it, edits, publishes or cancels it (the preview).
  const allowed = action === 'draft' ? mayDo(actor, groupId, 'udkast') || mayDo(actor, groupId, 'offentliggoer') || mayDo(actor, groupId, 'aflys') : mayDo(actor, groupId, action);
  if (!allowed) return fail(isMemberOf(actor, groupId) ? REFUSED[action === 'draft' ? 'udkast' : action] : 'TENDER.NOT_FOUND');
  return ok(found);
}

export async function saveTenderDraft(
  deps: TenderDeps,
  acting: Acting,
  conversationId: string,
  tenderId: string | undefined,
  input: TenderInput,
): Promise<Result<Tender, PlaceError | 'TENDER.INVALID' | 'TENDER.NOT_FOUND' | TenderRightsError | 'TENDER.NOT_DRAFT' | 'TENDER.BUSY', FieldError<TenderField>[]>> {
  const now = deps.clock.now();
  const { actor } = acting;
  if (tenderId) {
    const existing = await tenderForManager(deps, acting, tenderId);
    if (!existing.ok) return existing;
    const openable = existing.value.value.catalog.filter((c) => c.kerneopgave === existing.value.value.kerneopgave).map((c) => c.id);
    const fields = validateTenderInput(input, openable, now);
    if (!fields.ok) return fields;
    return changeTender(deps, actor.tenantId, tenderId, (t) => editDraft(t, fields.value, actor.personId, now));
  }
  const place = tenderPlaceFor(acting, conversationId);
  if (!place.ok) return place;
  const openable = place.value.kerneopgave.forudsaetninger.map((f) => f.id);
  const fields = validateTenderInput(input, openable, now);
  if (!fields.ok) return fields;
  const tender = createDraft(
    {
      id: deps.newId(),
      tenantId: actor.tenantId,
      group: { id: place.value.group.id, name: place.value.group.name },
      kerneopgave: { id: place.value.kerneopgave.id, name: place.value.kerneopgave.name, bevaegelse: place.value.kerneopgave.bevaegelse },
      catalog: place.value.catalog,
      fields: fields.value,
      by: { id: actor.personId, name: actor.name },
    },
    now,
  );
  if ((await deps.tenders.saveTender(tender, undefined)) !== 'saved') return fail('TENDER.BUSY');
  return ok(tender);
}

export interface PublishOutcome {
  readonly conversationId: string;
  /** The channel as the bot knows it; undefined when nothing names it (the view then shows the id in a readable form). */
  readonly name?: string | undefined;
  readonly ok: boolean;
  readonly reason?: Exclude<DeliveryFailure, 'throttled'> | undefined;
}

/**
 * What the bot knows of a channel, best first: Teams' own name (from the installation), the name the
 * link was given (by an admin's command or the roster file), then the group the link belongs to. A
 * channel the bot has not been added to yet has no record, so the link is all there is.
 */
function conversationName(record: ConversationRecord | undefined, directory: Directory | undefined, conversationId: string): string | undefined {
  if (record?.conversationType === 'channel') return [record.teamName, record.name ?? 'General'].filter(Boolean).join(' › ');
  const link: ConversationLink | undefined = directory ? linkOf(directory, conversationId) : undefined;
  return record?.name ?? link?.conversationName ?? (directory ? groupOfConversation(directory, conversationId)?.name : undefined);
}

export type PublishError =
  | 'TENDER.NOT_FOUND'
  | TenderRightsError
  | 'TENDER.NOT_DRAFT'
  | 'TENDER.DEADLINE_PASSED'
  | 'TENDER.BUSY'
  /** No channel is marked as announcement channel: the tender stays a draft. */
  | 'TENDER.NO_ANNOUNCEMENT_CHANNEL'
  /** Not one announcement channel took the card: the tender stays a draft. */
  | 'TENDER.NOT_ANNOUNCED';

/** Why a tender stayed a draft: the draft as it is, and what happened at each announcement channel. */
export interface NotPublished {
  readonly tender: Tender;
  readonly outcomes: PublishOutcome[];
}

/**
 * Publishes the draft and posts the announcement card to every announcement channel, keeping where
 * each card went (so the bid count can be updated) and reporting where it could not go and why.
 * A tender nobody outside the kernegruppe can see is no tender: when not a single channel takes the
 * card, it stays the draft it was, and the manager may try again once an admin has marked a channel.
 */
export async function publishTender(
  deps: TenderDeps,
  acting: Acting,
  tenderId: string,
): Promise<Result<{ tender: Tender; outcomes: PublishOutcome[] }, PublishError, NotPublished>> {
  const { actor } = acting;
  // Seed 000: the tovholder is "ansvarlig for gruppens arbejde": by default only the tovholder (or an admin) publishes.
  const allowed = await tenderForManager(deps, acting, tenderId, 'offentliggoer');
  if (!allowed.ok) return allowed;
  const now = deps.clock.now();
  const asRead = allowed.value.value;
  // "Already published" and "deadline passed" say more than any channel trouble.
  const publishable = publish(asRead, actor.personId, now);
  if (!publishable.ok) return publishable;

  const directory = acting.directory?.value;
  const targets = directory ? announcementConversations(directory) : [];
  if (targets.length === 0) return fail('TENDER.NO_ANNOUNCEMENT_CHANNEL', { tender: asRead, outcomes: [] });
  const places = await Promise.all(
    targets.map(async (conversationId) => {
      const record = (await deps.conversations.get(actor.tenantId, conversationId))?.value;
      return { conversationId, record, name: conversationName(record, directory, conversationId) };
    }),
  );
  const unreachable = (record: ConversationRecord | undefined): PublishOutcome['reason'] => (!record ? 'not-installed' : record.status !== 'installed' ? 'removed' : undefined);
  // Where the bot was never added or was removed is known before anything is written.
  if (places.every((p) => unreachable(p.record))) {
    return fail('TENDER.NOT_ANNOUNCED', { tender: asRead, outcomes: places.map((p) => ({ conversationId: p.conversationId, name: p.name, ok: false, reason: unreachable(p.record) })) });
  }

  // The etag write claims the publishing, so a double click posts the cards once.
  let draft: Tender = asRead;
  const published = await changeTender(
    deps,
    actor.tenantId,
    tenderId,
    (t) => {
      draft = t;
      return publish(t, actor.personId, now);
    },
    allowed.value,
  );
  if (!published.ok) return published;

  const outcomes: PublishOutcome[] = [];
  const announcements: Announcement[] = [];
  for (const { conversationId, record, name } of places) {
    const why = unreachable(record);
    if (why || !record) {
      outcomes.push({ conversationId, name, ok: false, reason: why ?? 'not-installed' });
      continue;
    }
    const delivery = await deps.notifier.post(record, { kind: 'tender.announcement', tender: published.value, refreshUserIds: [] }, 'da');
    if (delivery.ok) announcements.push({ conversationId, activityId: delivery.activityId });
    outcomes.push(delivery.ok ? { conversationId, name, ok: true } : { conversationId, name, ok: false, reason: delivery.reason === 'throttled' ? 'failed' : delivery.reason });
  }

  if (announcements.length === 0) {
    // Teams refused everywhere: put the draft back exactly as it was. Only if nothing happened to the
    // tender meanwhile; a bid that slipped in through "udbud" in that moment keeps it published.
    const reverted = await changeTender(deps, actor.tenantId, tenderId, (t) =>
      t.status === 'published' && t.publishedAt === published.value.publishedAt && t.bidSeq === draft.bidSeq && t.announcements.length === 0
        ? ok(draft)
        : fail('TENDER.CHANGED' as const),
    );
    if (reverted.ok) return fail('TENDER.NOT_ANNOUNCED', { tender: reverted.value, outcomes });
  }
  const recorded = await changeTender(deps, actor.tenantId, tenderId, (t) => ok(recordAnnouncements(t, announcements, now)));
  return ok({ tender: recorded.ok ? recorded.value : published.value, outcomes });
}

/**
 * Cancels with a reason; every bidder is told 1:1 and the announcement cards say so, through the
 * outbox: the click is answered from the stored state at once, whatever Teams' speed or 429s.
 */
export async function cancelTender(
  deps: TenderDeps,
  acting: Acting,
  tenderId: string,
  reason: string,
): Promise<Result<{ tender: Tender; biddersTold: number; biddersNotReached: number }, 'TENDER.NOT_FOUND' | TenderRightsError | 'TENDER.NOT_CANCELLABLE' | 'TENDER.REASON_MISSING' | 'TENDER.REASON_TOO_LONG' | 'TENDER.BUSY'>> {
  const { actor } = acting;
  // Seed 000: the tovholder is "ansvarlig for gruppens arbejde": by default only the tovholder (or an admin) cancels.
  const allowed = await tenderForManager(deps, acting, tenderId, 'aflys');
  if (!allowed.ok) return allowed;
  const now = deps.clock.now();
  const cancelled = await changeTender(deps, actor.tenantId, tenderId, (t) => cancel(t, reason, actor.personId, now));
  if (!cancelled.ok) return cancelled;
  const queued = await queueCancelNotices(deps, cancelled.value);
  deps.afterClick?.({ tenantId: actor.tenantId, tenderId });
  return ok({ tender: queued.tender, biddersTold: queued.bids, biddersNotReached: 0 });
}

/**
 * Puts a cancelled tender's notices in the outbox: one per active bid to its bidder, one redraw per
 * announcement card; then marks the tender so the sweep stops looking. The cancellation is written
 * first and the tender keeps `attention` until the mark, so a crash in between is finished by the
 * sweep, and the notices' ids make doing it twice harmless. The bids are read after the cancellation
 * was written: a bid stored too late to be read here reads the tender after storing itself, sees it
 * cancelled and enqueues the same notice (see submitBid).
 */
export async function queueCancelNotices(deps: Pick<TenderDeps, 'tenders' | 'outbox' | 'clock'>, tender: Tender): Promise<{ tender: Tender; bids: number }> {
  const now = deps.clock.now();
  const bids = (await deps.tenders.allBidsOfTender(tender.tenantId, tender.id)).filter((b) => b.status !== 'withdrawn');
  await enqueueNotices(deps, [...redrawNotices(tender, 'cancelled', now), ...bids.map((b) => cancelledNotice(b, now))]);
  const marked = await changeTender(deps, tender.tenantId, tender.id, (t) => ok(t.cancelNoticesQueuedAt ? t : { ...t, cancelNoticesQueuedAt: now.toISOString() }));
  return { tender: marked.ok ? marked.value : tender, bids: bids.length };
}

export const addressOf = (bid: Bid) => ({ tenantId: bid.tenantId, userId: bid.bidderId, teamsId: bid.bidderTeamsId, serviceUrl: bid.serviceUrl });

/** Re-renders every announcement card of the tender (count, closed, cancelled). Failures are logged by the notifier, not fatal. */
export async function updateAnnouncements(deps: Pick<TenderDeps, 'conversations' | 'notifier' | 'tenders'>, tender: Tender, refreshUserIds: readonly string[] = []): Promise<number> {
  let updated = 0;
  for (const a of tender.announcements) {
    const record = (await deps.conversations.get(tender.tenantId, a.conversationId))?.value;
    if (!record || record.status !== 'installed') continue;
    const delivery = await deps.notifier.update(record, a.activityId, { kind: 'tender.announcement', tender, refreshUserIds }, 'da');
    if (delivery.ok) updated++;
  }
  return updated;
}

/**
 * The tenders of the kernegruppe whose chat this is, for its members (and an admin standing in for the
 * tovholder); `manages`, `publishes` and `cancels` say whether this person may also edit, publish and
 * cancel them (the rules tenderForManager enforces), so a list offers each button only to them.
 */
export async function groupTenders(
  deps: TenderDeps,
  { actor, directory }: Acting,
  conversationId: string,
): Promise<
  Result<{ group: Group; tenders: readonly TenderSummary[]; more: boolean; member: boolean; manages: boolean; publishes: boolean; cancels: boolean }, 'TENDER.NOT_IN_KERNEGRUPPE_CHAT' | 'TENDER.NOT_MEMBER'>
> {
  const group = directory ? groupOfConversation(directory.value, conversationId) : undefined;
  if (!group || group.kind !== 'kernegruppe') return fail('TENDER.NOT_IN_KERNEGRUPPE_CHAT');
  const member = isMemberOf(actor, group.id);
  // An admin standing in for the tovholder (domain/rights.ts ADMIN_STANDS_IN) finds the drafts to publish here too.
  if (!member && !mayDo(actor, group.id, 'offentliggoer')) return fail('TENDER.NOT_MEMBER');
  // Newest first, as many as the list shows and one more to know whether there are more.
  const read = await deps.tenders.tenderSummariesOfGroup(actor.tenantId, group.id, LIST_SHOWN + 1);
  return ok({
    group,
    tenders: read.slice(0, LIST_SHOWN),
    more: read.length > LIST_SHOWN,
    member,
    manages: managesTendersOf(actor, group.id),
    publishes: mayDo(actor, group.id, 'offentliggoer'),
    cancels: mayDo(actor, group.id, 'aflys'),
  });
}

export const OVERVIEW_PAGE = 10;

/**
 * A tender as its kernegruppe's members may read it. Anyone else is told the bids are the members'
 * (a published tender is public, and "Se buddene" is posted in the group's chat); a draft still does
 * not exist for them.
 */
export async function tenderForMember(deps: Pick<TenderDeps, 'tenders'>, { actor }: Acting, tenderId: string): Promise<Result<Tender, 'TENDER.NOT_FOUND' | 'TENDER.NOT_MEMBER'>> {
  const found = await deps.tenders.getTender(actor.tenantId, tenderId);
  if (!found) return fail('TENDER.NOT_FOUND');
  if (!isMemberOf(actor, found.value.groupId)) return fail(found.value.status === 'draft' ? 'TENDER.NOT_FOUND' : 'TENDER.NOT_MEMBER');
  return ok(found.value);
}

export async function bidOverview(
  deps: TenderDeps,
  acting: Acting,
  tenderId: string,
  page: { after?: number | undefined; before?: number | undefined },
): Promise<Result<{ tender: Tender; bids: BidSummary[]; hasPrevious: boolean; hasNext: boolean }, 'TENDER.NOT_FOUND' | 'TENDER.NOT_MEMBER'>> {
  const tender = await tenderForMember(deps, acting, tenderId);
  if (!tender.ok) return tender;
  // Bids made in the last seconds may not have their numbers yet: the overview lists by number, and
  // counts them as the tally does now (the tender's own count is what its cards last showed).
  const tally = await numberBids(deps, acting.actor.tenantId, tenderId);
  // One more than a page tells whether there is a next (or previous) page.
  const bids = await deps.tenders.bidsOfTender(acting.actor.tenantId, tenderId, { ...page, limit: OVERVIEW_PAGE + 1 });
  const more = bids.length > OVERVIEW_PAGE;
  const shown = page.before !== undefined ? bids.slice(bids.length - Math.min(bids.length, OVERVIEW_PAGE)) : bids.slice(0, OVERVIEW_PAGE);
  const first = shown[0]?.number;
  return ok({
    tender: withCounts(tender.value, countsOf(tender.value, tally)),
    bids: shown,
    hasPrevious: page.before !== undefined ? more : first !== undefined && (page.after ?? 0) > 0,
    hasNext: page.before !== undefined ? true : more,
  });
}

export async function bidDetail(deps: TenderDeps, acting: Acting, bidId: string): Promise<Result<{ tender: Tender; bid: Bid }, 'BID.NOT_FOUND' | 'TENDER.NOT_MEMBER'>> {
  const bid = await deps.tenders.getBid(acting.actor.tenantId, bidId);
  if (!bid) return fail('BID.NOT_FOUND');
  const tender = await tenderForMember(deps, acting, bid.value.tenderId);
  if (!tender.ok) return fail(tender.code === 'TENDER.NOT_MEMBER' ? tender.code : 'BID.NOT_FOUND');
  return ok({ tender: tender.value, bid: bid.value });
}

export function groupName(acting: Acting, groupId: string): string | undefined {
  return acting.directory ? findGroupById(acting.directory.value, groupId)?.name : undefined;
}

/** The tenders' own notices: a bidder told of a cancellation, and an announcement card redrawn from the tender as stored. */
export const tenderNotices: Pick<NoticeRenderers, 'tender.cancelled' | 'tender.announcement'> = {
  'tender.cancelled': async (deps, n) => {
    const found = await numberedBidAndTender(deps, n.tenantId, n.subject.tenderId, n.subject.bidId);
    return found && { notice: { kind: 'tender.cancelled', ...found }, locale: 'da' };
  },
  'tender.announcement': async (deps, n) => {
    const tender = (await deps.tenders.getTender(n.tenantId, n.subject.tenderId))?.value;
    return tender && { notice: { kind: 'tender.announcement', tender, refreshUserIds: [] }, locale: 'da' };
  },
};
