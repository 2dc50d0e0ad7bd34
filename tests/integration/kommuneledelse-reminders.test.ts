// Kommuneledelsen's meeting and its reminder (issue 13 point 4), through the real planner and sender on
// the embedded Cosmos server, the real Teams notifier and a recording connector. Seed 001: "Arbejdet i
// kernegrupperne diskuteres ½ time på hvert møde i Kommuneledelsen".
//
// The calendar file gives Kommuneledelsen week 2, Tuesday 09-12: in December 2026 Tuesday 15 December
// 09:00 (08:00Z), its reminder by default the day before, Monday 14 December 09:00.

import { describe, expect, it } from 'vitest';
import { addMeeting, cancelMeeting, importCalendar, moveMeeting } from '../../src/app/calendar-admin.js';
import { parseCalendarFile } from '../../src/app/calendar-file.js';
import { reminderStatus } from '../../src/app/reminders.js';
import type { ConversationRecord } from '../../src/app/ports.js';
import { actorFrom } from '../../src/domain/actor.js';
import { DEFAULT_REMINDERS } from '../../src/domain/reminders.js';
import type { Tender } from '../../src/domain/tender.js';
import { cardText } from '../support/bot-driver.js';
import { CosmosRequestLog } from '../support/cosmos.js';
import { DEMO_TENANT, demoRoster, persona } from '../support/demo.js';
import { personalOf, startRig, type ReminderRig } from '../support/reminder-rig.js';
import { publishedTender } from '../support/tender-fixtures.js';

const MEETING = 'kommuneledelse-2026-12';
const CHAT = '19:kommuneledelsen@thread.v2';
const SLOT = 'slots:\n  kommuneledelse: { week: 2, weekday: tirsdag, start: "09:00", end: "12:00" }\n';
const KERNEGRUPPER = demoRoster.groups.filter((g) => g.kind === 'kernegruppe');

async function useCalendar(rig: ReminderRig, yaml: string): Promise<void> {
  const parsed = parseCalendarFile(yaml, { reminders: DEFAULT_REMINDERS });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const result = await importCalendar({ ...rig.repos, clock: rig.clock }, DEMO_TENANT, parsed.file, 'test');
  if (!result.ok) throw new Error(`${result.code} ${result.details ?? ''}`);
}

/** Kommuneledelsen's chat, linked as "tilknyt kommuneledelsen" links it, with the bot installed there. */
async function linkChat(rig: ReminderRig): Promise<void> {
  const now = rig.clock.now().toISOString();
  const dir = (await rig.repos.directories.get(DEMO_TENANT))!;
  await rig.repos.directories.save({ ...dir.value, links: [...dir.value.links, { conversationId: CHAT, group: 'kommuneledelse', announcement: false, changedBy: 'test', changedAt: now }] }, dir.etag);
  const record: ConversationRecord = {
    tenantId: DEMO_TENANT,
    conversationId: CHAT,
    conversationType: 'groupChat',
    reference: { serviceUrl: rig.connector.url, channelId: 'msteams', conversation: { id: CHAT, conversationType: 'groupChat', tenantId: DEMO_TENANT }, bot: { id: '28:kerneopgave-bot' } },
    status: 'installed',
    installedAt: now,
    updatedAt: now,
  };
  await rig.repos.conversations.save(record, undefined);
}

const postsTo = (rig: ReminderRig, conversationId: string) =>
  rig.connector.received.filter((r) => r.method === 'POST' && r.conversationId === conversationId).map((r) => cardText(r.activity.attachments?.[0]?.content));

const admin = async (rig: ReminderRig) => {
  const dir = (await rig.repos.directories.get(DEMO_TENANT))!.value;
  return { actor: actorFrom(dir, DEMO_TENANT, persona.admin.id, persona.admin.name), dir };
};

