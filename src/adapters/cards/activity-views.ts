// The cards of an activity (issue 12, points 7 and 8): the activity with its status and follow-ups, the
// follow-up form (also the reminder at the evaluation date, 1:1 and in the group's chat), the group's list
// ("aktiviteter"), the history of every change, paged, and the group's notice of a recorded outcome.
// Everything typed by people is escaped and bounded, so each card stays well under the 40 KB budget.

import { DateTime } from 'luxon';
import type { Activity, ActivitySummary, FollowUp, FollowUpOutcome } from '../../domain/activity.js';
import { ACTIVITY_LIMITS } from '../../domain/activity.js';
import type { AuditEntry } from '../../domain/tender.js';
import { ZONE, formatInstant, localParts } from '../../domain/time.js';
import { text, type Locale, type TextKey } from '../i18n/text.js';
import { button, messageCard, sayIn, shownBack, type Button, type Line } from './card-parts.js';
import type { NoticeViews } from './notice-views.js';
import { oneCard } from './notice-views.js';
import { escapeMarkdown as esc, renderCard, type CardJson } from './render-card.js';

/** History entries per page: with each reason cut at 500 characters a page stays under about 20 KB. */
export const HISTORY_PAGE = 15;
/** The follow-ups the activity card lists (the newest); the history has them all. */
const FOLLOW_UPS_SHOWN = 10;
const NOTE_SHOWN = 500;

/** "29. marts 2027" (da), "29 March 2027" (en), from a yyyy-mm-dd date. */
export function formatDay(date: string, locale: Locale): string {
  const d = DateTime.fromISO(date, { zone: ZONE });
  if (!d.isValid) return date;
  return d.setLocale(locale === 'da' ? 'da-DK' : 'en-GB').toFormat(locale === 'da' ? "d'.' LLLL yyyy" : 'd LLLL yyyy');
}

const kr = (locale: Locale, n: number) => new Intl.NumberFormat(locale === 'da' ? 'da-DK' : 'en-GB').format(n);
const line = (t: string, separator = false): Line => ({ text: t, color: 'Default', separator });

/** The facts every activity card starts with. */
function factLines(locale: Locale, a: Activity): string[] {
  const say = sayIn(locale);
  return [
    say('activity.responsible', { name: esc(a.responsible.name) }),
    say('activity.effect', { effect: shownBack(locale, a.expectedEffect, ACTIVITY_LIMITS.effect) }),
    say('activity.period', { start: formatDay(a.startDate, locale), evaluation: formatDay(a.evaluationDate, locale) }),
    say('activity.cost', { oneOff: kr(locale, a.cost.oneOffKr), yearly: kr(locale, a.cost.yearlyKr) }),
  ];
}

function statusLine(locale: Locale, a: Activity, now: Date): string {
  if (a.status === 'closed') return text(locale, 'activity.status.closed');
  return text(locale, a.evaluationDate <= localParts(now).date ? 'activity.status.due' : 'activity.status.running');
}

export function followUpLine(locale: Locale, f: FollowUp): string {
  const say = sayIn(locale);
  const date = formatInstant(new Date(f.at), locale);
  const name = esc(f.byName);
  const head =
    f.outcome === 'continued'
      ? say('activity.followUp.continued', { date, name, effect: shownBack(locale, f.newEffect ?? '', 300, 600), evaluation: formatDay(f.newEvaluationDate ?? '', locale) })
      : say(f.outcome === 'closed' ? 'activity.followUp.closed' : 'activity.followUp.running', { date, name });
  return f.note ? `${head}\n\n${say('activity.followUp.note', { note: shownBack(locale, f.note, NOTE_SHOWN) })}` : head;
}

const show = (locale: Locale, activityId: string, key: TextKey = 'activity.button.back'): Button => button('activity.show', text(locale, key), { activityId });

