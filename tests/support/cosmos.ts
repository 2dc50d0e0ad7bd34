// A real Cosmos protocol server for a test file, and a fresh database per test so tests never see
// each other's data. Reached through @azure/cosmos exactly as production reaches Azure.

import { randomUUID } from 'node:crypto';
import type { PluginConfig } from '@azure/cosmos';
import { afterAll } from 'vitest';
import { connectEmbedded, type CosmosConnection } from '../../src/adapters/cosmos/cosmos-connection.js';
import { CosmosConversationRepository } from '../../src/adapters/cosmos/conversation-repository.js';
import { CosmosDirectoryRepository } from '../../src/adapters/cosmos/directory-repository.js';
import { CosmosAgendaRepository } from '../../src/adapters/cosmos/agenda-repository.js';
import { CosmosTenderRepository } from '../../src/adapters/cosmos/tender-repository.js';
import { CosmosCalendarRepository, CosmosLeaseRepository, CosmosReminderRepository } from '../../src/adapters/cosmos/reminder-repository.js';
import { CosmosOutboxRepository } from '../../src/adapters/cosmos/outbox-repository.js';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/adapters/cosmos/embedded-cosmos.js';

let server: Promise<EmbeddedCosmos> | undefined;
const opened: CosmosConnection[] = [];

/** Starts the file's server on first use; it stops after the file's tests. */
export function testCosmosServer(): Promise<EmbeddedCosmos> {
  if (!server) {
    server = startEmbeddedCosmos();
    afterAll(async () => {
      for (const c of opened.splice(0)) await c.close();
      await (await server!).stop();
      server = undefined;
    });
  }
  return server;
}

/** One request to Cosmos DB: what it did, and to which container and item (`item` is absent for a query). */
export interface CosmosRequest {
  readonly operation: string;
  readonly container?: string | undefined;
  readonly item?: string | undefined;
}

/** Every request the bot makes to Cosmos DB, as "<operation> <resource>", for counting what an action costs. */
export class CosmosRequestLog {
  readonly requests: string[] = [];
  /** The same requests with the container and item they went to. */
  readonly detailed: CosmosRequest[] = [];
  readonly plugin: PluginConfig = {
    on: 'request',
    plugin: async (context, _node, next) => {
      this.requests.push(`${String(context.operationType)} ${String(context.resourceType)}`);
      // The path is /dbs/<db>/colls/<container>[/docs[/<id>]].
      const path = /\/colls\/([^/]+)(?:\/docs(?:\/([^/]+))?)?/.exec(context.path ?? '');
      this.detailed.push({ operation: String(context.operationType), container: path?.[1], item: path?.[2] && decodeURIComponent(path[2]) });
      return next(context);
    },
  };
  /** The requests that went to one container. */
  to(container: string): CosmosRequest[] {
    return this.detailed.filter((r) => r.container === container);
  }
  clear(): void {
    this.requests.splice(0);
    this.detailed.splice(0);
  }
}

export async function freshDatabase(log?: CosmosRequestLog): Promise<CosmosConnection> {
  const s = await testCosmosServer();
  const conn = await connectEmbedded(s.endpoint, s.key, s.ca, `test-${randomUUID().slice(0, 8)}`, log ? [log.plugin] : undefined);
  opened.push(conn);
  return conn;
}

export function repositoriesOf(conn: CosmosConnection) {
  return {
    directories: new CosmosDirectoryRepository(conn.containers.directory),
    conversations: new CosmosConversationRepository(conn.containers.directory),
    tenders: new CosmosTenderRepository(conn.containers.tenders),
    calendars: new CosmosCalendarRepository(conn.containers.directory),
    reminders: new CosmosReminderRepository(conn.containers.reminders),
    leases: new CosmosLeaseRepository(conn.containers.reminders),
    agendas: new CosmosAgendaRepository(conn.containers.agendas),
    outbox: new CosmosOutboxRepository(conn.containers.reminders),
  };
}
