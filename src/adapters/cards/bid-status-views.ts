// The bidder's 1:1 notice of their bid's new status (awarded, indstillet to the Byråd, not chosen) with
// the reason, drawn from the bid as stored when it is sent.

import { text, type Locale } from '../i18n/text.js';
import { button, messageCard, shownBack, SHOWN_BACK } from './card-parts.js';
import { oneCard, type NoticeViews } from './notice-views.js';
import { escapeMarkdown as esc, type CardJson } from './render-card.js';
import type { Bid } from '../../domain/bid.js';

export function bidStatusCard(locale: Locale, bid: Bid, tenderTitle: string): CardJson {
  const t = (k: Parameters<typeof text>[1], p?: Record<string, string | number>) => text(locale, k, p);
  return messageCard({
    heading: t('catalogue.notice.statusHeading', { title: shownBack(locale, bid.title, SHOWN_BACK.title) }),
    style: bid.status === 'rejected' ? 'attention' : 'emphasis',
    lines: [
      { text: t('catalogue.notice.status', { number: bid.number, tender: esc(tenderTitle), status: t(`bid.status.${bid.status}`) }), color: 'Default' },
      ...(bid.statusReason ? [{ text: t('catalogue.notice.reason', { reason: shownBack(locale, bid.statusReason, 1000) }), color: 'Default' as const }] : []),
    ],
    actions: [button('bid.mine', t('catalogue.button.myBids'), {})],
  });
}

export const bidStatusNoticeViews: Pick<NoticeViews, 'bid.status'> = {
  'bid.status': (locale, n) => oneCard(bidStatusCard(locale, n.bid, n.tenderTitle)),
};
