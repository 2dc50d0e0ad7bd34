// Views for the konsekvensberegning: the request form and its answer, the økonomikonsulent's card (the bid
// and the figures' form), the saved answer, the notices to the bidder and the group, and the parts other
// views show: the state on the bid detail, the history lines and the digest lines.

import type { Bid } from '../../domain/bid.js';
import { KONSEKVENS_LIMITS, type KonsekvensField, type KonsekvensFieldError, type KonsekvensResult } from '../../domain/konsekvensberegning.js';
import { asText, type Tender } from '../../domain/tender.js';
import type { GroupDigest } from '../../app/ports.js';
import { isTextKey, text, type Locale, type TextKey } from '../i18n/text.js';
import { escapeMarkdown as esc, excerpt, renderCard, type CardJson } from './render-card.js';
import { oneCard, type NoticeViews } from './notice-views.js';
import { button, charCount, messageCard, sayIn, withLimit, type Button, type Line } from './card-parts.js';
import { at, bidForudsaetninger, bidNo, money } from './tender-card-parts.js';

/** A name as Teams gives it may be 256 characters; a card shows 100. */
const NAME_SHOWN = 100;
/** The activity's description on the økonomikonsulent's card: an excerpt; the whole bid is one press away for members. */
const DESCRIPTION_SHOWN = 1500;

const names = (people: readonly { name: string }[]) => people.map((p) => esc(excerpt(p.name, NAME_SHOWN))).join(', ');

/**
 * The bid as the økonomikonsulent (and the asker) sees it: title, number, bidder, an excerpt of the
 * description and the forudsætninger. The lead adds the konkretisering's part here at merge, so the
 * økonomikonsulent computes on the konkretisering's economy when there is one.
 */
/** The bidder's konkretisering, when there is an answer: what the figures are to be worked out from (each text bounded). */
function konkretiseringSections(locale: Locale, bid: Bid): { heading: string; text: string }[] {
  const a = bid.konkretisering?.answer;
  if (!a) return [];
  const say = sayIn(locale);
  const kr = (v: number | undefined) => (v === undefined ? '–' : money(locale, v));
  const economy = [
    `${say('konsekvens.konk.oneOff')}: ${kr(a.oneOffKr)}`,
    `${say('konsekvens.konk.yearly')}: ${kr(a.yearlyKr)}`,
    ...(a.staff ? [`${say('konsekvens.konk.staff')}: ${esc(excerpt(a.staff, 200))}`] : []),
    ...(a.cofinancingKr !== undefined || a.cofinancingText ? [`${say('konsekvens.konk.cofinancing')}: ${[a.cofinancingKr === undefined ? '' : money(locale, a.cofinancingKr), esc(excerpt(a.cofinancingText, 300))].filter(Boolean).join(' · ')}`] : []),
  ].join('\n\n');
  return [
    { heading: say('konsekvens.konk.kompetencer'), text: esc(excerpt(a.kompetencer, DESCRIPTION_SHOWN)) },
    { heading: say('konsekvens.konk.organisering'), text: esc(excerpt(a.organisering, DESCRIPTION_SHOWN)) },
    { heading: say('konsekvens.konk.economy'), text: economy },
  ];
}

export function konsekvensBidSummary(locale: Locale, t: Tender, bid: Bid) {
  const say = sayIn(locale);
  return {
    facts: [
      { title: say('konsekvens.fact.tender'), value: esc(excerpt(t.title, 200)) },
      { title: say('konsekvens.fact.bidder'), value: esc(excerpt(bid.bidderName, NAME_SHOWN)) },
    ],
    sections: [{ heading: say('konsekvens.form.description'), text: esc(excerpt(bid.description, DESCRIPTION_SHOWN)) }, ...konkretiseringSections(locale, bid)],
    forudsaetningerHeading: say('konsekvens.form.forudsaetninger'),
    forudsaetninger: bidForudsaetninger(locale, t, bid),
  };
}

const kicker = (locale: Locale, t: Tender) => text(locale, 'konsekvens.kicker', { group: esc(t.groupName) });
const bidHeading = (locale: Locale, bid: Bid) => text(locale, 'konsekvens.bidHeading', { number: bidNo(bid), title: esc(bid.title) });

function fieldErrorText(locale: Locale, e: KonsekvensFieldError, typed: string): string {
  const specific = `konsekvens.fieldError.${e.code}.${e.field}`;
  const limit = e.limit === undefined ? '' : e.code === 'TOO_LARGE' ? money(locale, e.limit) : charCount(locale, e.limit);
  return text(locale, isTextKey(specific) ? specific : (`konsekvens.fieldError.${e.code}` as TextKey), { limit, length: charCount(locale, typed.length), typed: esc(excerpt(typed, 40)) });
}

