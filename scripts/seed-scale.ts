// `npm run seed:scale [-- --tenants 100 --people 5000 --years 3 --data .data-scale --concurrency 4]`:
// a made-up data set at the scale of many municipalities, written into a local data folder (the
// embedded database `npm start` uses; `DATA_DIR=.data-scale npm start` runs the bot on it, `npm run
// bench -- --scale` measures against it). Per tenant, over the years before 30 November 2026:
// the demo roster grown to `people` (with its groups), two tenders a month with ten bids each (the
// last ones still open), the reminders the planner made for every meeting (marked sent), and a
// locked dialogmøde agenda with a few topics for every past dialogmøde. Everything goes through the
// app's own functions (importRoster, submitBid, numberBids, changeTender, planReminders, the agenda
// domain and the repositories), so it follows the storage format wherever that goes.

import path from 'node:path';
import { parseArgs } from 'node:util';
import { CosmosConversationRepository } from '../src/adapters/cosmos/conversation-repository.js';
import { openLocalCosmos } from '../src/adapters/cosmos/cosmos-connection.js';
import { CosmosLeaseRepository } from '../src/adapters/cosmos/reminder-repository.js';
import { importRoster } from '../src/app/import-roster.js';
import { Pacer } from '../src/app/pacer.js';
import type { Clock, Notifier } from '../src/app/ports.js';
import { planReminders, type ReminderDeps } from '../src/app/reminders.js';
import { tenantMeetings } from '../src/app/tenant-calendar.js';
import { changeTender } from '../src/app/tenders.js';
import { addTopic, lock, newAgenda, validateTopicInput } from '../src/domain/agenda.js';
import { ok } from '../src/domain/result.js';
import { DEFAULT_REMINDERS } from '../src/domain/reminders.js';
import { close, markClosingReported } from '../src/domain/tender.js';
import { createLogger } from '../src/logger.js';
import { bidDirect, guid, inParallel, numberAll, publishTenderDirect, repositoriesOf, scaleRoster } from './scale-data.js';
import { isRunDirectly } from './run-directly.js';

export const SCALE_NOW = new Date('2026-11-30T13:00:00Z');
export const scaleTenant = (k: number) => guid('5ca1e000', k + 1);
const DAY = 86400_000;

const at = (d: Date): Clock => ({ now: () => d });
const silent: Notifier = {
  post: async () => ({ ok: false, reason: 'not-installed' }),
  update: async () => ({ ok: false, reason: 'not-installed' }),
  toPerson: async () => ({ ok: false, reason: 'not-installed' }),
};

export interface ScaleOptions {
  readonly tenants: number;
  readonly people: number;
  readonly years: number;
  readonly tendersPerMonth: number;
  readonly bidsPerTender: number;
  readonly concurrency: number;
}

export interface TenantSeeded {
  readonly people: number;
  readonly tenders: number;
  readonly bids: number;
  readonly reminders: number;
  readonly agendas: number;
}

