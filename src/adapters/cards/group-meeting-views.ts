// Views of a kernegruppe's own meetings: the group's card in its chat (its next meetings, and for the
// tovholder and admins "Flyt", "Aflys" and "Tilføj møde" with their inputs), and the reminder of the
// group's meeting to its chat, with the group's digest.

import type { Meeting } from '../../domain/calendar.js';
import { formatInstant, localParts } from '../../domain/time.js';
import type { GroupMeetings } from '../../app/group-meetings.js';
import type { GroupDigest } from '../../app/ports.js';
import { text, type Locale } from '../i18n/text.js';
import { escapeMarkdown as esc, renderCard, type CardJson } from './render-card.js';
import { oneCard, type NoticeViews } from './notice-views.js';
import { messageCard, type Line } from './card-parts.js';
import { digestLines } from './reminder-views.js';

const MONTHS: Record<Locale, readonly string[]> = {
  da: ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** "februar, marts, april og maj". */
export function monthList(locale: Locale, months: readonly number[]): string {
  const names = months.map((m) => MONTHS[locale][m - 1]!);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} ${locale === 'da' ? 'og' : 'and'} ${names.at(-1)}`;
}

/** What comes back on the card after a press: a message at the top, or the problem at one meeting or at the add form, with what was typed. */
export interface GroupCardState {
  readonly notice?: { readonly text: string; readonly good: boolean } | undefined;
  readonly row?: { readonly meetingId: string; readonly error: string; readonly date?: string; readonly time?: string; readonly reason?: string } | undefined;
  readonly add?: { readonly error: string; readonly date: string; readonly time: string; readonly topic: string } | undefined;
}

export function groupMeetingsCard(locale: Locale, v: GroupMeetings, state: GroupCardState = {}): CardJson {
  const say = (key: Parameters<typeof text>[1], p: Record<string, string | number> = {}) => text(locale, key, p);
  const line = (m: Meeting) => [say('meetings.line', { when: formatInstant(new Date(m.start), locale), title: esc(m.title) }), m.status === 'moved' ? say('meetings.moved') : '', m.holiday ? say('meetings.holiday', { holiday: esc(m.holiday) }) : ''].filter(Boolean).join(' ');
  return renderCard('group-meetings', {
    heading: say('groupMeetings.heading', { group: esc(v.group.name) }),
    notice: state.notice?.text ?? '',
    color: state.notice?.good ? 'Default' : 'Attention',
    season: v.seasonMonths.length > 0 ? say('groupMeetings.season', { months: monthList(locale, v.seasonMonths) }) : say('groupMeetings.noSeason'),
    hint: v.canManage ? say('groupMeetings.manageHint') : '',
    empty: say('groupMeetings.none'),
    more: v.meetings.length >= 6 ? say('groupMeetings.more', { shown: v.meetings.length }) : '',
    meetings: v.meetings.map((m, row) => {
      const here = state.row?.meetingId === m.id ? state.row : undefined;
      const { date, time } = localParts(new Date(m.start));
      return {
        id: m.id,
        row: String(row),
        line: line(m),
        error: here?.error ?? '',
        manage: v.canManage,
        moveTitle: say('groupMeetings.move'),
        cancelTitle: say('groupMeetings.cancel'),
        moveButton: say('groupMeetings.moveButton'),
        cancelButton: say('groupMeetings.cancelButton'),
        dateId: `date${row}`,
        timeId: `time${row}`,
        reasonId: `reason${row}`,
        dateLabel: say('groupMeetings.date'),
        timeLabel: say('groupMeetings.time'),
        reasonLabel: say('groupMeetings.reason'),
        // What the person typed comes back in the inputs, else the meeting's own time.
        date: here?.date ?? date,
        time: here?.time ?? time,
        reason: here?.reason ?? '',
      };
    }),
    add: {
      show: v.canManage,
      groupId: v.group.id,
      error: state.add?.error ?? '',
      title: say('groupMeetings.add'),
      button: say('groupMeetings.addButton'),
      dateLabel: say('groupMeetings.date'),
      timeLabel: say('groupMeetings.time'),
      titleLabel: say('groupMeetings.title'),
      date: state.add?.date ?? '',
      time: state.add?.time ?? '',
      topic: state.add?.topic ?? '',
    },
  });
}

export function kernegruppeReminderCard(locale: Locale, v: { meeting: Meeting; digest: GroupDigest; late: boolean }): CardJson {
  const lines: Line[] = [
    { text: text(locale, 'reminder.kernegruppe.title', { title: esc(v.meeting.title) }), color: 'Default' },
    ...digestLines(locale, v.digest),
    ...(v.late ? [{ text: text(locale, 'reminder.late'), color: 'Default' as const }] : []),
  ];
  return messageCard({
    heading: text(locale, 'reminder.kernegruppe.heading', { group: esc(v.digest.groupName), when: formatInstant(new Date(v.meeting.start), locale) }),
    style: 'emphasis',
    lines,
    actions: [{ verb: 'tender.list', title: text(locale, 'reminder.seeTenders'), data: {}, style: 'default' }],
  });
}

/** The reminder of a kernegruppe's own meeting. */
export const groupMeetingNoticeViews: Pick<NoticeViews, 'reminder.kernegruppe'> = {
  'reminder.kernegruppe': (locale, n) => oneCard(kernegruppeReminderCard(locale, n)),
};
