// Evaluating bids against the pejlemærker: a kernegruppe member opens the form for a bid, saves their
// marks (an upsert of their own item: they may change it as often as they like), and the bid's detail
// and the group's bid overview show the members' combined assessment. Evaluations are the group's:
// a bidder never gets them, not their own bid's, not even as a member of the group.
//
// Cost: saving is the turn's directory read (a 304 when unchanged), one point read of the bid (which
// carries its kernegruppe) and one upsert. Lists read projected marks only: an overview page those of
// its shown bids, the overview sorted by assessment those of the tender's bids.

import { createHash } from 'node:crypto';
import type { Bid, BidSummary } from '../domain/bid.js';
import {
  assessmentsByBid,
  byAssessment,
  combine,
  mayEvaluate,
  newEvaluation,
  validateEvaluationInput,
  type CombinedAssessment,
  type EvaluateError,
  type Evaluation,
  type EvaluationField,
  type EvaluationInput,
} from '../domain/evaluation.js';
import { fail, ok, type Result } from '../domain/result.js';
import { countsOf, withCounts, type FieldError, type Tender } from '../domain/tender.js';
import { numberBids } from './bid-numbers.js';
import type { Acting } from './directory-admin.js';
import type { Clock, EvaluationRepository, TenderRepository } from './ports.js';
import { bidOverview, OVERVIEW_PAGE, tenderForMember, type TenderDeps } from './tenders.js';

export interface EvaluationDeps {
  readonly tenders: TenderRepository;
  readonly evaluations: EvaluationRepository;
  readonly clock: Clock;
}

/** One item per member per bid: its id follows from the two, so saving again replaces the member's own. */
export function evaluationId(bidId: string, memberId: string): string {
  return `eval-${createHash('sha256').update(`${bidId}|${memberId.toLowerCase()}`).digest('hex').slice(0, 40)}`;
}

export type EvaluationError = 'BID.NOT_FOUND' | EvaluateError;

/** The bid and its kernegruppe: bids carry their group; one stored before that did: read its tender. */
async function bidWithGroup(deps: EvaluationDeps, tenantId: string, bidId: string): Promise<{ bid: Bid; groupId: string } | undefined> {
  const bid = (await deps.tenders.getBid(tenantId, bidId))?.value;
  if (!bid) return undefined;
  if (bid.groupId) return { bid, groupId: bid.groupId };
  const tender = (await deps.tenders.getTender(tenantId, bid.tenderId))?.value;
  return tender && { bid, groupId: tender.groupId };
}

async function evaluableBid(deps: EvaluationDeps, { actor }: Acting, bidId: string): Promise<Result<{ bid: Bid; groupId: string }, EvaluationError>> {
  const found = await bidWithGroup(deps, actor.tenantId, bidId);
  if (!found) return fail('BID.NOT_FOUND');
  const allowed = mayEvaluate(actor, found.bid, found.groupId);
  return allowed.ok ? ok(found) : allowed;
}

/** The evaluation form: the bid, and the member's own evaluation of it if they made one. */
export async function evaluationForm(deps: EvaluationDeps, acting: Acting, bidId: string): Promise<Result<{ bid: Bid; mine: Evaluation | undefined }, EvaluationError>> {
  const found = await evaluableBid(deps, acting, bidId);
  if (!found.ok) return found;
  return ok({ bid: found.value.bid, mine: await deps.evaluations.get(acting.actor.tenantId, bidId, acting.actor.personId) });
}

export async function saveEvaluation(
  deps: EvaluationDeps,
  acting: Acting,
  bidId: string,
  input: EvaluationInput,
): Promise<Result<{ bid: Bid; evaluation: Evaluation }, EvaluationError | 'EVALUATION.INVALID', { bid?: Bid; errors: FieldError<EvaluationField>[] }>> {
  const found = await evaluableBid(deps, acting, bidId);
  if (!found.ok) return found;
  const fields = validateEvaluationInput(input);
  if (!fields.ok) return fail('EVALUATION.INVALID', { bid: found.value.bid, errors: fields.details ?? [] });
  const { actor } = acting;
  const evaluation = newEvaluation({ id: evaluationId(bidId, actor.personId), bid: found.value.bid, groupId: found.value.groupId, member: actor, fields: fields.value }, deps.clock.now());
  await deps.evaluations.put(evaluation);
  return ok({ bid: found.value.bid, evaluation });
}

