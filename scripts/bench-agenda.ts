// `npm run bench:agenda [-- --politicians 31 --topics 3]`: every politician of a Byråd adds topics to
// the dialogmøde's agenda at the same moment, over HTTP through the whole bot (teams-ai Application,
// embedded Cosmos DB, a local Teams connector). Prints how long it took, the latency of each add, how
// many etag conflicts the agenda item saw, how often the shared card in the Byråd's chat was redrawn
// (and the most in any 1 s and 30 s, against Teams' 7 and 60 per conversation), and whether any topic
// was lost, doubled or refused.

import { parseArgs } from 'node:util';
import pino from 'pino';
import type { PluginConfig } from '@azure/cosmos';
import { importRoster } from '../src/app/import-roster.js';
import { connectEmbedded } from '../src/adapters/cosmos/cosmos-connection.js';
import { CosmosAgendaRepository } from '../src/adapters/cosmos/agenda-repository.js';
import { CosmosConversationRepository } from '../src/adapters/cosmos/conversation-repository.js';
import { CosmosDirectoryRepository } from '../src/adapters/cosmos/directory-repository.js';
import { startEmbeddedCosmos } from '../src/adapters/cosmos/embedded-cosmos.js';
import { loadConfig } from '../src/config.js';
import { orderedTopics } from '../src/domain/agenda.js';
import { startBot } from '../src/main.js';
import { RecordingConnector } from '../tests/support/recording-connector.js';

