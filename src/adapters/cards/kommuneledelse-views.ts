// The reminder to Kommuneledelsen's chat before its meeting: the status across all kernegrupper, the
// same card as the pitstop's (cross-status-views.ts) under the meeting's own heading.

import type { Meeting } from '../../domain/calendar.js';
import type { CrossStatus } from '../../app/ports.js';
import type { Locale } from '../i18n/text.js';
import { crossStatusCard } from './cross-status-views.js';
import { oneCard, type NoticeViews } from './notice-views.js';
import type { CardJson } from './render-card.js';

/** Seed 001: "Arbejdet i kernegrupperne diskuteres ½ time på hvert møde i Kommuneledelsen". */
export function kommuneledelseReminderCard(locale: Locale, v: { meeting: Meeting; status: CrossStatus; late: boolean }): CardJson {
  return crossStatusCard(locale, { status: v.status, meeting: v.meeting, late: v.late, headingKey: 'kommuneledelse.heading' });
}

export const kommuneledelseNoticeViews: Pick<NoticeViews, 'reminder.kommuneledelse'> = {
  'reminder.kommuneledelse': (locale, n) => oneCard(kommuneledelseReminderCard(locale, n)),
};
