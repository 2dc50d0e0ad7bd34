// Tenders (internt udbud): a kernegruppe opens forudsætninger of its kerneopgave to the whole
// organisation. The lifecycle draft → published → closed, and cancelled from draft, published or
// closed, as pure functions of an explicit `now` that return coded results. Every change appends an
// audit entry (who, when, what, status before and after) to the tender's own history.

import { fail, ok, type Result } from './result.js';
import { instantFromLocal } from './time.js';
import type { Role } from './roles.js';

export type TenderStatus = 'draft' | 'published' | 'closed' | 'cancelled';
export type DecidedBy = 'kernegruppe' | 'byraad';
export const DECIDED_BY: readonly DecidedBy[] = ['kernegruppe', 'byraad'];

export const TENDER_LIMITS = { title: 120, description: 4000, cancelReason: 1000, budgetKr: 10_000_000_000 } as const;

/** A forudsætning as it stood when the tender was made: bids may serve any of them. */
export interface CatalogEntry {
  readonly id: string;
  readonly text: string;
  readonly kerneopgave: string;
  readonly kerneopgaveName: string;
  readonly demo: boolean;
}

export interface AuditEntry {
  readonly at: string;
  readonly by: string;
  readonly action: string;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly note?: string | undefined;
}

/** Where the announcement card was posted, so it can be updated (bid count, closed, cancelled). */
export interface Announcement {
  readonly conversationId: string;
  readonly activityId: string;
}

export interface Tender {
  readonly id: string;
  readonly tenantId: string;
  readonly groupId: string;
  readonly groupName: string;
  readonly kerneopgave: string;
  readonly kerneopgaveName: string;
  /**
   * The kerneopgave's bevægelse as it stood when the tender was made, shown to bidders (seed 004: "Alle
   * kommunale aktiviteter skal vurderes op mod de fire kerneopgaver og den bevægelse for borgeren, som er
   * målet med indsatsen"). Absent on tenders made before it was carried.
   */
  readonly bevaegelse?: string | undefined;
  readonly title: string;
  readonly description: string;
  /** The forudsætninger of the group's kerneopgave this tender opens. */
  readonly forudsaetninger: readonly string[];
  readonly catalog: readonly CatalogEntry[];
  readonly deadline: string; // ISO instant (UTC)
  readonly budgetKr?: number | undefined;
  readonly decidedBy: DecidedBy;
  readonly status: TenderStatus;
  readonly createdBy: string;
  readonly createdByName: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly publishedAt?: string | undefined;
  readonly closedAt?: string | undefined;
  readonly cancelledAt?: string | undefined;
  readonly cancelReason?: string | undefined;
  /**
   * The counts as the announcement cards last showed them (and, once closed, the final ones). The live
   * counter is the tender's tally (`Tally`), so bids never rewrite the tender; the sweep copies the
   * tally's counts here when it refreshes the cards and when it closes the tender. Tenders stored
   * before the tally existed carry their live counter here, and the first numbering seeds the tally from it.
   */
  readonly bidSeq: number;
  readonly activeBids: number;
  /**
   * Only on tenders stored before the tally: form submission → bid number. Read once, to seed the
   * tally (so a numbering a crash cut short there gives the same numbers); never written by this version.
   */
  readonly submissions?: Readonly<Record<string, number>> | undefined;
  readonly announcements: readonly Announcement[];
  /** The count the announcement cards show, and when they were last updated. */
  readonly shownCount: number;
  readonly shownAt?: string | undefined;
  /** Set once every bidder's notice of the cancellation is in the outbox; until then the sweep enqueues them. */
  readonly cancelNoticesQueuedAt?: string | undefined;
  /** Set once the kernegruppe has been told the tender closed. */
  readonly closingReportedAt?: string | undefined;
  /** The draft sent to the tovholder as ready to publish (draft-ready.ts); an edit clears it. */
  readonly readyForLead?: ReadyForLead | undefined;
  readonly history: readonly AuditEntry[];
}

