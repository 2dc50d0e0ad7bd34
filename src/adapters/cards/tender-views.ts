// Views for internt udbud's tenders: the tender form, the announcement and its preview, the publish
// report, closing and cancelling, and the tender lists. Card JSON out, in the reader's language; the
// bids' own cards are in bid-views.ts, the pieces both use in tender-card-parts.ts.

import { type Bid, type BidSummary } from '../../domain/bid.js';
import { DECIDED_BY, TENDER_LIMITS, opensForudsaetninger, type FieldError, type Tender, type TenderField, type TenderSummary } from '../../domain/tender.js';
import { text, type Locale } from '../i18n/text.js';
import { escapeMarkdown as esc, renderCard, type CardJson } from './render-card.js';
import { oneCard, type NoticeViews } from './notice-views.js';
import { button, messageCard, sayIn, withLimit, type Button, type ContainerStyle, type Say, type TextColor } from './card-parts.js';
import { at, backToMyBids, bidChangeButtons, bidNo, bidStatus, bullet, endedNote, type Fact, fieldErrors, forudsaetningText, type From, fromData, isOpen, line, LIST_LIMIT, money, TENDER_FIELDS, type TenderFormValues, tenderState, tenderStatus, tenderValueOf } from './tender-card-parts.js';

export function tenderFormCard(
  locale: Locale,
  v: {
    tenderId?: string | undefined;
    groupName: string;
    kerneopgaveName: string;
    choices: readonly { id: string; text: string; demo: boolean }[];
    values: TenderFormValues;
    errors: readonly FieldError<TenderField>[];
    /** Editing a draft from the kernegruppe's list: Fortryd goes back to the list, else to the draft's preview. */
    from?: From | undefined;
  },
): CardJson {
  const say = sayIn(locale);
  // Fortryd on an edit leaves the stored draft as it was; a new form has nothing to go back to.
  const undo = v.tenderId
    ? v.from === 'list'
      ? button('tender.list', say('button.undo'), {})
      : button('tender.preview', say('button.undo'), { tenderId: v.tenderId })
    : undefined;
  return renderCard('tender-form', {
    heading: say(v.tenderId ? 'tenderForm.editTitle' : 'tenderForm.newTitle', { group: esc(v.groupName) }),
    intro: say('tenderForm.intro', { kerneopgave: esc(v.kerneopgaveName) }),
    summary: v.errors.length > 0 ? say('tenderForm.summary') : '',
    labels: {
      title: withLimit(locale, say('tenderForm.title'), TENDER_LIMITS.title),
      forudsaetninger: say('tenderForm.forudsaetninger'),
      description: withLimit(locale, say('tenderForm.description'), TENDER_LIMITS.description),
      descriptionPlaceholder: say('tenderForm.descriptionPlaceholder'),
      deadlineDate: say('tenderForm.deadlineDate'),
      deadlineTime: say('tenderForm.deadlineTime'),
      budgetKr: say('tenderForm.budgetKr'),
      budgetPlaceholder: say('tenderForm.budgetPlaceholder'),
      decidedBy: say('tenderForm.decidedBy'),
    },
    values: v.values,
    errors: fieldErrors(locale, TENDER_FIELDS, v.errors, tenderValueOf(v.values)),
    choices: v.choices.map((c) => ({ title: c.demo ? `${c.text} ${say('tender.demo')}` : c.text, value: c.id })),
    decidedByChoices: DECIDED_BY.map((d) => ({ title: say(`tender.decidedBy.${d}`), value: d })),
    actions: [
      button('tender.save', say('button.saveDraft'), v.tenderId ? { tenderId: v.tenderId, ...fromData(v.from) } : {}, 'positive'),
      ...(undo ? [undo] : []),
    ],
  });
}

// ---- the announcement, its draft preview, and a bidder's own view of it: one template ----

interface MineSection {
  readonly show: boolean;
  readonly heading: string;
  readonly bids: readonly { heading: string; title: string; status: string; actions: readonly Button[] }[];
}

