// The employee's side of internt udbud: see open tenders, bid from the card, edit or withdraw the
// bid until the deadline, see one's own bids. Bids are sealed: every read and change checks that the
// bid is the asker's own, whatever ids a card carries. A submission writes no shared item: it reads
// the tender, creates the bid (its id from tender, bidder and form, so a resent form finds it),
// enqueues the 1:1 receipt and reads the tender again; the number and the count follow just after
// the click (bid-numbers.ts), so any number of people may bid at the same moment. Editing writes the
// bid only, and withdrawing the bid and the tender's small tally: no bid action rewrites the tender.

import { editBid, newBid, validateBidInput, withdrawBid, type Bid, type BidSummary, type BidChangeError, type BidField, type BidInput, type Bidder } from '../domain/bid.js';
import { fail, ok, type Result } from '../domain/result.js';
import { asText, biddingOpen, countsOf, withCounts, withdrawFromTally, type BiddingError, type FieldError, type Tender, type TenderSummary } from '../domain/tender.js';
import { PAIRED_LIST_SHOWN, type AfterClick, type Clock, type DirectoryRepository, type ListPage, type Notifier, type OutboxRepository, type TenderRepository, type Versioned } from './ports.js';
import { resolveCoBidders } from './co-bidders.js';
import { changeTally, numberBids, numberedBidAndTender } from './bid-numbers.js';
import type { NoticeRenderers } from './notice-kinds.js';
import { cancelledNotice, enqueueNotices, receiptCardRedraw, receiptNotice } from './notices.js';
import { createHash } from 'node:crypto';

export interface BidDeps {
  readonly tenders: TenderRepository;
  /** The roster's people: co-bidders are checked against it. */
  readonly directories: DirectoryRepository;
  readonly notifier: Notifier;
  readonly clock: Clock;
  readonly outbox: OutboxRepository;
  readonly afterClick?: AfterClick | undefined;
}

export type Locale = 'da' | 'en';

/**
 * How the bidder gets a receipt outside the card: in their language, and in their personal chat with
 * the bot unless they acted there, where the card they pressed already is the receipt.
 */
export interface ReceiptWay {
  readonly locale: Locale;
  readonly toPersonalChat: boolean;
  /** When they acted in their 1:1 chat: the receipt card's message there, redrawn once the bid has its number. */
  readonly cardActivityId?: string | undefined;
}

/** A tender an employee may see: published, closed or cancelled; drafts are the kernegruppe's. */
async function visibleTender(deps: BidDeps, tenantId: string, tenderId: string): Promise<Versioned<Tender> | undefined> {
  const found = await deps.tenders.getTender(tenantId, tenderId);
  return found && found.value.status !== 'draft' ? found : undefined;
}

/**
 * The tender with the asker's own bids on it: what the announcement card shows them, and whether it
 * takes a new bid now (by the server's clock), from the one read of the tender.
 */
export async function bidView(
  deps: BidDeps,
  bidder: Bidder & { tenantId: string },
  tenderId: string,
): Promise<Result<{ tender: Tender; mine: Bid[]; open: boolean }, 'TENDER.NOT_FOUND'>> {
  const tender = await visibleTender(deps, bidder.tenantId, tenderId);
  if (!tender) return fail('TENDER.NOT_FOUND');
  const mine = await deps.tenders.bidsOfBidder(bidder.tenantId, bidder.id, tenderId);
  return ok({ tender: tender.value, mine: mine.sort((a, b) => a.number - b.number), open: biddingOpen(tender.value, deps.clock.now()).ok });
}

/** A tender open for a new bid right now, by the server's clock; when it is not, the tender as read (to show why). */
export async function tenderOpenForBid(deps: BidDeps, tenantId: string, tenderId: string): Promise<Result<Tender, 'TENDER.NOT_FOUND' | BiddingError, Tender>> {
  const tender = await visibleTender(deps, tenantId, tenderId);
  if (!tender) return fail('TENDER.NOT_FOUND');
  const open = biddingOpen(tender.value, deps.clock.now());
  return open.ok ? open : fail(open.code, tender.value);
}

const SUBMISSION_ID = /^[0-9a-f-]{16,64}$/i;

/** The bid's id follows from who sent which form to which tender, so a resent form finds the same bid. */
export function bidIdFor(tenderId: string, bidderId: string, submissionId: string): string {
  return `bid-${createHash('sha256').update(`${tenderId}|${bidderId}|${submissionId}`).digest('hex').slice(0, 32)}`;
}

export type SubmitError = 'TENDER.NOT_FOUND' | BiddingError | 'BID.INVALID' | 'BID.BAD_SUBMISSION' | 'TENDER.BUSY';