/** The activity: facts, status, follow-ups; Registrér opfølgning for those who may, while it runs; Historik. */
export function activityCard(locale: Locale, v: { activity: Activity; mayRecord: boolean; now: Date; receipt?: string | undefined }): CardJson {
  const a = v.activity;
  const say = sayIn(locale);
  const shown = a.followUps.slice(-FOLLOW_UPS_SHOWN);
  const lines: Line[] = [
    ...(v.receipt ? [line(v.receipt)] : []),
    line(say('activity.kicker', { group: esc(a.groupName) })),
    ...factLines(locale, a).map((t) => line(t)),
    line(statusLine(locale, a, v.now)),
    line(say('activity.followUps'), true),
    ...(shown.length === 0 ? [line(say('activity.followUps.none'))] : shown.map((f) => line(followUpLine(locale, f)))),
  ];
  const actions: Button[] = [
    ...(v.mayRecord && a.status === 'running' ? [button('activity.followUpForm', say('activity.button.followUp'), { activityId: a.id }, 'positive')] : []),
    button('activity.history', say('activity.button.history'), { activityId: a.id }),
  ];
  return messageCard({ heading: say('activity.heading', { title: esc(a.title) }), style: v.receipt ? 'good' : 'emphasis', lines, actions });
}

export interface FollowUpValues {
  readonly outcome: string;
  readonly note: string;
  readonly newEffect: string;
  readonly newEvaluationDate: string;
}

export type FollowUpField = keyof FollowUpValues;

export const EMPTY_FOLLOW_UP: FollowUpValues = { outcome: '', note: '', newEffect: '', newEvaluationDate: '' };

/** What the form sent, as text (anything else sent is read as empty). */
export function followUpValuesFrom(raw: Record<string, unknown>): FollowUpValues {
  const s = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : '');
  return { outcome: s('outcome'), note: s('note'), newEffect: s('newEffect'), newEvaluationDate: s('newEvaluationDate') };
}

const OUTCOMES: readonly FollowUpOutcome[] = ['running', 'closed', 'continued'];

/**
 * The follow-up form: the activity's facts, then the outcome, a note, and for a continuation the new effect
 * and evaluation date. `place` says whether it is the reminder (1:1 or in the group's chat) or opened from
 * the activity card. A refusal brings it back with what was typed and the message at the field.
 */
export function followUpFormCard(
  locale: Locale,
  v: { activity: Activity; place: 'form' | 'personal' | 'group'; values: FollowUpValues; errors: Partial<Record<FollowUpField, string>> },
): CardJson {
  const a = v.activity;
  const say = sayIn(locale);
  const heading = v.place === 'form' ? say('activity.form.heading', { title: esc(a.title) }) : say('activity.reminder.heading', { title: esc(a.title) });
  const intro = v.place === 'form' ? say('activity.form.intro') : say(v.place === 'personal' ? 'activity.reminder.personal' : 'activity.reminder.group');
  const hasErrors = Object.values(v.errors).some(Boolean);
  return renderCard('activity-form', {
    kicker: say('activity.kicker', { group: esc(a.groupName) }),
    heading,
    intro,
    facts: factLines(locale, a).map((t) => ({ text: t })),
    summary: hasErrors ? say('activity.form.summary') : '',
    labels: {
      outcome: say('activity.form.outcome'),
      note: say('activity.form.note'),
      newEffect: say('activity.form.newEffect'),
      newEvaluationDate: say('activity.form.newEvaluationDate'),
    },
    outcomes: OUTCOMES.map((o) => ({ title: say(`activity.form.outcome.${o}`), value: o })),
    values: v.values,
    errors: { outcome: v.errors.outcome ?? '', note: v.errors.note ?? '', newEffect: v.errors.newEffect ?? '', newEvaluationDate: v.errors.newEvaluationDate ?? '' },
    actions: [button('activity.followUp', say('activity.form.submit'), { activityId: a.id }, 'positive'), show(locale, a.id, 'activity.button.back')],
  });
}

/** What a history entry's action says. Actions other features add are shown as they are stored. */
function historyWhat(locale: Locale, h: AuditEntry): string {
  const say = sayIn(locale);
  if (h.action === 'created') return say(h.note === 'byraad' ? 'activity.history.created.byraad' : 'activity.history.created.kernegruppe');
  if (h.action === 'followup.running' || h.action === 'followup.closed' || h.action === 'continued') return say(`activity.history.${h.action}`);
  return say('activity.history.other', { action: esc(h.action), from: esc(h.from ?? '–'), to: esc(h.to ?? '–') });
}

/** The reason a history entry carries, if it is one to show (a creation's note only says who decided). */
const historyWhy = (h: AuditEntry): string | undefined => (h.action === 'created' ? undefined : h.note || undefined);

/**
 * Every state change of the activity, oldest first: who (by name), when (Copenhagen time), what and why,
 * HISTORY_PAGE to a page with Forrige / Næste, so a long-running activity's history stays under the budget.
 */
