// `historik`: a tender's (and its bids') state changes, newest first, a page at a time: when, who, what,
// the change of status, and why. Each line is bounded (a reason is shown up to its first 300 characters),
// so a page of 15 stays far under the card budget whatever was written.

import type { HistoryLine } from '../../domain/history.js';
import { formatInstant } from '../../domain/time.js';
import { isTextKey, text, type Locale } from '../i18n/text.js';
import { button, messageCard, type Button, type Line } from './card-parts.js';
import { escapeMarkdown as esc, excerpt, type CardJson } from './render-card.js';

/** A status as the cards name it (a tender's or a bid's); undefined for one no card names (the line then says no change). */
function statusName(locale: Locale, status: string): string | undefined {
  for (const key of [`bid.status.${status}`, `tender.status.${status === 'published' ? 'open' : status}`]) if (isTextKey(key)) return text(locale, key);
  return undefined;
}

function actionName(locale: Locale, action: string): string {
  const key = `history.action.${action}`;
  return isTextKey(key) ? text(locale, key) : action;
}

export function historyLine(locale: Locale, l: HistoryLine, names: ReadonlyMap<string, string>): Line {
  const who = l.by === 'system' ? text(locale, 'history.system') : esc(names.get(l.by) ?? l.by);
  const what = [l.subject ? text(locale, 'history.bid', { number: l.subject.number, title: esc(excerpt(l.subject.title, 80)) }) : '', actionName(locale, l.action)].filter(Boolean).join(': ');
  const [from, to] = [l.from && statusName(locale, l.from), l.to && statusName(locale, l.to)];
  const change = from && to && l.from !== l.to ? ` (${text(locale, 'history.change', { from, to })})` : '';
  const why = l.note ? `\n\n${text(locale, 'history.why', { note: esc(excerpt(l.note, 300)) })}` : '';
  return { text: `**${formatInstant(new Date(l.at), locale)}** · ${who} · ${what}${change}${why}`, color: 'Default', separator: true };
}

export interface HistoryCardView {
  readonly title: string;
  readonly lines: readonly HistoryLine[];
  readonly names: ReadonlyMap<string, string>;
  readonly page: number;
  readonly pages: number;
  readonly hasOlder: boolean;
  /** The verb and data that show another page (`page` is added). */
  readonly verb: string;
  readonly data: Readonly<Record<string, string>>;
  readonly back?: Button | undefined;
}

export function historyCard(locale: Locale, v: HistoryCardView): CardJson {
  const lines: Line[] =
    v.lines.length === 0
      ? [{ text: text(locale, 'history.empty'), color: 'Default' }]
      : [{ text: text(locale, 'history.page', { page: v.page + 1, pages: v.pages }), color: 'Default' }, ...v.lines.map((l) => historyLine(locale, l, v.names))];
  const actions: Button[] = [];
  if (v.page > 0) actions.push(button(v.verb, text(locale, 'history.newer'), { ...v.data, page: String(v.page - 1) }));
  if (v.hasOlder) actions.push(button(v.verb, text(locale, 'history.older'), { ...v.data, page: String(v.page + 1) }));
  if (v.back) actions.push(v.back);
  return messageCard({ heading: text(locale, 'history.title', { title: esc(excerpt(v.title, 120)) }), style: 'emphasis', lines, actions });
}
