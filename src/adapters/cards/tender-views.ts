// Views for internt udbud: tenders and bids in, card JSON out, in the reader's language. Owns which
// buttons each card offers (verbs and their data), how a tender and a bid are summed up, and the
// Danish/English words for field errors. Everything a person typed (titles, descriptions, names,
// reasons, roles) is escaped here, once, where it becomes card text; form inputs get it back raw.

import { BID_LIMITS, PARTY_ROLES, type Bid, type BidField, type PartyRole } from '../../domain/bid.js';
import {
  DECIDED_BY,
  TENDER_LIMITS,
  asText,
  biddingOpen,
  opensForudsaetninger,
  type AuditEntry,
  type CatalogEntry,
  type FieldError,
  type FieldErrorCode,
  type Tender,
  type TenderField,
} from '../../domain/tender.js';
import { formatInstant, localParts } from '../../domain/time.js';
import { isTextKey, text, type Locale, type TextKey } from '../i18n/text.js';
import { escapeMarkdown as esc, excerpt, renderCard, type CardJson } from './render-card.js';
import { button, charCount, messageCard, sayIn, shownBackFields, SHOWN_BACK, withLimit, type Button, type ContainerStyle, type Say, type TextColor } from './card-parts.js';

// ---- where a card was reached from ----

/**
 * Where the person came from, carried in a button's data (`from`) so the card that replaces theirs
 * can offer the way back: 'list' the kernegruppe's tender list, 'closed' the "tender closed" notice,
 * 'mine' their `mine bud`. It only picks a back button; every view still checks who may see it.
 */
export const FROM = ['list', 'closed', 'mine'] as const;
export type From = (typeof FROM)[number];
const fromData = (from: From | undefined): Record<string, string> => (from ? { from } : {});

// ---- form values: what a card's inputs hold, always as the strings the card sends ----

export interface TenderFormValues {
  title: string;
  description: string;
  /** Comma-separated forudsætning ids, as a multi-select ChoiceSet sends them. */
  forudsaetninger: string;
  deadlineDate: string;
  deadlineTime: string;
  budgetKr: string;
  decidedBy: string;
}

export interface BidFormValues {
  title: string;
  description: string;
  howItHelps: string;
  /** Comma-separated forudsætning ids. */
  forudsaetninger: string;
  roleKommunen: string;
  roleBorgeren: string;
  roleFamilien: string;
  roleLokalsamfundet: string;
  roleArbejdsgiveren: string;
  coBidders: string;
  /** 'true' | 'false' from the toggle. */
  participate: string;
}

const TENDER_FORM_KEYS = ['title', 'description', 'forudsaetninger', 'deadlineDate', 'deadlineTime', 'budgetKr', 'decidedBy'] as const;
const BID_FORM_KEYS = [
  'title',
  'description',
  'howItHelps',
  'forudsaetninger',
  'roleKommunen',
  'roleBorgeren',
  'roleFamilien',
  'roleLokalsamfundet',
  'roleArbejdsgiveren',
  'coBidders',
  'participate',
] as const;

/** The form input that holds each party's role. */
const ROLE_INPUT = {
  kommunen: 'roleKommunen',
  borgeren: 'roleBorgeren',
  familien: 'roleFamilien',
  lokalsamfundet: 'roleLokalsamfundet',
  arbejdsgiveren: 'roleArbejdsgiveren',
} as const satisfies Record<PartyRole, keyof BidFormValues>;

/** A card's value as a string: a hand-made request may send numbers, booleans or arrays; anything else is ''. */
function asFormString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string' || typeof v === 'number').join(',');
  return '';
}

function formValues<K extends string>(keys: readonly K[], raw: Record<string, unknown>): Record<K, string> {
  return Object.fromEntries(keys.map((k) => [k, asFormString(Object.hasOwn(raw, k) ? raw[k] : undefined)])) as Record<K, string>;
}

export const tenderFormValuesFrom = (raw: Record<string, unknown>): TenderFormValues => formValues(TENDER_FORM_KEYS, raw);
/** The input holding the other kerneopgaver's forudsætninger, behind their toggle on the bid form. */
const OTHER_CHOICES_INPUT = 'forudsaetningerOther';

