// Handlers for evaluating bids: the evaluation form and its save, and the kernegruppe's bid overview
// and bid detail with the members' assessments on them (the routes `tender.bids` and `tender.bid` come
// here, so the overview can sort by assessment and the detail can offer Vurdér). Each validates the
// card's data at the edge, calls the use cases and picks a view; codes become words only here.

import { z } from 'zod';
import { managesTendersOf } from '../../domain/actor.js';
import { mayAsk } from '../../domain/konkretisering-rules.js';
import { decidable } from '../../domain/decision.js';
import { awardsFor } from '../../app/decision.js';
import { decisionPart } from '../cards/decision-views.js';
import { whoIsActing, type Acting } from '../../app/directory-admin.js';
import { assessmentOfBid, evaluationForm, overviewByAssessment, overviewByNumber, saveEvaluation, type EvaluationDeps } from '../../app/evaluation.js';
import { bidDetail, type TenderDeps } from '../../app/tenders.js';
import { bidDetailCard, bidOverviewCard } from '../cards/bid-views.js';
import type { CardJson } from '../cards/render-card.js';
import { evaluationFormCard, evaluationInputOf, evaluationRefusedCard, evaluationSavedCard, evaluationValuesFrom, evaluationValuesOf, type EvaluationBack } from '../cards/evaluation-views.js';
import { noticeCard } from '../cards/views.js';
import { text, type TextKey } from '../i18n/text.js';
import { BidDetailData, PageData } from './tender-handlers.js';
import type { Turn } from './turn.js';

export type EvaluationHandlerDeps = TenderDeps & EvaluationDeps;

const Id = z.string().min(1).max(100);
const BidNumber = z.string().regex(/^\d{1,9}$/);
const FromField = z.enum(['list', 'closed', 'mine']).optional();
/** The overview's order; `page` counts pages in assessment order (number order pages by `after`/`before`). */
const Order = { sort: z.enum(['number', 'score']).optional(), page: z.string().regex(/^\d{1,4}$/).optional() };
const OverviewData = PageData.extend(Order);
const DetailData = BidDetailData.extend(Order);
const EvaluationData = z.object({ bidId: Id, after: BidNumber.optional(), from: FromField, ...Order }).passthrough();

const ERROR_TEXT: Record<string, TextKey> = {
  'TENDER.NOT_FOUND': 'error.tenderNotFound',
  'TENDER.NOT_MEMBER': 'error.notMember',
  'BID.NOT_FOUND': 'error.bidNotFound',
  'EVALUATION.NOT_MEMBER': 'error.evaluationNotMember',
  'EVALUATION.OWN_BID': 'error.evaluationOwnBid',
  'EVALUATION.WITHDRAWN': 'error.evaluationWithdrawn',
  'EVALUATION.NOT_NUMBERED': 'error.evaluationNotNumbered',
};

function errorText(turn: Turn, code: string): string {
  const key = ERROR_TEXT[code];
  if (!key) throw new Error(`no text for result code ${code}`);
  return text(turn.who.locale, key);
}

const errorCard = (turn: Turn, code: string): CardJson => noticeCard(turn.who.locale, { text: errorText(turn, code), style: 'attention' });

const acting = (deps: EvaluationHandlerDeps, turn: Turn): Promise<Acting> => whoIsActing(deps, turn.who.tenantId, turn.who.userId, turn.who.userName);

const backOf = (d: { after?: string | undefined; from?: EvaluationBack['from']; sort?: EvaluationBack['sort']; page?: string | undefined }): EvaluationBack => ({ after: d.after, from: d.from, sort: d.sort, page: d.page });

/** "Se bud": the bids by number (or by the members' assessment when asked), each with its combined assessment. */
export async function bids(deps: EvaluationHandlerDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const data = OverviewData.parse(raw);
  const who = await acting(deps, turn);
  const result =
    data.sort === 'score'
      ? await overviewByAssessment(deps, who, data.tenderId, Number(data.page ?? '0'))
      : await overviewByNumber(deps, who, data.tenderId, { after: data.after === undefined ? undefined : Number(data.after), before: data.before === undefined ? undefined : Number(data.before) });
  if (!result.ok) return errorCard(turn, result.code);
  const { tender, bids: shown, hasNext, hasPrevious, assessments, page } = result.value;
  return bidOverviewCard(turn.who.locale, tender, shown, { hasNext, hasPrevious }, deps.clock.now(), data.from, { byBid: assessments, sort: data.sort ?? 'number', page });
}

/** "Detaljer": one bid in full, with the reader's own evaluation and the group's combined one (none for its bidder). */
export async function bid(deps: EvaluationHandlerDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const data = DetailData.parse(raw);
  const who = await acting(deps, turn);
  const result = await bidDetail(deps, who, data.bidId);
  if (!result.ok) return errorCard(turn, result.code);
  const { tender, bid: found } = result.value;
  // A text shown alone ("Læs hele") is about the bid's words, not its evaluations.
  const assessment = data.field ? undefined : await assessmentOfBid(deps, who, tender, found);
  // What the konkretisering part shows and offers: by the server's clock, and only a manager may ask.
  const now = deps.clock.now();
  const reader = { now, manages: managesTendersOf(who.actor, found.groupId ?? tender.groupId), askable: mayAsk(tender, found, now).ok };
  // The decisions the reader may make on it: the group's managers shortlist and reject, the tovholder awards.
  const rights = { manages: managesTendersOf(who.actor, tender.groupId), awards: awardsFor(who, tender.groupId), decidable: decidable(tender, now).ok };
  const decision = decisionPart(turn.who.locale, tender, found, rights);
  return bidDetailCard(turn.who.locale, tender, found, { after: data.after, from: data.from, field: data.field, sort: data.sort, page: data.page }, { assessment, reader, decision });
}

/** Vurdér / Ret din vurdering: the form, with the member's own evaluation or the pre-fill. */
export async function form(deps: EvaluationHandlerDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const data = EvaluationData.parse(raw);
  const result = await evaluationForm(deps, await acting(deps, turn), data.bidId);
  if (!result.ok) return errorCard(turn, result.code);
  const { bid: found, mine } = result.value;
  return evaluationFormCard(turn.who.locale, { bid: found, values: evaluationValuesOf(found, mine), errors: [], mine, back: backOf(data) });
}

/** Gem vurdering: stored (replacing the member's earlier one), or the form back with what was typed. */
export async function save(deps: EvaluationHandlerDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const data = EvaluationData.parse(raw);
  const values = evaluationValuesFrom(raw);
  const result = await saveEvaluation(deps, await acting(deps, turn), data.bidId, evaluationInputOf(values));
  if (result.ok) {
    turn.log.info({ bidId: data.bidId, tenderId: result.value.bid.tenderId }, 'bid evaluated');
    return evaluationSavedCard(turn.who.locale, result.value.bid, result.value.evaluation, backOf(data));
  }
  if (result.code === 'EVALUATION.INVALID' && result.details?.bid)
    return evaluationFormCard(turn.who.locale, { bid: result.details.bid, values, errors: result.details.errors, mine: undefined, back: backOf(data) });
  return evaluationRefusedCard(turn.who.locale, errorText(turn, result.code), values);
}
