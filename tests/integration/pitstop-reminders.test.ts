// Who is reminded of the pitstop, and with what (issue 13 point 3), through the real planner and sender
// on the embedded Cosmos server, the real Teams notifier and a recording connector. Seed 001:
// "månedlige pitstop-møder mellem udvalgsformænd og borgmester (og JTM). Her diskuteres status på
// organisationsarbejdet og kernegruppernes arbejde"; seed 002: the konsulenter are "dem der skubber på".
//
// December 2026: the pitstop is Friday 25 December 09:00 (08:00Z), its reminder two days before; the
// previous pitstop was Friday 27 November 09:00.

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importCalendar } from '../../src/app/calendar-admin.js';
import { parseCalendarFile } from '../../src/app/calendar-file.js';
import { reminderId } from '../../src/app/reminders.js';
import type { ConversationRecord } from '../../src/app/ports.js';
import type { Bid } from '../../src/domain/bid.js';
import { DEFAULT_REMINDERS } from '../../src/domain/reminders.js';
import type { Tender } from '../../src/domain/tender.js';
import { cardText } from '../support/bot-driver.js';
import { CosmosRequestLog } from '../support/cosmos.js';
import { DEMO_TENANT, demoRoster, persona } from '../support/demo.js';
import { personalOf, startRig, type ReminderRig } from '../support/reminder-rig.js';
import { publishedTender, submitBidOn } from '../support/tender-fixtures.js';

const PITSTOP = 'pitstop-2026-12';
const BEFORE_DUE = '2026-12-23T07:00:00Z';
const AFTER_DUE = '2026-12-23T09:00:00Z';

const holders = (role: string) => [...new Set(demoRoster.groups.flatMap((g) => g.members.filter((m) => (m.roles as readonly string[]).includes(role)).map((m) => m.person)))];
const UDVALGSFORMAEND = holders('udvalgsformand');
const BORGMESTER = holders('borgmester');
const KONSULENTER = holders('konsulent');
const KERNEGRUPPER = demoRoster.groups.filter((g) => g.kind === 'kernegruppe');
const nameOf = (id: string) => demoRoster.people.find((p) => p.id === id)!.name;

/** The cards each 1:1 chat got, as text. */
function cardsTo(rig: ReminderRig, personId: string): string[] {
  return rig.connector.received.filter((r) => r.method === 'POST' && r.conversationId === personalOf(personId)).map((r) => cardText(r.activity.attachments?.[0]?.content));
}

async function useCalendar(rig: ReminderRig, yaml: string): Promise<void> {
  const parsed = parseCalendarFile(yaml, { reminders: DEFAULT_REMINDERS });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const result = await importCalendar({ ...rig.repos, clock: rig.clock }, DEMO_TENANT, parsed.file, 'test');
  if (!result.ok) throw new Error(`${result.code} ${result.details ?? ''}`);
}

/** A 1:1 chat with someone the rig does not give one (a named extra person). */
async function personalChat(rig: ReminderRig, personId: string): Promise<void> {
  const conversationId = personalOf(personId);
  const record: ConversationRecord = {
    tenantId: DEMO_TENANT,
    conversationId,
    conversationType: 'personal',
    userId: personId,
    reference: { serviceUrl: rig.connector.url, channelId: 'msteams', conversation: { id: conversationId, conversationType: 'personal', tenantId: DEMO_TENANT }, bot: { id: '28:kerneopgave-bot' } },
    status: 'installed',
    installedAt: BEFORE_DUE,
    updatedAt: BEFORE_DUE,
  };
  await rig.repos.conversations.save(record, undefined);
}

/** A tender of a group, with a bid whose status was decided at `decidedAt`. */
async function tenderWithDecision(rig: ReminderRig, groupId: string, title: string, bidTitle: string, decidedAt: string, number: number): Promise<void> {
  const tender: Tender = { ...publishedTender(), id: `tender-${groupId}-${number}`, groupId, title, deadline: '2027-01-15T11:00:00.000Z', activeBids: 1 };
  await rig.repos.tenders.saveTender(tender, undefined);
  const { bid } = submitBidOn(tender, { title: bidTitle });
  const placed: Bid = { ...bid, id: `bid-${groupId}-${number}`, number, submissionId: `sub-${groupId}-${number}`, groupId };
  await rig.repos.tenders.createBid(placed);
  const stored = (await rig.repos.tenders.getBid(placed.tenantId, placed.id))!;
  await rig.repos.tenders.saveBid({ ...stored.value, status: 'awarded', statusAt: decidedAt, statusBy: persona.tovholder.id }, stored.etag);
}