/** The bid form sends the tender's own kerneopgave's forudsætninger and the others' as two inputs; they are one answer. */
export function bidFormValuesFrom(raw: Record<string, unknown>): BidFormValues {
  const values = formValues(BID_FORM_KEYS, raw);
  const other = asFormString(Object.hasOwn(raw, OTHER_CHOICES_INPUT) ? raw[OTHER_CHOICES_INPUT] : undefined);
  return { ...values, forudsaetninger: [values.forudsaetninger, other].filter((s) => s.trim() !== '').join(',') };
}

export function tenderFormValuesOf(t: Tender): TenderFormValues {
  const deadline = localParts(new Date(t.deadline));
  return {
    title: t.title,
    description: t.description,
    forudsaetninger: t.forudsaetninger.join(','),
    deadlineDate: deadline.date,
    deadlineTime: deadline.time,
    budgetKr: t.budgetKr === undefined ? '' : String(t.budgetKr),
    decidedBy: t.decidedBy,
  };
}

export function bidFormValuesOf(bid: Bid): BidFormValues {
  return {
    title: bid.title,
    description: bid.description,
    howItHelps: bid.howItHelps,
    forudsaetninger: bid.forudsaetninger.join(','),
    roleKommunen: bid.partyRoles.kommunen ?? '',
    roleBorgeren: bid.partyRoles.borgeren ?? '',
    roleFamilien: bid.partyRoles.familien ?? '',
    roleLokalsamfundet: bid.partyRoles.lokalsamfundet ?? '',
    roleArbejdsgiveren: bid.partyRoles.arbejdsgiveren ?? '',
    coBidders: bid.coBidders,
    participate: String(bid.wantsToParticipate),
  };
}

/** What the person wrote in a bid form, label by label, for a refusal that lets them copy it. */
export interface EchoField {
  readonly label: string;
  readonly value: string;
  /** The field's limit on a bid, so a text over it is said to be so when shown back. */
  readonly limit?: number | undefined;
}

export function bidEcho(locale: Locale, values: BidFormValues): EchoField[] {
  const say = sayIn(locale);
  return [
    { label: say('bidForm.title'), value: values.title, limit: BID_LIMITS.title },
    { label: say('bidForm.description'), value: values.description, limit: BID_LIMITS.description },
    { label: say('bidForm.howItHelps'), value: values.howItHelps, limit: BID_LIMITS.howItHelps },
    ...PARTY_ROLES.map((r) => ({ label: say(`bidForm.role.${r}`), value: values[ROLE_INPUT[r]], limit: BID_LIMITS.partyRole })),
    { label: say('bidForm.coBidders'), value: values.coBidders, limit: BID_LIMITS.coBidders },
  ];
}

// ---- shared fragments ----


interface Fact {
  readonly title: string;
  readonly value: string;
}
const line = (text: string) => ({ text });
const bullet = (text: string) => line(`• ${text}`);

/** Lists are capped so a card stays small; the rest is one "showing N of M" line away. */
const LIST_LIMIT = 25;

const at = (iso: string, locale: Locale) => formatInstant(new Date(iso), locale);
const isOpen = (t: Tender, now: Date) => biddingOpen(t, now).ok;
const yesNo = (say: Say, value: boolean) => say(value ? 'bid.yes' : 'bid.no');

function money(locale: Locale, kr: number): string {
  return text(locale, 'tender.money', { amount: new Intl.NumberFormat(locale === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 0 }).format(kr) });
}

/** A forudsætning as plain text (for choices), "Læring: …" when it is not obviously the tender's own. */
function forudsaetningText(locale: Locale, entry: CatalogEntry, withKerneopgave: boolean): string {
  const demo = entry.demo ? ` ${text(locale, 'tender.demo')}` : '';
  return `${withKerneopgave ? `${entry.kerneopgaveName}: ` : ''}${entry.text}${demo}`;
}

/** The bid's forudsætninger as escaped bullet lines, each with its kerneopgave. */
function bidForudsaetninger(locale: Locale, t: Tender, bid: Bid) {
  return bid.forudsaetninger.map((id) => {
    const entry = t.catalog.find((c) => c.id === id);
    return bullet(esc(entry ? forudsaetningText(locale, entry, true) : id));
  });
}

