// One person's data (GDPR): an admin in their 1:1 chat sees what is stored about an employee, downloads
// it as JSON through the signed link, and erases it after a confirmation, with an audit entry; a crash
// midway is finished by erasing again; anyone else, anywhere else, is refused and nothing changes. The
// whole bot over HTTP on the embedded Cosmos server, with the data made through the bot's own buttons.

import type { Activity } from 'botbuilder';
import type { Container } from '@azure/cosmos';
import { afterEach, describe, expect, it } from 'vitest';
import { erasePerson } from '../../src/app/person-data.js';
import { numberBids } from '../../src/app/bid-numbers.js';
import type { PersonDataRepository } from '../../src/app/ports.js';
import { actorFrom } from '../../src/domain/actor.js';
import { cardAction, installation, message } from '../support/activities.js';
import { cardText, type Card } from '../support/bot-driver.js';
import { dataOf, verbsOf } from '../support/card-actions.js';
import { CosmosRequestLog } from '../support/cosmos.js';
import { conversations, DEMO_TENANT, persona, personal, type Conversation, type Persona } from '../support/demo.js';
import { VALID_BID_FORM, VALID_TENDER_FORM } from '../support/forms.js';
import { HttpBot } from '../support/http-bot.js';

const SOFIE = persona.medarbejder;
const SOFIE_EMAIL = 'sofie.nielsen@demo.kommune.dk';
const OTHERS = [persona.tovholder, persona.politiker, persona.konsulent, persona.oekonomi];
const EVALUATION = { mark_netvaerk: 'ja', mark_tvaergaaende: 'delvist', mark_opgaven: 'ja', mark_samskabelse: 'nej', comment_netvaerk: 'Fint samarbejde med biblioteket.' };

let http: HttpBot;
afterEach(async () => {
  await http?.stop();
});

const click = async (who: Persona, where: Conversation, verb: string, data: Record<string, unknown> = {}, tenantId?: string) =>
  (await http.send(cardAction(who, where, verb, data, tenantId ? { tenantId } : {}) as Partial<Activity>)).card;
/** A message in a chat: the card the bot answered with. */
async function say(who: Persona, where: Conversation, words: string): Promise<Card> {
  const answer = await http.send(message(who, where, words) as Partial<Activity>);
  const card = answer.sent.map((r) => r.activity.attachments?.[0]?.content as Card | undefined).find(Boolean);
  if (!card) throw new Error(`no card for "${words}"`);
  return card;
}

/** Sofie's bid on a published tender of Kernegruppe Læring, evaluated by the tovholder; her 1:1 chat with the bot; the politician's topic. */
async function world(requests?: CosmosRequestLog) {
  http = await HttpBot.start('2026-11-23T10:00:00Z', requests);
  const saved = await click(persona.tovholder, conversations.laeringChat, 'tender.save', VALID_TENDER_FORM);
  const tenderId = dataOf(saved, 'tender.publish').tenderId!;
  await click(persona.tovholder, conversations.laeringChat, 'tender.publish', { tenderId });
  await http.send(installation(SOFIE, personal(SOFIE), 'add') as Partial<Activity>);
  const form = await click(SOFIE, personal(SOFIE), 'bid.open', { tenderId });
  await click(SOFIE, personal(SOFIE), 'bid.submit', { tenderId, ...dataOf(form, 'bid.submit'), ...VALID_BID_FORM, title: 'Sofies læsecafé' });
  // Bids are numbered after the click (app/bid-numbers.ts), which the scheduler-less rig does here; the receipt goes out.
  await numberBids({ tenders: http.repos.tenders, clock: http.clock, outbox: http.repos.outbox }, DEMO_TENANT, tenderId);
  await http.sweep();
  const bidId = (await http.repos.tenders.bidsOfBidder(DEMO_TENANT, SOFIE.id))[0]!.id;
  const ev = await click(persona.tovholder, conversations.laeringChat, 'evaluation.save', { bidId, ...EVALUATION });
  expect(cardText(ev)).not.toContain('ikke gemt');
  const topicForm = await click(persona.politiker, personal(persona.politiker), 'topic.new');
  await click(persona.politiker, personal(persona.politiker), 'topic.submit', { ...dataOf(topicForm, 'topic.submit'), title: 'Ældre og ensomhed', why: 'Flere ældre bor alene.', part: '1', committee: '' });
  await http.sweep();
  return { tenderId, bidId };
}

type Item = Record<string, unknown> & { id: string; type?: string };
async function everything(): Promise<Item[]> {
  const out: Item[] = [];
  for (const container of Object.values(http.cosmos.containers as unknown as Record<string, Container>)) out.push(...(await container.items.query<Item>('SELECT * FROM c').fetchAll()).resources);
  return out;
}

/** Whatever in the stored JSON still names Sofie: her name, e-mail, Entra id or Teams id. */
function traces(items: readonly Item[]): string[] {
  const needles = [SOFIE.name, SOFIE_EMAIL, SOFIE.id, `29:${SOFIE.id}`].map((n) => n.toLowerCase());
  return items.filter((i) => needles.some((n) => JSON.stringify(i).toLowerCase().includes(n))).map((i) => `${i.type}:${i.id}`);
}