const errorAt = (locale: Locale, errors: readonly KonsekvensFieldError[], field: KonsekvensField, typed: string) =>
  errors
    .filter((e) => e.field === field)
    .map((e) => fieldErrorText(locale, e, typed))
    .join(' ');

/** Who asked and where the answer leads back to: a member to the bid's detail, the bidder to their bids. */
export type Asker = 'bidder' | 'member';
const backButton = (locale: Locale, bid: Bid, asker: Asker): Button =>
  asker === 'member' ? button('tender.bid', text(locale, 'konsekvens.button.backToBid'), { bidId: bid.id }) : button('bid.mine', text(locale, 'konsekvens.button.myBids'), {});

/** "Bed om konsekvensberegning": the bid, who will make it, and an optional question. */
export function konsekvensAskFormCard(
  locale: Locale,
  v: { tender: Tender; bid: Bid; oekonomikonsulenter: readonly { name: string }[]; asker: Asker; note?: string | undefined; error?: KonsekvensFieldError | undefined },
): CardJson {
  const say = sayIn(locale);
  const note = v.note ?? '';
  const summary = konsekvensBidSummary(locale, v.tender, v.bid);
  return renderCard('konsekvens-form', {
    kicker: kicker(locale, v.tender),
    heading: bidHeading(locale, v.bid),
    intro: say('konsekvens.askForm.intro', { names: names(v.oekonomikonsulenter) }),
    ...summary,
    // The asker knows the bid: the form shows its facts, not the whole text again.
    sections: [],
    forudsaetninger: [],
    summary: '',
    inputs: [
      {
        id: 'note',
        label: withLimit(locale, say('konsekvens.askForm.note'), KONSEKVENS_LIMITS.requestNote),
        placeholder: '',
        multiline: true,
        value: note,
        error: v.error ? fieldErrorText(locale, v.error, note) : '',
      },
    ],
    actions: [button('konsekvens.ask', say('konsekvens.button.send'), { bidId: v.bid.id }, 'positive'), backButton(locale, v.bid, v.asker)],
  });
}

/** The answer to a request: asked now, or asked already (nothing new sent). */
export function konsekvensAskedCard(locale: Locale, v: { bid: Bid; oekonomikonsulenter: readonly { name: string }[]; already: boolean; asker: Asker }): CardJson {
  const say = sayIn(locale);
  const request = v.bid.konsekvens?.request;
  const line: Line = v.already
    ? { text: say('konsekvens.already.line', { name: esc(excerpt(request?.byName ?? '', NAME_SHOWN)), at: request ? at(request.at, locale) : '', names: names(v.oekonomikonsulenter) }), color: 'Default' }
    : { text: say('konsekvens.asked.line', { names: names(v.oekonomikonsulenter), title: esc(v.bid.title) }), color: 'Default' };
  return messageCard({ heading: say(v.already ? 'konsekvens.already.heading' : 'konsekvens.asked.heading'), style: v.already ? 'emphasis' : 'good', lines: [line], actions: [backButton(locale, v.bid, v.asker)] });
}

/** The figures as typed (strings), for the økonomikonsulent's form. */
export interface KonsekvensFormValues {
  readonly oneOffKr: string;
  readonly yearlyKr: string;
  readonly years: string;
  readonly yearlySavingsKr: string;
  readonly note: string;
}

/** What was typed, as the card sent it (anything not text counts as nothing typed). */
export function konsekvensValuesFrom(raw: Record<string, unknown>): KonsekvensFormValues {
  const pick = (k: keyof KonsekvensFormValues) => (typeof raw[k] === 'string' ? (raw[k] as string) : typeof raw[k] === 'number' ? String(raw[k]) : '');
  return { oneOffKr: pick('oneOffKr'), yearlyKr: pick('yearlyKr'), years: pick('years'), yearlySavingsKr: pick('yearlySavingsKr'), note: pick('note') };
}

const plain = (locale: Locale, kr: number) => new Intl.NumberFormat(locale === 'da' ? 'da-DK' : 'en-GB').format(kr);

/** The stored figures, as the form shows them for a revision. */
export function konsekvensValuesOf(locale: Locale, r: KonsekvensResult | undefined): KonsekvensFormValues {
  if (!r) return { oneOffKr: '', yearlyKr: '', years: '', yearlySavingsKr: '', note: '' };
  return { oneOffKr: plain(locale, r.oneOffKr), yearlyKr: plain(locale, r.yearlyKr), years: String(r.years), yearlySavingsKr: plain(locale, r.yearlySavingsKr), note: r.note };
}

