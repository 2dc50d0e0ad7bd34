// The embedded Cosmos server answers a query that names its partition from that partition's items
// only (as Azure routes it), through an index of each container's partitions kept up to date by every
// create, replace, upsert and delete. The answers must be exactly what scanning every item gives.

import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../support/cosmos.js';

const inTenant = async (container: Awaited<ReturnType<typeof freshDatabase>>['containers']['tenders'], pk: string) =>
  (
    await container.items
      .query<{ id: string; n: number }>({ query: 'SELECT c.id, c.n FROM c WHERE c.pk = @pk ORDER BY c.n', parameters: [{ name: '@pk', value: pk }] }, { partitionKey: pk })
      .fetchAll()
  ).resources;

describe('the embedded server, queries in one partition', () => {
  it('answers from that partition, and follows creates, replaces, upserts and deletes', async () => {
    const { containers } = await freshDatabase();
    const c = containers.tenders;
    for (let i = 0; i < 5; i++) await c.items.create({ id: `a-${i}`, pk: 'tenant-a', n: i });
    for (let i = 0; i < 3; i++) await c.items.create({ id: `b-${i}`, pk: 'tenant-b', n: i });
    // The first query builds the index; what is written after it must be in it.
    expect((await inTenant(c, 'tenant-a')).map((r) => r.id)).toEqual(['a-0', 'a-1', 'a-2', 'a-3', 'a-4']);
    await c.items.create({ id: 'a-5', pk: 'tenant-a', n: 5 });
    await c.item('a-0', 'tenant-a').replace({ id: 'a-0', pk: 'tenant-a', n: 9 });
    await c.items.upsert({ id: 'a-6', pk: 'tenant-a', n: 6 });
    await c.item('a-1', 'tenant-a').delete();
    expect(await inTenant(c, 'tenant-a')).toEqual([
      { id: 'a-2', n: 2 },
      { id: 'a-3', n: 3 },
      { id: 'a-4', n: 4 },
      { id: 'a-5', n: 5 },
      { id: 'a-6', n: 6 },
      { id: 'a-0', n: 9 },
    ]);
    expect((await inTenant(c, 'tenant-b')).map((r) => r.id)).toEqual(['b-0', 'b-1', 'b-2']);
    expect(await inTenant(c, 'tenant-none')).toEqual([]);
    // A query across partitions still sees every item.
    const all = (await c.items.query<{ id: string }>('SELECT c.id FROM c').fetchAll()).resources;
    expect(all).toHaveLength(9);
  });
});
