// Handlers for internt udbud, the employee's side: "Byd ind" and the bid form, the receipt, editing
// and withdrawing a bid, and `mine bud`. The kernegruppe's side is in tender-handlers.ts. Each
// validates the card's data at the edge, calls one use case and picks a view. Errors become Danish
// (or English) text here and only here.

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { pickedCoBidderIds, type BidInput } from '../../domain/bid.js';
import type { Telemetry } from '../../app/ports.js';
import { bidForEdit, bidView, myBids, saveBidEdit, submitBid, tenderOpenForBid, withdraw, type ReceiptWay } from '../../app/bids.js';
import { escapeMarkdown as esc, type CardJson } from '../cards/render-card.js';
import { announcementCard } from '../cards/tender-announcement-views.js';
import { myBidsCard, myTenderBidsCard } from '../cards/my-bids-views.js';
import { bidFormCard, bidReceiptCard, confirmCard, lateCard, UNDO_KEY, type LateAction } from '../cards/bid-views.js';
import { bidEcho, bidFormValuesFrom, bidFormValuesOf, type BidFormValues, type From, bidNo } from '../cards/tender-card-parts.js';
import { BidIdData, bidderOf, errorCard, FromData, FromField, Id, t, type TenderHandlerDeps } from './tender-handler-parts.js';
import type { Turn } from './turn.js';

export const SubmitData = z.object({ tenderId: Id, submissionId: z.string().min(1).max(100), from: FromField }).passthrough();
/** bid.open pressed as the bid form's Fortryd (the route hands openBid the tender id only). */
const UndoData = z.object({ [UNDO_KEY]: z.literal('tender') });

/** The 1:1 receipt would repeat the card's answer when the person acted in their personal chat with the bot. */
const receiptWay = (turn: Turn): ReceiptWay => {
  const personal = turn.who.conversation.conversationType === 'personal';
  // Teams names the message whose button was pressed in replyToId: the card the answer replaces.
  return { locale: turn.who.locale, toPersonalChat: !personal, cardActivityId: personal ? turn.ctx.activity.replyToId : undefined };
};

function bidInputOf(v: BidFormValues): BidInput {
  return {
    title: v.title,
    description: v.description,
    howItHelps: v.howItHelps,
    forudsaetninger: v.forudsaetninger,
    roles: { kommunen: v.roleKommunen, borgeren: v.roleBorgeren, familien: v.roleFamilien, lokalsamfundet: v.roleLokalsamfundet, arbejdsgiveren: v.roleArbejdsgiveren },
    coBidders: v.coBidders,
    participate: v.participate,
  };
}

function freshBidForm(turn: Turn, tender: Parameters<typeof bidFormCard>[1]['tender'], from?: From): CardJson {
  return bidFormCard(turn.who.locale, { tender, submissionId: randomUUID(), values: bidFormValuesFrom({ participate: 'false' }), errors: [], from });
}

/** Whether this bid.open is the bid form's Fortryd, from the pressed button's data. */
export const isUndo = (data: Record<string, unknown>): boolean => UndoData.safeParse(data).success;

/**
 * "Byd ind" and the automatic refresh: the person's own bids on the tender, or a fresh form. The bid
 * form's Fortryd goes back to the tender: their bids on it, or the announcement with "Byd ind".
 */
export async function openBid(deps: TenderHandlerDeps, turn: Turn, tenderId: string, undo = false, from?: From): Promise<CardJson> {
  const view = await bidView(deps, bidderOf(turn), tenderId);
  if (!view.ok) return errorCard(turn, view.code);
  const now = deps.clock.now();
  const { tender, mine, open } = view.value;
  if (mine.length > 0) return myTenderBidsCard(turn.who.locale, tender, mine, now, from);
  return !undo && open ? freshBidForm(turn, tender, from) : announcementCard(turn.who.locale, tender, now, []);
}

export async function newBidForm(deps: TenderHandlerDeps, turn: Turn, tenderId: string, from?: From): Promise<CardJson> {
  const open = await tenderOpenForBid(deps, turn.who.tenantId, tenderId);
  if (open.ok) return freshBidForm(turn, open.value, from);
  // Closed or cancelled: the announcement as it now is, from the tender already read.
  return open.details ? announcementCard(turn.who.locale, open.details, deps.clock.now(), []) : errorCard(turn, 'TENDER.NOT_FOUND');
}

const lateReason = (code: string) => (code === 'TENDER.CANCELLED' ? 'cancelled' : code === 'TENDER.NOT_OPEN' ? 'not-open' : 'deadline');
const isLate = (code: string) => code === 'TENDER.DEADLINE_PASSED' || code === 'TENDER.CANCELLED' || code === 'TENDER.NOT_OPEN';

/**
 * A form that comes back with a problem shows the co-bidders picked by name: the picker sends ids only,
 * so their names are read from the roster (a point read each, at most MAX_CO_BIDDERS).
 */
async function withPickedNames(deps: TenderHandlerDeps, turn: Turn, values: BidFormValues): Promise<BidFormValues> {
  const ids = pickedCoBidderIds(values.coBidders, turn.who.userId);
  if (!ids.ok || !ids.value || ids.value.length === 0) return values;
  return { ...values, coBidderPeople: await deps.directories.peopleByIds(turn.who.tenantId, ids.value) };
}

