// Views for the kernegruppe's decisions on a bid: its part of the bid detail card (status, reason and
// the buttons the viewer may press), the rejection's question, the award form (Tildel / Indstil til
// Byrådet) with the cost used against the frame, the award's answer, and the notices: the bidder's
// 1:1 of each status change and the group chat's of an award.

import { screeningRight } from '../../domain/rights.js';
import type { Bid } from '../../domain/bid.js';
import { costAgainstFrame, CATALOGUE_LIMITS, type Catalogue, type CatalogueEntry, type Cost, type OverFrame } from '../../domain/catalogue.js';
import { DECISION_LIMITS, overBy, type AwardField } from '../../domain/decision.js';
import type { FieldError, Tender } from '../../domain/tender.js';
import type { AwardFormData } from '../../app/award.js';
import type { Locale, TextKey } from '../i18n/text.js';
import { escapeMarkdown as esc, excerpt, renderCard, type CardJson } from './render-card.js';
import { button, charCount, messageCard, sayIn, shownBack, type Button, type Say } from './card-parts.js';
import { oneCard, type NoticeViews } from './notice-views.js';
import { confirmCard } from './bid-views.js';
import { at, bidNo } from './tender-card-parts.js';

const kr = (locale: Locale, n: number) => charCount(locale, n);
const NAME_SHOWN = 100;

/** What the viewer of a bid's detail may do about it (from their roles and the tender's state). */
export interface DecisionRights {
  /** Shortlist, reject, reset: the group's tender managers. */
  readonly manages: boolean;
  /** Tildel / Indstil: the group's tovholder or an admin. */
  readonly awards: boolean;
  /** The deadline has passed (server clock) and the tender is not cancelled. */
  readonly decidable: boolean;
}

export interface DetailPart {
  readonly sections: { heading: string; text: string }[];
  readonly actions: Button[];
}

/**
 * The decision's part of the bid detail: the status with its reason (when the group set one), and the
 * buttons the viewer may use now. `done` says what the viewer just did, at the top.
 */
export function decisionPart(locale: Locale, t: Tender, bid: Bid, rights: DecisionRights, done?: string): DetailPart {
  const say = sayIn(locale);
  const sections: { heading: string; text: string }[] = [];
  if (done) sections.push({ heading: done, text: say('decision.done.told', { bidder: esc(excerpt(bid.bidderName, NAME_SHOWN)) }) });
  const decided = bid.statusAt && bid.status !== 'submitted' && bid.status !== 'withdrawn';
  if (decided || bid.statusReason) {
    const state = say('decision.state', { status: say(`bid.status.${bid.status}`), at: at(bid.statusAt ?? bid.submittedAt, locale) });
    sections.push({ heading: say('decision.heading'), text: [state, ...(bid.statusReason ? [say('decision.reason', { reason: shownBack(locale, bid.statusReason) })] : [])].join('\n\n') });
  } else if ((rights.manages || rights.awards) && !rights.decidable && bid.status !== 'withdrawn' && t.status !== 'cancelled') {
    sections.push({ heading: say('decision.heading'), text: say('decision.waiting') });
  }
  if (!rights.decidable || bid.status === 'withdrawn') return { sections, actions: [] };
  const data = { bidId: bid.id };
  const actions: Button[] = [];
  const open = bid.status === 'submitted' || bid.status === 'shortlisted';
  if (rights.awards && open) actions.push(button('award.form', say(t.decidedBy === 'byraad' ? 'award.button.indstil' : 'award.button.award'), data, 'positive'));
  // Shortlisting prepares (udkast, `manages`); rejecting and undoing a rejection decide (beslut, `awards`).
  const may = (to: 'shortlisted' | 'rejected' | 'submitted') => (screeningRight(bid.status, to) === 'beslut' ? rights.awards : rights.manages);
  if (may('shortlisted') && bid.status !== 'shortlisted' && bid.status !== 'awarded' && bid.status !== 'selected') actions.push(button('decision.shortlist', say('decision.button.shortlist'), data));
  if (may('rejected') && open) actions.push(button('decision.rejectAsk', say('decision.button.reject'), data, 'destructive'));
  if (may('submitted') && (bid.status === 'shortlisted' || bid.status === 'rejected')) actions.push(button('decision.reset', say('decision.button.reset'), data));
  return { sections, actions };
}

/** The verb that answered with `done`, as a heading for the detail. */
export function doneText(locale: Locale, bid: Bid, unchanged: boolean): string {
  const say = sayIn(locale);
  if (unchanged) return say('decision.done.unchanged');
  const key: TextKey = bid.status === 'rejected' ? 'decision.done.rejected' : bid.status === 'shortlisted' ? 'decision.done.shortlisted' : 'decision.done.submitted';
  return say(key, { number: bidNo(bid) });
}

