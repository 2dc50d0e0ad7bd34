// The reminder engine on the embedded Cosmos protocol server with the real Teams notifier posting
// to a recording connector (which can answer 429 or 403), a clock the test steps, and the demo
// roster with every kernegruppe's chat, the Byråd's chat and the 1:1 chats of every konsulent, admin,
// udvalgsformand and the borgmester known to the bot.
// Each test starts its own rig (startRig), stopped when that test ends, so a test that fails or times
// out leaves nothing behind that the next one would run into.

import { TeamsAdapter } from '@microsoft/teams-ai';
import pino from 'pino';
import { onTestFinished } from 'vitest';
import { Pacer } from '../../src/app/pacer.js';
import { planReminders, sendDueReminders, type ReminderDeps } from '../../src/app/reminders.js';
import { seedDemoData } from '../../src/app/seed-demo.js';
import type { ActivityRepository, CatalogueRepository, ConversationRecord } from '../../src/app/ports.js';
import type { CosmosCalendarRepository } from '../../src/adapters/cosmos/reminder-repository.js';
import { TeamsNotifier } from '../../src/adapters/teams/teams-notifier.js';
import { DEFAULT_REMINDERS, type ReminderConfig } from '../../src/domain/reminders.js';
import { TestClock } from './clock.js';
import { freshDatabase, repositoriesOf, type CosmosRequestLog } from './cosmos.js';
import { DEMO_TENANT, demoRoster } from './demo.js';
import { capturedLog } from './log-capture.js';
import { RecordingConnector } from './recording-connector.js';

export const chatOf = (groupId: string) => `19:${groupId}@thread.v2`;
export const personalOf = (personId: string) => `a:personal-${personId}`;

const MINUTE = 60_000;

/** What the bot sent to one conversation, and the clock's time when the run that sent it ended. */
export interface Sent {
  readonly to: string;
  readonly at: number;
}

export interface RunOptions {
  /** The instances that each run the sender on every tick (two share the database and the lease). */
  readonly instances?: readonly string[];
  /** The loop's interval: the sender runs on ticks `step` apart, counted from where the clock stood. */
  readonly step?: number;
  /**
   * The planner runs on the ticks that fall on this interval (the first tick included). Production plans
   * every 5 minutes; each run here costs about 100 ms of queries and plans 45 days ahead, so 6 hours.
   */
  readonly planEvery?: number;
}

/** A rig for the running test, stopped when the test ends however it ends. */
export async function startRig(now: string, config?: ReminderConfig, requests?: CosmosRequestLog): Promise<ReminderRig> {
  const rig = await ReminderRig.start(now, config, requests);
  onTestFinished(() => rig.stop());
  return rig;
}

export class ReminderRig {
  private stopped = false;

  private constructor(
    readonly deps: ReminderDeps & { readonly catalogues: CatalogueRepository & ActivityRepository },
    readonly clock: TestClock,
    readonly connector: RecordingConnector,
    readonly calendars: CosmosCalendarRepository,
    /** What the reminder engine logged (warnings and up). */
    readonly logLines: Record<string, unknown>[],
    /** The repositories on the rig's database (the outbox and agendas too). */
    readonly repos: ReturnType<typeof repositoriesOf>,
  ) {}

