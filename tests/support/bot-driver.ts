// Drives the real teams-ai Application through botbuilder's TestAdapter and app.run, on a real
// Cosmos protocol server, and hands back what the bot sent: messages, cards, the invoke response.

import type { Application } from '@microsoft/teams-ai';
import { TestAdapter, type Activity } from 'botbuilder';
import pino from 'pino';
import type { Clock } from '../../src/app/ports.js';
import { seedDemoData } from '../../src/app/seed-demo.js';
import type { CosmosConnection } from '../../src/adapters/cosmos/cosmos-connection.js';
import { createBotApp } from '../../src/adapters/teams/bot-app.js';
import { repositoriesOf } from './cosmos.js';
import { RecordingNotifier } from './recording-notifier.js';
import { TestClock } from './clock.js';
import { DEMO_TENANT, demoRoster } from './demo.js';

export interface Card {
  readonly type: 'AdaptiveCard';
  readonly body: unknown[];
  readonly [key: string]: unknown;
}

/** Every TextBlock text and fact in a card, flattened: what a person would read. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
      if (typeof o.title === 'string' && typeof o.value === 'string' && !o.type) out.push(`${o.title}: ${o.value}`);
      if (typeof o.title === 'string' && typeof o.type === 'string' && o.type.startsWith('Action.')) out.push(`[${o.title}]`);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out.join('\n');
}

export function cardOf(activity: Partial<Activity> | undefined): Card {
  const content = activity?.attachments?.[0]?.content as Card | undefined;
  if (!content || content.type !== 'AdaptiveCard') throw new Error(`not a card: ${JSON.stringify(activity)}`);
  return content;
}

export interface Sent {
  readonly activities: Partial<Activity>[];
  /** Cards among the sent activities (not the invoke response). */
  readonly cards: Card[];
  readonly texts: string[];
  /** The card returned to a card action, if any. */
  readonly invokeCard?: Card | undefined;
  readonly invokeStatus?: number | undefined;
}

export class BotDriver {
  readonly adapter: TestAdapter;
  readonly repos: ReturnType<typeof repositoriesOf>;
  readonly clock: Clock;
  /** What the bot told people outside the turn (announcements, receipts), in order. */
  notices: RecordingNotifier['sent'] = [];

  constructor(
    readonly app: Application,
    readonly cosmos: CosmosConnection,
    clock: Clock,
  ) {
    this.adapter = new TestAdapter(async (ctx) => {
      await app.run(ctx);
    });
    this.repos = repositoriesOf(cosmos);
    this.clock = clock;
  }

  static async start(cosmos: CosmosConnection, opts: { seed?: boolean; clock?: Clock; allowedTenants?: ReadonlySet<string> } = {}): Promise<BotDriver> {
    const repos = repositoriesOf(cosmos);
    const clock = opts.clock ?? new TestClock(new Date('2026-11-23T10:00:00Z'));
    if (opts.seed !== false) await seedDemoData({ ...repos, clock }, DEMO_TENANT, demoRoster);
    const notifier = new RecordingNotifier();
    let n = 0;
    const app = createBotApp({ ...repos, notifier, clock, newId: () => `tender-test-${++n}`, log: pino({ level: process.env.BOT_LOG ?? 'silent' }), allowedTenants: opts.allowedTenants });
    const driver = new BotDriver(app, cosmos, clock);
    driver.notices = notifier.sent;
    return driver;
  }

  async send(activity: Partial<Activity>): Promise<Sent> {
    this.adapter.activeQueue.splice(0);
    await this.adapter.processActivity(activity);
    const activities = this.adapter.activeQueue.splice(0);
    const invoke = activities.find((a) => a.type === 'invokeResponse');
    const rest = activities.filter((a) => a.type !== 'invokeResponse');
    const body = (invoke?.value as { status?: number; body?: { value?: unknown } } | undefined) ?? undefined;
    return {
      activities: rest,
      cards: rest.filter((a) => a.attachments?.length).map(cardOf),
      texts: rest.filter((a) => typeof a.text === 'string' && a.text.length > 0).map((a) => a.text!),
      invokeCard: body?.body?.value as Card | undefined,
      invokeStatus: body?.status,
    };
  }
}
