// The status across all kernegrupper as one card: the pitstop reminder to the people at the meeting
// and the answer to "status kernegrupper". Compact by design: per group one summary line and at most a
// few lines of each kind (titles cut), and the groups that fit in the budget, the rest counted in
// "… og N flere kernegrupper" — so 20 groups with every title at its limit stay under 40 KB.

import type { Meeting } from '../../domain/calendar.js';
import { formatInstant } from '../../domain/time.js';
import type { CrossStatus, GroupDigest } from '../../app/ports.js';
import { text, type Locale, type TextKey } from '../i18n/text.js';
import { escapeMarkdown as esc, excerpt, type CardJson } from './render-card.js';
import { oneCard, type NoticeViews } from './notice-views.js';
import { messageCard, type Line } from './card-parts.js';

/** At most this many lines of each kind per group (open tenders, closed, konkretiseringer, decisions). */
export const CROSS_STATUS_SHOWN = 3;
/** A title on this card is cut to this many characters: the card names things, the tender list has them in full. */
const TITLE_CHARS = 80;
/** The groups' lines together at most this many JSON characters, template included (34 KB of the card's 40 KB as Teams counts, two bytes a character). */
const LINES_BUDGET = 17_000;
/** What the template adds around each line's text: {"type":"TextBlock","text":"","color":"Default","separator":false,"wrap":true}, */
const LINE_OVERHEAD = 80;

const jsonLength = (s: string) => JSON.stringify(s).length - 2;

function groupLines(locale: Locale, d: GroupDigest): Line[] {
  const say = (key: TextKey, p: Record<string, string | number> = {}) => text(locale, key, p);
  const title = (t: string) => esc(excerpt(t, TITLE_CHARS));
  const kr = (n: number) => new Intl.NumberFormat(locale === 'da' ? 'da-DK' : 'en-GB').format(n);
  const konk = d.konkretiseringer ?? [];
  const decided = d.decisions ?? [];
  // The group's name and its counts on one line; the few lines under it name what the counts count.
  const summary = say('crossStatus.summary', { open: d.openTenders.length, bids: d.openTenders.reduce((n, t) => n + t.activeBids, 0), konk: konk.length, decisions: decided.length });
  const lines: Line[] = [{ text: `**${esc(excerpt(d.groupName, 100))}** · ${summary}`, color: 'Default', separator: true }];
  const some = <T,>(items: readonly T[], line: (item: T) => string) => {
    for (const item of items.slice(0, CROSS_STATUS_SHOWN)) lines.push({ text: line(item), color: 'Default' });
    if (items.length > CROSS_STATUS_SHOWN) lines.push({ text: say('crossStatus.more', { count: items.length - CROSS_STATUS_SHOWN }), color: 'Default' });
  };
  some(d.openTenders, (t) => say('crossStatus.tender', { title: title(t.title), bids: t.activeBids, deadline: formatInstant(new Date(t.deadline), locale) }));
  some(d.closedSinceLastMonth, (t) => say('crossStatus.closed', { title: title(t.title), bids: t.activeBids }));
  some(konk, (b) => say('crossStatus.konkretisering', { number: b.number, title: title(b.title), deadline: formatInstant(new Date(b.konkretiseringDue!), locale) }));
  some(decided, (b) => say('crossStatus.decision', { number: b.number, title: title(b.title), status: say(`bid.status.${b.status}` as TextKey) }));
  const c = d.catalogue;
  if (c) {
    const key: TextKey = c.frameKr === undefined ? 'reminder.catalogueNoFrame' : c.totalKr > c.frameKr ? 'reminder.catalogueOver' : 'reminder.catalogueWithin';
    lines.push({
      text: say(key, { period: c.period, total: kr(c.totalKr), frame: kr(c.frameKr ?? 0), over: kr(Math.max(0, c.totalKr - (c.frameKr ?? 0))), activities: c.activities }),
      color: key === 'reminder.catalogueOver' ? 'Attention' : 'Default',
    });
  }
  if (d.openTenders.length + d.closedSinceLastMonth.length + konk.length + decided.length === 0 && !c) lines.push({ text: say('crossStatus.quiet'), color: 'Default' });
  return lines;
}

/** The card itself: a heading (the pitstop's, or the command's), where "since" begins, and each group that fits. */
export function crossStatusCard(locale: Locale, v: { status: CrossStatus; meeting?: Meeting | undefined; late?: boolean | undefined; headingKey?: TextKey | undefined }): CardJson {
  const say = (key: TextKey, p: Record<string, string | number> = {}) => text(locale, key, p);
  const { status } = v;
  const lines: Line[] = [
    {
      text: status.lastPitstop ? say('crossStatus.sincePitstop', { when: formatInstant(new Date(status.lastPitstop.start), locale) }) : say('crossStatus.sinceMonth'),
      color: 'Default',
    },
  ];
  if (status.groups.length === 0) lines.push({ text: say('crossStatus.none'), color: 'Default' });
  let used = 0;
  for (const [i, d] of status.groups.entries()) {
    const block = groupLines(locale, d);
    const cost = block.reduce((n, l) => n + jsonLength(l.text) + LINE_OVERHEAD, 0);
    if (used + cost > LINES_BUDGET) {
      lines.push({ text: say('crossStatus.moreGroups', { count: status.groups.length - i }), color: 'Default', separator: true });
      break;
    }
    used += cost;
    lines.push(...block);
  }
  if (v.late) lines.push({ text: say('reminder.late'), color: 'Default' });
  const heading = v.meeting
    ? say(v.headingKey ?? 'crossStatus.pitstopHeading', { meeting: esc(v.meeting.title), when: formatInstant(new Date(v.meeting.start), locale) })
    : say('crossStatus.heading');
  return messageCard({ heading, style: 'emphasis', lines, actions: [{ verb: 'tender.list', title: say('reminder.seeTenders'), data: {}, style: 'default' }] });
}

/** The pitstop reminder to the people at the meeting (reminders.ts noticeFor). */
export const crossStatusNoticeViews: Pick<NoticeViews, 'reminder.pitstop'> = {
  'reminder.pitstop': (locale, n) => oneCard(crossStatusCard(locale, { status: n.status, meeting: n.meeting, late: n.late })),
};