export async function submitBid(
  deps: BidDeps,
  bidder: Bidder & { tenantId: string },
  tenderId: string,
  submissionId: string,
  input: BidInput,
  receipt: ReceiptWay,
): Promise<Result<{ tender: Tender; bid: Bid; duplicate: boolean }, SubmitError, FieldError<BidField>[]>> {
  if (!SUBMISSION_ID.test(submissionId)) return fail('BID.BAD_SUBMISSION');
  const now = deps.clock.now();
  const first = await visibleTender(deps, bidder.tenantId, tenderId);
  if (!first) return fail('TENDER.NOT_FOUND');
  const id = bidIdFor(tenderId, bidder.id, submissionId);
  const open = biddingOpen(first.value, now);
  if (!open.ok) {
    // A form resent just after the deadline still finds the bid it made in time.
    const earlier = await deps.tenders.getBid(bidder.tenantId, id);
    return earlier && earlier.value.bidderId === bidder.id ? ok({ tender: first.value, bid: earlier.value, duplicate: true }) : open; // late: say so before nitpicking the fields
  }
  const validated = validateBidInput(input, first.value);
  const co = await resolveCoBidders(deps, bidder.tenantId, bidder.id, input.coBidders);
  if (!validated.ok || !co.ok) return fail('BID.INVALID', [...(validated.ok ? [] : (validated.details ?? [])), ...(co.ok ? [] : (co.details ?? []))]);
  // A pick is stored as people; the field's free text only for a form from before the picker.
  const fields = co.value ? { ...validated.value, coBidders: '', coBidderIds: co.value } : validated.value;
  const made = newBid({ id, tender: first.value, number: 0, submissionId, bidder, fields }, now);
  const bid: Bid = receipt.toPersonalChat ? { ...made, receiptLocale: receipt.locale } : made;
  // Creating is idempotent: a resent form, or its twin racing it, finds the bid already there.
  if ((await deps.tenders.createBid(bid)) === 'exists') {
    const stored = (await deps.tenders.getBid(bidder.tenantId, id))?.value ?? bid;
    return ok({ tender: first.value, bid: stored, duplicate: true });
  }
  if (receipt.toPersonalChat) await enqueueNotices(deps, [receiptNotice(bid, 'submitted', receipt.locale, now)]);
  else if (receipt.cardActivityId) await enqueueNotices(deps, [receiptCardRedraw(bid, receipt.locale, receipt.cardActivityId, now)]);
  // A cancellation that read the bids before this one was stored cannot have told this bidder: read
  // the tender after storing, and if it is cancelled enqueue the same notice it would have (same id).
  const after = (await deps.tenders.getTender(bidder.tenantId, tenderId))?.value ?? first.value;
  if (after.status === 'cancelled') await enqueueNotices(deps, [cancelledNotice(bid, deps.clock.now())]);
  deps.afterClick?.({ tenantId: bidder.tenantId, tenderId });
  return ok({ tender: after, bid, duplicate: false });
}

/** The asker's own bid and its tender; someone else's bid does not exist for them. */
export async function ownBid(deps: BidDeps, bidder: { tenantId: string; id: string }, bidId: string): Promise<Result<{ tender: Tender; bid: Bid; etag: string }, 'BID.NOT_FOUND'>> {
  const found = await deps.tenders.getBid(bidder.tenantId, bidId);
  if (!found || found.value.bidderId !== bidder.id) return fail('BID.NOT_FOUND');
  const tender = await deps.tenders.getTender(bidder.tenantId, found.value.tenderId);
  if (!tender) return fail('BID.NOT_FOUND');
  return ok({ tender: tender.value, bid: found.value, etag: found.etag });
}

export type ChangeError = 'BID.NOT_FOUND' | BidChangeError | 'BID.INVALID' | 'BID.BUSY';

async function changeBid(
  deps: BidDeps,
  bidder: { tenantId: string; id: string },
  bidId: string,
  change: (bid: Bid, tender: Tender, now: Date) => Result<Bid, BidChangeError | 'BID.INVALID', FieldError<BidField>[]>,
): Promise<Result<{ tender: Tender; bid: Bid }, ChangeError, FieldError<BidField>[]>> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const own = await ownBid(deps, bidder, bidId);
    if (!own.ok) return own;
    const changed = change(own.value.bid, own.value.tender, deps.clock.now());
    if (!changed.ok) return changed;
    if ((await deps.tenders.saveBid(changed.value, own.value.etag)) === 'saved') return ok({ tender: own.value.tender, bid: changed.value });
  }
  return fail('BID.BUSY');
}

/** Checks that the bid may still change (for opening its edit form). */
export async function bidForEdit(deps: BidDeps, bidder: { tenantId: string; id: string }, bidId: string): Promise<Result<{ tender: Tender; bid: Bid }, 'BID.NOT_FOUND' | BidChangeError>> {
  const own = await ownBid(deps, bidder, bidId);
  if (!own.ok) return own;
  const open = biddingOpen(own.value.tender, deps.clock.now());
  if (!open.ok) return open;
  if (own.value.bid.status === 'withdrawn') return fail('BID.WITHDRAWN');
  return ok({ tender: own.value.tender, bid: own.value.bid });
}

