// `npm run bench:scaleout [-- --conversations 2000 --rate 15 --limit 30 --throttle 0.05 --delay 20 --handover 0.5]`:
// two instances of the reminder sender on one embedded Cosmos database, both looping at the same time
// (as two App Service instances would, a pass every 20 s), send one reminder to each of N
// conversations through a local connector (tenant-wide limit, a share of 429s with Retry-After, each
// answer `delay` ms late). Part way (`handover`, a share of the expected time) the lease holder stops
// as on SIGTERM (bounded shutdown: claims given back, lease released) and the other takes over. Prints
// messages/s, what each instance sent, the handover gap, and how many reminders were lost or doubled.

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
import { releaseLease, SenderControl } from '../src/app/scale-out.js';
import { SENDER_LEASE } from '../src/app/reminders.js';
import { SHUTDOWN_MS } from '../src/main.js';

const { values } = parseArgs({
  options: {
    conversations: { type: 'string', default: '2000' },
    limit: { type: 'string', default: '30' },
    throttle: { type: 'string', default: '0.05' },
    'retry-after': { type: 'string', default: '1' },
    rate: { type: 'string', default: '15' },
    delay: { type: 'string', default: '20' },
    handover: { type: 'string', default: '0.5' },
  },
});
const RATE = Number(values.rate);
const N = Number(values.conversations);
const LIMIT = Number(values.limit);
const TENANT = BENCH_TENANT;
const TICK_MS = 20_000;

const bench = await startReminderBench({
  conversations: N,
  limitPerSecond: LIMIT,
  throttleShare: Number(values.throttle),
  retryAfterSeconds: Number(values['retry-after']),
  delayMs: Number(values.delay),
});
const { cosmos, connector, clock, directories, conversations, reminders } = bench;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const leases = new CosmosLeaseRepository(cosmos.containers.reminders);
const notifier = new TeamsNotifier(new TeamsAdapter({}), '', conversations, clock, pino({ level: 'silent' }));
/** One instance: its own pacer (production's rate) and stop switch, the shared database and connector. */
const firstPostOf = { a: Infinity, b: Infinity };
const instance = (name: 'a' | 'b'): ReminderDeps => ({
  reminders,
  leases,
  agendas: new CosmosAgendaRepository(cosmos.containers.agendas),
  calendars: new CosmosCalendarRepository(cosmos.containers.directory),
  directories,
  conversations,
  tenders: new CosmosTenderRepository(cosmos.containers.tenders),
  notifier: {
    post: (c, n, l) => ((firstPostOf[name] = Math.min(firstPostOf[name], performance.now())), notifier.post(c, n, l)),
    update: (c, id, n, l) => notifier.update(c, id, n, l),
    toPerson: (p, n, l) => notifier.toPerson(p, n, l),
  },
  clock,
  config: DEFAULT_REMINDERS,
  pacer: new Pacer({ perSecond: RATE, now: () => clock.now().getTime(), sleep }),
  sleep,
  control: new SenderControl(),
});
const a = instance('a');
const b = instance('b');
await planReminders(a, TENANT);
const planned = await reminders.ofTenant(TENANT, new Date(0));
const first = planned.map((r) => r.dueAt).sort()[0]!;
const batch = planned.filter((r) => r.dueAt === first);
bench.runFrom(first);

const left = async () => (await reminders.ofTenant(TENANT, new Date(0))).filter((r) => r.dueAt === first && (r.status === 'pending' || r.status === 'sending')).length;
const sent = { a: 0, b: 0 };
let done = false;
/** The pass each instance is in, if any: a shutdown waits for it (bounded), not for the loop's sleep. */
const passOf: Record<'a' | 'b', Promise<unknown>> = { a: Promise.resolve(), b: Promise.resolve() };
/** An instance's reminder loop: a pass every TICK_MS (sooner once a pass ends with nothing left). */
async function loop(name: 'a' | 'b', deps: ReminderDeps): Promise<void> {
  while (!done && !deps.control!.stopping) {
    const before = connector.received.length;
    const pass = sendDueReminders(deps, `instance-${name}`);
    passOf[name] = pass;
    const report = await pass;
    sent[name] += report.sent;
    if (connector.received.length > before && (await left()) === 0) done = true;
    if (!done) await sleep(TICK_MS);
  }
}
const started = performance.now();
const expectedS = batch.length / RATE;
// A's loop starts first and takes the lease; B's starts with it and polls.
const running = [loop('a', a), loop('b', b)];
await sleep(Number(values.handover) * expectedS * 1000);
// A stops as close() does on SIGTERM: no new claims, at most SHUTDOWN_MS for the pass under way, then
// its unsent claims given back and the lease released.
const stopAt = performance.now();
a.control!.stop();
await Promise.race([passOf.a, sleep(SHUTDOWN_MS)]);
const givenBack = await a.control!.giveBackAll();
await releaseLease({ leases, clock }, SENDER_LEASE, 'instance-a');
const stoppedIn = (performance.now() - stopAt) / 1000;
await Promise.all(running);
const elapsed = (performance.now() - started) / 1000;
const posts = connector.received.filter((r) => r.method === 'POST');
const unique = new Set(posts.map((p) => p.conversationId));
console.log(`reminders due at once:   ${batch.length} (one per conversation), two instances on one database`);
console.log(`pacer:                   ${RATE}/s per instance; connector limit ${LIMIT}/s, 429 share ${Number(values.throttle) * 100}%, Retry-After ${values['retry-after']} s, ${values.delay} ms per answer`);
console.log(`elapsed:                 ${elapsed.toFixed(1)} s (minimum at the pacer's rate ${expectedS.toFixed(1)} s; B polls every ${TICK_MS / 1000} s)`);
console.log(`messages/s:              ${(posts.length / elapsed).toFixed(1)}`);
console.log(`sent by A / B:           ${sent.a} / ${sent.b}`);
console.log(`A stopped in:            ${stoppedIn.toFixed(2)} s, ${givenBack} claims given back, lease released`);
console.log(`handover gap:            ${sent.b > 0 ? ((firstPostOf.b - stopAt) / 1000).toFixed(1) : '-'} s from A's stop to B's first post`);
console.log(`429 answers:             ${connector.throttled}`);
console.log(`lost:                    ${batch.length - unique.size}`);
console.log(`duplicates:              ${posts.length - unique.size}`);
await bench.stop();