/** Short status: Kladde / Åben for bud / Lukket for bud / Annulleret. */
function tenderStatus(say: Say, t: Tender, now: Date): string {
  if (t.status === 'published') return say(isOpen(t, now) ? 'tender.status.open' : 'tender.status.closed');
  return say(`tender.status.${t.status}`);
}

/** Status with its when or why: "Åben for bud til …", "Annulleret: <reason>". */
function tenderState(locale: Locale, t: Tender, now: Date): string {
  const say = sayIn(locale);
  if (t.status === 'draft') return say('tender.status.draft');
  if (t.status === 'cancelled') return say('tender.state.cancelled', { reason: esc(t.cancelReason ?? '') });
  return say(isOpen(t, now) ? 'tender.state.open' : 'tender.state.closed', { deadline: at(t.deadline, locale) });
}

function bidStatus(say: Say, bid: Bid): string {
  return [say(`bid.status.${bid.status}`), bid.crossCutting ? say('bid.crossCutting') : ''].filter(Boolean).join(' ');
}

/** What stops changes on a tender that is no longer open: the cancellation, or the deadline. */
function endedNote(say: Say, t: Tender): { text: string; style: ContainerStyle } {
  return t.status === 'cancelled'
    ? { text: say('tender.note.cancelled', { reason: esc(t.cancelReason ?? '') }), style: 'attention' }
    : { text: say('tender.note.closed'), style: 'warning' };
}

// ---- field errors ----

const GENERIC_FIELD_ERROR: Record<FieldErrorCode, TextKey> = {
  REQUIRED: 'fieldError.REQUIRED',
  TOO_LONG: 'fieldError.TOO_LONG',
  INVALID: 'fieldError.INVALID',
  IN_PAST: 'fieldError.IN_PAST',
  NOT_EXISTING_TIME: 'fieldError.NOT_EXISTING_TIME',
  UNKNOWN_CHOICE: 'fieldError.UNKNOWN_CHOICE',
  NOT_A_NUMBER: 'fieldError.NOT_A_NUMBER',
  NOT_WHOLE: 'fieldError.NOT_WHOLE',
  NOT_POSITIVE: 'fieldError.NOT_POSITIVE',
};

/** "Skriv en titel." or, where the field has no text of its own for the code, the general one. {typed} names what was written. */
function fieldErrorText(locale: Locale, e: FieldError, value: string): string {
  const specific = `fieldError.${e.code}.${e.field}`;
  const limit = e.limit === undefined ? '' : e.field === 'budgetKr' ? money(locale, e.limit) : charCount(locale, e.limit);
  return text(locale, isTextKey(specific) ? specific : GENERIC_FIELD_ERROR[e.code], { limit, length: charCount(locale, asText(value).length), typed: esc(excerpt(asText(value), 40)) });
}

/** Every field's error line ('' when fine), so a template can show each under its input. */
function fieldErrors<F extends string>(locale: Locale, fields: readonly F[], errors: readonly FieldError<F>[], valueOf: (field: F) => string): Record<F, string> {
  const out = Object.fromEntries(fields.map((f) => [f, ''])) as Record<F, string>;
  for (const e of errors) out[e.field] = [out[e.field], fieldErrorText(locale, e, valueOf(e.field))].filter(Boolean).join(' ');
  return out;
}

const TENDER_FIELDS: readonly TenderField[] = ['title', 'description', 'forudsaetninger', 'deadline', 'budgetKr', 'decidedBy'];
const BID_FIELDS: readonly BidField[] = ['title', 'description', 'howItHelps', 'forudsaetninger', ...PARTY_ROLES.map((r) => `role.${r}` as const), 'coBidders', 'participate'];

const tenderValueOf = (values: TenderFormValues) => (field: TenderField) => (field === 'deadline' ? '' : values[field]);
const bidValueOf = (values: BidFormValues) => (field: BidField) =>
  field.startsWith('role.') ? values[ROLE_INPUT[field.slice('role.'.length) as PartyRole]] : values[field as Exclude<BidField, `role.${string}`>];

// ---- the kernegruppe's tender form ----

