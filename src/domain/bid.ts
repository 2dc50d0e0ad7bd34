// Bids on a tender: an employee's stage 1 proposal (the activity, how it helps create the
// forudsætninger, which ones it serves, the parties' roles, co-bidders, whether they will take part).
// Submitted → edited → withdrawn until the deadline, by the bidder only. The status model already
// has the states evaluation and award will use; nothing moves a bid into them yet.

import type { Konsekvensberegning } from './konsekvensberegning.js';
import { fail, ok, type Result } from './result.js';
import type { Konkretisering } from './konkretisering.js';
import {
  asChoices,
  biddingOpen,
  optionalText,
  requiredText,
  type AuditEntry,
  type BiddingError,
  type FieldError,
  type Tender,
} from './tender.js';

/**
 * Submitted and withdrawn are the bidder's; the rest are the kernegruppe's decisions after the deadline:
 * shortlisted, rejected (with a reason), selected (indstillet to the Byråd, on a tender Byrådet decides) and
 * awarded (an activity exists). A konkretisering is asked for on the side, whatever the status.
 */
export const BID_STATUSES = ['submitted', 'withdrawn', 'shortlisted', 'rejected', 'selected', 'awarded'] as const;
export type BidStatus = (typeof BID_STATUSES)[number];

export const PARTY_ROLES = ['kommunen', 'borgeren', 'familien', 'lokalsamfundet', 'arbejdsgiveren'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export const BID_LIMITS = { title: 150, description: 4000, howItHelps: 2000, partyRole: 1000, coBidders: 500 } as const;

export interface BidFields {
  readonly title: string;
  readonly description: string;
  readonly howItHelps: string;
  readonly forudsaetninger: readonly string[];
  readonly partyRoles: Readonly<Partial<Record<PartyRole, string>>>;
  readonly coBidders: string;
  /** Co-bidders picked as people from the roster (bids made before keep their free-text `coBidders`). */
  readonly coBidderIds?: readonly CoBidder[] | undefined;
  readonly wantsToParticipate: boolean;
}

export interface CoBidder {
  readonly id: string;
  readonly name: string;
}

/** At most this many co-bidders on one bid: each is told 1:1 of a konkretisering. */
export const MAX_CO_BIDDERS = 10;

export interface Bid extends BidFields {
  readonly id: string;
  readonly tenantId: string;
  readonly tenderId: string;
  /** The tender's kernegruppe (bids made before this was kept have none: read the tender). */
  readonly groupId?: string | undefined;
  /** 0 until the bid is numbered, just after the click (see app/bid-numbers.ts); then 1, 2, 3 … per tender. */
  readonly number: number;
  /** The bidder wants a 1:1 receipt in this language: kept on the bid so a receipt lost in a crash is enqueued again when it is numbered. */
  readonly receiptLocale?: 'da' | 'en' | undefined;
  readonly submissionId: string;
  readonly bidderId: string;
  readonly bidderName: string;
  /** How Teams addresses the bidder (for 1:1 messages later): user id and the service to reach them by. */
  readonly bidderTeamsId: string;
  readonly serviceUrl: string;
  /** Serves forudsætninger of another kerneopgave too (a pejlemærke: prerequisites across kerneopgaver). */
  readonly crossCutting: boolean;
  readonly status: BidStatus;
  /** Why the kernegruppe (or the Byråd) put the bid in its status: a rejection's reason, an award's note. */
  readonly statusReason?: string | undefined;
  readonly statusAt?: string | undefined;
  readonly statusBy?: string | undefined;
  readonly submittedAt: string;
  readonly editedAt?: string | undefined;
  readonly withdrawnAt?: string | undefined;
  /** The økonomikonsulent's konsekvensberegning: asked for, made, revised (domain/konsekvensberegning.ts). */
  readonly konsekvens?: Konsekvensberegning | undefined;
  readonly history: readonly AuditEntry[];
  /** Stage 2, asked for by the kernegruppe after the deadline (domain/konkretisering.ts). */
  readonly konkretisering?: Konkretisering | undefined;
}

/** What the lists show of a bid ("mine bud", the bid overview): read as a projection, without texts or history. */
export type BidSummary = Pick<Bid, 'id' | 'tenderId' | 'number' | 'bidderName' | 'title' | 'status' | 'crossCutting' | 'submittedAt' | 'statusReason'> & {
  /** The deadline of a konkretisering asked for and not answered yet (kept flat beside the bid, so a list reads it without the answer's texts). */
  readonly konkretiseringDue?: string | undefined;
};

export type BidField = 'title' | 'description' | 'howItHelps' | 'forudsaetninger' | `role.${PartyRole}` | 'coBidders' | 'participate';

export interface BidInput {
  readonly title?: unknown;
  readonly description?: unknown;
  readonly howItHelps?: unknown;
  readonly forudsaetninger?: unknown;
  readonly roles?: Partial<Record<PartyRole, unknown>>;
  readonly coBidders?: unknown;
  readonly participate?: unknown;
}

/** The picker's first choice, "no co-bidders" (a ChoiceSet must offer at least one choice before the search has found any). */
export const NO_CO_BIDDERS = 'none';

const ENTRA_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The co-bidders field holds the people picker's pick: roster (Entra object) ids, comma-separated, as
 * the ChoiceSet sends them. Anything else is the free text of a form from before the picker (kept as
 * it was written). A pick names at most MAX_CO_BIDDERS people and never the bidder; the app checks
 * each is a person of the tenant. `undefined`: not a pick.
 */
export function pickedCoBidderIds(input: unknown, bidderId: string): Result<string[] | undefined, 'INVALID' | 'TOO_MANY'> {
  const given = asChoices(input);
  // The picker's "no co-bidders" choice: a pick of nobody.
  const tokens = given.filter((t) => t !== NO_CO_BIDDERS);
  if (given.length > 0 && tokens.length === 0) return ok([]);
  if (tokens.length === 0 || !tokens.every((t) => ENTRA_ID.test(t))) return ok(undefined);
  const ids = [...new Set(tokens.map((t) => t.toLowerCase()))];
  if (ids.includes(bidderId.toLowerCase())) return fail('INVALID');
  if (ids.length > MAX_CO_BIDDERS) return fail('TOO_MANY');
  return ok(ids);
}

export function validateBidInput(input: BidInput, tender: Tender): Result<BidFields, 'BID.INVALID', FieldError<BidField>[]> {
  const errors: FieldError<BidField>[] = [];
  const title = requiredText('title', input.title, BID_LIMITS.title, errors);
  const description = requiredText('description', input.description, BID_LIMITS.description, errors);
  const howItHelps = requiredText('howItHelps', input.howItHelps, BID_LIMITS.howItHelps, errors);
  const forudsaetninger = [...new Set(asChoices(input.forudsaetninger))];
  const known = new Set(tender.catalog.map((c) => c.id));
  if (forudsaetninger.length === 0) errors.push({ field: 'forudsaetninger', code: 'REQUIRED' });
  else if (forudsaetninger.some((f) => !known.has(f))) errors.push({ field: 'forudsaetninger', code: 'UNKNOWN_CHOICE' });
  // A bid answers this tender: it serves at least one forudsætning the tender opens, and may serve more.
  else if (!forudsaetninger.some((f) => tender.forudsaetninger.includes(f))) errors.push({ field: 'forudsaetninger', code: 'INVALID' });
  const partyRoles: Partial<Record<PartyRole, string>> = {};
  for (const role of PARTY_ROLES) {
    const text = optionalText(`role.${role}`, input.roles?.[role], BID_LIMITS.partyRole, errors);
    if (text) partyRoles[role] = text;
  }
  const coBidders = optionalText('coBidders', input.coBidders, BID_LIMITS.coBidders, errors);
  const participate = input.participate;
  if (participate !== undefined && participate !== '' && !['true', 'false', true, false].includes(participate as string | boolean))
    errors.push({ field: 'participate', code: 'INVALID' });
  if (errors.length > 0) return fail('BID.INVALID', errors);
  return ok({ title, description, howItHelps, forudsaetninger, partyRoles, coBidders, wantsToParticipate: participate === true || participate === 'true' });
}

export function isCrossCutting(tender: Tender, forudsaetninger: readonly string[]): boolean {
  return forudsaetninger.some((f) => tender.catalog.find((c) => c.id === f)?.kerneopgave !== tender.kerneopgave);
}

export interface Bidder {
  readonly id: string;
  readonly name: string;
  readonly teamsId: string;
  readonly serviceUrl: string;
}

export function newBid(a: { id: string; tender: Tender; number: number; submissionId: string; bidder: Bidder; fields: BidFields }, now: Date): Bid {
  const at = now.toISOString();
  return {
    id: a.id,
    tenantId: a.tender.tenantId,
    tenderId: a.tender.id,
    groupId: a.tender.groupId,
    number: a.number,
    submissionId: a.submissionId,
    bidderId: a.bidder.id,
    bidderName: a.bidder.name,
    bidderTeamsId: a.bidder.teamsId,
    serviceUrl: a.bidder.serviceUrl,
    ...a.fields,
    crossCutting: isCrossCutting(a.tender, a.fields.forudsaetninger),
    status: 'submitted',
    submittedAt: at,
    history: [{ at, by: a.bidder.id, action: 'submitted', to: 'submitted' }],
  };
}

export type BidChangeError = BiddingError | 'BID.NOT_YOURS' | 'BID.WITHDRAWN';

function mayChange(bid: Bid, tender: Tender, by: string, now: Date): Result<Bid, BidChangeError> {
  // Sealed bids: only the bidder may touch (or see) their bid, whatever a card's data says.
  if (bid.bidderId !== by) return fail('BID.NOT_YOURS');
  const open = biddingOpen(tender, now);
  if (!open.ok) return open;
  if (bid.status === 'withdrawn') return fail('BID.WITHDRAWN');
  return ok(bid);
}

export function editBid(bid: Bid, tender: Tender, fields: BidFields, by: string, now: Date): Result<Bid, BidChangeError> {
  const allowed = mayChange(bid, tender, by, now);
  if (!allowed.ok) return allowed;
  const at = now.toISOString();
  return ok({ ...bid, ...fields, crossCutting: isCrossCutting(tender, fields.forudsaetninger), editedAt: at, history: [...bid.history, { at, by, action: 'edited', from: bid.status, to: bid.status }] });
}

export function withdrawBid(bid: Bid, tender: Tender, by: string, now: Date): Result<Bid, BidChangeError> {
  const allowed = mayChange(bid, tender, by, now);
  if (!allowed.ok) return allowed;
  const at = now.toISOString();
  return ok({ ...bid, status: 'withdrawn', withdrawnAt: at, history: [...bid.history, { at, by, action: 'withdrawn', from: bid.status, to: 'withdrawn' }] });
}