/** The økonomikonsulent's card: the bid, the request (and question), and the figures' form → Gem konsekvensberegning. */
export function konsekvensFormCard(locale: Locale, v: { tender: Tender; bid: Bid; values: KonsekvensFormValues; errors: readonly KonsekvensFieldError[] }): CardJson {
  const say = sayIn(locale);
  const k = v.bid.konsekvens;
  const summary = konsekvensBidSummary(locale, v.tender, v.bid);
  const request = k?.request;
  const result = k?.result;
  const intro = [
    request ? say('konsekvens.form.requested', { name: esc(excerpt(request.byName, NAME_SHOWN)), at: at(request.at, locale) }) : '',
    result ? say('konsekvens.form.revising', { at: at(result.at, locale), name: esc(excerpt(result.byName, NAME_SHOWN)), revision: result.revision }) : '',
  ]
    .filter(Boolean)
    .join(' ');
  const question = request?.note ? [{ heading: say('konsekvens.form.question', { name: esc(excerpt(request.byName, NAME_SHOWN)) }), text: esc(request.note) }] : [];
  const kr = (field: 'oneOffKr' | 'yearlyKr' | 'yearlySavingsKr') => ({
    id: field,
    label: say(`konsekvens.label.${field}`),
    placeholder: say('konsekvens.placeholder.kr'),
    multiline: false,
    value: v.values[field],
    error: errorAt(locale, v.errors, field, asText(v.values[field])),
  });
  return renderCard('konsekvens-form', {
    kicker: kicker(locale, v.tender),
    heading: bidHeading(locale, v.bid),
    intro,
    ...summary,
    sections: [...question, ...summary.sections],
    summary: v.errors.length > 0 ? say('konsekvens.form.summary') : '',
    inputs: [
      kr('oneOffKr'),
      kr('yearlyKr'),
      { id: 'years', label: say('konsekvens.label.years'), placeholder: say('konsekvens.placeholder.years'), multiline: false, value: v.values.years, error: errorAt(locale, v.errors, 'years', asText(v.values.years)) },
      kr('yearlySavingsKr'),
      { id: 'note', label: withLimit(locale, say('konsekvens.label.note'), KONSEKVENS_LIMITS.note), placeholder: '', multiline: true, value: v.values.note, error: errorAt(locale, v.errors, 'note', asText(v.values.note)) },
    ],
    actions: [button('konsekvens.save', say('konsekvens.button.save'), { bidId: v.bid.id }, 'positive')],
  });
}

/** The figures as facts: what the økonomikonsulent saved, what the bidder and the group are told. */
function figureLines(locale: Locale, r: KonsekvensResult): Line[] {
  const say = sayIn(locale);
  const net = r.oneOffKr + r.years * (r.yearlyKr - r.yearlySavingsKr);
  return [
    `${say('konsekvens.fact.oneOff')}: ${money(locale, r.oneOffKr)}`,
    `${say('konsekvens.fact.yearly')}: ${money(locale, r.yearlyKr)}`,
    `${say('konsekvens.fact.years')}: ${say('konsekvens.years', { years: r.years })}`,
    `${say('konsekvens.fact.savings')}: ${money(locale, r.yearlySavingsKr)}`,
    `${say('konsekvens.fact.net', { years: r.years })}: ${money(locale, net)}`,
    ...(r.note ? [`${say('konsekvens.fact.note')}: ${esc(r.note)}`] : []),
    `${say('konsekvens.fact.madeBy')}: ${say('konsekvens.madeBy', { name: esc(excerpt(r.byName, NAME_SHOWN)), at: at(r.at, locale) })}`,
  ].map((t) => ({ text: t, color: 'Default' as const }));
}

/** After Gem: the figures as stored, with the way to revise them. */
export function konsekvensSavedCard(locale: Locale, t: Tender, bid: Bid): CardJson {
  const say = sayIn(locale);
  const r = bid.konsekvens?.result;
  if (!r) throw new Error('konsekvensSavedCard: the bid has no konsekvensberegning');
  return messageCard({
    heading: r.revision > 1 ? say('konsekvens.revised.heading', { revision: r.revision }) : say('konsekvens.saved.heading'),
    style: 'good',
    lines: [{ text: `${bidHeading(locale, bid)} · ${esc(t.title)}`, color: 'Default' }, ...figureLines(locale, r), { text: say('konsekvens.saved.told'), color: 'Default' }],
    actions: [button('konsekvens.open', say('konsekvens.button.revise'), { bidId: bid.id })],
  });
}

