// Shared pieces of the internt udbud views (the tender-*-views.ts files, my-bids-views.ts, bid-views.ts): where a card was reached
// from, the forms' values as Teams sends them, field errors in the reader's words, and the small
// formatters both sides use. Everything a person typed is escaped where it becomes card text.

import { BID_LIMITS, PARTY_ROLES, type Bid, type BidField, type PartyRole } from '../../domain/bid.js';
import { asText, biddingOpen, type CatalogEntry, type FieldError, type FieldErrorCode, type Tender, type TenderField } from '../../domain/tender.js';
import { formatInstant, localParts } from '../../domain/time.js';
import { isTextKey, text, type Locale, type TextKey } from '../i18n/text.js';
import { escapeMarkdown as esc, excerpt } from './render-card.js';
import { button, charCount, sayIn, type Button, type ContainerStyle, type Say } from './card-parts.js';


// ---- where a card was reached from ----

/**
 * Where the person came from, carried in a button's data (`from`) so the card that replaces theirs
 * can offer the way back: 'list' the kernegruppe's tender list, 'closed' the "tender closed" notice,
 * 'mine' their `mine bud`. It only picks a back button; every view still checks who may see it.
 */
export const FROM = ['list', 'closed', 'mine'] as const;
export type From = (typeof FROM)[number];
export const fromData = (from: From | undefined): Record<string, string> => (from ? { from } : {});

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
  /** The people picker's pick: roster ids, comma-separated (free text only on bids from before the picker). */
  coBidders: string;
  /** The picked people's names where known (a stored bid), so the picker shows who is picked. */
  coBidderPeople?: readonly { readonly id: string; readonly name: string }[] | undefined;
  /** A bid's free-text co-bidders from before the picker, shown beside it and kept. */
  legacyCoBidders?: string | undefined;
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
export const ROLE_INPUT = {
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
export const OTHER_CHOICES_INPUT = 'forudsaetningerOther';

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
    coBidders: (bid.coBidderIds ?? []).map((c) => c.id).join(','),
    coBidderPeople: bid.coBidderIds ?? [],
    legacyCoBidders: bid.coBidders,
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
    // Free text only (a bid from before the picker): a pick of people was not typed, and is on the form's picker.
    { label: say('bidForm.coBidders'), value: values.legacyCoBidders ?? (/^[0-9a-f-]{36}(,[0-9a-f-]{36})*$|^none/i.test(values.coBidders.replace(/\s/g, '')) ? '' : values.coBidders), limit: BID_LIMITS.coBidders },
  ];
}

// ---- shared fragments ----


export interface Fact {
  readonly title: string;
  readonly value: string;
}
export const line = (text: string) => ({ text });
export const bullet = (text: string) => line(`• ${text}`);

/** Lists are capped so a card stays small; the rest is one "showing N of M" line away. */
export const LIST_LIMIT = 25;

export const at = (iso: string, locale: Locale) => formatInstant(new Date(iso), locale);
export const isOpen = (t: Pick<Tender, 'status' | 'deadline'>, now: Date) => biddingOpen(t, now).ok;
export const yesNo = (say: Say, value: boolean) => say(value ? 'bid.yes' : 'bid.no');

export function money(locale: Locale, kr: number): string {
  return text(locale, 'tender.money', { amount: new Intl.NumberFormat(locale === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 0 }).format(kr) });
}

/** A forudsætning as plain text (for choices), "Læring: …" when it is not obviously the tender's own. */
export function forudsaetningText(locale: Locale, entry: CatalogEntry, withKerneopgave: boolean): string {
  const demo = entry.demo ? ` ${text(locale, 'tender.demo')}` : '';
  return `${withKerneopgave ? `${entry.kerneopgaveName}: ` : ''}${entry.text}${demo}`;
}

/** The bid's forudsætninger as escaped bullet lines, each with its kerneopgave. */
export function bidForudsaetninger(locale: Locale, t: Tender, bid: Bid) {
  return bid.forudsaetninger.map((id) => {
    const entry = t.catalog.find((c) => c.id === id);
    return bullet(esc(entry ? forudsaetningText(locale, entry, true) : id));
  });
}

