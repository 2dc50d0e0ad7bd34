// The notices the bot owes people after a click, as outbox items (see outbox.ts for how they are sent):
// what each is about and to whom, and the id that makes enqueueing it twice create it once.

import { createHash } from 'node:crypto';
import type { Agenda, Topic } from '../domain/agenda.js';
import type { Bid } from '../domain/bid.js';
import type { Tender } from '../domain/tender.js';
import type { OutboxNotice, OutboxRepository, OutboxSubject, PersonAddress } from './ports.js';

export function noticeId(cause: string, recipient: string): string {
  return `ntc-${createHash('sha256').update(`${cause}|${recipient}`).digest('hex').slice(0, 40)}`;
}

const personOf = (bid: Bid): PersonAddress => ({ tenantId: bid.tenantId, userId: bid.bidderId, teamsId: bid.bidderTeamsId, serviceUrl: bid.serviceUrl });

function pending(tenantId: string, id: string, subject: OutboxSubject, to: OutboxNotice['to'], now: Date): OutboxNotice {
  const at = now.toISOString();
  return { id, tenantId, subject, to, status: 'pending', attempts: 0, createdAt: at, updatedAt: at };
}

/** The bidder's 1:1 receipt for a submission, an edit (each edit is its own cause) or the withdrawal. */
export function receiptNotice(bid: Bid, change: 'submitted' | 'edited' | 'withdrawn', locale: 'da' | 'en', now: Date): OutboxNotice {
  const cause = change === 'submitted' ? `bid.submitted|${bid.id}` : change === 'edited' ? `bid.edited|${bid.id}|${bid.editedAt ?? ''}` : `bid.withdrawn|${bid.id}`;
  return pending(bid.tenantId, noticeId(cause, bid.bidderId), { kind: 'bid.receipt', tenderId: bid.tenderId, bidId: bid.id, change, locale }, { kind: 'person', person: personOf(bid) }, now);
}

/**
 * A bid made in the 1:1 chat with the bot is answered with the receipt card there before it has its
 * number; once it has, that same card is redrawn with the number (no second message).
 */
export function receiptCardRedraw(bid: Bid, locale: 'da' | 'en', activityId: string, now: Date): OutboxNotice {
  return pending(
    bid.tenantId,
    noticeId(`bid.card|${bid.id}`, bid.bidderId),
    { kind: 'bid.receipt', tenderId: bid.tenderId, bidId: bid.id, change: 'submitted', locale, updateActivityId: activityId },
    { kind: 'person', person: personOf(bid) },
    now,
  );
}

/** One bidder is told, about one bid, that the tender was cancelled. */
export function cancelledNotice(bid: Bid, now: Date): OutboxNotice {
  return pending(bid.tenantId, noticeId(`tender.cancelled|${bid.tenderId}|${bid.id}`, bid.bidderId), { kind: 'tender.cancelled', tenderId: bid.tenderId, bidId: bid.id }, { kind: 'person', person: personOf(bid) }, now);
}

/** Every announcement card of the tender redrawn because of `cause` (it is drawn from the tender as stored when sent). */
export function redrawNotices(tender: Tender, cause: string, now: Date): OutboxNotice[] {
  return tender.announcements.map((a) =>
    pending(
      tender.tenantId,
      noticeId(`${cause}|${tender.id}`, `${a.conversationId}|${a.activityId}`),
      { kind: 'tender.announcement', tenderId: tender.id, conversationId: a.conversationId, activityId: a.activityId },
      { kind: 'conversation', conversationId: a.conversationId },
      now,
    ),
  );
}

/**
 * A topic's author told 1:1 of an added, edited (each edit is its own cause) or withdrawn topic. The
 * same click sent again enqueues the same notice, so a retried click still gets its receipt, once.
 */
export function topicReceiptNotice(
  topic: Topic,
  v: { meetingId: string; change: 'added' | 'edited' | 'withdrawn'; changedBy?: string | undefined; locale: 'da' | 'en'; to: PersonAddress },
  now: Date,
): OutboxNotice {
  const cause = `topic.${v.change}|${v.meetingId}|${topic.id}${v.change === 'edited' ? `|${topic.editedAt ?? ''}` : ''}`;
  return pending(
    v.to.tenantId,
    noticeId(cause, topic.authorId),
    { kind: 'topic.receipt', meetingId: v.meetingId, topicId: topic.id, change: v.change, changedBy: v.changedBy, locale: v.locale },
    { kind: 'person', person: v.to },
    now,
  );
}

/**
 * Every shared card of the agenda redrawn for the version whose redraw was claimed (`shownVersion`):
 * clicks racing for the same claim enqueue the same notices, and each is drawn from the agenda as it
 * is stored when sent, so it shows the newest state.
 */
export function agendaRedrawNotices(agenda: Agenda, now: Date): OutboxNotice[] {
  return agenda.cards.map((c) =>
    pending(
      agenda.tenantId,
      noticeId(`agenda.redraw|${agenda.meetingId}|${agenda.shownVersion}`, `${c.conversationId}|${c.activityId}`),
      { kind: 'agenda.redraw', meetingId: agenda.meetingId, conversationId: c.conversationId, activityId: c.activityId },
      { kind: 'conversation', conversationId: c.conversationId },
      now,
    ),
  );
}

/** Writes the notices (one create each; one that is already there is left as it is). */
export async function enqueueNotices(deps: { outbox?: OutboxRepository | undefined }, notices: readonly OutboxNotice[]): Promise<void> {
  if (!deps.outbox) return;
  const outbox = deps.outbox;
  await Promise.all(notices.map((n) => outbox.create(n)));
}
