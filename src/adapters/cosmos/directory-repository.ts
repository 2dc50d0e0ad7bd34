// The tenant's directory as one item in the `directory` container (pk = tenant id), checked with zod
// when read, and written only with the etag it was read with.

import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import type { Directory } from '../../domain/directory.js';
import { GROUP_KINDS, ROLES } from '../../domain/roles.js';
import type { DirectoryRepository, SaveOutcome, Versioned } from '../../app/ports.js';
import { DIRECTORY_ITEM_ID } from './containers.js';
import { statusOf } from './cosmos-errors.js';

const opt = <T extends z.ZodTypeAny>(t: T) => t.optional().nullable().transform((v) => v ?? undefined);

export const DirectoryItemSchema = z.object({
  id: z.literal(DIRECTORY_ITEM_ID),
  pk: z.string(),
  type: z.literal('directory'),
  schemaVersion: z.literal(1),
  tenantId: z.string(),
  people: z.array(z.object({ id: z.string(), name: z.string(), email: opt(z.string()) })),
  groups: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(GROUP_KINDS),
      name: z.string(),
      kerneopgave: opt(z.string()),
      members: z.array(z.object({ person: z.string(), roles: z.array(z.enum(ROLES)) })),
    }),
  ),
  kerneopgaver: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      bevaegelse: z.string(),
      forudsaetninger: z.array(z.object({ id: z.string(), text: z.string(), demo: z.boolean() })),
    }),
  ),
  links: z.array(
    z.object({
      conversationId: z.string(),
      conversationName: opt(z.string()),
      group: opt(z.string()),
      announcement: z.boolean(),
      changedBy: z.string(),
      changedAt: z.string(),
    }),
  ),
  importedBy: opt(z.string()),
  importedAt: opt(z.string()),
  _etag: z.string(),
});

export class CosmosDirectoryRepository implements DirectoryRepository {
  constructor(private readonly container: Container) {}

  async get(tenantId: string): Promise<Versioned<Directory> | undefined> {
    const { resource, statusCode } = await this.container.item(DIRECTORY_ITEM_ID, tenantId).read();
    if (statusCode === 404 || !resource) return undefined;
    const { id: _id, pk: _pk, type: _type, schemaVersion: _v, _etag, ...directory } = DirectoryItemSchema.parse(resource);
    return { value: directory, etag: _etag };
  }

  async tenantIds(): Promise<string[]> {
    // A scan across tenants for the scheduler only; it returns partition keys, nothing of their data.
    const { resources } = await this.container.items.query<{ pk: string }>("SELECT c.pk FROM c WHERE c.type = 'directory'").fetchAll();
    return resources.map((r) => r.pk);
  }

  async save(directory: Directory, etag: string | undefined): Promise<SaveOutcome> {
    const item = { id: DIRECTORY_ITEM_ID, pk: directory.tenantId, type: 'directory', schemaVersion: 1, ...directory };
    try {
      if (etag === undefined) await this.container.items.create(item);
      else await this.container.item(DIRECTORY_ITEM_ID, directory.tenantId).replace(item, { accessCondition: { type: 'IfMatch', condition: etag } });
      return 'saved';
    } catch (error) {
      const status = statusOf(error);
      if (status === 409 || status === 412) return 'conflict';
      throw error;
    }
  }
}
