// The konsekvensberegning of a bid: after the tender has closed, the bidder or a member of the kernegruppe
// asks the group's økonomikonsulent for the economic consequences of the activity, and the økonomikonsulent
// attaches the figures (one-off cost, yearly running cost, number of years, yearly savings) and a note. It
// lives on the bid (`konsekvens`), may be revised, and every step is in the bid's history.
//
// Seed 000: ""Tilbudsgiverne" vil i dette arbejde kunne søge hjælp hos Økonomi og Personale til
// konsekvensberegninger." — so the bidder may ask, and Økonomi og Personale (the group's økonomikonsulent) answers.

import type { Actor } from './actor.js';
import { fail, ok, type Result } from './result.js';
import { asText, biddingOpen, parseKroner, type AuditEntry, type Tender } from './tender.js';

export interface KonsekvensRequest {
  readonly by: string;
  readonly byName: string;
  readonly at: string;
  /** The asker's question or note for the økonomikonsulent ('' when none). */
  readonly note: string;
  /** Whether the bidder asked or a member of the kernegruppe. */
  readonly asker: 'bidder' | 'member';
}

export interface KonsekvensFigures {
  readonly oneOffKr: number;
  readonly yearlyKr: number;
  readonly years: number;
  readonly yearlySavingsKr: number;
  readonly note: string;
}

export interface KonsekvensResult extends KonsekvensFigures {
  readonly by: string;
  readonly byName: string;
  readonly at: string;
  /** 1 for the first figures, 2 for the first revision … */
  readonly revision: number;
}

/**
 * `requested`: asked and not (re)made yet; `done`: the figures stand. Asking again after the figures were
 * made (say the konkretisering changed the activity) opens a new request and keeps the last figures until
 * the økonomikonsulent revises them.
 */
export interface Konsekvensberegning {
  readonly status: 'requested' | 'done';
  readonly request: KonsekvensRequest;
  readonly result?: KonsekvensResult | undefined;
}

/**
 * What of a bid this file reads and writes (bid.ts holds `konsekvens?: Konsekvensberegning`, so this file
 * names the bid by its shape rather than import it back: no import cycle).
 */
export interface KonsekvensBid {
  readonly bidderId: string;
  readonly groupId?: string | undefined;
  readonly status: string;
  readonly konsekvens?: Konsekvensberegning | undefined;
  readonly history: readonly AuditEntry[];
}

export const KONSEKVENS_LIMITS = {
  note: 2000,
  requestNote: 1000,
  /** 1 mia. kr.: far above any one activity of a municipality; a typo with three zeros too many is caught. */
  kr: 1_000_000_000,
  years: 50,
} as const;

export type KonsekvensField = 'oneOffKr' | 'yearlyKr' | 'years' | 'yearlySavingsKr' | 'note' | 'requestNote';
export type KonsekvensFieldCode = 'REQUIRED' | 'NOT_A_NUMBER' | 'NOT_WHOLE' | 'NEGATIVE' | 'MILLIONS' | 'TOO_LARGE' | 'TOO_LONG' | 'YEARS';

export interface KonsekvensFieldError {
  readonly field: KonsekvensField;
  readonly code: KonsekvensFieldCode;
  readonly limit?: number | undefined;
}

export type KronerOrZero = { readonly ok: true; readonly kr: number } | { readonly ok: false; readonly code: Exclude<KonsekvensFieldCode, 'REQUIRED' | 'TOO_LONG' | 'YEARS'> };

/**
 * An amount in whole kroner where 0 is a real answer (no running cost, no savings): the tender's
 * parseKroner ("1.250.000", "1250000", "kr. 250.000,-"), plus 0, with "mio."/"mia." and negative amounts
 * refused by name so the message can say what to write instead.
 */
