// Opens the database the configuration names: Azure Cosmos DB (key or Entra credential), or the
// embedded local server with its data kept under the data folder (a journal of every write). Everything above this file sees
// the same @azure/cosmos containers either way.
// The local pieces (the embedded server with its certificate maker and geometry libraries, the journal,
// the snapshot, the data lock) are loaded only when the local database is opened: with COSMOS_ENDPOINT
// set they are never read from disk, which keeps the production start-up small and quick.

import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Agent } from 'node:https';
import { CosmosClient, type Container, type Database, type PluginConfig } from '@azure/cosmos';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import { CONTAINERS, indexingPolicyOf } from './containers.js';
import type { LockOwner } from './data-lock.js';

export type Containers = { readonly [K in keyof typeof CONTAINERS]: Container };

export interface CosmosConnection {
  readonly database: Database;
  readonly containers: Containers;
  /** Throws when the database cannot be reached (for /readyz). */
  ping(): Promise<void>;
  /** Local data is saved before this resolves. */
  close(): Promise<void>;
}

export class LocalDataInUseError extends Error {}

/** The embedded database's packages are devDependencies: a production install (npm ci --omit=dev) has none of them. */
export class LocalDatabaseNotInstalledError extends LocalDataInUseError {}

const NOT_INSTALLED =
  'Den lokale Cosmos DB (@vercel/cosmosdb-server, selfsigned) er kun til udvikling og er ikke installeret her (installeret uden udviklingspakker). ' +
  'Sæt COSMOS_ENDPOINT til en Azure Cosmos DB-konto, eller kør npm install med udviklingspakkerne.';

// The return type is inferred: a written `typeof import(…)` would count as a static dependency for the layer rules.
async function importEmbedded() {
  try {
    return await import('./embedded-cosmos.js');
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') throw new LocalDatabaseNotInstalledError(NOT_INSTALLED);
    throw e;
  }
}

function containersOf(database: Database): Containers {
  return Object.fromEntries(Object.entries(CONTAINERS).map(([k, def]) => [k, database.container(def.id)])) as Containers;
}

/** Creates the database and containers where we may (embedded, or a key); with Entra auth they come from infra/. */
async function ensureSchema(client: CosmosClient, databaseId: string, create: boolean): Promise<Database> {
  if (!create) {
    const database = client.database(databaseId);
    await database.read();
    for (const def of Object.values(CONTAINERS)) await database.container(def.id).read();
    return database;
  }
  const { database } = await client.databases.createIfNotExists({ id: databaseId });
  for (const def of Object.values(CONTAINERS)) {
    await database.containers.createIfNotExists({ id: def.id, partitionKey: { paths: [def.partitionKey] }, indexingPolicy: indexingPolicyOf(def) });
  }
  return database;
}

function connection(client: CosmosClient, database: Database, close: () => Promise<void>): CosmosConnection {
  return {
    database,
    containers: containersOf(database),
    ping: async () => {
      await database.read();
    },
    close: async () => {
      await close();
      client.dispose();
    },
  };
}

export async function connectAzureCosmos(cfg: Extract<Config['cosmos'], { kind: 'azure' }>): Promise<CosmosConnection> {
  const client = cfg.key
    ? new CosmosClient({ endpoint: cfg.endpoint, key: cfg.key })
    : // Loaded only here: it is large, and the local database (every start of `npm start`) never needs it.
      new CosmosClient({ endpoint: cfg.endpoint, aadCredentials: new (await import('@azure/identity')).DefaultAzureCredential() });
  const database = await ensureSchema(client, cfg.database, Boolean(cfg.key));
  return connection(client, database, async () => {});
}

/** Connects to an embedded server at `endpoint` (a test's, or a running bot's); `plugins` see every request (used to count them). */
export async function connectEmbedded(endpoint: string, key: string, ca: string, databaseId: string, plugins?: PluginConfig[]): Promise<CosmosConnection> {
  const client = new CosmosClient({ endpoint, key, agent: new Agent({ ca, keepAlive: true }), connectionPolicy: { enableEndpointDiscovery: false }, ...(plugins ? { plugins } : {}) });
  const database = await ensureSchema(client, databaseId, true);
  return connection(client, database, async () => {});
}

interface RunningInfo {
  readonly pid: number;
  /** The lock's token: a tool uses the server only of the process that holds the lock now. */
  readonly token: string;
  readonly endpoint: string;
  readonly key: string;
  readonly ca: string;
}