/** Afvis: the reason is required (the bidder is told it); a refusal brings back what was typed. */
export function rejectAskCard(locale: Locale, bid: Bid, reason = '', error?: string): CardJson {
  const say = sayIn(locale);
  const bidder = esc(excerpt(bid.bidderName, NAME_SHOWN));
  return confirmCard(locale, {
    title: say('decision.rejectAsk.title', { number: bidNo(bid) }),
    text: say('decision.rejectAsk.text', { title: esc(bid.title), bidder }),
    confirmTitle: say('decision.rejectAsk.confirm'),
    confirmVerb: 'decision.reject',
    confirmData: { bidId: bid.id },
    backVerb: 'tender.bid',
    backData: { bidId: bid.id },
    reason: { label: say('decision.rejectAsk.reason', { limit: charCount(locale, DECISION_LIMITS.reason) }), value: reason, error },
  });
}

// ---- the award form ----

export const AWARD_FIELDS: readonly AwardField[] = ['period', 'responsible', 'expectedEffect', 'startDate', 'evaluationDate', 'overrideReason'];

export type AwardValues = Record<AwardField, string>;

export function costText(locale: Locale, cost: Cost): string {
  const say = sayIn(locale);
  if (cost.source === 'none') return say('award.cost.none');
  return say(cost.source === 'konsekvens' ? 'award.cost.konsekvens' : 'award.cost.konkretisering', { total: kr(locale, costAgainstFrame(cost)), oneOff: kr(locale, cost.oneOffKr), yearly: kr(locale, cost.yearlyKr) });
}

function fieldText(say: Say, e: FieldError<AwardField>): string {
  if (e.field === 'evaluationDate' && e.code === 'IN_PAST') return say('award.field.evaluationBeforeStart');
  if (e.code === 'REQUIRED') return say('award.field.required');
  if (e.code === 'TOO_LONG') return say('award.field.tooLong', { limit: e.limit ?? DECISION_LIMITS.effect });
  if (e.field === 'period') return say('award.field.period');
  if (e.field === 'responsible') return say('award.field.responsible');
  return say('award.field.date');
}

/**
 * The award (or indstilling) form. The override field shows when the award would take the catalogue
 * over its frame: known when the form opens (the default period's catalogue), or from a refusal.
 */
export function awardFormCard(
  locale: Locale,
  v: {
    form: AwardFormData;
    values?: Partial<AwardValues> | undefined;
    errors?: readonly FieldError<AwardField>[] | undefined;
    over?: OverFrame | undefined;
    /** The refusal of the override reason itself (too short, too long). */
    overrideError?: 'short' | 'long' | undefined;
  },
): CardJson {
  const say = sayIn(locale);
  const { tender: t, bid, cost, people, defaults } = v.form;
  const byraad = t.decidedBy === 'byraad';
  const values: AwardValues = {
    period: v.values?.period ?? '',
    responsible: v.values?.responsible ?? bid.bidderId,
    expectedEffect: v.values?.expectedEffect ?? '',
    startDate: v.values?.startDate ?? defaults.startDate,
    evaluationDate: v.values?.evaluationDate ?? defaults.evaluationDate,
    overrideReason: v.values?.overrideReason ?? '',
  };
  const errors = Object.fromEntries(AWARD_FIELDS.map((f) => [f, ''])) as Record<AwardField, string>;
  for (const e of v.errors ?? []) errors[e.field] = fieldText(say, e);
  if (v.overrideError === 'short') errors.overrideReason = say('award.field.overrideShort', { min: CATALOGUE_LIMITS.overrideReasonMin });
  if (v.overrideError === 'long') errors.overrideReason = say('award.field.overrideLong', { limit: charCount(locale, CATALOGUE_LIMITS.overrideReason) });
  const frame = v.over ? { frameKr: v.over.frameKr, totalKr: v.over.totalKr } : v.form.frame;
  const wouldBeOver = frame !== undefined && frame.totalKr + costAgainstFrame(cost) > frame.frameKr;
  const over = v.over && !v.overrideError ? say(byraad ? 'award.over.indstil' : 'award.over.award', { over: kr(locale, overBy(v.over)), frame: kr(locale, v.over.frameKr) }) : '';
  const hasError = (v.errors?.length ?? 0) > 0 || v.over !== undefined;
  const period = values.period || values.startDate.slice(0, 4) || defaults.period;
  return renderCard('award-form', {
    kicker: say(byraad ? 'award.kicker.indstil' : 'award.kicker.award', { group: esc(t.groupName) }),
    heading: say('award.heading', { number: bidNo(bid), title: esc(bid.title) }),
    intro: say(byraad ? 'award.intro.indstil' : 'award.intro.award'),
    facts: [
      { title: say('award.fact.bidder'), value: esc(excerpt(bid.bidderName, NAME_SHOWN)) },
      { title: say('award.fact.cost'), value: costText(locale, cost) },
      { title: say('award.fact.frame', { period }), value: frame ? say('award.frame.value', { total: kr(locale, frame.totalKr), frame: kr(locale, frame.frameKr) }) : say('award.frame.none') },
    ],
    summary: hasError && !over ? say('award.summary') : '',
    labels: {
      period: say('award.label.period'),
      responsible: say('award.label.responsible'),
      expectedEffect: say('award.label.expectedEffect', { limit: charCount(locale, DECISION_LIMITS.effect) }),
      startDate: say('award.label.startDate'),
      evaluationDate: say('award.label.evaluationDate'),
      overrideReason: say('award.label.overrideReason', { min: CATALOGUE_LIMITS.overrideReasonMin }),
    },
    values,
    errors,
    // A roster's names as Teams may give them are long; a choice's title is plain text (no markdown).
    people: people.map((p) => ({ title: excerpt(p.name, NAME_SHOWN), value: p.id })),
    showOverride: wouldBeOver || v.over !== undefined || values.overrideReason !== '',
    over,
    actions: [button('award.submit', say(byraad ? 'award.submit.indstil' : 'award.submit.award'), { bidId: bid.id }, 'positive'), button('tender.bid', say('common.back'), { bidId: bid.id })],
  });
}