export function parseKronerOrZero(text: string): KronerOrZero {
  const t = text.replace(/\s/g, '');
  if (/mio|mill|mia/i.test(t)) return { ok: false, code: 'MILLIONS' };
  // A minus before the first digit, whatever currency mark is around it.
  if (/^[^0-9]*[-\u2212]/.test(t)) return { ok: false, code: 'NEGATIVE' };
  const parsed = parseKroner(text);
  if (parsed.ok) return parsed.kr > KONSEKVENS_LIMITS.kr ? { ok: false, code: 'TOO_LARGE' } : parsed;
  if (parsed.code !== 'NOT_POSITIVE') return { ok: false, code: parsed.code };
  // Zero, written as "0", "0 kr.", "0,-" or "0,00"; "0,50" is øre, not whole kroner.
  const oere = /[.,](\d{1,2})(kr\.?|dkk)?$/i.exec(t);
  return oere && Number(oere[1]) !== 0 ? { ok: false, code: 'NOT_WHOLE' } : { ok: true, kr: 0 };
}

export interface KonsekvensInput {
  readonly oneOffKr?: unknown;
  readonly yearlyKr?: unknown;
  readonly years?: unknown;
  readonly yearlySavingsKr?: unknown;
  readonly note?: unknown;
}

const KRONER_FIELDS = ['oneOffKr', 'yearlyKr', 'yearlySavingsKr'] as const;

/** Every figure checked, each problem at its field, so the form comes back with all of them at once. */
export function validateKonsekvensInput(input: KonsekvensInput): Result<KonsekvensFigures, 'KONSEKVENS.INVALID', KonsekvensFieldError[]> {
  const errors: KonsekvensFieldError[] = [];
  const kr: Partial<Record<(typeof KRONER_FIELDS)[number], number>> = {};
  for (const field of KRONER_FIELDS) {
    const raw = input[field];
    const typed = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : asText(raw);
    if (typed === '') {
      errors.push({ field, code: 'REQUIRED' });
      continue;
    }
    const amount = parseKronerOrZero(typed);
    if (amount.ok) kr[field] = amount.kr;
    else errors.push({ field, code: amount.code, ...(amount.code === 'TOO_LARGE' ? { limit: KONSEKVENS_LIMITS.kr } : {}) });
  }
  const yearsText = typeof input.years === 'number' ? String(input.years) : asText(input.years).replace(/\s*år$/i, '').replace(/\s*years?$/i, '');
  let years = 0;
  if (yearsText === '') errors.push({ field: 'years', code: 'REQUIRED' });
  else if (!/^\d{1,3}$/.test(yearsText) || Number(yearsText) < 1 || Number(yearsText) > KONSEKVENS_LIMITS.years) errors.push({ field: 'years', code: 'YEARS', limit: KONSEKVENS_LIMITS.years });
  else years = Number(yearsText);
  const note = asText(input.note);
  if (note.length > KONSEKVENS_LIMITS.note) errors.push({ field: 'note', code: 'TOO_LONG', limit: KONSEKVENS_LIMITS.note });
  if (errors.length > 0) return fail('KONSEKVENS.INVALID', errors);
  return ok({ oneOffKr: kr.oneOffKr!, yearlyKr: kr.yearlyKr!, years, yearlySavingsKr: kr.yearlySavingsKr!, note });
}

/** The group a bid belongs to (bids made before bids kept it: the tender's). */
export const groupOfBid = (bid: KonsekvensBid, tender: Tender): string => bid.groupId ?? tender.groupId;

/** An økonomikonsulent of this kernegruppe: the one role that makes a konsekvensberegning. */
export const isOekonomikonsulentOf = (actor: Actor, groupId: string): boolean =>
  actor.memberships.some((m) => m.group.id === groupId && m.roles.includes('oekonomikonsulent'));

export type AskError = 'KONSEKVENS.NOT_ALLOWED' | 'KONSEKVENS.NOT_CLOSED' | 'KONSEKVENS.WITHDRAWN' | 'KONSEKVENS.NOTE_TOO_LONG';

/** Who may ask: the bidder, or a member of the tender's kernegruppe (co-bidders follow with the konkretisering's roster picks). */
export function askerRole(actor: Actor, bid: KonsekvensBid, tender: Tender): 'bidder' | 'member' | undefined {
  if (bid.bidderId === actor.personId) return 'bidder';
  return actor.memberships.some((m) => m.group.id === groupOfBid(bid, tender)) ? 'member' : undefined;
}