export function tenderFormCard(
  locale: Locale,
  v: {
    tenderId?: string | undefined;
    groupName: string;
    kerneopgaveName: string;
    choices: readonly { id: string; text: string; demo: boolean }[];
    values: TenderFormValues;
    errors: readonly FieldError<TenderField>[];
    /** Editing a draft from the kernegruppe's list: Fortryd goes back to the list, else to the draft's preview. */
    from?: From | undefined;
  },
): CardJson {
  const say = sayIn(locale);
  // Fortryd on an edit leaves the stored draft as it was; a new form has nothing to go back to.
  const undo = v.tenderId
    ? v.from === 'list'
      ? button('tender.list', say('button.undo'), {})
      : button('tender.preview', say('button.undo'), { tenderId: v.tenderId })
    : undefined;
  return renderCard('tender-form', {
    heading: say(v.tenderId ? 'tenderForm.editTitle' : 'tenderForm.newTitle', { group: esc(v.groupName) }),
    intro: say('tenderForm.intro', { kerneopgave: esc(v.kerneopgaveName) }),
    summary: v.errors.length > 0 ? say('tenderForm.summary') : '',
    labels: {
      title: withLimit(locale, say('tenderForm.title'), TENDER_LIMITS.title),
      forudsaetninger: say('tenderForm.forudsaetninger'),
      description: withLimit(locale, say('tenderForm.description'), TENDER_LIMITS.description),
      descriptionPlaceholder: say('tenderForm.descriptionPlaceholder'),
      deadlineDate: say('tenderForm.deadlineDate'),
      deadlineTime: say('tenderForm.deadlineTime'),
      budgetKr: say('tenderForm.budgetKr'),
      budgetPlaceholder: say('tenderForm.budgetPlaceholder'),
      decidedBy: say('tenderForm.decidedBy'),
    },
    values: v.values,
    errors: fieldErrors(locale, TENDER_FIELDS, v.errors, tenderValueOf(v.values)),
    choices: v.choices.map((c) => ({ title: c.demo ? `${c.text} ${say('tender.demo')}` : c.text, value: c.id })),
    decidedByChoices: DECIDED_BY.map((d) => ({ title: say(`tender.decidedBy.${d}`), value: d })),
    actions: [
      button('tender.save', say('button.saveDraft'), v.tenderId ? { tenderId: v.tenderId, ...fromData(v.from) } : {}, 'positive'),
      ...(undo ? [undo] : []),
    ],
  });
}

// ---- the announcement, its draft preview, and a bidder's own view of it: one template ----

interface MineSection {
  readonly show: boolean;
  readonly heading: string;
  readonly bids: readonly { heading: string; title: string; status: string; actions: readonly Button[] }[];
}

function tenderCard(
  locale: Locale,
  t: Tender,
  o: { withCount: boolean; note?: { text: string; style: ContainerStyle } | undefined; mine?: MineSection; actions: readonly Button[] },
): CardJson {
  const say = sayIn(locale);
  const facts: Fact[] = [
    { title: say('tender.fact.kerneopgave'), value: esc(t.kerneopgaveName) },
    { title: say('tender.fact.deadline'), value: at(t.deadline, locale) },
    ...(t.budgetKr !== undefined ? [{ title: say('tender.fact.budget'), value: money(locale, t.budgetKr) }] : []),
    { title: say('tender.fact.decidedBy'), value: say(`tender.decidedBy.${t.decidedBy}`) },
    ...(o.withCount ? [{ title: say('tender.fact.bids'), value: String(t.activeBids) }] : []),
  ];
  return renderCard('tender-announcement', {
    kicker: say('tender.kicker', { group: esc(t.groupName) }),
    title: esc(t.title),
    note: o.note?.text ?? '',
    noteStyle: o.note?.style ?? 'default',
    description: esc(t.description),
    opensHeading: say('tender.opens'),
    opens: opensForudsaetninger(t).map((e) => bullet(esc(forudsaetningText(locale, e, false)))),
    facts,
    mine: o.mine ?? { show: false, heading: '', bids: [] },
    actions: o.actions,
  });
}

/** Teams may ask for a refresh for at most 60 users. */
const REFRESH_USER_LIMIT = 60;

/**
 * The shared card in the announcement channels: the tender and how many bids it has, never their
 * content. While open, the bidders listed get their own view (bid.open) through Teams' refresh.
 */