/** The award's answer, from what was stored: the entry in the catalogue. */
export function awardDoneCard(locale: Locale, v: { tender: Tender; bid: Bid; entry: CatalogueEntry; catalogue: Catalogue; duplicate: boolean }): CardJson {
  const say = sayIn(locale);
  const { bid, entry } = v;
  const bidder = esc(excerpt(bid.bidderName, NAME_SHOWN));
  const indstillet = entry.state === 'indstillet';
  return messageCard({
    heading: say(indstillet ? 'award.done.indstillet' : 'award.done.awarded', { number: bidNo(bid), title: esc(bid.title) }),
    style: 'good',
    lines: [
      ...(v.duplicate ? [{ text: say('award.done.duplicate', { at: at(entry.at, locale), by: esc(entry.byName) }), color: 'Default' as const }] : []),
      { text: say('award.done.catalogue', { period: v.catalogue.period, cost: kr(locale, costAgainstFrame(entry.cost)) }), color: 'Default' },
      ...(entry.override ? [{ text: say('award.done.overMark', { reason: shownBack(locale, entry.override.reason) }), color: 'Default' as const }] : []),
      { text: say('award.done.responsible', { name: esc(entry.terms.responsible.name), start: entry.terms.startDate, evaluation: entry.terms.evaluationDate }), color: 'Default' },
      { text: say(indstillet ? 'award.done.told.indstillet' : 'award.done.told.awarded', { bidder }), color: 'Default' },
    ],
    actions: [button('tender.bid', say('button.backToBid'), { bidId: bid.id }), button('tender.bids', say('button.backToBids'), { tenderId: v.tender.id })],
  });
}

// ---- notices ----

export const decisionNoticeViews: Pick<NoticeViews, 'decision.status' | 'award.group'> = {
  'decision.status': (locale, n) => {
    const say = sayIn(locale);
    const { bid, tender, change } = n;
    const status = change.to ?? bid.status;
    const note = change.note ?? '';
    const decided = status === 'awarded' || status === 'selected';
    return oneCard(
      messageCard({
        heading: say('decision.notice.heading', { number: bidNo(bid) }),
        style: status === 'rejected' ? 'emphasis' : 'good',
        lines: [
          { text: say('decision.notice.status', { title: esc(bid.title), tender: esc(tender.title), group: esc(tender.groupName), status: say(`bid.status.${status as Bid['status']}`) }), color: 'Default' },
          ...(note ? [{ text: say(decided ? 'decision.notice.effect' : 'decision.notice.reason', { effect: shownBack(locale, note), reason: shownBack(locale, note) }), color: 'Default' as const }] : []),
          ...(status === 'awarded' ? [{ text: say('decision.notice.awarded'), color: 'Default' as const }] : []),
          ...(status === 'selected' ? [{ text: say('decision.notice.selected'), color: 'Default' as const }] : []),
        ],
      }),
    );
  },
  'award.group': (locale, n) => {
    const say = sayIn(locale);
    const { bid, tender } = n;
    const key: TextKey = bid.status === 'selected' ? 'award.notice.selected' : 'award.notice.awarded';
    return oneCard(
      messageCard({
        heading: say(key, { by: esc(n.byName), number: bidNo(bid), title: esc(bid.title), bidder: esc(excerpt(bid.bidderName, NAME_SHOWN)), tender: esc(tender.title), period: n.period }),
        style: 'good',
        actions: [button('tender.bid', say('button.details'), { bidId: bid.id })],
      }),
    );
  },
};
