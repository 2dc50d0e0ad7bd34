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
import { CosmosCatalogueRepository } from '../../src/adapters/cosmos/catalogue-repository.js';
import { CosmosCalendarRepository, CosmosLeaseRepository, CosmosReminderRepository } from '../../src/adapters/cosmos/reminder-repository.js';
import { CosmosOutboxRepository } from '../../src/adapters/cosmos/outbox-repository.js';
import { CosmosRetentionRepository } from '../../src/adapters/cosmos/retention-repository.js';
import { CosmosPersonDataRepository } from '../../src/adapters/cosmos/person-data-repository.js';
import { CosmosEvaluationRepository } from '../../src/adapters/cosmos/evaluation-repository.js';
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

/** One query the bot ran: its SQL, the partition key it was scoped to (if any), and the documents it got back. */
export interface QueryRecord {
  readonly query: string;
  /** What the SDK was given as `partitionKey` (FeedOptions), undefined for a cross-partition query. */
  readonly partitionKey: unknown;
  /** The `x-ms-documentdb-partitionkey` header sent with it. */
  readonly partitionKeyHeader: string | undefined;
  readonly documents: number;
  /** The documents' JSON size. */
  readonly bytes: number;
}

/** One request to Cosmos DB: what it did, and to which container and item (`item` is absent for a query). */
export interface CosmosRequest {
  readonly operation: string;
  readonly container?: string | undefined;
  readonly item?: string | undefined;
}

/**
 * Every request the bot makes to Cosmos DB, as "<operation> <resource>", for counting what an action
 * costs. @azure/cosmos sends each query as two HTTP requests, its query plan (a "read docs" with the
 * query-plan header; on Azure a round trip but no RU) and the query; `queryPlans` counts the first
 * kind and `operations()` leaves them out, so a query counts once.
 */
export class CosmosRequestLog {
  readonly requests: string[] = [];
  /**
   * Every query's result page, query-plan requests left out (the embedded server answers those with
   * the full results, which real Cosmos does not; see NOTES.md). Point reads are in `requests` only.
   */
  readonly queries: QueryRecord[] = [];
  /** The path of every document read by id ("dbs/…/colls/<container>/docs/<id>"). */
  readonly reads: string[] = [];
  /** The same requests with the container and item they went to (query plans included, as 'read' on the container). */
  readonly detailed: CosmosRequest[] = [];
  /** Each answer, in order: its status and the size of its body as JSON (0 for a 304 or a 204). */
  readonly responses: { readonly request: string; readonly status: number; readonly bytes: number }[] = [];
  private planRequests = 0;
  readonly plugin: PluginConfig = {
    on: 'request',
    plugin: async (context, _node, next) => {
      const headers = (context.headers ?? {}) as Record<string, unknown>;
      const plan = String(headers['x-ms-cosmos-is-query-plan-request'] ?? '').toLowerCase() === 'true';
      if (plan) this.planRequests++;
      const request = plan ? 'queryplan docs' : `${String(context.operationType)} ${String(context.resourceType)}`;
      this.requests.push(request);
      // The path is /dbs/<db>/colls/<container>[/docs[/<id>]].
      const where = /\/colls\/([^/]+)(?:\/docs(?:\/([^/]+))?)?/.exec(context.path ?? '');
      this.detailed.push({ operation: String(context.operationType), container: where?.[1], item: where?.[2] && decodeURIComponent(where[2]) });
      // The SDK's query-plan request is also a 'read' of docs, on the collection's path: only reads of one item count.
      if (String(context.operationType) === 'read' && String(context.resourceType) === 'docs' && /\/docs\/[^/]+$/.test(String(context.path))) this.reads.push(String(context.path));
      let response: Awaited<ReturnType<typeof next>>;
      try {
        response = await next(context);
      } catch (error) {
        this.responses.push({ request, status: (error as { code?: number }).code ?? 0, bytes: 0 });
        throw error;
      }
      const result: unknown = response.result;
      this.responses.push({ request, status: response.code ?? 200, bytes: result == null ? 0 : Buffer.byteLength(JSON.stringify(result)) });
      if (String(context.operationType) === 'query' && String(context.resourceType) === 'docs' && !plan && !headers['x-ms-cosmos-is-query-plan-request']) {
        const body = context.body as { query?: string } | string | undefined;
        const docs = ((response.result as { Documents?: unknown[] } | undefined)?.Documents ?? []) as unknown[];
        this.queries.push({
          query: typeof body === 'string' ? String((JSON.parse(body) as { query?: string }).query) : String(body?.query),
          partitionKey: context.partitionKey,
          partitionKeyHeader: headers['x-ms-documentdb-partitionkey'] === undefined ? undefined : String(headers['x-ms-documentdb-partitionkey']),
          documents: docs.length,
          bytes: Buffer.byteLength(JSON.stringify(docs)),
        });
      }
      return response;
    },
  };
  /** Documents returned by the queries since the last clear (point reads not included). */
  get documents(): number {
    return this.queries.reduce((n, q) => n + q.documents, 0);
  }
  /** Bytes of every answer's body since the last clear. */
  bytesRead(): number {
    return this.responses.reduce((sum, r) => sum + r.bytes, 0);
  }
  /** The requests that went to one container. */
  to(container: string): CosmosRequest[] {
    return this.detailed.filter((r) => r.container === container);
  }
  /** How many query-plan requests were sent (one per query). */
  get queryPlans(): number {
    return this.planRequests;
  }
  /** The requests without the query plans: point reads, writes and one per query. */
  operations(): string[] {
    return this.requests.filter((r) => r !== 'queryplan docs');
  }
  clear(): void {
    this.requests.splice(0);
    this.queries.splice(0);
    this.reads.splice(0);
    this.detailed.splice(0);
    this.responses.splice(0);
    this.planRequests = 0;
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
    /** Activity catalogues and activities (one repository serves both). */
    catalogues: new CosmosCatalogueRepository(conn.containers.tenders),
    evaluations: new CosmosEvaluationRepository(conn.containers.tenders),
    personData: new CosmosPersonDataRepository(conn.containers),
    retention: new CosmosRetentionRepository(conn.containers),
  };
}
