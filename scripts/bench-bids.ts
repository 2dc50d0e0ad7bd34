// `npm run bench:bids [-- --bidders 50]`: that many employees press "Send bud" on the same tender at
// the same moment, over HTTP through the whole bot (teams-ai Application, embedded Cosmos DB, a local
// Teams connector, the scheduler and the outbox running as in production). Prints the answer time of
// each click (p50/p95/max), then, once the numbering and the outbox have caught up: bids stored, lost
// and doubled, whether the numbers are unique and contiguous, the tender's count, and the 1:1 receipts.

import { parseArgs } from 'node:util';
import type { Activity } from 'botbuilder';
import pino from 'pino';
import { CosmosTenderRepository } from '../src/adapters/cosmos/tender-repository.js';
import { connectEmbedded } from '../src/adapters/cosmos/cosmos-connection.js';
import { startEmbeddedCosmos } from '../src/adapters/cosmos/embedded-cosmos.js';
import { loadConfig } from '../src/config.js';
import { startBot } from '../src/main.js';
import { cardAction } from '../tests/support/activities.js';
import { conversations, DEMO_TENANT, type Persona } from '../tests/support/demo.js';
import { RecordingConnector } from '../tests/support/recording-connector.js';
import { dataOf } from '../tests/support/card-actions.js';
import { httpSender, publishBenchTender } from './bench-http.js';

const { values } = parseArgs({ options: { bidders: { type: 'string', default: '50' } } });
const N = Number(values.bidders);

const server = await startEmbeddedCosmos();
const cosmos = await connectEmbedded(server.endpoint, server.key, server.ca, 'bench');
const connector = await new RecordingConnector().start();
// A week before the tender's deadline; then real time runs.
const offset = new Date('2026-11-30T13:00:00Z').getTime() - Date.now();
const clock = { now: () => new Date(Date.now() + offset) };
const bot = await startBot({ config: loadConfig({ PORT: '0' }), log: pino({ level: 'silent' }), cosmos, clock });

const post = httpSender(bot.url, connector.url);
const send = async (activity: Partial<Activity>): Promise<unknown> => (await post(activity)).card;

const general = conversations.general;
const tenderId = await publishBenchTender(post);
const publishedEtag = (await new CosmosTenderRepository(cosmos.containers.tenders).getTender(DEMO_TENANT, tenderId!))!.etag;

const bidders: Persona[] = Array.from({ length: N }, (_, i) => ({ id: `bb000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`, name: `Medarbejder ${i + 1}` }));
const forms = await Promise.all(bidders.map((p) => send(cardAction(p, general, 'bid.open', { tenderId: tenderId! }))));
const bid = { title: 'Læsecafé', description: 'Ugentlig læsecafé.', howItHelps: 'Børnene læser mere.', forudsaetninger: 'laering-1', roleKommunen: 'Lokaler', participate: 'true' };

const latencies: number[] = [];
const started = performance.now();
const answers = await Promise.all(
  bidders.map(async (p, i) => {
    const t0 = performance.now();
    const card = await send(cardAction(p, general, 'bid.submit', { tenderId: tenderId!, ...dataOf(forms[i], 'bid.submit'), ...bid }));
    latencies.push(performance.now() - t0);
    return JSON.stringify(card ?? '');
  }),
);
const elapsed = performance.now() - started;

// The numbering and the outbox run after the clicks (woken by them); wait for them, at most 30 s.
const tenders = new CosmosTenderRepository(cosmos.containers.tenders);
const receiptsOf = () => bidders.filter((p) => connector.to(`a:1on1-29:${p.id}`).length > 0).length;
const caughtUpBy = performance.now() + 30_000;
while (performance.now() < caughtUpBy) {
  const waiting = await tenders.unnumberedBids(DEMO_TENANT, tenderId!);
  if (waiting.length === 0 && receiptsOf() === N) break;
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const caughtUp = performance.now() - started;

const bids = await tenders.allBidsOfTender(DEMO_TENANT, tenderId!);
const tender = (await tenders.getTender(DEMO_TENANT, tenderId!))!.value;
const numbers = bids.map((b) => b.number).sort((a, b) => a - b);
const perBidder = new Map<string, number>();
for (const b of bids) perBidder.set(b.bidderId, (perBidder.get(b.bidderId) ?? 0) + 1);
const sorted = [...latencies].sort((a, b) => a - b);
const pct = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(0);
const received = answers.filter((a) => a.includes('Dit bud er modtaget')).length;

console.log(`bid bench: ${N} employees press "Send bud" on one tender at once`);
console.log(`  all answered in ${(elapsed / 1000).toFixed(2)} s; answer time p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${pct(1)} ms (target p95 < 1500 ms)`);
console.log(`  answered "Dit bud er modtaget": ${received} of ${N}`);
console.log(`  bids stored ${bids.length}, lost ${N - perBidder.size}, doubled ${[...perBidder.values()].filter((n) => n > 1).length}`);
console.log(`  numbered ${numbers.filter((n) => n > 0).length}; unique ${new Set(numbers).size === numbers.length}; contiguous 1..${N} ${numbers.every((n, i) => n === i + 1)}`);
const tally = (await tenders.getTally(DEMO_TENANT, tenderId!))?.value;
const tenderEtag = (await tenders.getTender(DEMO_TENANT, tenderId!))!.etag;
console.log(`  tally: bidSeq ${tally?.bidSeq}, activeBids ${tally?.activeBids}; tender item written by the bids: ${tenderEtag === publishedEtag ? 'no' : 'yes (by the sweep showing the count)'}; card count ${tender.activeBids}`);
console.log(`  1:1 receipts delivered ${receiptsOf()} of ${N} (${connector.received.filter((r) => r.conversationId.startsWith('a:1on1-')).length} messages); numbering and receipts done ${(caughtUp / 1000).toFixed(2)} s after the first click`);

await bot.close();
await connector.stop();
await cosmos.close();
await server.stop();