export function announcementCard(locale: Locale, t: Tender, now: Date, refreshUserIds: readonly string[]): CardJson {
  const say = sayIn(locale);
  const open = isOpen(t, now);
  const card = tenderCard(locale, t, {
    withCount: true,
    note: open || t.status === 'draft' ? undefined : endedNote(say, t),
    actions: open ? [button('bid.open', say('button.bid'), { tenderId: t.id }, 'positive')] : [],
  });
  if (!open || refreshUserIds.length === 0) return card;
  return {
    ...card,
    refresh: { action: { type: 'Action.Execute', verb: 'bid.open', data: { tenderId: t.id } }, userIds: refreshUserIds.slice(0, REFRESH_USER_LIMIT) },
  };
}

/** What a manager may do with a draft, wherever it is shown: edit, publish, cancel. */
function draftButtons(say: Say, t: Tender, from?: From): Button[] {
  const id = { tenderId: t.id };
  return [
    button('tender.edit', say('button.editDraft'), { ...id, ...fromData(from) }),
    button('tender.publish', say('button.publish'), id, 'positive'),
    button('tender.cancelAsk', say('button.cancelTender'), id, 'destructive'),
  ];
}

export function tenderPreviewCard(locale: Locale, t: Tender): CardJson {
  const say = sayIn(locale);
  return tenderCard(locale, t, { withCount: false, note: { text: say('tender.note.draft'), style: 'warning' }, actions: draftButtons(say, t) });
}

/** Ret and Træk tilbage on a bid, while the tender is open and the bid is not withdrawn. */
function bidChangeButtons(say: Say, bid: Bid, open: boolean, from?: From): Button[] {
  if (!open || bid.status === 'withdrawn') return [];
  const data = { bidId: bid.id, ...fromData(from) };
  return [button('bid.edit', say('button.editBid'), data), button('bid.withdrawAsk', say('button.withdrawBid'), data, 'destructive')];
}

/** "Tilbage til mine bud" on a card reached from `mine bud`. */
const backToMyBids = (say: Say, from: From | undefined): Button[] => (from === 'mine' ? [button('bid.mine', say('button.backToMyBids'), {})] : []);

/**
 * What a bidder sees instead of "Byd ind": the announcement with their own bids on it. Reached from
 * `mine bud` (from 'mine'), it leads back there, and its buttons carry that along.
 */
export function myTenderBidsCard(locale: Locale, t: Tender, bids: readonly Bid[], now: Date, from?: From): CardJson {
  const say = sayIn(locale);
  const open = isOpen(t, now);
  return tenderCard(locale, t, {
    withCount: true,
    note: open ? undefined : t.status === 'cancelled' ? endedNote(say, t) : { text: say('mine.closed'), style: 'warning' },
    mine: {
      show: true,
      heading: say('mine.heading'),
      bids: bids.map((b) => ({
        heading: say('mine.bidHeading', { number: bidNo(b), at: at(b.submittedAt, locale) }),
        title: esc(b.title),
        status: bidStatus(say, b),
        actions: bidChangeButtons(say, b, open, from),
      })),
    },
    actions: [...(open ? [button('bid.new', say('button.newBid'), { tenderId: t.id, ...fromData(from) })] : []), ...backToMyBids(say, from)],
  });
}

// ---- publishing, closing, cancelling, refusing: short messages on one template ----


export type PublishFailure = 'not-installed' | 'removed' | 'forbidden' | 'failed';

/** One announcement channel and what happened there. */
export interface PublishLine {
  readonly conversationId: string;
  readonly name?: string | undefined;
  readonly ok: boolean;
  readonly reason?: PublishFailure | undefined;
}

/**
 * A channel id as a person can read and compare it: Teams writes "19:<id>@thread.tacv2" (and
 * ";messageid=…" in a thread); the part in between is what tells channels apart.
 */
export function readableChannelId(conversationId: string): string {
  const bare = conversationId.split(';')[0]!.replace(/^\d+:/, '').replace(/@thread\.[a-z0-9]+$/i, '');
  return bare || conversationId;
}

