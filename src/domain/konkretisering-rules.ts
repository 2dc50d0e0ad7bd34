// The rules of stage 2 (the data is in konkretisering.ts). The kernegruppe asks the bidder (and the co-bidders) for a konkretisering, and they
// answer it until its deadline. Seed 000: "Efterfølgende kan kernegruppen, hvis beskrivelsen lyder
// interessant, bede om en konkretisering med kompetencer, organisering og økonomi fra den person/de
// personer i organisationen, som har budt ind". It lives on the bid (one per bid): asked again while
// it is there, its deadline and questions change; the bidder's answer replaces the previous one.
// Pure: times come in as parameters.

import { fail, ok, type Result } from './result.js';
import { BID_LIMITS, PARTY_ROLES, type Bid, type PartyRole } from './bid.js';
import { asText, isPastDeadline, optionalText, parseKroner, type FieldError, type Tender } from './tender.js';
import { DateTime } from 'luxon';
import { instantFromLocal, noSuchDate, ZONE } from './time.js';
import type { Konkretisering, KonkretiseringAnswer, KonkretiseringRequest } from './konkretisering.js';

export const KONKRETISERING_LIMITS = {
  questions: 5,
  question: 500,
  kompetencer: 4000,
  organisering: 4000,
  staff: 200,
  cofinancingText: 1000,
  answer: 2000,
  partyRole: BID_LIMITS.partyRole,
  kr: 10_000_000_000,
} as const;

/**
 * How long before the deadline the bidder is reminded, unless they answered first: 2 days before on the
 * Copenhagen calendar (the same clock time, also across a summer-time change) and 2 hours before.
 */
export const REMINDERS = [
  { key: '2d', before: { days: 2 } },
  { key: '2h', before: { hours: 2 } },
] as const;
export type ReminderKey = (typeof REMINDERS)[number]['key'];

export type KonkretiseringState = 'requested' | 'answered' | 'late';

/** Asked and not answered by its deadline: late (server clock). */
export function stateOf(k: Konkretisering, now: Date): KonkretiseringState {
  if (k.status === 'answered') return 'answered';
  return now.getTime() >= new Date(k.request.deadline).getTime() ? 'late' : 'requested';
}

// ---- asking ----

export type RequestField = 'deadline' | `question${1 | 2 | 3 | 4 | 5}`;
export const QUESTION_FIELDS = ['question1', 'question2', 'question3', 'question4', 'question5'] as const;

export interface RequestInput {
  readonly deadlineDate?: unknown;
  readonly deadlineTime?: unknown;
  readonly questions?: readonly unknown[];
}

export interface RequestFields {
  readonly deadline: Date;
  readonly questions: string[];
}

export function validateRequest(input: RequestInput, now: Date): Result<RequestFields, 'KONKRETISERING.INVALID', FieldError<RequestField>[]> {
  const errors: FieldError<RequestField>[] = [];
  const date = asText(input.deadlineDate);
  const time = asText(input.deadlineTime) || '12:00';
  let deadline: Date | undefined;
  if (!date) errors.push({ field: 'deadline', code: 'REQUIRED' });
  else if (noSuchDate(date)) errors.push({ field: 'deadline', code: 'INVALID' });
  else {
    const at = instantFromLocal(date, time);
    if (!at.ok) errors.push({ field: 'deadline', code: at.code === 'NOT_EXISTING' ? 'NOT_EXISTING_TIME' : 'INVALID' });
    // Checked by the server's clock: a deadline already passed could never be answered.
    else if (at.value.getTime() <= now.getTime()) errors.push({ field: 'deadline', code: 'IN_PAST' });
    else deadline = at.value;
  }
  const questions: string[] = [];
  (input.questions ?? []).slice(0, KONKRETISERING_LIMITS.questions).forEach((q, i) => {
    const t = optionalText(QUESTION_FIELDS[i]!, q, KONKRETISERING_LIMITS.question, errors);
    if (t) questions.push(t);
  });
  if (errors.length > 0 || !deadline) return fail('KONKRETISERING.INVALID', errors);
  return ok({ deadline, questions });
}

export type AskError = 'KONKRETISERING.TENDER_OPEN' | 'KONKRETISERING.TENDER_CANCELLED' | 'KONKRETISERING.BID_CLOSED';

/** A konkretisering is asked for after the deadline ("Efterfølgende"), on a bid still in the running. */
export function mayAsk(tender: Pick<Tender, 'status' | 'deadline'>, bid: Pick<Bid, 'status'>, now: Date): Result<true, AskError> {
  if (tender.status === 'cancelled') return fail('KONKRETISERING.TENDER_CANCELLED');
  if (tender.status === 'draft' || !isPastDeadline(tender, now)) return fail('KONKRETISERING.TENDER_OPEN');
  if (bid.status === 'withdrawn' || bid.status === 'rejected') return fail('KONKRETISERING.BID_CLOSED');
  return ok(true);
}

