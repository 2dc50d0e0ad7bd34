// The `udbud` list: an employee's open tenders (Byd ind / Se dine bud), or in a kernegruppe's chat the
// group's own tenders with the managers' buttons. Its list template is also used by `mine bud`.

import { type TenderSummary } from '../../domain/tender.js';
import { text, type Locale } from '../i18n/text.js';
import { escapeMarkdown as esc, renderCard, type CardJson } from './render-card.js';
import { button, sayIn, type Button } from './card-parts.js';
import { at, line, LIST_LIMIT, tenderStatus } from './tender-card-parts.js';
import { draftButtons, type DraftRights } from './tender-form-views.js';
import { draftReadyListLine } from './draft-ready-views.js';

export interface ListItem {
  readonly kicker: string;
  readonly title: string;
  readonly lines: readonly { text: string }[];
  readonly actions: readonly Button[];
}

/**
 * The first LIST_LIMIT rows, and a line saying there are more when the use case read one more than
 * that (`more`), or was handed more than fit; the list never knows how many there are in all.
 */
export function listCard<T>(v: { title: string; empty: string; items: readonly T[]; more: boolean; moreText: (shown: number) => string }, item: (x: T) => ListItem): CardJson {
  const shown = v.items.slice(0, LIST_LIMIT);
  return renderCard('tender-list', {
    title: v.title,
    empty: v.empty,
    items: shown.map(item),
    note: v.more || shown.length < v.items.length ? v.moreText(shown.length) : '',
  });
}

function openTenderItem(locale: Locale, t: TenderSummary, mine: number): ListItem {
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

/** `may`: what the reader may do by the rights table (groupTenders says so); every other member gets only what reading allows. */
function groupTenderItem(locale: Locale, t: TenderSummary, now: Date, may: DraftRights, readsBids: boolean): ListItem {
  const say = sayIn(locale);
  const id = { tenderId: t.id };
  const detail =
    t.status === 'cancelled'
      ? say('list.reason', { reason: esc(t.cancelReason ?? '') })
      : t.status === 'draft'
        ? t.readyForLead
          ? draftReadyListLine(locale, t.readyForLead)
          : ''
        : say('list.bids', { count: t.activeBids });
  return {
    kicker: tenderStatus(say, t, now),
    title: esc(t.title),
    lines: [line(say('list.deadline', { deadline: at(t.deadline, locale) })), ...(detail ? [line(detail)] : [])],
    actions: [
      ...(readsBids && (t.status === 'published' || t.status === 'closed') ? [button('tender.bids', say('button.seeBids'), { ...id, from: 'list' })] : []),
      ...(t.status === 'draft' ? draftButtons(say, t, 'list', may) : []),
      ...(may.cancels && (t.status === 'published' || t.status === 'closed') ? [button('tender.cancelAsk', say('button.cancelTender'), id, 'destructive')] : []),
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
  v: {
    title: string;
    empty: string;
    items: readonly { tender: TenderSummary; mine?: number | undefined }[];
    /** There are more than the items: the card says so. */
    more?: boolean | undefined;
    now: Date;
    mode: 'open' | 'group';
    manages?: boolean | undefined;
    /** May publish and cancel (the rights table's offentliggoer and aflys); as `manages` when not said. */
    publishes?: boolean | undefined;
    cancels?: boolean | undefined;
    /** The group's bids are its members' (an admin standing in is shown no Se bud). */
    readsBids?: boolean | undefined;
    shared?: boolean | undefined;
  },
): CardJson {
  const moreText = (shown: number) => text(locale, v.mode === 'open' ? 'list.more.open' : 'list.more.group', { shown });
  const own = !v.shared;
  const may: DraftRights = { edits: own && (v.manages ?? false), publishes: own && (v.publishes ?? v.manages ?? false), cancels: own && (v.cancels ?? v.manages ?? false) };
  const card = listCard({ ...v, more: v.more ?? false, moreText }, (i) => (v.mode === 'open' ? openTenderItem(locale, i.tender, i.mine ?? 0) : groupTenderItem(locale, i.tender, v.now, may, v.readsBids ?? true)));
  // No user list: in a chat of fewer than 60 people Teams refreshes the card for everyone in it.
  return v.shared ? { ...card, refresh: { action: { type: 'Action.Execute', verb: 'tender.list', data: {} } } } : card;
}