  /** With `requests`, every request to Cosmos DB is logged there, for counting what a pass costs. */
  static async start(now: string, config: ReminderConfig = DEFAULT_REMINDERS, requests?: CosmosRequestLog): Promise<ReminderRig> {
    const connector = await new RecordingConnector().start();
    const cosmos = await freshDatabase(requests);
    const repos = repositoriesOf(cosmos);
    const clock = new TestClock(new Date(now));
    await seedDemoData({ ...repos, clock }, DEMO_TENANT, demoRoster);
    // Every kernegruppe has its chat, every konsulent and admin a 1:1 chat with the bot.
    const dir = (await repos.directories.get(DEMO_TENANT))!;
    const kernegrupper = dir.value.groups.filter((g) => g.kind === 'kernegruppe');
    const chats = [...kernegrupper.map((g) => g.id), 'byraad'];
    const links = chats.map((group) => ({ conversationId: chatOf(group), group, announcement: false, changedBy: 'test', changedAt: now }));
    await repos.directories.save({ ...dir.value, links: [...dir.value.links.filter((l) => !l.group || !chats.includes(l.group)), ...links] }, dir.etag);
    const record = (conversationId: string, conversationType: 'groupChat' | 'personal', userId?: string): ConversationRecord => ({
      tenantId: DEMO_TENANT,
      conversationId,
      conversationType,
      userId,
      reference: { serviceUrl: connector.url, channelId: 'msteams', conversation: { id: conversationId, conversationType, tenantId: DEMO_TENANT }, bot: { id: '28:kerneopgave-bot' } },
      status: 'installed',
      installedAt: now,
      updatedAt: now,
    });
    for (const group of chats) await repos.conversations.save(record(chatOf(group), 'groupChat'), undefined);
    // And the people at a pitstop (udvalgsformænd, the borgmester), who get its reminder 1:1.
    const oneToOne = ['konsulent', 'admin', 'udvalgsformand', 'borgmester'] as const;
    const people = new Set(dir.value.groups.flatMap((g) => g.members.filter((m) => m.roles.some((r) => (oneToOne as readonly string[]).includes(r))).map((m) => m.person)));
    for (const p of people) await repos.conversations.save(record(personalOf(p), 'personal', p), undefined);

    const log = pino({ level: 'silent' });
    const captured = capturedLog('warn');
    const calendars = repos.calendars;
    const deps: ReminderDeps & { readonly catalogues: CatalogueRepository & ActivityRepository } = {
      ...repos,
      notifier: new TeamsNotifier(new TeamsAdapter({}), '', repos.conversations, clock, log),
      clock,
      config,
      // Waiting moves the test's clock instead of real time.
      pacer: new Pacer({ perSecond: 1000, now: () => clock.now().getTime(), sleep: async (ms) => clock.advance(ms) }),
      sleep: async (ms) => clock.advance(ms),
      log: captured.log,
    };
    return new ReminderRig(deps, clock, connector, calendars, captured.lines, repos);
  }

  plan() {
    return planReminders(this.deps, DEMO_TENANT);
  }

  send(instance = 'instance-a') {
    return sendDueReminders(this.deps, instance);
  }

  /**
   * Runs the loop a deployed bot runs (planner and sender on a tick every `step`) from the clock's time
   * to `until`, and returns what was sent, when. It does not visit every tick: a tick where the stored
   * reminders say nothing is due cannot send anything, so the clock jumps to the ticks that matter:
   * each planner tick, and around every time a stored reminder becomes due (its dueAt, a retry's
   * notBefore, an expired claim): the tick before (nothing early), the first tick at or after it (on
   * time) and the one after (nothing twice). While anything stored is due and unsent, every tick is
   * run, as a minute-by-minute loop would. The clock ends on `until`.
   */
  async runUntil(until: string | Date, opts: RunOptions = {}): Promise<Sent[]> {
    const { instances = ['instance-a'], step = MINUTE, planEvery = 6 * 60 * MINUTE } = opts;
    if (planEvery % step !== 0) throw new Error('planEvery must be a whole number of steps');
    const origin = this.clock.now().getTime();
    const end = new Date(until).getTime();
    const tickAt = (k: number) => origin + k * step;
    /** The first tick at or after `t`. */
    const tickFrom = (t: number) => Math.max(0, Math.ceil((t - origin) / step));
    const sent: Sent[] = [];
    const visits = new Set<number>();
    let k = 0;
    while (tickAt(k) < end) {
      if (this.stopped) throw new Error('the reminder rig was stopped while its loop ran');
      this.clock.set(new Date(tickAt(k)));
      const before = this.connector.received.length;
      if ((k * step) % planEvery === 0) await this.plan();
      for (const i of instances) await this.send(i);
      const at = this.clock.now().getTime();
      for (const r of this.connector.received.slice(before)) sent.push({ to: r.conversationId, at });
      // Past any tick the sender's own waiting (pacer, Retry-After) moved the clock over.
      const after = Math.max(k + 1, tickFrom(at + 1));
      k = Math.ceil(after / (planEvery / step)) * (planEvery / step);
      let overdue = false;
      for (const r of await this.deps.reminders.ofTenant(DEMO_TENANT, new Date(0))) {
        const becomesDue =
          r.status === 'pending'
            ? Math.max(new Date(r.dueAt).getTime(), r.notBefore ? new Date(r.notBefore).getTime() : 0)
            : r.status === 'sending'
              ? new Date(r.claimedUntil ?? 0).getTime()
              : undefined;
        if (becomesDue === undefined) continue;
        const onTime = tickFrom(becomesDue);
        if (onTime < after) overdue = true;
        visits.add(onTime - 1).add(onTime).add(onTime + 1);
      }
      if (overdue) k = after; // due and not sent yet: every tick until it is
      for (const v of visits) {
        if (v < after) visits.delete(v);
        else if (v < k) k = v;
      }
    }
    this.clock.set(new Date(Math.max(end, this.clock.now().getTime())));
    return sent;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.connector.stop();
  }
}