const { values } = parseArgs({ options: { politicians: { type: 'string', default: '31' }, topics: { type: 'string', default: '3' } } });
const N = Number(values.politicians);
const K = Number(values.topics);
const TENANT = 'be000000-0000-4000-8000-000000000002';
const CHAT = '19:bench-byraad@thread.v2';
const guid = (i: number) => `be000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

let conflicts = 0;
const countConflicts: PluginConfig = {
  on: 'request',
  plugin: async (context, _node, next) => {
    try {
      return await next(context);
    } catch (error) {
      if ((error as { code?: unknown }).code === 412) conflicts++;
      throw error;
    }
  },
};
const server = await startEmbeddedCosmos();
const cosmos = await connectEmbedded(server.endpoint, server.key, server.ca, 'bench', [countConflicts]);
const connector = await new RecordingConnector().start();
// A week before the 7 December 2026 dialogmøde, when the call for topics goes out; then real time runs.
const offset = new Date('2026-11-30T13:00:00Z').getTime() - Date.now();
const clock = { now: () => new Date(Date.now() + offset) };

const people = Array.from({ length: N }, (_, i) => ({ id: guid(i + 1), name: `Politiker ${i + 1}` }));
const directories = new CosmosDirectoryRepository(cosmos.containers.directory);
const imported = await importRoster(
  { directories, clock },
  TENANT,
  { people, groups: [{ id: 'byraad', kind: 'byraad', name: 'Byrådet', members: people.map((p) => ({ person: p.id, roles: ['byraadsmedlem'] })) }], kerneopgaver: [], links: [{ conversationId: CHAT, group: 'byraad' }] },
  'bench',
);
if (!imported.ok) throw new Error(`roster: ${imported.code}`);
const at = clock.now().toISOString();
await new CosmosConversationRepository(cosmos.containers.directory).save(
  {
    tenantId: TENANT,
    conversationId: CHAT,
    conversationType: 'groupChat',
    name: 'Byrådet',
    reference: { serviceUrl: connector.url, channelId: 'msteams', conversation: { id: CHAT, conversationType: 'groupChat', tenantId: TENANT }, bot: { id: '28:bench' } },
    status: 'installed',
    installedAt: at,
    updatedAt: at,
  },
  undefined,
);

const bot = await startBot({ config: loadConfig({ PORT: '0', DEMO_DATA: 'false' }), log: pino({ level: 'silent' }), cosmos, clock, scheduler: false });
await bot.runScheduledWork(); // plans and posts the call for topics
const calls = connector.received.filter((r) => r.conversationId === CHAT && r.method === 'POST').length;

let seq = 0;
function submit(p: { id: string; name: string }, k: number) {
  const activity = {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `bench-${seq++}`,
    channelId: 'msteams',
    serviceUrl: connector.url,
    locale: 'da-DK',
    from: { id: `29:${p.id}`, name: p.name, aadObjectId: p.id },
    recipient: { id: '28:bench', name: 'Kerneopgave-bot' },
    conversation: { id: CHAT, conversationType: 'groupChat', tenantId: TENANT, isGroup: true },
    channelData: { tenant: { id: TENANT } },
    value: {
      action: {
        type: 'Action.Execute',
        verb: 'topic.submit',
        data: { meetingId: 'dialogmoede-2026-12', submissionId: `${p.id}-${k}`, title: `${p.name}, emne ${k + 1}`, why: 'Til drøftelse.', part: String((k % 2) + 1), committee: '' },
      },
      trigger: 'manual',
    },
  };
  return fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
}

const before = connector.received.length;
const started = performance.now();
const latencies: number[] = [];
const answers = await Promise.all(
  people.flatMap((p) =>
    Array.from({ length: K }, async (_, k) => {
      const t0 = performance.now();
      const res = await submit(p, k);
      const body = (await res.json()) as { value?: unknown };
      latencies.push(performance.now() - t0);
      return JSON.stringify(body.value ?? '');
    }),
  ),
);
const elapsed = performance.now() - started;
// The scheduler catches the card up within its gap.
await new Promise((resolve) => setTimeout(resolve, 10_500));
await bot.runScheduledWork();

const agenda = (await new CosmosAgendaRepository(cosmos.containers.agendas).get(TENANT, 'dialogmoede-2026-12'))?.value;
const titles = orderedTopics(agenda).map((t) => t.title);
const accepted = answers.filter((a) => a.includes('Dit emne er sat på dagsordenen')).length;
const busy = answers.filter((a) => a.includes('Mange ændrer dagsordenen')).length;
const updates = connector.received.slice(before).filter((r) => r.conversationId === CHAT && r.method === 'PUT').map((r) => r.at);
const most = (windowMs: number) => Math.max(0, ...updates.map((t) => updates.filter((u) => u >= t && u < t + windowMs).length));
const lastCard = JSON.stringify(connector.received.filter((r) => r.conversationId === CHAT && r.method === 'PUT').at(-1)?.activity ?? '');
const sorted = [...latencies].sort((a, b) => a - b);
const pct = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(0);

console.log(`agenda bench: ${N} politicians × ${K} topics = ${N * K} adds at once (call for topics posted: ${calls})`);
console.log(`  all answered in ${(elapsed / 1000).toFixed(2)} s; latency p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${pct(1)} ms`);
console.log(`  accepted ${accepted}, refused as busy ${busy}; on the agenda ${titles.length}, distinct ${new Set(titles).size}, lost ${N * K - titles.length}`);
console.log(`  etag conflicts on the agenda item: ${conflicts} (${(conflicts / (N * K)).toFixed(2)} per add)`);
console.log(`  card redraws in the Byråd's chat: ${updates.length}; most in 1 s: ${most(1000)} (Teams: 7), in 30 s: ${most(30_000)} (Teams: 60)`);
// The shared card is the agenda's first page (cards stay under 40 KB); its page note counts every topic.
const pages = /Side 1 af (\d+)/.exec(lastCard)?.[1];
const onCard = titles.filter((t) => lastCard.includes(t)).length;
const counted = pages ? lastCard.includes(` af ${titles.length}.`) : onCard === titles.length;
console.log(`  the last redraw is up to date: ${counted} (${pages ? `page 1 of ${pages}, ${onCard} topics on it, the note counts all ${titles.length}` : `all ${onCard} topics on it`})`);

await bot.close();
await connector.stop();
await cosmos.close();
await server.stop();
