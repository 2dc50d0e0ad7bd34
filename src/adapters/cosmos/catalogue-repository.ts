// Activity catalogues (`cat-…`, one per kernegruppe and period) and activities (`act-…`, one per awarded
// bid) in the `tenders` container (pk = tenant id), zod-checked when read, written with their etags.
// `attention` is true while a catalogue has entries whose consequences are not all done: the tender
// sweep's one scan of the container finds them (tender-repository.ts tendersNeedingAttention).

import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import type { ActivityRepository, CatalogueRepository, SaveOutcome, Versioned } from '../../app/ports.js';
import type { Activity, ActivitySummary } from '../../domain/activity.js';
import type { Catalogue } from '../../domain/catalogue.js';
import { isItemId, writeOutcome } from './cosmos-errors.js';

const opt = <T extends z.ZodTypeAny>(t: T) => t.optional().nullable().transform((v) => v ?? undefined);

const AuditSchema = z.object({ at: z.string(), by: z.string(), action: z.string(), from: opt(z.string()), to: opt(z.string()), note: opt(z.string()) });
const PersonSchema = z.object({ id: z.string(), name: z.string() });
const MeetingSchema = z.object({ id: z.string(), title: z.string(), start: z.string() });
const CostSchema = z.object({ oneOffKr: z.number(), yearlyKr: z.number(), source: z.enum(['konsekvens', 'konkretisering', 'none']) });

const EntrySchema = z.object({
  bidId: z.string(),
  tenderId: z.string(),
  tenderTitle: z.string(),
  bidNumber: z.number().int(),
  title: z.string(),
  bidderId: z.string(),
  activityId: z.string(),
  forudsaetninger: z.array(z.string()),
  crossCutting: z.boolean(),
  cost: CostSchema,
  terms: z.object({ responsible: PersonSchema, expectedEffect: z.string(), startDate: z.string(), evaluationDate: z.string() }),
  decidedBy: z.enum(['kernegruppe', 'byraad']),
  state: z.enum(['awarded', 'indstillet', 'afvist']),
  at: z.string(),
  by: z.string(),
  byName: z.string(),
  override: opt(z.object({ reason: z.string(), totalAfterKr: z.number(), frameKr: z.number() })),
});