/** Short status: Kladde / Åben for bud / Lukket for bud / Annulleret. */
export function tenderStatus(say: Say, t: Pick<Tender, 'status' | 'deadline'>, now: Date): string {
  if (t.status === 'published') return say(isOpen(t, now) ? 'tender.status.open' : 'tender.status.closed');
  return say(`tender.status.${t.status}`);
}

/** Status with its when or why: "Åben for bud til …", "Annulleret: <reason>". */
export function tenderState(locale: Locale, t: Pick<Tender, 'status' | 'deadline' | 'cancelReason'>, now: Date): string {
  const say = sayIn(locale);
  if (t.status === 'draft') return say('tender.status.draft');
  if (t.status === 'cancelled') return say('tender.state.cancelled', { reason: esc(t.cancelReason ?? '') });
  return say(isOpen(t, now) ? 'tender.state.open' : 'tender.state.closed', { deadline: at(t.deadline, locale) });
}

export function bidStatus(say: Say, bid: Pick<Bid, 'status' | 'crossCutting'>): string {
  return [say(`bid.status.${bid.status}`), bid.crossCutting ? say('bid.crossCutting') : ''].filter(Boolean).join(' ');
}

/** What stops changes on a tender that is no longer open: the cancellation, or the deadline. */
export function endedNote(say: Say, t: Tender): { text: string; style: ContainerStyle } {
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
export function fieldErrors<F extends string>(locale: Locale, fields: readonly F[], errors: readonly FieldError<F>[], valueOf: (field: F) => string): Record<F, string> {
  const out = Object.fromEntries(fields.map((f) => [f, ''])) as Record<F, string>;
  for (const e of errors) out[e.field] = [out[e.field], fieldErrorText(locale, e, valueOf(e.field))].filter(Boolean).join(' ');
  return out;
}

export const TENDER_FIELDS: readonly TenderField[] = ['title', 'description', 'forudsaetninger', 'deadline', 'budgetKr', 'decidedBy'];
export const BID_FIELDS: readonly BidField[] = ['title', 'description', 'howItHelps', 'forudsaetninger', ...PARTY_ROLES.map((r) => `role.${r}` as const), 'coBidders', 'participate'];

export const tenderValueOf = (values: TenderFormValues) => (field: TenderField) => (field === 'deadline' ? '' : values[field]);
export const bidValueOf = (values: BidFormValues) => (field: BidField) =>
  field.startsWith('role.') ? values[ROLE_INPUT[field.slice('role.'.length) as PartyRole]] : values[field as Exclude<BidField, `role.${string}`>];

// ---- the kernegruppe's tender form ----

/** A bid's number, or a dash in the seconds before it is numbered (see app/bid-numbers.ts). */
export const bidNo = (bid: Pick<Bid, 'number'>): string => (bid.number > 0 ? String(bid.number) : '–');

/**
 * Ret and Træk tilbage until the deadline; after it, the bidder may ask for a konsekvensberegning (seed 000:
 * ""Tilbudsgiverne" vil i dette arbejde kunne søge hjælp hos Økonomi og Personale til konsekvensberegninger").
 * Without the tender's status (a card that does not pass it) a cancelled tender's bid shows the button too,
 * and the server says why it cannot be asked.
 */
export function bidChangeButtons(say: Say, bid: Bid, open: boolean, from?: From, tenderStatus?: Tender['status']): Button[] {
  if (bid.status === 'withdrawn') return [];
  if (!open) return tenderStatus === 'cancelled' || tenderStatus === 'draft' ? [] : [button('konsekvens.request', say('konsekvens.button.ask'), { bidId: bid.id })];
  const data = { bidId: bid.id, ...fromData(from) };
  return [button('bid.edit', say('button.editBid'), data), button('bid.withdrawAsk', say('button.withdrawBid'), data, 'destructive')];
}

export const backToMyBids = (say: Say, from: From | undefined): Button[] => (from === 'mine' ? [button('bid.mine', say('button.backToMyBids'), {})] : []);
