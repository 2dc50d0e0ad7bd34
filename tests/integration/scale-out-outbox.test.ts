// The outbox on two instances at the same time: every instance sends (there is no lease), each notice
// claimed with its etag. Through a slow connector that answers some calls 429 and stalls one of the
// last calls for longer than a claim (the other instance polling all the while), each card redraw reaches Teams exactly once and the reports add up. And an
// instance that stops gives back the notice whose call is still hanging, at once.

import { describe, expect, it } from 'vitest';
import { NOTICE_CLAIM_MS, sendDueNotices, type OutboxReport } from '../../src/app/outbox.js';
import { SenderControl } from '../../src/app/scale-out.js';
import { OUTBOX_INTERVAL_MS } from '../../src/main.js';
import { DEMO_TENANT } from '../support/demo.js';
import { startRig } from '../support/reminder-rig.js';
import { runLoop, SlowConnector, TickingTime } from '../support/scale-out-rig.js';
import { dueRedraws, instanceDeps, redrawKey } from '../support/scale-out-data.js';

const COUNT = 300;
const FAR = new Date('2030-01-01T00:00:00Z');

describe('the outbox on two instances at the same time', () => {
  it('redraws each of 300 cards exactly once through a slow, throttling connector', { timeout: 200_000 }, async () => {
    const rig = await startRig('2026-11-23T09:00:00Z');
    const notices = await dueRedraws(rig, COUNT);
    const time = new TickingTime(rig.clock);
    const stalled = new Set<string>();
    const connector = new SlowConnector(time, redrawKey, {
      postMs: 200,
      throttleEvery: 23,
      retryAfterMs: 2000,
      stall: (key, landed) => (landed >= COUNT - 10 && stalled.size < 1 && !stalled.has(key) ? (stalled.add(key), NOTICE_CLAIM_MS + 30_000) : undefined),
    });
    const finished = async () => (await rig.repos.outbox.due(FAR)).length === 0;
    const [a, b] = await Promise.all(
      ['instance-a', 'instance-b'].map((id) => runLoop(time, OUTBOX_INTERVAL_MS, () => sendDueNotices(instanceDeps(rig, time, connector), id), finished)),
    );
    const sent = (reports: OutboxReport[]) => reports.reduce((n, r) => n + r.sent, 0);

    expect(connector.throttled).toBeGreaterThan(0);
    expect(stalled.size).toBe(1);
    expect(connector.landed.size).toBe(COUNT);
    expect(connector.duplicates).toBe(0);
    const stored = await Promise.all(notices.map((n) => rig.repos.outbox.get(DEMO_TENANT, n.id)));
    expect(stored.filter((n) => n?.value.status === 'sent')).toHaveLength(COUNT);
    // Both sent (no lease for the outbox), and together exactly what Teams took.
    expect(sent(a!)).toBeGreaterThan(0);
    expect(sent(b!)).toBeGreaterThan(0);
    expect(sent(a!) + sent(b!)).toBe(COUNT);
  });

  it('gives back, on stopping, the notice whose call still hangs: pending again at once', { timeout: 60_000 }, async () => {
    const rig = await startRig('2026-11-23T09:00:00Z');
    const [notice] = await dueRedraws(rig, 1);
    const time = new TickingTime(rig.clock);
    const connector = new SlowConnector(time, redrawKey, { postMs: 200, stall: () => Infinity });
    const control = new SenderControl();
    const run = sendDueNotices({ ...instanceDeps(rig, time, connector), control }, 'instance-a');
    while (connector.calls.size === 0) await time.timer(100);
    expect((await rig.repos.outbox.get(DEMO_TENANT, notice!.id))!.value).toMatchObject({ status: 'sending', claimedBy: 'instance-a' });

    control.stop();
    expect(await control.giveBackAll()).toBe(1);
    const back = (await rig.repos.outbox.get(DEMO_TENANT, notice!.id))!.value;
    expect(back).toMatchObject({ status: 'pending', attempts: 0, claimedBy: undefined, claimedUntil: undefined, notBefore: undefined });
    // Due for another instance right now, not after the claim would have run out.
    expect((await rig.repos.outbox.due(rig.clock.now())).map((d) => d.id)).toEqual([notice!.id]);
    // The hung call ends unanswered later: the stopped instance neither counts nor rewrites it.
    connector.releaseHung();
    expect((await run).sent).toBe(0);
    expect((await rig.repos.outbox.get(DEMO_TENANT, notice!.id))!.value.status).toBe('pending');
  });
});
