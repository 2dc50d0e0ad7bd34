// Short messages on one template about a tender's end of life: the publish report (where the
// announcement went), publish refused (stays a draft), the "tender closed" summary to the group,
// the cancellation to a bidder and the group, and "cancelled" to the manager who did it.

import { type Bid } from '../../domain/bid.js';
import { type Tender } from '../../domain/tender.js';
import { type Locale } from '../i18n/text.js';
import { escapeMarkdown as esc, type CardJson } from './render-card.js';
import { button, messageCard, sayIn, type Say, type TextColor } from './card-parts.js';
import { at, bidNo } from './tender-card-parts.js';
import { draftButtons } from './tender-form-views.js';

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