/**
 * A draft marked ready for the person who publishes (seed 002: the konsulenter are "ikke primær tovholder men
 * dem der skubber på"): who sent it, when, to whom, and whether they were told 1:1 or in the group's chat.
 */
export interface ReadyForLead {
  readonly at: string;
  readonly by: string;
  readonly byName: string;
  readonly to: readonly { readonly id: string; readonly name: string; readonly roles: readonly Role[] }[];
  readonly via: 'personal' | 'group';
}

/**
 * What the lists show of a tender ("udbud", the kernegruppe's list, "mine bud"): the lists read only
 * these fields, so their cost does not grow with a tender's description, catalogue, bids or history.
 */
export type TenderSummary = Pick<Tender, 'id' | 'groupId' | 'groupName' | 'kerneopgaveName' | 'title' | 'deadline' | 'status' | 'activeBids' | 'cancelReason' | 'createdAt' | 'readyForLead'>;

export interface TenderFields {
  readonly title: string;
  readonly description: string;
  readonly forudsaetninger: readonly string[];
  readonly deadline: Date;
  readonly budgetKr?: number | undefined;
  readonly decidedBy: DecidedBy;
}

/** What a person typed into the tender form, unchecked. */
export interface TenderInput {
  readonly title?: unknown;
  readonly description?: unknown;
  readonly forudsaetninger?: unknown;
  readonly deadlineDate?: unknown;
  readonly deadlineTime?: unknown;
  readonly budgetKr?: unknown;
  readonly decidedBy?: unknown;
}

export type FieldErrorCode = 'REQUIRED' | 'TOO_LONG' | 'INVALID' | 'IN_PAST' | 'NOT_EXISTING_TIME' | 'UNKNOWN_CHOICE' | 'NOT_A_NUMBER' | 'NOT_WHOLE' | 'NOT_POSITIVE';

export interface FieldError<F extends string = string> {
  readonly field: F;
  readonly code: FieldErrorCode;
  readonly limit?: number | undefined;
}

export type TenderField = 'title' | 'description' | 'forudsaetninger' | 'deadline' | 'budgetKr' | 'decidedBy';

export const asText = (v: unknown): string => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : '');

/** A multi-select ChoiceSet sends "a,b,c"; a hand-made request may send an array. */
export const asChoices = (v: unknown): string[] =>
  (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(',') : []).map((s) => s.trim()).filter(Boolean);

export function requiredText<F extends string>(field: F, value: unknown, limit: number, errors: FieldError<F>[]): string {
  const text = asText(value);
  if (text === '') errors.push({ field, code: 'REQUIRED' });
  else if (text.length > limit) errors.push({ field, code: 'TOO_LONG', limit });
  return text;
}

export function optionalText<F extends string>(field: F, value: unknown, limit: number, errors: FieldError<F>[]): string {
  const text = asText(value);
  if (text.length > limit) errors.push({ field, code: 'TOO_LONG', limit });
  return text;
}

/** What a typed amount is: whole kroner, or why not. */
export type Kroner = { readonly ok: true; readonly kr: number } | { readonly ok: false; readonly code: 'NOT_A_NUMBER' | 'NOT_WHOLE' | 'NOT_POSITIVE' };

/**
 * An amount in kroner as people write it: "250000", "250.000" or "250 000" (Danish thousands), "250,000"
 * (English thousands: nobody writes kroner to three decimals), with or without "kr." or "DKK" before or
 * after, and ",-" or ",00" for no øre. A budget frame is whole kroner, so øre ("250.000,50", "12,5") are
 * refused rather than rounded (they used to become 250.001 and 13 kr. without a word), and so are 0 and
 * negative amounts. Anything else (words, "1e3", "0x10", "12.34.56") is not an amount.
 */
