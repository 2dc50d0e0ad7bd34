// Stage 2, the use cases: a manager of the kernegruppe asks a bidder for a konkretisering (or changes
// the open request), the bidder and the co-bidders answer it until its deadline, and the notices this
// owes people: the 1:1 request card to each of them, reminders 2 days and 2 hours before the deadline
// unless it was answered, and the group's chat told when an answer comes in. Seed 000: "Efterfølgende
// kan kernegruppen, hvis beskrivelsen lyder interessant, bede om en konkretisering med kompetencer,
// organisering og økonomi fra den person/de personer i organisationen, som har budt ind".
// The request and the answer live on the bid: every write is an IfMatch replace of it, retried on a conflict.

import { isMemberOf, managesTendersOf, type Actor } from '../domain/actor.js';
import type { Bid } from '../domain/bid.js';
import { conversationOfGroup } from '../domain/directory.js';
import {
  answerKonkretisering,
  askKonkretisering,
  mayAnswer,
  mayAsk,
  remindersAhead,
  validateAnswer,
  validateRequest,
  type AnswerError,
  type AnswerField,
  type AnswerInput,
  type AskError,
  type ReminderKey,
  type RequestField,
  type RequestInput,
} from '../domain/konkretisering-rules.js';
import { fail, ok, type Result } from '../domain/result.js';
import type { FieldError, Tender } from '../domain/tender.js';
import type { Acting } from './directory-admin.js';
import type { NoticeRenderers } from './notice-kinds.js';
import { enqueueNotices, noticeId } from './notices.js';
import type { AfterClick, Clock, DirectoryRepository, OutboxNotice, OutboxRepository, PersonAddress, TenderRepository } from './ports.js';

export interface KonkretiseringDeps {
  readonly tenders: TenderRepository;
  readonly directories: DirectoryRepository;
  readonly outbox: OutboxRepository;
  readonly clock: Clock;
  readonly afterClick?: AfterClick | undefined;
}

type Locale = 'da' | 'en';

export type ManagerError = 'BID.NOT_FOUND' | 'KONKRETISERING.NOT_MANAGER' | AskError;

const groupOf = (bid: Bid, tender: Tender) => bid.groupId ?? tender.groupId;

/** The bid and its tender, for a manager of the tender's kernegruppe; someone outside the group finds nothing. */
async function bidForManager(deps: KonkretiseringDeps, actor: Actor, bidId: string): Promise<Result<{ bid: Bid; etag: string; tender: Tender }, 'BID.NOT_FOUND' | 'KONKRETISERING.NOT_MANAGER'>> {
  const found = await deps.tenders.getBid(actor.tenantId, bidId);
  if (!found) return fail('BID.NOT_FOUND');
  const tender = (await deps.tenders.getTender(actor.tenantId, found.value.tenderId))?.value;
  if (!tender) return fail('BID.NOT_FOUND');
  const group = groupOf(found.value, tender);
  if (!managesTendersOf(actor, group)) return fail(isMemberOf(actor, group) ? 'KONKRETISERING.NOT_MANAGER' : 'BID.NOT_FOUND');
  return ok({ bid: found.value, etag: found.etag, tender });
}

/** The ask form: only for the group's managers, after the deadline, on a bid still in the running. */
export async function askForm({ actor }: Acting, deps: KonkretiseringDeps, bidId: string): Promise<Result<{ bid: Bid; tender: Tender }, ManagerError>> {
  const found = await bidForManager(deps, actor, bidId);
  if (!found.ok) return found;
  const allowed = mayAsk(found.value.tender, found.value.bid, deps.clock.now());
  if (!allowed.ok) return allowed;
  return ok({ bid: found.value.bid, tender: found.value.tender });
}

export type RequestOutcome = { bid: Bid; tender: Tender; change: 'requested' | 'changed' | 'unchanged'; told: number };

/**
 * Asks for the konkretisering, or changes the open one; then the bidder and every co-bidder get the
 * 1:1 card and their reminders (each notice's id from the request's version and the person, so a
 * double click, or a retry, tells each person once).
 */
export async function requestKonkretisering(
  deps: KonkretiseringDeps,
  { actor }: Acting,
  bidId: string,
  input: RequestInput,
  locale: Locale,
): Promise<Result<RequestOutcome, ManagerError | 'KONKRETISERING.INVALID' | 'KONKRETISERING.BUSY', FieldError<RequestField>[]>> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const found = await bidForManager(deps, actor, bidId);
    if (!found.ok) return found;
    const now = deps.clock.now();
    const allowed = mayAsk(found.value.tender, found.value.bid, now);
    if (!allowed.ok) return allowed;
    const fields = validateRequest(input, now);
    if (!fields.ok) return fields;
    const asked = askKonkretisering(found.value.bid, fields.value, { id: actor.personId, name: actor.name, locale }, now);
    if (asked.change !== 'unchanged' && (await deps.tenders.saveBid(asked.bid, found.value.etag)) === 'conflict') continue;
    // Unchanged (a second click): the same notices again, which the outbox already holds (same ids).
    const notices = requestNotices(asked.bid, now);
    await enqueueNotices(deps, notices);
    deps.afterClick?.({ tenantId: actor.tenantId });
    return ok({ bid: asked.bid, tender: found.value.tender, change: asked.change, told: 1 + (asked.bid.coBidderIds?.length ?? 0) });
  }
  return fail('KONKRETISERING.BUSY');
}

