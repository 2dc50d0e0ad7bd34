// The activity catalogue of a kernegruppe for a period (e.g. "2027"): the activities its awards and
// indstillinger put in it, with their costs, against the group's economic frame. Seed 000:
// "Kernegruppens arbejde skal munde ud i et katalog af aktiviteter"; "Gruppens samlede aktiviteter skal
// holde sig inden for den reviderede økonomiske ramme"; "Listen af aktiviteter skal være udtømmende".
// An award is one write of this item (guarded by its etag), so two awards at the same moment can never
// take the total over the frame together: the second one reads the first one's entry and is checked
// again. Pure functions of an explicit `now` returning coded results; every change is in `history`.

import type { DecidedBy } from './tender.js';
import { fail, ok, type Result } from './result.js';
import { parseKroner, type AuditEntry, type CatalogEntry } from './tender.js';
import type { Bid, BidStatus } from './bid.js';

export const CATALOGUE_LIMITS = { note: 1000, overrideReason: 1000, overrideReasonMin: 10, frameKr: 10_000_000_000, entries: 200 } as const;

/** A period is a year ("2027"): the frame is a yearly budget. */
export const PERIOD = /^(20\d\d)$/;

export type CatalogueStatus = 'draft' | 'presented' | 'decided';

/** One setting of the frame; the last one is the frame. Seed 000: the frame is revised late in March. */
export interface FrameRevision {
  readonly kr: number;
  readonly at: string;
  readonly by: string;
  readonly byName: string;
  readonly note?: string | undefined;
}

export interface PersonRef {
  readonly id: string;
  readonly name: string;
}

/** A meeting the catalogue was presented or decided at, as it stood then. */
export interface MeetingRef {
  readonly id: string;
  readonly title: string;
  readonly start: string;
}

/**
 * What an activity costs the frame of the period: its one-off cost and one year's running cost (from the
 * konsekvensberegning when there is one, else the konkretisering; 0 when neither gives a figure).
 */
export interface Cost {
  readonly oneOffKr: number;
  readonly yearlyKr: number;
  /** Where the figures came from, for the card: 'konsekvens' | 'konkretisering' | 'none'. */
  readonly source: 'konsekvens' | 'konkretisering' | 'none';
}

export const costAgainstFrame = (c: Cost): number => c.oneOffKr + c.yearlyKr;

/** What the award decides about the activity: who carries it, what it should move, and when it is looked at again. */
export interface AwardTerms {
  /** Seed 000: the bidders need not carry it out themselves; the bidder by default. */
  readonly responsible: PersonRef;
  readonly expectedEffect: string;
  /** yyyy-mm-dd, Copenhagen dates. */
  readonly startDate: string;
  readonly evaluationDate: string;
}

/**
 * awarded: the group (or the Byråd, approving an indstilling) chose it; an activity exists (or is being made).
 * indstillet: the group selected it on a tender Byrådet decides, waiting for the Byråd; it counts against the frame.
 * afvist: the Byråd did not approve the indstilling; it no longer counts.
 */
export type EntryState = 'awarded' | 'indstillet' | 'afvist';

export interface CatalogueEntry {
  readonly bidId: string;
  readonly tenderId: string;
  readonly tenderTitle: string;
  readonly bidNumber: number;
  readonly title: string;
  readonly bidderId: string;
  readonly activityId: string;
  /** The forudsætninger the bid serves (ids), for the coverage view. */
  readonly forudsaetninger: readonly string[];
  readonly crossCutting: boolean;
  readonly cost: Cost;
  readonly terms: AwardTerms;
  readonly decidedBy: DecidedBy;
  readonly state: EntryState;
  readonly at: string;
  readonly by: string;
  readonly byName: string;
  /** Taken over the frame on purpose, with the written reason. */
  readonly override?: { readonly reason: string; readonly totalAfterKr: number; readonly frameKr: number } | undefined;
}

export interface ByraadDecision {
  readonly outcome: 'approved' | 'changed' | 'rejected';
  readonly meeting: MeetingRef;
  readonly at: string;
  readonly by: string;
  readonly byName: string;
  readonly note?: string | undefined;
}

