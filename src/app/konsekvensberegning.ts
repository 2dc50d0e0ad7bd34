// Konsekvensberegning: the bidder or a member of the kernegruppe asks, after the tender has closed, and the
// group's økonomikonsulent(s) get a 1:1 card with the bid; the økonomikonsulent saves the figures (and may
// revise them), and the bidder and the group's chat are told. Each change is one etag-guarded write of the
// bid (retried when someone wrote in between); the notices go through the outbox, after the click.
//
// Seed 000: ""Tilbudsgiverne" vil i dette arbejde kunne søge hjælp hos Økonomi og Personale til
// konsekvensberegninger."

import { type Bid } from '../domain/bid.js';
import { conversationOfGroup, findGroupById, type Directory } from '../domain/directory.js';
import {
  askerRole,
  groupOfBid,
  mayAsk,
  mayMake,
  requestKonsekvens,
  saveKonsekvens,
  type AskError,
  type KonsekvensFieldError,
  type KonsekvensInput,
  type SaveError,
} from '../domain/konsekvensberegning.js';
import { fail, ok, type Result } from '../domain/result.js';
import type { Tender } from '../domain/tender.js';
import type { Acting } from './directory-admin.js';
import type { NoticeRenderers } from './notice-kinds.js';
import { enqueueNotices, noticeId } from './notices.js';
import type { AfterClick, Clock, OutboxNotice, OutboxRepository, PersonAddress, TenderRepository } from './ports.js';

export interface KonsekvensDeps {
  readonly tenders: TenderRepository;
  readonly outbox: OutboxRepository;
  readonly clock: Clock;
  readonly afterClick?: AfterClick | undefined;
}

const ATTEMPTS = 5;

export type FindError = 'KONSEKVENS.NOT_FOUND';

/** The bid and its tender, read by id in the asker's own tenant. */
async function bidAndTender(deps: KonsekvensDeps, tenantId: string, bidId: string) {
  const bid = await deps.tenders.getBid(tenantId, bidId);
  if (!bid) return undefined;
  const tender = await deps.tenders.getTender(tenantId, bid.value.tenderId);
  return tender ? { bid, tender: tender.value } : undefined;
}

/** The kernegruppe's økonomikonsulenter (role 'oekonomikonsulent' in the group), by roster id and name. */
export function oekonomikonsulenterOf(dir: Directory | undefined, groupId: string): { id: string; name: string }[] {
  const group = dir ? findGroupById(dir, groupId) : undefined;
  if (!dir || !group) return [];
  return group.members.filter((m) => m.roles.includes('oekonomikonsulent')).map((m) => ({ id: m.person, name: dir.people.find((p) => p.id === m.person)?.name ?? m.person }));
}

export interface AskView {
  readonly tender: Tender;
  readonly bid: Bid;
  readonly groupName: string;
  readonly oekonomikonsulenter: readonly { id: string; name: string }[];
  /** A request was already open: nothing new was stored or sent. */
  readonly already: boolean;
}

export type AskOutcomeError = AskError | FindError | 'KONSEKVENS.NO_OEKONOMIKONSULENT' | 'KONSEKVENS.BUSY';

/**
 * What the request form needs, and whether asking is possible at all (by the server's clock): a person who
 * may not ask, a tender still open, or a group without an økonomikonsulent is told before typing anything.
 */
export async function konsekvensAskView(deps: KonsekvensDeps, acting: Acting, bidId: string): Promise<Result<AskView, AskOutcomeError>> {
  const found = await bidAndTender(deps, acting.actor.tenantId, bidId);
  // A sealed bid does not exist for someone who is neither its bidder nor in its kernegruppe.
  if (!found || !askerRole(acting.actor, found.bid.value, found.tender)) return fail('KONSEKVENS.NOT_FOUND');
  const { bid, tender } = found;
  const allowed = mayAsk(acting.actor, bid.value, tender, deps.clock.now());
  if (!allowed.ok) return allowed;
  const groupId = groupOfBid(bid.value, tender);
  const oekonomikonsulenter = oekonomikonsulenterOf(acting.directory?.value, groupId);
  const view = { tender, bid: bid.value, groupName: tender.groupName, oekonomikonsulenter, already: bid.value.konsekvens?.status === 'requested' };
  if (!view.already && oekonomikonsulenter.length === 0) return fail('KONSEKVENS.NO_OEKONOMIKONSULENT');
  return ok(view);
}

/** The request 1:1 to each of the group's økonomikonsulenter, reached through their personal chat with the bot. */
function requestNotices(bid: Bid, to: readonly { id: string }[], now: Date): OutboxNotice[] {
  const at = now.toISOString();
  const cause = `konsekvens.requested|${bid.id}|${bid.konsekvens?.request.at ?? ''}`;
  return to.map((p) => ({
    id: noticeId(cause, p.id),
    tenantId: bid.tenantId,
    subject: { kind: 'konsekvens.requested', bidId: bid.id, tenderId: bid.tenderId },
    to: { kind: 'personal', userId: p.id },
    status: 'pending',
    attempts: 0,
    createdAt: at,
    updatedAt: at,
  }));
}

/**
 * Asks for a konsekvensberegning. Asking while one is open asks nothing new (`already`); a group without an
 * økonomikonsulent gets nothing stored, and the asker is told so.
 */