function publishLines(say: Say, outcomes: readonly PublishLine[]): { text: string; color: TextColor }[] {
  return outcomes.map((o) => {
    // A channel nothing names (the bot never added there, a link without a name) is shown by its id rather than as "a channel".
    const name = o.name ? esc(o.name) : say('publish.channelById', { id: esc(readableChannelId(o.conversationId)) });
    return o.ok
      ? { text: say('publish.ok', { name }), color: 'Default' as const }
      : { text: say('publish.failed', { name, reason: say(`publish.reason.${o.reason ?? 'failed'}`) }), color: 'Attention' as const };
  });
}

/** The tender is out: where the card went, and where it could not go and why. */
export function publishReportCard(locale: Locale, t: Tender, outcomes: readonly PublishLine[]): CardJson {
  const say = sayIn(locale);
  const someFailed = outcomes.some((o) => !o.ok);
  return messageCard({
    heading: say('publish.done', { title: esc(t.title) }),
    style: someFailed ? 'warning' : 'good',
    lines: [
      { text: say('publish.deadline', { deadline: at(t.deadline, locale) }), color: 'Default' },
      ...publishLines(say, outcomes),
      ...(someFailed ? [{ text: say('publish.someMissed'), color: 'Default' as const }] : []),
    ],
    actions: [button('tender.bids', say('button.seeBids'), { tenderId: t.id })],
  });
}

/**
 * The tender stayed a draft because no channel could announce it: why, channel by channel, and the
 * draft's own buttons, so the manager can publish once an admin has marked or fixed a channel.
 */
export function publishRefusedCard(locale: Locale, t: Tender, outcomes: readonly PublishLine[]): CardJson {
  const say = sayIn(locale);
  return messageCard({
    heading: say('publish.notPublished', { title: esc(t.title) }),
    style: 'attention',
    lines:
      outcomes.length === 0
        ? [{ text: say('publish.noChannels'), color: 'Default' }]
        : [...publishLines(say, outcomes), { text: say('publish.noneReached'), color: 'Default' }],
    actions: draftButtons(say, t),
  });
}

export function closedSummaryCard(locale: Locale, t: Tender): CardJson {
  const say = sayIn(locale);
  const bids = say(t.activeBids === 1 ? 'tender.bidCount.one' : 'tender.bidCount.other', { count: t.activeBids });
  return messageCard({
    heading: say('closed.text', { title: esc(t.title), bids }),
    style: 'emphasis',
    // With no bids there is nothing to see.
    actions: t.activeBids > 0 ? [button('tender.bids', say('button.seeTheBids'), { tenderId: t.id, from: 'closed' })] : [],
  });
}

/** To each bidder 1:1 with their bid, and to the kernegruppe's chat without one. */
export function tenderCancelledCard(locale: Locale, t: Tender, bid?: Bid): CardJson {
  const say = sayIn(locale);
  return messageCard({
    heading: say('cancelled.text', { title: esc(t.title), reason: esc(t.cancelReason ?? '') }),
    style: 'attention',
    lines: bid ? [{ text: say('cancelled.bid', { number: bidNo(bid), bidTitle: esc(bid.title) }), color: 'Default' }] : [],
  });
}

