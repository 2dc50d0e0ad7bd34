// Handlers for internt udbud: the kernegruppe's tender forms, publishing, cancelling and reading the
// bids; the employee's bid form, receipt, edit and withdraw. Each validates the card's data at the
// edge, calls one use case and picks a view. Errors become Danish (or English) text here and only here.

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { BidInput, Bidder } from '../../domain/bid.js';
import { localParts } from '../../domain/time.js';
import type { TenderInput } from '../../domain/tender.js';
import { whoIsActing, type Acting } from '../../app/directory-admin.js';
import { bidForEdit, bidView, myBids, openTenders, saveBidEdit, submitBid, tenderOpenForBid, withdraw, type BidDeps, type ReceiptWay } from '../../app/bids.js';
import {
  bidDetail,
  bidOverview,
  cancelTender,
  groupTenders,
  publishTender,
  saveTenderDraft,
  tenderForManager,
  tenderForMember,
  tenderPlaceFor,
  type TenderDeps,
} from '../../app/tenders.js';
import { escapeMarkdown as esc, type CardJson } from '../cards/render-card.js';
import { announcementCard, cancelDoneCard, closedSummaryCard, myBidsCard, myTenderBidsCard, publishRefusedCard, publishReportCard, tenderFormCard, tenderListCard, tenderPreviewCard } from '../cards/tender-views.js';
import { bidDetailCard, BID_TEXT_FIELDS, bidFormCard, bidOverviewCard, bidReceiptCard, confirmCard, lateCard, UNDO_KEY, type LateAction } from '../cards/bid-views.js';
import { bidEcho, bidFormValuesFrom, bidFormValuesOf, tenderFormValuesFrom, tenderFormValuesOf, FROM, type BidFormValues, type From, bidNo } from '../cards/tender-card-parts.js';
import { noticeCard } from '../cards/views.js';
import { text, type TextKey } from '../i18n/text.js';
import { reachableActor, type Turn } from './turn.js';

export type TenderHandlerDeps = TenderDeps & BidDeps;

const Id = z.string().min(1).max(100);
/** Where a card was reached from (see FROM): picks the way back only; the target view checks its own rights. */
const FromField = z.enum(FROM).optional();
const BidNumber = z.string().regex(/^\d{1,9}$/);
export const TenderIdData = z.object({ tenderId: Id }).passthrough();
export const BidIdData = z.object({ bidId: Id }).passthrough();
export const FromData = z.object({ from: FromField }).passthrough();
export const SubmitData = z.object({ tenderId: Id, submissionId: z.string().min(1).max(100), from: FromField }).passthrough();
export const SaveTenderData = z.object({ tenderId: Id.optional(), from: FromField }).passthrough();
export const PageData = z.object({ tenderId: Id, after: BidNumber.optional(), before: BidNumber.optional(), from: FromField });
export const BidDetailData = z.object({ bidId: Id, after: BidNumber.optional(), from: FromField, field: z.enum(BID_TEXT_FIELDS).optional() });
export const CancelData = z.object({ tenderId: Id, reason: z.string().max(5000).optional() });
/** bid.open pressed as the bid form's Fortryd (the route hands openBid the tender id only). */
const UndoData = z.object({ [UNDO_KEY]: z.literal('tender') });

const t = (turn: Turn, key: TextKey, params: Record<string, string | number> = {}) => text(turn.who.locale, key, params);
const refusal = (turn: Turn, key: TextKey, params: Record<string, string | number> = {}, input?: string) =>
  noticeCard(turn.who.locale, { text: t(turn, key, params), style: 'attention', input });