function inUse(holder: LockOwner, dataDir: string): LocalDataInUseError {
  return new LocalDataInUseError(
    holder.role === 'tool'
      ? `Et værktøj (pid ${holder.pid}) bruger de lokale data i ${dataDir} lige nu. Vent til det er færdigt, og prøv igen.`
      : `En anden kopi af botten kører allerede (pid ${holder.pid}) med de lokale data i ${dataDir}. Stop den først.`,
  );
}

/** The running bot's server, as its info file names it; waits a little while the bot is still loading. */
async function serverOf(holder: LockOwner, infoFile: string): Promise<RunningInfo | undefined> {
  for (let waited = 0; waited < 15_000; waited += 100) {
    if (existsSync(infoFile)) {
      const info = JSON.parse(await readFile(infoFile, 'utf8')) as RunningInfo;
      if (info.token === holder.token) return info;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}

const partitionKeyPath = (containerId: string) => Object.values(CONTAINERS).find((c) => c.id === containerId)?.partitionKey ?? '/pk';

/**
 * The local database. As the bot (`owner`), it takes the data folder's lock (refusing to start when
 * another bot holds it), replays the journal over the last snapshot (none with `reset`), compacts,
 * and starts the embedded server with every write journaled before it is acknowledged. As a tool
 * (`tool`, e.g. the roster import), it uses the running bot's server when there is one, so the bot
 * sees the change at once, and otherwise takes the lock and does the same for its own run.
 */
export async function openLocalCosmos(
  cfg: Extract<Config['cosmos'], { kind: 'embedded' }>,
  log: Logger,
  opts: { role: 'owner' | 'tool'; reset?: boolean },
): Promise<CosmosConnection> {
  const dataDir = path.resolve(cfg.dataDir);
  const infoFile = path.join(dataDir, 'embedded-cosmos.json');
  const snapshotFile = path.join(dataDir, 'cosmos-data.json');
  const journalFile = path.join(dataDir, 'journal.ndjson');
  await mkdir(dataDir, { recursive: true });
  const [{ takeDataLock }, { compact, loadInto, readLocalData }, { journalWrites, Journal }, { startEmbeddedCosmos }] = await Promise.all([
    import('./data-lock.js'),
    import('./cosmos-snapshot.js'),
    import('./cosmos-journal.js'),
    importEmbedded(),
  ]);

  const taken = await takeDataLock(dataDir, opts.role);
  if (!taken.ok) {
    const holder = taken.heldBy;
    if (opts.role === 'owner' || holder.role === 'tool') throw inUse(holder, dataDir);
    const info = await serverOf(holder, infoFile);
    if (!info) throw new LocalDataInUseError(`Botten (pid ${holder.pid}) starter stadig med de lokale data i ${dataDir}. Prøv igen om lidt.`);
    return connectEmbedded(info.endpoint, info.key, info.ca, cfg.database);
  }
  const { lock } = taken;
  try {
    if (opts.reset) {
      await rm(snapshotFile, { force: true });
      await rm(journalFile, { force: true });
    }
    const { state, replayed } = await readLocalData(snapshotFile, journalFile, partitionKeyPath);
    if (replayed > 0) await compact(state, snapshotFile, journalFile);
    const journal = await Journal.open(journalFile);
    const server = await startEmbeddedCosmos();
    const conn = await connectEmbedded(server.endpoint, server.key, server.ca, cfg.database);
    const loaded = await loadInto(state, conn.containers);
    // From here on every acknowledged write is in the journal; loading the snapshot needed none.
    journalWrites(server.server, journal, (err) => log.error({ err }, 'local journal write failed'));
    log.info({ dataDir, items: loaded, replayed, reset: Boolean(opts.reset) }, 'embedded Cosmos DB started');
    if (opts.role === 'owner') {
      const info: RunningInfo = { pid: process.pid, token: lock.owner.token, endpoint: server.endpoint, key: server.key, ca: server.ca };
      await writeFile(`${infoFile}.tmp`, JSON.stringify(info));
      await rename(`${infoFile}.tmp`, infoFile);
    }
    return {
      ...conn,
      close: async () => {
        await conn.close();
        await server.stop();
        await journal.close();
        const saved = await readLocalData(snapshotFile, journalFile, partitionKeyPath);
        if (saved.replayed > 0) await compact(saved.state, snapshotFile, journalFile);
        if (opts.role === 'owner') await rm(infoFile, { force: true });
        await lock.release();
      },
    };
  } catch (e) {
    await lock.release();
    throw e;
  }
}