export function parseKroner(text: string): Kroner {
  let t = text.replace(/\s/g, '').replace(/\u2212/g, '-');
  t = t.replace(/^(kr\.?|dkk)/i, '').replace(/(kr\.?|dkk)$/i, '').replace(/[.,]-$/, '');
  const negative = t.startsWith('-');
  if (negative) t = t.slice(1);
  let whole: string | undefined;
  let oere: string | undefined;
  const grouped = /^(\d{1,3}(?:([.,])\d{3})+)(?:([.,])(\d{1,2}))?$/.exec(t);
  // One kind of thousands separator throughout, and a different one (if any) before the øre.
  if (grouped && new Set(grouped[1]!.match(/[.,]/g)).size === 1 && grouped[3] !== grouped[2]) {
    whole = grouped[1]!.replace(/[.,]/g, '');
    oere = grouped[4];
  } else {
    const plain = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(t);
    if (plain) [whole, oere] = [plain[1], plain[2]];
  }
  if (whole === undefined) return { ok: false, code: 'NOT_A_NUMBER' };
  const kr = Number(whole);
  if (negative || kr === 0) return { ok: false, code: 'NOT_POSITIVE' };
  if (oere !== undefined && Number(oere) !== 0) return { ok: false, code: 'NOT_WHOLE' };
  return { ok: true, kr };
}

/** An amount a hand-made request sent as a number: the same rules as for typed text. */
function kronerOfNumber(n: number): Kroner {
  if (!Number.isFinite(n)) return { ok: false, code: 'NOT_A_NUMBER' };
  if (n <= 0) return { ok: false, code: 'NOT_POSITIVE' };
  if (!Number.isInteger(n)) return { ok: false, code: 'NOT_WHOLE' };
  return { ok: true, kr: n };
}

/**
 * Checks the form against the group's forudsætninger and the server's clock. Every problem is
 * reported, each at its field, so the form can come back with all of them at once.
 */
export function validateTenderInput(
  input: TenderInput,
  openable: readonly string[],
  now: Date,
): Result<TenderFields, 'TENDER.INVALID', FieldError<TenderField>[]> {
  const errors: FieldError<TenderField>[] = [];
  const title = requiredText('title', input.title, TENDER_LIMITS.title, errors);
  const description = requiredText('description', input.description, TENDER_LIMITS.description, errors);
  const forudsaetninger = [...new Set(asChoices(input.forudsaetninger))];
  if (forudsaetninger.length === 0) errors.push({ field: 'forudsaetninger', code: 'REQUIRED' });
  else if (forudsaetninger.some((f) => !openable.includes(f))) errors.push({ field: 'forudsaetninger', code: 'UNKNOWN_CHOICE' });

  let deadline: Date | undefined;
  const date = asText(input.deadlineDate);
  const time = asText(input.deadlineTime);
  if (date === '' || time === '') errors.push({ field: 'deadline', code: 'REQUIRED' });
  else {
    const instant = instantFromLocal(date, time);
    if (!instant.ok) errors.push({ field: 'deadline', code: instant.code === 'NOT_EXISTING' ? 'NOT_EXISTING_TIME' : 'INVALID' });
    else if (instant.value.getTime() <= now.getTime()) errors.push({ field: 'deadline', code: 'IN_PAST' });
    else deadline = instant.value;
  }

  let budgetKr: number | undefined;
  const budgetText = typeof input.budgetKr === 'number' ? String(input.budgetKr) : asText(input.budgetKr);
  if (budgetText !== '') {
    const amount = typeof input.budgetKr === 'number' ? kronerOfNumber(input.budgetKr) : parseKroner(budgetText);
    if (!amount.ok) errors.push({ field: 'budgetKr', code: amount.code });
    else if (amount.kr > TENDER_LIMITS.budgetKr) errors.push({ field: 'budgetKr', code: 'TOO_LONG', limit: TENDER_LIMITS.budgetKr });
    else budgetKr = amount.kr;
  }

  const decidedByText = asText(input.decidedBy) || 'kernegruppe';
  if (!DECIDED_BY.includes(decidedByText as DecidedBy)) errors.push({ field: 'decidedBy', code: 'UNKNOWN_CHOICE' });

  if (errors.length > 0 || !deadline) return fail('TENDER.INVALID', errors);
  return ok({ title, description, forudsaetninger, deadline, budgetKr, decidedBy: decidedByText as DecidedBy });
}

