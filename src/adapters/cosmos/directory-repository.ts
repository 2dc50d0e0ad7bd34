// The tenant's directory as one item in the `directory` container (pk = tenant id), checked with zod
// when read, and written only with the etag it was read with; and the roster's people, one item each
// (`person-<id>`) beside it, so the directory item is the size of the groups, not of the staff.
//
// Every turn reads the directory, so each instance keeps the parsed directories of the tenants it
// served last, keyed by etag: a read sends the cached etag with If-None-Match, and Azure answers an
// unchanged item with 304 and no body. Another instance's write changes the etag, so it is seen on the
// next turn; there is no time to live.

import type { Container, OperationInput } from '@azure/cosmos';
import { z } from 'zod';
import type { Directory, Person } from '../../domain/directory.js';
import { foldName, GROUP_KINDS, ROLES } from '../../domain/roles.js';
import type { RightAction } from '../../domain/rights.js';
import type { DirectoryRepository, SaveOutcome, Versioned } from '../../app/ports.js';
import { DIRECTORY_ITEM_ID } from './containers.js';
import { statusOf } from './cosmos-errors.js';

const opt = <T extends z.ZodTypeAny>(t: T) => t.optional().nullable().transform((v) => v ?? undefined);

const roleList = z.array(z.enum(ROLES));

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
  rights: opt(z.object({ udkast: roleList, offentliggoer: roleList, aflys: roleList, beslut: roleList } satisfies Record<RightAction, typeof roleList>)),
  importedBy: opt(z.string()),
  importedAt: opt(z.string()),
  _etag: z.string(),
});

export const PersonItemSchema = z.object({
  id: z.string(),
  pk: z.string(),
  type: z.literal('person'),
  schemaVersion: z.literal(1),
  personId: z.string(),
  name: z.string(),
  /** The name folded as people search would type it ("Søren Ærø" → "soeren aeroe"). */
  nameFolded: z.string(),
  email: opt(z.string()),
});

/** Entra object ids are case-insensitive, and the item id must be one id per person. */
export const personItemId = (personId: string): string => `person-${personId.toLowerCase()}`;

/** Tenants whose parsed directory an instance keeps: a few hundred directories of group members are a few MB. */
export const DIRECTORY_CACHE_TENANTS = 300;

/**
 * Person operations per bulk call: @azure/cosmos sends them 100 to a request and retries throttled ones
 * itself. Each call has a fixed wait of about a second (measured locally: 1,000 a call imported 50,000
 * people in 55 s, 5,000 a call in 12 s), so calls are large; one call is one step of the progress.
 */
const PEOPLE_PER_BULK_CALL = 5_000;

/**
 * Below one bulk request's worth (100 operations) the SDK would still wait its second for a batch to
 * fill; a roster change of a few people (and every demo start) is quicker as single writes, 8 at a time.
 */
const SINGLE_WRITES_BELOW = 100;

async function oneByOne(container: Container, operations: readonly OperationInput[], ignore404: boolean): Promise<void> {
  for (let start = 0; start < operations.length; start += 8) {
    await Promise.all(
      operations.slice(start, start + 8).map(async (op) => {
        if (op.operationType === 'Upsert') return void (await container.items.upsert(op.resourceBody));
        if (op.operationType !== 'Delete') throw new Error(`unexpected ${op.operationType} of a person item`);
        try {
          await container.item(op.id, op.partitionKey as string).delete();
        } catch (error) {
          if (!(ignore404 && statusOf(error) === 404)) throw error;
        }
      }),
    );
  }
}

async function inBulk(container: Container, operations: readonly OperationInput[], ignore404: boolean, progress?: (done: number) => void): Promise<void> {
  if (operations.length < SINGLE_WRITES_BELOW) {
    await oneByOne(container, operations, ignore404);
    progress?.(operations.length);
    return;
  }
  for (let start = 0; start < operations.length; start += PEOPLE_PER_BULK_CALL) {
    const chunk = operations.slice(start, start + PEOPLE_PER_BULK_CALL);
    const results = await container.items.executeBulkOperations(chunk);
    const failed = results.find((r) => {
      const status = r.response?.statusCode ?? r.error?.code ?? 500;
      return typeof status !== 'number' || (status >= 400 && !(ignore404 && status === 404));
    });
    if (failed) throw new Error(`bulk ${failed.operationInput.operationType} of person items failed: ${failed.error?.message ?? String(failed.response?.statusCode)}`);
    progress?.(start + chunk.length);
  }
}

export class CosmosDirectoryRepository implements DirectoryRepository {
  /** Parsed directories by tenant, least recently used first (a Map keeps insertion order). */
  private readonly cache = new Map<string, Versioned<Directory>>();

  constructor(private readonly container: Container) {}

