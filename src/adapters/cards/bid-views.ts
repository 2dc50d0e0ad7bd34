// Views for internt udbud's bids: the bid form, the receipt, the late refusal, the confirmation, the
// kernegruppe's bid overview and one bid in full. Card JSON out, in the reader's language; the pieces
// shared with the tender views are in tender-card-parts.ts.

import { BID_LIMITS, MAX_CO_BIDDERS, NO_CO_BIDDERS, PARTY_ROLES, type Bid, type BidField, type BidSummary } from '../../domain/bid.js';
import { type AuditEntry, type CatalogEntry, type FieldError, type Tender } from '../../domain/tender.js';
import { isTextKey, text, type Locale, type TextKey } from '../i18n/text.js';
import { escapeMarkdown as esc, excerpt, renderCard, type CardJson } from './render-card.js';
import { oneCard, type NoticeViews } from './notice-views.js';
import { konkretiseringHistoryText, konkretiseringSection } from './konkretisering-views.js';
import { button, charCount, messageCard, sayIn, shownBackFields, SHOWN_BACK, withLimit, type Button, type Say } from './card-parts.js';
import { detailAssessment, scorePageData, scorePaging, sortButton, statusWithAssessment, type OverviewAssessments } from './evaluation-views.js';
import type { BidAssessment } from '../../app/evaluation.js';
import { KONSEKVENS_HISTORY_TEXT, konsekvensDetailButtons, konsekvensDetailSections } from './konsekvens-views.js';
import { at, backToMyBids, BID_FIELDS, bidChangeButtons, type BidFormValues, bidForudsaetninger, bidNo, bidStatus, bidValueOf, type EchoField, endedNote, fieldErrors, forudsaetningText, type From, fromData, isOpen, line, OTHER_CHOICES_INPUT, ROLE_INPUT, tenderState, tenderStatus, yesNo } from './tender-card-parts.js';

const LATE_TEXT: Record<'deadline' | 'cancelled' | 'not-open', TextKey> = { deadline: 'late.deadline', cancelled: 'late.cancelled', 'not-open': 'late.notOpen' };
const LATE_CONSEQUENCE: Record<LateAction, TextKey> = {
  submit: 'late.consequence.submit',
  edit: 'late.consequence.edit',
  openEdit: 'late.consequence.openEdit',
  withdraw: 'late.consequence.withdraw',
};

/** 'edit' is a typed change that was not saved; 'openEdit' a press on Ret, with nothing typed. */
export type LateAction = 'submit' | 'edit' | 'openEdit' | 'withdraw';

/**
 * The refusal of a bid, edit or withdrawal that came too late. When the person typed something, it is
 * shown back to copy; a button pressed on an old card (nothing typed) gets the refusal alone.
 */
export function lateCard(
  locale: Locale,
  v: { tender: Tender; reason: 'deadline' | 'cancelled' | 'not-open'; action?: LateAction; echo: readonly EchoField[] },
): CardJson {
  const say = sayIn(locale);
  const consequence = say(LATE_CONSEQUENCE[v.action ?? 'submit']);
  // Each field's length is checked against the bid's limit before it is shown back, and what is shown is bounded.
  const echo = shownBackFields(
    locale,
    v.echo
      .filter((e) => e.value.trim() !== '')
      .map((e) => ({
        label: e.limit !== undefined && e.value.trim().length > e.limit ? say('late.overLimit', { label: e.label, length: charCount(locale, e.value.trim().length), limit: charCount(locale, e.limit) }) : e.label,
        value: e.value,
        max: e.limit !== undefined && e.limit <= BID_LIMITS.title ? SHOWN_BACK.title : SHOWN_BACK.text,
      })),
  );
  return messageCard({
    heading: say(LATE_TEXT[v.reason], { title: esc(v.tender.title), deadline: at(v.tender.deadline, locale), consequence }),
    style: 'attention',
    echoHeading: say('late.echoHeading'),
    echo,
  });
}

// ---- the bidder's form and receipt ----

/**
 * The tender's catalogue in two lists: its own kerneopgave's forudsætninger, those the tender opens
 * first (★), and the other kerneopgaver's, each kerneopgave kept together in catalogue order.
 */
