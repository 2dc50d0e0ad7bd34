// Made-up data at scale for the benchmark and `npm run seed:scale`, written only through the app's
// own functions (importRoster, the tender and bid domain functions and repositories, submitBid,
// numberBids), so it follows the storage format wherever that goes.

import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { numberBids } from '../src/app/bid-numbers.js';
import { submitBid } from '../src/app/bids.js';
import type { Clock, DirectoryRepository, Notifier, OutboxRepository, TenderRepository } from '../src/app/ports.js';
import { parseRosterFile } from '../src/app/roster-file.js';
import type { Group, Person, Roster } from '../src/domain/directory.js';
import { createDraft, publish, validateTenderInput, type Tender } from '../src/domain/tender.js';
import { DEMO_ROSTER_FILE } from '../src/main.js';
import type { CosmosConnection } from '../src/adapters/cosmos/cosmos-connection.js';
import { CosmosDirectoryRepository } from '../src/adapters/cosmos/directory-repository.js';
import { CosmosTenderRepository } from '../src/adapters/cosmos/tender-repository.js';
import { CosmosOutboxRepository } from '../src/adapters/cosmos/outbox-repository.js';
import { CosmosAgendaRepository } from '../src/adapters/cosmos/agenda-repository.js';
import { CosmosCalendarRepository, CosmosReminderRepository } from '../src/adapters/cosmos/reminder-repository.js';

const parsed = parseRosterFile(readFileSync(DEMO_ROSTER_FILE, 'utf8'));
if (!parsed.ok || !parsed.tenantId) throw new Error('demo/roster.yaml does not parse');
export const DEMO_TENANT = parsed.tenantId;
export const demoRoster: Roster = parsed.roster;

/** The repositories as src/main.ts builds them. */
export function repositoriesOf(conn: CosmosConnection) {
  return {
    directories: new CosmosDirectoryRepository(conn.containers.directory),
    tenders: new CosmosTenderRepository(conn.containers.tenders),
    outbox: new CosmosOutboxRepository(conn.containers.reminders),
    agendas: new CosmosAgendaRepository(conn.containers.agendas),
    calendars: new CosmosCalendarRepository(conn.containers.directory),
    reminders: new CosmosReminderRepository(conn.containers.reminders),
  };
}

/** A GUID made of a prefix of 8 hex digits and a number. */
export const guid = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/**
 * The demo roster (its people keep their roles, groups, kerneopgaver and conversations) grown to
 * `size` people; the first newcomers are two more fagpersoner in each kernegruppe, the rest are staff in no group.
 */
export function scaleRoster(size: number, personPrefix = 'e0000000'): Roster {
  const people: Person[] = [...demoRoster.people];
  const extra = new Map<string, string[]>();
  const kernegrupper = demoRoster.groups.filter((g) => g.kind === 'kernegruppe');
  for (let i = people.length; i < size; i++) {
    const id = guid(personPrefix, i + 1);
    people.push({ id, name: `Medarbejder ${i + 1}`, email: `medarbejder${i + 1}@scale.kommune.dk` });
    // The groups keep the seeds' make-up whatever the staff's size (seed 000: five politicians, a
    // tovholder, two konsulenter, an økonomikonsulent, two or three fagpersoner): the first newcomers
    // become each kernegruppe's two extra fagpersoner, everyone after them is staff in no group.
    const slot = i - demoRoster.people.length;
    if (slot < 2 * kernegrupper.length) {
      const g = kernegrupper[slot % kernegrupper.length]!.id;
      extra.set(g, [...(extra.get(g) ?? []), id]);
    }
  }
  const groups: Group[] = demoRoster.groups.map((g) => ({ ...g, members: [...g.members, ...(extra.get(g.id) ?? []).map((person) => ({ person, roles: ['fagperson' as const] }))] }));
  return { ...demoRoster, people, groups };
}

/** The kernegruppe Læring's tender as its tovholder would publish it, stored through the repository. */
export async function publishTenderDirect(tenders: TenderRepository, tenantId: string, roster: Roster, n: { id: string; title: string; deadline: Date; createdAt: Date }): Promise<Tender> {
  const group = roster.groups.find((g) => g.kind === 'kernegruppe')!;
  const ko = roster.kerneopgaver!.find((k) => k.id === group.kerneopgave)!;
  const catalog = roster.kerneopgaver!.flatMap((k) => k.forudsaetninger.map((f) => ({ id: f.id, text: f.text, kerneopgave: k.id, kerneopgaveName: k.name, demo: f.demo })));
  const copenhagen = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const [date, time] = copenhagen.format(n.deadline).split(' ');
  const fields = validateTenderInput(
    { title: n.title, description: 'Et udbud fra skala-data.', forudsaetninger: ko.forudsaetninger[0]!.id, deadlineDate: date, deadlineTime: time, budgetKr: '100000', decidedBy: 'kernegruppe' },
    ko.forudsaetninger.map((f) => f.id),
    n.createdAt,
  );
  if (!fields.ok) throw new Error(`tender fields: ${JSON.stringify(fields.details)}`);
  const tovholder = group.members.find((m) => m.roles.includes('tovholder'))?.person ?? group.members[0]!.person;
  const draft = createDraft(
    { id: n.id, tenantId, group: { id: group.id, name: group.name }, kerneopgave: { id: ko.id, name: ko.name }, catalog, fields: fields.value, by: { id: tovholder, name: 'Tovholder' } },
    n.createdAt,
  );
  const published = publish(draft, tovholder, n.createdAt);
  if (!published.ok) throw new Error(`publish: ${published.code}`);
  if ((await tenders.saveTender(published.value, undefined)) !== 'saved') throw new Error(`tender ${n.id} exists`);
  return published.value;
}

/** Nothing is sent while seeding: receipts go to the personal chat only when asked, and we do not ask. */
const silent: Notifier = {
  post: async () => ({ ok: false, reason: 'not-installed' }),
  update: async () => ({ ok: false, reason: 'not-installed' }),
  toPerson: async () => ({ ok: false, reason: 'not-installed' }),
};

/** A bid as the bid form submits it (through submitBid), numbered as the bot numbers it just after. */
export async function bidDirect(
  deps: { tenders: TenderRepository; outbox: OutboxRepository; clock: Clock; directories: DirectoryRepository },
  tenantId: string,
  tender: Tender,
  bidder: { id: string; name: string },
): Promise<void> {
  const result = await submitBid(
    { tenders: deps.tenders, outbox: deps.outbox, clock: deps.clock, directories: deps.directories, notifier: silent },
    { tenantId, id: bidder.id, name: bidder.name, teamsId: `29:${bidder.id}`, serviceUrl: 'https://smba.trafficmanager.net/emea/' },
    tender.id,
    randomUUID(),
    { title: `Bud på ${tender.title}`, description: 'Et bud fra skala-data.', howItHelps: 'Det hjælper.', forudsaetninger: tender.forudsaetninger[0], roles: { kommunen: 'Lokaler' }, participate: 'true' },
    { locale: 'da', toPersonalChat: false },
  );
  if (!result.ok) throw new Error(`bid on ${tender.id}: ${result.code}`);
}

export async function numberAll(deps: { tenders: TenderRepository; clock: Clock }, tenantId: string, tenderIds: readonly string[], concurrency = 8): Promise<void> {
  await inParallel(tenderIds, concurrency, (id) => numberBids(deps, tenantId, id).then(() => undefined));
}

/** Runs `work` over `items`, at most `concurrency` at a time. */
export async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i]!, i);
      }
    }),
  );
}
