// What a send run costs in Cosmos DB requests, per reminder, now that the lease and the claims are
// kept alive during it: the same as before for a run shorter than half a claim (no extension, no
// renewal), and an idle pass is still the due query alone (scheduler-cost.test.ts).

import { describe, expect, it } from 'vitest';
import { SENDER_LEASE, sendDueReminders } from '../../src/app/reminders.js';
import { DEFAULT_REMINDERS } from '../../src/domain/reminders.js';
import { CosmosRequestLog } from '../support/cosmos.js';
import { startRig } from '../support/reminder-rig.js';
import { SlowConnector, TickingTime } from '../support/scale-out-rig.js';
import { dueReminders, instanceDeps, reminderKey } from '../support/scale-out-data.js';

const N = 20;

describe('the request count of a send run', () => {
  it('costs 5 requests per reminder, 2 for taking the lease, and about 20 per tenant and pass', { timeout: 60_000 }, async () => {
    const requests = new CosmosRequestLog();
    const rig = await startRig('2026-11-23T09:00:00Z', { ...DEFAULT_REMINDERS, lateWindowMs: 30 * 86400_000 }, requests);
    await dueReminders(rig, N);
    const time = new TickingTime(rig.clock);
    const connector = new SlowConnector(time, reminderKey, { postMs: 50 });
    requests.clear();
    const report = await sendDueReminders(instanceDeps(rig, time, connector, 1000), 'instance-a');
    expect(report.sent).toBe(N);
    const ops = requests.detailed;
    const onReminders = ops.filter((d) => d.item?.startsWith('rem-bulk-'));
    const onConversations = ops.filter((d) => d.item?.includes('personal'));
    // Each reminder: read it, claim it (replace), read the claim's etag, then the release (replace).
    expect(onReminders.map((d) => d.operation).sort()).toEqual([...Array(2 * N).fill('read'), ...Array(2 * N).fill('replace')]);
    // Its 1:1 chat: one read.
    expect(onConversations).toHaveLength(N);
    // The lease taken: a read and a create (the only write that is not a reminder's); no renewal in a run this short.
    expect(ops.filter((d) => d.item === `lease-${SENDER_LEASE}`).map((d) => d.operation)).toEqual(['read']);
    expect(ops.filter((d) => d.operation === 'create')).toHaveLength(1);
    // The rest is per tenant and pass, whatever the number of reminders: the due query, the roster, the
    // calendar, and the status across the kernegrupper that a pitstop reminder shows.
    const perPass = requests.operations().length - onReminders.length - onConversations.length - 2;
    expect(requests.operations().length).toBe(5 * N + 2 + perPass);
    // Measured: 20 (the due query, the roster, the calendar, the cross-status reads).
    expect(perPass).toBeLessThanOrEqual(24);
  });
});
