// A post that hangs for longer than a claim. While the instance that made it is alive, it keeps the
// reminder's claim (extended with its etag), so the other instance, polling all the while, does not
// send it; once the first gives up on the post (POST_TIMEOUT_MS) the reminder is pending again and
// is posted once more (Teams never took the hung one here; had it taken it, this one more post is
// the one double, as documented). If the first instance dies instead, its claim runs out and the
// other sends it once.

import { describe, expect, it } from 'vitest';
import { CLAIM_MS, POST_TIMEOUT_MS, sendDueReminders, type SendReport } from '../../src/app/reminders.js';
import type { ConversationRecord, Notice, Notifier } from '../../src/app/ports.js';
import { SCHEDULER_INTERVAL_MS } from '../../src/main.js';
import { DEFAULT_REMINDERS } from '../../src/domain/reminders.js';
import { DEMO_TENANT } from '../support/demo.js';
import { startRig } from '../support/reminder-rig.js';
import { runLoop, SlowConnector, TickingTime } from '../support/scale-out-rig.js';
import { dueReminders, instanceDeps, reminderKey } from '../support/scale-out-data.js';

const DAY = 24 * 3600_000;
const FAR = new Date('2030-01-01T00:00:00Z');

async function setUp() {
  const rig = await startRig('2026-11-23T09:00:00Z', { ...DEFAULT_REMINDERS, lateWindowMs: 30 * DAY });
  const reminders = await dueReminders(rig, 5);
  const time = new TickingTime(rig.clock);
  let hung: string | undefined;
  // The first post of all hangs and never lands.
  const calledOnce = (key: string): boolean => (connector.calls.get(key) ?? 0) === 1;
  const connector: SlowConnector = new SlowConnector(time, reminderKey, { postMs: 200, stall: (key): number | undefined => ((hung === undefined || hung === key) && calledOnce(key) && (hung = key) ? Infinity : undefined) });
  /** Who called Teams for what, when (the clock's ms). */
  const calls: { instance: string; key: string; at: number }[] = [];
  const seenBy = (instance: string): Notifier => ({
    post: (c: ConversationRecord, n: Notice, l) => (calls.push({ instance, key: reminderKey(c.conversationId, n), at: rig.clock.now().getTime() }), connector.post(c, n, l)),
    update: (c, a, n, l) => connector.update(c, a, n, l),
    toPerson: (p, n, l) => connector.toPerson(p, n, l),
  });
  const finished = async () => (await rig.deps.reminders.due(FAR)).length === 0;
  const hungId = () => reminders.find((r) => calls.some((c) => c.key === hung && c.key.endsWith(`|${r.meetingId}`) && c.key.includes(r.target.type === 'person' ? r.target.personId : '')))!.id;
  return { rig, reminders, time, connector, calls, seenBy, finished, hung: () => hung, hungId };
}

const sent = (reports: SendReport[]) => reports.reduce((n, r) => n + r.sent, 0);

describe('a post that hangs past the claim', () => {
  it('is not sent by the other instance while the first is alive, and once more after the first gives up', { timeout: 120_000 }, async () => {
    const s = await setUp();
    const a = runLoop(s.time, SCHEDULER_INTERVAL_MS, () => sendDueReminders({ ...instanceDeps(s.rig, s.time, s.connector), notifier: s.seenBy('a') }, 'instance-a'), s.finished);
    // A is under way (it holds the lease and its first post hangs); then B's loop starts polling too.
    while (!s.hung()) await s.time.timer(100);
    const hangStarted = s.rig.clock.now().getTime();
    const b = runLoop(s.time, SCHEDULER_INTERVAL_MS, () => sendDueReminders({ ...instanceDeps(s.rig, s.time, s.connector), notifier: s.seenBy('b') }, 'instance-b'), s.finished);
    // Half a minute past the claim's first length: still A's, its claim extended, and nobody else called Teams for it.
    await s.time.timer(CLAIM_MS + 30_000);
    const during = (await s.rig.deps.reminders.get(DEMO_TENANT, s.hungId()))!.value;
    expect(during).toMatchObject({ status: 'sending', claimedBy: 'instance-a' });
    expect(new Date(during.claimedUntil!).getTime()).toBeGreaterThan(s.rig.clock.now().getTime());
    expect(s.calls.filter((c) => c.key === s.hung())).toHaveLength(1);

    const [ra, rb] = await Promise.all([a, b]);
    const forIt = s.calls.filter((c) => c.key === s.hung());
    // Exactly one more post, after A gave up on the hung one; Teams took it once.
    expect(forIt).toHaveLength(2);
    expect(forIt[1]!.at).toBeGreaterThanOrEqual(hangStarted + POST_TIMEOUT_MS);
    expect(s.connector.landed.get(s.hung()!)).toBe(1);
    expect(s.connector.landed.size).toBe(5);
    expect(s.connector.duplicates).toBe(0);
    expect((await s.rig.deps.reminders.get(DEMO_TENANT, s.hungId()))!.value).toMatchObject({ status: 'sent', attempts: 2, claimedBy: undefined });
    expect(sent(ra) + sent(rb)).toBe(5);
  });

  it('is sent once by the other instance when the first dies with its post hanging', { timeout: 120_000 }, async () => {
    const s = await setUp();
    // A dies at its hung post: none of its timers fire again (no claim or lease kept alive, no time-out).
    const dead = () => new Promise<void>(() => undefined);
    void sendDueReminders({ ...instanceDeps(s.rig, s.time, s.connector), notifier: s.seenBy('a'), timer: dead }, 'instance-a');
    while (!s.hung()) await s.time.timer(100);
    const claimedUntil = new Date((await s.rig.deps.reminders.get(DEMO_TENANT, s.hungId()))!.value.claimedUntil!).getTime();
    const rb = await runLoop(s.time, SCHEDULER_INTERVAL_MS, () => sendDueReminders({ ...instanceDeps(s.rig, s.time, s.connector), notifier: s.seenBy('b') }, 'instance-b'), s.finished);
    const forIt = s.calls.filter((c) => c.key === s.hung());
    // B waited for A's claim to run out, then posted it once.
    expect(forIt.map((c) => c.instance)).toEqual(['a', 'b']);
    expect(forIt[1]!.at).toBeGreaterThanOrEqual(claimedUntil);
    expect(s.connector.landed.get(s.hung()!)).toBe(1);
    expect(s.connector.landed.size).toBe(5);
    expect((await s.rig.deps.reminders.get(DEMO_TENANT, s.hungId()))!.value).toMatchObject({ status: 'sent', claimedBy: undefined });
    expect(sent(rb)).toBe(1);
  });
});
