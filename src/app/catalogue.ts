// The kernegruppe's activity catalogue, per period: reading it (`katalog`), setting and revising its
// frame, presenting it at a temamøde and recording the Byråd's decision at a byrådsmøde. Every change
// is one etag-guarded write of the catalogue item (read, apply the domain rule, write; on a conflict
// read again and check the rules again). What a decision owes people (activities, bid statuses,
// notices) is worked off after the click by catalogue-settle.ts.
//
// Seed 000: "Gruppens samlede aktiviteter skal holde sig inden for den reviderede økonomiske ramme";
// the catalogue is presented to the Byråd at a temamøde and decided at a byrådsmøde.

import { hasRoleIn, isAdmin, isMemberOf, type Actor } from '../domain/actor.js';
import {
  emptyCatalogue,
  parseFrameAmount,
  PERIOD,
  present,
  recordDecision,
  setFrame,
  type ByraadDecision,
  type Catalogue,
  type FrameAmountError,
  type FrameError,
  type MeetingRef,
  type StatusError,
} from '../domain/catalogue.js';
import type { Meeting, MeetingKind } from '../domain/calendar.js';
import { findGroupById, groupOfConversation, type Directory, type Group, type Kerneopgave } from '../domain/directory.js';
import { fail, ok, type Result } from '../domain/result.js';
import type { CatalogEntry } from '../domain/tender.js';
import { catalogueId } from './catalogue-ids.js';
import type { Acting } from './directory-admin.js';
import type { AfterClick, CalendarRepository, CatalogueRepository, Clock, DirectoryRepository, Versioned } from './ports.js';
import { copenhagenDay, tenantMeetings } from './tenant-calendar.js';

export interface CatalogueDeps {
  readonly directories: DirectoryRepository;
  readonly calendars: CalendarRepository;
  readonly catalogues: CatalogueRepository;
  readonly clock: Clock;
  /** Settles a decision (activities, bid statuses, notices) once the click is answered. */
  readonly afterClick?: AfterClick | undefined;
}

/** What the person may do with the group's catalogue (DESIGN-12 "Rights"). */
export interface CatalogueRights {
  readonly read: boolean;
  /** An admin or the group's økonomikonsulent sets and revises the frame. */
  readonly frame: boolean;
  /** The group's tovholder or an admin marks it presented at a temamøde. */
  readonly present: boolean;
  /** The Byråd's decision is recorded by an admin. */
  readonly decide: boolean;
}


export function catalogueRights(actor: Actor, groupId: string): CatalogueRights {
  const admin = isAdmin(actor);
  return {
    read: admin || isMemberOf(actor, groupId),
    frame: admin || hasRoleIn(actor, groupId, 'oekonomikonsulent'),
    present: admin || hasRoleIn(actor, groupId, 'tovholder'),
    decide: admin,
  };
}

/** The year the Copenhagen calendar is in: the default period. */
export const currentPeriod = (now: Date): string => copenhagenDay(now).slice(0, 4);

export type PlaceError = 'DIRECTORY.MISSING' | 'CATALOGUE.NO_GROUP' | 'CATALOGUE.NOT_READER' | 'CATALOGUE.PERIOD_INVALID';

export interface CataloguePlace {
  readonly group: Group;
  readonly kerneopgave: Kerneopgave | undefined;
  /** The forudsætninger of the group's kerneopgave: what the coverage view goes through. */
  readonly forudsaetninger: readonly CatalogEntry[];
  readonly rights: CatalogueRights;
}

function placeOf(acting: Acting, groupId: string): Result<CataloguePlace, PlaceError> {
  const dir = acting.directory?.value;
  if (!dir) return fail('DIRECTORY.MISSING');
  const group = findGroupById(dir, groupId);
  if (!group || group.kind !== 'kernegruppe') return fail(isAdmin(acting.actor) ? 'CATALOGUE.NO_GROUP' : 'CATALOGUE.NOT_READER');
  const rights = catalogueRights(acting.actor, group.id);
  if (!rights.read) return fail('CATALOGUE.NOT_READER');
  return ok({ group, ...forudsaetningerOf(dir, group), rights });
}

function forudsaetningerOf(dir: Directory, group: Group): { kerneopgave: Kerneopgave | undefined; forudsaetninger: CatalogEntry[] } {
  const kerneopgave = dir.kerneopgaver.find((k) => k.id === group.kerneopgave);
  return {
    kerneopgave,
    forudsaetninger: (kerneopgave?.forudsaetninger ?? []).map((f) => ({ id: f.id, text: f.text, kerneopgave: kerneopgave!.id, kerneopgaveName: kerneopgave!.name, demo: f.demo })),
  };
}

export interface CatalogueView extends CataloguePlace {
  readonly period: string;
  readonly catalogue: Catalogue | undefined;
}

/**
 * `katalog [periode]`: the group of this chat (or the one a button names) for the period asked, else
 * the current year's, else the group's newest. Costs the directory and one point read of the
 * catalogue; only when no period was given and the current year has none, one query for the newest.
 */
