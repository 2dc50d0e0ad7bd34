// How each kind of notice looks in Teams: each feature's views export the drawing of their own
// notices, and the notifier composes them into one table (the compiler checks every kind has one).

import type { Notice } from '../../app/ports.js';
import type { Locale } from '../i18n/text.js';
import type { CardJson } from './render-card.js';

/** One or more cards (each under the budget, sent in order), or plain text (split into messages as needed). */
export type NoticeDrawing = { readonly cards: readonly CardJson[] } | { readonly text: string };

export type NoticeView<K extends Notice['kind']> = (locale: Locale, notice: Extract<Notice, { kind: K }>, now: Date) => NoticeDrawing;

export type NoticeViews = { readonly [K in Notice['kind']]: NoticeView<K> };

export const oneCard = (card: CardJson): NoticeDrawing => ({ cards: [card] });
