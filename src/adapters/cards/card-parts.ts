// What the views share: saying a text in the reader's language, a card button, and the short
// message card (heading, lines, what the person wrote shown back, buttons) on its one template.

import { text, type Locale, type TextKey } from '../i18n/text.js';
import { renderCard, type CardJson } from './render-card.js';

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
