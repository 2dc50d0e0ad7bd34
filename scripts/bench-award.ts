// `npm run bench:award [-- --members 30 --bids 60] [-- --quick]`: the second half of a tender under load,
// over HTTP through the whole bot (teams-ai Application, embedded Cosmos DB, a local Teams connector).
// A closed tender with that many bids and a kernegruppe of that many members; then every member
// evaluates every bid at the same time (each member clicks through the bids one after the other, all
// members at once: members × bids evaluate invokes). Prints the answer time (p50/p95/max), the
// invokes answered, the evaluations stored (lost = expected − stored) and the Cosmos requests per
// evaluate, counted at the database client. `npm run bench:award` then runs scripts/bench-award-race.ts:
// two awards at once at the frame's edge, N rounds.

import { parseArgs } from 'node:util';
import type { PluginConfig } from '@azure/cosmos';
import pino from 'pino';
import { connectEmbedded } from '../src/adapters/cosmos/cosmos-connection.js';
import { CosmosDirectoryRepository } from '../src/adapters/cosmos/directory-repository.js';
import { CosmosTenderRepository } from '../src/adapters/cosmos/tender-repository.js';
import { startEmbeddedCosmos } from '../src/adapters/cosmos/embedded-cosmos.js';
import { numberBids } from '../src/app/bid-numbers.js';
import { seedDemoData } from '../src/app/seed-demo.js';
import { loadConfig } from '../src/config.js';
import { startBot, type RunningBot } from '../src/main.js';
import { cardAction } from '../tests/support/activities.js';
import { dataOf } from '../tests/support/card-actions.js';
import { conversations, DEMO_TENANT, demoRoster, type Persona } from '../tests/support/demo.js';
import { RecordingConnector } from '../tests/support/recording-connector.js';
import { httpSender, publishBenchTender } from './bench-http.js';

const { values } = parseArgs({ options: { members: { type: 'string' }, bids: { type: 'string' }, quick: { type: 'boolean', default: false } } });
const MEMBERS = Number(values.members ?? (values.quick ? 10 : 30));
const BIDS = Number(values.bids ?? (values.quick ? 20 : 60));
const EVALUATIONS = MEMBERS * BIDS;

// Requests to Cosmos DB as the bot's client sends them; a query's plan lookup is counted apart.
let operations = 0;
let planLookups = 0;
const counter: PluginConfig = {
  on: 'request',
  plugin: async (context, _node, next) => {
    const plan = String((context.headers as Record<string, unknown> | undefined)?.['x-ms-cosmos-is-query-plan-request'] ?? '').toLowerCase() === 'true';
    if (plan) planLookups++;
    else operations++;
    return next(context);
  },
};

const server = await startEmbeddedCosmos();
const cosmos = await connectEmbedded(server.endpoint, server.key, server.ca, 'bench-award', [counter]);
const connector = await new RecordingConnector().start();
// A week before the tender's deadline while the bids come in; then past it (see closeTender).
let offset = new Date('2026-11-30T13:00:00Z').getTime() - Date.now();
const clock = { now: () => new Date(Date.now() + offset) };

// The demo roster with a kernegruppe Læring of MEMBERS members (the demo's own plus bench members) and
// BIDS employees in no group who bid; seeded before the bot starts, so the bot keeps it.
const pad = (n: number) => String(n).padStart(12, '0');
const extraMembers: Persona[] = Array.from({ length: Math.max(0, MEMBERS - 13) }, (_, i) => ({ id: `ee000000-0000-4000-8000-${pad(i + 1)}`, name: `Kernegruppemedlem ${i + 1}` }));
const bidders: Persona[] = Array.from({ length: BIDS }, (_, i) => ({ id: `bb000000-0000-4000-8000-${pad(i + 1)}`, name: `Medarbejder ${i + 1}` }));
const roster = {
  ...demoRoster,
  people: [...demoRoster.people, ...[...extraMembers, ...bidders].map((p) => ({ id: p.id, name: p.name, email: `${p.id}@demo.kommune.dk` }))],
  groups: demoRoster.groups.map((g) => (g.id === 'kernegruppe-laering' ? { ...g, members: [...g.members, ...extraMembers.map((p) => ({ person: p.id, roles: ['fagperson' as const] }))] } : g)),
};
await seedDemoData({ directories: new CosmosDirectoryRepository(cosmos.containers.directory), clock }, DEMO_TENANT, roster);
const laering = roster.groups.find((g) => g.id === 'kernegruppe-laering')!;
const members: Persona[] = laering.members.slice(0, MEMBERS).map((m) => ({ id: m.person, name: roster.people.find((p) => p.id === m.person)!.name }));

