// The reminder to Kommuneledelsen's chat before its meeting: the status across all kernegrupper, the
// same card as the pitstop's (cross-status-views.ts) under the meeting's own heading.

import { crossStatusCard } from './cross-status-views.js';
import { oneCard, type NoticeViews } from './notice-views.js';

export const kommuneledelseNoticeViews: Pick<NoticeViews, 'reminder.kommuneledelse'> = {
  // Seed 001: "Arbejdet i kernegrupperne diskuteres ½ time på hvert møde i Kommuneledelsen".
  'reminder.kommuneledelse': (locale, n) => oneCard(crossStatusCard(locale, { status: n.status, meeting: n.meeting, late: n.late, headingKey: 'kommuneledelse.heading' })),
};
