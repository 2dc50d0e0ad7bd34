// `npm run bench:reminders [-- --conversations 2000 --limit 30 --throttle 0.05]`: sends one reminder
// to each of N conversations through a local connector that enforces a tenant-wide rate limit and
// answers a share of requests with 429 + Retry-After, and prints the elapsed time against the
// theoretical minimum at that limit, and how many reminders were lost or duplicated.

import { parseArgs } from 'node:util';
import pino from 'pino';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { Pacer } from '../src/app/pacer.js';
import { planReminders, sendDueReminders, type ReminderDeps } from '../src/app/reminders.js';
import { importRoster } from '../src/app/import-roster.js';
import { connectEmbedded } from '../src/adapters/cosmos/cosmos-connection.js';
import { CosmosConversationRepository } from '../src/adapters/cosmos/conversation-repository.js';
import { CosmosDirectoryRepository } from '../src/adapters/cosmos/directory-repository.js';
import { startEmbeddedCosmos } from '../src/adapters/cosmos/embedded-cosmos.js';
import { CosmosCalendarRepository, CosmosLeaseRepository, CosmosReminderRepository } from '../src/adapters/cosmos/reminder-repository.js';
import { CosmosAgendaRepository } from '../src/adapters/cosmos/agenda-repository.js';
import { CosmosTenderRepository } from '../src/adapters/cosmos/tender-repository.js';
import { TeamsNotifier } from '../src/adapters/teams/teams-notifier.js';
import { DEFAULT_REMINDERS } from '../src/domain/reminders.js';
import { RecordingConnector } from '../tests/support/recording-connector.js';

const { values } = parseArgs({
  options: {
    conversations: { type: 'string', default: '2000' },
    limit: { type: 'string', default: '30' },
    throttle: { type: 'string', default: '0.05' },
    'retry-after': { type: 'string', default: '1' },
  },
});
const N = Number(values.conversations);
const LIMIT = Number(values.limit);
const TENANT = 'be000000-0000-4000-8000-000000000001';
const guid = (i: number) => `be000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

const server = await startEmbeddedCosmos();
const cosmos = await connectEmbedded(server.endpoint, server.key, server.ca, 'bench');
const connector = await new RecordingConnector().start();
connector.limitPerSecond = LIMIT;
connector.random429Share = Number(values.throttle);
connector.retryAfterSeconds = Number(values['retry-after']);

// The plan is made for 1 December 2026; the clock then runs in real time from the first due moment.
let offset = new Date('2026-12-01T00:00:00Z').getTime() - Date.now();
const clock = { now: () => new Date(Date.now() + offset) };
const directories = new CosmosDirectoryRepository(cosmos.containers.directory);
const conversations = new CosmosConversationRepository(cosmos.containers.directory);
const people = Array.from({ length: N }, (_, i) => ({ id: guid(i + 1), name: `Konsulent ${i + 1}` }));
const imported = await importRoster({ directories, clock }, TENANT, {
  people,
  groups: [{ id: 'konsulenter', kind: 'konsulenter', name: 'Konsulenterne', members: people.map((p) => ({ person: p.id, roles: ['konsulent'] })) }],
  kerneopgaver: [],
}, 'bench');
if (!imported.ok) throw new Error(`roster: ${imported.code}`);
for (const p of people) {
  const conversationId = `a:personal-${p.id}`;
  await conversations.save(
    {
      tenantId: TENANT,
      conversationId,
      conversationType: 'personal',
      userId: p.id,
      reference: { serviceUrl: connector.url, channelId: 'msteams', conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT }, bot: { id: '28:bench' } },
      status: 'installed',
      installedAt: clock.now().toISOString(),
      updatedAt: clock.now().toISOString(),
    },
    undefined,
  );
}
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const reminders = new CosmosReminderRepository(cosmos.containers.reminders);
const deps: ReminderDeps = {
  reminders,
  leases: new CosmosLeaseRepository(cosmos.containers.reminders),
  agendas: new CosmosAgendaRepository(cosmos.containers.agendas),
  calendars: new CosmosCalendarRepository(cosmos.containers.directory),
  directories,
  conversations,
  tenders: new CosmosTenderRepository(cosmos.containers.tenders),
  notifier: new TeamsNotifier(new TeamsAdapter({}), '', conversations, clock, pino({ level: 'silent' })),
  clock,
  config: DEFAULT_REMINDERS,
  // Under the connector's limit by enough to leave room for the retries of 429-answered requests,
  // which the connector client sends by itself after Retry-After, outside our pacing.
  pacer: new Pacer({ perSecond: LIMIT * 0.92, now: () => clock.now().getTime(), sleep }),
  sleep,
};
await planReminders(deps, TENANT);
const planned = await reminders.ofTenant(TENANT, new Date(0));
const first = planned.map((r) => r.dueAt).sort()[0]!;
const batch = planned.filter((r) => r.dueAt === first);
offset = new Date(first).getTime() - Date.now();

const started = performance.now();
let rounds = 0;
for (;;) {
  rounds++;
  await sendDueReminders(deps, 'bench');
  const left = (await reminders.ofTenant(TENANT, new Date(0))).filter((r) => r.dueAt === first && (r.status === 'pending' || r.status === 'sending'));
  if (left.length === 0 || rounds > 20) break;
}
const elapsed = (performance.now() - started) / 1000;
const posts = connector.received.filter((r) => r.method === 'POST');
const unique = new Set(posts.map((p) => p.conversationId));
const minimum = batch.length / LIMIT;
console.log(`reminders due at once:   ${batch.length} (one per conversation)`);
console.log(`tenant-wide limit:       ${LIMIT}/s, random 429 share ${Number(values.throttle) * 100}%, Retry-After ${values['retry-after']} s`);
console.log(`elapsed:                 ${elapsed.toFixed(1)} s`);
console.log(`theoretical minimum:     ${minimum.toFixed(1)} s`);
console.log(`ratio:                   ${(elapsed / minimum).toFixed(3)}x (target ≤ 1.15x)`);
console.log(`429 answers:             ${connector.throttled}`);
console.log(`lost:                    ${batch.length - unique.size}`);
console.log(`duplicated:              ${posts.length - unique.size}`);
await connector.stop();
await cosmos.close();
await server.stop();
