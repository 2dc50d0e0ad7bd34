// The retention sweep's reads and deletes (app/retention.ts): each a TOP-bounded query of ids in one
// tenant's partition, on indexed properties (type, status, deadline, tenderId; the agendas' meetingStart).

import type { Container, SqlParameter } from '@azure/cosmos';
import type { RetentionRepository } from '../../app/ports.js';
import { statusOf } from './cosmos-errors.js';

export class CosmosRetentionRepository implements RetentionRepository {
  constructor(private readonly containers: { readonly tenders: Container; readonly agendas: Container }) {}

  private async ids<T>(container: Container, tenantId: string, query: string, parameters: SqlParameter[]): Promise<T[]> {
    const { resources } = await container.items.query<T>({ query, parameters: [{ name: '@pk', value: tenantId }, ...parameters] }, { partitionKey: tenantId }).fetchAll();
    return resources;
  }

  async endedTenders(tenantId: string, before: Date, limit: number): Promise<string[]> {
    const rows = await this.ids<{ id: string }>(
      this.containers.tenders,
      tenantId,
      `SELECT TOP ${Math.trunc(limit)} c.id FROM c WHERE c.pk = @pk AND c.type = 'tender' AND c.status IN ('closed', 'cancelled') AND c.deadline < @before`,
      [{ name: '@before', value: before.toISOString() }],
    );
    return rows.map((r) => r.id);
  }

  itemsOfTender(tenantId: string, tenderId: string, limit: number): Promise<{ id: string; type: string }[]> {
    return this.ids(
      this.containers.tenders,
      tenantId,
      `SELECT TOP ${Math.trunc(limit)} c.id, c.type FROM c WHERE c.pk = @pk AND c.tenderId = @tenderId AND c.type IN ('bid', 'evaluation', 'tally')`,
      [{ name: '@tenderId', value: tenderId }],
    );
  }

  async heldAgendas(tenantId: string, before: Date, limit: number): Promise<string[]> {
    const rows = await this.ids<{ id: string }>(
      this.containers.agendas,
      tenantId,
      `SELECT TOP ${Math.trunc(limit)} c.id FROM c WHERE c.pk = @pk AND c.type = 'agenda' AND c.meetingStart < @before`,
      [{ name: '@before', value: before.toISOString() }],
    );
    return rows.map((r) => r.id);
  }

  async deleteItem(store: 'tenders' | 'agendas', tenantId: string, id: string): Promise<void> {
    try {
      await this.containers[store].item(id, tenantId).delete();
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }
}
