// Picks the user's language from the activity's locale and fills in a text's {placeholders}.

import { da, type TextKey } from './da.js';
import { en } from './en.js';

export type Locale = 'da' | 'en';
export type { TextKey };

const CATALOGS: Record<Locale, Record<TextKey, string>> = { da, en };

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
