// Composition root: reads the configuration, opens the database, builds the bot and serves it.
// `npm start` runs this file; `npm start -- --reset` starts with empty local data.

import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes, randomUUID } from 'node:crypto';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { systemClock, type Clock } from './app/ports.js';
import type { seedDemoData } from './app/seed-demo.js';
import { sweepTenders } from './app/tender-sweep.js';
import { hostname } from 'node:os';
import { Pacer } from './app/pacer.js';
import { SENDER_LEASE, sendDueReminders, type ReminderDeps } from './app/reminders.js';
import { releaseLease, SenderControl } from './app/scale-out.js';
import { tenantMeetings } from './app/tenant-calendar.js';
import { planAllTenants } from './app/planner.js';
import { DEFAULT_REMINDERS } from './domain/reminders.js';
import { CosmosCalendarRepository, CosmosLeaseRepository, CosmosReminderRepository } from './adapters/cosmos/reminder-repository.js';
import { startLoop } from './adapters/scheduler/interval-loop.js';
import { CosmosTenderRepository } from './adapters/cosmos/tender-repository.js';
import { CosmosAgendaRepository } from './adapters/cosmos/agenda-repository.js';
import { CosmosOutboxRepository } from './adapters/cosmos/outbox-repository.js';
import { CosmosEvaluationRepository } from './adapters/cosmos/evaluation-repository.js';
import { CosmosCatalogueRepository } from './adapters/cosmos/catalogue-repository.js';
import { settleCatalogue } from './app/catalogue-settle.js';
import { sendDueNotices } from './app/outbox.js';
import { numberBids } from './app/bid-numbers.js';
import type { AfterClick } from './app/ports.js';
import { AgendaWriteQueue, sweepAgendas } from './app/agenda.js';
import { TeamsNotifier } from './adapters/teams/teams-notifier.js';
import { CosmosConversationRepository } from './adapters/cosmos/conversation-repository.js';
import { CosmosDirectoryRepository } from './adapters/cosmos/directory-repository.js';
import { connectAzureCosmos, LocalDataInUseError, openLocalCosmos, type CosmosConnection } from './adapters/cosmos/cosmos-connection.js';
import { createHttpServer, FEED_MAX_AGE_S } from './adapters/http/http-server.js';
import { FeedCache } from './adapters/http/feed-cache.js';
import { createBotApp } from './adapters/teams/bot-app.js';
import { openExport, type ExportLinkSettings } from './app/export.js';
import { loadConfigForCli, type Config } from './config.js';
import { CosmosPersonDataRepository } from './adapters/cosmos/person-data-repository.js';
import { openPersonExport, runErasure, sweepErasures } from './app/person-data.js';
import { CosmosRetentionRepository } from './adapters/cosmos/retention-repository.js';
import { sweepRetention } from './app/retention.js';
import { createLogger, type Logger } from './logger.js';
import { noTelemetry } from './app/ports.js';
import { LoopWatch } from './adapters/scheduler/loop-watch.js';
import { EventLoopLag } from './adapters/http/health.js';
import { runningMonitor } from './adapters/telemetry/monitor-state.js';

export const DEMO_ROSTER_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'demo', 'roster.yaml');

export interface RunningBot {
  readonly url: string;
  readonly port: number;
  /** Runs the scheduled work (close due tenders, update announcement cards) now. */
  runScheduledWork(): Promise<void>;
  /**
   * Stops taking work, waits at most SHUTDOWN_MS for the sends under way, gives back what this instance
   * claimed and did not send, releases the reminder lease, and closes; after the bound it closes anyway.
   */
  close(): Promise<void>;
}

/** How often the scheduled work runs: card counts may then be at most a minute and this much stale. */
export const SCHEDULER_INTERVAL_MS = 20_000;
/**
 * How often reminders are (re)planned from the calendar; planning is idempotent, so any instance may.
 * A reminder whose meeting moved later is rescheduled by the sender; one moved earlier, by this.
 */