export const CatalogueItemSchema = z.object({
  id: z.string(),
  pk: z.string(),
  type: z.literal('catalogue'),
  tenantId: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  kerneopgave: z.string(),
  period: z.string(),
  frames: z.array(z.object({ kr: z.number(), at: z.string(), by: z.string(), byName: z.string(), note: opt(z.string()) })),
  status: z.enum(['draft', 'presented', 'decided']),
  presentedAt: opt(MeetingSchema),
  decision: opt(
    z.object({ outcome: z.enum(['approved', 'changed', 'rejected']), meeting: MeetingSchema, at: z.string(), by: z.string(), byName: z.string(), note: opt(z.string()) }),
  ),
  entries: z.array(EntrySchema),
  unsettled: z.array(z.string()),
  history: z.array(AuditSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  _etag: z.string(),
});

export const ActivityItemSchema = z.object({
  id: z.string(),
  pk: z.string(),
  type: z.literal('activity'),
  tenantId: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  period: z.string(),
  catalogueId: z.string(),
  bidId: z.string(),
  tenderId: z.string(),
  title: z.string(),
  forudsaetninger: z.array(z.string()),
  crossCutting: z.boolean(),
  cost: CostSchema,
  bidderId: z.string(),
  responsible: PersonSchema,
  expectedEffect: z.string(),
  startDate: z.string(),
  evaluationDate: z.string(),
  status: z.enum(['running', 'closed']),
  followUps: z.array(
    z.object({
      at: z.string(),
      by: z.string(),
      byName: z.string(),
      outcome: z.enum(['running', 'closed', 'continued']),
      note: z.string(),
      newEffect: opt(z.string()),
      newEvaluationDate: opt(z.string()),
    }),
  ),
  history: z.array(AuditSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  _etag: z.string(),
});

const ActivitySummarySchema = ActivityItemSchema.pick({ id: true, title: true, status: true, evaluationDate: true, responsible: true });

function toCatalogue(resource: unknown): Versioned<Catalogue> {
  const { pk: _pk, type: _type, _etag, ...catalogue } = CatalogueItemSchema.parse(resource);
  return { value: catalogue, etag: _etag };
}

function toActivity(resource: unknown): Versioned<Activity> {
  const { pk: _pk, type: _type, _etag, ...activity } = ActivityItemSchema.parse(resource);
  return { value: activity, etag: _etag };
}

export class CosmosCatalogueRepository implements CatalogueRepository, ActivityRepository {
  constructor(private readonly container: Container) {}

  async getCatalogue(tenantId: string, id: string) {
    if (!isItemId(id)) return undefined;
    const { resource, statusCode } = await this.container.item(id, tenantId).read();
    return statusCode === 404 || !resource || resource.type !== 'catalogue' ? undefined : toCatalogue(resource);
  }

  saveCatalogue(catalogue: Catalogue, etag: string | undefined): Promise<SaveOutcome> {
    const item = { ...catalogue, pk: catalogue.tenantId, type: 'catalogue', attention: catalogue.unsettled.length > 0 };
    return writeOutcome(() =>
      etag === undefined
        ? this.container.items.create(item)
        : this.container.item(catalogue.id, catalogue.tenantId).replace(item, { accessCondition: { type: 'IfMatch', condition: etag } }),
    );
  }

  async cataloguesOfGroup(tenantId: string, groupId: string, limit: number) {
    const { resources } = await this.container.items
      .query<{ id: string; period: string }>(
        {
          query: `SELECT TOP ${Math.trunc(limit)} c.id, c.period FROM c WHERE c.pk = @pk AND c.type = 'catalogue' AND c.groupId = @g ORDER BY c.createdAt DESC`,
          parameters: [
            { name: '@pk', value: tenantId },
            { name: '@g', value: groupId },
          ],
        },
        { partitionKey: tenantId },
      )
      .fetchAll();
    return resources.map((r) => ({ id: r.id, period: r.period }));
  }

  async getActivity(tenantId: string, id: string) {
    if (!isItemId(id)) return undefined;
    const { resource, statusCode } = await this.container.item(id, tenantId).read();
    return statusCode === 404 || !resource || resource.type !== 'activity' ? undefined : toActivity(resource);
  }

  async createActivity(activity: Activity): Promise<'saved' | 'exists'> {
    return (await writeOutcome(() => this.container.items.create({ ...activity, pk: activity.tenantId, type: 'activity' }))) === 'saved' ? 'saved' : 'exists';
  }

  saveActivity(activity: Activity, etag: string): Promise<SaveOutcome> {
    return writeOutcome(() => this.container.item(activity.id, activity.tenantId).replace({ ...activity, pk: activity.tenantId, type: 'activity' }, { accessCondition: { type: 'IfMatch', condition: etag } }));
  }

  /** One query in the tenant's partition, TOP `limit`, projected to what the list shows (never history or follow-ups). */
  async activitiesOfGroup(tenantId: string, groupId: string, limit: number): Promise<ActivitySummary[]> {
    const { resources } = await this.container.items
      .query<unknown>(
        {
          query: `SELECT TOP ${Math.trunc(limit)} c.id, c.title, c.status, c.evaluationDate, c.responsible FROM c WHERE c.pk = @pk AND c.type = 'activity' AND c.groupId = @g ORDER BY c.evaluationDate`,
          parameters: [
            { name: '@pk', value: tenantId },
            { name: '@g', value: groupId },
          ],
        },
        { partitionKey: tenantId },
      )
      .fetchAll();
    return resources.map((r) => ActivitySummarySchema.parse(r));
  }
}