export interface NewTender {
  readonly id: string;
  readonly tenantId: string;
  readonly group: { readonly id: string; readonly name: string };
  readonly kerneopgave: { readonly id: string; readonly name: string; readonly bevaegelse?: string | undefined };
  readonly catalog: readonly CatalogEntry[];
  readonly fields: TenderFields;
  readonly by: { readonly id: string; readonly name: string };
}

const audit = (now: Date, by: string, action: string, from?: TenderStatus, to?: TenderStatus, note?: string): AuditEntry => ({
  at: now.toISOString(),
  by,
  action,
  ...(from ? { from } : {}),
  ...(to ? { to } : {}),
  ...(note ? { note } : {}),
});

const withFields = (f: TenderFields) => ({
  title: f.title,
  description: f.description,
  forudsaetninger: f.forudsaetninger,
  deadline: f.deadline.toISOString(),
  budgetKr: f.budgetKr,
  decidedBy: f.decidedBy,
});

export function createDraft(n: NewTender, now: Date): Tender {
  const at = now.toISOString();
  return {
    id: n.id,
    tenantId: n.tenantId,
    groupId: n.group.id,
    groupName: n.group.name,
    kerneopgave: n.kerneopgave.id,
    kerneopgaveName: n.kerneopgave.name,
    ...(n.kerneopgave.bevaegelse ? { bevaegelse: n.kerneopgave.bevaegelse } : {}),
    catalog: n.catalog,
    ...withFields(n.fields),
    status: 'draft',
    createdBy: n.by.id,
    createdByName: n.by.name,
    createdAt: at,
    updatedAt: at,
    bidSeq: 0,
    activeBids: 0,
    announcements: [],
    shownCount: 0,
    history: [audit(now, n.by.id, 'created', undefined, 'draft')],
  };
}

export type TenderError =
  | 'TENDER.NOT_DRAFT'
  | 'TENDER.DEADLINE_PASSED'
  | 'TENDER.NOT_CANCELLABLE'
  | 'TENDER.REASON_MISSING'
  | 'TENDER.REASON_TOO_LONG'
  | 'TENDER.NOT_PUBLISHED'
  | 'TENDER.NOT_DUE';

export function editDraft(t: Tender, fields: TenderFields, by: string, now: Date): Result<Tender, 'TENDER.NOT_DRAFT'> {
  if (t.status !== 'draft') return fail('TENDER.NOT_DRAFT');
  // An edited draft is not the one that was sent as ready: it must be sent again (draft-ready.ts).
  return ok({ ...t, ...withFields(fields), readyForLead: undefined, updatedAt: now.toISOString(), history: [...t.history, audit(now, by, 'edited', 'draft', 'draft')] });
}

export function publish(t: Tender, by: string, now: Date): Result<Tender, 'TENDER.NOT_DRAFT' | 'TENDER.DEADLINE_PASSED'> {
  if (t.status !== 'draft') return fail('TENDER.NOT_DRAFT');
  // A draft can sit while its deadline passes; publishing it then would open nothing.
  if (new Date(t.deadline).getTime() <= now.getTime()) return fail('TENDER.DEADLINE_PASSED');
  const at = now.toISOString();
  return ok({ ...t, status: 'published', publishedAt: at, updatedAt: at, history: [...t.history, audit(now, by, 'published', 'draft', 'published')] });
}

export function cancel(t: Tender, reason: string, by: string, now: Date): Result<Tender, 'TENDER.NOT_CANCELLABLE' | 'TENDER.REASON_MISSING' | 'TENDER.REASON_TOO_LONG'> {
  if (t.status === 'cancelled') return fail('TENDER.NOT_CANCELLABLE');
  const why = reason.trim();
  if (why === '') return fail('TENDER.REASON_MISSING');
  if (why.length > TENDER_LIMITS.cancelReason) return fail('TENDER.REASON_TOO_LONG');
  const at = now.toISOString();
  return ok({
    ...t,
    status: 'cancelled',
    cancelledAt: at,
    cancelReason: why,
    updatedAt: at,
    history: [...t.history, audit(now, by, 'cancelled', t.status, 'cancelled', why)],
  });
}

