// The award (kernegruppen decides) and the indstilling (Byrådet decides) of one bid by the group's
// tovholder (or an admin). Seed 003: "Hvis man "vinder" får man fremover ansvaret (økonomi, personale
// mv.) for at løse disse specifikke forudsætninger." The click is ONE etag-guarded write of the group's
// catalogue for the period (domain/catalogue.ts addEntry: frame check, override, duplicate), so two
// awards at once can never take it over the frame together and a double click makes one entry. What
// follows from it (the activity, the bid's status, the notices) is the settlement, done after the click
// is answered and by the sweep after a crash: the entry stays in the catalogue's `unsettled` until done.
//
// A click costs, besides the turn's directory read: the bid, the tender (its decidedBy, status and
// title are not on the bid) and the catalogue, read; the catalogue written: four requests.

import { findGroupById, conversationOfGroup } from '../domain/directory.js';
import type { Bid } from '../domain/bid.js';
import { addEntry, emptyCatalogue, frameOf, settled, totalKr, type AwardTerms, type Catalogue, type CatalogueEntry, type Cost, type OverFrame, type PersonRef } from '../domain/catalogue.js';
import { costOfBid, decidable, decideBid, validateAward, type AwardField, type AwardInput } from '../domain/decision.js';
import { fail, ok, type Result } from '../domain/result.js';
import type { FieldError, Tender } from '../domain/tender.js';
import { localParts } from '../domain/time.js';
import { activityIdOf, catalogueId } from './catalogue-ids.js';
import { bidToDecide, statusNotice, type AccessError } from './decision.js';
import type { Acting } from './directory-admin.js';
import type { NoticeRenderers } from './notice-kinds.js';
import { enqueueNotices, noticeId } from './notices.js';
import { makeActivity } from './activity-followup.js';
import type { ActivityRepository, AfterClick, CatalogueRepository, Clock, DirectoryRepository, OutboxRepository, TenderRepository, Versioned } from './ports.js';

export interface AwardDeps {
  readonly tenders: TenderRepository;
  readonly catalogues: CatalogueRepository & ActivityRepository;
  readonly directories: DirectoryRepository;
  readonly clock: Clock;
  readonly outbox: OutboxRepository;
  readonly afterClick?: AfterClick | undefined;
}

export type AwardError = AccessError | 'DECISION.TENDER_OPEN' | 'DECISION.TENDER_CANCELLED' | 'DECISION.WITHDRAWN' | 'AWARD.NOT_AWARDABLE';

/** Whom the activity may be carried by: the group's members and the bidder (seed 000: bidders need not carry it out). */
export function responsibleChoices(acting: Acting, tender: Tender, bid: Bid): PersonRef[] {
  const dir = acting.directory?.value;
  const group = dir ? findGroupById(dir, tender.groupId) : undefined;
  const members = (group?.members ?? []).map((m) => ({ id: m.person, name: dir?.people.find((p) => p.id === m.person)?.name ?? m.person }));
  return [{ id: bid.bidderId, name: bid.bidderName }, ...members.filter((m) => m.id !== bid.bidderId)];
}

export interface AwardFormData {
  readonly tender: Tender;
  readonly bid: Bid;
  readonly cost: Cost;
  readonly people: readonly PersonRef[];
  readonly defaults: { period: string; startDate: string; evaluationDate: string };
  /** The catalogue of the default period as it stands: its frame and total, when there is one. */
  readonly frame?: { frameKr: number; totalKr: number } | undefined;
}

async function awardable(deps: AwardDeps, acting: Acting, bidId: string): Promise<Result<{ bid: Bid; tender: Tender }, AwardError>> {
  const found = await bidToDecide(deps, acting, bidId, 'award');
  if (!found.ok) return found;
  const { bid, tender } = found.value;
  const open = decidable(tender, deps.clock.now());
  if (!open.ok) return open;
  if (bid.value.status === 'withdrawn') return fail('DECISION.WITHDRAWN');
  // A rejected bid is put back first (decision.reset), so its bidder is told of the change of mind.
  if (bid.value.status === 'rejected') return fail('AWARD.NOT_AWARDABLE');
  return ok({ bid: bid.value, tender });
}