describe('the pitstop reminder, by default', () => {
  it('goes to the udvalgsformænd and the borgmester with the status of every kernegruppe, and to the konsulenter with their own groups', async () => {
    const rig = await startRig(BEFORE_DUE);
    await tenderWithDecision(rig, 'kernegruppe-laering', 'Læsevenner i lokalsamfundet', 'Valgt efter sidste pitstop', '2026-12-01T10:00:00.000Z', 1);
    await tenderWithDecision(rig, 'kernegruppe-beskaeftigelse', 'Jobpraktik for unge', 'Valgt før sidste pitstop', '2026-11-25T10:00:00.000Z', 2);
    await rig.runUntil(AFTER_DUE);

    expect(UDVALGSFORMAEND).toHaveLength(4);
    for (const person of [...UDVALGSFORMAEND, ...BORGMESTER]) {
      const cards = cardsTo(rig, person);
      expect(cards, nameOf(person)).toHaveLength(1);
      const card = cards[0]!;
      expect(card).toMatch(/^Pitstop .*fredag 25\. december 2026 kl\. 09\.00 – status for alle kernegrupper/);
      for (const g of KERNEGRUPPER) expect(card).toContain(g.name);
      expect(card).toContain('Beslutninger og lukkede udbud siden sidste pitstop, fredag 27. november 2026 kl. 09.00.');
      expect(card).toContain('»Læsevenner i lokalsamfundet«: 1 bud');
      expect(card).toContain('**Kernegruppe Læring** · Åbne udbud: 1 (1 bud) · konkretiseringer, der ventes på: 0 · beslutninger: 1');
      expect(card).toContain('Bud nr. 1 »Valgt efter sidste pitstop«: Valgt: aktivitet i kataloget');
      // Decided two days before the last pitstop: discussed there already.
      expect(card).not.toContain('Valgt før sidste pitstop');
    }
    // Hanne Graversen, konsulent in Læring only, prepares the meeting with her own group's status.
    const hanne = cardsTo(rig, persona.konsulent.id);
    expect(hanne).toHaveLength(1);
    expect(hanne[0]).toMatch(/^Pitstop .*fredag 25\. december 2026 kl\. 09\.00 – status fra dine kernegrupper/);
    expect(hanne[0]).toContain('Kernegruppe Læring');
    expect(hanne[0]).not.toContain('Kernegruppe Beskæftigelse');
    for (const k of KONSULENTER) expect(cardsTo(rig, k), nameOf(k)).toHaveLength(1);
    // Nobody else: a chef, a plain politician.
    expect(cardsTo(rig, persona.tovholder.id)).toEqual([]);
    expect(cardsTo(rig, 'd0000000-0000-4000-8000-000000000007')).toEqual([]);
  });

  it("keeps the konsulenter's reminder ids as they were before, so reminders planned before an upgrade are not doubled", async () => {
    const rig = await startRig(BEFORE_DUE);
    await rig.plan();
    const stored = (await rig.deps.reminders.ofTenant(DEMO_TENANT, new Date(0))).filter((r) => r.meetingId === PITSTOP);
    // The id as the planner has always made it: the tenant, the meeting, the rule and the target hashed.
    const oldId = (personId: string) => `rem-${createHash('sha256').update(`${DEMO_TENANT}|${PITSTOP}|pitstop-2d|person:${personId}`).digest('hex').slice(0, 40)}`;
    for (const k of KONSULENTER) expect(stored.map((r) => r.id)).toContain(oldId(k));
    expect(reminderId(DEMO_TENANT, PITSTOP, 'pitstop-2d', { type: 'person', personId: KONSULENTER[0]! })).toBe(oldId(KONSULENTER[0]!));
    // Planning again (another instance, a restart) creates nothing.
    const again = await rig.plan();
    expect(again.created).toBe(0);
    expect(stored).toHaveLength(KONSULENTER.length + UDVALGSFORMAEND.length + BORGMESTER.length);
  });

  it('reads the status across the kernegrupper once per pass, however many people get it', async () => {
    const requests = new CosmosRequestLog();
    const rig = await startRig(BEFORE_DUE, undefined, requests);
    await useCalendar(rig, 'recipients:\n  pitstop: { konsulenter: false }\n');
    await rig.plan();
    requests.clear();
    await rig.runUntil(AFTER_DUE);
    const sentTo = rig.connector.received.filter((r) => r.method === 'POST').map((r) => r.conversationId);
    expect(sentTo.sort()).toEqual([...UDVALGSFORMAEND, ...BORGMESTER].map(personalOf).sort());
    // Each group's digest is three queries and a point read; four groups, read once for the five people.
    const digestQueries = requests.queries.filter((q) => q.query.includes("c.status = 'draft' OR"));
    expect(digestQueries).toHaveLength(KERNEGRUPPER.length);
    expect(requests.queries.filter((q) => q.query.includes('c.konsekvensOpen = true'))).toHaveLength(KERNEGRUPPER.length);
    expect(requests.queries.filter((q) => q.query.includes('c.konkretiseringOpen = true OR c.statusAt >= @since'))).toHaveLength(KERNEGRUPPER.length);
  });
});