export const isPastDeadline = (t: Pick<Tender, 'deadline'>, now: Date): boolean => now.getTime() >= new Date(t.deadline).getTime();

/** Closes a published tender whose deadline has come (the deadline itself is already closed). */
export function close(t: Tender, now: Date): Result<Tender, 'TENDER.NOT_PUBLISHED' | 'TENDER.NOT_DUE'> {
  if (t.status !== 'published') return fail('TENDER.NOT_PUBLISHED');
  if (!isPastDeadline(t, now)) return fail('TENDER.NOT_DUE');
  const at = now.toISOString();
  return ok({ ...t, status: 'closed', closedAt: at, updatedAt: at, history: [...t.history, audit(now, 'system', 'closed', 'published', 'closed')] });
}

export type BiddingError = 'TENDER.NOT_OPEN' | 'TENDER.DEADLINE_PASSED' | 'TENDER.CANCELLED';

/** Open for bids by the server's clock, whatever a card shows: published and before the deadline. */
export function biddingOpen<T extends Pick<Tender, 'status' | 'deadline'>>(t: T, now: Date): Result<T, BiddingError> {
  if (t.status === 'cancelled') return fail('TENDER.CANCELLED');
  if (t.status === 'closed' || (t.status === 'published' && isPastDeadline(t, now))) return fail('TENDER.DEADLINE_PASSED');
  if (t.status !== 'published') return fail('TENDER.NOT_OPEN');
  return ok(t);
}

/**
 * Hands out the next bid number for a form submission, or the number it already got: a form sent
 * twice (double click, a Teams retry) is one bid.
 */
export function registerSubmission(t: Tender, submissionId: string, now: Date): Result<{ tender: Tender; number: number; duplicate: boolean }, BiddingError> {
  const known = t.submissions?.[submissionId];
  if (known !== undefined) return ok({ tender: t, number: known, duplicate: true });
  const open = biddingOpen(t, now);
  if (!open.ok) return open;
  const number = t.bidSeq + 1;
  return ok({
    tender: { ...t, bidSeq: number, activeBids: t.activeBids + 1, submissions: { ...t.submissions, [submissionId]: number } },
    number,
    duplicate: false,
  });
}

/** A bid counter: the live one (`Tally`) or the counts a tender last showed. */
export interface Counts {
  /** Highest bid number handed out; numbers are never reused. */
  readonly bidSeq: number;
  /** Bids not withdrawn: what the announcement card counts. */
  readonly activeBids: number;
}

/**
 * A tender's live bid counter, in its own small item beside the tender (`tally-<tender id>`), so
 * numbering bids and withdrawing one write a few hundred bytes instead of the whole tender.
 */
export interface Tally extends Counts {
  readonly tenantId: string;
  readonly tenderId: string;
  /**
   * The batch being numbered: submission key → number, written before the bids get their numbers, so
   * a crash in between gives each of them the same number when the numbering is done again. Only the
   * bids still unnumbered when the next batch is written are kept.
   */
  readonly batch: Readonly<Record<string, number>>;
  /** The count changed since the announcement cards last showed it: the sweep's cue to refresh them. */
  readonly unshown: boolean;
  /** When the cards were last brought up to date from this tally (the sweep waits a minute between refreshes). */
  readonly shownAt?: string | undefined;
}

/**
 * The tally a tender starts with: empty for a new tender; for one stored before tallies existed, its
 * own counter and its `submissions` (whose bids that are still unnumbered keep the numbers given them).
 */
export function firstTally(t: Tender): Tally {
  return { tenantId: t.tenantId, tenderId: t.id, bidSeq: t.bidSeq, activeBids: t.activeBids, batch: { ...(t.submissions ?? {}) }, unshown: t.shownCount !== t.activeBids };
}

