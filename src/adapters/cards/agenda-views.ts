// Views for the dialogmøde agenda: the shared card in the Byråd's chat (call for topics, last call,
// final agenda), each person's own view of it (with Ret/Træk tilbage on their own topics), the topic
// form, receipts and refusals, and the agenda as plain text for the minutes. Everything a person
// typed is escaped here for cards; the plain text keeps it as written.

import { COMMITTEES, MEETING_PARTS, orderedTopics, TOPIC_LIMITS, type Agenda, type AgendaCard, type Topic, type TopicField } from '../../domain/agenda.js';
import type { Meeting } from '../../domain/calendar.js';
import type { FieldError } from '../../domain/tender.js';
import { formatInstant } from '../../domain/time.js';
import { isTextKey, text, type Locale, type TextKey } from '../i18n/text.js';
import { escapeMarkdown as esc, excerpt, renderCard, type CardJson } from './render-card.js';
import { oneCard, type NoticeViews } from './notice-views.js';
import { CARD_BUDGET_BYTES } from './card-budget.js';
import { button, charCount, messageCard, sayIn, shownBack, shownBackFields, SHOWN_BACK, withLimit, type Button, type ContainerStyle, type Line, type Say } from './card-parts.js';


const when = (m: Meeting, locale: Locale) => formatInstant(new Date(m.start), locale);

/**
 * A meeting as the sentences about it name it: its time, and for an extra meeting an admin added, its
 * own title first ("dialogmødet »Ekstra dialogmøde om budgettet« mandag 23. november 2026 kl. 18.00").
 */
export function meetingWhen(m: Meeting, locale: Locale, escape = true): string {
  if (!m.added) return when(m, locale);
  const title = escape ? esc(m.title) : m.title;
  return locale === 'da' ? `»${title}« ${when(m, locale)}` : `“${title}” ${when(m, locale)}`;
}

