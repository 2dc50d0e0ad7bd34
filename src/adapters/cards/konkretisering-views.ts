// Views for stage 2, the konkretisering: the manager's ask form, the 1:1 card to the bidder and the
// co-bidders (the request, the questions, the deadline and the answer form), the receipt and the late
// refusal, the group chat's notice, and the konkretisering's part of the bid detail card. Everything a
// person typed is escaped; long answers are cut on the detail and one press away in full.

import { PARTY_ROLES, type Bid, type PartyRole } from '../../domain/bid.js';
import type { Konkretisering } from '../../domain/konkretisering.js';
import { ANSWER_FIELDS, KONKRETISERING_LIMITS as L, QUESTION_FIELDS, stateOf, type AnswerField, type RequestField } from '../../domain/konkretisering-rules.js';
import type { FieldError, Tender } from '../../domain/tender.js';
import { localParts } from '../../domain/time.js';
import { text, type Locale } from '../i18n/text.js';
import { button, messageCard, sayIn, shownBackFields, withLimit, type Button, type Say } from './card-parts.js';
import type { NoticeViews } from './notice-views.js';
import { oneCard } from './notice-views.js';
import { escapeMarkdown as esc, excerpt, renderCard, type CardJson } from './render-card.js';
import { at, bidNo, fieldErrors, money, ROLE_INPUT } from './tender-card-parts.js';

// ---- the manager's ask form ----

export type AskValues = Record<'deadlineDate' | 'deadlineTime' | (typeof QUESTION_FIELDS)[number], string>;

export function askValuesFrom(raw: Record<string, unknown>): AskValues {
  const s = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : '');
  return { deadlineDate: s('deadlineDate'), deadlineTime: s('deadlineTime'), ...(Object.fromEntries(QUESTION_FIELDS.map((q) => [q, s(q)])) as Record<(typeof QUESTION_FIELDS)[number], string>) };
}

/** A fresh form: the open request as it stands, or a deadline two weeks out at noon. */
export function askValuesOf(bid: Bid, now: Date): AskValues {
  const k = bid.konkretisering;
  const d = localParts(k ? new Date(k.request.deadline) : new Date(now.getTime() + 14 * 24 * 3600_000));
  return { deadlineDate: d.date, deadlineTime: k ? d.time : '12:00', ...(Object.fromEntries(QUESTION_FIELDS.map((q, i) => [q, k?.request.questions[i] ?? ''])) as Record<(typeof QUESTION_FIELDS)[number], string>) };
}

const REQUEST_FIELDS: readonly RequestField[] = ['deadline', ...QUESTION_FIELDS];

export function askFormCard(locale: Locale, v: { tender: Tender; bid: Bid; values: AskValues; errors: readonly FieldError<RequestField>[] }): CardJson {
  const say = sayIn(locale);
  const errors = fieldErrors(locale, REQUEST_FIELDS, v.errors, (f) => (f === 'deadline' ? '' : v.values[f]));
  const open = v.bid.konkretisering;
  return renderCard('konkretisering-ask', {
    kicker: say('konk.ask.kicker', { number: bidNo(v.bid), tender: esc(v.tender.title) }),
    title: esc(v.bid.title),
    intro: say('konk.ask.intro', { bidder: esc(v.bid.bidderName), co: coBidderNames(say, v.bid) }),
    notice: open ? say(open.status === 'answered' ? 'konk.ask.noticeAnswered' : 'konk.ask.noticeOpen', { deadline: at(open.request.deadline, locale) }) : '',
    summary: v.errors.length > 0 ? say('konk.ask.summary') : '',
    labels: { deadlineDate: say('konk.ask.deadlineDate'), deadlineTime: say('konk.ask.deadlineTime'), questions: say('konk.ask.questions') },
    values: v.values,
    errors,
    questions: QUESTION_FIELDS.map((q, i) => ({ id: q, label: withLimit(locale, say('konk.ask.question', { n: i + 1 }), L.question), value: v.values[q], error: errors[q] })),
    actions: [button('konkretisering.request', say(open ? 'konk.ask.sendChange' : 'konk.ask.send'), { bidId: v.bid.id }, 'positive'), button('tender.bid', say('button.backToBid'), { bidId: v.bid.id })],
  });
}