/** To the manager who cancelled: done, and how many bids were reported back to their bidders. */
export function cancelDoneCard(locale: Locale, t: Tender, v: { told: number; notReached: number }): CardJson {
  const say = sayIn(locale);
  const title = esc(t.title);
  const done =
    v.told + v.notReached === 0
      ? say('cancelDone.none', { title })
      : v.told === 1
        ? say('cancelDone.told.one', { title })
        : say('cancelDone.told.other', { title, told: v.told });
  return messageCard({
    heading: say('cancelDone.title'),
    style: 'good',
    lines: [
      { text: done, color: 'Default' },
      ...(v.notReached > 0 ? [{ text: say(v.notReached === 1 ? 'cancelDone.notReached.one' : 'cancelDone.notReached.other', { count: v.notReached }), color: 'Default' as const }] : []),
    ],
  });
}

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
  return renderCard('bid-form', {
    kicker: say(v.bidId !== undefined ? 'bidForm.kickerEdit' : 'bidForm.kickerNew', { group: esc(t.groupName) }),
    title: esc(t.title),
    deadline: say('bidForm.deadline', { deadline: at(t.deadline, locale) }),
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
      coBidders: withLimit(locale, say('bidForm.coBidders'), BID_LIMITS.coBidders),
      coBiddersPlaceholder: say('bidForm.coBiddersPlaceholder'),
      participate: say('bidForm.participate'),
    },
    values: { ...v.values, forudsaetninger: chosenIn(chosen, choices.own), [OTHER_CHOICES_INPUT]: chosenIn(chosen, choices.other) },
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

/** Marks bid.open pressed as the bid form's Fortryd: back to the tender (or the person's bids on it). */
export const UNDO_KEY = 'back';


/** A bid's number, or a dash in the seconds before it is numbered (see app/bid-numbers.ts). */
export const bidNo = (bid: Pick<Bid, 'number'>): string => (bid.number > 0 ? String(bid.number) : '–');

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
    actions: [...bidChangeButtons(say, bid, open, from), button('bid.open', say('button.bidsOnTender'), { tenderId: t.id, ...fromData(from) }), ...backToMyBids(say, from)],
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
  bids: readonly Bid[],
  page: { hasPrevious: boolean; hasNext: boolean },
  now: Date,
  from?: From,
): CardJson {
  const say = sayIn(locale);
  const first = bids[0];
  const last = bids[bids.length - 1];
  const back = fromData(from);
  // Detaljer and back again lands on this page: the bids after the one before its first.
  const thisPage: Record<string, string> = first && first.number > 1 ? { after: String(first.number - 1) } : {};
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
      status: bidStatus(say, b),
      actions: [button('tender.bid', say('button.details'), { bidId: b.id, ...thisPage, ...back })],
    })),
    actions: [
      ...(page.hasPrevious ? [button('tender.bids', say('button.previous'), first ? { tenderId: t.id, before: String(first.number), ...back } : { tenderId: t.id, ...back })] : []),
      ...(page.hasNext && last ? [button('tender.bids', say('button.next'), { tenderId: t.id, after: String(last.number), ...back })] : []),
      overviewBack(say, t, from),
    ],
  });
}

const HISTORY_TEXT: Partial<Record<string, TextKey>> = { submitted: 'bid.history.submitted', edited: 'bid.history.edited', withdrawn: 'bid.history.withdrawn' };

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

