// What the reminder benches share (bench:reminders, bench:scaleout): an embedded Cosmos database, a local
// connector with a tenant-wide rate limit and a share of 429s, N konsulenter each with a 1:1 chat with the
// bot, and a clock that can be set to any moment and then runs in real time (the connector's limits are in
// real seconds). Konsulenter are reminded of pitstop and konsulentmøde, so every one of them gets one.

import { importRoster } from '../src/app/import-roster.js';
import { connectEmbedded } from '../src/adapters/cosmos/cosmos-connection.js';
import { CosmosConversationRepository } from '../src/adapters/cosmos/conversation-repository.js';
import { CosmosDirectoryRepository } from '../src/adapters/cosmos/directory-repository.js';
import { startEmbeddedCosmos } from '../src/adapters/cosmos/embedded-cosmos.js';
import { CosmosReminderRepository } from '../src/adapters/cosmos/reminder-repository.js';
import { RecordingConnector } from '../tests/support/recording-connector.js';

export const BENCH_TENANT = 'be000000-0000-4000-8000-000000000001';
const guid = (i: number) => `be000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

export interface ReminderBenchOptions {
  readonly conversations: number;
  /** The connector's tenant-wide limit, requests a second. */
  readonly limitPerSecond: number;
  /** The share of requests answered 429 with Retry-After whatever the rate. */
  readonly throttleShare: number;
  readonly retryAfterSeconds: number;
  /** How late the connector answers, in ms. */
  readonly delayMs?: number;
}

export async function startReminderBench(opts: ReminderBenchOptions) {
  const server = await startEmbeddedCosmos();
  const cosmos = await connectEmbedded(server.endpoint, server.key, server.ca, 'bench');
  const connector = await new RecordingConnector().start();
  connector.limitPerSecond = opts.limitPerSecond;
  connector.random429Share = opts.throttleShare;
  connector.retryAfterSeconds = opts.retryAfterSeconds;
  if (opts.delayMs !== undefined) connector.delayMs = opts.delayMs;

  // The plan is made for 1 December 2026; `runFrom` then lets the clock run in real time from a given moment.
  let offset = new Date('2026-12-01T00:00:00Z').getTime() - Date.now();
  const clock = { now: () => new Date(Date.now() + offset) };
  const runFrom = (moment: string) => void (offset = new Date(moment).getTime() - Date.now());

  const directories = new CosmosDirectoryRepository(cosmos.containers.directory);
  const conversations = new CosmosConversationRepository(cosmos.containers.directory);
  const reminders = new CosmosReminderRepository(cosmos.containers.reminders);
  const people = Array.from({ length: opts.conversations }, (_, i) => ({ id: guid(i + 1), name: `Konsulent ${i + 1}` }));
  const imported = await importRoster(
    { directories, clock },
    BENCH_TENANT,
    { people, groups: [{ id: 'konsulenter', kind: 'konsulenter', name: 'Konsulenterne', members: people.map((p) => ({ person: p.id, roles: ['konsulent'] })) }], kerneopgaver: [] },
    'bench',
  );
  if (!imported.ok) throw new Error(`roster: ${imported.code}`);
  for (const p of people) {
    const conversationId = `a:personal-${p.id}`;
    await conversations.save(
      {
        tenantId: BENCH_TENANT,
        conversationId,
        conversationType: 'personal',
        userId: p.id,
        reference: { serviceUrl: connector.url, channelId: 'msteams', conversation: { id: conversationId, conversationType: 'personal', tenantId: BENCH_TENANT }, bot: { id: '28:bench' } },
        status: 'installed',
        installedAt: clock.now().toISOString(),
        updatedAt: clock.now().toISOString(),
      },
      undefined,
    );
  }
  return {
    cosmos,
    connector,
    clock,
    runFrom,
    directories,
    conversations,
    reminders,
    stop: async () => {
      await connector.stop();
      await cosmos.close();
      await server.stop();
    },
  };
}