function bidChoices(locale: Locale, t: Tender) {
  const groupOrder = [...new Set(t.catalog.map((c) => c.kerneopgave))];
  const rank = (c: CatalogEntry) =>
    t.forudsaetninger.includes(c.id) ? 0 : c.kerneopgave === t.kerneopgave ? 1 : 2 + groupOrder.indexOf(c.kerneopgave);
  const sorted = [...t.catalog].sort((a, b) => rank(a) - rank(b));
  const own = sorted.filter((c) => c.kerneopgave === t.kerneopgave);
  const other = sorted.filter((c) => c.kerneopgave !== t.kerneopgave);
  return {
    own: own.map((c) => ({ title: `${t.forudsaetninger.includes(c.id) ? '★ ' : ''}${forudsaetningText(locale, c, false)}`, value: c.id })),
    other: other.map((c) => ({ title: forudsaetningText(locale, c, true), value: c.id })),
  };
}

/** The chosen ids that are in a list, comma-separated, as a ChoiceSet's value. */
const chosenIn = (chosen: readonly string[], list: readonly { value: string }[]) => chosen.filter((id) => list.some((c) => c.value === id)).join(',');

/**
 * The bid form: the texts, then the forudsætninger with the ★ rule above them, the tender's own
 * kerneopgave first and the other kerneopgaver's behind a toggle, the parties' roles behind another.
 * A toggled part starts open when the form comes back with an error or holds something in it, so
 * nothing the person chose or wrote is out of sight.
 */
export function bidFormCard(
  locale: Locale,
  v: {
    tender: Tender;
    submissionId?: string | undefined;
    bidId?: string | undefined;
    values: BidFormValues;
    errors: readonly FieldError<BidField>[];
    notice?: string | undefined;
    /** Reached from `mine bud`: Fortryd and the receipt lead back there. */
    from?: From | undefined;
  },
): CardJson {
  const say = sayIn(locale);
  const t = v.tender;
  if (v.bidId === undefined && !v.submissionId) throw new Error('bidFormCard: a new bid needs a submissionId, an edit a bidId');
  const errors = fieldErrors(locale, BID_FIELDS, v.errors, bidValueOf(v.values));
  const send =
    v.bidId !== undefined
      ? button('bid.save', say('button.saveBid'), { bidId: v.bidId, ...fromData(v.from) }, 'positive')
      : button('bid.submit', say('button.sendBid'), { tenderId: t.id, submissionId: v.submissionId ?? '', ...fromData(v.from) }, 'positive');
  const choices = bidChoices(locale, t);
  const chosen = v.values.forudsaetninger.split(',').map((s) => s.trim()).filter(Boolean);
  const hasError = v.errors.length > 0;
  const othersOpen = hasError || chosenIn(chosen, choices.other) !== '';
  const rolesOpen = hasError || PARTY_ROLES.some((r) => v.values[ROLE_INPUT[r]].trim() !== '');
  const pickedIds = v.values.coBidders.split(',').map((s) => s.trim()).filter((s) => ENTRA_ID_SHAPE.test(s));
  return renderCard('bid-form', {
    kicker: say(v.bidId !== undefined ? 'bidForm.kickerEdit' : 'bidForm.kickerNew', { group: esc(t.groupName) }),
    title: esc(t.title),
    deadline: say('bidForm.deadline', { deadline: at(t.deadline, locale) }),
    bevaegelse: t.bevaegelse ? say('bevaegelse.bidForm', { bevaegelse: esc(t.bevaegelse) }) : '',
    notice: v.notice ?? '',
    summary: hasError ? say(v.bidId !== undefined ? 'bidForm.summaryEdit' : 'bidForm.summaryNew') : '',
    labels: {
      title: withLimit(locale, say('bidForm.title'), BID_LIMITS.title),
      description: withLimit(locale, say('bidForm.description'), BID_LIMITS.description),
      howItHelps: withLimit(locale, say('bidForm.howItHelps'), BID_LIMITS.howItHelps),
      forudsaetninger: say('bidForm.forudsaetninger'),
      forudsaetningerNote: say('bidForm.forudsaetningerNote'),
      // An input's label is plain text (no markdown), like the choices' titles.
      ownChoices: say('bidForm.ownChoices', { kerneopgave: t.kerneopgaveName }),
      otherChoices: say('bidForm.otherChoices'),
      showOthers: say('button.showOtherForudsaetninger', { count: choices.other.length }),
      hideOthers: say('button.hideOtherForudsaetninger'),
      rolesHeading: say('bidForm.rolesHeading'),
      rolesHint: say('bidForm.rolesHint'),
      showRoles: say('button.showRoles'),
      hideRoles: say('button.hideRoles'),
      coBidders: say('bidForm.coBidderPicker', { max: MAX_CO_BIDDERS }),
      coBiddersPlaceholder: say('bidForm.coBidderPickerPlaceholder'),
      participate: say('bidForm.participate'),
    },
    values: { ...v.values, coBidders: pickedIds.join(','), forudsaetninger: chosenIn(chosen, choices.own), [OTHER_CHOICES_INPUT]: chosenIn(chosen, choices.other) },
    // The picked people as the picker's static choices, so an edit (or a form come back) shows them by name.
    coBidderChoices: [{ title: say('bidForm.noCoBidders'), value: NO_CO_BIDDERS }, ...coBidderChoices(v.values, pickedIds)],
    legacyCoBidders: v.values.legacyCoBidders ? say('bidForm.legacyCoBidders', { names: esc(v.values.legacyCoBidders) }) : '',
    errors,
    choices: choices.own,
    otherChoices: choices.other,
    othersOpen,
    rolesOpen,
    roles: PARTY_ROLES.map((r) => ({
      id: ROLE_INPUT[r],
      label: withLimit(locale, say(`bidForm.role.${r}`), BID_LIMITS.partyRole),
      value: v.values[ROLE_INPUT[r]],
      error: errors[`role.${r}`],
    })),
    // Undo goes back to the tender, not to bid.open's "your bids, or else a fresh form" (a first form would come back empty).
    actions: [send, button('bid.open', say('button.undo'), { tenderId: t.id, [UNDO_KEY]: 'tender', ...fromData(v.from) })],
  });
}

