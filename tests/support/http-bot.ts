// The whole bot over HTTP for flows that post outside the turn: startBot on a free port with the
// embedded Cosmos server and a clock the test sets; activities POSTed with a serviceUrl pointing at a
// recording connector, which receives every message, update and 1:1 the bot sends.

import type { Activity } from 'botbuilder';
import pino from 'pino';
import { loadConfig } from '../../src/config.js';
import { startBot, type RunningBot } from '../../src/main.js';
import { botAdded } from './activities.js';
import type { Card } from './bot-driver.js';
import { TestClock } from './clock.js';
import { freshDatabase, repositoriesOf, type CosmosRequestLog } from './cosmos.js';
import type { CosmosConnection } from '../../src/adapters/cosmos/cosmos-connection.js';
import { conversations, persona } from './demo.js';
import { RecordingConnector, type Recorded } from './recording-connector.js';

export interface HttpAnswer {
  readonly status: number;
  /** The card a card action returned (what the clicking user now sees). */
  readonly card?: Card | undefined;
  /** Everything the bot sent to the connector while handling this activity. */
  readonly sent: Recorded[];
}

export class HttpBot {
  private constructor(
    readonly bot: RunningBot,
    readonly connector: RecordingConnector,
    readonly clock: TestClock,
    readonly repos: ReturnType<typeof repositoriesOf>,
    /** The database, for a second instance or a restarted bot on the same data. */
    readonly cosmos: CosmosConnection,
  ) {}

  /** `scheduler`: run the loops on their timers and the work after a click (as in production); off by default, tests call sweep(). */
  static async start(now = '2026-11-23T10:00:00Z', requests?: CosmosRequestLog, scheduler = false): Promise<HttpBot> {
    const connector = await new RecordingConnector().start();
    const cosmos = await freshDatabase(requests);
    const clock = new TestClock(new Date(now));
    const bot = await startBot({ config: loadConfig({ PORT: '0' }), log: pino({ level: 'silent' }), cosmos, clock, scheduler });
    const http = new HttpBot(bot, connector, clock, repositoriesOf(cosmos), cosmos);
    // Teams tells the bot where it was added; the demo's group chat and channels are known places.
    for (const c of [conversations.laeringChat, conversations.general, conversations.byraadChannel]) await http.send(botAdded(persona.admin, c));
    connector.clear();
    return http;
  }

  async send(activity: Partial<Activity>): Promise<HttpAnswer> {
    const before = this.connector.received.length;
    const res = await fetch(`${this.bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...activity, serviceUrl: this.connector.url }),
    });
    const text = await res.text();
    const body = text ? (JSON.parse(text) as { value?: Card }) : undefined;
    return { status: res.status, card: body?.value, sent: this.connector.received.slice(before) };
  }

  /** Runs the scheduler's work once (closing, card updates) and returns what it sent. */
  async sweep(): Promise<Recorded[]> {
    const before = this.connector.received.length;
    await this.bot.runScheduledWork();
    return this.connector.received.slice(before);
  }

  async stop(): Promise<void> {
    await this.bot.close();
    await this.connector.stop();
  }
}