/** "Mette Holms", "Lars' " (da); "Mette Holm's", "Lars'" (en). */
export function possessive(locale: Locale, name: string): string {
  if (locale === 'da') return /[sxz]$/i.test(name) ? `${name}'` : `${name}s`;
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

/** Whether the agenda still takes topics, as far as a view can tell at `now`. */
export function agendaIsOpen(meeting: Meeting, agenda: Agenda | undefined, now: Date): boolean {
  return meeting.status !== 'cancelled' && agenda?.status !== 'locked' && agenda?.status !== 'cancelled' && now.getTime() < new Date(meeting.start).getTime();
}

// ---- the agenda card: shared, final, or one person's own view ----

export interface AgendaViewer {
  readonly personId: string;
  readonly admin: boolean;
  readonly canAdd: boolean;
}

export type AgendaMode =
  /** In the Byråd's chat for everyone: no per-topic buttons; while open, Teams refreshes it into each reader's own view. */
  | { readonly kind: 'shared'; readonly stage: AgendaCard['stage'] }
  /** The final agenda posted at the start, with each topic's why. */
  | { readonly kind: 'final' }
  /** One person's view (a card action's answer): their own topics can be changed. The stage of the card it came from keeps its wording. */
  | { readonly kind: 'personal'; readonly viewer: AgendaViewer; readonly stage?: AgendaCard['stage'] | undefined };


function statusLine(
  say: Say,
  locale: Locale,
  v: { meeting: Meeting; agenda: Agenda | undefined; next?: Meeting | undefined; open: boolean; final: boolean; stage?: AgendaCard['stage'] | undefined },
) {
  const at = when(v.meeting, locale);
  if (v.meeting.status === 'cancelled' || v.agenda?.status === 'cancelled')
    return { text: v.next ? say('agenda.status.cancelled', { next: when(v.next, locale) }) : say('agenda.status.cancelledNoNext'), style: 'attention' };
  // The final agenda's box says what it is: locked at the start (the rule, whenever the sweep got to it).
  if (v.final) return { text: say('agenda.status.final', { when: at }), style: 'good' };
  if (!v.open) return { text: say('agenda.status.locked', { when: at }), style: 'good' };
  const from = v.meeting.status === 'moved' && v.meeting.originalStart ? formatInstant(new Date(v.meeting.originalStart), locale) : undefined;
  const moved = from ? ` ${say('agenda.status.moved', { from })}` : '';
  if (v.stage === 'lastCall') return { text: say('agenda.status.lastCall', { when: at }) + moved, style: 'warning' };
  return { text: say(v.stage === 'call' ? 'agenda.status.call' : 'agenda.status.open', { when: at }) + moved, style: 'emphasis' };
}

function topicDetail(say: Say, t: Topic, viewer?: AgendaViewer): string {
  return [
    say('agenda.topicBy', { name: esc(t.authorName) }),
    t.committee ? say('agenda.topicCommittee', { committee: esc(t.committee) }) : '',
    t.movedFrom ? say('agenda.topicMoved') : '',
    viewer && t.authorId === viewer.personId ? say('agenda.yours') : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * The agenda is shown in pages that each fit the card budget, whatever the topics say: a page holds as
 * many topics as fit in 90 % of the budget (the rest is margin for what the estimate leaves out), so a
 * usual agenda is one page and 100 topics of the longest, most escaped text are several. The estimate is
 * each topic's data as JSON plus the template's own JSON around it.
 */
const PAGE_CHARS = Math.floor((CARD_BUDGET_BYTES / 2) * 0.9);
/** The template's JSON around one topic's data (its Container, TextBlocks and ActionSet), generously. */
const TOPIC_TEMPLATE_CHARS = 450;

export interface AgendaView {
  meeting: Meeting;
  agenda: Agenda | undefined;
  next?: Meeting | undefined;
  mode: AgendaMode;
  now: Date;
  /** Which page (1-based) of a long agenda; the last one when past it. */
  page?: number | undefined;
}

/** Splits items, in order, into pages whose estimated size stays within `room` (a page takes at least one item). */
function paginate<T>(items: readonly T[], sizeOf: (item: T) => number, room: number): T[][] {
  const pages: T[][] = [];
  let page: T[] = [];
  let used = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (page.length > 0 && used + size > room) {
      pages.push(page);
      page = [];
      used = 0;
    }
    page.push(item);
    used += size;
  }
  if (page.length > 0 || pages.length === 0) pages.push(page);
  return pages;
}

/** The agenda card: shared, final or one person's view; a long agenda's given page, with buttons to the others. */
export function agendaCard(locale: Locale, v: AgendaView): CardJson {
  return agendaPages(locale, v)[0]!;
}

/**
 * The final agenda as it is posted at the start: every topic with its title and why, in order, in as
 * many messages as it takes to keep each under the card budget, numbered "(1/3)" when more than one.
 */
export function finalAgendaCards(locale: Locale, v: Omit<AgendaView, 'mode' | 'page'>): CardJson[] {
  return agendaPages(locale, { ...v, mode: { kind: 'final' } }, true);
}

/** The wanted page of the agenda (one card), or with `everyPage` all of them in order. */
function agendaPages(locale: Locale, v: AgendaView, everyPage = false): CardJson[] {
  const say = sayIn(locale);
  const open = agendaIsOpen(v.meeting, v.agenda, v.now);
  const meetingId = { meetingId: v.meeting.id };
  const viewer = v.mode.kind === 'personal' ? v.mode.viewer : undefined;
  const topics = orderedTopics(v.agenda);
  const final = v.mode.kind === 'final';
  const pickable = (t: Topic) => Boolean(viewer?.admin && open && t.authorId !== viewer.personId);
  const entries = topics.map((t, i) => ({
    t,
    number: i + 1,
    item: {
      line: say('agenda.topicLine', { number: i + 1, title: esc(t.title) }),
      detail: topicDetail(say, t, viewer),
      why: final ? esc(excerpt(t.why)) : '',
      // Buttons on the viewer's own topics; the secretary picks any topic from the list below instead (a card stays small).
      actions:
        viewer && open && t.authorId === viewer.personId
          ? [button('topic.edit', say('button.editTopic'), { ...meetingId, topicId: t.id }), button('topic.withdrawAsk', say('button.withdrawTopic'), { ...meetingId, topicId: t.id }, 'destructive')]
          : [],
    },
    choice: pickable(t) ? { title: `${i + 1}. ${t.title} (${t.authorName})`, value: t.id } : undefined,
  }));

  const actions: Button[] = [];
  if (open && (v.mode.kind === 'shared' || viewer?.canAdd)) actions.push(button('topic.new', say('button.addTopic'), meetingId, 'positive'));
  const stage = v.mode.kind === 'final' ? undefined : v.mode.stage;
  const refreshData = stage ? { ...meetingId, stage } : meetingId;
  if (v.mode.kind !== 'final' && (open || viewer)) actions.push(button('agenda.show', say('button.refreshAgenda'), refreshData));
  if (viewer?.admin) actions.push(button('agenda.text', say('button.agendaText'), meetingId));
  if (viewer && v.next) actions.push(button('agenda.show', say('button.nextAgenda'), { meetingId: v.next.id }));

  const note = [
    final && topics.length > 0 ? say('agenda.final.order') : '',
    v.next && open === false && v.meeting.status !== 'cancelled' ? say('agenda.next', { when: when(v.next, locale) }) : '',
    viewer?.admin && open ? say('agenda.adminNote') : '',
  ]
    .filter(Boolean)
    .join(' ');
  // A reader who cannot add topics (someone in the channel who is not on the Byråd) is not urged to.
  const wording = v.mode.kind === 'final' || (viewer && !viewer.canAdd) ? undefined : v.mode.stage;
  const status = statusLine(say, locale, { ...v, open, final, stage: wording });
  // An extra dialogmøde an admin added goes by its own title.
  const name = v.meeting.added ? esc(v.meeting.title) : say('agenda.dialogmoede');
  const title = say(final ? 'agenda.final.title' : 'agenda.title', { name, when: when(v.meeting, locale) });
  const pickActions = [button('topic.edit', say('button.editPicked'), meetingId), button('topic.withdrawAsk', say('button.withdrawPicked'), meetingId, 'destructive')];

  const render = (onPage: typeof entries, at: { page: number; of: number }) => {
    const parts = MEETING_PARTS.map((part) => ({
      heading: say(`agenda.part.${part}`),
      topics: onPage.filter(({ t }) => t.part === part).map(({ item }) => item),
      none: say('agenda.partEmpty'),
    }))
      // On one of several pages, a part with no topics on it is left out: it may have some on another page.
      .filter((p) => at.of === 1 || p.topics.length > 0);
    const choices = onPage.flatMap(({ choice }) => (choice ? [choice] : []));
    const first = onPage[0]?.number ?? 0;
    const last = onPage.at(-1)?.number ?? 0;
    const paging = at.of > 1;
    const pager = paging && !final
      ? [
          ...(at.page > 1 ? [button('agenda.show', say('button.previousPage'), { ...refreshData, page: String(at.page - 1) })] : []),
          ...(at.page < at.of ? [button('agenda.show', say('button.nextPage'), { ...refreshData, page: String(at.page + 1) })] : []),
        ]
      : [];
    const card = renderCard('agenda', {
      kicker: say('agenda.kicker'),
      title: paging ? say('agenda.pageTitle', { title, page: at.page, pages: at.of }) : title,
      status: status.text,
      statusStyle: status.style,
      empty: say(open ? 'agenda.empty' : 'agenda.emptyFinal'),
      parts: topics.length > 0 ? parts : [],
      pageNote: paging ? say('agenda.pageNote', { first, last, count: topics.length, page: at.page, pages: at.of }) : '',
      pager,
      adminPick: {
        show: choices.length > 0,
        label: say('agenda.adminPick'),
        placeholder: say('agenda.adminPickPlaceholder'),
        error: say('agenda.adminPickError'),
        choices,
        actions: pickActions,
      },
      note,
      actions,
    });
    // While open, Teams turns the shared card into each reader's own view (in a chat of under 60 people, for everyone).
    if (v.mode.kind !== 'shared' || !open) return card;
    return { ...card, refresh: { action: { type: 'Action.Execute', verb: 'agenda.show', data: refreshData } } };
  };

  // What every page carries besides its topics, measured on a page without any (pager and page note included).
  const frame = JSON.stringify(render([], { page: 2, of: 3 })).length;
  const sizeOf = (e: (typeof entries)[number]) => JSON.stringify(e.item).length + TOPIC_TEMPLATE_CHARS + (e.choice ? JSON.stringify(e.choice).length + 40 : 0);
  const pages = paginate(entries, sizeOf, PAGE_CHARS - frame);
  const wanted = Math.min(Math.max(Math.trunc(v.page ?? 1), 1), pages.length);
  return everyPage ? pages.map((p, i) => render(p, { page: i + 1, of: pages.length })) : [render(pages[wanted - 1]!, { page: wanted, of: pages.length })];
}

// ---- the topic form ----

export interface TopicFormValues {
  title: string;
  why: string;
  /** '1' | '2' | '' */
  part: string;
  committee: string;
}

const FORM_KEYS = ['title', 'why', 'part', 'committee'] as const;

export function topicFormValuesFrom(raw: Record<string, unknown>): TopicFormValues {
  const s = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
  return Object.fromEntries(FORM_KEYS.map((k) => [k, s(Object.hasOwn(raw, k) ? raw[k] : undefined)])) as unknown as TopicFormValues;
}

export const topicFormValuesOf = (t: Topic): TopicFormValues => ({ title: t.title, why: t.why, part: String(t.part), committee: t.committee ?? '' });

const GENERIC: Record<FieldError['code'], TextKey> = {
  REQUIRED: 'fieldError.REQUIRED',
  TOO_LONG: 'fieldError.TOO_LONG',
  INVALID: 'fieldError.INVALID',
  IN_PAST: 'fieldError.INVALID',
  NOT_EXISTING_TIME: 'fieldError.INVALID',
  UNKNOWN_CHOICE: 'fieldError.UNKNOWN_CHOICE',
  NOT_A_NUMBER: 'fieldError.INVALID',
  NOT_WHOLE: 'fieldError.INVALID',
  NOT_POSITIVE: 'fieldError.INVALID',
};

function topicErrors(locale: Locale, errors: readonly FieldError<TopicField>[], values: TopicFormValues): Record<TopicField, string> {
  const out: Record<TopicField, string> = { title: '', why: '', part: '', committee: '' };
  for (const e of errors) {
    const specific = `fieldError.${e.code}.${e.field}`;
    out[e.field] = text(locale, isTextKey(specific) ? specific : GENERIC[e.code], { limit: e.limit === undefined ? '' : charCount(locale, e.limit), length: charCount(locale, values[e.field].trim().length) });
  }
  return out;
}

export function topicFormCard(
  locale: Locale,
  v: {
    meeting: Meeting;
    submissionId?: string | undefined;
    topicId?: string | undefined;
    /** An admin editing someone else's topic: whose it is. */
    authorName?: string | undefined;
    values: TopicFormValues;
    errors: readonly FieldError<TopicField>[];
  },
): CardJson {
  const say = sayIn(locale);
  const at = meetingWhen(v.meeting, locale);
  const send = v.topicId
    ? button('topic.save', say('button.saveTopic'), { meetingId: v.meeting.id, topicId: v.topicId }, 'positive')
    : button('topic.submit', say('button.sendTopic'), { meetingId: v.meeting.id, submissionId: v.submissionId ?? '' }, 'positive');
  return renderCard('topic-form', {
    kicker: say('topicForm.kicker'),
    heading: v.authorName
      ? say('topicForm.editOthersHeading', { when: at, whose: esc(possessive(locale, v.authorName)) })
      : say(v.topicId ? 'topicForm.editHeading' : 'topicForm.newHeading', { when: at }),
    intro: say('topicForm.intro'),
    summary: v.errors.length > 0 ? say('topicForm.summary') : '',
    labels: {
      title: withLimit(locale, say('topicForm.title'), TOPIC_LIMITS.title),
      why: withLimit(locale, say('topicForm.why'), TOPIC_LIMITS.why),
      whyPlaceholder: say('topicForm.whyPlaceholder'),
      part: say('topicForm.part'),
      committee: say('topicForm.committee'),
      committeePlaceholder: say('topicForm.committeePlaceholder'),
    },
    values: v.values,
    errors: topicErrors(locale, v.errors, v.values),
    parts: MEETING_PARTS.map((p) => ({ title: say(`agenda.part.${p}`), value: String(p) })),
    committees: COMMITTEES.map((c) => ({ title: c, value: c })),
    actions: [send, button('agenda.show', say('button.undo'), { meetingId: v.meeting.id })],
  });
}

// ---- receipts and refusals: the short message template ----

const message = (heading: string, style: ContainerStyle, lines: Line[], echo: { label: string; value: string }[], echoHeading: string, actions: Button[]) =>
  messageCard({ heading, style, lines, echo, echoHeading, actions });

function topicEcho(locale: Locale, values: TopicFormValues): { label: string; value: string }[] {
  const say = sayIn(locale);
  const part = values.part === '1' || values.part === '2' ? say(`agenda.part.${values.part}`) : values.part;
  return shownBackFields(
    locale,
    [
      { label: say('topic.fact.title'), value: values.title, max: SHOWN_BACK.title },
      { label: say('topic.fact.why'), value: values.why },
      { label: say('topic.fact.part'), value: part, max: SHOWN_BACK.title },
      { label: say('topic.fact.committee'), value: values.committee, max: SHOWN_BACK.title },
    ].filter((e) => e.value.trim() !== ''),
  );
}

export function topicReceiptCard(
  locale: Locale,
  v: {
    topic: Topic;
    meeting: Meeting;
    change: 'added' | 'edited' | 'withdrawn' | 'moved';
    cancelled?: Meeting | undefined;
    open: boolean;
    /** To the author: the admin who made the change. */
    changedBy?: string | undefined;
    /** To an admin who changed someone else's topic. */
    othersTopic?: boolean | undefined;
  },
): CardJson {
  const say = sayIn(locale);
  const meetingId = { meetingId: v.meeting.id };
  const params = { when: meetingWhen(v.meeting, locale), cancelled: v.cancelled ? meetingWhen(v.cancelled, locale) : '', whose: esc(possessive(locale, v.topic.authorName)) };
  const heading = v.othersTopic && v.change !== 'moved' ? say(`topic.receipt.others.${v.change}`, params) : say(`topic.receipt.${v.change}`, params);
  const lines: Line[] = v.changedBy ? [{ text: say('topic.receipt.byAdmin', { name: esc(v.changedBy) }), color: 'Default' }] : [];
  const changeable = v.open && v.topic.status === 'active';
  return messageCard({
    heading,
    style: v.change === 'withdrawn' ? 'emphasis' : 'good',
    lines,
    echo: topicEcho(locale, topicFormValuesOf(v.topic)),
    echoHeading: say('topic.receipt.echoHeading'),
    // The topic as it stands on the agenda, in the card's own font: monospace is for text shown back to copy.
    echoFont: 'Default',
    actions: [
      ...(changeable
        ? [button('topic.edit', say('button.editTopic'), { ...meetingId, topicId: v.topic.id }), button('topic.withdrawAsk', say('button.withdrawTopic'), { ...meetingId, topicId: v.topic.id }, 'destructive')]
        : []),
      button('agenda.show', say('button.seeAgenda'), meetingId),
    ],
  });
}

/** submit / edit: the person typed something; editPressed / withdraw: they pressed a button on the topic. */
export type LateAction = 'submit' | 'edit' | 'editPressed' | 'withdraw';

const LATE_TEXT = {
  locked: { submit: 'topic.late.locked', edit: 'topic.late.lockedEdit', editPressed: 'topic.late.lockedEditPressed', withdraw: 'topic.late.lockedWithdraw' },
  cancelled: { submit: 'topic.late.cancelled', edit: 'topic.late.cancelledChange', editPressed: 'topic.late.cancelledChange', withdraw: 'topic.late.cancelledChange' },
} as const satisfies Record<string, Record<LateAction, TextKey>>;

/**
 * A topic, edit or withdrawal that came after the start (or for a cancelled meeting): what the person
 * wrote is shown back, and a new topic or an edit can go on the next dialogmøde with one press.
 */
export function topicLateCard(
  locale: Locale,
  v: { meeting: Meeting; reason: 'locked' | 'cancelled'; action: LateAction; values: TopicFormValues; next?: Meeting | undefined; submissionId: string },
): CardJson {
  const say = sayIn(locale);
  const typed = v.action === 'submit' || v.action === 'edit';
  // A new topic, or an edit typed after the start, can go on the next meeting; a cancelled meeting's topics are already there.
  const offerNext = v.action === 'submit' || (v.action === 'edit' && v.reason === 'locked');
  // The button carries the topic to the next meeting in its data: only a topic within the limits, so a card stays small.
  const fits = v.values.title.trim().length <= TOPIC_LIMITS.title && v.values.why.trim().length <= TOPIC_LIMITS.why && v.values.committee.trim().length <= TOPIC_LIMITS.committee;
  const nextLine = !v.next ? 'topic.late.noNext' : fits ? 'topic.late.putOnNext' : 'topic.late.tooLongForNext';
  const lines: Line[] = offerNext ? [{ text: say(nextLine, { title: charCount(locale, TOPIC_LIMITS.title), why: charCount(locale, TOPIC_LIMITS.why) }), color: 'Default' }] : [];
  const actions = [
    ...(offerNext && v.next && fits
      ? [
          button(
            'topic.submit',
            say('button.putOnNext', { when: meetingWhen(v.next, locale, false) }),
            { meetingId: v.next.id, submissionId: v.submissionId, title: v.values.title, why: v.values.why, part: v.values.part, committee: v.values.committee },
            'positive',
          ),
        ]
      : []),
    button('agenda.show', say('button.seeAgenda'), { meetingId: v.meeting.id }),
  ];
  const echoHeading = say(typed ? 'topic.late.echoHeading' : 'topic.receipt.echoHeading');
  return message(say(LATE_TEXT[v.reason][v.action], { when: meetingWhen(v.meeting, locale) }), 'attention', lines, topicEcho(locale, v.values), echoHeading, actions);
}

/** A short answer about the agenda (a refusal, "sent to you 1:1") that leads back to it instead of ending there. */
export function agendaNoticeCard(
  locale: Locale,
  v: { text: string; style: 'attention' | 'good'; meetingId?: string | undefined; values?: TopicFormValues | undefined; input?: string | undefined },
): CardJson {
  const say = sayIn(locale);
  const echo = v.values ? topicEcho(locale, v.values) : v.input?.trim() ? [{ label: say('error.yourInput'), value: shownBack(locale, v.input) }] : [];
  return message(v.text, v.style, [], echo, echo.length > 0 ? say('topic.late.echoHeading') : '', [button('agenda.show', say('button.seeAgenda'), v.meetingId ? { meetingId: v.meetingId } : {})]);
}

// ---- the agenda as text, for the minutes ----

/** Markdown that reads well as plain text: a heading, the status, each part with its numbered topics and their why. */
export function agendaText(locale: Locale, v: { meeting: Meeting; agenda: Agenda | undefined; now: Date }): string {
  const say = sayIn(locale);
  const open = agendaIsOpen(v.meeting, v.agenda, v.now);
  const status = v.meeting.status === 'cancelled' || v.agenda?.status === 'cancelled' ? 'cancelled' : open ? 'open' : 'locked';
  const topics = orderedTopics(v.agenda);
  const out = [`# ${say('agenda.text.heading', { when: meetingWhen(v.meeting, locale, false) })}`, '', say(`agenda.text.status.${status}`)];
  let number = 0;
  for (const part of MEETING_PARTS) {
    out.push('', `## ${say(`agenda.part.${part}`)}`, '');
    const inPart = topics.filter((t) => t.part === part);
    if (inPart.length === 0) out.push(say('agenda.text.none'));
    for (const t of inPart) {
      number++;
      const by = [say('agenda.text.by', { name: t.authorName }), t.committee ? say('agenda.topicCommittee', { committee: t.committee }) : ''].filter(Boolean).join(' · ');
      out.push(`${number}. ${t.title}`, `   ${by}`, ...t.why.split('\n').map((l) => `   ${l}`), '');
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

/** The agenda's notices: the shared card, the final agenda (as many cards as it takes), the text for the minutes, a topic's receipt. */
export const agendaNoticeViews: Pick<NoticeViews, 'agenda.card' | 'agenda.final' | 'agenda.text' | 'topic.receipt'> = {
  'agenda.card': (locale, n, now) => oneCard(agendaCard(locale, { meeting: n.meeting, agenda: n.agenda, next: n.next, mode: { kind: 'shared', stage: n.stage }, now })),
  'agenda.final': (locale, n, now) => ({ cards: finalAgendaCards(locale, { meeting: n.meeting, agenda: n.agenda, now }) }),
  'agenda.text': (_locale, n) => ({ text: n.text }),
  'topic.receipt': (locale, n, now) =>
    oneCard(topicReceiptCard(locale, { topic: n.topic, meeting: n.meeting, change: n.change, cancelled: n.cancelled, open: agendaIsOpen(n.meeting, undefined, now), changedBy: n.changedBy })),
};