/** Asking is for a bid that stands, on a tender whose deadline has passed (by the server's clock) and that was not cancelled. */
export function mayAsk(actor: Actor, bid: KonsekvensBid, tender: Tender, now: Date): Result<'bidder' | 'member', AskError> {
  const role = askerRole(actor, bid, tender);
  if (!role) return fail('KONSEKVENS.NOT_ALLOWED');
  if (tender.status === 'draft' || tender.status === 'cancelled' || biddingOpen(tender, now).ok) return fail('KONSEKVENS.NOT_CLOSED');
  if (bid.status === 'withdrawn') return fail('KONSEKVENS.WITHDRAWN');
  return ok(role);
}

const audit = (now: Date, by: string, action: string, note?: string): AuditEntry => ({ at: now.toISOString(), by, action, ...(note ? { note } : {}) });

/**
 * The bid with a new request, or `already: true` when one is open (asking twice asks once). The bid keeps
 * its group from now on, so the group's digest finds the open request with one query.
 */
export function requestKonsekvens<B extends KonsekvensBid>(
  bid: B,
  tender: Tender,
  actor: Actor,
  noteText: unknown,
  now: Date,
): Result<{ bid: B; already: boolean }, AskError> {
  const allowed = mayAsk(actor, bid, tender, now);
  if (!allowed.ok) return allowed;
  if (bid.konsekvens?.status === 'requested') return ok({ bid, already: true });
  const note = asText(noteText);
  if (note.length > KONSEKVENS_LIMITS.requestNote) return fail('KONSEKVENS.NOTE_TOO_LONG');
  const request: KonsekvensRequest = { by: actor.personId, byName: actor.name, at: now.toISOString(), note, asker: allowed.value };
  return ok({
    bid: {
      ...bid,
      groupId: groupOfBid(bid, tender),
      konsekvens: { status: 'requested', request, result: bid.konsekvens?.result },
      history: [...bid.history, audit(now, actor.personId, 'konsekvens.requested', note)],
    },
    already: false,
  });
}

export type SaveError = 'KONSEKVENS.NOT_OEKONOMIKONSULENT' | 'KONSEKVENS.NOT_REQUESTED' | 'KONSEKVENS.WITHDRAWN' | 'KONSEKVENS.INVALID';

/** May this person open the økonomikonsulent's card and save figures for the bid? */
export function mayMake(actor: Actor, bid: KonsekvensBid, tender: Tender): Result<Konsekvensberegning, Exclude<SaveError, 'KONSEKVENS.INVALID'>> {
  if (!isOekonomikonsulentOf(actor, groupOfBid(bid, tender))) return fail('KONSEKVENS.NOT_OEKONOMIKONSULENT');
  if (!bid.konsekvens) return fail('KONSEKVENS.NOT_REQUESTED');
  if (bid.status === 'withdrawn') return fail('KONSEKVENS.WITHDRAWN');
  return ok(bid.konsekvens);
}

/** The figures saved: the first time made, later revised (each revision numbered and in the history). */
export function saveKonsekvens<B extends KonsekvensBid>(bid: B, tender: Tender, actor: Actor, input: KonsekvensInput, now: Date): Result<B, SaveError, KonsekvensFieldError[]> {
  const allowed = mayMake(actor, bid, tender);
  if (!allowed.ok) return allowed;
  const figures = validateKonsekvensInput(input);
  if (!figures.ok) return figures;
  const previous = allowed.value.result;
  const result: KonsekvensResult = { ...figures.value, by: actor.personId, byName: actor.name, at: now.toISOString(), revision: (previous?.revision ?? 0) + 1 };
  return ok({
    ...bid,
    konsekvens: { status: 'done', request: allowed.value.request, result },
    history: [...bid.history, audit(now, actor.personId, previous ? 'konsekvens.revised' : 'konsekvens.made', figures.value.note)],
  });
}