const ERROR_TEXT: Record<string, TextKey> = {
  'DIRECTORY.MISSING': 'error.directoryMissing',
  'TENDER.NOT_IN_KERNEGRUPPE_CHAT': 'error.notKernegruppeChat',
  'TENDER.NOT_MANAGER': 'error.notTenderManager',
  'TENDER.NOT_MEMBER': 'error.notMember',
  'TENDER.NOT_FOUND': 'error.tenderNotFound',
  'TENDER.NOT_DRAFT': 'error.tenderNotDraft',
  'TENDER.DEADLINE_PASSED': 'error.tenderDeadlinePassed',
  'TENDER.NOT_CANCELLABLE': 'error.tenderNotCancellable',
  'TENDER.REASON_MISSING': 'error.reasonMissing',
  'TENDER.REASON_TOO_LONG': 'error.reasonTooLong',
  'TENDER.BUSY': 'error.tenderBusy',
  'BID.BUSY': 'error.tenderBusy',
  'BID.NOT_FOUND': 'error.bidNotFound',
  'BID.WITHDRAWN': 'error.bidWithdrawn',
  'BID.BAD_SUBMISSION': 'error.badActionData',
};

function errorCard(turn: Turn, code: string): CardJson {
  const key = ERROR_TEXT[code];
  if (!key) throw new Error(`no text for result code ${code}`);
  return refusal(turn, key);
}

const acting = (deps: TenderHandlerDeps, turn: Turn): Promise<Acting> => whoIsActing(deps, turn.who.tenantId, turn.who.userId, turn.who.userName);

const bidderOf = (turn: Turn): Bidder & { tenantId: string } => reachableActor(turn);

/** The 1:1 receipt would repeat the card's answer when the person acted in their personal chat with the bot. */
const receiptWay = (turn: Turn): ReceiptWay => {
  const personal = turn.who.conversation.conversationType === 'personal';
  // Teams names the message whose button was pressed in replyToId: the card the answer replaces.
  return { locale: turn.who.locale, toPersonalChat: !personal, cardActivityId: personal ? turn.ctx.activity.replyToId : undefined };
};

function tenderInputOf(raw: Record<string, unknown>): TenderInput {
  return { title: raw.title, description: raw.description, forudsaetninger: raw.forudsaetninger, deadlineDate: raw.deadlineDate, deadlineTime: raw.deadlineTime, budgetKr: raw.budgetKr, decidedBy: raw.decidedBy };
}

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

// ---- the kernegruppe's side ----

/** A new form; the deadline starts two weeks out at noon, Copenhagen time, as a sensible default. */
export async function newTenderForm(deps: TenderHandlerDeps, turn: Turn): Promise<CardJson> {
  const place = tenderPlaceFor(await acting(deps, turn), turn.who.conversation.conversationId);
  if (!place.ok) return errorCard(turn, place.code);
  const { group, kerneopgave } = place.value;
  const inTwoWeeks = localParts(new Date(deps.clock.now().getTime() + 14 * 24 * 3600 * 1000));
  return tenderFormCard(turn.who.locale, {
    groupName: group.name,
    kerneopgaveName: kerneopgave.name,
    choices: kerneopgave.forudsaetninger,
    values: { title: '', description: '', forudsaetninger: '', deadlineDate: inTwoWeeks.date, deadlineTime: '12:00', budgetKr: '', decidedBy: 'kernegruppe' },
    errors: [],
  });
}

export async function saveTender(deps: TenderHandlerDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const data = SaveTenderData.parse(raw);
  const who = await acting(deps, turn);
  const result = await saveTenderDraft(deps, who, turn.who.conversation.conversationId, data.tenderId, tenderInputOf(raw));
  if (result.ok) {
    turn.log.info({ tenderId: result.value.id }, data.tenderId ? 'tender draft edited' : 'tender draft created');
    return tenderPreviewCard(turn.who.locale, result.value);
  }
  if (result.code === 'TENDER.INVALID') {
    // The form comes back with what the person wrote, and each problem at its field.
    const existing = data.tenderId ? await tenderForManager(deps, who, data.tenderId) : undefined;
    const place = existing?.ok
      ? { groupName: existing.value.value.groupName, kerneopgaveName: existing.value.value.kerneopgaveName, choices: existing.value.value.catalog.filter((c) => c.kerneopgave === existing.value.value.kerneopgave) }
      : (() => {
          const p = tenderPlaceFor(who, turn.who.conversation.conversationId);
          return p.ok ? { groupName: p.value.group.name, kerneopgaveName: p.value.kerneopgave.name, choices: p.value.kerneopgave.forudsaetninger } : undefined;
        })();
    if (place) return tenderFormCard(turn.who.locale, { tenderId: data.tenderId, ...place, values: tenderFormValuesFrom(raw), errors: result.details ?? [], from: data.from });
  }
  return errorCard(turn, result.code);
}