function coBidderNames(say: Say, bid: Bid): string {
  const names = (bid.coBidderIds ?? []).map((c) => esc(excerpt(c.name, 100)));
  return names.length ? say('konk.ask.withCo', { names: names.join(', ') }) : '';
}

export function requestDoneCard(locale: Locale, tender: Tender, bid: Bid, change: 'requested' | 'changed' | 'unchanged', told: number): CardJson {
  const say = sayIn(locale);
  const k = bid.konkretisering!;
  return messageCard({
    heading: say(change === 'requested' ? 'konk.done.requested' : change === 'changed' ? 'konk.done.changed' : 'konk.done.unchanged'),
    style: 'good',
    lines: [
      { text: say('konk.done.text', { number: bidNo(bid), title: esc(bid.title), bidder: esc(bid.bidderName), count: told, deadline: at(k.request.deadline, locale) }), color: 'Default' },
      ...k.request.questions.map((q, i) => ({ text: `${i + 1}. ${esc(q)}`, color: 'Default' as const })),
    ],
    actions: [button('tender.bid', say('button.backToBid'), { bidId: bid.id }), button('tender.bids', say('button.backToBids'), { tenderId: tender.id })],
  });
}

// ---- the bidder's 1:1 card ----

export type AnswerValues = Record<string, string>;

const MONEY_FIELDS = ['oneOffKr', 'yearlyKr', 'cofinancingKr'] as const;

export function answerValuesFrom(raw: Record<string, unknown>): AnswerValues {
  const keys = ['kompetencer', 'organisering', ...MONEY_FIELDS, 'staff', 'cofinancingText', ...PARTY_ROLES.map((r) => ROLE_INPUT[r]), ...ANSWER_FIELDS];
  return Object.fromEntries(keys.map((k) => [k, typeof raw[k] === 'string' ? (raw[k] as string) : typeof raw[k] === 'number' ? String(raw[k]) : '']));
}

/** The form filled in with the last answer, or the bid's own roles when there is none yet. */
export function answerValuesOf(bid: Bid): AnswerValues {
  const a = bid.konkretisering?.answer;
  const roles = (a?.partyRoles ?? bid.partyRoles) as Partial<Record<PartyRole, string>>;
  const kr = (n: number | undefined) => (n === undefined ? '' : String(n));
  return {
    kompetencer: a?.kompetencer ?? '',
    organisering: a?.organisering ?? '',
    oneOffKr: kr(a?.oneOffKr),
    yearlyKr: kr(a?.yearlyKr),
    cofinancingKr: kr(a?.cofinancingKr),
    staff: a?.staff ?? '',
    cofinancingText: a?.cofinancingText ?? '',
    ...Object.fromEntries(PARTY_ROLES.map((r) => [ROLE_INPUT[r], roles[r] ?? ''])),
    ...Object.fromEntries(ANSWER_FIELDS.map((f, i) => [f, a?.answers[i] ?? ''])),
  };
}

const ANSWER_ERROR_FIELDS: readonly AnswerField[] = ['kompetencer', 'organisering', ...MONEY_FIELDS, 'staff', 'cofinancingText', ...PARTY_ROLES.map((r) => `role.${r}` as const), ...ANSWER_FIELDS];
const inputOf = (f: AnswerField): string => (f.startsWith('role.') ? ROLE_INPUT[f.slice(5) as PartyRole] : f);

