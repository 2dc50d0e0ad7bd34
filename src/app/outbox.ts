// The outbox: what the bot owes people after a click (a bid's 1:1 receipt, a cancellation's notice to
// every bidder, the redraw of a shared card) is written as `notice` items and sent by this loop, so a
// click is answered from the stored state at once, however slow or throttled Teams is.
//
// Exactly once, as far as Cosmos DB can see: a notice's id is a hash of its cause and recipient, so
// enqueueing it again (a retried click, the sweep redoing a step a crash cut short) creates nothing.
// A notice is claimed with its etag before it is sent (two senders, one wins), marked sent after; a
// sender that dies mid-send leaves a claim that expires and the notice is sent by the next one (the
// one case of "twice": Teams took it but the mark was never written). 429 and 5xx put it back with
// a pause (Teams' Retry-After, or a doubling backoff); 403/404 mark it unreachable and log it. Sending
// is paced per conversation (and per person) and per tenant by the same Pacer as the reminders.

import { claimToSend, keepClaimAlive, realTimer, sendable, TIMED_OUT, within, type Claim, type Timer } from './send-claim.js';
import type { SenderControl } from './scale-out.js';
import type { Logger } from '../logger.js';
import { agendaNotices, forgetAgendaCard } from './agenda.js';
import { bidNotices } from './bids.js';
import { activityNotices } from './activity-followup.js';
import { decisionNotices } from './decision.js';
import { awardNotices } from './award.js';
import type { NoticeDeps, NoticeRenderer, NoticeRenderers, RenderOutcome } from './notice-kinds.js';
import type { Pacer } from './pacer.js';
import type { Delivery, Notifier, OutboxNotice, OutboxSubject } from './ports.js';
import { tenderNotices } from './tenders.js';
import { konsekvensNotices } from './konsekvensberegning.js';
import { catalogueNotices } from './catalogue-settle.js';
import { konkretiseringNotices } from './konkretisering.js';
import { draftReadyNotices } from './draft-ready.js';
import { erasureNotices } from './person-data.js';

/** The stored state notices are drawn from (NoticeDeps), and how they are sent. */
export interface OutboxDeps extends NoticeDeps {
  readonly notifier: Notifier;
  readonly pacer: Pacer;
  readonly log?: Logger | undefined;
  /** The instance's stop switch and its claims in flight (shutdown gives them back). */
  readonly control?: SenderControl | undefined;
  /** Waits on the clock's time without moving it: keeps claims alive, bounds a Teams call. Default: real timers. */
  readonly timer?: Timer | undefined;
}

/** How long a claimed notice is the claimer's; after that another sender takes it over. */
export const NOTICE_CLAIM_MS = 2 * 60_000;
/** The longest one Teams call may take; as for reminders (POST_TIMEOUT_MS there): then given up and tried again later. */
export const NOTICE_POST_TIMEOUT_MS = 3 * 60_000;
const WORKERS = 8;

export interface OutboxReport {
  sent: number;
  retried: number;
  unreachable: number;
  dropped: number;
  /** Scheduled notices no longer true to say when they came due. */
  skipped: number;
}