export async function saveBidEdit(
  deps: BidDeps,
  bidder: { tenantId: string; id: string },
  bidId: string,
  input: BidInput,
  receipt: ReceiptWay,
): Promise<Result<{ tender: Tender; bid: Bid }, ChangeError, FieldError<BidField>[]>> {
  const co = await resolveCoBidders(deps, bidder.tenantId, bidder.id, input.coBidders);
  // An empty pick or a pick of people keeps a bid's free-text co-bidders from before the picker.
  const picked = co.ok && (co.value !== undefined || asText(input.coBidders) === '');
  const result = await changeBid(deps, bidder, bidId, (bid, tender, now) => {
    const open = biddingOpen(tender, now);
    if (!open.ok) return open;
    const fields = validateBidInput(input, tender);
    if (!fields.ok || !co.ok) return fail('BID.INVALID', [...(fields.ok ? [] : (fields.details ?? [])), ...(co.ok ? [] : (co.details ?? []))]);
    const people = co.value && co.value.length > 0 ? co.value : undefined;
    return editBid(bid, tender, picked ? { ...fields.value, coBidders: bid.coBidders, coBidderIds: people } : { ...fields.value, coBidderIds: bid.coBidderIds }, bidder.id, now);
  });
  if (result.ok && receipt.toPersonalChat) {
    await enqueueNotices(deps, [receiptNotice(result.value.bid, 'edited', receipt.locale, deps.clock.now())]);
    deps.afterClick?.({ tenantId: bidder.tenantId, tenderId: result.value.tender.id });
  }
  return result;
}

export async function withdraw(
  deps: BidDeps,
  bidder: { tenantId: string; id: string },
  bidId: string,
  receipt: ReceiptWay,
): Promise<Result<{ tender: Tender; bid: Bid }, ChangeError | 'TENDER.NOT_FOUND' | 'TENDER.BUSY', FieldError<BidField>[]>> {
  // Numbered (and counted) first, so the count below takes off a bid that was counted.
  const own = await ownBid(deps, bidder, bidId);
  if (own.ok && own.value.bid.number === 0) await numberBids(deps, bidder.tenantId, own.value.tender.id);
  const result = await changeBid(deps, bidder, bidId, (bid, tender, now) => withdrawBid(bid, tender, bidder.id, now));
  if (!result.ok) return result;
  // The count is the tally's: the tender keeps the count its cards show until the sweep refreshes them.
  const tally = await changeTally(deps, bidder.tenantId, result.value.tender.id, withdrawFromTally);
  const tender = withCounts(result.value.tender, countsOf(result.value.tender, tally));
  if (receipt.toPersonalChat) {
    await enqueueNotices(deps, [receiptNotice(result.value.bid, 'withdrawn', receipt.locale, deps.clock.now())]);
    deps.afterClick?.({ tenantId: bidder.tenantId, tenderId: tender.id });
  }
  return ok({ tender, bid: result.value.bid });
}

/**
 * Open tenders in the asker's organisation, soonest deadline first, with how many bids they have on
 * each: the first PAIRED_LIST_SHOWN of them (one more is read to know whether there are more), then the
 * asker's own bids on just those.
 */
export async function openTenders(deps: BidDeps, bidder: { tenantId: string; id: string }): Promise<ListPage<{ tender: TenderSummary; mine: number }>> {
  const now = deps.clock.now();
  const read = await deps.tenders.openTenderSummaries(bidder.tenantId, now, PAIRED_LIST_SHOWN + 1);
  const shown = read.filter((t) => biddingOpen(t, now).ok).slice(0, PAIRED_LIST_SHOWN);
  const mine = shown.length > 0 ? await deps.tenders.activeBidTenderIds(bidder.tenantId, bidder.id, shown.map((t) => t.id)) : [];
  return { items: shown.map((tender) => ({ tender, mine: mine.filter((id) => id === tender.id).length })), more: read.length > PAIRED_LIST_SHOWN };
}

/** The asker's newest bids (PAIRED_LIST_SHOWN of them, one more read to know whether there are more) and just those bids' tenders. */
export async function myBids(deps: BidDeps, bidder: { tenantId: string; id: string }): Promise<ListPage<{ tender: TenderSummary; bid: BidSummary }>> {
  const read = await deps.tenders.bidSummariesOfBidder(bidder.tenantId, bidder.id, PAIRED_LIST_SHOWN + 1);
  const bids = read.slice(0, PAIRED_LIST_SHOWN);
  const tenders = await deps.tenders.tenderSummaries(bidder.tenantId, bids.map((b) => b.tenderId));
  const byId = new Map(tenders.map((t) => [t.id, t]));
  const items = bids.flatMap((bid) => {
    const tender = byId.get(bid.tenderId);
    return tender ? [{ tender, bid }] : [];
  });
  return { items, more: read.length > PAIRED_LIST_SHOWN };
}

/** The bids' own notices: a bidder's receipt, drawn from the bid as stored when it is sent (numbered by then). */
export const bidNotices: Pick<NoticeRenderers, 'bid.receipt'> = {
  'bid.receipt': async (deps, n) => {
    const found = await numberedBidAndTender(deps, n.tenantId, n.subject.tenderId, n.subject.bidId);
    return found && { notice: { kind: 'bid.receipt', ...found, change: n.subject.change }, locale: n.subject.locale };
  },
};
