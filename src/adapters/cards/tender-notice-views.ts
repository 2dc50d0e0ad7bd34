// The tenders' notices as the outbox draws them (composed into NOTICE_VIEWS in teams-notifier.ts),
// from the cards of tender-announcement-views.ts and tender-report-views.ts.

import { oneCard, type NoticeViews } from './notice-views.js';
import { announcementCard } from './tender-announcement-views.js';
import { closedSummaryCard, tenderCancelledCard } from './tender-report-views.js';

/** The tenders' notices: the announcement card (posted and redrawn), the group told of the close, a bidder told of a cancellation. */
export const tenderNoticeViews: Pick<NoticeViews, 'tender.announcement' | 'tender.closed' | 'tender.cancelled'> = {
  'tender.announcement': (locale, n, now) => oneCard(announcementCard(locale, n.tender, now, n.refreshUserIds)),
  'tender.closed': (locale, n) => oneCard(closedSummaryCard(locale, n.tender)),
  'tender.cancelled': (locale, n) => oneCard(tenderCancelledCard(locale, n.tender, n.bid)),
};
