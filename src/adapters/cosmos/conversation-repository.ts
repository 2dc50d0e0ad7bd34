// Conversation records (where the bot may post) in the `directory` container, next to the tenant's
// directory: a group chat or channel keyed by a hash of its id, a personal chat by the person.

import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import type { ConversationRecord, ConversationRepository, SaveOutcome, Versioned } from '../../app/ports.js';
import { conversationItemId, personalItemId } from './containers.js';
import { isItemId, statusOf } from './cosmos-errors.js';

const opt = <T extends z.ZodTypeAny>(t: T) => t.optional().nullable().transform((v) => v ?? undefined);

export const ConversationItemSchema = z.object({
  id: z.string(),
  pk: z.string(),
  type: z.literal('conversation'),
  tenantId: z.string(),
  conversationId: z.string(),
  conversationType: z.enum(['personal', 'groupChat', 'channel']),
  name: opt(z.string()),
  teamId: opt(z.string()),
  teamName: opt(z.string()),
  userId: opt(z.string()),
  reference: z.record(z.unknown()),
  status: z.enum(['installed', 'removed']),
  installedAt: z.string(),
  updatedAt: z.string(),
  removedAt: opt(z.string()),
  _etag: z.string(),
});

function toRecord(resource: unknown): Versioned<ConversationRecord> {
  const { id: _id, pk: _pk, type: _type, _etag, ...record } = ConversationItemSchema.parse(resource);
  return { value: record, etag: _etag };
}

function itemIdOf(record: ConversationRecord): string {
  return record.conversationType === 'personal' && record.userId ? personalItemId(record.userId) : conversationItemId(record.conversationId);
}

export class CosmosConversationRepository implements ConversationRepository {
  constructor(private readonly container: Container) {}

  private async read(id: string, tenantId: string): Promise<Versioned<ConversationRecord> | undefined> {
    if (!isItemId(id)) return undefined;
    const { resource, statusCode } = await this.container.item(id, tenantId).read();
    return statusCode === 404 || !resource ? undefined : toRecord(resource);
  }

  get(tenantId: string, conversationId: string) {
    return this.read(conversationItemId(conversationId), tenantId);
  }

  getPersonal(tenantId: string, userId: string) {
    return this.read(personalItemId(userId), tenantId);
  }

  async save(record: ConversationRecord, etag: string | undefined): Promise<SaveOutcome> {
    const id = itemIdOf(record);
    const item = { id, pk: record.tenantId, type: 'conversation', ...record };
    try {
      if (etag === undefined) await this.container.items.create(item);
      else await this.container.item(id, record.tenantId).replace(item, { accessCondition: { type: 'IfMatch', condition: etag } });
      return 'saved';
    } catch (error) {
      const status = statusOf(error);
      if (status === 409 || status === 412) return 'conflict';
      throw error;
    }
  }
}
