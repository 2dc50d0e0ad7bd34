// What happens to tenders without anyone asking: at the deadline a tender closes and its kernegruppe
// is told how many bids came; while it is open the announcement cards' bid count is brought up to
// date, at most once a minute per tender. Safe to run on several instances at once: each step is
// claimed by an etag write before anything is posted, so only one instance posts it.
// A pass costs what is due, not what exists: one scan for tenders whose `attentionAt` has come,
// tallies whose count the cards have not shown, and bids a crash left unnumbered; then work on those
// tenders only. A tenant with a thousand published tenders and nothing due costs the one scan.

import { conversationOfGroup } from '../domain/directory.js';
import { ok } from '../domain/result.js';
import {
  announcementStale,
  close,
  COUNT_REFRESH_MS,
  countsOf,
  firstTally,
  isPastDeadline,
  markClosingReported,
  markShown,
  type Tender,
} from '../domain/tender.js';
import type { Logger } from '../logger.js';
import type { ActivityRepository, CatalogueRepository, ConversationRepository, DirectoryRepository, Notifier, OutboxRepository, TenderRef, TenderRepository, Clock } from './ports.js';
import { settleCatalogue } from './catalogue-settle.js';
import { changeTender, queueCancelNotices, updateAnnouncements } from './tenders.js';
import { changeTally, numberBids } from './bid-numbers.js';