const ENTRA_ID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A picked person's name where the form knows it; otherwise (a form come back after a problem) their id, so the pick is not lost. */
function coBidderChoices(values: BidFormValues, ids: readonly string[]): { title: string; value: string }[] {
  const names = new Map((values.coBidderPeople ?? []).map((p) => [p.id.toLowerCase(), p.name]));
  return ids.map((id) => ({ title: names.get(id.toLowerCase()) ?? id, value: id }));
}

/** Marks bid.open pressed as the bid form's Fortryd: back to the tender (or the person's bids on it). */
export const UNDO_KEY = 'back';



/** What the bidder can quote before the number is known: the bid id's first characters. */
export const receiptIdOf = (bid: Pick<Bid, 'id'>): string => bid.id.replace(/^bid-/, '').slice(0, 8).toUpperCase();

export function bidReceiptCard(locale: Locale, t: Tender, bid: Bid, now: Date, kind: 'submitted' | 'edited' | 'withdrawn', from?: From): CardJson {
  const say = sayIn(locale);
  const open = isOpen(t, now);
  const when = kind === 'edited' ? bid.editedAt : kind === 'withdrawn' ? bid.withdrawnAt : bid.submittedAt;
  const deadline = at(t.deadline, locale);
  const note = !open ? endedNote(say, t).text : bid.status === 'withdrawn' ? say('receipt.noteWithdrawn', { deadline }) : say('receipt.noteOpen', { deadline });
  // A new bid is numbered just after the click: until then the receipt says it was received, when, and
  // a receipt id; the number follows on the 1:1 receipt and wherever the bid is shown.
  const numbered = bid.number > 0;
  return renderCard('bid-receipt', {
    heading: say(kind === 'submitted' && !numbered ? 'receipt.received' : `receipt.${kind}`),
    headingStyle: kind === 'withdrawn' ? 'emphasis' : 'good',
    facts: [
      ...(numbered
        ? [{ title: say('receipt.fact.number'), value: String(bid.number) }]
        : [
            { title: say('receipt.fact.receiptId'), value: receiptIdOf(bid) },
            { title: say('receipt.fact.number'), value: say('receipt.numberFollows') },
          ]),
      { title: say(`receipt.fact.${kind}`), value: at(when ?? bid.submittedAt, locale) },
      { title: say('receipt.fact.tender'), value: esc(t.title) },
    ],
    summaryHeading: say('receipt.summaryHeading'),
    bidTitle: esc(bid.title),
    excerpt: esc(excerpt(bid.description)),
    forudsaetningerHeading: say('receipt.forudsaetninger'),
    forudsaetninger: bidForudsaetninger(locale, t, bid),
    summaryFacts: [
      { title: say('receipt.fact.crossCutting'), value: yesNo(say, bid.crossCutting) },
      { title: say('receipt.fact.participate'), value: yesNo(say, bid.wantsToParticipate) },
    ],
    note,
    actions: [...bidChangeButtons(say, bid, open, from, t.status), button('bid.open', say('button.bidsOnTender'), { tenderId: t.id, ...fromData(from) }), ...backToMyBids(say, from)],
  });
}