export const PLANNER_INTERVAL_MS = 5 * 60_000;
/** The outbox is woken after every click; this tick picks up what a crash or a backoff left. */
export const OUTBOX_INTERVAL_MS = 10_000;
/** How long a stopping bot waits for its last telemetry to be sent. */
const TELEMETRY_FLUSH_MS = 3000;
/** Well under Teams' per-tenant limit of 30-50 requests a second. */
export const SEND_RATE_PER_SECOND = 15;
/**
 * How long close() waits for the sends under way before it gives their items back and exits anyway.
 * App Service waits about 30 s after SIGTERM before it kills the process; this leaves room for the rest.
 */
export const SHUTDOWN_MS = 10_000;
/** Erasures are woken by their click; this pass only finishes one a crash or restart cut short (after its claim ran out). */
const ERASURE_INTERVAL_MS = 60_000;
/** The retention sweep counts in months; once an hour keeps its cost negligible. */
export const RETENTION_INTERVAL_MS = 60 * 60_000;

export interface StartOptions {
  readonly config: Config;
  readonly log: Logger;
  readonly clock?: Clock;
  /** Start with empty local data (embedded database only). */
  readonly reset?: boolean;
  /** An already open database (tests); otherwise the configuration decides. */
  readonly cosmos?: CosmosConnection;
  /** Run the scheduled work on a timer (default). Tests turn it off and call runScheduledWork. */
  readonly scheduler?: boolean;
  /** close()'s bound (default SHUTDOWN_MS); tests shorten it. */
  readonly shutdownMs?: number;
}

async function openDatabase(opts: StartOptions): Promise<CosmosConnection> {
  if (opts.cosmos) return opts.cosmos;
  const cfg = opts.config.cosmos;
  return cfg.kind === 'azure' ? connectAzureCosmos(cfg) : openLocalCosmos(cfg, opts.log, { role: 'owner', reset: opts.reset ?? false });
}

// The demo roster's YAML parser and the seeding are loaded only when demo data is on (the local setup).
async function seedDemo(opts: StartOptions, deps: Parameters<typeof seedDemoData>[0]): Promise<void> {
  const [{ parseRosterFile }, { seedDemoData }] = await Promise.all([import('./app/roster-file.js'), import('./app/seed-demo.js')]);
  const parsed = parseRosterFile(await readFile(DEMO_ROSTER_FILE, 'utf8'));
  if (!parsed.ok || !parsed.tenantId) throw new Error(`demo/roster.yaml is invalid: ${JSON.stringify(parsed)}`);
  const outcome = await seedDemoData(deps, parsed.tenantId, parsed.roster);
  opts.log.info({ tenantId: parsed.tenantId, outcome }, 'demo data');
}

