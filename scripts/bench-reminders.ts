// `npm run bench:reminders [-- --conversations 2000 --limit 30 --throttle 0.05]`: sends one reminder
// to each of N conversations through a local connector that enforces a tenant-wide rate limit and
// answers a share of requests with 429 + Retry-After, and prints the elapsed time against the
// theoretical minimum at that limit, and how many reminders were lost or duplicated.

import { parseArgs } from 'node:util';
import pino from 'pino';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { Pacer } from '../src/app/pacer.js';
import { planReminders, sendDueReminders, type ReminderDeps } from '../src/app/reminders.js';
import { CosmosCalendarRepository, CosmosLeaseRepository } from '../src/adapters/cosmos/reminder-repository.js';
import { BENCH_TENANT, startReminderBench } from './reminder-bench-rig.js';
import { CosmosAgendaRepository } from '../src/adapters/cosmos/agenda-repository.js';
import { CosmosTenderRepository } from '../src/adapters/cosmos/tender-repository.js';
import { TeamsNotifier } from '../src/adapters/teams/teams-notifier.js';
import { DEFAULT_REMINDERS } from '../src/domain/reminders.js';

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
const TENANT = BENCH_TENANT;

const bench = await startReminderBench({
  conversations: N,
  limitPerSecond: LIMIT,
  throttleShare: Number(values.throttle),
  retryAfterSeconds: Number(values['retry-after']),
});
const { cosmos, connector, clock, directories, conversations, reminders } = bench;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
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
bench.runFrom(first);

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
await bench.stop();