// ---- a question before something that cannot be undone ----

export function confirmCard(
  locale: Locale,
  v: {
    title: string;
    text: string;
    confirmTitle: string;
    confirmVerb: string;
    confirmData: Record<string, string>;
    backVerb?: string | undefined;
    backData?: Record<string, string> | undefined;
    reason?: { label: string; value: string; error?: string | undefined } | undefined;
  },
): CardJson {
  return renderCard('confirm', {
    title: v.title,
    text: v.text,
    reason: { show: v.reason !== undefined, label: v.reason?.label ?? '', value: v.reason?.value ?? '', error: v.reason?.error ?? '' },
    actions: [
      button(v.confirmVerb, v.confirmTitle, v.confirmData, 'destructive'),
      ...(v.backVerb ? [button(v.backVerb, text(locale, 'common.back'), v.backData ?? {})] : []),
    ],
  });
}

// ---- the kernegruppe reads the bids ----

/**
 * Tilbage from the bids: to the list or the closed notice they were reached from; from anywhere else
 * (the publish report, an old card) to the kernegruppe's tenders, the nearest place that lists them.
 */
function overviewBack(say: Say, t: Tender, from: From | undefined): Button {
  if (from === 'list') return button('tender.list', say('common.back'), {});
  if (from === 'closed') return button('tender.closed', say('common.back'), { tenderId: t.id });
  return button('tender.list', say('button.groupTenders'), {});
}

export function bidOverviewCard(
  locale: Locale,
  t: Tender,
  bids: readonly BidSummary[],
  page: { hasPrevious: boolean; hasNext: boolean },
  now: Date,
  from?: From,
  /** The members' combined assessments (evaluation-views.ts) and the order the bids are in. */
  assessed?: OverviewAssessments,
): CardJson {
  const say = sayIn(locale);
  const first = bids[0];
  const last = bids[bids.length - 1];
  const back = fromData(from);
  // Detaljer and back again lands on this page: the bids after the one before its first.
  const thisPage: Record<string, string> = scorePageData(assessed) ?? (first && first.number > 1 ? { after: String(first.number - 1) } : {});
  const count = say(t.activeBids === 1 ? 'overview.count.one' : 'overview.count.other', { active: t.activeBids, total: t.bidSeq });
  return renderCard('bid-overview', {
    kicker: say('overview.kicker', { group: esc(t.groupName) }),
    title: esc(t.title),
    facts: [
      { title: say('overview.fact.status'), value: t.status === 'cancelled' ? tenderState(locale, t, now) : tenderStatus(say, t, now) },
      { title: say('tender.fact.deadline'), value: at(t.deadline, locale) },
      { title: say('overview.fact.bids'), value: count },
    ],
    empty: say('overview.empty'),
    bids: bids.map((b) => ({
      heading: say('overview.bidLine', { number: bidNo(b), name: esc(excerpt(b.bidderName, NAME_SHOWN)), at: at(b.submittedAt, locale) }),
      title: esc(b.title),
      status: assessed ? statusWithAssessment(locale, bidStatus(say, b), b, assessed) : bidStatus(say, b),
      actions: [button('tender.bid', say('button.details'), { bidId: b.id, ...thisPage, ...back })],
    })),
    actions: [
      ...(scorePaging(locale, t.id, assessed, page, back) ?? [
        ...(page.hasPrevious ? [button('tender.bids', say('button.previous'), first ? { tenderId: t.id, before: String(first.number), ...back } : { tenderId: t.id, ...back })] : []),
        ...(page.hasNext && last ? [button('tender.bids', say('button.next'), { tenderId: t.id, after: String(last.number), ...back })] : []),
      ]),
      ...sortButton(locale, t.id, assessed, back),
      button('tender.history', text(locale, 'history.button'), { tenderId: t.id }),
      overviewBack(say, t, from),
    ],
  });
}

