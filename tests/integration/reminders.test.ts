// The reminder engine against the embedded Cosmos protocol server and a recording connector, on a
// stepped clock: a simulated month sends exactly the planned reminders once each, on time; two
// instances send each once; a sender that dies is taken over; a bot that was down sends late or
// skips; 429s delay but lose nothing; moved meetings take their reminders along, cancelled ones
// take them away; a removed bot is marked unreachable and the admin is told. Each test has its own
// rig; the loop skips the ticks where nothing stored is due (ReminderRig.runUntil), so a month takes
// seconds, whatever the machine's speed.

import { describe, expect, it } from 'vitest';
import { applyOverrides, meetingsBetween, DEFAULT_CALENDAR } from '../../src/domain/calendar.js';
import { plannedReminders, DEFAULT_REMINDERS } from '../../src/domain/reminders.js';
import { reminderStatus } from '../../src/app/reminders.js';
import { cardText } from '../support/bot-driver.js';
import { DEMO_TENANT, demoRoster, persona } from '../support/demo.js';
import { chatOf, personalOf, startRig, type ReminderRig } from '../support/reminder-rig.js';

const MINUTE = 60_000;
const kernegrupper = ['kernegruppe-laering', 'kernegruppe-beskaeftigelse', 'kernegruppe-social-omsorg', 'kernegruppe-fritid-faellesskab'];

const posts = (rig: ReminderRig) => rig.connector.received.filter((r) => r.method === 'POST');

describe('a simulated December, on a minute loop', () => {
  it('sends every planned reminder exactly once, within a minute of its time', async () => {
    // From the afternoon of 30 November, so the call for topics for the 7 December dialogmøde (30 November 14:00) is in it.
    const from = new Date('2026-11-30T12:00:00Z').getTime();
    const rig = await startRig('2026-11-30T12:00:00Z');
    const end = new Date('2026-12-31T23:00:00Z').getTime();
    // The sender on every minute's tick (the ones where something is or was just due), the planner
    // daily: it looks 45 days ahead, so daily is plenty.
    const sentAt = await rig.runUntil(new Date(end), { planEvery: 24 * 60 * MINUTE });
    const meetings = meetingsBetween(new Date('2026-11-01T00:00:00Z'), new Date('2027-02-01T00:00:00Z'), DEFAULT_CALENDAR, kernegrupper.map((id) => ({ id, name: id })), []);
    // Pitstop: the udvalgsformænd and the borgmester, then the konsulenter; konsulentmøde: the konsulenter.
    const holders = (role: string) => [...new Set(demoRoster.groups.flatMap((g) => g.members.filter((m) => (m.roles as readonly string[]).includes(role)).map((m) => m.person)))];
    const attendees = [...holders('udvalgsformand'), ...holders('borgmester')];
    const konsulenter = holders('konsulent').filter((p) => !attendees.includes(p));
    const people = { pitstop: [...attendees, ...konsulenter], konsulentmoede: holders('konsulent') };
    const expected = plannedReminders(meetings, DEFAULT_REMINDERS, { kernegrupper, konsulenter, byraad: ['byraad'], people }).filter(
      (p) => p.dueAt.getTime() >= from && p.dueAt.getTime() < end,
    );
    // December 2026: byrådsmøde Wednesday 30 December 17:00 → 7 and 1 days before, to each kernegruppe's chat.
    const toChats = sentAt.filter((s) => s.to.startsWith('19:kernegruppe'));
    expect(toChats).toHaveLength(8);
    expect(new Set(toChats.map((s) => s.to))).toEqual(new Set(kernegrupper.map(chatOf)));
    // The dialogmøder: the call for 7 December (30 November 14:00), its last call (7 December 12:00),
    // and the call for 4 January (28 December 14:00), to the Byråd's chat; the last call for 4 January is in January.
    expect(sentAt.filter((s) => s.to === chatOf('byraad')).map((s) => new Date(Math.floor(s.at / MINUTE) * MINUTE).toISOString())).toEqual([
      '2026-11-30T13:00:00.000Z',
      '2026-12-07T11:00:00.000Z',
      '2026-12-28T13:00:00.000Z',
    ]);
    expect(sentAt).toHaveLength(expected.length);
    for (const p of expected) {
      const to = p.target.type === 'group' ? chatOf(p.target.groupId) : personalOf(p.target.personId);
      const hits = sentAt.filter((s) => s.to === to && s.at >= p.dueAt.getTime() && s.at < p.dueAt.getTime() + MINUTE);
      expect(hits, `${p.meetingId} ${p.ruleId} ${to}`).toHaveLength(1);
    }
    const status = await reminderStatus(rig.deps, DEMO_TENANT);
    // påmindelser looks back 31 days: the call for topics of 30 November has dropped out of it.
    expect(status.counts.sent).toBe(expected.filter((p) => p.dueAt.getTime() >= rig.clock.now().getTime() - 31 * 24 * 60 * MINUTE).length);
    expect(status.counts.sending + status.counts.unreachable + status.counts.skipped).toBe(0);
    // What is still pending is January's, planned ahead.
    expect(status.next.every((r) => r.dueAt >= '2026-12-31T23:00:00.000Z')).toBe(true);
  });
});