export async function startBot(opts: StartOptions): Promise<RunningBot> {
  const { config, log } = opts;
  const clock = opts.clock ?? systemClock;
  const cosmos = await openDatabase(opts);
  const directories = new CosmosDirectoryRepository(cosmos.containers.directory);
  const conversations = new CosmosConversationRepository(cosmos.containers.directory);
  const tenders = new CosmosTenderRepository(cosmos.containers.tenders);
  const calendars = new CosmosCalendarRepository(cosmos.containers.directory);
  const reminders = new CosmosReminderRepository(cosmos.containers.reminders);
  const leases = new CosmosLeaseRepository(cosmos.containers.reminders);
  const agendas = new CosmosAgendaRepository(cosmos.containers.agendas);
  const outbox = new CosmosOutboxRepository(cosmos.containers.reminders);
  const evaluations = new CosmosEvaluationRepository(cosmos.containers.tenders);
  const catalogues = new CosmosCatalogueRepository(cosmos.containers.tenders);
  const personData = new CosmosPersonDataRepository(cosmos.containers);
  const retention = new CosmosRetentionRepository(cosmos.containers);
  const agendaQueue = new AgendaWriteQueue();
  // OpenTelemetry is loaded only with a connection string (telemetry-preload.ts started it before the SDKs loaded).
  const telemetry = config.applicationInsightsConnectionString ? (await import('./adapters/telemetry/otel-telemetry.js')).openTelemetry() : noTelemetry;
  if (config.demoData) await seedDemo(opts, { directories, clock });

  const adapter = new TeamsAdapter({
    MicrosoftAppId: config.bot.appId ?? '',
    MicrosoftAppPassword: config.bot.appPassword ?? '',
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.appTenantId ?? '',
  });
  const notifier = new TeamsNotifier(adapter, config.bot.appId ?? '', conversations, clock, log.child({ area: 'notifier' }));
  const timers = opts.scheduler !== false;
  // After a click: number the tender's new bids (once for a burst of them) and wake the outbox sender,
  // both after the click has been answered. Tests that run the scheduled work by hand do without.
  const numbering = new Set<string>();
  let wakeSender = (): void => undefined;
  let eraseNow = (_tenantId: string, _personId: string): void => undefined;
  const afterClick: AfterClick = ({ tenantId, tenderId, catalogueId, erasurePersonId }) => {
    if (!timers) return;
    // An erasure asked for: run at once, outside the click; the erasure loop finishes it if this is cut short.
    if (erasurePersonId) return eraseNow(tenantId, erasurePersonId);
    if (catalogueId) {
      // The activities, bid statuses and notices a decision owes; the sweep finishes it if this is cut short.
      void settleCatalogue({ catalogues, tenders, directories, outbox, clock, log }, tenantId, catalogueId)
        .catch((err: unknown) => log.error({ err, tenantId, catalogueId }, 'settling the catalogue failed'))
        .finally(() => wakeSender());
      return;
    }
    if (!tenderId) return wakeSender();
    const key = `${tenantId}|${tenderId}`;
    if (numbering.has(key)) return;
    numbering.add(key);
    setTimeout(() => {
      numbering.delete(key);
      numberBids({ tenders, clock, outbox }, tenantId, tenderId)
        .catch((err: unknown) => log.error({ err, tenantId, tenderId }, 'numbering bids failed'))
        .finally(() => wakeSender());
    }, 20);
  };
  // The export links' key: set EXPORT_LINK_SECRET wherever more than one instance serves (each would
  // otherwise refuse the others' links) or links should outlive a restart; locally a fresh one per start.
  if (!config.exportLinkSecret && config.production) log.warn('EXPORT_LINK_SECRET is not set: export links work only on the instance that made them, until it restarts');
  if (!config.publicBaseUrl && config.production) log.warn('PUBLIC_BASE_URL is not set: export links point at the address the bot listens on, which browsers cannot reach');
  let listeningUrl = '';
  const exportLinks: ExportLinkSettings = { secret: config.exportLinkSecret ?? randomBytes(32), baseUrl: () => config.publicBaseUrl ?? listeningUrl };
  const app = createBotApp({
    directories,
    conversations,
    tenders,
    calendars,
    reminders,
    agendas,
    evaluations,
    catalogues,
    agendaQueue,
    notifier,
    clock,
    outbox,
    afterClick,
    newId: () => `tender-${randomUUID().slice(0, 13)}`,
    log,
    fallbackTenantId: config.fallbackTenantId,
    localeOverride: config.localeOverride,
    adapter,
    botAppId: config.bot.appId,
    exportLinks,
    telemetry,
    allowedTenants: config.allowedTenants,
    personData,
  });
  // Unset serves every tenant that reaches the bot: right for a deployment shared by several
  // municipalities, but in production the operator should have said so rather than forgotten it.
  if (!config.allowedTenants && config.production) log.warn('ALLOWED_TENANTS is not set: the bot serves and stores data for every Entra tenant that reaches it');
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  // One pacer for everything sent proactively: reminders and the outbox share Teams' limits. Those
  // limits are in real seconds, so it runs on the machine's monotonic time, not the business clock
  // (which tests set by hand and which would never let a paced wait end).
  const pacer = new Pacer({ perSecond: SEND_RATE_PER_SECOND, now: () => performance.now(), sleep });
  // Both senders' stop switch and their claims in flight, for a bounded shutdown.
  const control = new SenderControl();
  const reminderDeps: ReminderDeps = {
    reminders,
    catalogues,
    agendas,
    agendaQueue,
    leases,
    calendars,
    directories,
    conversations,
    tenders,
    notifier,
    clock,
    config: DEFAULT_REMINDERS,
    pacer,
    sleep,
    log: log.child({ area: 'reminders' }),
    control,
  };
  const instanceId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 6)}`;
  const schedLog = log.child({ area: 'scheduler' });
  const erasureDeps = { personData, directories, clock, outbox };
  const watch = new LoopWatch(telemetry, () => clock.now(), ['tenders', 'planner', 'reminders', 'agendas', 'retention', 'erasures', 'outbox']);
  const loops = [
    startLoop('tenders', () => sweepTenders({ tenders, directories, conversations, notifier, clock, outbox, catalogues, log: schedLog }), timers ? SCHEDULER_INTERVAL_MS : 0, schedLog, watch),
    startLoop(
      'planner',
      () => planAllTenants(reminderDeps),
      timers ? PLANNER_INTERVAL_MS : 0,
      schedLog,
      watch,
    ),
    startLoop('reminders', () => sendDueReminders(reminderDeps, instanceId), timers ? SCHEDULER_INTERVAL_MS : 0, schedLog, watch),
    // Listed after the reminders: runScheduledWork runs the loops in this order, so a call posted there is redrawn in the same run.
    startLoop(
      'agendas',
      async () => {
        const report = await sweepAgendas({ agendas, agendaQueue, directories, calendars, conversations, notifier, clock, outbox });
        if (report.locked + report.handedOn > 0) schedLog.info({ report }, 'dialogmøde agendas locked or handed on');
        return report;
      },
      timers ? SCHEDULER_INTERVAL_MS : 0,
      schedLog,
      watch,
    ),
    // Tenders and agendas past the tenant's retention (none where it is unset): hourly is plenty for months.
    startLoop('retention', () => sweepRetention({ retention, calendars, directories, clock, log: schedLog }), timers ? RETENTION_INTERVAL_MS : 0, schedLog, watch),
    // Erasures asked for and not done (a crash or restart cut them short): one query when there are none.
    startLoop('erasures', () => sweepErasures(erasureDeps, instanceId), timers ? ERASURE_INTERVAL_MS : 0, schedLog, watch),
    // Last: what the sweeps above enqueued goes out in the same run.
    startLoop(
      'outbox',
      () => sendDueNotices({ outbox, tenders, agendas, catalogues, directories, calendars, conversations, notifier, clock, pacer, log: log.child({ area: 'outbox' }), control, personData }, instanceId),
      timers ? OUTBOX_INTERVAL_MS : 0,
      schedLog,
      watch,
    ),
  ];
  const outboxLoop = loops[loops.length - 1]!;
  wakeSender = () => outboxLoop.kick();
  eraseNow = (tenantId, personId) => {
    void runErasure(erasureDeps, tenantId, personId, instanceId)
      .catch((err: unknown) => log.error({ err, tenantId }, 'erasing personal data failed; the erasure loop finishes it'))
      .finally(() => wakeSender());
  };
  if (timers) void loops[1]!.runNow();
  // Two point reads decide whether the cached feed still stands: the roster's and the calendar's etags.
  const feeds = new FeedCache(FEED_MAX_AGE_S * 1000, () => clock.now().getTime());
  const calendarFeed = async (tenantId: string) => {
    const dir = await directories.get(tenantId);
    if (!dir) return undefined;
    const cal = await calendars.get(tenantId);
    return feeds.get(tenantId, `${dir.etag}|${cal?.etag ?? ''}`, async () => {
      // The iCalendar writer is loaded at the first feed request, not at every start.
      const { calendarIcs, PUBLIC_KINDS } = await import('./adapters/http/calendar-ics.js');
      const now = clock.now();
      const { meetings } = await tenantMeetings({ calendars, clock }, dir.value, new Date(now.getTime() - 62 * 86400_000), new Date(now.getTime() + 400 * 86400_000));
      return calendarIcs(meetings.filter((m) => PUBLIC_KINDS.includes(m.kind)), { name: 'Byrådets mødeplan', now, host: 'kerneopgave-bot' });
    });
  };
  const exports = { open: (token: string) => openExport({ directories, catalogues, clock, exportLinks }, token), now: () => clock.now() };
  const personDataRoute = { open: (token: string) => openPersonExport({ personData, directories, clock, secret: exportLinks.secret }, token), now: () => clock.now() };
  const lag = new EventLoopLag();
  const health = () => ({ eventLoopLagMs: lag.figures(), loops: watch.snapshot() });
  const server = createHttpServer({ adapter, app, log, ready: () => cosmos.ping(), calendarFeed, defaultTenantId: config.fallbackTenantId, now: () => clock.now().getTime(), exports, telemetry, health, personData: personDataRoute });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, () => resolve()));
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  listeningUrl = url;
  log.info({ url: `${url}/api/messages`, authenticated: Boolean(config.bot.appId), database: config.cosmos.kind }, 'bot listening');
  if (!config.bot.appId) log.warn({ host: config.host }, 'no MicrosoftAppId: incoming requests are NOT authenticated (local development only)');
  return {
    url,
    port,
    runScheduledWork: async () => {
      for (const l of loops) await l.runNow();
    },
    close: async () => {
      const bound = opts.shutdownMs ?? SHUTDOWN_MS;
      log.info({ instanceId, boundMs: bound }, 'stopping');
      control.stop();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'deadline'>((resolve) => (timer = setTimeout(() => resolve('deadline'), bound)));
      const stopped = Promise.all(loops.map((l) => l.stop())).then(() => 'done' as const);
      const how = await Promise.race([stopped, deadline]);
      clearTimeout(timer);
      // What is still claimed had its post cut short by the bound: pending again, for another instance now.
      const givenBack = await control.giveBackAll().catch((err: unknown) => (log.error({ err }, 'giving back claims failed'), 0));
      const leaseReleased = await releaseLease({ leases, clock }, SENDER_LEASE, instanceId).catch((err: unknown) => (log.error({ err }, 'releasing the reminder lease failed'), false));
      // Idle keep-alive connections are closed at once; one still busy gets a second, then is cut, so the close is bounded too.
      server.server.closeIdleConnections();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const cut = setTimeout(() => server.server.closeAllConnections(), 1000);
      await closed;
      clearTimeout(cut);
      if (!opts.cosmos) await cosmos.close();
      lag.stop();
      const fields = { instanceId, inTime: how === 'done', givenBack, leaseReleased };
      if (how === 'done') log.info(fields, 'stopped');
      else log.warn(fields, 'stopped at the shutdown bound: sends still under way were given back');
    },
  };
}

async function main(argv: readonly string[]): Promise<void> {
  const config = loadConfigForCli(process.env, (line) => console.error(line));
  if (!config) process.exit(1);
  const log = createLogger(config.logLevel);
  if (config.applicationInsightsConnectionString && !runningMonitor()) {
    // Started late, after the SDKs loaded: the bot's own spans and counters are sent, its HTTP calls may not be.
    log.warn('APPLICATIONINSIGHTS_CONNECTION_STRING is set but node was started without --import ./dist/telemetry-preload.js: Cosmos DB and connector calls may not be traced');
    (await import('./adapters/telemetry/azure-monitor.js')).startAzureMonitor(config.applicationInsightsConnectionString);
  }
  let bot: RunningBot;
  try {
    bot = await startBot({ config, log, reset: argv.includes('--reset') });
  } catch (e) {
    if (e instanceof LocalDataInUseError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'signal received');
    bot.close().then(
      // The last spans and counts go out before the process ends (a no-op without a connection string),
      // but an unreachable Application Insights must not hold up the stop: at most TELEMETRY_FLUSH_MS.
      () => Promise.race([runningMonitor()?.shutdown(), new Promise((resolve) => setTimeout(resolve, TELEMETRY_FLUSH_MS).unref())]).finally(() => process.exit(0)),
      (err: unknown) => {
        log.error({ err }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