const sameRequest = (r: KonkretiseringRequest, f: RequestFields) => r.deadline === f.deadline.toISOString() && JSON.stringify(r.questions) === JSON.stringify(f.questions);

/**
 * Asks for a konkretisering, or changes the open one (deadline, questions): one per bid. The same
 * request sent again (a double click) changes nothing, so it is told once. A changed request re-opens
 * an answered one, with its answer kept to fill in the form again.
 */
export function askKonkretisering(
  bid: Bid,
  f: RequestFields,
  by: { id: string; name: string; locale: 'da' | 'en' },
  now: Date,
): { bid: Bid; change: 'requested' | 'changed' | 'unchanged' } {
  const at = now.toISOString();
  const k = bid.konkretisering;
  if (k && sameRequest(k.request, f)) return { bid, change: 'unchanged' };
  const request: KonkretiseringRequest = {
    deadline: f.deadline.toISOString(),
    questions: f.questions,
    askedBy: by.id,
    askedByName: by.name,
    version: at,
    firstAskedAt: k?.request.firstAskedAt ?? at,
    locale: by.locale,
  };
  const next: Konkretisering = { status: 'requested', request, ...(k?.answer ? { answer: k.answer } : {}) };
  const note = `${request.deadline}${f.questions.length ? ` · ${f.questions.length}` : ''}`;
  const entry = { at, by: by.id, action: k ? 'konkretisering.requestChanged' : 'konkretisering.requested', from: k?.status, to: 'requested', note };
  return { bid: { ...bid, konkretisering: next, history: [...bid.history, entry] }, change: k ? 'changed' : 'requested' };
}

/** The reminders still ahead of the request's deadline: a request made with less than 2 days left gets only the 2-hour one. */
export function remindersAhead(request: Pick<KonkretiseringRequest, 'deadline'>, now: Date): { key: ReminderKey; at: Date }[] {
  const deadline = new Date(request.deadline).getTime();
  return REMINDERS.map((r) => ({ key: r.key, at: DateTime.fromMillis(deadline, { zone: ZONE }).minus(r.before).toJSDate() })).filter((r) => r.at.getTime() > now.getTime());
}

// ---- answering ----

/** The bidder and the co-bidders picked on the bid answer it (seed 000: "den person/de personer … som har budt ind"). */
export const mayAnswer = (bid: Pick<Bid, 'bidderId' | 'coBidderIds'>, personId: string): boolean =>
  bid.bidderId === personId || (bid.coBidderIds ?? []).some((c) => c.id === personId);

export type AnswerField = 'kompetencer' | 'organisering' | 'oneOffKr' | 'yearlyKr' | 'staff' | 'cofinancingKr' | 'cofinancingText' | `role.${PartyRole}` | `answer${1 | 2 | 3 | 4 | 5}`;
export const ANSWER_FIELDS = ['answer1', 'answer2', 'answer3', 'answer4', 'answer5'] as const;

export interface AnswerInput {
  readonly kompetencer?: unknown;
  readonly organisering?: unknown;
  readonly oneOffKr?: unknown;
  readonly yearlyKr?: unknown;
  readonly staff?: unknown;
  readonly cofinancingKr?: unknown;
  readonly cofinancingText?: unknown;
  readonly roles?: Partial<Record<PartyRole, unknown>>;
  readonly answers?: readonly unknown[];
}

export type AnswerFields = Omit<KonkretiseringAnswer, 'answeredBy' | 'answeredByName' | 'answeredAt'>;

/** NOT_POSITIVE: negative; INVALID: written in millions ("1,5 mio."); TOO_LONG: more than the limit. */
export type CostCode = 'NOT_A_NUMBER' | 'NOT_WHOLE' | 'NOT_POSITIVE' | 'INVALID' | 'TOO_LONG';

/**
 * A cost in whole kroner, the Danish way ("1.250.000", "1250000", "250.000 kr."). Empty is no figure;
 * 0 is allowed (a cost may be zero); negative is refused; "1,5 mio." is refused with a message saying
 * to write the whole amount, rather than guessed at.
 */
