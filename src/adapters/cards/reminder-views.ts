// Views for reminders and calendar warnings: the kernegruppe's status before a byrådsmøde, the
// konsulent's digest before pitstop and konsulentmøde, and the admin's notices.

import type { Meeting } from '../../domain/calendar.js';
import type { Reminder } from '../../domain/reminders.js';
import { formatInstant, localParts } from '../../domain/time.js';
import type { DeliveryFailure, GroupDigest } from '../../app/ports.js';
import { text, type Locale, type TextKey } from '../i18n/text.js';
import { escapeMarkdown as esc, excerpt, renderCard, type CardJson } from './render-card.js';
import { oneCard, type NoticeViews } from './notice-views.js';
import { linesWithin, messageCard, type Button, type ContainerStyle, type Line } from './card-parts.js';
import { konsekvensDigestLines } from './konsekvens-views.js';


export function digestLines(locale: Locale, d: GroupDigest): Line[] {
  const say = (key: TextKey, p: Record<string, string | number> = {}) => text(locale, key, p);
  return [
    { text: say('reminder.openTenders', { count: d.openTenders.length }), color: 'Default' },
    ...d.openTenders.map((t) => ({ text: say('reminder.tenderLine', { title: esc(t.title), bids: t.activeBids, deadline: formatInstant(new Date(t.deadline), locale) }), color: 'Default' as const })),
    ...d.closedSinceLastMonth.map((t) => ({ text: say('reminder.closedLine', { title: esc(t.title), bids: t.activeBids }), color: 'Default' as const })),
    ...(d.drafts > 0 ? [{ text: say('reminder.drafts', { count: d.drafts }), color: 'Default' as const }] : []),
    ...konsekvensDigestLines(locale, d),
    ...secondHalfLines(locale, d),
  ];
}

/** The second half of the internt udbud in a digest: konkretiseringer outstanding, decisions since last month, the catalogue against its frame. */
function secondHalfLines(locale: Locale, d: GroupDigest): Line[] {
  const say = (key: TextKey, p: Record<string, string | number> = {}) => text(locale, key, p);
  const kr = (n: number) => new Intl.NumberFormat(locale === 'da' ? 'da-DK' : 'en-GB').format(n);
  const lines: Line[] = [];
  const konk = d.konkretiseringer ?? [];
  if (konk.length > 0) {
    lines.push({ text: say('reminder.konkretiseringer', { count: konk.length }), color: 'Default' });
    for (const b of konk) lines.push({ text: say('reminder.konkretiseringLine', { number: b.number, title: esc(excerpt(b.title, 120)), deadline: formatInstant(new Date(b.konkretiseringDue!), locale) }), color: 'Default' });
  }
  const decided = d.decisions ?? [];
  if (decided.length > 0) {
    lines.push({ text: say('reminder.decisions'), color: 'Default' });
    for (const b of decided) lines.push({ text: say('reminder.decisionLine', { number: b.number, title: esc(excerpt(b.title, 120)), status: say(`bid.status.${b.status}` as TextKey) }), color: 'Default' });
  }
  const c = d.catalogue;
  if (c) {
    const key: TextKey = c.frameKr === undefined ? 'reminder.catalogueNoFrame' : c.totalKr > c.frameKr ? 'reminder.catalogueOver' : 'reminder.catalogueWithin';
    lines.push({ text: say(key, { period: c.period, total: kr(c.totalKr), frame: kr(c.frameKr ?? 0), over: kr(Math.max(0, c.totalKr - (c.frameKr ?? 0))), activities: c.activities }), color: key === 'reminder.catalogueOver' ? 'Attention' : 'Default' });
  }
  return lines;
}

const message = (heading: string, style: ContainerStyle, lines: Line[], actions: Button[] = []) => messageCard({ heading, style, lines, actions });

export function byraadReminderCard(locale: Locale, v: { meeting: Meeting; groupMeeting?: Meeting | undefined; digest: GroupDigest; late: boolean }): CardJson {
  const when = (m: Meeting) => formatInstant(new Date(m.start), locale);
  const lines: Line[] = [
    ...(v.groupMeeting && v.groupMeeting.status !== 'cancelled' ? [{ text: text(locale, 'reminder.groupMeeting', { when: when(v.groupMeeting) }), color: 'Default' as const }] : []),
    ...digestLines(locale, v.digest),
    ...(v.late ? [{ text: text(locale, 'reminder.late'), color: 'Default' as const }] : []),
  ];
  return message(text(locale, 'reminder.byraad.heading', { when: when(v.meeting), group: esc(v.digest.groupName) }), 'emphasis', lines, [
    { verb: 'tender.list', title: text(locale, 'reminder.seeTenders'), data: {}, style: 'default' },
  ]);
}

export function konsulentReminderCard(locale: Locale, v: { meeting: Meeting; digests: readonly GroupDigest[]; late: boolean }): CardJson {
  const lines: Line[] = v.digests.flatMap((d) => [{ text: `**${esc(d.groupName)}**`, color: 'Default' as const }, ...digestLines(locale, d)]);
  if (v.late) lines.push({ text: text(locale, 'reminder.late'), color: 'Default' });
  return message(text(locale, 'reminder.konsulent.heading', { meeting: esc(v.meeting.title), when: formatInstant(new Date(v.meeting.start), locale) }), 'emphasis', lines);
}