export function answerFormCard(
  locale: Locale,
  v: { tender: Tender; bid: Bid; values: AnswerValues; errors: readonly FieldError<AnswerField>[]; reminder?: '2d' | '2h' | undefined; notice?: string | undefined },
): CardJson {
  const say = sayIn(locale);
  const k = v.bid.konkretisering!;
  const errors = fieldErrors(locale, ANSWER_ERROR_FIELDS, v.errors, (f) => v.values[inputOf(f)] ?? '');
  const field = (f: AnswerField, label: string, multiline: boolean, question = '') => ({ id: inputOf(f), label, multiline, value: v.values[inputOf(f)] ?? '', error: errors[f], question });
  const notice = v.notice ?? (v.reminder ? say(v.reminder === '2d' ? 'konk.form.reminder2d' : 'konk.form.reminder2h', { deadline: at(k.request.deadline, locale) }) : '');
  return renderCard('konkretisering-form', {
    kicker: say('konk.form.kicker', { group: esc(v.tender.groupName) }),
    title: say('konk.form.title', { number: bidNo(v.bid), title: esc(v.bid.title) }),
    notice,
    noticeStyle: v.notice ? 'attention' : 'emphasis',
    intro: say('konk.form.intro', { group: esc(v.tender.groupName) }),
    facts: [
      { title: say('konk.fact.deadline'), value: at(k.request.deadline, locale) },
      { title: say('konk.fact.tender'), value: esc(v.tender.title) },
      { title: say('konk.fact.askedBy'), value: esc(k.request.askedByName) },
      ...(k.answer ? [{ title: say('konk.fact.lastAnswer'), value: say('konk.fact.answeredBy', { name: esc(k.answer.answeredByName), at: at(k.answer.answeredAt, locale) }) }] : []),
    ],
    bidExcerpt: esc(excerpt(v.bid.description, 400)),
    summary: v.errors.length > 0 ? say('konk.form.summary') : '',
    groups: [
      { heading: say('konk.group.kompetencer'), fields: [field('kompetencer', withLimit(locale, say('konk.field.kompetencer'), L.kompetencer), true)] },
      { heading: say('konk.group.organisering'), fields: [field('organisering', withLimit(locale, say('konk.field.organisering'), L.organisering), true)] },
      {
        heading: say('konk.group.oekonomi'),
        fields: [
          field('oneOffKr', say('konk.field.oneOffKr'), false),
          field('yearlyKr', say('konk.field.yearlyKr'), false),
          field('staff', withLimit(locale, say('konk.field.staff'), L.staff), false),
          field('cofinancingKr', say('konk.field.cofinancingKr'), false),
          field('cofinancingText', withLimit(locale, say('konk.field.cofinancingText'), L.cofinancingText), true),
        ],
      },
      { heading: say('konk.group.roles'), fields: PARTY_ROLES.map((r) => field(`role.${r}`, withLimit(locale, say(`bidForm.role.${r}`), L.partyRole), true)) },
      ...(k.request.questions.length
        ? [{ heading: say('konk.group.questions'), fields: k.request.questions.map((q, i) => field(ANSWER_FIELDS[i]!, withLimit(locale, say('konk.field.answer', { n: i + 1 }), L.answer), true, `${i + 1}. ${esc(q)}`)) }]
        : []),
    ],
    actions: [button('konkretisering.answer', say(k.answer ? 'konk.form.sendAgain' : 'konk.form.send'), { bidId: v.bid.id, version: k.request.version }, 'positive')],
  });
}

export function answerReceiptCard(locale: Locale, tender: Tender, bid: Bid, change: 'answered' | 'changed'): CardJson {
  const say = sayIn(locale);
  const k = bid.konkretisering!;
  return messageCard({
    heading: say(change === 'answered' ? 'konk.receipt.answered' : 'konk.receipt.changed'),
    style: 'good',
    lines: [{ text: say('konk.receipt.text', { number: bidNo(bid), title: esc(bid.title), group: esc(tender.groupName), deadline: at(k.request.deadline, locale) }), color: 'Default' }],
    actions: [button('konkretisering.open', say('konk.button.edit'), { bidId: bid.id })],
  });
}

