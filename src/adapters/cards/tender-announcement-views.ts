// The tender announcement card: the one template ('tender-announcement') that draws a tender for
// reading, posted in the announcement channels with its bid count and "Byd ind". The draft preview
// (tender-form-views.ts) and a bidder's own bids on it (my-bids-views.ts) draw on the same template.

import { opensForudsaetninger, type Tender } from '../../domain/tender.js';
import { type Locale } from '../i18n/text.js';
import { escapeMarkdown as esc, renderCard, type CardJson } from './render-card.js';
import { button, sayIn, type Button, type ContainerStyle } from './card-parts.js';
import { at, bullet, endedNote, type Fact, forudsaetningText, isOpen, money } from './tender-card-parts.js';

export interface MineSection {
  readonly show: boolean;
  readonly heading: string;
  readonly bids: readonly { heading: string; title: string; status: string; actions: readonly Button[] }[];
}

export function tenderCard(
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
    // What the bidders' activities must move (issue 13 point 7); tenders made before it was carried have none.
    bevaegelse: t.bevaegelse ? say('bevaegelse.tender', { bevaegelse: esc(t.bevaegelse) }) : '',
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