export async function editTenderForm(deps: TenderHandlerDeps, turn: Turn, tenderId: string, from?: From): Promise<CardJson> {
  const found = await tenderForManager(deps, await acting(deps, turn), tenderId);
  if (!found.ok) return errorCard(turn, found.code);
  const tender = found.value.value;
  if (tender.status !== 'draft') return errorCard(turn, 'TENDER.NOT_DRAFT');
  return tenderFormCard(turn.who.locale, {
    tenderId,
    groupName: tender.groupName,
    kerneopgaveName: tender.kerneopgaveName,
    choices: tender.catalog.filter((c) => c.kerneopgave === tender.kerneopgave),
    values: tenderFormValuesOf(tender),
    errors: [],
    from,
  });
}

/** The draft edit form's Fortryd: the draft as it is stored, nothing saved. */
export async function draftPreview(deps: TenderHandlerDeps, turn: Turn, tenderId: string): Promise<CardJson> {
  const found = await tenderForManager(deps, await acting(deps, turn), tenderId);
  if (!found.ok) return errorCard(turn, found.code);
  if (found.value.value.status !== 'draft') return errorCard(turn, 'TENDER.NOT_DRAFT');
  return tenderPreviewCard(turn.who.locale, found.value.value);
}

export async function publish(deps: TenderHandlerDeps, turn: Turn, tenderId: string): Promise<CardJson> {
  const result = await publishTender(deps, await acting(deps, turn), tenderId);
  if (!result.ok) {
    if ((result.code === 'TENDER.NO_ANNOUNCEMENT_CHANNEL' || result.code === 'TENDER.NOT_ANNOUNCED') && result.details) {
      turn.log.warn({ tenderId, code: result.code, outcomes: result.details.outcomes }, 'tender not published: no announcement channel reached');
      return publishRefusedCard(turn.who.locale, result.details.tender, result.details.outcomes);
    }
    return errorCard(turn, result.code);
  }
  turn.log.info({ tenderId, outcomes: result.value.outcomes }, 'tender published');
  return publishReportCard(turn.who.locale, result.value.tender, result.value.outcomes);
}

function cancelQuestion(turn: Turn, tenderId: string, title: string, reason: string, error?: string): CardJson {
  return confirmCard(turn.who.locale, {
    title: t(turn, 'tender.cancelAsk.title'),
    text: t(turn, 'tender.cancelAsk.text', { title: esc(title) }),
    confirmTitle: t(turn, 'tender.cancelAsk.confirm'),
    confirmVerb: 'tender.cancel',
    confirmData: { tenderId },
    backVerb: 'tender.list',
    backData: {},
    reason: { label: t(turn, 'tender.cancelAsk.reason'), value: reason, error },
  });
}

export async function cancelAsk(deps: TenderHandlerDeps, turn: Turn, tenderId: string): Promise<CardJson> {
  const found = await tenderForManager(deps, await acting(deps, turn), tenderId);
  if (!found.ok) return errorCard(turn, found.code);
  if (found.value.value.status === 'cancelled') return errorCard(turn, 'TENDER.NOT_CANCELLABLE');
  return cancelQuestion(turn, tenderId, found.value.value.title, '');
}

export async function cancel(deps: TenderHandlerDeps, turn: Turn, tenderId: string, reason: string): Promise<CardJson> {
  const result = await cancelTender(deps, await acting(deps, turn), tenderId, reason);
  if (!result.ok) {
    if (result.code === 'TENDER.REASON_MISSING' || result.code === 'TENDER.REASON_TOO_LONG') {
      const found = await deps.tenders.getTender(turn.who.tenantId, tenderId);
      return cancelQuestion(turn, tenderId, found?.value.title ?? '', reason, t(turn, ERROR_TEXT[result.code]!));
    }
    return errorCard(turn, result.code);
  }
  const { tender, biddersTold, biddersNotReached } = result.value;
  turn.log.info({ tenderId, biddersTold, biddersNotReached }, 'tender cancelled');
  return cancelDoneCard(turn.who.locale, tender, { told: biddersTold, notReached: biddersNotReached });
}