  async get(tenantId: string): Promise<Versioned<Directory> | undefined> {
    const cached = this.cache.get(tenantId);
    const { resource, statusCode } = await this.container
      .item(DIRECTORY_ITEM_ID, tenantId)
      .read(cached ? { accessCondition: { type: 'IfNoneMatch', condition: cached.etag } } : undefined);
    // 304: unchanged since we parsed it. The same etag in a 200 is unchanged too (a server that ignores If-None-Match).
    if (cached && (statusCode === 304 || (resource as { _etag?: unknown } | undefined)?._etag === cached.etag)) return this.remember(tenantId, cached);
    if (statusCode === 404 || !resource) {
      this.cache.delete(tenantId);
      return undefined;
    }
    const { id: _id, pk: _pk, type: _type, schemaVersion: _v, _etag, ...directory } = DirectoryItemSchema.parse(resource);
    return this.remember(tenantId, { value: directory, etag: _etag });
  }

  private remember(tenantId: string, entry: Versioned<Directory>): Versioned<Directory> {
    this.cache.delete(tenantId);
    this.cache.set(tenantId, entry);
    if (this.cache.size > DIRECTORY_CACHE_TENANTS) this.cache.delete(this.cache.keys().next().value!);
    return entry;
  }

  async tenantIds(): Promise<string[]> {
    // A scan across tenants for the scheduler only; it returns partition keys, nothing of their data.
    const { resources } = await this.container.items.query<{ pk: string }>("SELECT c.pk FROM c WHERE c.type = 'directory'").fetchAll();
    return resources.map((r) => r.pk);
  }

  async save(directory: Directory, etag: string | undefined): Promise<SaveOutcome> {
    const item = { id: DIRECTORY_ITEM_ID, pk: directory.tenantId, type: 'directory', schemaVersion: 1, ...directory };
    try {
      const written =
        etag === undefined
          ? await this.container.items.create(item)
          : await this.container.item(DIRECTORY_ITEM_ID, directory.tenantId).replace(item, { accessCondition: { type: 'IfMatch', condition: etag } });
      // The writer's next turn needs no parse; another instance sees the new etag on its next read.
      if (written.etag) this.remember(directory.tenantId, { value: directory, etag: written.etag });
      return 'saved';
    } catch (error) {
      const status = statusOf(error);
      if (status === 409 || status === 412) return 'conflict';
      throw error;
    }
  }

  async storedPeople(tenantId: string): Promise<Person[]> {
    const { resources } = await this.container.items
      .query<{ personId: string; name: string; email?: string | null }>(
        { query: "SELECT c.personId, c.name, c.email FROM c WHERE c.pk = @pk AND c.type = 'person'", parameters: [{ name: '@pk', value: tenantId }] },
        // One page of everything where the server allows it: the local server rescans the partition for every page.
        { partitionKey: tenantId, maxItemCount: -1 },
      )
      .fetchAll();
    return resources.map((r) => ({ id: r.personId, name: r.name, email: r.email ?? undefined }));
  }

  async putPeople(tenantId: string, people: readonly Person[], progress?: (done: number) => void): Promise<void> {
    const operations = people.map((p): OperationInput => {
      const item: z.input<typeof PersonItemSchema> = {
        id: personItemId(p.id),
        pk: tenantId,
        type: 'person',
        schemaVersion: 1,
        personId: p.id.toLowerCase(),
        name: p.name,
        nameFolded: foldName(p.name),
        ...(p.email === undefined ? {} : { email: p.email }),
      };
      return { operationType: 'Upsert', partitionKey: tenantId, resourceBody: item };
    });
    await inBulk(this.container, operations, false, progress);
  }

  async searchPeople(tenantId: string, folded: string, limit: number): Promise<{ id: string; name: string }[]> {
    const { resources } = await this.container.items
      .query<{ personId: string; name: string }>(
        {
          query: `SELECT TOP ${Math.floor(limit)} c.personId, c.name FROM c WHERE c.pk = @pk AND c.type = 'person' AND CONTAINS(c.nameFolded, @q) ORDER BY c.nameFolded`,
          parameters: [
            { name: '@pk', value: tenantId },
            { name: '@q', value: folded },
          ],
        },
        { partitionKey: tenantId },
      )
      .fetchAll();
    return resources.map((r) => ({ id: r.personId, name: r.name }));
  }

  async peopleByIds(tenantId: string, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
    const read = await Promise.all(
      ids.map(async (id) => {
        const { resource } = await this.container.item(personItemId(id), tenantId).read();
        const parsed = PersonItemSchema.safeParse(resource);
        return parsed.success ? [{ id: parsed.data.personId, name: parsed.data.name }] : [];
      }),
    );
    return read.flat();
  }

  async deletePeople(tenantId: string, personIds: readonly string[]): Promise<void> {
    const operations = personIds.map((id): OperationInput => ({ operationType: 'Delete', partitionKey: tenantId, id: personItemId(id) }));
    await inBulk(this.container, operations, true);
  }
}
