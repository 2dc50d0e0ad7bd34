// `npm run bench:award-race [-- --rounds 20]`: two awards racing at the frame's edge, over HTTP through
// the whole bot (teams-ai Application, embedded Cosmos DB, a local Teams connector). Each round the
// tovholder and an admin press "Tildel" on two different bids at the same moment, on a catalogue whose
// frame has room for one of them only (frame 1.000.000 kr., 600.000 kr. used, each bid 300.000 kr.).
// Prints the answer time of the award invokes (p50/p95/max), how many were accepted and refused, whether
// any catalogue went over its frame, and the Cosmos requests per award; then settles the awards (the
// sweep) and checks one activity per accepted award. The lead folds this into `bench:award`.

import { parseArgs } from 'node:util';
import type { Activity } from 'botbuilder';
import pino from 'pino';
import { connectEmbedded } from '../src/adapters/cosmos/cosmos-connection.js';
import { startEmbeddedCosmos } from '../src/adapters/cosmos/embedded-cosmos.js';
import { CosmosCatalogueRepository } from '../src/adapters/cosmos/catalogue-repository.js';
import { CosmosTenderRepository } from '../src/adapters/cosmos/tender-repository.js';
import { activityIdOf, catalogueId } from '../src/app/catalogue-ids.js';
import { loadConfig } from '../src/config.js';
import { emptyCatalogue, frameOf, setFrame, totalKr } from '../src/domain/catalogue.js';
import type { Bid } from '../src/domain/bid.js';
import { startBot } from '../src/main.js';
import { cardAction } from '../tests/support/activities.js';
import { dataOf } from '../tests/support/card-actions.js';
import { CosmosRequestLog } from '../tests/support/cosmos.js';
import { conversations, DEMO_TENANT, persona, type Persona } from '../tests/support/demo.js';
import { RecordingConnector } from '../tests/support/recording-connector.js';
import { httpSender, publishBenchTender } from './bench-http.js';
import { giveFigures } from '../tests/support/bid-figures.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '20' } } });
const ROUNDS = Math.min(70, Number(values.rounds));
const GROUP = 'kernegruppe-laering';

const server = await startEmbeddedCosmos();
const requests = new CosmosRequestLog();
const cosmos = await connectEmbedded(server.endpoint, server.key, server.ca, 'bench-award', [requests.plugin]);
const connector = await new RecordingConnector().start();
let now = new Date('2026-11-23T10:00:00Z');
const clock = { now: () => now };
// The scheduled work is run by hand between the rounds, so the requests counted in a race are the clicks' own.
const bot = await startBot({ config: loadConfig({ PORT: '0' }), log: pino({ level: 'silent' }), cosmos, clock, scheduler: false });
const tenders = new CosmosTenderRepository(cosmos.containers.tenders);
const catalogues = new CosmosCatalogueRepository(cosmos.containers.tenders);

const post = httpSender(bot.url, connector.url);
const send = async (activity: Partial<Activity>): Promise<unknown> => (await post(activity)).card;

const chat = conversations.laeringChat;
const general = conversations.general;
const tenderId = await publishBenchTender(post);
const bidders: Persona[] = Array.from({ length: 2 * ROUNDS }, (_, i) => ({ id: `ba000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`, name: `Medarbejder ${i + 1}` }));
for (const p of bidders) {
  const form = await send(cardAction(p, general, 'bid.open', { tenderId: tenderId! }));
  await send(cardAction(p, general, 'bid.submit', { tenderId: tenderId!, ...dataOf(form, 'bid.submit'), title: `Aktivitet (300000 kr)`, description: 'Ugentlig læsecafé.', howItHelps: 'Børnene læser mere.', forudsaetninger: 'laering-1' }));
}
await bot.runScheduledWork();
now = new Date('2026-12-08T09:00:00Z');
await bot.runScheduledWork(); // closes the tender
const bidOf = async (p: Persona) => (await tenders.bidsOfBidder(DEMO_TENANT, p.id, tenderId))[0]!;
// Each bidder's konkretisering gave the activity a yearly running cost of 300.000 kr.: what its award costs the frame.
for (const p of bidders) await giveFigures(tenders, await bidOf(p), 0, 300_000);