/** One tenant's years of history. */
export async function seedTenant(repos: ReturnType<typeof repositoriesOf> & { leases: CosmosLeaseRepository; conversations: CosmosConversationRepository }, k: number, o: ScaleOptions): Promise<TenantSeeded> {
  const tenantId = scaleTenant(k);
  const from = new Date(SCALE_NOW.getTime() - o.years * 365 * DAY);
  const roster = scaleRoster(o.people, guid('e0000000', k + 1).slice(0, 8));
  const imported = await importRoster({ directories: repos.directories, clock: at(from) }, tenantId, roster, 'seed:scale');
  if (!imported.ok) throw new Error(`tenant ${tenantId}: roster ${imported.code}`);

  // Tenders: published on the 1st and 15th, open for three weeks; ten bids each from people on the roster.
  const months = o.years * 12;
  const plans = Array.from({ length: months * o.tendersPerMonth }, (_, i) => {
    const createdAt = new Date(from.getTime() + (i * (365 / 12 / o.tendersPerMonth)) * DAY);
    return { i, createdAt, deadline: new Date(createdAt.getTime() + 21 * DAY) };
  });
  let bids = 0;
  await inParallel(plans, 4, async ({ i, createdAt, deadline }) => {
    const tender = await publishTenderDirect(repos.tenders, tenantId, roster, { id: `tender-scale-${String(i).padStart(4, '0')}`, title: `Udbud ${i + 1}`, deadline, createdAt });
    const clock = at(new Date(createdAt.getTime() + DAY));
    for (let b = 0; b < o.bidsPerTender; b++) {
      const person = roster.people[(i * 37 + b * 101) % roster.people.length]!;
      await bidDirect({ tenders: repos.tenders, outbox: repos.outbox, directories: repos.directories, clock }, tenantId, tender, person);
      bids++;
    }
    await numberAll({ tenders: repos.tenders, clock }, tenantId, [tender.id]);
    if (deadline.getTime() <= SCALE_NOW.getTime()) {
      // Closed at the deadline and reported, as the tender sweep would have done then.
      const closed = await changeTender({ tenders: repos.tenders }, tenantId, tender.id, (t) => close(t, deadline));
      if (!closed.ok) throw new Error(`close ${tender.id}: ${closed.code}`);
      await changeTender({ tenders: repos.tenders }, tenantId, tender.id, (t) => ok(markClosingReported(t, deadline)));
    }
  });

  // Reminders: the planner run once a fortnight over the years, then those past due marked sent.
  const reminderDeps = (clock: Clock): ReminderDeps => ({
    ...repos,
    notifier: silent,
    clock,
    config: DEFAULT_REMINDERS,
    pacer: new Pacer({ perSecond: 1000, now: () => performance.now(), sleep: async () => {} }),
    sleep: async () => {},
  });
  for (let t = from.getTime(); t < SCALE_NOW.getTime(); t += 14 * DAY) await planReminders(reminderDeps(at(new Date(t))), tenantId);
  let reminders = 0;
  for (const r of await repos.reminders.ofTenant(tenantId, from)) {
    reminders++;
    if (r.status !== 'pending' || new Date(r.dueAt).getTime() > SCALE_NOW.getTime()) continue;
    const current = await repos.reminders.get(tenantId, r.id);
    if (current) await repos.reminders.save({ ...current.value, status: 'sent', sentAt: r.dueAt, updatedAt: r.dueAt }, current.etag);
  }

  // Dialogmøde agendas: a few topics from the Byråd's members, locked at the meeting's start.
  const dir = (await repos.directories.get(tenantId))!.value;
  const { meetings } = await tenantMeetings(repos, dir, from, SCALE_NOW);
  const byraad = roster.groups.find((g) => g.kind === 'byraad')!.members;
  let agendas = 0;
  for (const [m, meeting] of meetings.filter((x) => x.kind === 'dialogmoede' && x.status !== 'cancelled').entries()) {
    const start = new Date(meeting.start);
    let agenda = newAgenda(tenantId, meeting, new Date(start.getTime() - 7 * DAY));
    for (let n = 0; n < 3 + (m % 4); n++) {
      const author = byraad[(m + n) % byraad.length]!.person;
      const fields = validateTopicInput({ title: `Emne ${n + 1}`, why: 'Til drøftelse i dialogmødet.', part: String((n % 2) + 1), committee: '' });
      if (!fields.ok) throw new Error('topic fields');
      const added = addTopic(agenda, meeting, { id: `topic-${meeting.id}-${n}`, fields: fields.value, author: { id: author, name: 'Byrådsmedlem', teamsId: `29:${author}`, serviceUrl: 'https://smba.trafficmanager.net/emea/' } }, new Date(start.getTime() - (6 - n) * DAY));
      if (added.ok) agenda = added.value.agenda;
    }
    if ((await repos.agendas.save(lock(agenda, start), undefined)) === 'saved') agendas++;
  }
  return { people: roster.people.length, tenders: plans.length, bids, reminders, agendas };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      tenants: { type: 'string', default: '100' },
      people: { type: 'string', default: '5000' },
      years: { type: 'string', default: '3' },
      'tenders-per-month': { type: 'string', default: '2' },
      'bids-per-tender': { type: 'string', default: '10' },
      concurrency: { type: 'string', default: '4' },
      data: { type: 'string', default: '.data-scale' },
    },
  });
  const o: ScaleOptions = {
    tenants: Number(values.tenants),
    people: Number(values.people),
    years: Number(values.years),
    tendersPerMonth: Number(values['tenders-per-month']),
    bidsPerTender: Number(values['bids-per-tender']),
    concurrency: Number(values.concurrency),
  };
  const dataDir = path.resolve(values.data);
  // As a tool: into the running bot's database if one uses this folder, otherwise saved to the folder at the end.
  const cosmos = await openLocalCosmos({ kind: 'embedded', database: 'kerneopgave', dataDir }, createLogger('warn', process.stderr), { role: 'tool' });
  const repos = { ...repositoriesOf(cosmos), leases: new CosmosLeaseRepository(cosmos.containers.reminders), conversations: new CosmosConversationRepository(cosmos.containers.directory) };
  const started = performance.now();
  let done = 0;
  try {
    console.log(`seed:scale → ${dataDir}: ${o.tenants} tenants × ${o.people} people × ${o.years} years, ${o.concurrency} tenants at a time`);
    await inParallel(
      Array.from({ length: o.tenants }, (_, k) => k),
      o.concurrency,
      async (k) => {
        const t0 = performance.now();
        const s = await seedTenant(repos, k, o);
        done++;
        console.log(
          `  tenant ${done}/${o.tenants} (${scaleTenant(k)}): ${s.people} people, ${s.tenders} tenders, ${s.bids} bids, ${s.reminders} reminders, ${s.agendas} agendas in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${((performance.now() - started) / 1000).toFixed(0)} s so far`,
        );
      },
    );
  } finally {
    console.log('saving …');
    await cosmos.close();
  }
  console.log(`seed:scale done in ${((performance.now() - started) / 1000).toFixed(0)} s. Run the bot on it: DATA_DIR=${values.data} npm start; measure: npm run bench -- --scale --data ${values.data}`);
  return 0;
}

if (isRunDirectly(import.meta.url)) process.exitCode = await main();