export function parseCost(value: unknown): { ok: true; kr: number | undefined } | { ok: false; code: CostCode } {
  const t = asText(typeof value === 'number' ? String(value) : value);
  if (t === '') return { ok: true, kr: undefined };
  if (/mio|mia|mil/i.test(t)) return { ok: false, code: 'INVALID' };
  const bare = t.replace(/\s/g, '').replace(/^(kr\.?|dkk)/i, '').replace(/(kr\.?|dkk)$/i, '').replace(/[.,]-$/, '');
  if (/^0+(?:[.,]0{1,2})?$/.test(bare)) return { ok: true, kr: 0 };
  if (/^[-\u2212]/.test(bare)) return { ok: false, code: 'NOT_POSITIVE' };
  const kr = parseKroner(t);
  if (!kr.ok) return { ok: false, code: kr.code };
  if (kr.kr > KONKRETISERING_LIMITS.kr) return { ok: false, code: 'TOO_LONG' };
  return { ok: true, kr: kr.kr };
}

export function validateAnswer(input: AnswerInput, request: KonkretiseringRequest): Result<AnswerFields, 'KONKRETISERING.INVALID', FieldError<AnswerField>[]> {
  const errors: FieldError<AnswerField>[] = [];
  const L = KONKRETISERING_LIMITS;
  const kompetencer = optionalText('kompetencer', input.kompetencer, L.kompetencer, errors);
  const organisering = optionalText('organisering', input.organisering, L.organisering, errors);
  // The seed asks for these three: competences, organisation and economy.
  if (!kompetencer && !errors.some((e) => e.field === 'kompetencer')) errors.push({ field: 'kompetencer', code: 'REQUIRED' });
  if (!organisering && !errors.some((e) => e.field === 'organisering')) errors.push({ field: 'organisering', code: 'REQUIRED' });
  const money: Partial<Record<'oneOffKr' | 'yearlyKr' | 'cofinancingKr', number>> = {};
  for (const field of ['oneOffKr', 'yearlyKr', 'cofinancingKr'] as const) {
    const parsed = parseCost(input[field]);
    if (!parsed.ok) errors.push({ field, code: parsed.code });
    else if (parsed.kr !== undefined) money[field] = parsed.kr;
  }
  const staff = optionalText('staff', input.staff, L.staff, errors);
  const cofinancingText = optionalText('cofinancingText', input.cofinancingText, L.cofinancingText, errors);
  if (money.oneOffKr === undefined && money.yearlyKr === undefined && !errors.some((e) => e.field === 'oneOffKr' || e.field === 'yearlyKr'))
    errors.push({ field: 'oneOffKr', code: 'REQUIRED' });
  const partyRoles: Partial<Record<PartyRole, string>> = {};
  for (const role of PARTY_ROLES) {
    const t = optionalText(`role.${role}`, input.roles?.[role], L.partyRole, errors);
    if (t) partyRoles[role] = t;
  }
  const answers = request.questions.map((_q, i) => {
    const field = ANSWER_FIELDS[i]!;
    const t = optionalText(field, input.answers?.[i], L.answer, errors);
    if (!t && !errors.some((e) => e.field === field)) errors.push({ field, code: 'REQUIRED' });
    return t;
  });
  if (errors.length > 0) return fail('KONKRETISERING.INVALID', errors);
  return ok({ kompetencer, organisering, ...money, staff, cofinancingText, partyRoles, answers });
}

export type AnswerError = 'KONKRETISERING.NONE' | 'KONKRETISERING.DEADLINE_PASSED' | 'KONKRETISERING.BID_CLOSED' | 'KONKRETISERING.NOT_YOURS';

/** Editable until its deadline, by the server's clock: at the deadline itself it is too late. */
export function answerKonkretisering(bid: Bid, fields: AnswerFields, by: { id: string; name: string }, now: Date): Result<{ bid: Bid; change: 'answered' | 'changed' }, AnswerError> {
  const k = bid.konkretisering;
  if (!k) return fail('KONKRETISERING.NONE');
  if (!mayAnswer(bid, by.id)) return fail('KONKRETISERING.NOT_YOURS');
  if (bid.status === 'withdrawn' || bid.status === 'rejected') return fail('KONKRETISERING.BID_CLOSED');
  if (now.getTime() >= new Date(k.request.deadline).getTime()) return fail('KONKRETISERING.DEADLINE_PASSED');
  const at = now.toISOString();
  const change = k.status === 'answered' ? 'changed' : 'answered';
  const answer: KonkretiseringAnswer = { ...fields, answeredBy: by.id, answeredByName: by.name, answeredAt: at };
  const entry = { at, by: by.id, action: change === 'answered' ? 'konkretisering.answered' : 'konkretisering.answerChanged', from: k.status, to: 'answered' };
  return ok({ bid: { ...bid, konkretisering: { ...k, status: 'answered', answer }, history: [...bid.history, entry] }, change });
}

export const answerRolesOf = (bid: Bid): Partial<Record<PartyRole, string>> => bid.konkretisering?.answer?.partyRoles ?? bid.partyRoles;
