// "Send til tovholderen": a drafter who may not publish (by default a konsulent or chef; seed 002: "ikke
// primær tovholder men dem der skubber på") marks the draft ready, and whoever may publish it (seed 000:
// the tovholder, "ansvarlig for gruppens arbejde"; an admin when nobody in the group may) is told 1:1
// through the outbox, with a button to the draft. Nobody reachable 1:1: the group's chat is told instead.

import { conversationOfGroup } from '../domain/directory.js';
import { leadRecipients, markReady, maySendToLead, sendRefusal } from '../domain/draft-ready.js';
import { fail, ok, type Result } from '../domain/result.js';
import type { ReadyForLead, Tender } from '../domain/tender.js';
import type { Acting } from './directory-admin.js';
import type { NoticeRenderers } from './notice-kinds.js';
import { enqueueNotices, noticeId } from './notices.js';
import type { AfterClick, Clock, ConversationRepository, OutboxNotice, OutboxRepository, TenderRepository } from './ports.js';
import { changeTender } from './tenders.js';

export interface DraftReadyDeps {
  readonly tenders: TenderRepository;
  readonly conversations: ConversationRepository;
  readonly outbox: OutboxRepository;
  readonly clock: Clock;
  readonly afterClick?: AfterClick | undefined;
}

export type SendToLeadError = 'TENDER.NOT_FOUND' | 'TENDER.NOT_MANAGER' | 'TENDER.NOT_DRAFT' | 'TENDER.BUSY' | 'DIRECTORY.MISSING' | 'DRAFT_READY.NOBODY_REACHABLE';

/**
 * The notices a mark owes: one per recipient 1:1, or one to the group's chat. Their ids are a hash of
 * the tender, the mark's time and the recipient, so enqueueing them again (a second press, a retried
 * click) creates nothing new, and a draft edited and sent again is a new cause.
 */
function readyNotices(t: Tender, mark: ReadyForLead, chat: string | undefined): OutboxNotice[] {
  const cause = `tender.readyForLead|${t.id}|${mark.at}`;
  const base = { tenantId: t.tenantId, status: 'pending' as const, attempts: 0, createdAt: mark.at, updatedAt: mark.at };
  if (mark.via === 'group')
    return chat ? [{ ...base, id: noticeId(cause, chat), subject: { kind: 'tender.readyForLead', tenderId: t.id, at: mark.at, audience: 'group' }, to: { kind: 'conversation', conversationId: chat } }] : [];
  return mark.to.map((p) => ({ ...base, id: noticeId(cause, p.id), subject: { kind: 'tender.readyForLead', tenderId: t.id, at: mark.at, audience: 'personal' }, to: { kind: 'personal', userId: p.id } }));
}

/**
 * Marks the draft ready and queues the notices. A draft already sent changes nothing: its notices are
 * enqueued again under the same ids (nothing new is created, but a crash between the mark and the
 * notices is made good) and `already` says so. Nobody reachable at all (no personal chat with any
 * recipient, and the group's chat not installed): nothing is stored, and the sender is told whom to tell.
 */
export async function sendDraftToLead(
  deps: DraftReadyDeps,
  acting: Acting,
  tenderId: string,
): Promise<Result<{ tender: Tender; already: boolean }, SendToLeadError, { names: readonly string[] }>> {
  const { actor } = acting;
  const tenantId = actor.tenantId;
  const found = await deps.tenders.getTender(tenantId, tenderId);
  if (!found) return fail('TENDER.NOT_FOUND');
  const draft = found.value;
  if (!maySendToLead(actor, draft.groupId)) return fail(sendRefusal(actor, draft.groupId));
  if (draft.status !== 'draft') return fail('TENDER.NOT_DRAFT');
  const dir = acting.directory?.value;
  if (!dir) return fail('DIRECTORY.MISSING');
  const chat = conversationOfGroup(dir, draft.groupId);
  if (draft.readyForLead) {
    await enqueueNotices(deps, readyNotices(draft, draft.readyForLead, chat));
    return ok({ tender: draft, already: true });
  }

  const wanted = leadRecipients(dir, draft.groupId, actor.personId);
  // Reachable 1:1: the personal chat recorded when they installed the app (as the outbox sends 'personal').
  const personal = await Promise.all(wanted.map(async (p) => ((await deps.conversations.getPersonal(tenantId, p.id))?.value.status === 'installed' ? p : undefined)));
  const reachable = personal.filter((p): p is ReadyForLead['to'][number] => p !== undefined);
  let via: ReadyForLead['via'] = 'personal';
  if (reachable.length === 0) {
    const record = chat ? (await deps.conversations.get(tenantId, chat))?.value : undefined;
    if (record?.status !== 'installed') return fail('DRAFT_READY.NOBODY_REACHABLE', { names: wanted.map((p) => p.name) });
    via = 'group';
  }
  const now = deps.clock.now();
  const mark: ReadyForLead = { at: now.toISOString(), by: actor.personId, byName: actor.name, to: via === 'personal' ? reachable : wanted, via };
  const marked = await changeTender(deps, tenantId, tenderId, (t) => markReady(t, mark), found);
  if (!marked.ok) return marked;
  const stored = marked.value.readyForLead!;
  await enqueueNotices(deps, readyNotices(marked.value, stored, chat));
  deps.afterClick?.({ tenantId });
  return ok({ tender: marked.value, already: stored !== mark });
}

/** The notice, drawn from the tender as stored when sent; obsolete once it was edited, published or cancelled first. */
export const draftReadyNotices: Pick<NoticeRenderers, 'tender.readyForLead'> = {
  'tender.readyForLead': async (deps, n) => {
    const tender = (await deps.tenders.getTender(n.tenantId, n.subject.tenderId))?.value;
    if (!tender) return undefined;
    if (tender.status !== 'draft' || tender.readyForLead?.at !== n.subject.at) return 'obsolete';
    return { notice: { kind: 'tender.readyForLead', tender, audience: n.subject.audience }, locale: 'da' };
  },
};