const latencies: number[] = [];
let accepted = 0;
let refusedOverFrame = 0;
let other = 0;
let overFrame = 0;
let awardOps = 0;
let directoryReads = 0;
const awardedBids: string[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const period = String(2027 + round);
  const id = catalogueId(GROUP, period);
  const framed = setFrame(emptyCatalogue({ id, tenantId: DEMO_TENANT, group: { id: GROUP, name: 'Kernegruppe Læring', kerneopgave: 'laering' }, period }, now), 1_000_000, persona.admin, 'Ramme', now);
  if (!framed.ok) throw new Error('frame');
  const earlier = {
    bidId: `bid-earlier-${round}`,
    tenderId: 'tender-earlier',
    tenderTitle: 'Et tidligere udbud',
    bidNumber: 1,
    title: 'Tidligere aktivitet',
    bidderId: persona.konsulent.id,
    activityId: activityIdOf(`bid-earlier-${round}`),
    forudsaetninger: ['laering-2'],
    crossCutting: false,
    cost: { oneOffKr: 600_000, yearlyKr: 0, source: 'konkretisering' as const },
    terms: { responsible: persona.konsulent, expectedEffect: 'x', startDate: `${period}-01-01`, evaluationDate: `${period}-06-01` },
    decidedBy: 'kernegruppe' as const,
    state: 'awarded' as const,
    at: now.toISOString(),
    by: persona.tovholder.id,
    byName: persona.tovholder.name,
  };
  await catalogues.saveCatalogue({ ...framed.value, entries: [earlier] }, undefined);
  const [a, b] = [await bidOf(bidders[2 * round]!), await bidOf(bidders[2 * round + 1]!)];
  const terms = { period, expectedEffect: 'Flere børn læser dagligt.', startDate: `${period}-01-01`, evaluationDate: `${period}-12-01` };
  requests.clear();
  const answers = await Promise.all(
    [
      [persona.tovholder, a],
      [persona.admin, b],
    ].map(async ([who, bid]) => {
      const t0 = performance.now();
      const card = await send(cardAction(who as Persona, chat, 'award.submit', { bidId: (bid as Bid).id, responsible: (bid as Bid).bidderId, ...terms }));
      latencies.push(performance.now() - t0);
      return { text: JSON.stringify(card ?? ''), bidId: (bid as Bid).id };
    }),
  );
  awardOps += requests.detailed.filter((r) => r.container !== 'directory' && !(r.operation === 'read' && !r.item)).length;
  directoryReads += requests.to('directory').length;
  for (const ans of answers) {
    if (ans.text.includes('er tildelt')) {
      accepted++;
      awardedBids.push(ans.bidId);
    } else if (ans.text.includes('over rammen')) refusedOverFrame++;
    else other++;
  }
  const stored = (await catalogues.getCatalogue(DEMO_TENANT, id))!.value;
  const frame = frameOf(stored)!;
  if (totalKr(stored) > frame && !stored.entries.some((e) => e.override)) overFrame++;
}
await bot.runScheduledWork(); // settles every award: activities, bid statuses, notices
await bot.runScheduledWork();
const activities = (await Promise.all(awardedBids.map((id) => catalogues.getActivity(DEMO_TENANT, activityIdOf(id))))).filter(Boolean).length;

const sorted = [...latencies].sort((x, y) => x - y);
const pct = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(0);
console.log(`award race bench: ${ROUNDS} rounds of 2 awards at once at the frame's edge (room for one), over HTTP`);
console.log(`  award answer time p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${pct(1)} ms (Teams waits about 5 s)`);
console.log(`  accepted ${accepted}, refused over the frame ${refusedOverFrame}, other answers ${other} (expected ${ROUNDS} / ${ROUNDS} / 0)`);
console.log(`  catalogues over their frame without an override: ${overFrame}`);
console.log(`  Cosmos requests per award click besides the directory: ${(awardOps / (2 * ROUNDS)).toFixed(2)} (the winner 4: bid, tender, catalogue read and write; the loser re-reads the catalogue after its write conflicts); directory reads per click ${(directoryReads / (2 * ROUNDS)).toFixed(2)}`);
console.log(`  activities after the sweep: ${activities} of ${accepted} accepted`);

await bot.close();
await connector.stop();
await cosmos.close();
await server.stop();
