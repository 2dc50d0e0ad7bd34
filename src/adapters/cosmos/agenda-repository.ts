// Dialogmøde agendas in the `agendas` container (pk = tenant id), one item per meeting
// (`agenda-<meeting id>`) holding its topics, so adding a topic and locking the agenda are each one
// etag-conditioned replace of the same item: whichever is written first wins, the other re-reads.

import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import type { AgendaRepository, SaveOutcome, Versioned } from '../../app/ports.js';
import { needsAttention, type Agenda } from '../../domain/agenda.js';
import { isItemId, writeOutcome } from './cosmos-errors.js';

const opt = <T extends z.ZodTypeAny>(t: T) => t.optional().nullable().transform((v) => v ?? undefined);

const AuditSchema = z.object({ at: z.string(), by: z.string(), action: z.string(), from: opt(z.string()), to: opt(z.string()), note: opt(z.string()) });

const TopicSchema = z.object({
  id: z.string(),
  title: z.string(),
  why: z.string(),
  part: z.union([z.literal(1), z.literal(2)]),
  committee: opt(z.string()),
  authorId: z.string(),
  authorName: z.string(),
  authorTeamsId: z.string(),
  serviceUrl: z.string(),
  status: z.enum(['active', 'withdrawn']),
  addedAt: z.string(),
  editedAt: opt(z.string()),
  withdrawnAt: opt(z.string()),
  movedFrom: opt(z.string()),
  history: z.array(AuditSchema),
});

export const AgendaItemSchema = z.object({
  id: z.string(),
  pk: z.string(),
  type: z.literal('agenda'),
  tenantId: z.string(),
  meetingId: z.string(),
  meetingStart: z.string(),
  status: z.enum(['open', 'locked', 'cancelled']),
  topics: z.array(TopicSchema),
  version: z.number().int(),
  shownVersion: z.number().int(),
  cardsShownAt: opt(z.string()),
  cardsQueuedVersion: opt(z.number().int()),
  cards: z.array(z.object({ conversationId: z.string(), activityId: z.string(), stage: z.enum(['call', 'lastCall', 'view']) })),
  lockedAt: opt(z.string()),
  finalPostedAt: opt(z.string()),
  cancelledAt: opt(z.string()),
  movedTo: opt(z.string()),
  authorsToldAt: opt(z.string()),
  withdrawnIds: opt(z.array(z.string())),
  createdAt: z.string(),
  updatedAt: z.string(),
  _etag: z.string(),
});

export const agendaItemId = (meetingId: string) => `agenda-${meetingId}`;

function toAgenda(resource: unknown): Versioned<Agenda> {
  const { pk: _pk, type: _type, id: _id, _etag, ...agenda } = AgendaItemSchema.parse(resource);
  return { value: agenda, etag: _etag };
}

export class CosmosAgendaRepository implements AgendaRepository {
  constructor(private readonly container: Container) {}

  async get(tenantId: string, meetingId: string): Promise<Versioned<Agenda> | undefined> {
    if (!isItemId(agendaItemId(meetingId))) return undefined;
    const { resource, statusCode } = await this.container.item(agendaItemId(meetingId), tenantId).read();
    return statusCode === 404 || !resource ? undefined : toAgenda(resource);
  }

  save(agenda: Agenda, etag: string | undefined): Promise<SaveOutcome> {
    const item = { ...agenda, id: agendaItemId(agenda.meetingId), pk: agenda.tenantId, type: 'agenda', attention: needsAttention(agenda) };
    return writeOutcome(() =>
      etag === undefined
        ? this.container.items.create(item)
        : this.container.item(item.id, agenda.tenantId).replace(item, { accessCondition: { type: 'IfMatch', condition: etag } }),
    );
  }

  async needingAttention(): Promise<{ tenantId: string; meetingId: string; etag: string }[]> {
    // Like the tender scan: ids (and the etag, so the sweep knows an agenda it has seen is unchanged)
    // across tenants, for the scheduler. Locked agendas of past meetings have `attention = false`, so
    // what it returns does not grow with history: the next dialogmøde's agenda per tenant, at most a few.
    const { resources } = await this.container.items
      .query<{ pk: string; meetingId: string; _etag: string }>("SELECT c.pk, c.meetingId, c._etag FROM c WHERE c.type = 'agenda' AND c.attention = true")
      .fetchAll();
    return resources.map((r) => ({ tenantId: r.pk, meetingId: r.meetingId, etag: r._etag }));
  }
}
