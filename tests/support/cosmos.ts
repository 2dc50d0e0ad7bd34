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

/** Every request the bot makes to Cosmos DB, as "<operation> <resource>", for counting what an action costs. */
export class CosmosRequestLog {
  readonly requests: string[] = [];
  /** Each answer, in order: its status and the size of its body as JSON (0 for a 304 or a 204). */
  readonly responses: { readonly request: string; readonly status: number; readonly bytes: number }[] = [];
  readonly plugin: PluginConfig = {
    on: 'request',
    plugin: async (context, _node, next) => {
      const request = `${String(context.operationType)} ${String(context.resourceType)}`;
      this.requests.push(request);
      try {
        const response = await next(context);
        const body: unknown = response.result;
        this.responses.push({ request, status: response.code ?? 200, bytes: body == null ? 0 : Buffer.byteLength(JSON.stringify(body)) });
        return response;
      } catch (error) {
        this.responses.push({ request, status: (error as { code?: number }).code ?? 0, bytes: 0 });
        throw error;
      }
    },
  };
  /** Bytes of every answer's body since the last clear. */
  bytesRead(): number {
    return this.responses.reduce((sum, r) => sum + r.bytes, 0);
  }
  clear(): void {
    this.requests.splice(0);
    this.responses.splice(0);
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
