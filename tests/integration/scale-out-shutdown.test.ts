// A bounded shutdown: close() on a bot whose reminder post hangs (a stalled connector) stops taking
// work, waits at most its bound, gives the reminder back as pending and releases the sender lease,
// so another instance takes over at once instead of after the lease and the claim run out; it logs
// "stopping" and, when done, what it left. The hanging post is still unanswered when close() returns.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTestFinished, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startBot } from '../../src/main.js';
import { holdLease, SENDER_LEASE } from '../../src/app/reminders.js';
import type { ConversationRecord } from '../../src/app/ports.js';
import { settingsOf } from '../../src/app/tenant-calendar.js';
import { TestClock } from '../support/clock.js';
import { freshDatabase, repositoriesOf } from '../support/cosmos.js';
import { DEMO_TENANT } from '../support/demo.js';
import { capturedLog } from '../support/log-capture.js';
import { chatOf } from '../support/reminder-rig.js';

const NOW = new Date('2026-11-23T09:00:00Z').toISOString();
const GROUP = 'kernegruppe-laering';

/** A connector that takes every request and never answers it (until the test ends). */
async function hangingConnector() {
  const hung: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    hung.push(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  onTestFinished(async () => {
    for (const res of hung) res.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, hung };
}

describe('close() during a send', () => {
  it('returns within its bound, gives the reminder back and releases the lease for another instance at once', { timeout: 60_000 }, async () => {
    const connector = await hangingConnector();
    const cosmos = await freshDatabase();
    const repos = repositoriesOf(cosmos);
    const clock = new TestClock(new Date(NOW));
    const { log, lines } = capturedLog('info');
    // The demo data (seeded at start), the kernegruppe's chat known, its reminder due now.
    const bot = await startBot({ config: loadConfig({ PORT: '0' }), log, cosmos, clock, scheduler: false, shutdownMs: 300 });
    const dir = (await repos.directories.get(DEMO_TENANT))!;
    await repos.directories.save({ ...dir.value, links: [...dir.value.links.filter((l) => l.group !== GROUP), { conversationId: chatOf(GROUP), group: GROUP, announcement: false, changedBy: 'test', changedAt: NOW }] }, dir.etag);
    const record: ConversationRecord = {
      tenantId: DEMO_TENANT,
      conversationId: chatOf(GROUP),
      conversationType: 'groupChat',
      reference: { serviceUrl: connector.url, channelId: 'msteams', conversation: { id: chatOf(GROUP), conversationType: 'groupChat', tenantId: DEMO_TENANT }, bot: { id: '28:kerneopgave-bot' } },
      status: 'installed',
      installedAt: NOW,
      updatedAt: NOW,
    };
    await repos.conversations.save(record, undefined);
    const start = new Date(new Date(NOW).getTime() + 30 * 86400_000).toISOString();
    const meeting = { id: 'kernegruppemoede-extra', kind: 'kernegruppemoede' as const, title: 'Kernegruppemøde', groupId: GROUP, start, end: new Date(Date.parse(start) + 3600_000).toISOString(), status: 'planned' as const };
    const stored = await repos.calendars.get(DEMO_TENANT);
    const settings = settingsOf(DEMO_TENANT, stored?.value);
    await repos.calendars.save({ ...settings, overrides: [...settings.overrides, { meetingId: meeting.id, action: 'add', meeting, by: 'test', at: NOW }] }, stored?.etag);
    await repos.reminders.create({ id: 'rem-shutdown', tenantId: DEMO_TENANT, meetingId: meeting.id, meetingKind: 'kernegruppemoede', ruleId: 'extra', target: { type: 'group', groupId: GROUP }, dueAt: NOW, meetingStart: start, status: 'pending', attempts: 0, updatedAt: NOW });

    // The scheduled work runs; its reminder post hangs at the connector.
    void bot.runScheduledWork();
    for (let i = 0; i < 500 && connector.hung.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(connector.hung).toHaveLength(1);
    const claimed = (await repos.reminders.get(DEMO_TENANT, 'rem-shutdown'))!.value;
    expect(claimed.status).toBe('sending');
    expect((await repos.leases.get(SENDER_LEASE))!.value.holder).toBe(claimed.claimedBy);

    await bot.close();
    // close() came back while the post still hangs: it did not wait for it beyond its bound.
    expect(connector.hung[0]!.writableEnded).toBe(false);
    expect(connector.hung[0]!.destroyed).toBe(false);
    // Given back: pending, unclaimed, due for anyone now.
    expect((await repos.reminders.get(DEMO_TENANT, 'rem-shutdown'))!.value).toMatchObject({ status: 'pending', attempts: 0, claimedBy: undefined, claimedUntil: undefined });
    expect((await repos.reminders.due(clock.now())).map((d) => d.id)).toContain('rem-shutdown');
    // The lease is released: another instance holds it at once, the clock not moved a millisecond.
    expect(new Date((await repos.leases.get(SENDER_LEASE))!.value.expiresAt).getTime()).toBeLessThanOrEqual(clock.now().getTime());
    expect(await holdLease({ leases: repos.leases, clock }, 'instance-b')).toBe(true);
    // "stopping", then what was left when the bound ran out.
    const msgs = lines.map((l) => l.msg);
    expect(msgs).toContain('stopping');
    expect(lines.find((l) => typeof l.msg === 'string' && l.msg.startsWith('stopped'))).toMatchObject({ inTime: false, givenBack: 1, leaseReleased: true });
  });
});