/**
 * Numbers new bids after the click that made them (bids carry no number when they are stored, so 50
 * people bidding at once do not race for the tender): each form submission gets the next number
 * once, in the order given, or the number the tally's batch already gave it. Bids withdrawn before
 * they were numbered are numbered but not counted. The same tally back when there is nothing new.
 */
export function numberBatch(t: Tally, waiting: readonly { key: string; withdrawn: boolean }[]): Tally {
  let bidSeq = t.bidSeq;
  let activeBids = t.activeBids;
  const batch: Record<string, number> = {};
  for (const b of waiting) {
    const known = t.batch[b.key];
    if (known !== undefined) {
      batch[b.key] = known;
      continue;
    }
    batch[b.key] = ++bidSeq;
    if (!b.withdrawn) activeBids++;
  }
  if (bidSeq === t.bidSeq) return t;
  return { ...t, bidSeq, activeBids, batch, unshown: t.unshown || activeBids !== t.activeBids };
}

export function countWithdrawal<T extends Counts>(t: T): T {
  return { ...t, activeBids: Math.max(0, t.activeBids - 1) };
}

/** A withdrawal on the tally: one fewer, and the cards are to show it. */
export const withdrawFromTally = (t: Tally): Tally => ({ ...countWithdrawal(t), unshown: true });

/** The live counts of a tender: its tally's, or for a tender never numbered, its own. */
export const countsOf = (t: Tender, tally: Tally | undefined): Counts => (tally ? { bidSeq: tally.bidSeq, activeBids: tally.activeBids } : { bidSeq: t.bidSeq, activeBids: t.activeBids });

/** The tender with the live counts, for views that must be exact (the bid overview). */
export const withCounts = (t: Tender, c: Counts): Tender => ({ ...t, bidSeq: c.bidSeq, activeBids: c.activeBids });

/**
 * When the tender sweep next has work on this tender (ISO), or undefined when it has none: the
 * deadline while published, at once when closed but its group not told, or cancelled but its bidders'
 * notices not in the outbox. The sweep's scan is `attentionAt <= now`, so a tender waiting for its
 * deadline costs nothing.
 */
export function attentionAt(t: Tender): string | undefined {
  if (t.status === 'published') return t.deadline;
  if (t.status === 'closed' && !t.closingReportedAt) return t.closedAt ?? t.deadline;
  if (t.status === 'cancelled' && t.cancelledAt && !t.cancelNoticesQueuedAt) return t.cancelledAt;
  return undefined;
}

export function recordAnnouncements(t: Tender, announcements: readonly Announcement[], now: Date): Tender {
  return { ...t, announcements: [...t.announcements, ...announcements], shownCount: t.activeBids, shownAt: now.toISOString() };
}

/** The announcement cards need an update: the count changed (at most once a minute) or the tender ended. */
export const COUNT_REFRESH_MS = 60_000;

/** `counts` are the live ones (the tally's); a tender's own counts are those it last showed. */
export function announcementStale(t: Tender, now: Date, counts: Counts = t): boolean {
  if (t.announcements.length === 0) return false;
  const sinceShown = t.shownAt ? now.getTime() - new Date(t.shownAt).getTime() : Infinity;
  return t.status === 'published' && t.shownCount !== counts.activeBids && sinceShown >= COUNT_REFRESH_MS;
}

/** Claims the announcement update: whoever writes this first (etag) updates the cards, with these counts. */
export function markShown(t: Tender, now: Date, counts: Counts = t): Tender {
  return { ...withCounts(t, counts), shownCount: counts.activeBids, shownAt: now.toISOString() };
}

/** Claims telling the group the tender closed, with the final counts (read from the tally at close). */
export function markClosingReported(t: Tender, now: Date, counts: Counts = t): Tender {
  return { ...withCounts(t, counts), shownCount: counts.activeBids, closingReportedAt: now.toISOString() };
}

export function opensForudsaetninger(t: Tender): CatalogEntry[] {
  return t.catalog.filter((c) => t.forudsaetninger.includes(c.id));
}
