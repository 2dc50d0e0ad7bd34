// Where the bot may post: installation and membership events record each conversation, and its
// removal. Later features (announcements, reminders, receipts) post only where a record says installed.

import { holdersOf, type Directory } from '../domain/directory.js';
import type { Clock, ConversationRecord, ConversationRepository, ConversationType, Notice, Notifier, Versioned } from './ports.js';

export interface ConversationSeen {
  readonly tenantId: string;
  readonly conversationId: string;
  readonly conversationType: ConversationType;
  readonly name?: string | undefined;
  readonly teamId?: string | undefined;
  readonly teamName?: string | undefined;
  readonly userId?: string | undefined;
  readonly reference: Record<string, unknown>;
}

export interface ConversationDeps {
  readonly conversations: ConversationRepository;
  readonly clock: Clock;
}

function find(deps: ConversationDeps, seen: ConversationSeen): Promise<Versioned<ConversationRecord> | undefined> {
  return seen.conversationType === 'personal' && seen.userId
    ? deps.conversations.getPersonal(seen.tenantId, seen.userId)
    : deps.conversations.get(seen.tenantId, seen.conversationId);
}

/** Reads the record, lets `next` make the new one, and writes it if nobody wrote in between (else again). */
async function change(deps: ConversationDeps, seen: ConversationSeen, next: (existing: ConversationRecord | undefined, now: string) => ConversationRecord) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await find(deps, seen);
    const record = next(existing?.value, deps.clock.now().toISOString());
    if ((await deps.conversations.save(record, existing?.etag)) === 'saved') return existing?.value;
  }
  throw new Error(`conversation record kept changing under us: ${seen.conversationId}`);
}

/** Records that the bot is in this conversation. `isNew` is true when it was not installed before (so: welcome). */
export async function recordConversationAdded(deps: ConversationDeps, seen: ConversationSeen): Promise<{ isNew: boolean }> {
  const before = await change(deps, seen, (existing, now) => ({
    ...seen,
    name: seen.name ?? existing?.name,
    teamName: seen.teamName ?? existing?.teamName,
    status: 'installed',
    installedAt: existing?.status === 'installed' ? existing.installedAt : now,
    updatedAt: now,
  }));
  return { isNew: before?.status !== 'installed' };
}

/** Records that the bot was removed; the record stays so an admin can see where it used to be. */
export async function recordConversationRemoved(deps: ConversationDeps, seen: ConversationSeen): Promise<void> {
  await change(deps, seen, (existing, now) => ({
    ...(existing ?? { ...seen, installedAt: now }),
    status: 'removed',
    updatedAt: now,
    removedAt: now,
  }));
}

/** Tells each of the tenant's admins 1:1, where the bot has a personal chat with them. */
export async function tellAdmins(deps: { readonly conversations: ConversationRepository; readonly notifier: Notifier }, dir: Directory, notice: Notice): Promise<void> {
  for (const admin of holdersOf(dir, 'admin')) {
    const record = (await deps.conversations.getPersonal(dir.tenantId, admin))?.value;
    if (record?.status === 'installed') await deps.notifier.post(record, notice, 'da');
  }
}