/** A send after the deadline: refused, with everything they wrote shown back to copy. */
export function lateAnswerCard(locale: Locale, tender: Tender, bid: Bid, values: AnswerValues): CardJson {
  const say = sayIn(locale);
  const k = bid.konkretisering!;
  const labelled = [
    { label: say('konk.field.kompetencer'), value: values.kompetencer ?? '', max: L.kompetencer },
    { label: say('konk.field.organisering'), value: values.organisering ?? '', max: L.organisering },
    { label: say('konk.field.oneOffKr'), value: values.oneOffKr ?? '' },
    { label: say('konk.field.yearlyKr'), value: values.yearlyKr ?? '' },
    { label: say('konk.field.staff'), value: values.staff ?? '' },
    { label: say('konk.field.cofinancingKr'), value: values.cofinancingKr ?? '' },
    { label: say('konk.field.cofinancingText'), value: values.cofinancingText ?? '' },
    ...PARTY_ROLES.map((r) => ({ label: say(`bidForm.role.${r}`), value: values[ROLE_INPUT[r]] ?? '' })),
    ...ANSWER_FIELDS.map((f, i) => ({ label: say('konk.field.answer', { n: i + 1 }), value: values[f] ?? '' })),
  ].filter((f) => f.value.trim() !== '');
  return messageCard({
    heading: say('konk.late.heading'),
    style: 'attention',
    lines: [{ text: say('konk.late.text', { deadline: at(k.request.deadline, locale), group: esc(tender.groupName), title: esc(bid.title) }), color: 'Attention' }],
    echoHeading: labelled.length ? say('konk.late.echo') : '',
    echo: shownBackFields(locale, labelled),
  });
}

// ---- the group's chat ----

export function answeredNoticeCard(locale: Locale, tender: Tender, bid: Bid, change: 'answered' | 'changed'): CardJson {
  const say = sayIn(locale);
  const a = bid.konkretisering!.answer!;
  return messageCard({
    heading: say(change === 'answered' ? 'konk.chat.answered' : 'konk.chat.changed'),
    style: 'emphasis',
    lines: [{ text: say('konk.chat.text', { number: bidNo(bid), title: esc(bid.title), tender: esc(tender.title), name: esc(a.answeredByName), at: at(a.answeredAt, locale) }), color: 'Default' }],
    actions: [button('tender.bid', say('button.details'), { bidId: bid.id })],
  });
}

export const konkretiseringNoticeViews: Pick<NoticeViews, 'konkretisering.request' | 'konkretisering.answered'> = {
  'konkretisering.request': (locale, n) => oneCard(answerFormCard(locale, { tender: n.tender, bid: n.bid, values: answerValuesOf(n.bid), errors: [], reminder: n.reminder })),
  'konkretisering.answered': (locale, n) => oneCard(answeredNoticeCard(locale, n.tender, n.bid, n.change)),
};

// ---- the bid detail's part ----

export const KONKRETISERING_TEXT_FIELDS = ['kompetencer', 'organisering', 'cofinancingText', ...PARTY_ROLES.map((r) => `role.${r}` as const), ...ANSWER_FIELDS] as const;
export type KonkretiseringTextField = (typeof KONKRETISERING_TEXT_FIELDS)[number];

/** The JSON characters the answer's texts may take on the bid detail together; the rest is one press away. */
const DETAIL_ANSWER_CHARS = 8_000;

function answerTexts(say: Say, k: Konkretisering): { field: KonkretiseringTextField; heading: string; value: string }[] {
  const a = k.answer;
  if (!a) return [];
  return [
    { field: 'kompetencer' as const, heading: say('konk.group.kompetencer'), value: a.kompetencer },
    { field: 'organisering' as const, heading: say('konk.group.organisering'), value: a.organisering },
    { field: 'cofinancingText' as const, heading: say('konk.field.cofinancingText'), value: a.cofinancingText },
    ...PARTY_ROLES.map((r) => ({ field: `role.${r}` as const, heading: say(`bidForm.role.${r}`), value: a.partyRoles[r] ?? '' })),
    ...k.request.questions.map((q, i) => ({ field: ANSWER_FIELDS[i]!, heading: `${i + 1}. ${esc(excerpt(q, 200))}`, value: a.answers[i] ?? '' })),
  ].filter((t) => t.value !== '');
}

/**
 * The konkretisering on the bid detail card, for the group's members: asked (deadline, questions),
 * answered (the answer, long texts cut with "Læs hele"), or late (not answered by its deadline); and
 * for the group's managers the button to ask (or change the request).
 */
