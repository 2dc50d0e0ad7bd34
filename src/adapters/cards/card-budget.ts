// The one check at the sending edge: every card the bot sends (an invoke's answer, a typed command's
// answer, a proactive post or update) is measured here. Views are built to stay under the budget
// whatever people type; this is the net under them. A card over the budget is logged with its template
// and size and replaced by a small card that says so, rather than letting Teams refuse the message.

import type { Logger } from '../../logger.js';
import { text, type Locale } from '../i18n/text.js';
import { noticeCard } from './views.js';
import { templateOf, type CardJson } from './render-card.js';

/**
 * 40 KB per card, measured as Teams measures a message: UTF-16, two bytes per JSON character. Teams
 * answers 413 above about 100 KB and recommends at most 80 KB; its older limits were 28 and 40 KB, and
 * the activity around the card (ids, addresses, channel data) takes a few KB more. 40 KB leaves room
 * for all of that and for Teams lowering its limit again.
 */
export const CARD_BUDGET_BYTES = 40 * 1024;

/** The card's size as Teams counts it: UTF-16 bytes of its JSON. */
export function cardBytes(card: object): number {
  return 2 * JSON.stringify(card).length;
}

/** The card itself when it is under the budget; otherwise a small card saying it was too large (and a logged error). */
export function fitCard(card: CardJson, locale: Locale, log: Logger): CardJson {
  const bytes = cardBytes(card);
  if (bytes <= CARD_BUDGET_BYTES) return card;
  log.error({ template: templateOf(card) ?? 'unknown', bytes, budget: CARD_BUDGET_BYTES }, 'card over budget, sent a smaller one instead');
  return noticeCard(locale, { text: text(locale, 'error.cardTooLarge'), style: 'attention' });
}

interface OutgoingActivity {
  attachments?: { contentType?: string; content?: unknown }[] | undefined;
}

/** Every Adaptive Card attached to an outgoing message, fitted to the budget (for a turn's onSendActivities). */
export function fitAttachments<A extends OutgoingActivity>(activity: A, locale: Locale, log: Logger): A {
  if (!activity.attachments?.some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')) return activity;
  return {
    ...activity,
    attachments: activity.attachments.map((a) => (a.contentType === 'application/vnd.microsoft.card.adaptive' && a.content ? { ...a, content: fitCard(a.content as CardJson, locale, log) } : a)),
  };
}

/**
 * A plain-text message's share of the same budget: 10,000 characters, which stay under 40 KB even
 * where every character is one JSON must escape (\ and line breaks take two).
 */
export const TEXT_MESSAGE_CHARS = 10_000;

/**
 * A long plain text (the agenda for the minutes) as messages Teams will take, in order: cut between
 * paragraphs where one ends in the second half of a message, else between lines, else anywhere.
 */
export function splitText(text: string, max: number = TEXT_MESSAGE_CHARS): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = window.lastIndexOf('\n\n');
    if (cut < max / 2) cut = window.lastIndexOf('\n');
    if (cut < max / 2) cut = /[\uD800-\uDBFF]/.test(window.charAt(max - 1)) ? max - 1 : max;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\n+/, '');
  }
  if (rest !== '' || parts.length === 0) parts.push(rest);
  return parts;
}
