// Handlers for the kernegruppe's decisions on bids: the bid detail with the decision part, shortlist,
// reject (asked first, a reason required), back to submitted, and the award form and its submission.
// Each validates the card's data, calls one use case and picks a view; result codes become text here.

import { z } from 'zod';
import { managesTendersOf } from '../../domain/actor.js';
import { whoMayFor } from '../../app/rights.js';
import { rightsRefusalCard } from '../cards/rights-views.js';
import { decidable } from '../../domain/decision.js';
import type { AwardInput } from '../../domain/decision.js';
import { whoIsActing, type Acting } from '../../app/directory-admin.js';
import { bidDetail, type TenderDeps } from '../../app/tenders.js';
import { bidToDecide, awardsFor, RIGHT_OF_ACCESS_ERROR, screen, type DecisionDeps } from '../../app/decision.js';
import { awardBid, awardForm, type AwardDeps } from '../../app/award.js';
import { bidDetailCard, BID_TEXT_FIELDS } from '../cards/bid-views.js';
import { awardDoneCard, awardFormCard, decisionPart, doneText, rejectAskCard, type AwardValues } from '../cards/decision-views.js';
import { FROM } from '../cards/tender-card-parts.js';
import type { CardJson } from '../cards/render-card.js';
import { noticeCard } from '../cards/views.js';
import { text, type TextKey } from '../i18n/text.js';
import type { Turn } from './turn.js';

export type DecisionHandlerDeps = TenderDeps & DecisionDeps & AwardDeps;

const Id = z.string().min(1).max(100);
export const DecisionBidData = z.object({ bidId: Id }).passthrough();
const BidDetailData = z.object({ bidId: Id, after: z.string().regex(/^\d{1,9}$/).optional(), from: z.enum(FROM).optional(), field: z.enum(BID_TEXT_FIELDS).optional() });
/** What a person types may be long; the use case says so at the field, but a card never sends megabytes. */
const Typed = z.string().max(20_000).optional();
const RejectData = z.object({ bidId: Id, reason: Typed });
const AwardData = z.object({
  bidId: Id,
  period: Typed,
  responsible: Typed,
  expectedEffect: Typed,
  startDate: Typed,
  evaluationDate: Typed,
  overrideReason: Typed,
});

const ERROR_TEXT: Record<string, TextKey> = {
  'BID.NOT_FOUND': 'error.bidNotFound',
  'TENDER.NOT_MEMBER': 'error.notMember',
  'DECISION.NOT_MANAGER': 'error.decision.notManager',
  'AWARD.NOT_TOVHOLDER': 'error.award.notTovholder',
  'DECISION.TENDER_OPEN': 'error.decision.tenderOpen',
  'DECISION.TENDER_CANCELLED': 'error.decision.tenderCancelled',
  'DECISION.WITHDRAWN': 'error.decision.withdrawn',
  'DECISION.ALREADY_DECIDED': 'error.decision.alreadyDecided',
  'DECISION.REASON_TOO_LONG': 'error.decision.reasonTooLong',
  'BID.BUSY': 'error.decision.busy',
  'AWARD.NOT_AWARDABLE': 'error.award.notAwardable',
  'CATALOGUE.DECIDED': 'error.award.catalogueDecided',
  'CATALOGUE.FULL': 'error.award.full',
  'CATALOGUE.BUSY': 'error.award.busy',
};

function refusal(turn: Turn, code: string, input?: string): CardJson {
  const key = ERROR_TEXT[code];
  if (!key) throw new Error(`no text for result code ${code}`);
  return noticeCard(turn.who.locale, { text: text(turn.who.locale, key, { limit: 1000 }), style: 'attention', input });
}

/** A refusal by the rights table names who may and whom to ask (one read of the bid, on the refusal only); any other code as its text. */
async function refused(deps: DecisionHandlerDeps, turn: Turn, who: Acting, code: string, bidId: string, input?: string): Promise<CardJson> {
  const action = (RIGHT_OF_ACCESS_ERROR as Record<string, (typeof RIGHT_OF_ACCESS_ERROR)[keyof typeof RIGHT_OF_ACCESS_ERROR] | undefined>)[code];
  if (!action) return refusal(turn, code, input);
  return rightsRefusalCard(turn.who.locale, await whoMayFor(deps, who, { bidId }, action), input);
}

const acting = (deps: DecisionHandlerDeps, turn: Turn): Promise<Acting> => whoIsActing(deps, turn.who.tenantId, turn.who.userId, turn.who.userName);

/** "Detaljer": the bid in full, with what the viewer may decide about it. */
export async function bid(deps: DecisionHandlerDeps, turn: Turn, raw: Record<string, unknown>, done?: string): Promise<CardJson> {
  const data = BidDetailData.parse(raw);
  const who = await acting(deps, turn);
  const result = await bidDetail(deps, who, data.bidId);
  if (!result.ok) return refusal(turn, result.code);
  const { tender, bid: shown } = result.value;
  const rights = { manages: managesTendersOf(who.actor, tender.groupId), awards: awardsFor(who, tender.groupId), decidable: decidable(tender, deps.clock.now()).ok };
  return bidDetailCard(turn.who.locale, tender, shown, { after: data.after, from: data.from, field: data.field }, { decision: decisionPart(turn.who.locale, tender, shown, rights, done) });
}