// The scheduler is run by hand, so the requests counted during the evaluations are the clicks' own.
const bot: RunningBot = await startBot({ config: loadConfig({ PORT: '0' }), log: pino({ level: 'silent' }), cosmos, clock, scheduler: false });
const tenders = new CosmosTenderRepository(cosmos.containers.tenders);

const send = httpSender(bot.url, connector.url);

const chat = conversations.laeringChat;
const general = conversations.general;

/** A published tender with BIDS numbered bids, closed at its deadline by the sweep. */
async function closedTenderWithBids(): Promise<string> {
  const tenderId = await publishBenchTender(send);
  const bid = { description: 'Ugentlig læsecafé.', howItHelps: 'Børnene læser mere.', forudsaetninger: 'laering-1', roleKommunen: 'Lokaler', participate: 'true' };
  for (let i = 0; i < bidders.length; i += 20)
    await Promise.all(
      bidders.slice(i, i + 20).map(async (p, j) => {
        const form = await send(cardAction(p, general, 'bid.open', { tenderId: tenderId! }));
        await send(cardAction(p, general, 'bid.submit', { tenderId: tenderId!, ...dataOf(form.card, 'bid.submit'), ...bid, title: `Læsecafé ${i + j + 1}` }));
      }),
    );
  await numberBids({ tenders, clock }, DEMO_TENANT, tenderId!);
  offset += 8 * 24 * 3600 * 1000;
  await bot.runScheduledWork();
  const tender = (await tenders.getTender(DEMO_TENANT, tenderId!))!.value;
  if (tender.status !== 'closed') throw new Error(`the tender should be closed, is ${tender.status}`);
  return tenderId!;
}

const MARKS = ['ja', 'delvist', 'nej'] as const;

/** Every member evaluates every bid: the members at once, each through the bids in their own order. */
async function evaluateAll(tenderId: string) {
  const bids = (await tenders.allBidsOfTender(DEMO_TENANT, tenderId)).filter((b) => b.status !== 'withdrawn');
  const latencies: number[] = [];
  let answered = 0;
  let saved = 0;
  const before = { operations, planLookups };
  const started = performance.now();
  await Promise.all(
    members.map(async (member, m) => {
      for (let k = 0; k < bids.length; k++) {
        const b = bids[(k + m) % bids.length]!;
        const data = { bidId: b.id, mark_netvaerk: MARKS[(k + m) % 3], mark_tvaergaaende: MARKS[k % 3], mark_opgaven: MARKS[m % 3], mark_samskabelse: 'ja', comment_netvaerk: `Vurderet af ${member.name}` };
        const t0 = performance.now();
        const answer = await send(cardAction(member, chat, 'evaluation.save', data));
        latencies.push(performance.now() - t0);
        if (answer.status === 200 && answer.card) answered++;
        if (JSON.stringify(answer.card ?? '').includes('er gemt')) saved++;
      }
    }),
  );
  const elapsed = performance.now() - started;
  return { bids: bids.length, latencies, answered, saved, elapsed, operations: operations - before.operations, planLookups: planLookups - before.planLookups };
}

const tenderId = await closedTenderWithBids();
const run = await evaluateAll(tenderId);
const stored = (await cosmos.containers.tenders.items.query({ query: "SELECT VALUE COUNT(1) FROM c WHERE c.type = 'evaluation' AND c.tenderId = @t", parameters: [{ name: '@t', value: tenderId }] }).fetchAll()).resources[0] as number;
const sorted = [...run.latencies].sort((a, b) => a - b);
const pct = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(0);
const expected = MEMBERS * run.bids;

console.log(`award bench: a closed tender with ${run.bids} bids; ${MEMBERS} kernegruppe members each evaluate every bid, all members at once (${EVALUATIONS} evaluate invokes)`);
console.log(`  all answered in ${(run.elapsed / 1000).toFixed(2)} s; answer time p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${pct(1)} ms (Teams allows about 5,000 ms)`);
console.log(`  invokes answered ${run.answered} of ${expected}; answered "er gemt" ${run.saved}`);
console.log(`  evaluations stored ${stored} of ${expected}: lost ${expected - stored}`);
console.log(`  Cosmos requests per evaluate ${(run.operations / run.latencies.length).toFixed(2)} (+ ${(run.planLookups / run.latencies.length).toFixed(2)} query-plan lookups); aim ≤ 3`);

await bot.close();
await connector.stop();
await cosmos.close();
await server.stop();