export interface SweepDeps {
  readonly tenders: TenderRepository;
  readonly directories: DirectoryRepository;
  readonly conversations: ConversationRepository;
  readonly notifier: Notifier;
  readonly clock: Clock;
  readonly outbox: OutboxRepository;
  /** Catalogues whose decisions a crash (or a bot without timers) left unsettled are finished here. */
  readonly catalogues: CatalogueRepository & ActivityRepository;
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

/**
 * A bid is numbered just after its click (bid-numbers.ts); one still unnumbered this long after it was
 * stored was left by a crash, and the sweep numbers it. Younger ones are left to the click's own numbering.
 */
export const UNNUMBERED_GRACE_MS = 10_000;

export async function sweepTenders(deps: SweepDeps): Promise<SweepReport> {
  const report = { closed: 0, reported: 0, cardsUpdated: 0 };
  const now = deps.clock.now();
  const scan = await deps.tenders.tendersNeedingAttention(now, new Date(now.getTime() - COUNT_REFRESH_MS), new Date(now.getTime() - UNNUMBERED_GRACE_MS));
  for (const { tenantId, tenderId } of scan.unnumbered) await numberBids(deps, tenantId, tenderId);
  for (const ref of scan.due) await tenderDue(deps, ref, report);
  // What was numbered just now is shown in the same pass (refreshCount finds nothing to do if its count did not change).
  const refresh = new Map([...scan.unshown, ...scan.unnumbered].map((r) => [`${r.tenantId}|${r.tenderId}`, r]));
  for (const ref of refresh.values()) report.cardsUpdated += await refreshCount(deps, ref);
  // Awards, indstillinger and Byråd decisions whose activity, bid status or notices are not all done yet
  // (a crash after the catalogue write): found by the same scan (catalogues live in the tenders container),
  // so an idle pass still costs the one query.
  for (const c of scan.unsettled ?? []) await settleCatalogue(deps, c.tenantId, c.catalogueId);
  return report;
}

/** A tender whose `attentionAt` has come: close it at its deadline, tell its group, or enqueue a cancellation's notices. */
async function tenderDue(deps: SweepDeps, { tenantId, tenderId }: TenderRef, report: { closed: number; reported: number; cardsUpdated: number }): Promise<void> {
  const now = deps.clock.now();
  const current = await deps.tenders.getTender(tenantId, tenderId);
  if (!current) return;
  let tender: Tender = current.value;

  if (tender.status === 'cancelled') {
    // A cancellation whose notices a crash kept out of the outbox: enqueue them now (same ids, so never twice).
    if (!tender.cancelNoticesQueuedAt) await queueCancelNotices(deps, tender);
    return;
  }
  if (tender.status === 'published' && !isPastDeadline(tender, now)) {
    // Only an item stored by the previous version (no `attentionAt`) comes here before its deadline:
    // written once so the scan finds it at its deadline only (a conflict means someone else wrote it,
    // which does the same), with a tally when its cards show an old count.
    await deps.tenders.saveTender(tender, current.etag);
    if (tender.shownCount !== tender.activeBids) await deps.tenders.saveTally(firstTally(tender), undefined);
    return;
  }

  if (tender.status === 'published') {
    const result = await changeTender(deps, tenantId, tenderId, (t) => close(t, now), current);
    if (!result.ok) return;
    tender = result.value;
    report.closed++;
  }

  if (tender.status === 'closed' && !tender.closingReportedAt) {
    // A bid stored in the last moments before the deadline is numbered, and the count the group is
    // told is the tally's as it stands now, not the one the cards last showed.
    const tally = (await numberBids(deps, tenantId, tenderId)) ?? (await deps.tenders.getTally(tenantId, tenderId))?.value;
    // Claim first: the instance whose write wins tells the group; the other sees it done.
    let mine = false;
    const claim = await changeTender(deps, tenantId, tenderId, (t) => {
      mine = !t.closingReportedAt; // decided afresh on every attempt; the attempt that wrote is the last
      return ok(mine ? markClosingReported(t, now, countsOf(t, tally)) : t);
    });
    if (claim.ok && mine) {
      tender = claim.value;
      deps.log?.info({ tenantId, tenderId, activeBids: tender.activeBids, deadline: tender.deadline }, 'tender closed');
      report.cardsUpdated += await updateAnnouncements(deps, tender);
      if (await reportToGroup(deps, tender)) report.reported++;
    }
  }
}

/**
 * A tally whose count the cards have not shown: refresh the announcement cards (at most once a minute,
 * claimed by the etag write on the tender that copies the count into it), then mark the tally shown.
 */
async function refreshCount(deps: SweepDeps, { tenantId, tenderId }: TenderRef): Promise<number> {
  const now = deps.clock.now();
  const tally = await deps.tenders.getTally(tenantId, tenderId);
  if (!tally?.value.unshown) return 0;
  const current = await deps.tenders.getTender(tenantId, tenderId);
  if (!current) return 0;
  const counts = countsOf(current.value, tally.value);
  let shown: number | undefined; // what the cards now show; undefined: there are no cards to refresh
  let updated = 0;
  if (current.value.status === 'published' && current.value.announcements.length > 0) {
    shown = current.value.shownCount;
    if (announcementStale(current.value, now, counts)) {
      let mine = false;
      const claim = await changeTender(
        deps,
        tenantId,
        tenderId,
        (t) => {
          mine = announcementStale(t, now, counts);
          return ok(mine ? markShown(t, now, counts) : t);
        },
        current,
      );
      // Another instance claimed it (and marks the tally), or the tender changed under us: the next pass sees.
      if (!claim.ok || !mine) return 0;
      shown = claim.value.shownCount;
      updated = await updateAnnouncements(deps, claim.value, (await deps.tenders.latestBidders(tenantId, tenderId, REFRESH_USERS)).slice(0, REFRESH_USERS));
    } else if (shown !== counts.activeBids) {
      return 0; // shown less than a minute ago; the next pass after the minute refreshes it
    }
  }
  // A bid numbered or withdrawn since the count was read leaves the tally unshown, for the next refresh.
  await changeTally(deps, tenantId, tenderId, (t) => ({ ...t, unshown: shown !== undefined && t.activeBids !== shown, shownAt: now.toISOString() }));
  return updated;
}

async function reportToGroup(deps: SweepDeps, tender: Tender): Promise<boolean> {
  const directory = await deps.directories.get(tender.tenantId);
  const conversationId = directory ? conversationOfGroup(directory.value, tender.groupId) : undefined;
  const record = conversationId ? (await deps.conversations.get(tender.tenantId, conversationId))?.value : undefined;
  if (!record || record.status !== 'installed') return false;
  return (await deps.notifier.post(record, { kind: 'tender.closed', tender }, 'da')).ok;
}
