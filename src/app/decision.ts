// The kernegruppe screens the bids after the deadline: shortlist, reject (with a reason) or put back to
// submitted, by the rights table: shortlisting prepares (udkast), rejecting decides (beslut). Each change is one etag write of the bid (with its history
// entry) and one 1:1 notice to the bidder through the outbox, keyed by the change, so a double click or
// two members at once change it once and tell once. Only the group's managers act; anyone else is
// refused before anything is written.

import { isAdmin, isMemberOf, mayDo } from '../domain/actor.js';
import { screeningRight, type RightAction } from '../domain/rights.js';
import type { Bid } from '../domain/bid.js';
import { decidable, screenBid, statusChangeSeq, type DecisionError, type Screening } from '../domain/decision.js';
import { fail, ok, type Result } from '../domain/result.js';
import type { Tender } from '../domain/tender.js';
import type { Acting } from './directory-admin.js';
import type { NoticeRenderers } from './notice-kinds.js';
import { enqueueNotices, noticeId } from './notices.js';
import type { Clock, OutboxNotice, OutboxRepository, PersonAddress, TenderRepository, Versioned } from './ports.js';

export interface DecisionDeps {
  readonly tenders: TenderRepository;
  readonly clock: Clock;
  readonly outbox: OutboxRepository;
}

/** A member refused by the rights table: 'DECISION.NOT_MANAGER' lacks udkast (prepare), 'AWARD.NOT_TOVHOLDER' lacks beslut. */
export type AccessError = 'BID.NOT_FOUND' | 'DECISION.NOT_MANAGER' | 'AWARD.NOT_TOVHOLDER';
export const RIGHT_OF_ACCESS_ERROR: Record<Exclude<AccessError, 'BID.NOT_FOUND'>, RightAction> = { 'DECISION.NOT_MANAGER': 'udkast', 'AWARD.NOT_TOVHOLDER': 'beslut' };

/**
 * Records the group's decisions (the `beslut` right): by default the tovholder, seed 000: "ansvarlig
 * for gruppens arbejde"; an admin stands in.
 */
export const awardsFor = (acting: Acting, groupId: string): boolean => mayDo(acting.actor, groupId, 'beslut');

/**
 * The bid and its tender, for someone with the right `need`: 'manage' (udkast: shortlist, reset a
 * shortlisted bid), 'award' (beslut), or the right a screening takes from the bid's status.
 * To anyone outside the group the bid does not exist; a member without the right is told why.
 */
export async function bidToDecide(
  deps: Pick<DecisionDeps, 'tenders'>,
  acting: Acting,
  bidId: string,
  need: 'manage' | 'award' | ((bid: Bid) => RightAction),
): Promise<Result<{ bid: Versioned<Bid>; tender: Tender }, AccessError>> {
  const { actor } = acting;
  const bid = await deps.tenders.getBid(actor.tenantId, bidId);
  if (!bid) return fail('BID.NOT_FOUND');
  const tender = await deps.tenders.getTender(actor.tenantId, bid.value.tenderId);
  if (!tender) return fail('BID.NOT_FOUND');
  const groupId = tender.value.groupId;
  const right = need === 'manage' ? 'udkast' : need === 'award' ? 'beslut' : need(bid.value);
  if (!mayDo(actor, groupId, right)) return fail(isMemberOf(actor, groupId) || isAdmin(actor) ? (right === 'udkast' ? 'DECISION.NOT_MANAGER' : 'AWARD.NOT_TOVHOLDER') : 'BID.NOT_FOUND');
  return ok({ bid, tender: tender.value });
}

const personOf = (bid: Bid): PersonAddress => ({ tenantId: bid.tenantId, userId: bid.bidderId, teamsId: bid.bidderTeamsId, serviceUrl: bid.serviceUrl });

/** The bidder told 1:1 of the change that put the bid in its current status (one notice per change). */
export function statusNotice(bid: Bid, now: Date): OutboxNotice | undefined {
  const seq = statusChangeSeq(bid);
  if (seq === undefined) return undefined;
  const at = now.toISOString();
  return {
    id: noticeId(`decision|${bid.id}|${seq}`, bid.bidderId),
    tenantId: bid.tenantId,
    subject: { kind: 'decision.status', tenderId: bid.tenderId, bidId: bid.id, seq },
    to: { kind: 'person', person: personOf(bid) },
    status: 'pending',
    attempts: 0,
    createdAt: at,
    updatedAt: at,
  };
}

export type ScreenError = AccessError | DecisionError | 'DECISION.TENDER_OPEN' | 'DECISION.TENDER_CANCELLED' | 'BID.BUSY';

/** Shortlist, reject or reset one bid; `unchanged` when it already was so (nobody is told again). */
export async function screen(
  deps: DecisionDeps,
  acting: Acting,
  bidId: string,
  to: Screening,
  reason: string,
): Promise<Result<{ tender: Tender; bid: Bid; unchanged: boolean }, ScreenError>> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const found = await bidToDecide(deps, acting, bidId, (b) => screeningRight(b.status, to));
    if (!found.ok) return found;
    const { bid, tender } = found.value;
    const now = deps.clock.now();
    const open = decidable(tender, now);
    if (!open.ok) return open;
    const changed = screenBid(bid.value, to, reason, acting.actor.personId, now);
    if (!changed.ok) return changed;
    if (changed.value.unchanged) return ok({ tender, bid: bid.value, unchanged: true });
    if ((await deps.tenders.saveBid(changed.value.bid, bid.etag)) === 'conflict') continue;
    const notice = statusNotice(changed.value.bid, now);
    if (notice) await enqueueNotices(deps, [notice]);
    return ok({ tender, bid: changed.value.bid, unchanged: false });
  }
  return fail('BID.BUSY');
}

/** The bidder's notice, drawn from the bid as stored: the change it is about, as its history says. */
export const decisionNotices: Pick<NoticeRenderers, 'decision.status'> = {
  'decision.status': async (deps, n) => {
    const [bid, tender] = await Promise.all([deps.tenders.getBid(n.tenantId, n.subject.bidId), deps.tenders.getTender(n.tenantId, n.subject.tenderId)]);
    const change = bid?.value.history[n.subject.seq - 1];
    if (!bid || !tender || !change) return undefined;
    return { notice: { kind: 'decision.status', tender: tender.value, bid: bid.value, change }, locale: bid.value.receiptLocale ?? 'da' };
  },
};