describe('never doubled, never lost', () => {
  it('sends each reminder once when two instances run on the same database', async () => {
    const rig = await startRig('2026-12-22T16:00:00Z');
    await rig.runUntil('2026-12-23T18:00:00Z', { instances: ['instance-a', 'instance-b'] });
    const chats = posts(rig).filter((r) => r.conversationId.startsWith('19:kernegruppe'));
    expect(chats.map((r) => r.conversationId).sort()).toEqual(kernegrupper.map(chatOf).sort());
  });

  it('lets another instance take over when the lease holder dies', async () => {
    const rig = await startRig('2026-12-23T16:50:00Z');
    await rig.plan();
    await rig.send('instance-a'); // a takes the lease, then dies
    rig.clock.advance(15 * MINUTE);
    await rig.send('instance-b');
    const chats = posts(rig).filter((r) => r.conversationId.startsWith('19:kernegruppe'));
    expect(chats).toHaveLength(4);
    // The group chats' byrådsmøde reminders; the December pitstop's reminders (konsulenter, udvalgsformænd,
    // borgmester) are late too now that the pitstop is held in December (Friday 25th; seed 004: no meeting
    // leaves its month), more than "påmindelser" lists, so the stored reminders are asked.
    const all = await rig.deps.reminders.ofTenant(DEMO_TENANT, new Date(0));
    expect(all.filter((r) => r.late && r.target.type === 'group')).toHaveLength(4);
  });

  it('sends late when the bot was down but the meeting is still ahead, and skips when too late', async () => {
    const rig = await startRig('2026-12-23T10:00:00Z');
    await rig.plan();
    rig.clock.set('2026-12-23T20:00:00Z'); // down over the 17:00 due time, 3 hours late
    await rig.send();
    const late = posts(rig).filter((r) => r.conversationId.startsWith('19:kernegruppe'));
    expect(late).toHaveLength(4);
    expect(cardText(late[0]!.activity.attachments![0]!.content)).toContain('Sendt for sent');

    const rig2 = await startRig('2026-12-23T10:00:00Z');
    await rig.stop();
    await rig2.plan();
    rig2.clock.set('2026-12-24T12:00:00Z'); // 19 hours late: past the 12-hour window
    await rig2.send();
    expect(posts(rig2).filter((r) => r.conversationId.startsWith('19:kernegruppe'))).toEqual([]);
    const status = await reminderStatus(rig2.deps, DEMO_TENANT);
    expect(status.notable.filter((r) => r.skippedReason === 'too-late').length).toBeGreaterThanOrEqual(4);
  });

  it('waits out 429s with Retry-After and loses nothing', async () => {
    const rig = await startRig('2026-12-23T16:59:00Z');
    await rig.plan();
    rig.connector.throttleNext = 3;
    rig.connector.retryAfterSeconds = 2;
    await rig.runUntil('2026-12-23T17:10:00Z');
    const chats = posts(rig).filter((r) => r.conversationId.startsWith('19:kernegruppe'));
    expect(chats.map((r) => r.conversationId).sort()).toEqual(kernegrupper.map(chatOf).sort());
    expect(rig.connector.throttled).toBe(3);
  });
});