export function bidDetailCard(
  locale: Locale,
  t: Tender,
  bid: Bid,
  back: { after?: string | undefined; from?: From | undefined; field?: BidTextField | undefined } = {},
): CardJson {
  const say = sayIn(locale);
  const backData = { ...(back.after ? { after: back.after } : {}), ...fromData(back.from) };
  const backToBids = button('tender.bids', say('button.backToBids'), { tenderId: t.id, ...backData });
  const texts = bidTexts(locale, bid);
  const alone = back.field ? texts.find((f) => f.field === back.field) : undefined;
  const facts = [
    { title: say('detail.fact.bidder'), value: esc(excerpt(bid.bidderName, NAME_SHOWN)) },
    { title: say('detail.fact.status'), value: say(`bid.status.${bid.status}`) },
    { title: say('detail.fact.crossCutting'), value: yesNo(say, bid.crossCutting) },
    { title: say('detail.fact.participate'), value: yesNo(say, bid.wantsToParticipate) },
    ...(bid.coBidders ? [{ title: say('detail.fact.coBidders'), value: esc(bid.coBidders) }] : []),
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
      history: [],
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
  const history = bid.history.slice(-HISTORY_SHOWN).map((h) => line(historyLine(locale, h)));
  const earlier = bid.history.length - HISTORY_SHOWN;
  return renderCard('bid-detail', {
    ...common,
    facts,
    sections: [...section('description'), ...section('howItHelps')],
    forudsaetninger: bidForudsaetninger(locale, t, bid),
    roles: PARTY_ROLES.flatMap((r) => section(`role.${r}`)),
    history: earlier > 0 ? [line(say('detail.historyEarlier', { count: earlier })), ...history] : history,
    actions: [
      backToBids,
      // A cut text is one press away in full; Teams shows a card's first buttons and folds the rest under "…".
      ...cut.map((s) => button('tender.bid', say('button.readAll', { field: s.heading }), { bidId: bid.id, field: s.field, ...backData })),
    ],
  });
}

// ---- lists: open tenders, the kernegruppe's tenders, my bids ----

interface ListItem {
  readonly kicker: string;
  readonly title: string;
  readonly lines: readonly { text: string }[];
  readonly actions: readonly Button[];
}

function listCard<T>(locale: Locale, v: { title: string; empty: string; items: readonly T[] }, item: (x: T) => ListItem): CardJson {
  const shown = v.items.slice(0, LIST_LIMIT);
  return renderCard('tender-list', {
    title: v.title,
    empty: v.empty,
    items: shown.map(item),
    note: shown.length < v.items.length ? text(locale, 'list.truncated', { shown: shown.length, total: v.items.length }) : '',
  });
}

function openTenderItem(locale: Locale, t: Tender, mine: number): ListItem {
  const say = sayIn(locale);
  return {
    kicker: say('list.kicker', { kerneopgave: esc(t.kerneopgaveName), group: esc(t.groupName) }),
    title: esc(t.title),
    lines: [line(say('list.deadline', { deadline: at(t.deadline, locale) })), line(say('list.bids', { count: t.activeBids }))],
    actions: [
      mine > 0 ? button('bid.open', say('button.seeMine', { count: mine }), { tenderId: t.id }) : button('bid.open', say('button.bid'), { tenderId: t.id }, 'positive'),
    ],
  };
}

/** `manages`: the reader may edit, publish and cancel (groupTenders says so); every other member gets only what reading allows. */
function groupTenderItem(locale: Locale, t: Tender, now: Date, manages: boolean): ListItem {
  const say = sayIn(locale);
  const id = { tenderId: t.id };
  const detail =
    t.status === 'cancelled' ? say('list.reason', { reason: esc(t.cancelReason ?? '') }) : t.status === 'draft' ? '' : say('list.bids', { count: t.activeBids });
  return {
    kicker: tenderStatus(say, t, now),
    title: esc(t.title),
    lines: [line(say('list.deadline', { deadline: at(t.deadline, locale) })), ...(detail ? [line(detail)] : [])],
    actions: [
      ...(t.status === 'published' || t.status === 'closed' ? [button('tender.bids', say('button.seeBids'), { ...id, from: 'list' })] : []),
      ...(manages && t.status === 'draft' ? draftButtons(say, t, 'list') : []),
      ...(manages && (t.status === 'published' || t.status === 'closed') ? [button('tender.cancelAsk', say('button.cancelTender'), id, 'destructive')] : []),
    ],
  };
}

/**
 * 'open': an employee's open tenders with Byd ind / Se dine bud; 'group': the kernegruppe's own
 * tenders, with the managers' buttons only when `manages`. `shared`: posted in the group's chat for
 * everyone there, so it offers what every member may do and refreshes into each reader's own view.
 */
export function tenderListCard(
  locale: Locale,
  v: { title: string; empty: string; items: readonly { tender: Tender; mine?: number | undefined }[]; now: Date; mode: 'open' | 'group'; manages?: boolean | undefined; shared?: boolean | undefined },
): CardJson {
  const card = listCard(locale, v, (i) => (v.mode === 'open' ? openTenderItem(locale, i.tender, i.mine ?? 0) : groupTenderItem(locale, i.tender, v.now, (v.manages ?? false) && !v.shared)));
  // No user list: in a chat of fewer than 60 people Teams refreshes the card for everyone in it.
  return v.shared ? { ...card, refresh: { action: { type: 'Action.Execute', verb: 'tender.list', data: {} } } } : card;
}

export function myBidsCard(locale: Locale, items: readonly { tender: Tender; bid: Bid }[], now: Date): CardJson {
  const say = sayIn(locale);
  return listCard(locale, { title: say('myBids.title'), empty: say('myBids.empty'), items }, ({ tender, bid }) => ({
    kicker: say('myBids.kicker', { number: bidNo(bid), status: bidStatus(say, bid) }),
    title: esc(bid.title),
    lines: [line(say('myBids.tender', { title: esc(tender.title) })), line(tenderState(locale, tender, now))],
    actions: [button('bid.open', say('button.seeTender'), { tenderId: tender.id, from: 'mine' })],
  }));
}
