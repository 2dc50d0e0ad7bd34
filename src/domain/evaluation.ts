// A kernegruppe member's evaluation of one bid against the pejlemærker of seed 000: per pejlemærke
// ja / delvist / nej and a comment. One evaluation per member per bid, so thirty members evaluating at
// once never write the same item; the group's combined assessment is computed from them when read,
// never stored (a stored sum would be one item every member races for). Evaluations belong to the
// kernegruppe: no bidder ever sees them, not even their count.

import { fail, ok, type Result } from './result.js';
import type { Bid } from './bid.js';
import { isMemberOf, type Actor } from './actor.js';
import { optionalText, type FieldError } from './tender.js';

/**
 * The four pejlemærker a bid can be judged on (seed 000, "Pejlemærkerne for arbejdet i grupperne vil
 * være:"). The fifth, prerequisites across kerneopgaver, is what the bid's own `crossCutting` already
 * says (from the forudsætninger it serves); it pre-fills `tvaergaaende` instead of being asked again.
 */
export const PEJLEMAERKER = [
  // "Det lokale netværk (frivillige, familier, aktive borgere m.v.) inkluderes i langt højere grad end i dag."
  'netvaerk',
  // "Tværgående samarbejde prioriteres højt i aktiviteterne"
  'tvaergaaende',
  // "Opgaveløsningen og det tværgående fokus - ikke fagligheden - står i centrum"
  'opgaven',
  // "Vi ønsker aktiviteter, der involverer et samskabende element med borgere, brugere, erhvervsliv m.m."
  'samskabelse',
] as const;
export type Pejlemaerke = (typeof PEJLEMAERKER)[number];

/** The seed's own words for each pejlemærke, shown under its short label on the form. */
export const PEJLEMAERKE_SEED_WORDS: Record<Pejlemaerke, string> = {
  netvaerk: 'Det lokale netværk (frivillige, familier, aktive borgere m.v.) inkluderes i langt højere grad end i dag.',
  tvaergaaende: 'Tværgående samarbejde prioriteres højt i aktiviteterne',
  opgaven: 'Opgaveløsningen og det tværgående fokus - ikke fagligheden - står i centrum',
  samskabelse: 'Vi ønsker aktiviteter, der involverer et samskabende element med borgere, brugere, erhvervsliv m.m.',
};

export const MARKS = ['ja', 'delvist', 'nej'] as const;
export type Mark = (typeof MARKS)[number];

/** The points behind the overall score: ja 2, delvist 1, nej 0; a score is their average (0 to 2). */
export const MARK_POINTS: Record<Mark, number> = { ja: 2, delvist: 1, nej: 0 };
export const MAX_SCORE = 2;

/** A comment is a note beside a mark, not an essay: 1,000 characters keeps four of them on one card. */
export const EVALUATION_LIMITS = { comment: 1000 } as const;

export type Marks = Readonly<Record<Pejlemaerke, Mark>>;
export type Comments = Readonly<Partial<Record<Pejlemaerke, string>>>;

export interface EvaluationFields {
  readonly marks: Marks;
  readonly comments: Comments;
}

export interface Evaluation extends EvaluationFields {
  readonly id: string;
  readonly tenantId: string;
  readonly tenderId: string;
  readonly bidId: string;
  readonly groupId: string;
  /** The bid's bidder, so a list of marks can leave out a reader's own bids without reading the bids. */
  readonly bidderId: string;
  readonly memberId: string;
  readonly memberName: string;
  /** The bid as it was evaluated: its editedAt (or submittedAt); a later edit is flagged on the card. */
  readonly bidVersion: string;
  readonly evaluatedAt: string;
}

/** What a list needs of an evaluation (the overview's combined assessment): read as a projection. */
export type EvaluationMarks = Pick<Evaluation, 'bidId' | 'bidderId' | 'marks'>;

export type EvaluationField = `mark.${Pejlemaerke}` | `comment.${Pejlemaerke}`;

export interface EvaluationInput {
  readonly marks?: Partial<Record<Pejlemaerke, unknown>>;
  readonly comments?: Partial<Record<Pejlemaerke, unknown>>;
}

const isMark = (v: unknown): v is Mark => typeof v === 'string' && (MARKS as readonly string[]).includes(v);

/** Every pejlemærke needs a mark (the overall score averages all four); comments are optional. */
export function validateEvaluationInput(input: EvaluationInput): Result<EvaluationFields, 'EVALUATION.INVALID', FieldError<EvaluationField>[]> {
  const errors: FieldError<EvaluationField>[] = [];
  const marks: Partial<Record<Pejlemaerke, Mark>> = {};
  const comments: Partial<Record<Pejlemaerke, string>> = {};
  for (const p of PEJLEMAERKER) {
    const mark = input.marks?.[p];
    if (mark === undefined || mark === null || mark === '') errors.push({ field: `mark.${p}`, code: 'REQUIRED' });
    else if (!isMark(mark)) errors.push({ field: `mark.${p}`, code: 'UNKNOWN_CHOICE' });
    else marks[p] = mark;
    const comment = optionalText(`comment.${p}`, input.comments?.[p], EVALUATION_LIMITS.comment, errors);
    if (comment) comments[p] = comment;
  }
  if (errors.length > 0) return fail('EVALUATION.INVALID', errors);
  return ok({ marks: marks as Marks, comments });
}

