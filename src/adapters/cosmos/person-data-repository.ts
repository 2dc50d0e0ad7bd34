// Every item of one tenant, read whole, for one person's GDPR export and erasure (app/person-data.ts),
// and the erasure audit entries (`erasure-<hash of the person id>`, type 'erasure') in the directory
// container, in the tenant's partition beside the roster.
//
// A scan is one query per container, `SELECT * FROM c WHERE c.pk = @pk`, read a page (maxItemCount) at a
// time with the partition key given: it stays in the tenant's logical partition, and costs about one RU
// per KB read on Azure (the embedded server answers the SDK's query-plan request too; NOTES.md).

import { erasureItemId } from '../../app/person-data.js';
import { z } from 'zod';
import type { PersonDataRepository, SaveOutcome, StoredItem, Versioned } from '../../app/ports.js';
import type { ErasureAudit, JsonObject, Store } from '../../domain/person-data.js';
import type { Containers } from './cosmos-connection.js';
import { statusOf, writeOutcome } from './cosmos-errors.js';

const STORES: readonly Store[] = ['directory', 'tenders', 'reminders', 'agendas'];

const Counts = z.record(z.number().int().nonnegative());
const Keys = z.object({ id: z.string(), names: z.array(z.string()), emails: z.array(z.string()), teamsIds: z.array(z.string()) });
const opt = <T extends z.ZodTypeAny>(t: T) => t.optional().nullable().transform((v) => v ?? undefined);

export const ErasureItemSchema = z.object({
  id: z.string(),
  pk: z.string(),
  type: z.literal('erasure'),
  tenantId: z.string(),
  personId: z.string(),
  requestedBy: z.object({ id: z.string(), name: z.string() }),
  startedAt: z.string(),
  finishedAt: opt(z.string()),
  status: z.enum(['requested', 'running', 'done']),
  claimedBy: opt(z.string()),
  claimedUntil: opt(z.string()),
  locale: opt(z.enum(['da', 'en'])),
  notify: opt(z.object({ teamsId: z.string(), serviceUrl: z.string() })),
  deleted: Counts,
  anonymised: Counts,
  pseudonym: z.string(),
  pending: opt(Keys),
  _etag: z.string(),
});

export { erasureItemId };

function toAudit(resource: unknown): Versioned<ErasureAudit> {
  const { id: _id, pk: _pk, type: _type, _etag, ...audit } = ErasureItemSchema.parse(resource);
  return { value: audit, etag: _etag };
}

export class CosmosPersonDataRepository implements PersonDataRepository {
  constructor(private readonly containers: Pick<Containers, Store>) {}

  async scanTenant(tenantId: string, pageSize: number, visit: (items: readonly StoredItem[]) => Promise<void>): Promise<void> {
    for (const store of STORES) {
      const iterator = this.containers[store].items.query<JsonObject & { _etag: string }>(
        { query: 'SELECT * FROM c WHERE c.pk = @pk', parameters: [{ name: '@pk', value: tenantId }] },
        { partitionKey: tenantId, maxItemCount: pageSize },
      );
      while (iterator.hasMoreResults()) {
        const { resources } = await iterator.fetchNext();
        if (resources.length > 0) await visit(resources.map((item) => ({ store, item, etag: item._etag })));
      }
    }
  }

  replaceItem(store: Store, item: JsonObject, etag: string): Promise<SaveOutcome> {
    return writeOutcome(() => this.containers[store].item(String(item.id), String(item.pk)).replace(item, { accessCondition: { type: 'IfMatch', condition: etag } }));
  }

  async deleteItem(store: Store, tenantId: string, id: string, etag: string): Promise<SaveOutcome> {
    try {
      await this.containers[store].item(id, tenantId).delete({ accessCondition: { type: 'IfMatch', condition: etag } });
      return 'saved';
    } catch (error) {
      const status = statusOf(error);
      if (status === 404) return 'saved';
      if (status === 412) return 'conflict';
      throw error;
    }
  }

  async getErasure(tenantId: string, personId: string): Promise<Versioned<ErasureAudit> | undefined> {
    const { resource, statusCode } = await this.containers.directory.item(erasureItemId(personId), tenantId).read();
    return statusCode === 404 || !resource ? undefined : toAudit(resource);
  }

  saveErasure(audit: ErasureAudit, etag: string | undefined): Promise<SaveOutcome> {
    // `pending` is written as null once the erasure is done: a replace leaves no trace of what it looked for.
    const item = { ...audit, pending: audit.pending ?? null, finishedAt: audit.finishedAt ?? null, claimedBy: audit.claimedBy ?? null, claimedUntil: audit.claimedUntil ?? null, locale: audit.locale ?? null, notify: audit.notify ?? null, id: erasureItemId(audit.personId), pk: audit.tenantId, type: 'erasure' };
    return writeOutcome(() =>
      etag === undefined ? this.containers.directory.items.create(item) : this.containers.directory.item(item.id, audit.tenantId).replace(item, { accessCondition: { type: 'IfMatch', condition: etag } }),
    );
  }

  async getErasureById(tenantId: string, id: string): Promise<ErasureAudit | undefined> {
    const { resource, statusCode } = await this.containers.directory.item(id, tenantId).read();
    return statusCode === 404 || !resource ? undefined : toAudit(resource).value;
  }

  async peopleByEmail(tenantId: string, email: string, limit: number): Promise<{ id: string; name: string }[]> {
    // Roster lines store the e-mail as the roster file spelled it: as typed, and in lower case.
    const { resources } = await this.containers.directory.items
      .query<{ personId: string; name: string }>(
        {
          query: `SELECT TOP ${Math.floor(limit)} c.personId, c.name FROM c WHERE c.pk = @pk AND c.type = 'person' AND (c.email = @e OR c.email = @lower)`,
          parameters: [
            { name: '@pk', value: tenantId },
            { name: '@e', value: email },
            { name: '@lower', value: email.toLowerCase() },
          ],
        },
        { partitionKey: tenantId },
      )
      .fetchAll();
    return resources.map((r) => ({ id: r.personId, name: r.name }));
  }

  async unfinishedErasures(limit: number): Promise<{ tenantId: string; personId: string }[]> {
    // The scheduler's one cross-partition query (every tenant's unfinished erasures, ids only); `status`
    // is indexed in the directory container for it, and a done entry is never read again.
    const { resources } = await this.containers.directory.items
      .query<{ pk: string; personId: string }>(`SELECT TOP ${Math.floor(limit)} c.pk, c.personId FROM c WHERE c.type = 'erasure' AND c.status != 'done'`)
      .fetchAll();
    return resources.map((r) => ({ tenantId: r.pk, personId: r.personId }));
  }

  async erasures(tenantId: string, limit: number): Promise<ErasureAudit[]> {
    // TOP bounds the read; ORDER BY would need `startedAt` indexed for a handful of items a year, so the newest first is sorted here.
    const { resources } = await this.containers.directory.items
      .query({ query: "SELECT TOP 100 * FROM c WHERE c.pk = @pk AND c.type = 'erasure'", parameters: [{ name: '@pk', value: tenantId }] }, { partitionKey: tenantId })
      .fetchAll();
    return resources
      .map((r) => toAudit(r).value)
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
      .slice(0, limit);
  }
}