export interface Catalogue {
  readonly id: string;
  readonly tenantId: string;
  readonly groupId: string;
  readonly groupName: string;
  readonly kerneopgave: string;
  readonly period: string;
  readonly frames: readonly FrameRevision[];
  readonly status: CatalogueStatus;
  readonly presentedAt?: MeetingRef | undefined;
  readonly decision?: ByraadDecision | undefined;
  readonly entries: readonly CatalogueEntry[];
  /**
   * Entries whose consequences are not all done yet (the activity item, the bid's status, the notices):
   * written in the same write as the entry, and worked off after the click (and by the sweep after a
   * crash), so an award is never half made.
   */
  readonly unsettled: readonly string[];
  readonly history: readonly AuditEntry[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** `id`: one per group and period (app/catalogue-ids.ts), so two first awards at once meet at the same item. */
export function emptyCatalogue(v: { id: string; tenantId: string; group: { id: string; name: string; kerneopgave: string }; period: string }, now: Date): Catalogue {
  const at = now.toISOString();
  return {
    id: v.id,
    tenantId: v.tenantId,
    groupId: v.group.id,
    groupName: v.group.name,
    kerneopgave: v.group.kerneopgave,
    period: v.period,
    frames: [],
    status: 'draft',
    entries: [],
    unsettled: [],
    history: [],
    createdAt: at,
    updatedAt: at,
  };
}

const audit = (now: Date, by: string, action: string, v: { from?: string; to?: string; note?: string | undefined } = {}): AuditEntry => ({
  at: now.toISOString(),
  by,
  action,
  ...(v.from ? { from: v.from } : {}),
  ...(v.to ? { to: v.to } : {}),
  ...(v.note ? { note: v.note } : {}),
});

/** The frame as it stands (the last revision), or undefined when none is set. */
export const frameOf = (c: Catalogue): number | undefined => c.frames.at(-1)?.kr;

const counts = (e: CatalogueEntry): boolean => e.state !== 'afvist';

/** The total the catalogue's activities take of the frame: awarded and indstillede ones. */
export const totalKr = (c: Catalogue): number => c.entries.filter(counts).reduce((sum, e) => sum + costAgainstFrame(e.cost), 0);

export type FrameError = 'CATALOGUE.FRAME_INVALID' | 'CATALOGUE.NOTE_TOO_LONG';

/** Sets or revises the frame (dated, by whom, why); a frame below what is already in the catalogue is allowed and shown as over. */
export function setFrame(c: Catalogue, kr: number, by: PersonRef, note: string, now: Date): Result<Catalogue, FrameError> {
  if (!Number.isInteger(kr) || kr <= 0 || kr > CATALOGUE_LIMITS.frameKr) return fail('CATALOGUE.FRAME_INVALID');
  const why = note.trim();
  if (why.length > CATALOGUE_LIMITS.note) return fail('CATALOGUE.NOTE_TOO_LONG');
  const at = now.toISOString();
  const revision: FrameRevision = { kr, at, by: by.id, byName: by.name, ...(why ? { note: why } : {}) };
  const before = frameOf(c);
  return ok({
    ...c,
    frames: [...c.frames, revision],
    updatedAt: at,
    history: [...c.history, audit(now, by.id, before === undefined ? 'frame.set' : 'frame.revised', { from: before === undefined ? undefined : String(before), to: String(kr), note: why })],
  });
}

export type AddError =
  | 'CATALOGUE.DECIDED'
  | 'CATALOGUE.FULL'
  /** The total would exceed the frame: details say by how much, so the card can offer the override. */
  | 'CATALOGUE.OVER_FRAME'
  | 'CATALOGUE.OVERRIDE_REASON_TOO_SHORT'
  | 'CATALOGUE.OVERRIDE_REASON_TOO_LONG';

export interface OverFrame {
  readonly frameKr: number;
  readonly totalKr: number;
  readonly costKr: number;
}

/**
 * Puts an awarded or indstillet bid in the catalogue, unless that would take the total over the frame;
 * an override with a written reason takes it over anyway, and says so forever after. The same bid twice
 * (a double click, two members at once) is the entry already there: `duplicate`.
 */
export function addEntry(
  c: Catalogue,
  entry: Omit<CatalogueEntry, 'override' | 'at'>,
  override: string | undefined,
  now: Date,
): Result<{ catalogue: Catalogue; entry: CatalogueEntry; duplicate: boolean }, AddError, OverFrame> {
  const existing = c.entries.find((e) => e.bidId === entry.bidId && e.state !== 'afvist');
  if (existing) return ok({ catalogue: c, entry: existing, duplicate: true });
  // A decided catalogue is the Byråd's: a new activity needs a new decision (a catalogue for the next period).
  if (c.status === 'decided') return fail('CATALOGUE.DECIDED');
  if (c.entries.length >= CATALOGUE_LIMITS.entries) return fail('CATALOGUE.FULL');
  const frame = frameOf(c);
  const cost = costAgainstFrame(entry.cost);
  const after = totalKr(c) + cost;
  const reason = override?.trim() ?? '';
  let overrideNote: CatalogueEntry['override'];
  if (frame !== undefined && after > frame) {
    if (reason === '') return fail('CATALOGUE.OVER_FRAME', { frameKr: frame, totalKr: totalKr(c), costKr: cost });
    if (reason.length < CATALOGUE_LIMITS.overrideReasonMin) return fail('CATALOGUE.OVERRIDE_REASON_TOO_SHORT', { frameKr: frame, totalKr: totalKr(c), costKr: cost });
    if (reason.length > CATALOGUE_LIMITS.overrideReason) return fail('CATALOGUE.OVERRIDE_REASON_TOO_LONG', { frameKr: frame, totalKr: totalKr(c), costKr: cost });
    overrideNote = { reason, totalAfterKr: after, frameKr: frame };
  }
  const at = now.toISOString();
  const made: CatalogueEntry = { ...entry, at, ...(overrideNote ? { override: overrideNote } : {}) };
  return ok({
    catalogue: {
      ...c,
      entries: [...c.entries, made],
      unsettled: [...c.unsettled, made.bidId],
      updatedAt: at,
      history: [...c.history, audit(now, entry.by, made.state === 'indstillet' ? 'entry.indstillet' : 'entry.awarded', { to: made.bidId, note: overrideNote ? `over frame: ${reason}` : undefined })],
    },
    entry: made,
    duplicate: false,
  });
}

/** The consequences of an entry are all done (activity, bid status, notices): the sweep stops looking at it. */
export function settled(c: Catalogue, bidId: string): Catalogue {
  return c.unsettled.includes(bidId) ? { ...c, unsettled: c.unsettled.filter((id) => id !== bidId) } : c;
}

export type StatusError = 'CATALOGUE.NOT_DRAFT' | 'CATALOGUE.NOT_PRESENTED' | 'CATALOGUE.EMPTY' | 'CATALOGUE.NOTE_TOO_LONG' | 'CATALOGUE.UNKNOWN_ENTRIES';

/** Seed 000: the catalogue is presented to the Byråd at a temamøde. */
export function present(c: Catalogue, meeting: MeetingRef, by: string, now: Date): Result<Catalogue, StatusError> {
  if (c.status !== 'draft') return fail('CATALOGUE.NOT_DRAFT');
  if (!c.entries.some(counts)) return fail('CATALOGUE.EMPTY');
  const at = now.toISOString();
  return ok({ ...c, status: 'presented', presentedAt: meeting, updatedAt: at, history: [...c.history, audit(now, by, 'presented', { from: 'draft', to: 'presented', note: meeting.title })] });
}

/**
 * The Byråd's decision at a byrådsmøde, recorded by an admin: approved (every indstilling becomes an
 * activity), changed (those in `approvedBidIds` do, the others are afvist), or rejected (none do).
 * Entries the kernegruppe itself awarded stand either way: that decision was the group's to make.
 */
export function recordDecision(
  c: Catalogue,
  d: { outcome: ByraadDecision['outcome']; meeting: MeetingRef; approvedBidIds?: readonly string[] | undefined; note: string; by: PersonRef },
  now: Date,
): Result<Catalogue, StatusError> {
  if (c.status !== 'presented') return fail('CATALOGUE.NOT_PRESENTED');
  const note = d.note.trim();
  if (note.length > CATALOGUE_LIMITS.note) return fail('CATALOGUE.NOTE_TOO_LONG');
  const indstillede = c.entries.filter((e) => e.state === 'indstillet').map((e) => e.bidId);
  const approved = new Set(d.outcome === 'approved' ? indstillede : d.outcome === 'rejected' ? [] : (d.approvedBidIds ?? []));
  if ([...approved].some((id) => !indstillede.includes(id))) return fail('CATALOGUE.UNKNOWN_ENTRIES');
  const at = now.toISOString();
  const changed = c.entries.filter((e) => e.state === 'indstillet').map((e) => e.bidId);
  return ok({
    ...c,
    status: 'decided',
    decision: { outcome: d.outcome, meeting: d.meeting, at, by: d.by.id, byName: d.by.name, ...(note ? { note } : {}) },
    entries: c.entries.map((e) => (e.state === 'indstillet' ? { ...e, state: approved.has(e.bidId) ? 'awarded' : 'afvist' } : e)),
    // Each indstilling's bid changes status and its bidder is told: worked off like an award.
    unsettled: [...new Set([...c.unsettled, ...changed])],
    updatedAt: at,
    history: [...c.history, audit(now, d.by.id, `decided.${d.outcome}`, { from: 'presented', to: 'decided', note: [d.meeting.title, note].filter(Boolean).join(': ') })],
  });
}

export interface CoverageRow {
  readonly forudsaetning: CatalogEntry;
  readonly entries: readonly CatalogueEntry[];
}

/**
 * For each forudsætning of the kerneopgave, the activities that serve it; those none serves yet are the
 * gaps ("Listen af aktiviteter skal være udtømmende", seed 000).
 */
export function coverage(c: Catalogue, forudsaetninger: readonly CatalogEntry[]): { rows: CoverageRow[]; uncovered: CatalogEntry[] } {
  const live = c.entries.filter(counts);
  const rows = forudsaetninger.map((f) => ({ forudsaetning: f, entries: live.filter((e) => e.forudsaetninger.includes(f.id)) }));
  return { rows, uncovered: rows.filter((r) => r.entries.length === 0).map((r) => r.forudsaetning) };
}

export type FrameAmountError = 'REQUIRED' | 'NOT_A_NUMBER' | 'NOT_WHOLE' | 'NOT_POSITIVE' | 'IN_MILLIONS' | 'TOO_LARGE';

/**
 * A frame typed as people write kroner ("1.250.000", "1250000", "1.250.000 kr."). "1,5 mio." is refused
 * with its own reason rather than guessed at: a frame is whole kroner, written out, so nobody has to
 * wonder whether "1,5 mio." meant 1.500.000 or a slip of the keyboard.
 */
export function parseFrameAmount(typed: string): Result<number, FrameAmountError> {
  const text = typed.trim();
  if (text === '') return fail('REQUIRED');
  if (/\b(mio|mill|million|millioner|mia|mrd|milliard|tusind|t\.?kr)\b|\d\s*(mio|mia|mrd)/i.test(text)) return fail('IN_MILLIONS');
  const kr = parseKroner(text);
  if (!kr.ok) return fail(kr.code);
  if (kr.kr > CATALOGUE_LIMITS.frameKr) return fail('TOO_LARGE');
  return ok(kr.kr);
}

/** The last entry for a bid (an earlier afvist one may have been followed by a new award). */
export const entryOf = (c: Catalogue, bidId: string): CatalogueEntry | undefined => c.entries.filter((e) => e.bidId === bidId).at(-1);

/**
 * What an entry makes of its bid's status once settled, and why, as stored on the bid (in the
 * municipality's language: it is what was decided, shown to the bidder as written).
 */
export function bidOutcomeOf(c: Catalogue, e: CatalogueEntry): { status: Extract<BidStatus, 'awarded' | 'selected' | 'rejected'>; reason: string } {
  const note = c.decision?.note ? `: ${c.decision.note}` : '';
  if (e.state === 'afvist') return { status: 'rejected', reason: `Byrådet godkendte ikke indstillingen${note}` };
  if (e.state === 'indstillet') return { status: 'selected', reason: 'Kernegruppen har indstillet buddet til Byrådet' };
  if (e.decidedBy === 'byraad' && c.decision) return { status: 'awarded', reason: `Byrådet godkendte indstillingen${note}` };
  return { status: 'awarded', reason: e.override ? `Kernegruppen tildelte opgaven (over rammen: ${e.override.reason})` : 'Kernegruppen tildelte opgaven' };
}

/** The bid in its settled status, with the change in its history; the same bid when it is already there (settled twice). */
export function withDecidedStatus(bid: Bid, outcome: { status: BidStatus; reason: string }, by: string, now: Date): Bid {
  if (bid.status === outcome.status && bid.statusReason === outcome.reason) return bid;
  const at = now.toISOString();
  return {
    ...bid,
    status: outcome.status,
    statusReason: outcome.reason,
    statusAt: at,
    statusBy: by,
    history: [...bid.history, { at, by, action: outcome.status, from: bid.status, to: outcome.status, note: outcome.reason }],
  };
}

/** The figures a bid brings to the catalogue, as `costOfBid` reads them (the bid's konsekvensberegning and konkretisering). */
export interface BidFigures {
  readonly konsekvens?: { readonly result?: { readonly oneOffKr: number; readonly yearlyKr: number } | undefined } | undefined;
  readonly konkretisering?: { readonly answer?: { readonly oneOffKr?: number | undefined; readonly yearlyKr?: number | undefined } | undefined } | undefined;
}

/**
 * What a bid costs the frame: the økonomikonsulent's konsekvensberegning when one is made (seed 000:
 * ""Tilbudsgiverne" vil … kunne søge hjælp hos Økonomi og Personale til konsekvensberegninger"), else the
 * bidder's own figures from the konkretisering, else nothing known yet (0, and the card says so).
 */
export function costOfBid(bid: BidFigures): Cost {
  const made = bid.konsekvens?.result;
  if (made) return { oneOffKr: made.oneOffKr, yearlyKr: made.yearlyKr, source: 'konsekvens' };
  const answer = bid.konkretisering?.answer;
  if (answer && (answer.oneOffKr !== undefined || answer.yearlyKr !== undefined)) return { oneOffKr: answer.oneOffKr ?? 0, yearlyKr: answer.yearlyKr ?? 0, source: 'konkretisering' };
  return { oneOffKr: 0, yearlyKr: 0, source: 'none' };
}