export async function askKonsekvens(deps: KonsekvensDeps, acting: Acting, bidId: string, note: unknown): Promise<Result<AskView, AskOutcomeError>> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const found = await bidAndTender(deps, acting.actor.tenantId, bidId);
    if (!found || !askerRole(acting.actor, found.bid.value, found.tender)) return fail('KONSEKVENS.NOT_FOUND');
    const { bid, tender } = found;
    const now = deps.clock.now();
    const oekonomikonsulenter = oekonomikonsulenterOf(acting.directory?.value, groupOfBid(bid.value, tender));
    const asked = requestKonsekvens(bid.value, tender, acting.actor, note, now);
    if (!asked.ok) return asked;
    const view = { tender, groupName: tender.groupName, oekonomikonsulenter };
    if (asked.value.already) return ok({ ...view, bid: bid.value, already: true });
    if (oekonomikonsulenter.length === 0) return fail('KONSEKVENS.NO_OEKONOMIKONSULENT');
    if ((await deps.tenders.saveBid(asked.value.bid, bid.etag)) !== 'saved') continue;
    await enqueueNotices(deps, requestNotices(asked.value.bid, oekonomikonsulenter, now));
    deps.afterClick?.({ tenantId: acting.actor.tenantId });
    return ok({ ...view, bid: asked.value.bid, already: false });
  }
  return fail('KONSEKVENS.BUSY');
}

export type MakeError = Exclude<SaveError, 'KONSEKVENS.INVALID'> | FindError;

/** The økonomikonsulent's card, from the bid as stored (to make the figures, or revise them). */
export async function konsekvensForMaker(deps: KonsekvensDeps, acting: Acting, bidId: string): Promise<Result<{ tender: Tender; bid: Bid }, MakeError>> {
  const found = await bidAndTender(deps, acting.actor.tenantId, bidId);
  if (!found || !askerRole(acting.actor, found.bid.value, found.tender)) return fail('KONSEKVENS.NOT_FOUND');
  const allowed = mayMake(acting.actor, found.bid.value, found.tender);
  return allowed.ok ? ok({ tender: found.tender, bid: found.bid.value }) : allowed;
}

const personOf = (bid: Bid): PersonAddress => ({ tenantId: bid.tenantId, userId: bid.bidderId, teamsId: bid.bidderTeamsId, serviceUrl: bid.serviceUrl });

/** The bidder 1:1 and the group's chat (when it has one linked), told of the figures of this revision. */
function madeNotices(bid: Bid, groupConversation: string | undefined, now: Date): OutboxNotice[] {
  const at = now.toISOString();
  const revision = bid.konsekvens?.result?.revision ?? 1;
  const cause = `konsekvens.made|${bid.id}|${revision}`;
  const base = { tenantId: bid.tenantId, status: 'pending' as const, attempts: 0, createdAt: at, updatedAt: at };
  const locale = bid.receiptLocale ?? 'da';
  return [
    { ...base, id: noticeId(cause, bid.bidderId), subject: { kind: 'konsekvens.made', bidId: bid.id, tenderId: bid.tenderId, audience: 'bidder', locale }, to: { kind: 'person', person: personOf(bid) } },
    ...(groupConversation
      ? [{ ...base, id: noticeId(cause, groupConversation), subject: { kind: 'konsekvens.made', bidId: bid.id, tenderId: bid.tenderId, audience: 'group', locale: 'da' }, to: { kind: 'conversation', conversationId: groupConversation } } as const]
      : []),
  ];
}

export type SaveOutcomeError = MakeError | 'KONSEKVENS.INVALID' | 'KONSEKVENS.BUSY';

/** Saves (or revises) the figures: one etag-guarded write of the bid, then the bidder and the group are told. */
export async function saveKonsekvensberegning(
  deps: KonsekvensDeps,
  acting: Acting,
  bidId: string,
  input: KonsekvensInput,
): Promise<Result<{ tender: Tender; bid: Bid }, SaveOutcomeError, KonsekvensFieldError[]>> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const found = await bidAndTender(deps, acting.actor.tenantId, bidId);
    if (!found || !askerRole(acting.actor, found.bid.value, found.tender)) return fail('KONSEKVENS.NOT_FOUND');
    const { bid, tender } = found;
    const now = deps.clock.now();
    const saved = saveKonsekvens(bid.value, tender, acting.actor, input, now);
    if (!saved.ok) return saved;
    if ((await deps.tenders.saveBid(saved.value, bid.etag)) !== 'saved') continue;
    const chat = acting.directory ? conversationOfGroup(acting.directory.value, groupOfBid(saved.value, tender)) : undefined;
    await enqueueNotices(deps, madeNotices(saved.value, chat, now));
    deps.afterClick?.({ tenantId: acting.actor.tenantId });
    return ok({ tender, bid: saved.value });
  }
  return fail('KONSEKVENS.BUSY');
}

/** The konsekvensberegning's notices, drawn from the bid as stored when they are sent. */
export const konsekvensNotices: Pick<NoticeRenderers, 'konsekvens.requested' | 'konsekvens.made'> = {
  'konsekvens.requested': async (deps, n) => {
    const bid = (await deps.tenders.getBid(n.tenantId, n.subject.bidId))?.value;
    const tender = bid && (await deps.tenders.getTender(n.tenantId, bid.tenderId))?.value;
    if (!bid || !tender || !bid.konsekvens) return undefined;
    // Made before the request reached this økonomikonsulent (a colleague in the group was quicker): nothing to ask any more.
    if (bid.konsekvens.status === 'done') return 'obsolete';
    return { notice: { kind: 'konsekvens.requested', tender, bid }, locale: 'da' };
  },
  'konsekvens.made': async (deps, n) => {
    const bid = (await deps.tenders.getBid(n.tenantId, n.subject.bidId))?.value;
    const tender = bid && (await deps.tenders.getTender(n.tenantId, bid.tenderId))?.value;
    if (!bid || !tender || !bid.konsekvens?.result) return undefined;
    return { notice: { kind: 'konsekvens.made', tender, bid, audience: n.subject.audience }, locale: n.subject.locale };
  },
};