const addressOf = (bid: Bid): PersonAddress => ({ tenantId: bid.tenantId, userId: bid.bidderId, teamsId: bid.bidderTeamsId, serviceUrl: bid.serviceUrl });

/** The bidder by their address on the bid; co-bidders by roster id, through their personal chat with the bot. */
function recipientsOf(bid: Bid): { id: string; to: OutboxNotice['to'] }[] {
  return [{ id: bid.bidderId, to: { kind: 'person', person: addressOf(bid) } }, ...(bid.coBidderIds ?? []).map((c) => ({ id: c.id, to: { kind: 'personal' as const, userId: c.id } }))];
}

function pending(tenantId: string, id: string, subject: OutboxNotice['subject'], to: OutboxNotice['to'], now: Date, notBefore?: Date): OutboxNotice {
  const at = now.toISOString();
  return { id, tenantId, subject, to, status: 'pending', attempts: 0, createdAt: at, updatedAt: at, ...(notBefore ? { notBefore: notBefore.toISOString() } : {}) };
}

/** The request's 1:1 card now, and the reminders still ahead of its deadline, for each person who may answer. */
export function requestNotices(bid: Bid, now: Date): OutboxNotice[] {
  const k = bid.konkretisering;
  if (!k) return [];
  const locale = bid.receiptLocale ?? k.request.locale;
  return recipientsOf(bid).flatMap((r) => [
    pending(bid.tenantId, noticeId(`konkretisering.request|${bid.id}|${k.request.version}`, r.id), { kind: 'konkretisering.request', bidId: bid.id, version: k.request.version, locale }, r.to, now),
    // The cause holds the deadline: a moved deadline schedules new reminders, and the old ones are obsolete.
    ...remindersAhead(k.request, now).map((rem) =>
      pending(
        bid.tenantId,
        noticeId(`konkretisering.reminder|${bid.id}|${k.request.deadline}|${rem.key}`, r.id),
        { kind: 'konkretisering.reminder', bidId: bid.id, deadline: k.request.deadline, before: rem.key, locale },
        r.to,
        now,
        rem.at,
      ),
    ),
  ]);
}

// ---- the bidder's side ----

export type BidderError = 'BID.NOT_FOUND' | 'KONKRETISERING.NONE';

/** The bid and its konkretisering, for its bidder or a co-bidder; to anyone else the bid does not exist. */
export async function konkretiseringFor(deps: KonkretiseringDeps, person: { tenantId: string; id: string }, bidId: string): Promise<Result<{ bid: Bid; tender: Tender; etag: string }, BidderError>> {
  const found = await deps.tenders.getBid(person.tenantId, bidId);
  if (!found || !mayAnswer(found.value, person.id)) return fail('BID.NOT_FOUND');
  if (!found.value.konkretisering) return fail('KONKRETISERING.NONE');
  const tender = (await deps.tenders.getTender(person.tenantId, found.value.tenderId))?.value;
  if (!tender) return fail('BID.NOT_FOUND');
  return ok({ bid: found.value, tender, etag: found.etag });
}

export type SendAnswerError = BidderError | AnswerError | 'KONKRETISERING.INVALID' | 'KONKRETISERING.CHANGED' | 'KONKRETISERING.BUSY';

/**
 * The bidder (or a co-bidder) sends or re-sends the answer: until the deadline by the server's clock.
 * Answered against a request that has since changed (`version`), it is not stored: the form comes back
 * with the new questions and what they wrote. The group's chat is told of each answer and change.
 */
