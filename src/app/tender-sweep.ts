// What happens to tenders without anyone asking: at the deadline a tender closes and its kernegruppe
// is told how many bids came; while it is open the announcement cards' bid count is brought up to
// date, at most once a minute per tender. Safe to run on several instances at once: each step is
// claimed by an etag write before anything is posted, so only one instance posts it.

import type { Bid } from '../domain/bid.js';
import { conversationOfGroup } from '../domain/directory.js';
import { ok } from '../domain/result.js';
import { announcementStale, close, isPastDeadline, markClosingReported, markShown, type Tender } from '../domain/tender.js';
import type { Logger } from '../logger.js';
import type { ConversationRepository, DirectoryRepository, Notifier, OutboxRepository, TenderRepository, Clock } from './ports.js';
import { changeTender, queueCancelNotices, updateAnnouncements } from './tenders.js';
import { numberBids } from './bid-numbers.js';

export interface SweepDeps {
  readonly tenders: TenderRepository;
  readonly directories: DirectoryRepository;
  readonly conversations: ConversationRepository;
  readonly notifier: Notifier;
  readonly clock: Clock;
  readonly outbox: OutboxRepository;
  /** Where a tender closing at its deadline is logged. */
  readonly log?: Pick<Logger, 'info'> | undefined;
}

export interface SweepReport {
  readonly closed: number;
  readonly reported: number;
  readonly cardsUpdated: number;
}

/** Teams shows bidders their own view of the card automatically, for at most 60 people. */
export const REFRESH_USERS = 60;

function refreshUsers(bids: readonly Bid[]): string[] {
  const latest = [...bids].filter((b) => b.status !== 'withdrawn').sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
  return [...new Set(latest.map((b) => b.bidderTeamsId))].slice(0, REFRESH_USERS);
}

export async function sweepTenders(deps: SweepDeps): Promise<SweepReport> {
  let closed = 0;
  let reported = 0;
  let cardsUpdated = 0;
  for (const { tenantId, tenderId } of await deps.tenders.tendersNeedingAttention()) {
    const now = deps.clock.now();
    const current = await deps.tenders.getTender(tenantId, tenderId);
    if (!current) continue;
    let tender: Tender = current.value;

    if (tender.status === 'cancelled') {
      // A cancellation whose notices a crash kept out of the outbox: enqueue them now (same ids, so never twice).
      if (!tender.cancelNoticesQueuedAt) await queueCancelNotices(deps, tender);
      continue;
    }
    // Bids are numbered just after their click; whatever the outbox sender has not numbered yet is numbered here.
    tender = (await numberBids(deps, tenantId, tenderId)) ?? tender;

    if (tender.status === 'published' && isPastDeadline(tender, now)) {
      const result = await changeTender(deps, tenantId, tenderId, (t) => close(t, now));
      if (result.ok) {
        // A bid stored in the last moments before the deadline is numbered and counted before the group hears the count.
        tender = (await numberBids(deps, tenantId, tenderId)) ?? result.value;
        closed++;
        deps.log?.info({ tenantId, tenderId, activeBids: tender.activeBids, deadline: tender.deadline }, 'tender closed');
      }
    }

    if (tender.status === 'closed' && !tender.closingReportedAt) {
      // Claim first: the instance whose write wins tells the group; the other sees it done.
      let mine = false;
      const claim = await changeTender(deps, tenantId, tenderId, (t) => {
        mine = !t.closingReportedAt; // decided afresh on every attempt; the attempt that wrote is the last
        return ok(mine ? markClosingReported(t, now) : t);
      });
      if (claim.ok && mine) {
        tender = claim.value;
        cardsUpdated += await updateAnnouncements(deps, tender);
        if (await reportToGroup(deps, tender)) reported++;
      }
      continue;
    }

    if (announcementStale(tender, now)) {
      let mine = false;
      const claim = await changeTender(deps, tenantId, tenderId, (t) => {
        mine = announcementStale(t, now);
        return ok(mine ? markShown(t, now) : t);
      });
      if (claim.ok && mine) {
        const bids = await deps.tenders.allBidsOfTender(tenantId, tenderId);
        cardsUpdated += await updateAnnouncements(deps, claim.value, refreshUsers(bids));
      }
    }
  }
  return { closed, reported, cardsUpdated };
}

async function reportToGroup(deps: SweepDeps, tender: Tender): Promise<boolean> {
  const directory = await deps.directories.get(tender.tenantId);
  const conversationId = directory ? conversationOfGroup(directory.value, tender.groupId) : undefined;
  const record = conversationId ? (await deps.conversations.get(tender.tenantId, conversationId))?.value : undefined;
  if (!record || record.status !== 'installed') return false;
  return (await deps.notifier.post(record, { kind: 'tender.closed', tender }, 'da')).ok;
}
