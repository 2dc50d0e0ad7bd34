// The kernegruppe's decisions on bids after the deadline: shortlist, reject (with a reason), back to
// submitted, and the award (or, on a tender Byrådet decides, the indstilling) with its terms. Seed 003:
// "Der skal afklares hvem der vælger blandt budene. Det kunne være Byrådet." — the tender's `decidedBy`
// says who. Every change is a status with its reason, time and who, and an entry in the bid's history.
// Pure functions of an explicit `now`, returning coded results.

import type { Bid, BidStatus } from './bid.js';
import { costAgainstFrame, costOfBid, PERIOD, type AwardTerms, type OverFrame, type PersonRef } from './catalogue.js';
import { fail, ok, type Result } from './result.js';
import { asText, isPastDeadline, type FieldError, type Tender } from './tender.js';
import { noSuchDate } from './time.js';

export const DECISION_LIMITS = { reason: 1000, effect: 1000 } as const;

/** What an award costs the frame: the konsekvensberegning's figures, else the konkretisering's (domain/catalogue.ts). */
export { costOfBid };

export { costAgainstFrame };

export type DecisionError =
  | 'DECISION.TENDER_OPEN'
  | 'DECISION.TENDER_CANCELLED'
  | 'DECISION.WITHDRAWN'
  | 'DECISION.ALREADY_DECIDED'
  | 'DECISION.REASON_REQUIRED'
  | 'DECISION.REASON_TOO_LONG';

/** Decisions wait for the deadline (by the server's clock): before it, bids may still change. */
export function decidable(t: Pick<Tender, 'status' | 'deadline'>, now: Date): Result<true, 'DECISION.TENDER_OPEN' | 'DECISION.TENDER_CANCELLED'> {
  if (t.status === 'cancelled') return fail('DECISION.TENDER_CANCELLED');
  if (t.status === 'closed' || (t.status === 'published' && isPastDeadline(t, now))) return ok(true);
  return fail('DECISION.TENDER_OPEN');
}

/** The statuses the group moves a bid between before it decides; selected and awarded are final here. */
export type Screening = 'submitted' | 'shortlisted' | 'rejected';
const SCREENING: readonly BidStatus[] = ['submitted', 'shortlisted', 'rejected'];

/**
 * Shortlist, reject (a reason is required: the bidder is told it) or put back to submitted. The same
 * status again (a double click, two members at once) is no change: `unchanged`, and nobody is told twice.
 */
export function screenBid(bid: Bid, to: Screening, reasonText: string, by: string, now: Date): Result<{ bid: Bid; unchanged: boolean }, DecisionError> {
  if (bid.status === 'withdrawn') return fail('DECISION.WITHDRAWN');
  if (!SCREENING.includes(bid.status)) return fail('DECISION.ALREADY_DECIDED');
  if (bid.status === to) return ok({ bid, unchanged: true });
  const reason = reasonText.trim();
  if (to === 'rejected' && reason === '') return fail('DECISION.REASON_REQUIRED');
  if (reason.length > DECISION_LIMITS.reason) return fail('DECISION.REASON_TOO_LONG');
  return ok({ bid: withStatus(bid, to, reason, by, now), unchanged: false });
}

/** The award's consequence on the bid (settlement): awarded, or selected (indstillet) on a Byråd tender. */
export function decideBid(bid: Bid, to: 'awarded' | 'selected', note: string, by: string, now: Date): { bid: Bid; unchanged: boolean } {
  if (bid.status === to) return { bid, unchanged: true };
  return { bid: withStatus(bid, to, note, by, now), unchanged: false };
}

function withStatus(bid: Bid, to: BidStatus, reason: string, by: string, now: Date): Bid {
  const at = now.toISOString();
  return {
    ...bid,
    status: to,
    statusReason: reason || undefined,
    statusAt: at,
    statusBy: by,
    history: [...bid.history, { at, by, action: `decision.${to}`, from: bid.status, to, ...(reason ? { note: reason } : {}) }],
  };
}

/**
 * The position in the bid's history of the change that put it in its current status: the notice about
 * a change is keyed by it, so each change is told once and a repeated settlement finds the same one.
 */
export function statusChangeSeq(bid: Bid): number | undefined {
  for (let i = bid.history.length - 1; i >= 0; i--) {
    const h = bid.history[i]!;
    if (h.action.startsWith('decision.')) return h.to === bid.status ? i + 1 : undefined;
  }
  return undefined;
}

// ---- the award form ----

/** Who may carry the activity: the bidder by default (seed 000: they need not carry it out themselves). */
export type AwardField = 'period' | 'responsible' | 'expectedEffect' | 'startDate' | 'evaluationDate' | 'overrideReason';

export interface AwardInput {
  readonly period?: unknown;
  readonly responsible?: unknown;
  readonly expectedEffect?: unknown;
  readonly startDate?: unknown;
  readonly evaluationDate?: unknown;
  readonly overrideReason?: unknown;
}

export interface AwardChoice {
  readonly period: string;
  readonly terms: AwardTerms;
  readonly overrideReason: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (d: string) => DATE.test(d) && !noSuchDate(d);

/** Checks the award form: every problem at its field. `people` are whom the responsible may be. */
export function validateAward(input: AwardInput, people: readonly PersonRef[]): Result<AwardChoice, 'AWARD.INVALID', FieldError<AwardField>[]> {
  const errors: FieldError<AwardField>[] = [];
  const responsibleId = asText(input.responsible);
  const responsible = people.find((p) => p.id === responsibleId);
  if (responsibleId === '') errors.push({ field: 'responsible', code: 'REQUIRED' });
  else if (!responsible) errors.push({ field: 'responsible', code: 'UNKNOWN_CHOICE' });
  const expectedEffect = asText(input.expectedEffect);
  if (expectedEffect === '') errors.push({ field: 'expectedEffect', code: 'REQUIRED' });
  else if (expectedEffect.length > DECISION_LIMITS.effect) errors.push({ field: 'expectedEffect', code: 'TOO_LONG', limit: DECISION_LIMITS.effect });
  const startDate = asText(input.startDate);
  const startOk = validDate(startDate);
  if (startDate === '') errors.push({ field: 'startDate', code: 'REQUIRED' });
  else if (!startOk) errors.push({ field: 'startDate', code: 'INVALID' });
  const evaluationDate = asText(input.evaluationDate);
  if (evaluationDate === '') errors.push({ field: 'evaluationDate', code: 'REQUIRED' });
  else if (!validDate(evaluationDate)) errors.push({ field: 'evaluationDate', code: 'INVALID' });
  // Seed 004: the activity is looked at when its effect should show, which is after it has started.
  else if (startOk && evaluationDate <= startDate) errors.push({ field: 'evaluationDate', code: 'IN_PAST' });
  // The period is the frame's year: the start date's year unless the person chose another.
  const period = asText(input.period) || (startOk ? startDate.slice(0, 4) : '');
  if (period === '' && startDate === '') errors.push({ field: 'period', code: 'REQUIRED' });
  else if (period !== '' && !PERIOD.test(period)) errors.push({ field: 'period', code: 'INVALID' });
  const overrideReason = asText(input.overrideReason);
  if (errors.length > 0 || !responsible) return fail('AWARD.INVALID', errors);
  return ok({ period, terms: { responsible, expectedEffect, startDate, evaluationDate }, overrideReason });
}

/** How far over the frame an award would take the catalogue (0 when it fits or there is no frame). */
export const overBy = (o: OverFrame): number => o.totalKr + o.costKr - o.frameKr;