/** The bidder (1:1) or the group's chat told of the figures. */
export function konsekvensMadeCard(locale: Locale, t: Tender, bid: Bid, audience: 'bidder' | 'group'): CardJson {
  const say = sayIn(locale);
  const r = bid.konsekvens?.result;
  if (!r) throw new Error('konsekvensMadeCard: the bid has no konsekvensberegning');
  const revised = r.revision > 1;
  const heading =
    audience === 'bidder'
      ? say(revised ? 'konsekvens.revised.bidder' : 'konsekvens.made.bidder', { title: esc(bid.title) })
      : say(revised ? 'konsekvens.revised.group' : 'konsekvens.made.group', { number: bidNo(bid), title: esc(bid.title), bidder: esc(excerpt(bid.bidderName, NAME_SHOWN)) });
  return messageCard({
    heading,
    style: 'good',
    lines: [{ text: `${say('konsekvens.fact.tender')}: ${esc(t.title)}`, color: 'Default' }, ...figureLines(locale, r)],
    actions: audience === 'group' ? [button('tender.bid', say('konsekvens.button.seeBid'), { bidId: bid.id })] : [],
  });
}

/** The konsekvensberegning's state on the bid detail (members): who asked when, and the figures once made. */
export function konsekvensDetailSections(locale: Locale, bid: Bid): { heading: string; text: string }[] {
  const k = bid.konsekvens;
  if (!k) return [];
  const say = sayIn(locale);
  const who = (name: string) => esc(excerpt(name, NAME_SHOWN));
  const lines: string[] = [];
  if (k.status === 'requested') lines.push(say(k.result ? 'konsekvens.detail.reasked' : 'konsekvens.detail.requested', { name: who(k.request.byName), at: at(k.request.at, locale) }));
  if (k.status === 'requested' && k.request.note) lines.push(say('konsekvens.detail.question', { note: esc(excerpt(k.request.note, 500)) }));
  if (k.result) {
    const r = k.result;
    lines.push(r.revision > 1 ? say('konsekvens.detail.revised', { name: who(r.byName), at: at(r.at, locale), revision: r.revision }) : say('konsekvens.detail.made', { name: who(r.byName), at: at(r.at, locale) }));
    lines.push(...figureLines(locale, r).slice(0, -1).map((l) => `- ${l.text}`));
  }
  return [{ heading: say('konsekvens.detail.heading'), text: lines.join('\n\n') }];
}

/** A member may ask from the bid detail once the tender has closed (the server checks the clock again). */
export function konsekvensDetailButtons(locale: Locale, t: Tender, bid: Bid): Button[] {
  if (t.status !== 'closed' || bid.status === 'withdrawn' || bid.konsekvens?.status === 'requested') return [];
  return [button('konsekvens.request', text(locale, 'konsekvens.button.ask'), { bidId: bid.id })];
}

/** The history's words for the konsekvensberegning's entries (bid-views' historyLine). */
export const KONSEKVENS_HISTORY_TEXT: Record<string, TextKey> = {
  'konsekvens.requested': 'konsekvens.history.requested',
  'konsekvens.made': 'konsekvens.history.made',
  'konsekvens.revised': 'konsekvens.history.revised',
};

/** "Konsekvensberegninger åbne: N" and the first bids' titles, in a group's digest (nothing when none is open). */
export function konsekvensDigestLines(locale: Locale, d: GroupDigest): Line[] {
  const open = d.openKonsekvens;
  if (!open || open.count === 0) return [];
  const say = sayIn(locale);
  const rest = open.count - open.bids.length;
  return [
    { text: say(open.more ? 'konsekvens.digest.countMore' : 'konsekvens.digest.count', { count: open.count }), color: 'Default' },
    ...open.bids.map((b) => ({ text: say('konsekvens.digest.line', { title: esc(excerpt(b.title, 200)) }), color: 'Default' as const })),
    ...(rest > 0 || open.more ? [{ text: say('konsekvens.digest.more', { count: open.more ? `${rest}+` : rest }), color: 'Default' as const }] : []),
  ];
}

/** The konsekvensberegning's notices: the økonomikonsulent's card, and the figures to the bidder and the group. */
export const konsekvensNoticeViews: Pick<NoticeViews, 'konsekvens.requested' | 'konsekvens.made'> = {
  'konsekvens.requested': (locale, n) => oneCard(konsekvensFormCard(locale, { tender: n.tender, bid: n.bid, values: konsekvensValuesOf(locale, n.bid.konsekvens?.result), errors: [] })),
  'konsekvens.made': (locale, n) => oneCard(konsekvensMadeCard(locale, n.tender, n.bid, n.audience)),
};