describe('the pitstop reminder, as the calendar file sets it', () => {
  it('reaches named people, reminds someone who is both at the meeting and a konsulent once (with the full status), and stops reminding whom the file no longer names', async () => {
    const rig = await startRig(BEFORE_DUE);
    // Sofie Nielsen is on the roster but in no group: the file names her (as seed 001 names "JTM").
    // Hanne Graversen is a konsulent, named as at the meeting too.
    await personalChat(rig, persona.medarbejder.id);
    await useCalendar(rig, `recipients:\n  pitstop:\n    roles: [Borgmester]\n    people: [${persona.medarbejder.id}, ${persona.konsulent.id}]\n`);
    await rig.plan();
    const planned = (await rig.deps.reminders.ofTenant(DEMO_TENANT, new Date(0))).filter((r) => r.meetingId === PITSTOP);
    expect(planned.filter((r) => r.target.type === 'person' && r.target.personId === persona.konsulent.id)).toHaveLength(1);

    // Before it is due, the konsulenter are taken off the list: their planned reminders are not sent.
    await useCalendar(rig, `recipients:\n  pitstop:\n    roles: [Borgmester]\n    people: [${persona.medarbejder.id}, ${persona.konsulent.id}]\n    konsulenter: false\n`);
    await rig.runUntil(AFTER_DUE);

    const sofie = cardsTo(rig, persona.medarbejder.id);
    expect(sofie).toHaveLength(1);
    expect(sofie[0]).toContain('status for alle kernegrupper');
    const hanne = cardsTo(rig, persona.konsulent.id);
    expect(hanne).toHaveLength(1);
    expect(hanne[0]).toContain('status for alle kernegrupper');
    expect(cardsTo(rig, BORGMESTER[0]!)).toHaveLength(1);
    // The udvalgsformænd are not in this tenant's list; the other konsulenter were taken off it.
    for (const p of UDVALGSFORMAEND) expect(cardsTo(rig, p)).toEqual([]);
    for (const k of KONSULENTER.filter((k) => k !== persona.konsulent.id)) expect(cardsTo(rig, k)).toEqual([]);
    const skipped = (await rig.deps.reminders.ofTenant(DEMO_TENANT, new Date(0))).filter((r) => r.meetingId === PITSTOP && r.status === 'skipped');
    expect(skipped).toHaveLength(KONSULENTER.length - 1);
    expect(skipped.every((r) => r.skippedReason === 'no-longer-planned')).toBe(true);
  });

  it('reminds the konsulentmøde to the konsulenter only, with their own groups', async () => {
    const rig = await startRig('2026-12-29T08:00:00Z');
    await rig.runUntil('2026-12-29T10:00:00Z');
    const sentTo = new Set(rig.connector.received.filter((r) => r.method === 'POST' && r.conversationId.startsWith('a:personal-')).map((r) => r.conversationId));
    expect(sentTo).toEqual(new Set(KONSULENTER.map(personalOf)));
    expect(cardsTo(rig, persona.konsulent.id)[0]).toMatch(/^Konsulentmøde.* torsdag 31\. december 2026 kl\. 10\.00 – status fra dine kernegrupper/);
  });
});
