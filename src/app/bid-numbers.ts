// Bid numbers, handed out after the click that stored the bid. A bid is stored with number 0 and
// no write to its tender, so any number of people bidding at once each make one create; the numbers
// come from the tender's tally (`tally-<tender id>`, a small item beside the tender) here, in one
// etag write per batch of new bids, by whoever gets to it first: the work woken after the click, the
// outbox sender (before a receipt or a cancellation notice is rendered), the tender sweep (for a bid
// left unnumbered by a crash, and before a tender's close is reported), a withdrawal, or the bid
// overview. The tender item itself is never written here.
// The batch (form submission → number) is written to the tally first, so a crash between that write
// and the bids' own writes gives each bid the same number when it is done again. The tally is read
// before the unnumbered bids are: a numberer that drops a numbered bid from the batch writes the
// tally, so anyone who read the tally before that write fails its own write (etag) and reads again.

import type { Bid } from '../domain/bid.js';
import { firstTally, numberBatch, type Tally, type Tender } from '../domain/tender.js';
import { enqueueNotices, receiptNotice } from './notices.js';
import type { Clock, OutboxRepository, TenderRepository, Versioned } from './ports.js';

export interface NumberingDeps {
  readonly tenders: TenderRepository;
  readonly clock: Clock;
  /** Where a receipt whose enqueueing was lost (a crash just after the bid was stored) is enqueued again. */
  readonly outbox?: OutboxRepository | undefined;
}

export const submissionKey = (bid: Pick<Bid, 'bidderId' | 'submissionId'>) => `${bid.bidderId}:${bid.submissionId}`;

/**
 * Numbers the tender's unnumbered bids. Returns its tally as it stands afterwards: undefined when none
 * was ever written (no bid numbered yet, or the tender does not exist), where the tender's own counts are the live ones.
 */
export async function numberBids(deps: NumberingDeps, tenantId: string, tenderId: string): Promise<Tally | undefined> {
  // Several numberers may race (the sender's workers, the sweep, other instances): the etag lets one
  // write per round, and the loser finds its bids in the batch when it reads again.
  for (let attempt = 0; attempt < 20; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
    const stored = await deps.tenders.getTally(tenantId, tenderId);
    const waiting = await deps.tenders.unnumberedBids(tenantId, tenderId);
    if (waiting.length === 0) return stored?.value;
    let base = stored?.value;
    if (!base) {
      const tender = await deps.tenders.getTender(tenantId, tenderId);
      if (!tender) return undefined;
      base = firstTally(tender.value);
    }
    // First come, first numbered; the id breaks a tie of the same millisecond the same way everywhere.
    waiting.sort((a, b) => a.value.submittedAt.localeCompare(b.value.submittedAt) || a.value.id.localeCompare(b.value.id));
    const next = numberBatch(base, waiting.map((b) => ({ key: submissionKey(b.value), withdrawn: b.value.status === 'withdrawn' })));
    // Nothing new: every waiting bid already has its number in the batch (a numbering cut short, or racing this one).
    if (next === base || (await deps.tenders.saveTally(next, stored?.etag)) === 'saved') {
      await writeNumbers(deps, tenantId, next, waiting);
      return next;
    }
  }
  return undefined;
}

async function writeNumbers(deps: NumberingDeps, tenantId: string, tally: Tally, waiting: readonly Versioned<Bid>[]): Promise<void> {
  for (const found of waiting) {
    const number = tally.batch[submissionKey(found.value)];
    if (number === undefined) continue;
    let current: Versioned<Bid> | undefined = found;
    // The bidder may edit the bid meanwhile: read again and keep their change.
    for (let attempt = 0; attempt < 5 && current && current.value.number === 0; attempt++) {
      if ((await deps.tenders.saveBid({ ...current.value, number }, current.etag)) === 'saved') break;
      current = await deps.tenders.getBid(tenantId, found.value.id);
    }
    const locale = found.value.receiptLocale;
    if (deps.outbox && locale) await enqueueNotices(deps, [receiptNotice({ ...found.value, number }, 'submitted', locale, deps.clock.now())]);
  }
}

/**
 * Changes the tender's tally with its etag until nobody wrote in between (a withdrawal's count, the
 * sweep marking the count shown); creates it from the tender first if no bid was numbered since tallies
 * existed. Returns the tally as written, undefined if the tender does not exist or it stayed contended.
 */
export async function changeTally(deps: Pick<NumberingDeps, 'tenders'>, tenantId: string, tenderId: string, change: (t: Tally) => Tally): Promise<Tally | undefined> {
  for (let attempt = 0; attempt < 20; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
    const stored = await deps.tenders.getTally(tenantId, tenderId);
    let base = stored?.value;
    if (!base) {
      const tender = await deps.tenders.getTender(tenantId, tenderId);
      if (!tender) return undefined;
      base = firstTally(tender.value);
    }
    const next = change(base);
    if ((await deps.tenders.saveTally(next, stored?.etag)) === 'saved') return next;
  }
  return undefined;
}

/** A bid and its tender as stored, the bid numbered first if the numbering has not got to it yet: what its notices are drawn from. */
export async function numberedBidAndTender(deps: NumberingDeps, tenantId: string, tenderId: string, bidId: string): Promise<{ tender: Tender; bid: Bid } | undefined> {
  let bid = (await deps.tenders.getBid(tenantId, bidId))?.value;
  if (bid?.number === 0) {
    await numberBids(deps, tenantId, tenderId);
    bid = (await deps.tenders.getBid(tenantId, bidId))?.value;
  }
  const tender = (await deps.tenders.getTender(tenantId, tenderId))?.value;
  return bid && tender ? { tender, bid } : undefined;
}
