// Bid numbers, handed out after the click that stored the bid. A bid is stored with number 0 and
// no write to its tender, so any number of people bidding at once each make one create; the numbers
// come from the tender's counter here, in one etag write per batch of new bids, by whoever gets to
// it first: the outbox sender (before a receipt or a cancellation notice is rendered), the tender
// sweep (every pass, and before a tender's close is reported), a withdrawal, or the bid overview.
// The tender's `submissions` map (form submission → number) is written first, so a crash between
// that write and the bids' own writes gives each bid the same number when it is done again.

import type { Bid } from '../domain/bid.js';
import { numberSubmissions, type Tender } from '../domain/tender.js';
import { enqueueNotices, receiptNotice } from './notices.js';
import type { Clock, OutboxRepository, TenderRepository } from './ports.js';

export interface NumberingDeps {
  readonly tenders: TenderRepository;
  readonly clock: Clock;
  /** Where a receipt whose enqueueing was lost (a crash just after the bid was stored) is enqueued again. */
  readonly outbox?: OutboxRepository | undefined;
}

export const submissionKey = (bid: Pick<Bid, 'bidderId' | 'submissionId'>) => `${bid.bidderId}:${bid.submissionId}`;

/** Numbers the tender's unnumbered bids; returns the tender as written (undefined if there was nothing to do). */
export async function numberBids(deps: NumberingDeps, tenantId: string, tenderId: string): Promise<Tender | undefined> {
  const waiting = await deps.tenders.unnumberedBids(tenantId, tenderId);
  if (waiting.length === 0) return undefined;
  // First come, first numbered; the id breaks a tie of the same millisecond the same way everywhere.
  waiting.sort((a, b) => a.value.submittedAt.localeCompare(b.value.submittedAt) || a.value.id.localeCompare(b.value.id));
  const numbered = (t: Tender) => numberSubmissions(t, waiting.map((b) => ({ key: submissionKey(b.value), withdrawn: b.value.status === 'withdrawn' })));
  // Several numberers may race (the sender's workers, the sweep, other instances): the etag lets one
  // write per round, and the loser finds its bids in `submissions` when it reads again.
  let tender: Tender | undefined;
  for (let attempt = 0; attempt < 20 && !tender; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
    const current = await deps.tenders.getTender(tenantId, tenderId);
    if (!current) return undefined;
    const next = numbered(current.value);
    if (next === current.value || (await deps.tenders.saveTender(next, current.etag)) === 'saved') tender = next;
  }
  if (!tender) return undefined;
  for (const found of waiting) {
    const number = tender.submissions[submissionKey(found.value)];
    if (number === undefined) continue;
    let current: typeof found | undefined = found;
    // The bidder may edit the bid meanwhile: read again and keep their change.
    for (let attempt = 0; attempt < 5 && current && current.value.number === 0; attempt++) {
      if ((await deps.tenders.saveBid({ ...current.value, number }, current.etag)) === 'saved') break;
      current = await deps.tenders.getBid(tenantId, found.value.id);
    }
    const locale = found.value.receiptLocale;
    if (deps.outbox && locale) await enqueueNotices(deps, [receiptNotice({ ...found.value, number }, 'submitted', locale, deps.clock.now())]);
  }
  return tender;
}