export function unreachableCard(locale: Locale, v: { conversationName: string; reason: DeliveryFailure; what: string }): CardJson {
  return message(
    text(locale, 'admin.unreachable', { what: esc(v.what), name: esc(v.conversationName), reason: text(locale, `admin.reason.${v.reason}` as TextKey) }),
    'attention',
    [],
  );
}

export function holidayCard(locale: Locale, meeting: Meeting, error = ''): CardJson {
  const { date, time } = localParts(new Date(meeting.start));
  return renderCard('holiday', {
    heading: text(locale, 'holiday.heading'),
    text: text(locale, 'holiday.text', { title: esc(meeting.title), when: formatInstant(new Date(meeting.start), locale), holiday: esc(meeting.holiday ?? '') }),
    dateLabel: text(locale, 'holiday.date'),
    timeLabel: text(locale, 'holiday.time'),
    date,
    time,
    error,
    moveButton: text(locale, 'holiday.move'),
    cancelButton: text(locale, 'holiday.cancel'),
    meetingId: meeting.id,
  });
}

/** "møder": the person's own meetings as one section, then the council's; each says when more are coming than it shows. */
export function meetingsCard(
  locale: Locale,
  v: { own: readonly Meeting[]; ownTotal: number; council: readonly Meeting[]; councilTotal: number; aheadDays: number },
  showIds: boolean,
): CardJson {
  const meetingLine = (m: Meeting): Line => ({
    text: [
      text(locale, 'meetings.line', { when: formatInstant(new Date(m.start), locale), title: esc(m.title) }),
      m.status === 'moved' ? text(locale, 'meetings.moved') : '',
      m.holiday ? text(locale, 'meetings.holiday', { holiday: esc(m.holiday) }) : '',
    ]
      .filter(Boolean)
      .join(' '),
    color: 'Default',
  });
  const section = (heading: TextKey, shown: readonly Meeting[], total: number): Line[] =>
    shown.length === 0
      ? []
      : [
          { text: `**${text(locale, heading)}**`, color: 'Default' },
          ...shown.map(meetingLine),
          ...(total > shown.length ? [{ text: text(locale, 'meetings.more', { shown: shown.length, total, days: v.aheadDays }), color: 'Default' as const }] : []),
        ];
  // Someone with no meetings of their own (most employees) gets no empty "your own" section.
  const lines: Line[] = [...section('meetings.ownHeading', v.own, v.ownTotal), ...section('meetings.councilHeading', v.council, v.councilTotal)];
  const shown = [...v.own, ...v.council];
  if (shown.length === 0) lines.push({ text: text(locale, 'meetings.none'), color: 'Default' });
  if (showIds && shown.length > 0) lines.push({ text: text(locale, 'meetings.idHint', { ids: shown.map((m) => m.id).join(', ') }), color: 'Default' });
  return message(text(locale, 'meetings.title'), 'emphasis', lines);
}

export function reminderStatusCard(
  locale: Locale,
  v: { counts: Record<string, number>; notable: readonly Reminder[]; next: readonly Reminder[]; describe: (r: Reminder) => string },
): CardJson {
  const say = (key: TextKey, p: Record<string, string | number> = {}) => text(locale, key, p);
  // A reminder's line names a meeting and a group or person (names as long as Teams allows) and an error:
  // each is cut to 200 characters, and the lines that fit in 14,000 JSON characters are shown.
  const describe = (r: Reminder) => esc(excerpt(v.describe(r), 200));
  const lines: Line[] = [
    { text: say('reminders.counts', { sent: v.counts.sent ?? 0, pending: v.counts.pending ?? 0, skipped: v.counts.skipped ?? 0, unreachable: v.counts.unreachable ?? 0 }), color: 'Default' },
    // Each reminder its own block under a rule, its status first as a word and a symbol: long lines
    // in one colour otherwise read as one paragraph.
    ...v.notable.map((r): Line => {
      const what = describe(r);
      if (r.status === 'unreachable') return { text: say('reminders.unreachableLine', { what, error: esc(excerpt(r.lastError ?? '', 200)) }), color: 'Attention', separator: true };
      if (r.status === 'skipped') return { text: say('reminders.skippedLine', { what, reason: say(`reminders.reason.${r.skippedReason ?? 'too-late'}` as TextKey) }), color: 'Default', separator: true };
      return { text: say('reminders.lateLine', { what, when: formatInstant(new Date(r.sentAt ?? r.updatedAt), locale) }), color: 'Default', separator: true };
    }),
    ...v.next.map((r): Line => ({ text: say('reminders.nextLine', { what: describe(r), when: formatInstant(new Date(r.dueAt), locale) }), color: 'Default', separator: true })),
  ];
  return message(say('reminders.title'), 'emphasis', linesWithin(lines, 14_000, (count) => ({ text: say('reminders.more', { count }), color: 'Default', separator: true })));
}

/** The reminders' notices, and what admins are told when the bot cannot deliver or a meeting meets a holiday. */
export const reminderNoticeViews: Pick<NoticeViews, 'reminder.byraad' | 'reminder.konsulent' | 'admin.unreachable' | 'admin.holiday'> = {
  'reminder.byraad': (locale, n) => oneCard(byraadReminderCard(locale, n)),
  'reminder.konsulent': (locale, n) => oneCard(konsulentReminderCard(locale, n)),
  'admin.unreachable': (locale, n) => oneCard(unreachableCard(locale, n)),
  'admin.holiday': (locale, n) => oneCard(holidayCard(locale, n.meeting)),
};