describe('meetings change', () => {
  it('follows a moved byrådsmøde and sends nothing for a cancelled one', async () => {
    const rig = await startRig('2026-12-22T12:00:00Z');
    await rig.plan();
    const move = { meetingId: 'byraadsmoede-2026-12', action: 'move' as const, start: '2026-12-29T16:00:00.000Z', end: '2026-12-29T19:00:00.000Z', by: persona.admin.id, at: '2026-12-22T12:00:00Z' };
    await rig.calendars.save({ tenantId: DEMO_TENANT, config: DEFAULT_CALENDAR, overrides: [move], warned: [] }, undefined);
    await rig.runUntil('2026-12-23T18:00:00Z');
    // Moved a day earlier: the 7-day reminder was due 22 December 16:00 instead of 23 December 16:00.
    const chats = posts(rig).filter((r) => r.conversationId.startsWith('19:kernegruppe'));
    expect(chats).toHaveLength(4);
    const moved = applyOverrides(meetingsBetween(new Date('2026-12-01'), new Date('2027-01-01'), DEFAULT_CALENDAR, [], []), [move]).find((m) => m.id === 'byraadsmoede-2026-12');
    expect(moved?.status).toBe('moved');

    const current = (await rig.calendars.get(DEMO_TENANT))!;
    await rig.calendars.save({ ...current.value, overrides: [...current.value.overrides, { meetingId: 'byraadsmoede-2026-12', action: 'cancel', by: persona.admin.id, at: '2026-12-24T10:00:00Z' }] }, current.etag);
    rig.connector.clear();
    // Whether something is sent is the point here, not the minute: ten-minute steps.
    await rig.runUntil('2026-12-30T00:00:00Z', { step: 10 * MINUTE });
    expect(posts(rig).filter((r) => r.conversationId.startsWith('19:kernegruppe'))).toEqual([]);
    const status = await reminderStatus(rig.deps, DEMO_TENANT);
    expect(status.notable.filter((r) => r.skippedReason === 'cancelled')).toHaveLength(4);
  });
});

describe('where the bot was removed', () => {
  it('marks the conversation unreachable, does not retry forever, and tells the admin', async () => {
    const rig = await startRig('2026-12-23T16:59:00Z');
    await rig.plan();
    rig.connector.refuse.set(chatOf('kernegruppe-laering'), 403);
    await rig.runUntil('2026-12-23T18:00:00Z');
    const status = await reminderStatus(rig.deps, DEMO_TENANT);
    expect(status.counts.unreachable).toBe(1);
    const toAdmin = posts(rig).filter((r) => r.conversationId === personalOf(persona.admin.id));
    expect(toAdmin).toHaveLength(1);
    expect(cardText(toAdmin[0]!.activity.attachments![0]!.content)).toContain('Kernegruppe Læring');
    expect(rig.logLines.filter((l) => l.msg === 'reminder could not be delivered')).toEqual([
      expect.objectContaining({ level: 40, reason: 'forbidden', status: 403, target: { type: 'group', groupId: 'kernegruppe-laering' } }),
    ]);
  });
});

describe('the byrådsmøde reminder names the group meeting (seed 000)', () => {
  it("tells each kernegruppe's chat its meeting on the byrådsmøde's day, 15-17, in the groups' season", async () => {
    // Seed 000: "Kernegrupperne mødes som minimum forud for hvert Byrådsmøde i slutningen af måneden, kl. 15-17."
    const rig = await startRig('2027-03-17T15:50:00Z');
    await rig.runUntil('2027-03-17T16:10:00Z');
    const chats = posts(rig).filter((r) => r.conversationId === chatOf('kernegruppe-laering'));
    expect(chats).toHaveLength(1);
    const seen = cardText(chats[0]!.activity.attachments![0]!.content);
    expect(seen).toContain('Byrådsmøde onsdag 24. marts 2027 kl. 17.00');
    expect(seen).toContain('Kernegruppens møde før byrådsmødet: onsdag 24. marts 2027 kl. 15.00');
  });

  it('names no group meeting before a byrådsmøde outside the season (December: the default season is February to May, seed 001)', async () => {
    const rig = await startRig('2026-12-23T16:50:00Z');
    await rig.runUntil('2026-12-23T17:10:00Z');
    const chats = posts(rig).filter((r) => r.conversationId === chatOf('kernegruppe-laering'));
    expect(chats).toHaveLength(1);
    const seen = cardText(chats[0]!.activity.attachments![0]!.content);
    expect(seen).toContain('Byrådsmøde onsdag 30. december 2026 kl. 17.00');
    expect(seen).not.toContain('Kernegruppens møde');
  });
});