async function detailAfter(deps: DecisionHandlerDeps, turn: Turn, who: Acting, bidId: string, done: string): Promise<CardJson> {
  const found = await bidToDecide(deps, who, bidId, 'award');
  if (!found.ok) return refused(deps, turn, who, found.code, bidId);
  const { tender, bid: b } = found.value;
  const rights = { manages: managesTendersOf(who.actor, tender.groupId), awards: awardsFor(who, tender.groupId), decidable: decidable(tender, deps.clock.now()).ok };
  return bidDetailCard(turn.who.locale, tender, b.value, {}, { decision: decisionPart(turn.who.locale, tender, b.value, rights, done) });
}

/** Sæt på kortlisten / Tilbage til indsendt / Afvis (with its reason). */
export async function setStatus(deps: DecisionHandlerDeps, turn: Turn, raw: Record<string, unknown>, to: 'shortlisted' | 'submitted' | 'rejected'): Promise<CardJson> {
  const data = to === 'rejected' ? RejectData.parse(raw) : { ...DecisionBidData.parse(raw), reason: '' };
  const reason = data.reason ?? '';
  const who = await acting(deps, turn);
  const result = await screen(deps, who, data.bidId, to, reason);
  if (!result.ok) {
    // The question comes back with what was typed and the message at the field.
    if (result.code === 'DECISION.REASON_REQUIRED' || result.code === 'DECISION.REASON_TOO_LONG') {
      const found = await bidToDecide(deps, who, data.bidId, 'award');
      if (found.ok) return rejectAskCard(turn.who.locale, found.value.bid.value, reason, text(turn.who.locale, result.code === 'DECISION.REASON_REQUIRED' ? 'error.decision.reasonRequired' : 'error.decision.reasonTooLong', { limit: '1.000' }));
    }
    return refused(deps, turn, who, result.code, data.bidId, reason || undefined);
  }
  const { tender, bid: b, unchanged } = result.value;
  const rights = { manages: managesTendersOf(who.actor, tender.groupId), awards: awardsFor(who, tender.groupId), decidable: true };
  return bidDetailCard(turn.who.locale, tender, b, {}, { decision: decisionPart(turn.who.locale, tender, b, rights, doneText(turn.who.locale, b, unchanged)) });
}

/** Afvis: ask for the reason first (rights and state checked now, and again on the answer). */
export async function rejectAsk(deps: DecisionHandlerDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const { bidId } = DecisionBidData.parse(raw);
  const who = await acting(deps, turn);
  const found = await bidToDecide(deps, who, bidId, 'award');
  if (!found.ok) return refused(deps, turn, who, found.code, bidId);
  const open = decidable(found.value.tender, deps.clock.now());
  if (!open.ok) return refusal(turn, open.code);
  const b = found.value.bid.value;
  if (b.status === 'withdrawn') return refusal(turn, 'DECISION.WITHDRAWN');
  if (b.status === 'awarded' || b.status === 'selected') return refusal(turn, 'DECISION.ALREADY_DECIDED');
  if (b.status === 'rejected') return detailAfter(deps, turn, who, bidId, doneText(turn.who.locale, b, true));
  return rejectAskCard(turn.who.locale, b);
}

/** Tildel / Indstil til Byrådet: the form. */
export async function awardFormHandler(deps: DecisionHandlerDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const { bidId } = DecisionBidData.parse(raw);
  const who = await acting(deps, turn);
  const result = await awardForm(deps, who, bidId);
  if (!result.ok) return refused(deps, turn, who, result.code, bidId);
  return awardFormCard(turn.who.locale, { form: result.value });
}

/** The award form sent: recorded, or the form back with what was typed and why. */
export async function awardSubmit(deps: DecisionHandlerDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const data = AwardData.parse(raw);
  const input: AwardInput = data;
  const values: Partial<AwardValues> = {
    period: data.period ?? '',
    responsible: data.responsible ?? '',
    expectedEffect: data.expectedEffect ?? '',
    startDate: data.startDate ?? '',
    evaluationDate: data.evaluationDate ?? '',
    overrideReason: data.overrideReason ?? '',
  };
  const who = await acting(deps, turn);
  const result = await awardBid(deps, who, data.bidId, input);
  if (result.ok) return awardDoneCard(turn.who.locale, result.value);
  const form = result.details?.form;
  if (form) {
    const overrideError = result.code === 'CATALOGUE.OVERRIDE_REASON_TOO_SHORT' ? 'short' : result.code === 'CATALOGUE.OVERRIDE_REASON_TOO_LONG' ? 'long' : undefined;
    if (result.code === 'AWARD.INVALID' || result.code === 'CATALOGUE.OVER_FRAME' || overrideError)
      return awardFormCard(turn.who.locale, { form, values, errors: result.details?.errors, over: result.details?.over, overrideError });
  }
  const typed = [data.expectedEffect, data.overrideReason].filter((s) => s && s.trim() !== '').join('\n\n');
  return refused(deps, turn, who, result.code, data.bidId, typed || undefined);
}