describe('persondata for an admin in the 1:1 chat', () => {
  it('shows what is stored about the person, and the download holds their data and nobody else’s', async () => {
    const { bidId } = await world();
    const card = await say(persona.admin, personal(persona.admin), `persondata ${SOFIE.id}`);
    const shown = cardText(card);
    expect(shown).toContain('Persondata om Sofie Nielsen');
    expect(shown).toMatch(/Slettes:.*1 1:1-chat.*rosterlinje/s);
    expect(shown).toMatch(/Anonymiseres:.*1 bud/s);
    expect(shown).toContain('1 vurderinger');
    expect(verbsOf(card)).toEqual(['persondata.eraseAsk']);
    const link = (card.actions as { type: string; url?: string }[]).find((a) => a.type === 'Action.OpenUrl')!.url!;
    expect(link).toMatch(/\/persondata\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);

    const res = await fetch(link.replace(/^https?:\/\/[^/]+/, http.bot.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="persondata-[0-9a-f]{8}-2026-11-23\.json"$/);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const file = await res.text();
    const data = JSON.parse(file) as { personId: string; person: { names: string[]; emails: string[] }; items: { kind: string; id: string }[] };
    expect(data.personId).toBe(SOFIE.id);
    expect(data.person.names).toContain(SOFIE.name);
    expect(data.person.emails).toEqual([SOFIE_EMAIL]);
    expect(data.items.map((i) => i.kind)).toEqual(expect.arrayContaining(['person', 'conversation', 'bid', 'evaluation', 'tally']));
    expect(data.items.find((i) => i.id === bidId)).toBeDefined();
    expect(file).toContain('Sofies læsecafé');
    expect(file).toContain('Fint samarbejde med biblioteket.');
    // Nobody else: the evaluator, the politician's topic, the other group members.
    for (const other of [...OTHERS, persona.admin]) {
      expect(file).not.toContain(other.name);
      expect(file.toLowerCase()).not.toContain(other.id);
    }
    expect(file).not.toContain('Ældre og ensomhed');

    // A tampered link and one past its 15 minutes are refused with a page saying what to do.
    expect((await fetch(`${http.bot.url}/persondata/${link.split('/persondata/')[1]!.replace(/.\./, 'x.')}`)).status).toBe(403);
    http.clock.set(new Date('2026-11-23T10:16:00Z'));
    const late = await fetch(link.replace(/^https?:\/\/[^/]+/, http.bot.url));
    expect(late.status).toBe(410);
    expect(await late.text()).toContain('Linket er udløbet');
  });

  it('erases after a confirmation: nothing identifying the person is left, the records are kept anonymised, and the audit entry is shown', async () => {
    const { bidId, tenderId } = await world();
    const before = await everything();
    expect(traces(before).length).toBeGreaterThan(4);
    const ask = await click(persona.admin, personal(persona.admin), 'persondata.eraseAsk', { personId: SOFIE.id });
    expect(cardText(ask)).toContain('Slet persondata om Sofie Nielsen?');
    expect(verbsOf(ask)).toEqual(['persondata.erase', 'persondata.show']);
    // Asking changed nothing.
    expect(traces(await everything())).toEqual(traces(before));

    const done = await click(persona.admin, personal(persona.admin), 'persondata.erase', dataOf(ask, 'persondata.erase'));
    expect(cardText(done)).toContain(`Persondata om ${SOFIE.id} er slettet`);
    const after = await everything();
    const audit = after.filter((i) => i.type === 'erasure');
    expect(traces(after.filter((i) => i.type !== 'erasure'))).toEqual([]);
    // The audit entry: who, when, which person id, counts; not the erased name or e-mail.
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ pk: DEMO_TENANT, personId: SOFIE.id, status: 'done', requestedBy: { id: persona.admin.id, name: persona.admin.name }, pending: null });
    expect(JSON.stringify(audit[0])).not.toContain(SOFIE.name);
    expect(JSON.stringify(audit[0])).not.toContain(SOFIE_EMAIL);
    expect(audit[0]!.deleted).toMatchObject({ person: 1, conversation: 1 });
    expect(audit[0]!.anonymised).toMatchObject({ bid: 1, evaluation: 1 });
    // The tender and the bid are still there, the bid in the name of "Slettet person".
    const bid = (await http.repos.tenders.getBid(DEMO_TENANT, bidId))!.value;
    expect([bid.bidderName, bid.title]).toEqual(['Slettet person', 'Sofies læsecafé']);
    expect(bid.bidderId).toMatch(/^slettet-[0-9a-f]{12}$/);
    expect((await http.repos.tenders.getTender(DEMO_TENANT, tenderId))?.value.title).toBe(VALID_TENDER_FORM.title);
    // Everyone else is untouched: the evaluator's evaluation still names him, the politician's topic is hers.
    expect(JSON.stringify(after)).toContain(persona.tovholder.name);
    expect(JSON.stringify(after)).toContain('Ældre og ensomhed');
    expect((await http.repos.directories.get(DEMO_TENANT))!.value.people.map((p) => p.name)).toContain(persona.tovholder.name);

    // The log shows it to admins.
    const log = cardText(await say(persona.admin, personal(persona.admin), 'persondata'));
    expect(log).toContain('Sletninger af persondata');
    expect(log).toContain(`Henrik Dahl · person ${SOFIE.id} · færdig`);
    // Erasing again finds nothing more and changes nothing.
    const print = JSON.stringify(await everything());
    expect(cardText(await click(persona.admin, personal(persona.admin), 'persondata.erase', { personId: SOFIE.id }))).toContain('er slettet');
    expect(JSON.stringify(await everything())).toBe(print);
  });

  it('finishes what a crash left when erased again: the audit entry says "not finished" until then', async () => {
    await world();
    const directory = (await http.repos.directories.get(DEMO_TENANT))!.value;
    const admin = actorFrom(directory, DEMO_TENANT, persona.admin.id, persona.admin.name);
    // The real repository, with the process "dying" at its third change.
    let changes = 0;
    const real = http.repos.personData;
    const dying: PersonDataRepository = {
      scanTenant: (t, n, v) => real.scanTenant(t, n, v),
      getErasure: (t, p) => real.getErasure(t, p),
      saveErasure: (a, e) => real.saveErasure(a, e),
      erasures: (t, l) => real.erasures(t, l),
      replaceItem: async (s, i, e) => {
        if (++changes === 3) throw new Error('process killed');
        return real.replaceItem(s, i, e);
      },
      deleteItem: async (s, t, i, e) => {
        if (++changes === 3) throw new Error('process killed');
        return real.deleteItem(s, t, i, e);
      },
    };
    await expect(erasePerson({ personData: dying, directories: http.repos.directories, clock: http.clock }, admin, SOFIE.id)).rejects.toThrow('process killed');
    expect(traces((await everything()).filter((i) => i.type !== 'erasure')).length).toBeGreaterThan(0);
    const overview = cardText(await say(persona.admin, personal(persona.admin), `persondata ${SOFIE.id}`));
    expect(overview).toContain('blev ikke færdig');
    expect(cardText(await say(persona.admin, personal(persona.admin), 'persondata'))).toContain('ikke færdig');

    const done = await click(persona.admin, personal(persona.admin), 'persondata.erase', { personId: SOFIE.id });
    expect(cardText(done)).toContain('er slettet');
    const after = await everything();
    expect(traces(after.filter((i) => i.type !== 'erasure'))).toEqual([]);
    const audit = after.find((i) => i.type === 'erasure')!;
    expect(audit).toMatchObject({ status: 'done', pending: null });
    expect(JSON.stringify(audit)).not.toContain(SOFIE.name);
  });
});

