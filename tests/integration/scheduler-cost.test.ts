// What the scheduler's passes cost when a tenant has three years of history and nothing is due
// (issue 11: "≤ 10 requests per pass for a tenant with nothing due, whatever its history"), counted
// by a plugin that sees every request @azure/cosmos sends, and that the cheaper planner still
// follows moved meetings. Also the meeting plan cache: built once per calendar, roster and day.

import { describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { sweepAgendas } from '../../src/app/agenda.js';
import { sendDueNotices } from '../../src/app/outbox.js';
import { sweepTenders } from '../../src/app/tender-sweep.js';
import { sweepErasures } from '../../src/app/person-data.js';
import { planAllTenants } from '../../src/app/planner.js';
import { planCacheStats } from '../../src/app/tenant-calendar.js';
import { CosmosReminderRepository } from '../../src/adapters/cosmos/reminder-repository.js';
import { instantFromLocal } from '../../src/domain/time.js';
import type { OutboxNotice } from '../../src/app/ports.js';
import type { Reminder } from '../../src/domain/reminders.js';
import { CosmosRequestLog } from '../support/cosmos.js';
import { DEMO_TENANT, conversations, persona } from '../support/demo.js';
import { startRig, type ReminderRig } from '../support/reminder-rig.js';
import { HttpBot } from '../support/http-bot.js';
import { cardAction } from '../support/activities.js';
import { dataOf } from '../support/card-actions.js';

// Tuesday 10 November 2026: the November byrådsmøde's reminders (18 and 24 November) are ahead, none is due.
const NOW = '2026-11-10T10:00:00Z';

/** Three years of history, written straight through the repositories: sent reminders, locked agendas of past dialogmøder, sent notices. */
async function threeYearsOfHistory(rig: ReminderRig) {
  const { reminders, agendas, outbox } = rig.repos;
  const writes: Promise<unknown>[] = [];
  for (let m = 0; m < 36; m++) {
    const month = new Date(Date.UTC(2023, 10 + m, 7, 13));
    const ym = month.toISOString().slice(0, 7);
    const at = month.toISOString();
    for (let i = 0; i < 8; i++) {
      const r: Reminder = {
        id: `rem-history-${ym}-${i}`,
        tenantId: DEMO_TENANT,
        meetingId: `byraadsmoede-${ym}`,
        meetingKind: 'byraadsmoede',
        ruleId: 'byraad-7d',
        target: { type: 'group', groupId: `kernegruppe-${i}` },
        dueAt: at,
        meetingStart: at,
        status: 'sent',
        attempts: 1,
        sentAt: at,
        updatedAt: at,
      };
      writes.push(reminders.create(r));
    }
    writes.push(
      agendas.save(
        { tenantId: DEMO_TENANT, meetingId: `dialogmoede-${ym}`, meetingStart: at, status: 'locked', topics: [], version: 3, shownVersion: 3, cardsShownAt: at, cards: [], lockedAt: at, finalPostedAt: at, createdAt: at, updatedAt: at },
        undefined,
      ),
    );
    for (let i = 0; i < 5; i++) {
      const n: OutboxNotice = {
        id: `ntc-history-${ym}-${i}`,
        tenantId: DEMO_TENANT,
        subject: { kind: 'tender.cancelled', tenderId: `tender-${ym}`, bidId: `bid-${ym}-${i}` },
        to: { kind: 'conversation', conversationId: conversations.byraadChannel.id },
        status: 'sent',
        attempts: 1,
        createdAt: at,
        updatedAt: at,
        sentAt: at,
      };
      writes.push(outbox.create(n));
    }
  }
  await Promise.all(writes);
}

describe('a scheduler pass for a tenant with three years of history and nothing due', () => {
  it('costs one reminder query per tenant in the planner, one request in each of the reminder, agenda and outbox loops, at most 7 in all', async () => {
    const requests = new CosmosRequestLog();
    const rig = await startRig(NOW, undefined, requests);
    await threeYearsOfHistory(rig);
    // Another instance planned the coming weeks already, and warned the admins about the holidays.
    await planAllTenants(rig.deps);
    expect(await rig.deps.reminders.due(rig.clock.now())).toEqual([]);

    // This instance's first planner pass: a fresh repository object, so it has planned nothing itself yet.
    const instance = { ...rig.deps, reminders: new CosmosReminderRepository((rig.repos.reminders as unknown as { container: never }).container) };
    const count = async (run: () => Promise<unknown>) => {
      requests.clear();
      await run();
      return { operations: requests.operations(), http: requests.requests.length };
    };
    const firstPlan = await count(() => planAllTenants(instance));
    const plan = await count(() => planAllTenants(instance));
    const reminders = await count(() => rig.send());
    const agendas = await count(() => sweepAgendas({ ...rig.deps, outbox: rig.repos.outbox }));
    const outbox = await count(() => sendDueNotices({ ...rig.deps, outbox: rig.repos.outbox, catalogues: rig.repos.catalogues }, 'instance-a'));
    // Measured: first planner pass 5 (7 HTTP requests with the two query plans), then 3 (4); reminder
    // sender, agenda sweep and outbox 1 query each (2 HTTP requests each): 6 per pass (10 HTTP).
    // First pass: the tenant list (query), the roster and the calendar, one query for what is planned
    // (no create, no 409, no read per reminder), and the holiday check's calendar read. Nothing written.
    expect(firstPlan.operations).toEqual(['query docs', 'read docs', 'read docs', 'query docs', 'read docs']);
    // Nothing changed since: the tenant list, the roster and the calendar.
    expect(plan.operations).toEqual(['query docs', 'read docs', 'read docs']);
    // The due query only: no lease read when nothing is due, no agenda of a past meeting, no sent notice read.
    expect(reminders.operations).toEqual(['query docs']);
    expect(agendas.operations).toEqual(['query docs']);
    expect(outbox.operations).toEqual(['query docs']);
    const total = plan.operations.length + reminders.operations.length + agendas.operations.length + outbox.operations.length;
    expect(total).toBeLessThanOrEqual(7);
    expect(firstPlan.operations.length + reminders.operations.length + agendas.operations.length + outbox.operations.length).toBeLessThanOrEqual(8);
  });
});

describe('the tender sweep with nothing due', () => {
  it('costs its one scan, which also finds catalogues left unsettled, and reads no catalogue', async () => {
    const requests = new CosmosRequestLog();
    const rig = await startRig(NOW, undefined, requests);
    requests.clear();
    await sweepTenders({ ...rig.deps, outbox: rig.repos.outbox, catalogues: rig.repos.catalogues });
    // Measured: the tender sweep's one scan (catalogues with `attention` set live in the same container and come with it).
    expect(requests.operations()).toEqual(['query docs']);
  });
});

describe('the planner with one query per tenant', () => {
  const moveTo = (meetingId: string, date: string, time: string, hours: number) => {
    const start = instantFromLocal(date, time);
    if (!start.ok) throw new Error('bad time');
    return { meetingId, action: 'move' as const, start: start.value.toISOString(), end: new Date(start.value.getTime() + hours * 3600_000).toISOString(), by: 'test', at: NOW };
  };

  it('follows a meeting moved earlier the same day, and plans one moved into the coming 45 days', async () => {
    // 10 November: the November byrådsmøde (25 November) is planned, January's (27 January) is beyond the 45 days.
    const rig = await startRig(NOW);
    const first = await rig.plan();
    expect(first.created).toBeGreaterThan(0);
    expect((await rig.plan()).unchanged).toBe(true);
    const ofMeeting = async (id: string) => (await rig.deps.reminders.ofTenant(DEMO_TENANT, new Date(0))).filter((r) => r.meetingId === id);
    expect(await ofMeeting('byraadsmoede-2027-01')).toEqual([]); // 27 January: beyond the 45 days

    // The admin moves November's byrådsmøde to 20 November and January's to 16 December.
    const cal = await rig.calendars.get(DEMO_TENANT);
    const settings = cal?.value ?? { tenantId: DEMO_TENANT, config: (await import('../../src/domain/calendar.js')).DEFAULT_CALENDAR, overrides: [], warned: [] };
    await rig.calendars.save({ ...settings, overrides: [...settings.overrides, moveTo('byraadsmoede-2026-11', '2026-11-20', '17:00', 3), moveTo('byraadsmoede-2027-01', '2026-12-16', '17:00', 3)] }, cal?.etag);

    const again = await rig.plan();
    expect(again.unchanged).toBeUndefined();
    expect(again.moved).toBeGreaterThan(0);
    const november = await ofMeeting('byraadsmoede-2026-11');
    expect(november.length).toBeGreaterThan(0);
    for (const r of november) expect(r.meetingStart).toBe('2026-11-20T16:00:00.000Z');
    expect(november.map((r) => r.dueAt).sort()[0]).toBe('2026-11-13T16:00:00.000Z'); // 7 days before, no longer 18 November
    const january = await ofMeeting('byraadsmoede-2027-01');
    expect(january.length).toBeGreaterThan(0);
    for (const r of january) expect(r.meetingStart).toBe('2026-12-16T16:00:00.000Z');
    expect(january.map((r) => r.dueAt).sort()[0]).toBe('2026-12-09T16:00:00.000Z'); // 7 days before
  });
});

describe('the dialogmøde plan cache', () => {
  it('builds the plan once for two topic adds on the same day, again after a calendar change and on the next day', async () => {
    const http = await HttpBot.start('2026-11-30T13:00:00Z');
    try {
      const byraad = conversations.byraadChannel;
      const click = (verb: string, data: Record<string, unknown> = {}) => http.send(cardAction(persona.politiker, byraad, verb, data) as Partial<Activity>);
      const addTopic = async (title: string) => {
        const form = await click('topic.new');
        const sent = await click('topic.submit', { ...dataOf(form.card, 'topic.submit'), title, why: 'Til drøftelse.', part: '1', committee: '' });
        expect(JSON.stringify(sent.card)).toContain(title);
      };
      await addTopic('Første emne');
      const before = planCacheStats();
      await addTopic('Andet emne');
      await addTopic('Tredje emne');
      expect(planCacheStats().builds - before.builds).toBe(0);
      expect(planCacheStats().hits - before.hits).toBeGreaterThan(0);

      const cal = await http.repos.calendars.get(DEMO_TENANT);
      const { DEFAULT_CALENDAR } = await import('../../src/domain/calendar.js');
      const settings = cal?.value ?? { tenantId: DEMO_TENANT, config: DEFAULT_CALENDAR, overrides: [], warned: [] };
      await http.repos.calendars.save({ ...settings, agenda: { chefsMayAddTopics: true } }, cal?.etag);
      const changed = planCacheStats();
      await addTopic('Efter ændringen');
      await addTopic('Og en mere');
      expect(planCacheStats().builds - changed.builds).toBe(1);

      http.clock.set('2026-12-01T09:00:00Z');
      const nextDay = planCacheStats();
      await addTopic('Næste dag');
      await addTopic('Næste dag igen');
      expect(planCacheStats().builds - nextDay.builds).toBe(1);
    } finally {
      await http.stop();
    }
  });
});

describe('the erasure pass with nothing to erase', () => {
  it('is one query, however many erasures are done', async () => {
    const requests = new CosmosRequestLog();
    const http = await HttpBot.start(NOW, requests);
    try {
      // Fifty people erased in earlier years: their audit entries are done and never read again by the pass.
      for (let i = 0; i < 50; i++) {
        const personId = `d0000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
        await http.repos.personData.saveErasure(
          { tenantId: DEMO_TENANT, personId, requestedBy: { id: persona.admin.id, name: persona.admin.name }, startedAt: '2024-01-01T10:00:00.000Z', finishedAt: '2024-01-01T10:01:00.000Z', status: 'done', deleted: { person: 1 }, anonymised: { bid: 2 }, pseudonym: `slettet-${String(i).padStart(12, '0')}` },
          undefined,
        );
      }
      requests.clear();
      const report = await sweepErasures({ personData: http.repos.personData, directories: http.repos.directories, clock: http.clock, outbox: http.repos.outbox }, 'instance-a');
      expect(report.done).toBe(0);
      // Measured: the one cross-partition query for entries not done (`status` is indexed in directory).
      expect(requests.operations()).toEqual(['query docs']);
    } finally {
      await http.stop();
    }
  });
});