/** What a bid's detail card shows a member: their own evaluation, the combined one, and whether they may evaluate. */
export interface BidAssessment {
  readonly mine: Evaluation | undefined;
  readonly combined: CombinedAssessment;
  readonly mayEvaluate: Result<true, EvaluateError>;
}

/**
 * For a bid's detail, read by a member (bidDetail checked that): nothing at all for the bid's own
 * bidder, and no read; otherwise every member's evaluation of it (at most the group's size).
 */
export async function assessmentOfBid(deps: EvaluationDeps, { actor }: Acting, tender: Tender, bid: Bid): Promise<BidAssessment | undefined> {
  if (bid.bidderId === actor.personId) return undefined;
  const all = await deps.evaluations.ofBid(actor.tenantId, bid.id);
  return { mine: all.find((e) => e.memberId === actor.personId), combined: combine(all), mayEvaluate: mayEvaluate(actor, bid, tender.groupId) };
}

export type OverviewSort = 'number' | 'score';

export interface AssessedOverview {
  readonly tender: Tender;
  readonly bids: BidSummary[];
  readonly hasPrevious: boolean;
  readonly hasNext: boolean;
  /** Combined assessments of the shown bids that have any (never the reader's own bids). */
  readonly assessments: ReadonlyMap<string, CombinedAssessment>;
  /** The page shown, when sorted by assessment (0 is the first). */
  readonly page: number;
}

/** The bid overview in number order, as bidOverview pages it, with the shown bids' combined assessments. */
export async function overviewByNumber(
  deps: TenderDeps & EvaluationDeps,
  acting: Acting,
  tenderId: string,
  page: { after?: number | undefined; before?: number | undefined },
): Promise<Result<AssessedOverview, 'TENDER.NOT_FOUND' | 'TENDER.NOT_MEMBER'>> {
  const result = await bidOverview(deps, acting, tenderId, page);
  if (!result.ok) return result;
  const ids = result.value.bids.filter((b) => b.status !== 'withdrawn').map((b) => b.id);
  const marks = await deps.evaluations.marksOfBids(acting.actor.tenantId, ids);
  return ok({ ...result.value, assessments: assessmentsByBid(marks, acting.actor.personId), page: 0 });
}

/**
 * A tender's bids that the sorted overview reads at most: far above what a tender gets (hundreds in a
 * busy week), so the cost is bounded by the tender, never by the tenant's history.
 */
export const SORTED_OVERVIEW_MAX_BIDS = 1000;

/**
 * The bid overview sorted by the members' combined assessment, a page of OVERVIEW_PAGE at a time:
 * the tender's bid summaries and the projected marks of its evaluations, sorted here.
 */
export async function overviewByAssessment(
  deps: TenderDeps & EvaluationDeps,
  acting: Acting,
  tenderId: string,
  page: number,
): Promise<Result<AssessedOverview, 'TENDER.NOT_FOUND' | 'TENDER.NOT_MEMBER'>> {
  const tender = await tenderForMember(deps, acting, tenderId);
  if (!tender.ok) return tender;
  const { tenantId, personId } = acting.actor;
  const tally = await numberBids(deps, tenantId, tenderId);
  const [bids, marks] = await Promise.all([
    deps.tenders.bidsOfTender(tenantId, tenderId, { after: 0, limit: SORTED_OVERVIEW_MAX_BIDS }),
    deps.evaluations.marksOfTender(tenantId, tenderId),
  ]);
  const withdrawn = new Set(bids.filter((b) => b.status === 'withdrawn').map((b) => b.id));
  const assessments = assessmentsByBid(marks.filter((m) => !withdrawn.has(m.bidId)), personId);
  const sorted = byAssessment(bids, assessments);
  const pages = Math.max(1, Math.ceil(sorted.length / OVERVIEW_PAGE));
  const shownPage = Math.min(Math.max(0, page), pages - 1);
  const shown = sorted.slice(shownPage * OVERVIEW_PAGE, (shownPage + 1) * OVERVIEW_PAGE);
  return ok({
    tender: withCounts(tender.value, countsOf(tender.value, tally)),
    bids: shown,
    hasPrevious: shownPage > 0,
    hasNext: shownPage < pages - 1,
    assessments: new Map(shown.flatMap((b) => (assessments.has(b.id) ? [[b.id, assessments.get(b.id)!] as const] : []))),
    page: shownPage,
  });
}