/** "Tildel" / "Indstil til Byrådet": the form, with the cost used and the frame as it stands. */
export async function awardForm(deps: AwardDeps, acting: Acting, bidId: string): Promise<Result<AwardFormData, AwardError>> {
  const found = await awardable(deps, acting, bidId);
  if (!found.ok) return found;
  const { bid, tender } = found.value;
  const start = localParts(deps.clock.now()).date;
  const defaults = { period: start.slice(0, 4), startDate: start, evaluationDate: `${Number(start.slice(0, 4)) + 1}${start.slice(4)}` };
  const catalogue = await deps.catalogues.getCatalogue(acting.actor.tenantId, catalogueId(tender.groupId, defaults.period));
  const frameKr = catalogue ? frameOf(catalogue.value) : undefined;
  return ok({
    tender,
    bid,
    cost: costOfBid(bid),
    people: responsibleChoices(acting, tender, bid),
    defaults,
    frame: catalogue && frameKr !== undefined ? { frameKr, totalKr: totalKr(catalogue.value) } : undefined,
  });
}

export type SubmitAwardError = AwardError | 'AWARD.INVALID' | 'CATALOGUE.DECIDED' | 'CATALOGUE.FULL' | 'CATALOGUE.OVER_FRAME' | 'CATALOGUE.OVERRIDE_REASON_TOO_SHORT' | 'CATALOGUE.OVERRIDE_REASON_TOO_LONG' | 'CATALOGUE.BUSY';

export interface AwardRefusal {
  readonly form?: AwardFormData | undefined;
  readonly errors?: readonly FieldError<AwardField>[] | undefined;
  readonly over?: OverFrame | undefined;
}

/**
 * Records the award (or indstilling) as one write of the catalogue. Over the frame without a reason:
 * refused with how far over; with a reason: made and marked. The same bid again is the entry already there.
 */
export async function awardBid(
  deps: AwardDeps,
  acting: Acting,
  bidId: string,
  input: AwardInput,
): Promise<Result<{ tender: Tender; bid: Bid; entry: CatalogueEntry; catalogue: Catalogue; duplicate: boolean }, SubmitAwardError, AwardRefusal>> {
  const found = await awardable(deps, acting, bidId);
  if (!found.ok) return found;
  const { bid, tender } = found.value;
  const people = responsibleChoices(acting, tender, bid);
  const cost = costOfBid(bid);
  const formData = (): AwardFormData => {
    const start = localParts(deps.clock.now()).date;
    return { tender, bid, cost, people, defaults: { period: start.slice(0, 4), startDate: start, evaluationDate: start } };
  };
  const choice = validateAward(input, people);
  if (!choice.ok) return fail('AWARD.INVALID', { form: formData(), errors: choice.details });
  const { period, terms, overrideReason } = choice.value;
  const { actor } = acting;
  const id = catalogueId(tender.groupId, period);
  const entry = catalogueEntryOf(tender, bid, { cost, terms, by: { id: actor.personId, name: actor.name } });
  for (let attempt = 0; attempt < 8; attempt++) {
    const stored = await deps.catalogues.getCatalogue(actor.tenantId, id);
    const now = deps.clock.now();
    const current = stored?.value ?? emptyCatalogue({ id, tenantId: actor.tenantId, group: { id: tender.groupId, name: tender.groupName, kerneopgave: tender.kerneopgave }, period }, now);
    const added = addEntry(current, entry, overrideReason || undefined, now);
    if (!added.ok) return fail(added.code, { form: formData(), over: added.details });
    if (added.value.duplicate) return ok({ tender, bid, entry: added.value.entry, catalogue: added.value.catalogue, duplicate: true });
    // Created if absent: a 'conflict' on create means someone else created it first, so read it again.
    if ((await deps.catalogues.saveCatalogue(added.value.catalogue, stored?.etag)) === 'saved') {
      deps.afterClick?.({ tenantId: actor.tenantId, catalogueId: id });
      return ok({ tender, bid, entry: added.value.entry, catalogue: added.value.catalogue, duplicate: false });
    }
  }
  return fail('CATALOGUE.BUSY');
}

/** The catalogue entry an award or indstilling of this bid makes: what the catalogue keeps of the bid, and the award's terms. */
export function catalogueEntryOf(
  tender: Pick<Tender, 'id' | 'title' | 'decidedBy'>,
  bid: Pick<Bid, 'id' | 'number' | 'title' | 'bidderId' | 'forudsaetninger' | 'crossCutting'>,
  v: { cost: Cost; terms: AwardTerms; by: PersonRef },
): Omit<CatalogueEntry, 'override' | 'at'> {
  return {
    bidId: bid.id,
    tenderId: tender.id,
    tenderTitle: tender.title,
    bidNumber: bid.number,
    title: bid.title,
    bidderId: bid.bidderId,
    activityId: activityIdOf(bid.id),
    forudsaetninger: bid.forudsaetninger,
    crossCutting: bid.crossCutting,
    cost: v.cost,
    terms: v.terms,
    decidedBy: tender.decidedBy,
    // Seed 003: "Det kunne være Byrådet": then the group's choice is an indstilling, and the Byråd decides.
    state: tender.decidedBy === 'byraad' ? 'indstillet' : 'awarded',
    by: v.by.id,
    byName: v.by.name,
  };
}

