// The reminder engine on the embedded Cosmos protocol server with the real Teams notifier posting
// to a recording connector (which can answer 429 or 403), a clock the test steps, and the demo
// roster with every kernegruppe's chat, the Byråd's chat and every konsulent's 1:1 chat known to the bot.

import { TeamsAdapter } from '@microsoft/teams-ai';
import pino from 'pino';
import { Pacer } from '../../src/app/pacer.js';
import { planReminders, sendDueReminders, type ReminderDeps } from '../../src/app/reminders.js';
import { seedDemoData } from '../../src/app/seed-demo.js';
import type { ConversationRecord } from '../../src/app/ports.js';
import type { CosmosCalendarRepository } from '../../src/adapters/cosmos/reminder-repository.js';
import { TeamsNotifier } from '../../src/adapters/teams/teams-notifier.js';
import { DEFAULT_REMINDERS, type ReminderConfig } from '../../src/domain/reminders.js';
import { TestClock } from './clock.js';
import { freshDatabase, repositoriesOf } from './cosmos.js';
import { DEMO_TENANT, demoRoster } from './demo.js';
import { capturedLog } from './log-capture.js';
import { RecordingConnector } from './recording-connector.js';

export const chatOf = (groupId: string) => `19:${groupId}@thread.v2`;
export const personalOf = (personId: string) => `a:personal-${personId}`;

export class ReminderRig {
  private constructor(
    readonly deps: ReminderDeps,
    readonly clock: TestClock,
    readonly connector: RecordingConnector,
    readonly calendars: CosmosCalendarRepository,
    /** What the reminder engine logged (warnings and up). */
    readonly logLines: Record<string, unknown>[],
  ) {}

  static async start(now: string, config: ReminderConfig = DEFAULT_REMINDERS): Promise<ReminderRig> {
    const connector = await new RecordingConnector().start();
    const cosmos = await freshDatabase();
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
    const people = new Set(dir.value.groups.flatMap((g) => g.members.filter((m) => m.roles.includes('konsulent') || m.roles.includes('admin')).map((m) => m.person)));
    for (const p of people) await repos.conversations.save(record(personalOf(p), 'personal', p), undefined);

    const log = pino({ level: 'silent' });
    const captured = capturedLog('warn');
    const calendars = repos.calendars;
    const deps: ReminderDeps = {
      ...repos,
      notifier: new TeamsNotifier(new TeamsAdapter({}), '', repos.conversations, clock, log),
      clock,
      config,
      // Waiting moves the test's clock instead of real time.
      pacer: new Pacer({ perSecond: 1000, now: () => clock.now().getTime(), sleep: async (ms) => clock.advance(ms) }),
      sleep: async (ms) => clock.advance(ms),
      log: captured.log,
    };
    return new ReminderRig(deps, clock, connector, calendars, captured.lines);
  }

  plan() {
    return planReminders(this.deps, DEMO_TENANT);
  }

  send(instance = 'instance-a') {
    return sendDueReminders(this.deps, instance);
  }

  async stop(): Promise<void> {
    await this.connector.stop();
  }
}