export async function showCatalogue(
  deps: CatalogueDeps,
  acting: Acting,
  where: { groupId?: string | undefined; conversationId: string; period?: string | undefined },
): Promise<Result<CatalogueView, PlaceError>> {
  const dir = acting.directory?.value;
  if (!dir) return fail('DIRECTORY.MISSING');
  const groupId = where.groupId ?? groupOfConversation(dir, where.conversationId)?.id;
  if (!groupId) return fail('CATALOGUE.NO_GROUP');
  const place = placeOf(acting, groupId);
  if (!place.ok) return place;
  const tenantId = acting.actor.tenantId;
  if (where.period !== undefined && !PERIOD.test(where.period)) return fail('CATALOGUE.PERIOD_INVALID');
  let period = where.period ?? currentPeriod(deps.clock.now());
  let found = await deps.catalogues.getCatalogue(tenantId, catalogueId(groupId, period));
  if (!found && where.period === undefined) {
    const newest = (await deps.catalogues.cataloguesOfGroup(tenantId, groupId, 1))[0];
    if (newest) {
      period = newest.period;
      found = await deps.catalogues.getCatalogue(tenantId, newest.id);
    }
  }
  return ok({ ...place.value, period, catalogue: found?.value });
}

/** A catalogue the person may read, by id (another group's is "not found" to them). */
export async function catalogueFor(deps: CatalogueDeps, acting: Acting, id: string): Promise<Result<{ catalogue: Versioned<Catalogue>; place: CataloguePlace }, PlaceError | 'CATALOGUE.NOT_FOUND'>> {
  const found = await deps.catalogues.getCatalogue(acting.actor.tenantId, id);
  if (!found) return fail('CATALOGUE.NOT_FOUND');
  const place = placeOf(acting, found.value.groupId);
  if (!place.ok) return place.code === 'CATALOGUE.NOT_READER' ? fail('CATALOGUE.NOT_FOUND') : place;
  return ok({ catalogue: found, place: place.value });
}

const MAX_ATTEMPTS = 20;
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(40, 5 * attempt)));

/**
 * Reads, applies and writes the catalogue with its etag until nobody wrote in between, checking the
 * rule again on each attempt. `create` makes the first item (written with no etag: a 'conflict' then
 * means someone created it at the same moment, and the next attempt reads theirs and applies again).
 */
export async function changeCatalogue<E extends string>(
  deps: Pick<CatalogueDeps, 'catalogues'>,
  tenantId: string,
  id: string,
  change: (c: Catalogue) => Result<Catalogue, E>,
  create?: () => Catalogue,
): Promise<Result<Catalogue, E | 'CATALOGUE.NOT_FOUND' | 'CATALOGUE.BUSY'>> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (attempt > 0) await pause(attempt);
    const current = await deps.catalogues.getCatalogue(tenantId, id);
    if (!current && !create) return fail('CATALOGUE.NOT_FOUND');
    const result = change(current ? current.value : create!());
    if (!result.ok) return result;
    if (current && result.value === current.value) return result;
    if ((await deps.catalogues.saveCatalogue(result.value, current?.etag)) === 'saved') return result;
  }
  return fail('CATALOGUE.BUSY');
}

export type FrameField = 'period' | 'amount' | 'note';
export interface FrameFieldError {
  readonly field: FrameField;
  readonly code: FrameAmountError | 'PERIOD_INVALID' | 'NOTE_TOO_LONG';
}

export type SetFrameError = PlaceError | 'CATALOGUE.NOT_ALLOWED' | 'CATALOGUE.INVALID' | 'CATALOGUE.BUSY' | 'CATALOGUE.NOT_FOUND';

/** Sets or revises the group's frame for a period; the catalogue item is made on first use. */
export async function setCatalogueFrame(
  deps: CatalogueDeps,
  acting: Acting,
  input: { groupId: string; period: string; amount: string; note: string },
): Promise<Result<Catalogue, SetFrameError, FrameFieldError[]>> {
  const place = placeOf(acting, input.groupId);
  if (!place.ok) return place;
  if (!place.value.rights.frame) return fail('CATALOGUE.NOT_ALLOWED');
  const errors: FrameFieldError[] = [];
  const period = input.period.trim();
  if (!PERIOD.test(period)) errors.push({ field: 'period', code: 'PERIOD_INVALID' });
  const amount = parseFrameAmount(input.amount);
  if (!amount.ok) errors.push({ field: 'amount', code: amount.code });
  if (input.note.trim().length > 1000) errors.push({ field: 'note', code: 'NOTE_TOO_LONG' });
  if (errors.length > 0 || !amount.ok) return fail('CATALOGUE.INVALID', errors);
  const { actor } = acting;
  const now = deps.clock.now();
  const id = catalogueId(place.value.group.id, period);
  const group = { id: place.value.group.id, name: place.value.group.name, kerneopgave: place.value.group.kerneopgave ?? '' };
  const result = await changeCatalogue<FrameError>(
    deps,
    actor.tenantId,
    id,
    (c) => setFrame(c, amount.value, { id: actor.personId, name: actor.name }, input.note, now),
    () => emptyCatalogue({ id, tenantId: actor.tenantId, group, period }, now),
  );
  if (result.ok) return result;
  // setFrame's own checks are the form's, made above; what is left is the store's.
  return fail(result.code === 'CATALOGUE.BUSY' || result.code === 'CATALOGUE.NOT_FOUND' ? result.code : 'CATALOGUE.INVALID', []);
}