describe("Kommuneledelsen's reminder", () => {
  it("is sent once, the day before, to Kommuneledelsen's chat with the status across all kernegrupper", async () => {
    const rig = await startRig('2026-12-13T12:00:00Z');
    await useCalendar(rig, SLOT);
    await linkChat(rig);
    const tender: Tender = { ...publishedTender(), id: 'tender-laering-kl', groupId: 'kernegruppe-laering', title: 'Læsevenner i lokalsamfundet', deadline: '2027-01-15T11:00:00.000Z', activeBids: 2 };
    await rig.repos.tenders.saveTender(tender, undefined);
    const sent = await rig.runUntil('2026-12-15T07:00:00Z');
    const toChat = sent.filter((s) => s.to === CHAT);
    expect(toChat).toHaveLength(1);
    // On time: the first minute at or after Monday 14 December 09:00 (08:00Z).
    expect(new Date(toChat[0]!.at).toISOString()).toBe('2026-12-14T08:00:00.000Z');
    const card = postsTo(rig, CHAT)[0]!;
    expect(card).toMatch(/^Kommuneledelsen tirsdag 15\. december 2026 kl\. 09\.00 – ½ time om kernegruppernes arbejde: status for alle kernegrupper/);
    for (const g of KERNEGRUPPER) expect(card).toContain(g.name);
    expect(card).toContain('»Læsevenner i lokalsamfundet«: 2 bud');
    // Only there: not to the kernegrupper's chats, not 1:1 to anyone.
    expect(sent.map((s) => s.to)).toEqual([CHAT]);
    const stored = (await rig.deps.reminders.ofTenant(DEMO_TENANT, new Date(0))).filter((r) => r.meetingId === MEETING);
    expect(stored).toEqual([expect.objectContaining({ ruleId: 'kommuneledelse-1d', target: { type: 'group', groupId: 'kommuneledelse' }, status: 'sent' })]);
    // Planned again (a restart, another instance): nothing new, nothing sent twice.
    expect((await rig.plan()).created).toBe(0);
    await rig.runUntil('2026-12-15T12:00:00Z');
    expect(postsTo(rig, CHAT)).toHaveLength(1);
  });

  it('follows the meeting when an admin moves it, and is not sent at all when it is cancelled', async () => {
    const rig = await startRig('2026-12-10T12:00:00Z');
    await useCalendar(rig, SLOT);
    await linkChat(rig);
    await rig.plan();
    const { actor, dir } = await admin(rig);
    const moved = await moveMeeting(rig.deps, actor, dir, MEETING, '2026-12-17', '10:00');
    expect(moved.ok).toBe(true);
    const sent = await rig.runUntil('2026-12-17T08:00:00Z');
    // Not on the 14th, but the day before the new time: Wednesday 16 December 10:00 (09:00Z).
    expect(sent.filter((s) => s.to === CHAT).map((s) => new Date(s.at).toISOString())).toEqual(['2026-12-16T09:00:00.000Z']);
    expect(postsTo(rig, CHAT)[0]).toContain('torsdag 17. december 2026 kl. 10.00');

    const cancelled = await startRig('2026-12-10T12:00:00Z');
    await useCalendar(cancelled, SLOT);
    await linkChat(cancelled);
    await cancelled.plan();
    const who = await admin(cancelled);
    expect((await cancelMeeting(cancelled.deps, who.actor, who.dir, MEETING, 'Ferie')).ok).toBe(true);
    await cancelled.runUntil('2026-12-15T12:00:00Z');
    expect(postsTo(cancelled, CHAT)).toEqual([]);
    const status = await reminderStatus(cancelled.deps, DEMO_TENANT);
    expect(status.notable.filter((r) => r.meetingId === MEETING).map((r) => r.skippedReason)).toEqual(['cancelled']);
  });

  it('gives each slot of a list its own meeting and reminder, and reads the status once for the pass that sends it', async () => {
    const requests = new CosmosRequestLog();
    const rig = await startRig('2026-12-01T12:00:00Z', undefined, requests);
    // Twice a month: the 2nd and 4th Tuesday (15 and 29 December).
    await useCalendar(rig, 'slots:\n  kommuneledelse:\n    - { week: 2, weekday: tirsdag, start: "09:00", end: "12:00" }\n    - { week: 4, weekday: tirsdag, start: "09:00", end: "12:00" }\n');
    await linkChat(rig);
    await rig.runUntil('2026-12-14T07:59:00Z');
    requests.clear();
    await rig.runUntil('2026-12-14T08:30:00Z');
    // The pass that sent it read each kernegruppe's digest once (three queries and a point read per group).
    expect(requests.queries.filter((q) => q.query.includes("c.status = 'draft' OR"))).toHaveLength(KERNEGRUPPER.length);
    await rig.runUntil('2026-12-30T00:00:00Z');
    const cards = postsTo(rig, CHAT);
    expect(cards).toHaveLength(2);
    expect(cards[0]).toContain('tirsdag 15. december 2026 kl. 09.00');
    expect(cards[1]).toContain('tirsdag 29. december 2026 kl. 09.00');
  });

  it('reminds a Kommuneledelse meeting an admin added, though the calendar file gives it no slot', async () => {
    const rig = await startRig('2026-12-01T12:00:00Z');
    await linkChat(rig);
    const { actor } = await admin(rig);
    expect((await addMeeting(rig.deps, actor, 'kommuneledelse', 'Kommuneledelsen', '2026-12-08', '09:00', 3)).ok).toBe(true);
    const sent = await rig.runUntil('2026-12-08T08:00:00Z');
    expect(sent.filter((s) => s.to === CHAT).map((s) => new Date(s.at).toISOString())).toEqual(['2026-12-07T08:00:00.000Z']);
    expect(postsTo(rig, CHAT)[0]).toMatch(/^Kommuneledelsen tirsdag 8\. december 2026 kl\. 09\.00 – ½ time om kernegruppernes arbejde/);
  });

  it("goes nowhere in a tenant without the slot, and tells the admins when Kommuneledelsen's chat is not linked", async () => {
    const none = await startRig('2026-12-13T12:00:00Z');
    await linkChat(none);
    await none.runUntil('2026-12-15T12:00:00Z');
    expect((await none.deps.reminders.ofTenant(DEMO_TENANT, new Date(0))).filter((r) => r.meetingKind === 'kommuneledelse')).toEqual([]);
    expect(postsTo(none, CHAT)).toEqual([]);

    const unlinked = await startRig('2026-12-13T12:00:00Z');
    await useCalendar(unlinked, SLOT);
    await unlinked.runUntil('2026-12-15T12:00:00Z');
    const status = await reminderStatus(unlinked.deps, DEMO_TENANT);
    expect(status.counts.unreachable).toBe(1);
    const toAdmin = postsTo(unlinked, personalOf(persona.admin.id));
    expect(toAdmin).toHaveLength(1);
    expect(toAdmin[0]).toContain('Kommuneledelsen');
  });
});