export function activityHistoryCard(locale: Locale, v: { activity: Activity; nameOf: (personId: string) => string; page: number }): CardJson {
  const a = v.activity;
  const say = sayIn(locale);
  const pages = Math.max(1, Math.ceil(a.history.length / HISTORY_PAGE));
  const page = Math.min(Math.max(1, v.page), pages);
  const entries = a.history.slice((page - 1) * HISTORY_PAGE, page * HISTORY_PAGE);
  const lines: Line[] = [
    line(say('activity.kicker', { group: esc(a.groupName) })),
    ...entries.map((h, i) => {
      const head = say('activity.history.entry', { when: formatInstant(new Date(h.at), locale), name: esc(v.nameOf(h.by)), what: historyWhat(locale, h) });
      const why = historyWhy(h);
      return line(why ? `${head}\n\n${say('activity.history.why', { note: shownBack(locale, why, NOTE_SHOWN) })}` : head, i > 0);
    }),
    line(say('activity.history.page', { page, pages, count: a.history.length })),
  ];
  const actions: Button[] = [
    ...(page > 1 ? [button('activity.history', say('activity.history.previous'), { activityId: a.id, page: String(page - 1) })] : []),
    ...(page < pages ? [button('activity.history', say('activity.history.next'), { activityId: a.id, page: String(page + 1) })] : []),
    show(locale, a.id),
  ];
  return messageCard({ heading: say('activity.history.heading', { title: esc(a.title) }), style: 'emphasis', lines, actions });
}

/** "aktiviteter": the group's activities, running ones first, evaluation dates due first, each with Vis. */
export function activityListCard(locale: Locale, v: { groupName: string; items: readonly ActivitySummary[]; more: boolean; now: Date }): CardJson {
  const say = sayIn(locale);
  const today = localParts(v.now).date;
  return renderCard('tender-list', {
    title: say('activity.list.title', { group: esc(v.groupName) }),
    empty: say('activity.list.empty'),
    items: v.items.map((s) => ({
      kicker: say('activity.list.kicker', { date: formatDay(s.evaluationDate, locale) }),
      title: esc(s.title),
      lines: [{ text: say(s.status === 'closed' ? 'activity.list.closed' : s.evaluationDate <= today ? 'activity.list.due' : 'activity.list.running', { name: esc(s.responsible.name) }) }],
      actions: [button('activity.show', say('activity.button.show'), { activityId: s.id })],
    })),
    note: v.more ? say('activity.list.more', { count: v.items.length }) : '',
  });
}

/** The group's chat told that an outcome was recorded. */
export function activityRecordedCard(locale: Locale, a: Activity, f: FollowUp): CardJson {
  const say = sayIn(locale);
  return messageCard({
    heading: say('activity.recorded.heading', { title: esc(a.title) }),
    style: f.outcome === 'closed' ? 'good' : 'emphasis',
    lines: [line(say('activity.kicker', { group: esc(a.groupName) })), line(followUpLine(locale, f))],
    actions: [show(locale, a.id, 'activity.button.show')],
  });
}

/** A refusal about an activity, with the way back to it where there is one. */
export function activityRefusalCard(locale: Locale, v: { text: string; activityId?: string | undefined; input?: string | undefined }): CardJson {
  return messageCard({
    heading: text(locale, 'error.title'),
    style: 'attention',
    lines: [line(v.text)],
    echoHeading: v.input ? text(locale, 'error.yourInput') : '',
    echo: v.input ? [{ label: '', value: shownBack(locale, v.input) }] : [],
    actions: v.activityId ? [show(locale, v.activityId)] : [],
  });
}

export const activityNoticeViews: Pick<NoticeViews, 'activity.followUp' | 'activity.recorded' | 'activity.assigned'> = {
  'activity.assigned': (locale, n, now) => oneCard(activityCard(locale, { activity: n.activity, mayRecord: true, now, receipt: text(locale, 'activity.assigned', { group: esc(n.activity.groupName) }) })),
  'activity.followUp': (locale, n) => oneCard(followUpFormCard(locale, { activity: n.activity, place: n.place, values: EMPTY_FOLLOW_UP, errors: {} })),
  'activity.recorded': (locale, n) => oneCard(activityRecordedCard(locale, n.activity, n.followUp)),
};
