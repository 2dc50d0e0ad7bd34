// Handlers for stage 2, the konkretisering, and the co-bidder picker's people search. Each checks the
// card's data with zod, calls one use case and picks a view; result codes become text only here.

import { z } from 'zod';
import type { TurnContext } from 'botbuilder';
import { QUESTION_FIELDS, ANSWER_FIELDS } from '../../domain/konkretisering-rules.js';
import { PARTY_ROLES } from '../../domain/bid.js';
import { whoIsActing, type Acting } from '../../app/directory-admin.js';
import { askForm, konkretiseringFor, konkretiseringForMember, requestKonkretisering, sendAnswer, type KonkretiseringDeps } from '../../app/konkretisering.js';
import { searchPeople } from '../../app/co-bidders.js';
import type { TenderDeps } from '../../app/tenders.js';
import type { CardJson } from '../cards/render-card.js';
import {
  answerFormCard,
  answerReceiptCard,
  answerValuesFrom,
  answerValuesOf,
  askFormCard,
  askValuesFrom,
  askValuesOf,
  KONKRETISERING_TEXT_FIELDS,
  konkretiseringTextCard,
  lateAnswerCard,
  requestDoneCard,
} from '../cards/konkretisering-views.js';
import { ROLE_INPUT } from '../cards/tender-card-parts.js';
import { noticeCard } from '../cards/views.js';
import { rightsRefusalCard } from '../cards/rights-views.js';
import { whoMayFor } from '../../app/rights.js';
import { text, type TextKey } from '../i18n/text.js';
import { beginTurn, reachableActor, type Turn, type TurnDeps } from './turn.js';

export type KonkretiseringHandlerDeps = KonkretiseringDeps & TenderDeps;

const Id = z.string().min(1).max(100);
export const KonkretiseringBidData = z.object({ bidId: Id }).passthrough();
const AnswerData = z.object({ bidId: Id, version: z.string().max(40).optional() }).passthrough();
const ViewData = z.object({ bidId: Id, field: z.enum(KONKRETISERING_TEXT_FIELDS) });

const ERROR_TEXT: Record<string, TextKey> = {
  'BID.NOT_FOUND': 'error.bidNotFound',
  'TENDER.NOT_MEMBER': 'error.notMember',
  'KONKRETISERING.NOT_MANAGER': 'error.konkretiseringNotManager',
  'KONKRETISERING.TENDER_OPEN': 'error.konkretiseringTenderOpen',
  'KONKRETISERING.TENDER_CANCELLED': 'error.konkretiseringTenderCancelled',
  'KONKRETISERING.BID_CLOSED': 'error.konkretiseringBidClosed',
  'KONKRETISERING.NONE': 'error.konkretiseringNone',
  'KONKRETISERING.NOT_YOURS': 'error.bidNotFound',
  'KONKRETISERING.BUSY': 'error.konkretiseringBusy',
};

function errorCard(turn: Turn, code: string, input?: string): CardJson {
  const key = ERROR_TEXT[code];
  if (!key) throw new Error(`no text for result code ${code}`);
  return noticeCard(turn.who.locale, { text: text(turn.who.locale, key), style: 'attention', input });
}

const acting = (deps: KonkretiseringHandlerDeps, turn: Turn): Promise<Acting> => whoIsActing(deps, turn.who.tenantId, turn.who.userId, turn.who.userName);

/** Asking is preparing the decision (the rights table's udkast): a member without it is told who may (one read of the bid, on the refusal only). */
async function askRefused(deps: KonkretiseringHandlerDeps, turn: Turn, who: Acting, code: string, bidId: string, input?: string): Promise<CardJson> {
  if (code !== 'KONKRETISERING.NOT_MANAGER') return errorCard(turn, code, input);
  return rightsRefusalCard(turn.who.locale, await whoMayFor(deps, who, { bidId }, 'udkast'), input);
}

export async function ask(deps: KonkretiseringHandlerDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const { bidId } = KonkretiseringBidData.parse(raw);
  const who = await acting(deps, turn);
  const found = await askForm(who, deps, bidId);
  if (!found.ok) return askRefused(deps, turn, who, found.code, bidId);
  return askFormCard(turn.who.locale, { ...found.value, values: askValuesOf(found.value.bid, deps.clock.now()), errors: [] });
}

