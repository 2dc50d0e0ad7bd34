// What the views share: saying a text in the reader's language, a card button, and the short
// message card (heading, lines, what the person wrote shown back, buttons) on its one template.

import { text, type Locale, type TextKey } from '../i18n/text.js';
import { escapeMarkdown, renderCard, type CardJson } from './render-card.js';

export type Say = (key: TextKey, params?: Record<string, string | number>) => string;
export const sayIn =
  (locale: Locale): Say =>
  (key, params) =>
    text(locale, key, params);

/** A count of characters as the reader writes numbers: 2.000 (da), 2,000 (en). */
export const charCount = (locale: Locale, n: number): string => new Intl.NumberFormat(locale === 'da' ? 'da-DK' : 'en-GB').format(n);

/**
 * A text field's label with its limit, "Beskrivelse (højst 2.000 tegn)": the card sets no maxLength,
 * because Teams' client would cut a pasted text at it without a word; the server refuses instead.
 */
export const withLimit = (locale: Locale, label: string, limit: number): string => text(locale, 'form.withLimit', { label, limit: charCount(locale, limit) });

/**
 * How much of what a person typed a card shows back (a refusal's "Det, du skrev", a late bid or topic,
 * "Jeg forstod ikke …"): a title's 200 characters, a long field's 2,000, and all fields of one card
 * together at most 12,000 JSON characters (24 KB of the card's 40 KB). The whole text still is where it
 * was: in the form's inputs when a form comes back, or stored as typed; only the display is cut.
 */
export const SHOWN_BACK = { title: 200, text: 2000, total: 12_000 } as const;

const jsonLength = (s: string) => JSON.stringify(s).length - 2;

/**
 * `value` escaped for markdown and, when it is longer than `max` characters or its escaped JSON longer
 * than `budget`, cut there with "…" and a note saying how much is shown. Text full of characters that
 * need escaping (\ costs four JSON characters) is cut sooner, so the card's size is bounded whatever is typed.
 */
export function shownBack(locale: Locale, value: string, max: number = SHOWN_BACK.text, budget: number = 2 * max): string {
  const { text: shown, note } = shownBackParts(locale, value, max, budget);
  return note ? `${shown}\n\n${note}` : shown;
}

/** As shownBack, with the note apart, for a text quoted inside a sentence (the note goes after the sentence). */
export function shownBackParts(locale: Locale, value: string, max: number = SHOWN_BACK.text, budget: number = 2 * max): { text: string; note: string } {
  const escaped = escapeMarkdown(value);
  if (value.length <= max && jsonLength(escaped) <= budget) return { text: escaped, note: '' };
  // The longest opening whose escaped JSON fits: the length is monotone in the opening, so halve the range.
  let lo = 0;
  let hi = Math.min(value.length, max);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (jsonLength(escapeMarkdown(value.slice(0, mid))) <= budget) lo = mid;
    else hi = mid - 1;
  }
  // Never split an emoji (a surrogate pair) in two.
  if (lo > 0 && /[\uD800-\uDBFF]/.test(value.charAt(lo - 1))) lo--;
  const note = text(locale, 'echo.cut', { shown: charCount(locale, lo), length: charCount(locale, value.length) });
  return { text: `${escapeMarkdown(value.slice(0, lo).trimEnd())} …`, note };
}

/** Several typed fields shown back on one card: each bounded by its own limit and all of them together by SHOWN_BACK.total. */
export function shownBackFields(
  locale: Locale,
  fields: readonly { label: string; value: string; max?: number | undefined }[],
  total: number = SHOWN_BACK.total,
): { label: string; value: string }[] {
  let left = total;
  return fields.map((f) => {
    const max = f.max ?? SHOWN_BACK.text;
    const value = shownBack(locale, f.value, max, Math.max(0, Math.min(2 * max, left)));
    left -= jsonLength(value);
    return { label: f.label, value };
  });
}

/**
 * The lines of a list card, in order, as many as fit in `budget` JSON characters; the rest are said
 * in one closing line (`more(count)`), so a list of long names cannot push a card over the budget.
 */
export function linesWithin(lines: readonly Line[], budget: number, more: (count: number) => Line): Line[] {
  const kept: Line[] = [];
  let used = 0;
  for (const l of lines) {
    used += jsonLength(l.text) + 60;
    if (used > budget) return [...kept, more(lines.length - kept.length)];
    kept.push(l);
  }
  return kept;
}

export type ButtonStyle = 'default' | 'positive' | 'destructive';
export type ContainerStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning';
/**
 * Status is said in words and a symbol (✓, ✗, ⚠, ⏳) in the default colour. Teams' Good green (#92C353)
 * on white is about 2.2:1 and its Warning yellow lower still, under the 4.5:1 that text needs; only
 * Attention (#C4314B, about 5.4:1) is kept, for what went wrong.
 */
export type TextColor = 'Default' | 'Attention';

export interface Button {
  readonly verb: string;
  readonly title: string;
  readonly data: Readonly<Record<string, string>>;
  readonly style: ButtonStyle;
}
export const button = (verb: string, title: string, data: Readonly<Record<string, string>>, style: ButtonStyle = 'default'): Button => ({ verb, title, data, style });

export interface Line {
  readonly text: string;
  readonly color: TextColor;
  /** A rule above the line, for lists whose entries would otherwise read as one paragraph. */
  readonly separator?: boolean | undefined;
}

export interface Message {
  readonly heading: string;
  readonly style: ContainerStyle;
  readonly lines?: readonly Line[];
  readonly echoHeading?: string;
  readonly echo?: readonly { label: string; value: string }[];
  /** What was written, shown back: in monospace on a refusal (text to copy), in the normal font on a receipt. */
  readonly echoFont?: 'Default' | 'Monospace' | undefined;
  readonly actions?: readonly Button[];
}

/** Publishing, closing, reminders, receipts, refusals: short messages on the `tender-message` template. */
export function messageCard(m: Message): CardJson {
  return renderCard('tender-message', {
    heading: m.heading,
    style: m.style,
    lines: (m.lines ?? []).map((l) => ({ text: l.text, color: l.color, separator: l.separator ?? false })),
    echoHeading: m.echoHeading ?? '',
    echo: m.echo ?? [],
    echoFont: m.echoFont ?? 'Monospace',
    actions: m.actions ?? [],
  });
}