function tenderCard(
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

/** What a manager may do with a draft, wherever it is shown: edit, publish, cancel. */
function draftButtons(say: Say, t: Pick<Tender, 'id'>, from?: From): Button[] {
  const id = { tenderId: t.id };
  return [
    button('tender.edit', say('button.editDraft'), { ...id, ...fromData(from) }),
    button('tender.publish', say('button.publish'), id, 'positive'),
    button('tender.cancelAsk', say('button.cancelTender'), id, 'destructive'),
  ];
}

export function tenderPreviewCard(locale: Locale, t: Tender): CardJson {
  const say = sayIn(locale);
  return tenderCard(locale, t, { withCount: false, note: { text: say('tender.note.draft'), style: 'warning' }, actions: draftButtons(say, t) });
}

/** Ret and Træk tilbage on a bid, while the tender is open and the bid is not withdrawn. */

/** "Tilbage til mine bud" on a card reached from `mine bud`. */

/**
 * What a bidder sees instead of "Byd ind": the announcement with their own bids on it. Reached from
 * `mine bud` (from 'mine'), it leads back there, and its buttons carry that along.
 */
export function myTenderBidsCard(locale: Locale, t: Tender, bids: readonly Bid[], now: Date, from?: From): CardJson {
  const say = sayIn(locale);
  const open = isOpen(t, now);
  return tenderCard(locale, t, {
    withCount: true,
    note: open ? undefined : t.status === 'cancelled' ? endedNote(say, t) : { text: say('mine.closed'), style: 'warning' },
    mine: {
      show: true,
      heading: say('mine.heading'),
      bids: bids.map((b) => ({
        heading: say('mine.bidHeading', { number: bidNo(b), at: at(b.submittedAt, locale) }),
        title: esc(b.title),
        status: bidStatus(say, b),
        actions: bidChangeButtons(say, b, open, from),
      })),
    },
    actions: [...(open ? [button('bid.new', say('button.newBid'), { tenderId: t.id, ...fromData(from) })] : []), ...backToMyBids(say, from)],
  });
}

// ---- publishing, closing, cancelling, refusing: short messages on one template ----


export type PublishFailure = 'not-installed' | 'removed' | 'forbidden' | 'failed';

/** One announcement channel and what happened there. */
export interface PublishLine {
  readonly conversationId: string;
  readonly name?: string | undefined;
  readonly ok: boolean;
  readonly reason?: PublishFailure | undefined;
}

/**
 * A channel id as a person can read and compare it: Teams writes "19:<id>@thread.tacv2" (and
 * ";messageid=…" in a thread); the part in between is what tells channels apart.
 */
export function readableChannelId(conversationId: string): string {
  const bare = conversationId.split(';')[0]!.replace(/^\d+:/, '').replace(/@thread\.[a-z0-9]+$/i, '');
  return bare || conversationId;
}

function publishLines(say: Say, outcomes: readonly PublishLine[]): { text: string; color: TextColor }[] {
  return outcomes.map((o) => {
    // A channel nothing names (the bot never added there, a link without a name) is shown by its id rather than as "a channel".
    const name = o.name ? esc(o.name) : say('publish.channelById', { id: esc(readableChannelId(o.conversationId)) });
    return o.ok
      ? { text: say('publish.ok', { name }), color: 'Default' as const }
      : { text: say('publish.failed', { name, reason: say(`publish.reason.${o.reason ?? 'failed'}`) }), color: 'Attention' as const };
  });
}

/** The tender is out: where the card went, and where it could not go and why. */
export function publishReportCard(locale: Locale, t: Tender, outcomes: readonly PublishLine[]): CardJson {
  const say = sayIn(locale);
  const someFailed = outcomes.some((o) => !o.ok);
  return messageCard({
    heading: say('publish.done', { title: esc(t.title) }),
    style: someFailed ? 'warning' : 'good',
    lines: [
      { text: say('publish.deadline', { deadline: at(t.deadline, locale) }), color: 'Default' },
      ...publishLines(say, outcomes),
      ...(someFailed ? [{ text: say('publish.someMissed'), color: 'Default' as const }] : []),
    ],
    actions: [button('tender.bids', say('button.seeBids'), { tenderId: t.id })],
  });
}

/**
 * The tender stayed a draft because no channel could announce it: why, channel by channel, and the
 * draft's own buttons, so the manager can publish once an admin has marked or fixed a channel.
 */
export function publishRefusedCard(locale: Locale, t: Tender, outcomes: readonly PublishLine[]): CardJson {
  const say = sayIn(locale);
  return messageCard({
    heading: say('publish.notPublished', { title: esc(t.title) }),
    style: 'attention',
    lines:
      outcomes.length === 0
        ? [{ text: say('publish.noChannels'), color: 'Default' }]
        : [...publishLines(say, outcomes), { text: say('publish.noneReached'), color: 'Default' }],
    actions: draftButtons(say, t),
  });
}

export function closedSummaryCard(locale: Locale, t: Tender): CardJson {
  const say = sayIn(locale);
  const bids = say(t.activeBids === 1 ? 'tender.bidCount.one' : 'tender.bidCount.other', { count: t.activeBids });
  return messageCard({
    heading: say('closed.text', { title: esc(t.title), bids }),
    style: 'emphasis',
    // With no bids there is nothing to see.
    actions: t.activeBids > 0 ? [button('tender.bids', say('button.seeTheBids'), { tenderId: t.id, from: 'closed' })] : [],
  });
}

/** To each bidder 1:1 with their bid, and to the kernegruppe's chat without one. */
export function tenderCancelledCard(locale: Locale, t: Tender, bid?: Bid): CardJson {
  const say = sayIn(locale);
  return messageCard({
    heading: say('cancelled.text', { title: esc(t.title), reason: esc(t.cancelReason ?? '') }),
    style: 'attention',
    lines: bid ? [{ text: say('cancelled.bid', { number: bidNo(bid), bidTitle: esc(bid.title) }), color: 'Default' }] : [],
  });
}

/** To the manager who cancelled: done, and how many bids were reported back to their bidders. */
export function cancelDoneCard(locale: Locale, t: Tender, v: { told: number; notReached: number }): CardJson {
  const say = sayIn(locale);
  const title = esc(t.title);
  const done =
    v.told + v.notReached === 0
      ? say('cancelDone.none', { title })
      : v.told === 1
        ? say('cancelDone.told.one', { title })
        : say('cancelDone.told.other', { title, told: v.told });
  return messageCard({
    heading: say('cancelDone.title'),
    style: 'good',
    lines: [
      { text: done, color: 'Default' },
      ...(v.notReached > 0 ? [{ text: say(v.notReached === 1 ? 'cancelDone.notReached.one' : 'cancelDone.notReached.other', { count: v.notReached }), color: 'Default' as const }] : []),
    ],
  });
}


interface ListItem {
  readonly kicker: string;
  readonly title: string;
  readonly lines: readonly { text: string }[];
  readonly actions: readonly Button[];
}

/**
 * The first LIST_LIMIT rows, and a line saying there are more when the use case read one more than
 * that (`more`), or was handed more than fit; the list never knows how many there are in all.
 */
function listCard<T>(v: { title: string; empty: string; items: readonly T[]; more: boolean; moreText: (shown: number) => string }, item: (x: T) => ListItem): CardJson {
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

/** `manages`: the reader may edit, publish and cancel (groupTenders says so); every other member gets only what reading allows. */
function groupTenderItem(locale: Locale, t: TenderSummary, now: Date, manages: boolean): ListItem {
  const say = sayIn(locale);
  const id = { tenderId: t.id };
  const detail =
    t.status === 'cancelled' ? say('list.reason', { reason: esc(t.cancelReason ?? '') }) : t.status === 'draft' ? '' : say('list.bids', { count: t.activeBids });
  return {
    kicker: tenderStatus(say, t, now),
    title: esc(t.title),
    lines: [line(say('list.deadline', { deadline: at(t.deadline, locale) })), ...(detail ? [line(detail)] : [])],
    actions: [
      ...(t.status === 'published' || t.status === 'closed' ? [button('tender.bids', say('button.seeBids'), { ...id, from: 'list' })] : []),
      ...(manages && t.status === 'draft' ? draftButtons(say, t, 'list') : []),
      ...(manages && (t.status === 'published' || t.status === 'closed') ? [button('tender.cancelAsk', say('button.cancelTender'), id, 'destructive')] : []),
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
    shared?: boolean | undefined;
  },
): CardJson {
  const moreText = (shown: number) => text(locale, v.mode === 'open' ? 'list.more.open' : 'list.more.group', { shown });
  const card = listCard({ ...v, more: v.more ?? false, moreText }, (i) => (v.mode === 'open' ? openTenderItem(locale, i.tender, i.mine ?? 0) : groupTenderItem(locale, i.tender, v.now, (v.manages ?? false) && !v.shared)));
  // No user list: in a chat of fewer than 60 people Teams refreshes the card for everyone in it.
  return v.shared ? { ...card, refresh: { action: { type: 'Action.Execute', verb: 'tender.list', data: {} } } } : card;
}

/** `more`: the person has more bids than these, their newest; the card says so. */
export function myBidsCard(locale: Locale, items: readonly { tender: TenderSummary; bid: BidSummary }[], now: Date, more = false): CardJson {
  const say = sayIn(locale);
  return listCard({ title: say('myBids.title'), empty: say('myBids.empty'), items, more, moreText: (shown) => say('list.more.mine', { shown }) }, ({ tender, bid }) => ({
    kicker: say('myBids.kicker', { number: bidNo(bid), status: bidStatus(say, bid) }),
    title: esc(bid.title),
    lines: [line(say('myBids.tender', { title: esc(tender.title) })), line(tenderState(locale, tender, now))],
    actions: [button('bid.open', say('button.seeTender'), { tenderId: tender.id, from: 'mine' })],
  }));
}


/** The tenders' notices: the announcement card (posted and redrawn), the group told of the close, a bidder told of a cancellation. */
export const tenderNoticeViews: Pick<NoticeViews, 'tender.announcement' | 'tender.closed' | 'tender.cancelled'> = {
  'tender.announcement': (locale, n, now) => oneCard(announcementCard(locale, n.tender, now, n.refreshUserIds)),
  'tender.closed': (locale, n) => oneCard(closedSummaryCard(locale, n.tender)),
  'tender.cancelled': (locale, n) => oneCard(tenderCancelledCard(locale, n.tender, n.bid)),
};
