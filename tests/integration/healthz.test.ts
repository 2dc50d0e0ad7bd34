// /healthz over HTTP (issue 14): besides "ok", the event loop's lag (p50, p99, max in ms over the last
// window) and, per scheduler loop, when it last succeeded and last failed and the kind of error. It
// reads no database (that is /readyz's job), and a failing loop does not make it unhealthy: App
// Service would restart the instance, which cures none of the causes a loop fails for (the database
// or Teams unreachable, throttling) and would cut off the clicks that still work.

import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startBot, type RunningBot } from '../../src/main.js';
import type { CosmosConnection } from '../../src/adapters/cosmos/cosmos-connection.js';
import type { LoopState } from '../../src/adapters/scheduler/loop-watch.js';
import { TestClock } from '../support/clock.js';
import { CosmosRequestLog, freshDatabase } from '../support/cosmos.js';

interface Health {
  status: string;
  eventLoopLagMs: { p50: number; p99: number; max: number; windowS: number };
  loops: Record<string, LoopState>;
}

const LOOPS = ['tenders', 'planner', 'reminders', 'agendas', 'retention', 'erasures', 'outbox'];
const requests = new CosmosRequestLog();
let bot: RunningBot;
let cosmos: CosmosConnection;
let clock: TestClock;

beforeEach(async () => {
  cosmos = await freshDatabase(requests);
  clock = new TestClock(new Date('2026-11-10T10:00:00Z'));
  bot = await startBot({ config: loadConfig({ PORT: '0' }), log: pino({ level: 'silent' }), cosmos, clock, scheduler: false });
});
afterEach(async () => {
  await bot.close();
});

async function healthz(): Promise<{ status: number; body: Health }> {
  const res = await fetch(`${bot.url}/healthz`);
  return { status: res.status, body: (await res.json()) as Health };
}

describe('/healthz', () => {
  it('lists every scheduler loop before its first run, and the event-loop lag in milliseconds, without a database request', async () => {
    requests.clear();
    const { status, body } = await healthz();
    expect(status).toBe(200);
    expect(requests.requests).toEqual([]);
    expect(body.status).toBe('ok');
    expect(Object.keys(body.loops).sort()).toEqual([...LOOPS].sort());
    for (const l of LOOPS) expect(body.loops[l]).toEqual({ consecutiveFailures: 0, running: false });
    for (const k of ['p50', 'p99', 'max'] as const) {
      expect(typeof body.eventLoopLagMs[k]).toBe('number');
      expect(body.eventLoopLagMs[k]).toBeGreaterThanOrEqual(0);
    }
    expect(body.eventLoopLagMs.p99).toBeGreaterThanOrEqual(body.eventLoopLagMs.p50);
    expect(body.eventLoopLagMs.max).toBeGreaterThanOrEqual(body.eventLoopLagMs.p99);
  });

  it('says when each loop last succeeded; a loop that fails shows when and the kind of error, and /healthz stays 200', async () => {
    await bot.runScheduledWork();
    let { body } = await healthz();
    for (const l of LOOPS) expect(body.loops[l]).toMatchObject({ lastSucceededAt: '2026-11-10T10:00:00.000Z', consecutiveFailures: 0, running: false });

    // The reminders container disappears (as if deleted in the portal): the loops that use it fail.
    await cosmos.containers.reminders.delete();
    clock.set('2026-11-10T10:05:00Z');
    await bot.runScheduledWork();
    const res = await healthz();
    body = res.body;
    expect(res.status).toBe(200);
    expect(body.loops.reminders).toMatchObject({ lastSucceededAt: '2026-11-10T10:00:00.000Z', lastFailedAt: '2026-11-10T10:05:00.000Z', consecutiveFailures: 1 });
    expect(body.loops.reminders!.lastErrorKind).toMatch(/^\w+:404$/);
    expect(body.loops.tenders).toMatchObject({ lastSucceededAt: '2026-11-10T10:05:00.000Z', consecutiveFailures: 0 });
    expect(body.loops.tenders).not.toHaveProperty('lastFailedAt');

    clock.set('2026-11-10T10:06:00Z');
    await bot.runScheduledWork();
    expect((await healthz()).body.loops.reminders).toMatchObject({ lastFailedAt: '2026-11-10T10:06:00.000Z', consecutiveFailures: 2 });
  });
});
