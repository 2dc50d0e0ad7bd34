// Settling a catalogue: what an entry owes the world once it is written (an award by the kernegruppe,
// an indstilling, the Byråd's decision on it). For each bid in the catalogue's `unsettled` list: the
// activity (for an awarded entry) and its follow-up reminder at the evaluation date, the bid's status with the reason in its history, the bidder's 1:1
// notice and the group chat's notice; then the bid leaves `unsettled` with an etag write. Each step is
// idempotent (the activity's and the notices' ids follow from their cause; a bid already in its status
// is not written again), so a crash between the catalogue write and this is finished by the tender
// sweep, and a double settle makes everything once.

import type { Bid } from '../domain/bid.js';
import { bidOutcomeOf, entryOf, settled, withDecidedStatus, type Catalogue, type CatalogueEntry } from '../domain/catalogue.js';
import { conversationOfGroup } from '../domain/directory.js';
import { ok } from '../domain/result.js';
import type { Logger } from '../logger.js';
import { changeCatalogue } from './catalogue.js';
import { makeActivity } from './activity-followup.js';
import { settleAward } from './award.js';
import type { NoticeRenderers } from './notice-kinds.js';
import { enqueueNotices, noticeId } from './notices.js';
import type { ActivityRepository, CatalogueRepository, Clock, DirectoryRepository, OutboxNotice, OutboxRepository, OutboxSubject, TenderRepository } from './ports.js';

export interface SettleDeps {
  readonly catalogues: CatalogueRepository & ActivityRepository;
  readonly tenders: TenderRepository;
  readonly directories: DirectoryRepository;
  readonly outbox: OutboxRepository;
  readonly clock: Clock;
  readonly log?: Pick<Logger, 'info'> | undefined;
}

const MAX_BID_ATTEMPTS = 10;

/** Works off every unsettled entry of the catalogue; safe to run twice and on several instances at once. */
export async function settleCatalogue(deps: SettleDeps, tenantId: string, catalogueId: string): Promise<void> {
  const found = await deps.catalogues.getCatalogue(tenantId, catalogueId);
  if (!found || found.value.unsettled.length === 0) return;
  const c = found.value;
  const dir = (await deps.directories.get(tenantId))?.value;
  const conversationId = dir ? conversationOfGroup(dir, c.groupId) : undefined;
  const done = new Map<string, CatalogueEntry['state']>();
  for (const bidId of c.unsettled) {
    const entry = entryOf(c, bidId);
    // The kernegruppe's own award, and an indstilling waiting for the Byråd, are the award's to settle
    // (app/award.ts: its notices say what the group decided); what the Byråd decided is settled here.
    if (entry && (entry.state === 'indstillet' || (entry.state === 'awarded' && entry.decidedBy === 'kernegruppe'))) await settleAward(deps, tenantId, catalogueId, bidId);
    else if (entry) await settleEntry(deps, c, entry, conversationId);
    done.set(bidId, entry?.state ?? 'afvist');
  }
  // One write for all of them. An entry whose state changed since it was read here (an indstilling the
  // Byråd decided on meanwhile) stays unsettled, for the next settle to do what its new state owes.
  await changeCatalogue(deps, tenantId, catalogueId, (x) =>
    ok([...done].reduce((acc, [bidId, state]) => (entryOf(acc, bidId)?.state === state || !entryOf(acc, bidId) ? settled(acc, bidId) : acc), x)),
  );
  deps.log?.info({ tenantId, catalogueId, settled: done.size }, 'catalogue settled');
}

/** Who made the change the bid is told of: the admin who recorded the Byråd's decision, or whoever awarded. */
const byOf = (c: Catalogue, e: CatalogueEntry) => (e.decidedBy === 'byraad' && e.state !== 'indstillet' && c.decision ? c.decision.by : e.by);

async function settleEntry(deps: SettleDeps, c: Catalogue, entry: CatalogueEntry, conversationId: string | undefined): Promise<void> {
  const now = deps.clock.now();
  const by = byOf(c, entry);
  const notices: OutboxNotice[] = [];
  if (entry.state === 'awarded') {
    notices.push(...(await makeActivity(deps, c, entry, by, conversationId, now)));
  }
  const outcome = bidOutcomeOf(c, entry);
  const bid = await changeBid(deps, c.tenantId, entry.bidId, (b) => withDecidedStatus(b, outcome, by, now));
  if (bid) notices.push(bidStatusNotice(bid, outcome.status, statusCause(c, entry), now));
  else deps.log?.info({ tenantId: c.tenantId, catalogueId: c.id, bidId: entry.bidId }, 'settled entry without its bid');
  if (conversationId) notices.push(groupNotice(c, entry, conversationId, now));
  await enqueueNotices(deps, notices);
}