/**
 * What the form starts with for a bid the member has not evaluated: cross-cutting collaboration is
 * "ja" when the bid serves another kerneopgave's forudsætninger (the bid's `crossCutting`, seed 000:
 * "aktiviteter, der skaber grundlag for flere forudsætninger på tværs af kerneopgaver"); the member may
 * change it. Nothing else is guessed.
 */
export function prefilledMarks(bid: Pick<Bid, 'crossCutting'>): Partial<Record<Pejlemaerke, Mark>> {
  return bid.crossCutting ? { tvaergaaende: 'ja' } : {};
}

export type EvaluateError = 'EVALUATION.NOT_MEMBER' | 'EVALUATION.OWN_BID' | 'EVALUATION.WITHDRAWN' | 'EVALUATION.NOT_NUMBERED';

/**
 * Any member of the tender's kernegruppe may evaluate a bid as soon as it is in (members read bids as
 * they arrive), but not a bid they made themselves, a withdrawn one, or one still being numbered (the
 * seconds after the click: its number is how the group talks about it).
 */
export function mayEvaluate(actor: Actor, bid: Pick<Bid, 'bidderId' | 'status' | 'number' | 'coBidderIds'>, groupId: string): Result<true, EvaluateError> {
  if (!isMemberOf(actor, groupId)) return fail('EVALUATION.NOT_MEMBER');
  // A member who made the bid, or is named on it as a co-bidder, does not judge it.
  if (bid.bidderId === actor.personId || (bid.coBidderIds ?? []).some((c) => c.id === actor.personId)) return fail('EVALUATION.OWN_BID');
  if (bid.status === 'withdrawn') return fail('EVALUATION.WITHDRAWN');
  if (bid.number === 0) return fail('EVALUATION.NOT_NUMBERED');
  return ok(true);
}

/** The version of the bid an evaluation is made against: the last edit, or the submission. */
export const bidVersionOf = (bid: Pick<Bid, 'editedAt' | 'submittedAt'>): string => bid.editedAt ?? bid.submittedAt;

/** Whether the bidder changed the bid after this evaluation was made. */
export const editedSince = (bid: Pick<Bid, 'editedAt' | 'submittedAt'>, evaluation: Pick<Evaluation, 'bidVersion'>): boolean =>
  bidVersionOf(bid) > evaluation.bidVersion;

export function newEvaluation(
  a: { id: string; bid: Bid; groupId: string; member: Pick<Actor, 'personId' | 'name'>; fields: EvaluationFields },
  now: Date,
): Evaluation {
  return {
    id: a.id,
    tenantId: a.bid.tenantId,
    tenderId: a.bid.tenderId,
    bidId: a.bid.id,
    groupId: a.groupId,
    bidderId: a.bid.bidderId,
    memberId: a.member.personId,
    memberName: a.member.name,
    ...a.fields,
    bidVersion: bidVersionOf(a.bid),
    evaluatedAt: now.toISOString(),
  };
}

export type MarkCounts = Readonly<Record<Mark, number>>;

/** The members' combined assessment of one bid. */
export interface CombinedAssessment {
  /** How many members evaluated it. */
  readonly count: number;
  readonly perPejlemaerke: Readonly<Record<Pejlemaerke, MarkCounts>>;
  /** The average of every mark's points (ja 2, delvist 1, nej 0), 0 to 2; undefined when nobody evaluated. */
  readonly score: number | undefined;
}

export function combine(evaluations: readonly Pick<Evaluation, 'marks'>[]): CombinedAssessment {
  const perPejlemaerke = Object.fromEntries(PEJLEMAERKER.map((p) => [p, { ja: 0, delvist: 0, nej: 0 }])) as Record<Pejlemaerke, Record<Mark, number>>;
  let points = 0;
  let marks = 0;
  for (const e of evaluations) {
    for (const p of PEJLEMAERKER) {
      const mark = e.marks[p];
      if (!isMark(mark)) continue;
      perPejlemaerke[p][mark]++;
      points += MARK_POINTS[mark];
      marks++;
    }
  }
  return { count: evaluations.length, perPejlemaerke, score: marks > 0 ? points / marks : undefined };
}

/** Each bid's combined assessment from the marks read for a list; a reader's own bids get none. */
export function assessmentsByBid(marks: readonly EvaluationMarks[], readerId: string): Map<string, CombinedAssessment> {
  const grouped = new Map<string, EvaluationMarks[]>();
  for (const m of marks) {
    if (m.bidderId === readerId) continue; // never shown to a bidder, not even as a member of the group
    grouped.set(m.bidId, [...(grouped.get(m.bidId) ?? []), m]);
  }
  return new Map([...grouped].map(([bidId, list]) => [bidId, combine(list)]));
}

/**
 * The overview's "Sortér efter vurdering": the highest combined score first; bids nobody evaluated
 * after those, withdrawn bids last; the bid number breaks ties, so the order is stable between pages.
 */
export function byAssessment<B extends { readonly id: string; readonly number: number; readonly status: Bid['status'] }>(
  bids: readonly B[],
  assessments: ReadonlyMap<string, CombinedAssessment>,
): B[] {
  const rank = (b: B): number => (b.status === 'withdrawn' ? -2 : (assessments.get(b.id)?.score ?? -1));
  return [...bids].sort((a, b) => rank(b) - rank(a) || a.number - b.number);
}
