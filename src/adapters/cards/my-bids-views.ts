// The employee's own bids: `mine bud` (their bids, newest first, each leading to its tender) and the
// announcement with their bids on it (what "Byd ind" shows once they have bid), with Ret and Træk tilbage.

import { type Bid, type BidSummary } from '../../domain/bid.js';
import { type Tender, type TenderSummary } from '../../domain/tender.js';
import { type Locale } from '../i18n/text.js';
import { escapeMarkdown as esc, excerpt, type CardJson } from './render-card.js';
import { formatInstant } from '../../domain/time.js';
import { button, sayIn } from './card-parts.js';
import { at, backToMyBids, bidChangeButtons, bidNo, bidStatus, endedNote, type From, fromData, isOpen, line, tenderState } from './tender-card-parts.js';
import { tenderCard } from './tender-announcement-views.js';
import { listCard } from './tender-list-views.js';

/**
 * What a bidder sees instead of "Byd ind": the announcement with their own bids on it. Reached from
 * `mine bud` (from 'mine'), it leads back there, and its buttons carry that along.
 */
export function myTenderBidsCard(locale: Locale, t: Tender, bids: readonly Bid[], now: Date, from?: From): CardJson {
  const say = sayIn(locale);
  const open = isOpen(t, now);
  return tenderCard(locale, t, {
    withCount: true,
    note: open ? undefined : t.status === 'cancelled' ? endedNote(say, t) : { text: say('mine.closed'), style: 'warning' },
    mine: {
      show: true,
      heading: say('mine.heading'),
      bids: bids.map((b) => ({
        heading: say('mine.bidHeading', { number: bidNo(b), at: at(b.submittedAt, locale) }),
        title: esc(b.title),
        status: bidStatus(say, b),
        actions: bidChangeButtons(say, b, open, from, t.status),
      })),
    },
    actions: [...(open ? [button('bid.new', say('button.newBid'), { tenderId: t.id, ...fromData(from) })] : []), ...backToMyBids(say, from)],
  });
}

/** `more`: the person has more bids than these, their newest; the card says so. */
export function myBidsCard(locale: Locale, items: readonly { tender: TenderSummary; bid: BidSummary }[], now: Date, more = false): CardJson {
  const say = sayIn(locale);
  return listCard({ title: say('myBids.title'), empty: say('myBids.empty'), items, more, moreText: (shown) => say('list.more.mine', { shown }) }, ({ tender, bid }) => ({
    kicker: say('myBids.kicker', { number: bidNo(bid), status: bidStatus(say, bid) }),
    title: esc(bid.title),
    lines: [
      line(say('myBids.tender', { title: esc(tender.title) })),
      line(tenderState(locale, tender, now)),
      // The second half: a konkretisering the kernegruppe waits for, and why a bid was not chosen.
      ...(bid.konkretiseringDue ? [line(say('myBids.konkretiseringDue', { deadline: formatInstant(new Date(bid.konkretiseringDue), locale) }))] : []),
      ...(bid.statusReason && bid.status === 'rejected' ? [line(say('myBids.reason', { reason: esc(excerpt(bid.statusReason, 200)) }))] : []),
    ],
    actions: [button('bid.open', say('button.seeTender'), { tenderId: tender.id, from: 'mine' })],
  }));
}