async function changeBid(deps: SettleDeps, tenantId: string, bidId: string, change: (b: Bid) => Bid): Promise<Bid | undefined> {
  for (let attempt = 0; attempt < MAX_BID_ATTEMPTS; attempt++) {
    const current = await deps.tenders.getBid(tenantId, bidId);
    if (!current) return undefined;
    const next = change(current.value);
    if (next === current.value) return next;
    if ((await deps.tenders.saveBid(next, current.etag)) === 'saved') return next;
  }
  throw new Error(`bid ${bidId} kept changing while its status was being settled`);
}

/** The decision the bidder is told of: a new award after an afvist one, or the Byråd's decision after the indstilling, is a new cause. */
const statusCause = (c: Catalogue, e: CatalogueEntry) => `${c.id}|${e.at}|${e.decidedBy === 'byraad' && e.state !== 'indstillet' ? (c.decision?.at ?? '') : ''}`;

function pending(tenantId: string, id: string, subject: OutboxSubject, to: OutboxNotice['to'], now: Date): OutboxNotice {
  const at = now.toISOString();
  return { id, tenantId, subject, to, status: 'pending', attempts: 0, createdAt: at, updatedAt: at };
}

export function bidStatusNotice(bid: Bid, status: 'awarded' | 'selected' | 'rejected', cause: string, now: Date): OutboxNotice {
  return pending(
    bid.tenantId,
    noticeId(`bid.status|${bid.id}|${status}|${cause}`, bid.bidderId),
    { kind: 'bid.status', bidId: bid.id, status },
    { kind: 'person', person: { tenantId: bid.tenantId, userId: bid.bidderId, teamsId: bid.bidderTeamsId, serviceUrl: bid.serviceUrl } },
    now,
  );
}

/** One notice per Byråd decision (every entry it settles enqueues the same one), one per entry otherwise. */
function groupNotice(c: Catalogue, e: CatalogueEntry, conversationId: string, now: Date): OutboxNotice {
  const to = { kind: 'conversation' as const, conversationId };
  if (e.decidedBy === 'byraad' && e.state !== 'indstillet' && c.decision)
    return pending(c.tenantId, noticeId(`catalogue.decided|${c.id}|${c.decision.at}`, conversationId), { kind: 'catalogue.decided', catalogueId: c.id }, to, now);
  return pending(c.tenantId, noticeId(`catalogue.entry|${c.id}|${e.bidId}|${e.state}|${e.at}`, conversationId), { kind: 'catalogue.entry', catalogueId: c.id, bidId: e.bidId }, to, now);
}

export const catalogueNotices: Pick<NoticeRenderers, 'bid.status' | 'catalogue.decided' | 'catalogue.entry'> = {
  'bid.status': async (deps, n) => {
    const bid = (await deps.tenders.getBid(n.tenantId, n.subject.bidId))?.value;
    if (!bid) return undefined;
    // Moved on before it was sent (indstillet, then decided): the later notice tells the bidder.
    if (bid.status !== n.subject.status) return 'obsolete';
    const tender = (await deps.tenders.getTender(n.tenantId, bid.tenderId))?.value;
    return { notice: { kind: 'bid.status', bid, tenderTitle: tender?.title ?? '' }, locale: bid.receiptLocale ?? 'da' };
  },
  'catalogue.decided': async (deps, n) => {
    const catalogue = (await deps.catalogues.getCatalogue(n.tenantId, n.subject.catalogueId))?.value;
    return catalogue?.decision ? { notice: { kind: 'catalogue.decided', catalogue }, locale: 'da' } : undefined;
  },
  'catalogue.entry': async (deps, n) => {
    const catalogue = (await deps.catalogues.getCatalogue(n.tenantId, n.subject.catalogueId))?.value;
    return catalogue && entryOf(catalogue, n.subject.bidId) ? { notice: { kind: 'catalogue.entry', catalogue, bidId: n.subject.bidId }, locale: 'da' } : undefined;
  },
};