const HISTORY_TEXT: Partial<Record<string, TextKey>> = { submitted: 'bid.history.submitted', edited: 'bid.history.edited', withdrawn: 'bid.history.withdrawn', ...KONSEKVENS_HISTORY_TEXT };

function historyLine(locale: Locale, h: AuditEntry): string {
  const when = at(h.at, locale);
  const key = HISTORY_TEXT[h.action];
  if (key) return text(locale, key, { at: when });
  const status = `bid.status.${h.to ?? ''}`;
  return text(locale, 'bid.history.other', { status: isTextKey(status) ? text(locale, status) : esc(h.action), at: when });
}

/** `back` is how the overview page it was opened from is asked for again (its page and where that came from). */
/** A bid's long texts, each of which the detail can show alone and in full. */
export const BID_TEXT_FIELDS = ['description', 'howItHelps', 'role.kommunen', 'role.borgeren', 'role.familien', 'role.lokalsamfundet', 'role.arbejdsgiveren'] as const;
export type BidTextField = (typeof BID_TEXT_FIELDS)[number];

/**
 * The JSON characters a bid's long texts may take on its detail card together (24 KB of the 40 KB
 * budget): a bid of ordinary text at every limit (11,000 characters) is shown whole; text full of
 * characters that must be escaped is cut, said so, and each cut text is one press away in full
 * (one field alone, 4,000 characters, fits whatever it holds).
 */
const DETAIL_TEXT_CHARS = 12_000;
/** A name as Teams gives it may be 256 characters; real ones are far shorter, and a card shows 100. */
const NAME_SHOWN = 100;
/** The history's newest entries shown; a bid edited a hundred times would otherwise fill the card. */
const HISTORY_SHOWN = 10;

function bidTexts(locale: Locale, bid: Bid): { field: BidTextField; heading: string; value: string }[] {
  const say = sayIn(locale);
  return [
    { field: 'description' as const, heading: say('detail.description'), value: bid.description },
    { field: 'howItHelps' as const, heading: say('detail.howItHelps'), value: bid.howItHelps },
    ...PARTY_ROLES.map((r) => ({ field: `role.${r}` as const, heading: say(`bidForm.role.${r}`), value: bid.partyRoles[r] ?? '' })),
  ].filter((f) => f.value !== '');
}