export async function submit(deps: TenderHandlerDeps & { readonly telemetry?: Telemetry | undefined }, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const data = SubmitData.parse(raw);
  const values = bidFormValuesFrom(raw);
  const result = await submitBid(deps, bidderOf(turn), data.tenderId, data.submissionId, bidInputOf(values), receiptWay(turn));
  if (result.ok) {
    turn.log.info({ tenderId: data.tenderId, bidId: result.value.bid.id, duplicate: result.value.duplicate }, 'bid submitted');
    if (!result.value.duplicate) deps.telemetry?.count('bids.submitted', 1, { 'enduser.tenant_id': turn.who.tenantId });
    return bidReceiptCard(turn.who.locale, result.value.tender, result.value.bid, deps.clock.now(), 'submitted', data.from);
  }
  const tender = (await deps.tenders.getTender(turn.who.tenantId, data.tenderId))?.value;
  if (tender && result.code === 'BID.INVALID')
    return bidFormCard(turn.who.locale, { tender, submissionId: data.submissionId, values: await withPickedNames(deps, turn, values), errors: result.details ?? [], from: data.from });
  if (tender && tender.status !== 'draft' && isLate(result.code)) {
    turn.log.info({ tenderId: data.tenderId, code: result.code }, 'late bid refused');
    return lateCard(turn.who.locale, { tender, reason: lateReason(result.code), echo: bidEcho(turn.who.locale, values) });
  }
  return errorCard(turn, isLate(result.code) ? 'TENDER.NOT_FOUND' : result.code);
}

export async function editBidForm(deps: TenderHandlerDeps, turn: Turn, bidId: string, from?: From): Promise<CardJson> {
  const result = await bidForEdit(deps, bidderOf(turn), bidId);
  if (result.ok) return bidFormCard(turn.who.locale, { tender: result.value.tender, bidId, values: bidFormValuesOf(result.value.bid), errors: [], from });
  return lateOrError(deps, turn, bidId, result.code, 'openEdit');
}

/**
 * Refuses a change to a bid on a tender that has closed or been cancelled. What the person typed (an
 * edit) is shown back to copy; a button pressed on an old card or receipt typed nothing, so it gets
 * the refusal alone, not the stored bid dressed up as "what you wrote".
 */
async function lateOrError(deps: TenderHandlerDeps, turn: Turn, bidId: string, code: string, action: Exclude<LateAction, 'submit'>, typed?: BidFormValues): Promise<CardJson> {
  if (isLate(code)) {
    const own = await deps.tenders.getBid(turn.who.tenantId, bidId);
    const tender = own && own.value.bidderId === turn.who.userId ? (await deps.tenders.getTender(turn.who.tenantId, own.value.tenderId))?.value : undefined;
    if (own && tender) return lateCard(turn.who.locale, { tender, reason: lateReason(code), action, echo: typed ? bidEcho(turn.who.locale, typed) : [] });
  }
  return errorCard(turn, code);
}

export async function saveBid(deps: TenderHandlerDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const { bidId } = BidIdData.parse(raw);
  const { from } = FromData.parse(raw);
  const values = bidFormValuesFrom(raw);
  const result = await saveBidEdit(deps, bidderOf(turn), bidId, bidInputOf(values), receiptWay(turn));
  if (result.ok) {
    turn.log.info({ bidId }, 'bid edited');
    return bidReceiptCard(turn.who.locale, result.value.tender, result.value.bid, deps.clock.now(), 'edited', from);
  }
  if (result.code === 'BID.INVALID') {
    const own = await bidForEdit(deps, bidderOf(turn), bidId);
    if (own.ok) return bidFormCard(turn.who.locale, { tender: own.value.tender, bidId, values: await withPickedNames(deps, turn, values), errors: result.details ?? [], from });
  }
  return lateOrError(deps, turn, bidId, result.code, 'edit', values);
}

export async function withdrawAsk(deps: TenderHandlerDeps, turn: Turn, bidId: string, from?: From): Promise<CardJson> {
  const result = await bidForEdit(deps, bidderOf(turn), bidId);
  if (!result.ok) return lateOrError(deps, turn, bidId, result.code, 'withdraw');
  const { bid: b, tender } = result.value;
  return confirmCard(turn.who.locale, {
    title: t(turn, 'bid.withdrawAsk.title'),
    text: t(turn, 'bid.withdrawAsk.text', { number: bidNo(b), title: esc(b.title) }),
    confirmTitle: t(turn, 'bid.withdrawAsk.confirm'),
    confirmVerb: 'bid.withdraw',
    confirmData: from ? { bidId, from } : { bidId },
    backVerb: 'bid.open',
    backData: from ? { tenderId: tender.id, from } : { tenderId: tender.id },
  });
}

export async function withdrawConfirmed(deps: TenderHandlerDeps, turn: Turn, bidId: string, from?: From): Promise<CardJson> {
  const result = await withdraw(deps, bidderOf(turn), bidId, receiptWay(turn));
  if (!result.ok) return lateOrError(deps, turn, bidId, result.code, 'withdraw');
  turn.log.info({ bidId }, 'bid withdrawn');
  return bidReceiptCard(turn.who.locale, result.value.tender, result.value.bid, deps.clock.now(), 'withdrawn', from);
}

export async function mine(deps: TenderHandlerDeps, turn: Turn): Promise<CardJson> {
  const page = await myBids(deps, bidderOf(turn));
  return myBidsCard(turn.who.locale, page.items, deps.clock.now(), page.more);
}