/** Sends every due notice once; safe on several instances at once (each notice is claimed with its etag). */
export async function sendDueNotices(deps: OutboxDeps, instanceId: string): Promise<OutboxReport> {
  const report: OutboxReport = { sent: 0, retried: 0, unreachable: 0, dropped: 0, skipped: 0 };
  if (deps.control?.stopping) return report;
  const due = await deps.outbox.due(deps.clock.now());
  let next = 0;
  const worker = async () => {
    while (next < due.length && !deps.control?.stopping) {
      const item = due[next++]!;
      await sendOne(deps, instanceId, item.tenantId, item.id, report);
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  return report;
}

/** Every feature's renderers: the compiler checks that each kind of outbox subject has one. */
const RENDERERS: NoticeRenderers = {
  ...bidNotices,
  ...tenderNotices,
  ...agendaNotices,
  ...konsekvensNotices,
  ...activityNotices,
  ...catalogueNotices,
  ...konkretiseringNotices,
  ...decisionNotices,
  ...awardNotices,
  ...draftReadyNotices,
  ...erasureNotices,
};

function render(deps: OutboxDeps, n: OutboxNotice): Promise<RenderOutcome> {
  // The table is keyed by kind, so the renderer found is the one for this subject. A kind no renderer
  // knows (written by a newer version, say) has nothing this version can say: it is dropped.
  const renderer = RENDERERS[n.subject.kind] as NoticeRenderer<OutboxSubject['kind']> | undefined;
  return renderer ? renderer(deps, n) : Promise.resolve(undefined);
}

async function sendOne(deps: OutboxDeps, instanceId: string, tenantId: string, id: string, report: OutboxReport): Promise<void> {
  const found = await deps.outbox.get(tenantId, id);
  if (!found) return;
  const n = found.value;
  const now = deps.clock.now();
  if (!sendable(n, now)) return;
  // Claim it: whoever writes this first sends it; anyone else sees it claimed.
  const claim = await claimToSend(deps.outbox, tenantId, id, found, { instanceId, now, claimMs: NOTICE_CLAIM_MS, clock: deps.clock });
  if (!claim) return;
  // Kept alive until released, however long the pacer or a slow call take; given back at shutdown.
  const timer = deps.timer ?? realTimer;
  const keeper = keepClaimAlive(claim, { claimMs: NOTICE_CLAIM_MS, clock: deps.clock, timer });
  const untrack = deps.control?.track(claim, { status: 'pending' }) ?? (() => true);
  try {
    await sendClaimed(deps, n, claim, report, timer);
  } finally {
    keeper.stop();
    untrack();
  }
}

/** Why a claimed notice was not sent after all: the instance is stopping (given back) or the claim was taken over. */
const NOT_OURS = 'not-ours' as const;

async function sendClaimed(deps: OutboxDeps, n: OutboxNotice, claim: Claim<OutboxNotice>, report: OutboxReport, timer: Timer): Promise<void> {
  const { tenantId, id } = n;
  // Counted only when written with this claim's etag: a claim taken over is not ours to report.
  const finish = async (patch: Partial<OutboxNotice>) => (await claim.release(patch)) === 'saved';
  /** One Teams call, made only while the claim is ours (and will outlast it) and the instance is not stopping; bounded in time. */
  const call = async (work: () => Promise<Delivery>): Promise<Delivery | typeof TIMED_OUT | typeof NOT_OURS> => {
    if (deps.control?.stopping) {
      await claim.release({ status: 'pending' });
      return NOT_OURS;
    }
    if (!(await claim.keep(NOTICE_CLAIM_MS / 2))) return NOT_OURS;
    return within(work(), NOTICE_POST_TIMEOUT_MS, timer);
  };
  const log = { tenantId, noticeId: id, subject: n.subject };

  const rendered = await render(deps, n);
  if (rendered === 'obsolete') {
    // A scheduled notice whose cause was dealt with before it came due: nothing to say any more.
    if (await finish({ status: 'skipped', lastError: 'obsolete' })) report.skipped++;
    return;
  }
  if (!rendered) {
    // The tender or bid is gone: nothing true to say any more.
    deps.log?.warn(log, 'notice dropped: what it was about no longer exists');
    if (await finish({ status: 'unreachable', lastError: 'subject-gone' })) report.dropped++;
    return;
  }
  let delivery: Delivery | typeof TIMED_OUT | typeof NOT_OURS;
  const redraw = n.subject.kind === 'bid.receipt' ? n.subject.updateActivityId : undefined;
  if (n.to.kind === 'person' && redraw) {
    const record = (await deps.conversations.getPersonal(tenantId, n.to.person.userId))?.value;
    if (!record || record.status !== 'installed') {
      // The card already says the bid was received; its number is under "mine bud".
      if (await finish({ status: 'unreachable', lastError: 'no personal chat recorded', attempts: n.attempts + 1 })) report.unreachable++;
      return;
    }
    await deps.pacer.acquire(record.conversationId);
    delivery = await call(() => deps.notifier.update(record, redraw, rendered.notice, rendered.locale));
  } else if (n.to.kind === 'personal') {
    const record = (await deps.conversations.getPersonal(tenantId, n.to.userId))?.value;
    if (!record || record.status !== 'installed') {
      deps.log?.warn({ ...log, userId: n.to.userId }, 'notice could not be delivered: no personal chat with the person');
      if (await finish({ status: 'unreachable', lastError: 'no personal chat recorded', attempts: n.attempts + 1 })) report.unreachable++;
      return;
    }
    await deps.pacer.acquire(record.conversationId);
    delivery = await call(() => deps.notifier.post(record, rendered.notice, rendered.locale));
  } else if (n.to.kind === 'person') {
    const person = n.to.person;
    await deps.pacer.acquire(`person:${person.userId}`);
    delivery = await call(() => deps.notifier.toPerson(person, rendered.notice, rendered.locale));
  } else {
    const record = (await deps.conversations.get(tenantId, n.to.conversationId))?.value;
    if (!record || record.status !== 'installed') {
      deps.log?.warn({ ...log, conversationId: n.to.conversationId, reason: record ? 'removed' : 'not-installed' }, 'notice could not be delivered');
      if (await finish({ status: 'unreachable', lastError: record ? 'removed' : 'not-installed', attempts: n.attempts + 1 })) report.unreachable++;
      return;
    }
    await deps.pacer.acquire(record.conversationId);
    const s = n.subject;
    delivery = await call(() => (s.kind === 'tender.announcement' || s.kind === 'agenda.redraw' ? deps.notifier.update(record, s.activityId, rendered.notice, rendered.locale) : deps.notifier.post(record, rendered.notice, rendered.locale)));
  }
  if (delivery === NOT_OURS) return;
  const after = deps.clock.now();
  if (delivery === TIMED_OUT) {
    // Unanswered: Teams may or may not have it. Tried again (once more at most per time-out) after a pause.
    deps.log?.warn({ ...log, timeoutMs: NOTICE_POST_TIMEOUT_MS }, 'notice call timed out');
    if (await finish({ status: 'pending', attempts: n.attempts + 1, notBefore: new Date(after.getTime() + 60_000).toISOString(), lastError: 'timed out' })) report.retried++;
    return;
  }
  if (delivery.ok) {
    if (await finish({ status: 'sent', sentAt: after.toISOString(), attempts: n.attempts + 1 })) report.sent++;
    return;
  }
  if (delivery.reason === 'removed' || delivery.reason === 'forbidden') {
    if (delivery.reason === 'removed' && n.subject.kind === 'agenda.redraw') await forgetAgendaCard(deps, tenantId, n.subject);
    deps.log?.warn({ ...log, reason: delivery.reason, status: delivery.status }, 'notice could not be delivered');
    if (await finish({ status: 'unreachable', lastError: `${delivery.reason} (${delivery.status ?? '?'})`, attempts: n.attempts + 1 })) report.unreachable++;
    return;
  }
  // Throttled (past what the connector waits out itself) or a 5xx: back to pending, tried again after
  // Teams' Retry-After or a doubling pause. Nobody waits for it in-process, so other notices go on.
  const backoff = Math.min(30 * 60_000, 5_000 * 2 ** n.attempts);
  if (await finish({ status: 'pending', attempts: n.attempts + 1, notBefore: new Date(after.getTime() + (delivery.retryAfterMs ?? backoff)).toISOString(), lastError: `${delivery.reason} (${delivery.status ?? '?'})` })) report.retried++;
}