/** What each feature adds to a bid's detail, for the reader who may see it. */
export interface BidDetailParts {
  /** A member's view of the evaluations (evaluation-views.ts); none for the bid's own bidder. */
  readonly assessment?: BidAssessment | undefined;
  /** The reader and the server's time: what the konkretisering part shows and offers (konkretisering-views.ts). */
  readonly reader?: { now: Date; manages: boolean; askable: boolean } | undefined;
  /** The decision part (decision-views.ts): the status's reason and the buttons the reader may use. */
  readonly decision?: { readonly sections: readonly { heading: string; text: string }[]; readonly actions: readonly Button[] } | undefined;
}
export function bidDetailCard(
  locale: Locale,
  t: Tender,
  bid: Bid,
  back: { after?: string | undefined; from?: From | undefined; field?: BidTextField | undefined; sort?: 'number' | 'score' | undefined; page?: string | undefined } = {},
  parts: BidDetailParts = {},
): CardJson {
  const say = sayIn(locale);
  const backData = { ...(back.after ? { after: back.after } : {}), ...fromData(back.from), ...(back.sort === 'score' ? { sort: 'score', page: back.page ?? '0' } : {}) };
  const { assessment, reader, decision } = parts;
  const evaluation = assessment && detailAssessment(locale, bid, assessment, back);
  const backToBids = button('tender.bids', say('button.backToBids'), { tenderId: t.id, ...backData });
  const texts = bidTexts(locale, bid);
  const alone = back.field ? texts.find((f) => f.field === back.field) : undefined;
  const facts = [
    { title: say('detail.fact.bidder'), value: esc(excerpt(bid.bidderName, NAME_SHOWN)) },
    { title: say('detail.fact.status'), value: say(`bid.status.${bid.status}`) },
    { title: say('detail.fact.crossCutting'), value: yesNo(say, bid.crossCutting) },
    { title: say('detail.fact.participate'), value: yesNo(say, bid.wantsToParticipate) },
    ...(bid.coBidders ? [{ title: say('detail.fact.coBidders'), value: esc(bid.coBidders) }] : []),
    ...(bid.coBidderIds?.length ? [{ title: say('detail.fact.coBidders'), value: esc(bid.coBidderIds.map((c) => excerpt(c.name, NAME_SHOWN)).join(', ')) }] : []),
  ];
  const common = { kicker: say('detail.kicker', { number: bidNo(bid), tender: esc(t.title) }), title: esc(bid.title), forudsaetningerHeading: say('detail.forudsaetninger'), rolesHeading: say('detail.roles'), historyHeading: say('detail.history') };
  if (alone) {
    // One text in full, from "Læs hele" on a detail that had to cut it.
    return renderCard('bid-detail', {
      ...common,
      facts: [],
      sections: [{ heading: alone.heading, text: esc(alone.value) }],
      forudsaetninger: [],
      roles: [],
      konkretisering: [],
      history: [],
      decideActions: [],
      actions: [button('tender.bid', say('button.backToBid'), { bidId: bid.id, ...backData }), backToBids],
    });
  }
  const shown = shownBackFields(
    locale,
    texts.map((f) => ({ label: f.heading, value: f.value, max: f.value.length })),
    DETAIL_TEXT_CHARS,
  ).map((s, i) => ({ ...texts[i]!, text: s.value }));
  const cut = shown.filter((s) => s.text !== esc(s.value));
  const section = (field: BidTextField) => shown.filter((s) => s.field === field).map((s) => ({ heading: s.heading, text: s.text }));
  const history = bid.history.slice(-HISTORY_SHOWN).map((h) => line(konkretiseringHistoryText(locale, h.action, at(h.at, locale)) ?? historyLine(locale, h)));
  const konk = reader ? konkretiseringSection(locale, bid, reader) : { section: [], actions: [] };
  const earlier = bid.history.length - HISTORY_SHOWN;
  return renderCard('bid-detail', {
    ...common,
    facts,
    sections: [...(decision?.sections ?? []), ...section('description'), ...section('howItHelps'), ...(evaluation?.sections ?? []), ...konsekvensDetailSections(locale, bid)],
    forudsaetninger: bidForudsaetninger(locale, t, bid),
    roles: PARTY_ROLES.flatMap((r) => section(`role.${r}`)),
    konkretisering: konk.section,
    history: earlier > 0 ? [line(say('detail.historyEarlier', { count: earlier })), ...history] : history,
    // The decisions sit right under the decision's section, in their own row, so the card's own row keeps
    // the way back and the other features' buttons without Teams folding them away.
    decideActions: decision?.actions ?? [],
    actions: [
      ...(evaluation?.actions ?? []),
      backToBids,
      ...konsekvensDetailButtons(locale, t, bid),
      ...konk.actions,
      // A cut text is one press away in full; Teams shows a card's first buttons and folds the rest under "…".
      ...cut.map((s) => button('tender.bid', say('button.readAll', { field: s.heading }), { bidId: bid.id, field: s.field, ...backData })),
    ],
  });
}

// ---- lists: open tenders, the kernegruppe's tenders, my bids ----


/** The bids' notices: the bidder's receipt. */
export const bidNoticeViews: Pick<NoticeViews, 'bid.receipt'> = {
  'bid.receipt': (locale, n, now) => oneCard(bidReceiptCard(locale, n.tender, n.bid, now, n.change)),
};