// ---- settlement: what an award entails, after the click ----

export type SettleDeps = Omit<AwardDeps, 'afterClick'>;

/**
 * Works off one entry of the catalogue: an awarded entry gets its activity (its id follows from the bid,
 * so twice makes one), the bid becomes 'awarded' (an indstillet one 'selected'), the bidder is told 1:1
 * and the group's chat is told (each notice keyed by its cause), then the entry leaves `unsettled`.
 * Idempotent: a second run (the sweep after a crash, two instances) finds every step done.
 * An 'afvist' entry is the Byråd's decision and settled elsewhere.
 */
export async function settleAward(deps: SettleDeps, tenantId: string, id: string, bidId: string): Promise<'settled' | 'not-due' | 'not-mine'> {
  const read = await deps.catalogues.getCatalogue(tenantId, id);
  if (!read || !read.value.unsettled.includes(bidId)) return 'not-due';
  const catalogue = read.value;
  const entry = catalogue.entries.find((e) => e.bidId === bidId && e.state !== 'afvist');
  if (!entry) return 'not-mine';
  const now = deps.clock.now();
  const directory = await deps.directories.get(tenantId);
  const chat = directory ? conversationOfGroup(directory.value, catalogue.groupId) : undefined;
  if (entry.state === 'awarded') {
    await enqueueNotices(deps, await makeActivity(deps, catalogue, entry, entry.by, chat, now));
  }
  const bid = await bidDecided(deps, tenantId, bidId, entry.state === 'awarded' ? 'awarded' : 'selected', entry.terms.expectedEffect, entry.by);
  if (bid) {
    const told = statusNotice(bid, now);
    const at = now.toISOString();
    await enqueueNotices(deps, [
      ...(told ? [told] : []),
      ...(chat
        ? [
            {
              id: noticeId(`award.group|${bidId}|${entry.state}`, chat),
              tenantId,
              subject: { kind: 'award.group' as const, tenderId: bid.tenderId, bidId, period: catalogue.period, byName: entry.byName },
              to: { kind: 'conversation' as const, conversationId: chat },
              status: 'pending' as const,
              attempts: 0,
              createdAt: at,
              updatedAt: at,
            },
          ]
        : []),
    ]);
  }
  await markSettled(deps, tenantId, read, bidId);
  return 'settled';
}

/** The bid in its decided status (written once, with its history entry); undefined if the bid is gone. */
async function bidDecided(deps: SettleDeps, tenantId: string, bidId: string, to: 'awarded' | 'selected', note: string, by: string): Promise<Bid | undefined> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const found = await deps.tenders.getBid(tenantId, bidId);
    if (!found) return undefined;
    const decided = decideBid(found.value, to, note, by, deps.clock.now());
    if (decided.unchanged || (await deps.tenders.saveBid(decided.bid, found.etag)) === 'saved') return decided.bid;
  }
  throw new Error(`bid ${bidId} stayed busy while settling its award`);
}

async function markSettled(deps: SettleDeps, tenantId: string, first: Versioned<Catalogue>, bidId: string): Promise<void> {
  let current: Versioned<Catalogue> | undefined = first;
  for (let attempt = 0; attempt < 8 && current; attempt++) {
    if (!current.value.unsettled.includes(bidId)) return;
    if ((await deps.catalogues.saveCatalogue(settled(current.value, bidId), current.etag)) === 'saved') return;
    current = await deps.catalogues.getCatalogue(tenantId, current.value.id);
  }
}

/** The group's chat told of an award or indstilling, drawn from the bid as stored. */
export const awardNotices: Pick<NoticeRenderers, 'award.group'> = {
  'award.group': async (deps, n) => {
    const [bid, tender] = await Promise.all([deps.tenders.getBid(n.tenantId, n.subject.bidId), deps.tenders.getTender(n.tenantId, n.subject.tenderId)]);
    if (!bid || !tender) return undefined;
    return { notice: { kind: 'award.group', tender: tender.value, bid: bid.value, period: n.subject.period, byName: n.subject.byName }, locale: 'da' };
  },
};