export async function request(deps: KonkretiseringHandlerDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const { bidId } = KonkretiseringBidData.parse(raw);
  const values = askValuesFrom(raw);
  const who = await acting(deps, turn);
  const result = await requestKonkretisering(deps, who, bidId, { deadlineDate: values.deadlineDate, deadlineTime: values.deadlineTime, questions: QUESTION_FIELDS.map((q) => values[q]) }, turn.who.locale);
  if (result.ok) {
    turn.log.info({ bidId, change: result.value.change }, 'konkretisering requested');
    return requestDoneCard(turn.who.locale, result.value.tender, result.value.bid, result.value.change, result.value.told);
  }
  if (result.code === 'KONKRETISERING.INVALID') {
    // The form comes back with what was written and the problem at its field.
    const form = await askForm(await acting(deps, turn), deps, bidId);
    if (form.ok) return askFormCard(turn.who.locale, { ...form.value, values, errors: result.details ?? [] });
  }
  const typed = QUESTION_FIELDS.map((q) => values[q]).filter((v) => v.trim() !== '').join('\n\n');
  return askRefused(deps, turn, who, result.code, bidId, typed || undefined);
}

const person = (turn: Turn) => reachableActor(turn);

/** The bidder's (or a co-bidder's) answer form, from the receipt's "Ret dit svar". */
export async function open(deps: KonkretiseringHandlerDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const { bidId } = KonkretiseringBidData.parse(raw);
  const found = await konkretiseringFor(deps, person(turn), bidId);
  if (!found.ok) return errorCard(turn, found.code);
  const { bid, tender } = found.value;
  if (deps.clock.now().getTime() >= new Date(bid.konkretisering!.request.deadline).getTime()) return lateAnswerCard(turn.who.locale, tender, bid, {});
  return answerFormCard(turn.who.locale, { tender, bid, values: answerValuesOf(bid), errors: [] });
}

export async function answer(deps: KonkretiseringHandlerDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const data = AnswerData.parse(raw);
  const values = answerValuesFrom(raw);
  const input = {
    kompetencer: values.kompetencer,
    organisering: values.organisering,
    oneOffKr: values.oneOffKr,
    yearlyKr: values.yearlyKr,
    staff: values.staff,
    cofinancingKr: values.cofinancingKr,
    cofinancingText: values.cofinancingText,
    roles: Object.fromEntries(PARTY_ROLES.map((r) => [r, values[ROLE_INPUT[r]]])),
    answers: ANSWER_FIELDS.map((f) => values[f]),
  };
  const result = await sendAnswer(deps, person(turn), data.bidId, data.version, input);
  if (result.ok) {
    turn.log.info({ bidId: data.bidId, change: result.value.change }, 'konkretisering answered');
    return answerReceiptCard(turn.who.locale, result.value.tender, result.value.bid, result.value.change);
  }
  const details = result.details;
  if (result.code === 'KONKRETISERING.DEADLINE_PASSED' && details && 'bid' in details) {
    turn.log.info({ bidId: data.bidId }, 'late konkretisering refused');
    return lateAnswerCard(turn.who.locale, details.tender, details.bid, values);
  }
  if (result.code === 'KONKRETISERING.CHANGED' && details && 'bid' in details)
    return answerFormCard(turn.who.locale, { tender: details.tender, bid: details.bid, values, errors: [], notice: text(turn.who.locale, 'konk.form.changedRequest') });
  if (result.code === 'KONKRETISERING.INVALID') {
    const found = await konkretiseringFor(deps, person(turn), data.bidId);
    if (found.ok) return answerFormCard(turn.who.locale, { tender: found.value.tender, bid: found.value.bid, values, errors: Array.isArray(details) ? details : [] });
  }
  return errorCard(turn, result.code);
}

/** One answer text in full, for the group's members. */
export async function view(deps: KonkretiseringHandlerDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const data = ViewData.parse(raw);
  const found = await konkretiseringForMember(await acting(deps, turn), deps, data.bidId);
  if (!found.ok) return errorCard(turn, found.code);
  return konkretiseringTextCard(turn.who.locale, found.value.tender, found.value.bid, data.field);
}

/** Teams' typeahead in the co-bidder picker (`application/search`, dataset "people"): the tenant's people by name. */
export function peopleSearch(deps: KonkretiseringHandlerDeps & TurnDeps) {
  return async (ctx: TurnContext, _state: unknown, query: { count: number; parameters: { queryText: string } }): Promise<{ title: string; value: string }[]> => {
    const turn = beginTurn(deps, ctx);
    if (!turn) return [];
    try {
      const people = await searchPeople(deps, turn.who.tenantId, String(query.parameters.queryText ?? '').slice(0, 100), query.count);
      // The person searching is not their own co-bidder.
      return people.filter((p) => p.id.toLowerCase() !== turn.who.userId).map((p) => ({ title: p.name, value: p.id }));
    } catch (error) {
      turn.log.error({ err: error }, 'people search failed');
      return [];
    }
  };
}