describe('refused, with nothing written', () => {
  it('for anyone but an admin, in any chat but the admin’s 1:1, and from another tenant; forged buttons too', async () => {
    await world();
    const print = JSON.stringify(await everything());
    const refusals: string[] = [];
    refusals.push(cardText(await say(persona.tovholder, personal(persona.tovholder), `persondata ${SOFIE.id}`)));
    refusals.push(cardText(await say(SOFIE, personal(SOFIE), `persondata ${SOFIE.id}`)));
    refusals.push(cardText(await say(persona.admin, conversations.laeringChat, `persondata ${SOFIE.id}`)));
    for (const verb of ['persondata.show', 'persondata.eraseAsk', 'persondata.erase']) {
      refusals.push(cardText(await click(persona.tovholder, personal(persona.tovholder), verb, { personId: SOFIE.id })));
      refusals.push(cardText(await click(persona.admin, conversations.laeringChat, verb, { personId: SOFIE.id })));
      refusals.push(cardText(await click(persona.admin, personal(persona.admin), verb, { personId: SOFIE.id }, '0e000000-0000-4000-8000-00000000000e')));
    }
    for (const r of refusals) expect(r).toMatch(/Kun administratorer kan se, eksportere og slette|Persondata vises kun i din 1:1-chat/);
    expect(JSON.stringify(await everything())).toBe(print);
    // A malformed id is said so, with what was typed.
    expect(cardText(await say(persona.admin, personal(persona.admin), 'persondata sofie'))).toContain('Skriv personens Entra-objekt-id');
    expect(cardText(await say(persona.admin, personal(persona.admin), 'persondata 11111111-2222-4333-8444-555555555555'))).toContain('Der er ikke gemt noget om');
    expect(JSON.stringify(await everything())).toBe(print);
  });
});

describe('what it costs', () => {
  it('the overview is two scans of the tenant’s partition per container, a page of 100 items per query', async () => {
    const requests = new CosmosRequestLog();
    await world(requests);
    const items = await everything();
    requests.clear();
    await say(persona.admin, personal(persona.admin), `persondata ${SOFIE.id}`);
    const queries = requests.queries.length;
    // 4 containers × 2 scans, each one page here (the tenant has under 100 items per container), plus the log's erasure read.
    expect(items.filter((i) => i.pk === DEMO_TENANT).length).toBeLessThan(400);
    expect(queries).toBe(8);
    expect(requests.reads.length).toBeLessThanOrEqual(3);
  });
});