export function konkretiseringSection(locale: Locale, bid: Bid, v: { now: Date; manages: boolean; askable: boolean }): { section: object[]; actions: Button[] } {
  const say = sayIn(locale);
  const k = bid.konkretisering;
  const ask = v.manages && v.askable ? [button('konkretisering.ask', say(k ? 'konk.button.change' : 'konk.button.ask'), { bidId: bid.id })] : [];
  if (!k) return { section: [], actions: ask };
  const state = stateOf(k, v.now);
  const a = k.answer;
  const facts = [
    { title: say('konk.fact.state'), value: say(`konk.state.${state}`) },
    { title: say('konk.fact.deadline'), value: at(k.request.deadline, locale) },
    { title: say('konk.fact.askedBy'), value: esc(k.request.askedByName) },
    ...(a && state === 'answered'
      ? [
          { title: say('konk.fact.lastAnswer'), value: say('konk.fact.answeredBy', { name: esc(a.answeredByName), at: at(a.answeredAt, locale) }) },
          { title: say('konk.field.oneOffKr'), value: a.oneOffKr === undefined ? '–' : money(locale, a.oneOffKr) },
          { title: say('konk.field.yearlyKr'), value: a.yearlyKr === undefined ? '–' : money(locale, a.yearlyKr) },
          ...(a.staff ? [{ title: say('konk.field.staff'), value: esc(a.staff) }] : []),
          ...(a.cofinancingKr !== undefined ? [{ title: say('konk.field.cofinancingKr'), value: money(locale, a.cofinancingKr) }] : []),
        ]
      : []),
  ];
  const questions = state === 'answered' ? [] : k.request.questions.map((q, i) => ({ heading: say('konk.field.question', { n: i + 1 }), text: esc(q) }));
  const texts = state === 'answered' ? answerTexts(say, k) : [];
  const shown = shownBackFields(locale, texts.map((t) => ({ label: t.heading, value: t.value, max: t.value.length })), DETAIL_ANSWER_CHARS).map((s, i) => ({ ...texts[i]!, text: s.value }));
  const cut = shown.filter((s) => s.text !== esc(s.value));
  // In the section's own button row: the card's row holds the bid's buttons (Teams shows at most 5 in a row).
  const change = v.manages && v.askable ? [button('konkretisering.ask', say('konk.button.change'), { bidId: bid.id })] : [];
  return {
    section: [
      {
        heading: say('konk.section.heading'),
        facts,
        sections: [...questions, ...shown.map((s) => ({ heading: s.heading, text: s.text }))],
        actions: [...change, ...cut.slice(0, 4).map((s) => button('konkretisering.view', say('konk.button.readAll', { field: excerpt(s.heading, 40) }), { bidId: bid.id, field: s.field }))],
      },
    ],
    actions: [],
  };
}


/** One of the answer's texts, alone and in full (at most 4,000 characters, so it fits whatever it holds). */
export function konkretiseringTextCard(locale: Locale, tender: Tender, bid: Bid, field: KonkretiseringTextField): CardJson {
  const say = sayIn(locale);
  const texts = bid.konkretisering ? answerTexts(say, bid.konkretisering) : [];
  const i = texts.findIndex((t) => t.field === field);
  const found = texts[i];
  const next = i >= 0 ? texts[i + 1] : undefined;
  return messageCard({
    heading: say('konk.view.heading', { number: bidNo(bid), title: esc(bid.title) }),
    style: 'default',
    lines: found ? [{ text: `**${found.heading}**`, color: 'Default' }, { text: esc(found.value), color: 'Default' }] : [{ text: say('konk.view.none'), color: 'Default' }],
    // One text at a time (each fits the card whatever it holds), the next one a press away.
    actions: [
      ...(next ? [button('konkretisering.view', say('konk.button.readAll', { field: excerpt(next.heading, 40) }), { bidId: bid.id, field: next.field })] : []),
      button('tender.bid', say('button.backToBid'), { bidId: bid.id }),
      button('tender.bids', say('button.backToBids'), { tenderId: tender.id }),
    ],
  });
}

const HISTORY = { 'konkretisering.requested': 'konk.history.requested', 'konkretisering.requestChanged': 'konk.history.requestChanged', 'konkretisering.answered': 'konk.history.answered', 'konkretisering.answerChanged': 'konk.history.answerChanged' } as const;

/** The bid history's line for a konkretisering step; undefined for any other entry. */
export function konkretiseringHistoryText(locale: Locale, action: string, when: string): string | undefined {
  const key = (HISTORY as Record<string, (typeof HISTORY)[keyof typeof HISTORY]>)[action];
  return key ? text(locale, key, { at: when }) : undefined;
}
