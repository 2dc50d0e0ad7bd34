// The outbox: one `notice` item per message the bot owes someone, in the `reminders` container beside
// the reminders (pk = tenant id), zod-checked, created once (409 = already enqueued), claimed and
// finished with its etag.

import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import type { OutboxNotice, OutboxRepository, SaveOutcome, Versioned } from '../../app/ports.js';
import { writeOutcome } from './cosmos-errors.js';

const opt = <T extends z.ZodTypeAny>(t: T) => t.optional().nullable().transform((v) => v ?? undefined);

const PersonSchema = z.object({ tenantId: z.string(), userId: z.string(), teamsId: z.string(), serviceUrl: z.string() });

export const NoticeItemSchema = z.object({
  id: z.string(),
  pk: z.string(),
  type: z.literal('notice'),
  tenantId: z.string(),
  subject: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('bid.receipt'), tenderId: z.string(), bidId: z.string(), change: z.enum(['submitted', 'edited', 'withdrawn']), locale: z.enum(['da', 'en']), updateActivityId: opt(z.string()) }),
    z.object({ kind: z.literal('tender.cancelled'), tenderId: z.string(), bidId: z.string() }),
    z.object({ kind: z.literal('tender.announcement'), tenderId: z.string(), conversationId: z.string(), activityId: z.string() }),
    z.object({ kind: z.literal('topic.receipt'), meetingId: z.string(), topicId: z.string(), change: z.enum(['added', 'edited', 'withdrawn']), changedBy: opt(z.string()), locale: z.enum(['da', 'en']) }),
    z.object({ kind: z.literal('agenda.redraw'), meetingId: z.string(), conversationId: z.string(), activityId: z.string() }),
    z.object({ kind: z.literal('decision.status'), tenderId: z.string(), bidId: z.string(), seq: z.number().int() }),
    z.object({ kind: z.literal('award.group'), tenderId: z.string(), bidId: z.string(), period: z.string(), byName: z.string() }),
  ]),
  to: z.discriminatedUnion('kind', [z.object({ kind: z.literal('person'), person: PersonSchema }), z.object({ kind: z.literal('conversation'), conversationId: z.string() }), z.object({ kind: z.literal('personal'), userId: z.string() })]),
  status: z.enum(['pending', 'sending', 'sent', 'unreachable', 'skipped']),
  attempts: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  notBefore: opt(z.string()),
  claimedBy: opt(z.string()),
  claimedUntil: opt(z.string()),
  sentAt: opt(z.string()),
  lastError: opt(z.string()),
  _etag: z.string(),
});

function toNotice(resource: unknown): Versioned<OutboxNotice> {
  const { pk: _pk, type: _type, _etag, ...n } = NoticeItemSchema.parse(resource);
  return { value: n, etag: _etag };
}

const OPTIONAL = ['notBefore', 'claimedBy', 'claimedUntil', 'sentAt', 'lastError'] as const;
/** JSON drops undefined, so an unset optional field is written as null: the due query compares with null. */
const itemOf = (n: OutboxNotice) => ({ ...n, ...Object.fromEntries(OPTIONAL.map((k) => [k, n[k] ?? null])), pk: n.tenantId, type: 'notice' });

export class CosmosOutboxRepository implements OutboxRepository {
  constructor(private readonly container: Container) {}

  async create(notice: OutboxNotice): Promise<'saved' | 'exists'> {
    return (await writeOutcome(() => this.container.items.create(itemOf(notice)))) === 'saved' ? 'saved' : 'exists';
  }

  async get(tenantId: string, id: string) {
    const { resource, statusCode } = await this.container.item(id, tenantId).read();
    return statusCode === 404 || !resource || resource.type !== 'notice' ? undefined : toNotice(resource);
  }

  save(notice: OutboxNotice, etag: string): Promise<SaveOutcome> {
    return writeOutcome(() => this.container.item(notice.id, notice.tenantId).replace(itemOf(notice), { accessCondition: { type: 'IfMatch', condition: etag } }));
  }

  async due(now: Date) {
    // The sender's scan across tenants, like the reminders': ids only, oldest first.
    const { resources } = await this.container.items
      .query<{ pk: string; id: string }>({
        query:
          "SELECT c.pk, c.id, c.createdAt FROM c WHERE c.type = 'notice' AND ((c.status = 'pending' AND (c.notBefore = null OR c.notBefore <= @now)) OR (c.status = 'sending' AND c.claimedUntil <= @now)) ORDER BY c.createdAt ASC",
        parameters: [{ name: '@now', value: now.toISOString() }],
      })
      .fetchAll();
    return resources.map((r) => ({ tenantId: r.pk, id: r.id }));
  }
}