export async function sendAnswer(
  deps: KonkretiseringDeps,
  person: { tenantId: string; id: string; name: string },
  bidId: string,
  version: string | undefined,
  input: AnswerInput,
): Promise<Result<{ bid: Bid; tender: Tender; change: 'answered' | 'changed' }, SendAnswerError, FieldError<AnswerField>[] | { bid: Bid; tender: Tender }>> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const found = await konkretiseringFor(deps, person, bidId);
    if (!found.ok) return found;
    const { bid, tender, etag } = found.value;
    const k = bid.konkretisering!;
    const now = deps.clock.now();
    // Late first: a late answer is refused as late, whatever its fields say.
    if (now.getTime() >= new Date(k.request.deadline).getTime()) return fail('KONKRETISERING.DEADLINE_PASSED', { bid, tender });
    if (version !== undefined && version !== k.request.version) return fail('KONKRETISERING.CHANGED', { bid, tender });
    const fields = validateAnswer(input, k.request);
    if (!fields.ok) return fields;
    const answered = answerKonkretisering(bid, fields.value, { id: person.id, name: person.name }, now);
    if (!answered.ok) return fail(answered.code, { bid, tender });
    if ((await deps.tenders.saveBid(answered.value.bid, etag)) === 'conflict') continue;
    const dir = (await deps.directories.get(person.tenantId))?.value;
    const conversationId = dir ? conversationOfGroup(dir, groupOf(bid, tender)) : undefined;
    if (conversationId) {
      const at = answered.value.bid.konkretisering!.answer!.answeredAt;
      await enqueueNotices(deps, [
        pending(
          person.tenantId,
          noticeId(`konkretisering.answered|${bid.id}|${at}`, conversationId),
          { kind: 'konkretisering.answered', bidId: bid.id, answeredAt: at, locale: k.request.locale },
          { kind: 'conversation', conversationId },
          now,
        ),
      ]);
      deps.afterClick?.({ tenantId: person.tenantId });
    }
    return ok({ bid: answered.value.bid, tender, change: answered.value.change });
  }
  return fail('KONKRETISERING.BUSY');
}

/** One answer text in full, for a member of the group (the bid detail shows long ones cut). */
export async function konkretiseringForMember({ actor }: Acting, deps: KonkretiseringDeps, bidId: string): Promise<Result<{ bid: Bid; tender: Tender }, 'BID.NOT_FOUND' | 'KONKRETISERING.NONE'>> {
  const found = await deps.tenders.getBid(actor.tenantId, bidId);
  if (!found) return fail('BID.NOT_FOUND');
  const tender = (await deps.tenders.getTender(actor.tenantId, found.value.tenderId))?.value;
  if (!tender || !isMemberOf(actor, groupOf(found.value, tender))) return fail('BID.NOT_FOUND');
  if (!found.value.konkretisering) return fail('KONKRETISERING.NONE');
  return ok({ bid: found.value, tender });
}

// ---- the notices ----

async function bidAndTender(deps: { tenders: TenderRepository }, tenantId: string, bidId: string): Promise<{ bid: Bid; tender: Tender } | undefined> {
  const bid = (await deps.tenders.getBid(tenantId, bidId))?.value;
  const tender = bid && (await deps.tenders.getTender(tenantId, bid.tenderId))?.value;
  return bid && tender ? { bid, tender } : undefined;
}

const closed = (bid: Bid) => bid.status === 'withdrawn' || bid.status === 'rejected';

/** Drawn from the bid as stored when sent: a request since changed, answered, or past its deadline is no longer true to say. */
export const konkretiseringNotices: Pick<NoticeRenderers, 'konkretisering.request' | 'konkretisering.reminder' | 'konkretisering.answered'> = {
  'konkretisering.request': async (deps, n) => {
    const found = await bidAndTender(deps, n.tenantId, n.subject.bidId);
    if (!found?.bid.konkretisering) return undefined;
    const k = found.bid.konkretisering;
    if (k.request.version !== n.subject.version || closed(found.bid)) return 'obsolete';
    return { notice: { kind: 'konkretisering.request', ...found }, locale: n.subject.locale };
  },
  'konkretisering.reminder': async (deps, n) => {
    const found = await bidAndTender(deps, n.tenantId, n.subject.bidId);
    if (!found?.bid.konkretisering) return undefined;
    const k = found.bid.konkretisering;
    const now = deps.clock.now();
    // Answered first, the deadline moved (its own reminders are queued), or it has passed: nothing to remind of.
    if (k.status === 'answered' || k.request.deadline !== n.subject.deadline || now.getTime() >= new Date(k.request.deadline).getTime() || closed(found.bid)) return 'obsolete';
    return { notice: { kind: 'konkretisering.request', ...found, reminder: n.subject.before }, locale: n.subject.locale };
  },
  'konkretisering.answered': async (deps, n) => {
    const found = await bidAndTender(deps, n.tenantId, n.subject.bidId);
    const answer = found?.bid.konkretisering?.answer;
    if (!found || !answer) return undefined;
    // Drawn from the answer as it is now (a later change has its own notice): a first answer or a change of it.
    const change = found.bid.history.some((h) => h.action === 'konkretisering.answerChanged' && h.at === answer.answeredAt) ? 'changed' : 'answered';
    return { notice: { kind: 'konkretisering.answered', ...found, change }, locale: n.subject.locale };
  },
};

export type { ReminderKey };