/**
 * "udbud": in a kernegruppe's chat its members see the group's tenders; anywhere else, the open ones.
 * Typed in the chat, the list is posted for everyone there (`shared`): it offers what every member may
 * do, and each reader's own view (a manager's Ret kladde, Offentliggør, Annullér udbud) comes through
 * its refresh; pressed (tender.list), it is the presser's own view.
 */
export async function tenders(deps: TenderHandlerDeps, turn: Turn, opts: { shared?: boolean } = {}): Promise<CardJson> {
  const who = await acting(deps, turn);
  const group = await groupTenders(deps, who, turn.who.conversation.conversationId);
  if (group.ok) {
    return tenderListCard(turn.who.locale, {
      title: t(turn, 'tenders.groupTitle', { group: esc(group.value.group.name) }),
      empty: t(turn, 'tenders.groupEmpty'),
      items: group.value.tenders.map((tender) => ({ tender })),
      more: group.value.more,
      now: deps.clock.now(),
      mode: 'group',
      manages: group.value.manages,
      shared: opts.shared ?? false,
    });
  }
  const open = await openTenders(deps, bidderOf(turn));
  return tenderListCard(turn.who.locale, { title: t(turn, 'tenders.openTitle'), empty: t(turn, 'tenders.openEmpty'), items: open.items, more: open.more, now: deps.clock.now(), mode: 'open' });
}

export async function bids(deps: TenderHandlerDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const data = PageData.parse(raw);
  const page = { after: data.after === undefined ? undefined : Number(data.after), before: data.before === undefined ? undefined : Number(data.before) };
  const result = await bidOverview(deps, await acting(deps, turn), data.tenderId, page);
  if (!result.ok) return errorCard(turn, result.code);
  const { tender, bids: shown, hasNext, hasPrevious } = result.value;
  return bidOverviewCard(turn.who.locale, tender, shown, { hasNext, hasPrevious }, deps.clock.now(), data.from);
}

export async function bid(deps: TenderHandlerDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const data = BidDetailData.parse(raw);
  const result = await bidDetail(deps, await acting(deps, turn), data.bidId);
  if (!result.ok) return errorCard(turn, result.code);
  return bidDetailCard(turn.who.locale, result.value.tender, result.value.bid, { after: data.after, from: data.from, field: data.field });
}

/** Tilbage from the bids to the "tender closed" notice they were opened from, for the group's members. */
export async function closedNotice(deps: TenderHandlerDeps, turn: Turn, tenderId: string): Promise<CardJson> {
  const found = await tenderForMember(deps, await acting(deps, turn), tenderId);
  if (!found.ok) return errorCard(turn, found.code);
  return closedSummaryCard(turn.who.locale, found.value);
}

// ---- the employee's side ----

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

export async function submit(deps: TenderHandlerDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const data = SubmitData.parse(raw);
  const values = bidFormValuesFrom(raw);
  const result = await submitBid(deps, bidderOf(turn), data.tenderId, data.submissionId, bidInputOf(values), receiptWay(turn));
  if (result.ok) {
    turn.log.info({ tenderId: data.tenderId, bidId: result.value.bid.id, duplicate: result.value.duplicate }, 'bid submitted');
    return bidReceiptCard(turn.who.locale, result.value.tender, result.value.bid, deps.clock.now(), 'submitted', data.from);
  }
  const tender = (await deps.tenders.getTender(turn.who.tenantId, data.tenderId))?.value;
  if (tender && result.code === 'BID.INVALID')
    return bidFormCard(turn.who.locale, { tender, submissionId: data.submissionId, values, errors: result.details ?? [], from: data.from });
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
    if (own.ok) return bidFormCard(turn.who.locale, { tender: own.value.tender, bidId, values, errors: result.details ?? [], from });
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
