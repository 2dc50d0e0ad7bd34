// One bot for the benchmark, in a process of its own (started by scripts/bench.ts over IPC), so its
// CPU time (process.cpuUsage) is its own: either the real bot (startBot from src/main.ts against the
// benchmark's Cosmos server, which runs in yet another process) or a bare teams-ai v1 echo bot that
// only repeats the text, served the same way (restify + TeamsAdapter), as the yardstick.
//
// Messages from the parent: 'cpu' (answers process.cpuUsage() and the RSS), 'sched' (runs the bot's
// scheduled work once, answers when done), 'stop'.

import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import pino from 'pino';
import restify from 'restify';
import { connectEmbedded } from '../src/adapters/cosmos/cosmos-connection.js';
import { loadConfig } from '../src/config.js';
import { startBot } from '../src/main.js';

export type BotChildMessage =
  | { readonly type: 'ready'; readonly url: string }
  | { readonly type: 'cpu'; readonly id: number; readonly user: number; readonly system: number; readonly rss: number }
  | { readonly type: 'sched'; readonly id: number; readonly ms: number };

const { values } = parseArgs({
  options: {
    kind: { type: 'string', default: 'bot' },
    endpoint: { type: 'string' },
    key: { type: 'string' },
    database: { type: 'string', default: 'kerneopgave' },
    // The business clock: this instant now, then real time runs (the benchmark's data is set around it).
    now: { type: 'string', default: '2026-11-30T13:00:00Z' },
  },
});

async function startEcho(): Promise<{ url: string; runScheduledWork(): Promise<void> }> {
  const adapter = new TeamsAdapter({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: '' });
  const app = new Application<TurnState>({ adapter, removeRecipientMention: true, startTypingTimer: false, longRunningMessages: false });
  app.activity('message', async (ctx) => {
    await ctx.sendActivity(ctx.activity.text ?? '');
  });
  // A card click is answered in the invoke response, as the bot answers it.
  app.adaptiveCards.actionExecute(/.*/, async (ctx) => `echo ${String((ctx.activity.value as { action?: { verb?: string } }).action?.verb)}`);
  const server = restify.createServer({ name: 'echo', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 1_000_000 }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, async (context) => {
      await app.run(context);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, runScheduledWork: async () => {} };
}

async function startRealBot(): Promise<{ url: string; runScheduledWork(): Promise<void> }> {
  // The certificate is several lines: it comes in the environment rather than on the command line.
  const ca = process.env.BENCH_COSMOS_CA ?? '';
  const cosmos = await connectEmbedded(values.endpoint!, values.key!, ca, values.database);
  const offset = new Date(values.now).getTime() - Date.now();
  const clock = { now: () => new Date(Date.now() + offset) };
  // No timers: the benchmark runs the scheduled work itself, so a pass is counted alone.
  return startBot({ config: loadConfig({ PORT: '0', DEMO_DATA: 'false' }), log: pino({ level: 'silent' }), cosmos, clock, scheduler: false });
}

const bot = values.kind === 'echo' ? await startEcho() : await startRealBot();

process.on('message', (m: { type: string; id: number }) => {
  if (m.type === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send!({ type: 'cpu', id: m.id, user, system, rss: process.memoryUsage().rss } satisfies BotChildMessage);
  } else if (m.type === 'sched') {
    const t0 = performance.now();
    void bot.runScheduledWork().then(() => process.send!({ type: 'sched', id: m.id, ms: performance.now() - t0 } satisfies BotChildMessage));
  } else if (m.type === 'stop') process.exit(0);
});
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'ready', url: bot.url } satisfies BotChildMessage);