/** How far back and ahead the forms offer meetings: the last weeks and the coming months. */
const MEETINGS_BACK_MS = 6 * 7 * 86_400_000;
const MEETINGS_AHEAD_MS = 183 * 86_400_000;

/** The tenant's temamøder or byrådsmøder of the last weeks and coming months, soonest first (cancelled ones left out). */
export async function meetingChoices(deps: Pick<CatalogueDeps, 'calendars' | 'clock'>, dir: Directory, kind: Extract<MeetingKind, 'temamoede' | 'byraadsmoede'>): Promise<Meeting[]> {
  const now = deps.clock.now().getTime();
  const { meetings } = await tenantMeetings(deps, dir, new Date(now - MEETINGS_BACK_MS), new Date(now + MEETINGS_AHEAD_MS));
  return meetings.filter((m) => m.kind === kind && m.status !== 'cancelled');
}

const refOf = (m: Meeting): MeetingRef => ({ id: m.id, title: m.title, start: m.start });

export type PresentError = PlaceError | 'CATALOGUE.NOT_FOUND' | 'CATALOGUE.NOT_ALLOWED' | 'CATALOGUE.MEETING_REQUIRED' | 'CATALOGUE.BUSY' | StatusError;

/** Seed 000: presented to the Byråd at a temamøde (picked from the tenant's calendar). */
export async function presentCatalogue(deps: CatalogueDeps, acting: Acting, input: { catalogueId: string; meetingId: string }): Promise<Result<Catalogue, PresentError>> {
  const found = await catalogueFor(deps, acting, input.catalogueId);
  if (!found.ok) return found;
  if (!found.value.place.rights.present) return fail('CATALOGUE.NOT_ALLOWED');
  const meeting = input.meetingId ? (await meetingChoices(deps, acting.directory!.value, 'temamoede')).find((m) => m.id === input.meetingId) : undefined;
  if (!meeting) return fail('CATALOGUE.MEETING_REQUIRED');
  const now = deps.clock.now();
  return changeCatalogue(deps, acting.actor.tenantId, input.catalogueId, (c) => present(c, refOf(meeting), acting.actor.personId, now));
}

export type DecideError = PresentError | 'CATALOGUE.OUTCOME_REQUIRED' | 'CATALOGUE.APPROVED_REQUIRED';

export const OUTCOMES: readonly ByraadDecision['outcome'][] = ['approved', 'changed', 'rejected'];

/**
 * The Byråd's decision at a byrådsmøde, recorded by an admin: each indstilling becomes an activity or
 * is afvist in the same write; the consequences are settled after the click (and by the sweep).
 */
export async function recordByraadDecision(
  deps: CatalogueDeps,
  acting: Acting,
  input: { catalogueId: string; outcome: string; meetingId: string; note: string; approvedBidIds: readonly string[] },
): Promise<Result<Catalogue, DecideError>> {
  const found = await catalogueFor(deps, acting, input.catalogueId);
  if (!found.ok) return found;
  if (!found.value.place.rights.decide) return fail('CATALOGUE.NOT_ALLOWED');
  const outcome = OUTCOMES.find((o) => o === input.outcome);
  if (!outcome) return fail('CATALOGUE.OUTCOME_REQUIRED');
  const meeting = input.meetingId ? (await meetingChoices(deps, acting.directory!.value, 'byraadsmoede')).find((m) => m.id === input.meetingId) : undefined;
  if (!meeting) return fail('CATALOGUE.MEETING_REQUIRED');
  // "Ændret" says which indstillinger the Byråd approved; none approved is "afvist".
  if (outcome === 'changed' && input.approvedBidIds.length === 0) return fail('CATALOGUE.APPROVED_REQUIRED');
  const now = deps.clock.now();
  const by = { id: acting.actor.personId, name: acting.actor.name };
  const result = await changeCatalogue(deps, acting.actor.tenantId, input.catalogueId, (c) =>
    recordDecision(c, { outcome, meeting: refOf(meeting), approvedBidIds: input.approvedBidIds, note: input.note, by }, now),
  );
  if (result.ok) deps.afterClick?.({ tenantId: acting.actor.tenantId, catalogueId: input.catalogueId });
  return result;
}

/** The katalog card's view of a catalogue just written (no second read). */
export function catalogueViewOf(acting: Acting, catalogue: Catalogue): Result<CatalogueView, PlaceError> {
  const place = placeOf(acting, catalogue.groupId);
  return place.ok ? ok({ ...place.value, period: catalogue.period, catalogue }) : place;
}

/** The place of a group's catalogue for a form (the frame form before any catalogue exists). */
export function cataloguePlace(acting: Acting, groupId: string): Result<CataloguePlace, PlaceError> {
  return placeOf(acting, groupId);
}
