// Opens the database the configuration names: Azure Cosmos DB (key or Entra credential), or the
// embedded local server with its data saved under the data folder. Everything above this file sees
// the same @azure/cosmos containers either way.

import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CosmosClient, type Container, type Database, type PluginConfig } from '@azure/cosmos';
import { DefaultAzureCredential } from '@azure/identity';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import { CONTAINERS } from './containers.js';
import { keepSnapshot, loadSnapshot } from './cosmos-snapshot.js';
import { agentTrusting, startEmbeddedCosmos } from './embedded-cosmos.js';

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
    await database.containers.createIfNotExists({ id: def.id, partitionKey: { paths: [def.partitionKey] } });
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
    : new CosmosClient({ endpoint: cfg.endpoint, aadCredentials: new DefaultAzureCredential() });
  const database = await ensureSchema(client, cfg.database, Boolean(cfg.key));
  return connection(client, database, async () => {});
}

/** Connects to an embedded server at `endpoint` (a test's, or a running bot's); `plugins` see every request (used to count them). */
export async function connectEmbedded(endpoint: string, key: string, ca: string, databaseId: string, plugins?: PluginConfig[]): Promise<CosmosConnection> {
  const client = new CosmosClient({ endpoint, key, agent: agentTrusting(ca), connectionPolicy: { enableEndpointDiscovery: false }, ...(plugins ? { plugins } : {}) });
  const database = await ensureSchema(client, databaseId, true);
  return connection(client, database, async () => {});
}

interface RunningInfo {
  readonly pid: number;
  readonly endpoint: string;
  readonly key: string;
  readonly ca: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function runningElsewhere(infoFile: string): Promise<RunningInfo | undefined> {
  if (!existsSync(infoFile)) return undefined;
  const info = JSON.parse(await readFile(infoFile, 'utf8')) as RunningInfo;
  return info.pid !== process.pid && alive(info.pid) ? info : undefined;
}

/**
 * The local database. As the bot (`owner`), it starts the embedded server, loads the saved data
 * (none with `reset`), saves it while running, and refuses to start if another bot owns the folder.
 * As a tool (`tool`, e.g. the roster import), it uses the running bot's server when there is one, so
 * the bot sees the change at once, and otherwise starts its own and saves on close.
 */
export async function openLocalCosmos(
  cfg: Extract<Config['cosmos'], { kind: 'embedded' }>,
  log: Logger,
  opts: { role: 'owner' | 'tool'; reset?: boolean },
): Promise<CosmosConnection> {
  const dataDir = path.resolve(cfg.dataDir);
  const infoFile = path.join(dataDir, 'embedded-cosmos.json');
  const snapshotFile = path.join(dataDir, 'cosmos-data.json');
  const other = await runningElsewhere(infoFile);
  if (other && opts.role === 'owner') {
    throw new LocalDataInUseError(`En anden kopi af botten kører allerede (pid ${other.pid}) med de lokale data i ${dataDir}. Stop den først.`);
  }
  if (other) return connectEmbedded(other.endpoint, other.key, other.ca, cfg.database);

  await mkdir(dataDir, { recursive: true });
  if (opts.reset) await rm(snapshotFile, { force: true });
  const server = await startEmbeddedCosmos();
  const conn = await connectEmbedded(server.endpoint, server.key, server.ca, cfg.database);
  const loaded = await loadSnapshot(snapshotFile, conn.containers);
  log.info({ dataDir, items: loaded, reset: Boolean(opts.reset) }, 'embedded Cosmos DB started');
  const snapshot = keepSnapshot(snapshotFile, conn.containers, log);
  if (opts.role === 'owner') {
    const info: RunningInfo = { pid: process.pid, endpoint: server.endpoint, key: server.key, ca: server.ca };
    await writeFile(infoFile, JSON.stringify(info));
  }
  return {
    ...conn,
    close: async () => {
      await snapshot.stop();
      if (opts.role === 'owner') await rm(infoFile, { force: true });
      await conn.close();
      await server.stop();
    },
  };
}
