// Picks the user's language from the activity's locale and fills in a text's {placeholders}.
// The catalogs are split by area (general texts in da/en.ts, internt udbud in tender-da/en.ts, the dialogmøde agenda in agenda-da/en.ts) and
// merged here, so text(locale, key) covers every key.

import { da, type TextKey as CoreTextKey } from './da.js';
import { en } from './en.js';
import { tenderDa, type TenderTextKey } from './tender-da.js';
import { tenderEn } from './tender-en.js';
import { agendaDa, type AgendaTextKey } from './agenda-da.js';
import { agendaEn } from './agenda-en.js';
import { decisionDa, type DecisionTextKey } from './decision-da.js';
import { decisionEn } from './decision-en.js';

export type Locale = 'da' | 'en';
export type TextKey = CoreTextKey | TenderTextKey | AgendaTextKey | DecisionTextKey;

// A key in two catalogs would silently shadow one text with the other: make it a type error.
type SharedKeys = (CoreTextKey & TenderTextKey) | (CoreTextKey & AgendaTextKey) | (TenderTextKey & AgendaTextKey) | (DecisionTextKey & (CoreTextKey | TenderTextKey | AgendaTextKey));
const _noKeyInTwoCatalogs: [SharedKeys] extends [never] ? true : never = true;

const CATALOGS: Record<Locale, Record<TextKey, string>> = { da: { ...da, ...tenderDa, ...agendaDa, ...decisionDa }, en: { ...en, ...tenderEn, ...agendaEn, ...decisionEn } };

/** Danish unless the user's Teams runs in English. */
export function localeOf(activityLocale: string | undefined): Locale {
  return activityLocale?.toLowerCase().startsWith('en') ? 'en' : 'da';
}

export function text(locale: Locale, key: TextKey, params: Record<string, string | number> = {}): string {
  return CATALOGS[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function catalog(locale: Locale): Record<TextKey, string> {
  return CATALOGS[locale];
}

/** For texts picked by a computed name (e.g. a field error per field): is there such a key? */
export function isTextKey(key: string): key is TextKey {
  return Object.hasOwn(CATALOGS.da, key);
}
