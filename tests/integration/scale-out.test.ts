// Two instances of the bot on one database send 2,000 due reminders AT THE SAME TIME through a slow
// connector (every post takes time, some answer 429 with Retry-After, the last few stall for longer
// than a claim and then land). The run lasts longer than the sender's lease and a claim on the
// test's clock, so the lease must be renewed during the run and a claim kept alive while its
// reminder is being sent: every reminder is posted exactly once (counted per reminder at the
// connector), the stored statuses agree, and the instances' reports add up.

import { describe, expect, it } from 'vitest';
import { CLAIM_MS, LEASE_TTL_MS, sendDueReminders, type SendReport } from '../../src/app/reminders.js';
import { SCHEDULER_INTERVAL_MS } from '../../src/main.js';
import { DEFAULT_REMINDERS } from '../../src/domain/reminders.js';
import { DEMO_TENANT } from '../support/demo.js';
import { startRig } from '../support/reminder-rig.js';
import { runLoop, SlowConnector, TickingTime } from '../support/scale-out-rig.js';
import { dueReminders, instanceDeps, reminderKey } from '../support/scale-out-data.js';

const COUNT = 2000;
const DAY = 24 * 3600_000;

describe('two instances sending reminders at the same time', () => {
  it('posts each of 2,000 due reminders exactly once through a slow, throttling connector', { timeout: 400_000 }, async () => {
    // A late window of a month: the run is long on the clock, and late is not what this is about.
    const rig = await startRig('2026-11-23T09:00:00Z', { ...DEFAULT_REMINDERS, lateWindowMs: 30 * DAY });
    const reminders = await dueReminders(rig, COUNT);
    const time = new TickingTime(rig.clock);
    const started = rig.clock.now().getTime();
    // The last three reminders to be posted stall for longer than a claim, then land.
    const stalled = new Set<string>();
    const connector = new SlowConnector(time, reminderKey, {
      postMs: 200,
      throttleEvery: 37,
      retryAfterMs: 2000,
      stall: (key, landed) => (landed >= COUNT - 10 && stalled.size < 3 && !stalled.has(key) ? (stalled.add(key), CLAIM_MS + 30_000) : undefined),
    });
    const finished = async () => (await rig.deps.reminders.ofTenant(DEMO_TENANT, new Date(0))).every((r) => r.status !== 'pending' && r.status !== 'sending');
    // Both instances' scheduler loops at once, each with its own pacer at production's rate.
    const [a, b] = await Promise.all(
      ['instance-a', 'instance-b'].map((id) => runLoop(time, SCHEDULER_INTERVAL_MS, () => sendDueReminders(instanceDeps(rig, time, connector), id), finished)),
    );
    const sent = (reports: SendReport[]) => reports.reduce((n, r) => n + r.sent, 0);

    // Longer than the lease and a claim on the clock, with 429s answered and stalls waited out.
    expect(rig.clock.now().getTime() - started).toBeGreaterThan(CLAIM_MS + LEASE_TTL_MS);
    expect(connector.throttled).toBeGreaterThan(0);
    expect(stalled.size).toBe(3);
    // Teams got every reminder exactly once.
    expect(connector.landed.size).toBe(COUNT);
    expect(connector.duplicates).toBe(0);
    expect([...connector.landed.values()].every((n) => n === 1)).toBe(true);
    // The database says the same, and so do the instances' reports.
    const stored = await rig.deps.reminders.ofTenant(DEMO_TENANT, new Date(0));
    expect(stored.filter((r) => reminders.some((x) => x.id === r.id)).map((r) => r.status).filter((s) => s === 'sent').length).toBe(COUNT);
    expect(sent(a!) + sent(b!)).toBe(COUNT);
  });
});
