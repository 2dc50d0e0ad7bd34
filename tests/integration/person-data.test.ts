// One person's data (GDPR): an admin in their 1:1 chat sees what is stored about an employee, downloads
// it as JSON through the signed link, and erases it after a confirmation, with an audit entry; a crash
// midway is finished by erasing again; anyone else, anywhere else, is refused and nothing changes. The
// whole bot over HTTP on the embedded Cosmos server, with the data made through the bot's own buttons.

import type { Activity } from 'botbuilder';
import type { Container } from '@azure/cosmos';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runErasure, sweepErasures } from '../../src/app/person-data.js';
import { numberBids } from '../../src/app/bid-numbers.js';
import type { PersonDataRepository } from '../../src/app/ports.js';
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
  await http.send(installation(persona.admin, personal(persona.admin), 'add') as Partial<Activity>);
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

const NOTICE = /Persondata om d0000000-0000-4000-8000-000000000005 er slettet/;
/** The erasure notices stored in the outbox, and what the last sweep sent to the admin's chat. */
const erasureNotices = async () => (await everything()).filter((i) => (i.subject as { kind?: string } | undefined)?.kind === 'erasure.done');
const sentTexts = (sent: { activity: Partial<Activity> }[]) => sent.map((r) => JSON.stringify(r.activity.attachments ?? []));

/** The real repository, counting the item changes (deletes and replaces) an instance makes, optionally "dying" at the n-th. */
function counting(real: PersonDataRepository, dieAt?: number) {
  const made = { changes: 0 };
  const change = <T,>(work: () => Promise<T>) => {
    if (++made.changes === dieAt) throw new Error('process killed');
    return work();
  };
  const repo: PersonDataRepository = {
    scanTenant: (t, n, v) => real.scanTenant(t, n, v),
    getErasure: (t, p) => real.getErasure(t, p),
    saveErasure: (a, e) => real.saveErasure(a, e),
    erasures: (t, l) => real.erasures(t, l),
    unfinishedErasures: (l) => real.unfinishedErasures(l),
    getErasureById: (t, i) => real.getErasureById(t, i),
    peopleByEmail: (t, e, l) => real.peopleByEmail(t, e, l),
    replaceItem: (s, i, e) => change(() => real.replaceItem(s, i, e)),
    deleteItem: (s, t, i, e) => change(() => real.deleteItem(s, t, i, e)),
  };
  return { repo, made };
}

describe('persondata for an admin in the 1:1 chat', () => {
  it('shows who the person is without scanning, and the download holds their data (with the counts) and nobody else’s', async () => {
    const { bidId } = await world();
    const card = await say(persona.admin, personal(persona.admin), `persondata ${SOFIE.id}`);
    const shown = cardText(card);
    expect(shown).toContain('Persondata om Sofie Nielsen');
    expect(shown).toContain(`Entra-id: ${SOFIE.id}`);
    expect(shown).not.toMatch(/Slettes:|Anonymiseres:/);
    expect(verbsOf(card)).toEqual(['persondata.eraseAsk']);
    const link = (card.actions as { type: string; url?: string }[]).find((a) => a.type === 'Action.OpenUrl')!.url!;
    expect(link).toMatch(/\/persondata\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);

    const res = await fetch(link.replace(/^https?:\/\/[^/]+/, http.bot.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="persondata-[0-9a-f]{8}-2026-11-23\.json"$/);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const file = await res.text();
    const data = JSON.parse(file) as { personId: string; person: { names: string[]; emails: string[] }; items: { kind: string; id: string }[]; erasure: { deletes: Record<string, number>; anonymises: Record<string, number> } };
    expect(data.personId).toBe(SOFIE.id);
    expect(data.person.names).toContain(SOFIE.name);
    expect(data.person.emails).toEqual([SOFIE_EMAIL]);
    expect(data.items.map((i) => i.kind)).toEqual(expect.arrayContaining(['person', 'conversation', 'bid', 'evaluation', 'tally']));
    expect(data.items.find((i) => i.id === bidId)).toBeDefined();
    // The counts the card no longer shows: what an erasure would delete and anonymise.
    expect(data.erasure.deletes).toMatchObject({ person: 1, conversation: 1 });
    expect(data.erasure.anonymises).toMatchObject({ bid: 1, evaluation: 1 });
    expect(file).toContain('Sofies læsecafé');
    expect(file).toContain('Fint samarbejde med biblioteket.');
    for (const other of [...OTHERS, persona.admin]) {
      expect(file).not.toContain(other.name);
      expect(file.toLowerCase()).not.toContain(other.id);
    }
    expect(file).not.toContain('Ældre og ensomhed');

    expect((await fetch(`${http.bot.url}/persondata/${link.split('/persondata/')[1]!.replace(/.\./, 'x.')}`)).status).toBe(403);
    http.clock.set(new Date('2026-11-23T10:16:00Z'));
    const late = await fetch(link.replace(/^https?:\/\/[^/]+/, http.bot.url));
    expect(late.status).toBe(410);
    expect(await late.text()).toContain('Linket er udløbet');
  });

  it('finds the person by name, part of a name or e-mail; several are listed with a button each; an unknown id still has a card', async () => {
    await world();
    const admin = (words: string) => say(persona.admin, personal(persona.admin), words);
    expect(cardText(await admin('persondata Sofie Nielsen'))).toContain('Persondata om Sofie Nielsen');
    expect(cardText(await admin('persondata sofie'))).toContain('Persondata om Sofie Nielsen');
    expect(cardText(await admin(`persondata ${SOFIE_EMAIL.toUpperCase()}`))).toContain('Persondata om Sofie Nielsen');
    // Several people: one button each, that opens that person's card.
    const list = await admin('persondata niels');
    expect(cardText(list)).toContain('Flere personer passer på »niels«');
    const buttons = (list.body as { actions?: { title: string; verb: string; data: { personId: string } }[] }[]).flatMap((e) => e.actions ?? []);
    expect(buttons.map((a) => a.title)).toEqual(['Niels Iversen', 'Sofie Nielsen']);
    expect(verbsOf(list)).toEqual(['persondata.show', 'persondata.show']);
    // Many: the first ten, and how to narrow it down.
    const many = await admin('persondata sen');
    expect(verbsOf(many)).toHaveLength(10);
    expect(cardText(many)).toContain('Her er de første 10. Skriv mere af navnet');
    const sofie = buttons.find((a) => a.title === SOFIE.name)!;
    expect(sofie.data.personId).toBe(SOFIE.id);
    expect(cardText(await click(persona.admin, personal(persona.admin), 'persondata.show', sofie.data))).toContain('Persondata om Sofie Nielsen');
    // Nobody: what was typed, and how to search.
    const none = cardText(await admin('persondata Zacharias Qvist'));
    expect(none).toContain('Ingen i rollelisten hedder »Zacharias Qvist«');
    expect(none).toContain('Skriv en del af personens navn');
    // An id that is not on the roster (someone removed) still has its card, saying so.
    const gone = cardText(await admin('persondata 11111111-2222-4333-8444-555555555555'));
    expect(gone).toContain('Persondata om 11111111-2222-4333-8444-555555555555');
    expect(gone).toContain('Ikke i rollelisten');
    expect(cardText(await admin('persondata 29:1abcDEF-teams'))).toContain('Ikke i rollelisten');
  });

  it('erases after the click: the click writes only the request, the background run erases, the admin is told once', async () => {
    const requests = new CosmosRequestLog();
    const { bidId, tenderId } = await world(requests);
    const before = await everything();
    expect(traces(before).length).toBeGreaterThan(4);
    const ask = await click(persona.admin, personal(persona.admin), 'persondata.eraseAsk', { personId: SOFIE.id });
    expect(cardText(ask)).toContain('Slet persondata om Sofie Nielsen?');
    expect(verbsOf(ask)).toEqual(['persondata.erase', 'persondata.show']);
    expect(traces(await everything())).toEqual(traces(before));

    requests.clear();
    const answer = await click(persona.admin, personal(persona.admin), 'persondata.erase', dataOf(ask, 'persondata.erase'));
    // The click: the directory (who asks), the audit entry's point read and its create. No scan.
    expect(requests.queries).toHaveLength(0);
    expect(requests.operations().length).toBeLessThanOrEqual(3);
    expect(cardText(answer)).toContain('Sletningen er sat i gang; du får besked her, når den er færdig.');
    // Nothing erased yet; the audit entry says who asked, when, and whom; not the name.
    const requested = (await everything()).filter((i) => i.type === 'erasure');
    expect(requested).toHaveLength(1);
    expect(requested[0]).toMatchObject({ personId: SOFIE.id, status: 'requested', startedAt: '2026-11-23T10:00:00.000Z', requestedBy: { id: persona.admin.id, name: persona.admin.name } });
    expect(JSON.stringify(requested[0])).not.toContain(SOFIE.name);
    expect(traces((await everything()).filter((i) => i.type !== 'erasure'))).toEqual(traces(before));
    // The card meanwhile says it is under way, and offers no second erase.
    const meanwhile = await say(persona.admin, personal(persona.admin), `persondata ${SOFIE.id}`);
    expect(cardText(meanwhile)).toContain('er ikke færdig endnu');
    expect(verbsOf(meanwhile)).toEqual([]);
    // Pressing again starts nothing twice.
    expect(cardText(await click(persona.admin, personal(persona.admin), 'persondata.erase', { personId: SOFIE.id }))).toContain('allerede sat i gang');

    // The scheduler's pass erases it and the outbox tells the admin.
    const sent = await http.sweep();
    expect(sentTexts(sent).filter((t) => NOTICE.test(t))).toHaveLength(1);
    const after = await everything();
    const audit = after.filter((i) => i.type === 'erasure');
    expect(traces(after.filter((i) => i.type !== 'erasure'))).toEqual([]);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ pk: DEMO_TENANT, personId: SOFIE.id, status: 'done', requestedBy: { id: persona.admin.id, name: persona.admin.name }, pending: null, claimedBy: null });
    expect(JSON.stringify(audit[0])).not.toContain(SOFIE.name);
    expect(JSON.stringify(audit[0])).not.toContain(SOFIE_EMAIL);
    expect(audit[0]!.deleted).toMatchObject({ person: 1, conversation: 1 });
    expect(audit[0]!.anonymised).toMatchObject({ bid: 1, evaluation: 1 });
    const bid = (await http.repos.tenders.getBid(DEMO_TENANT, bidId))!.value;
    expect([bid.bidderName, bid.title]).toEqual(['Slettet person', 'Sofies læsecafé']);
    expect(bid.bidderId).toMatch(/^slettet-[0-9a-f]{12}$/);
    expect((await http.repos.tenders.getTender(DEMO_TENANT, tenderId))?.value.title).toBe(VALID_TENDER_FORM.title);
    expect(JSON.stringify(after)).toContain(persona.tovholder.name);
    expect(JSON.stringify(after)).toContain('Ældre og ensomhed');
    expect((await http.repos.directories.get(DEMO_TENANT))!.value.people.map((p) => p.name)).toContain(persona.tovholder.name);

    // Told once: another pass sends nothing more.
    expect(sentTexts(await http.sweep()).filter((t) => NOTICE.test(t))).toHaveLength(0);
    expect(await erasureNotices()).toHaveLength(1);
    const card = cardText(await say(persona.admin, personal(persona.admin), `persondata ${SOFIE.id}`));
    expect(card).toContain('Ikke i rollelisten');
    expect(card).toMatch(/Personen blev slettet .* af Henrik Dahl \(slettet: .*1 1:1-chat.*anonymiseret: .*1 bud/);
    const log = cardText(await say(persona.admin, personal(persona.admin), 'persondata'));
    expect(log).toContain(`Henrik Dahl · person ${SOFIE.id} · færdig`);
  });

  it('with the scheduler running as in production, the click wakes the erasure at once: the admin is told without waiting for a pass', async () => {
    http = await HttpBot.start('2026-11-23T10:00:00Z', undefined, true);
    await http.send(installation(SOFIE, personal(SOFIE), 'add') as Partial<Activity>);
    await http.send(installation(persona.admin, personal(persona.admin), 'add') as Partial<Activity>);
    const answer = await click(persona.admin, personal(persona.admin), 'persondata.erase', { personId: SOFIE.id });
    expect(cardText(answer)).toContain('Sletningen er sat i gang');
    // The erasure pass runs once a minute; the click's wake-up does it well before that.
    await vi.waitFor(() => expect(http.connector.received.filter((r) => NOTICE.test(JSON.stringify(r.activity.attachments ?? [])))).toHaveLength(1), { timeout: 20_000, interval: 100 });
    expect((await everything()).find((i) => i.type === 'erasure')).toMatchObject({ status: 'done' });
    expect(traces((await everything()).filter((i) => i.type !== 'erasure'))).toEqual([]);
  });

  it('an erasure cut short (the process killed midway) is finished by a later pass once its claim has run out', async () => {
    await world();
    await click(persona.admin, personal(persona.admin), 'persondata.erase', { personId: SOFIE.id });
    const dying = counting(http.repos.personData, 3);
    const deps = { personData: dying.repo, directories: http.repos.directories, clock: http.clock, outbox: http.repos.outbox };
    await expect(runErasure(deps, DEMO_TENANT, SOFIE.id, 'instance-dead')).rejects.toThrow('process killed');
    expect(traces((await everything()).filter((i) => i.type !== 'erasure')).length).toBeGreaterThan(0);
    expect(cardText(await say(persona.admin, personal(persona.admin), `persondata ${SOFIE.id}`))).toContain('er ikke færdig endnu');
    expect(cardText(await say(persona.admin, personal(persona.admin), 'persondata'))).toContain('ikke færdig');
    // Its claim still stands: the next pass leaves it alone.
    await http.sweep();
    expect((await everything()).find((i) => i.type === 'erasure')).toMatchObject({ status: 'running', claimedBy: 'instance-dead' });
    // Ten minutes later the claim has run out, and the pass finishes it.
    http.clock.set(new Date('2026-11-23T10:11:00Z'));
    const sent = await http.sweep();
    expect(sentTexts(sent).filter((t) => NOTICE.test(t))).toHaveLength(1);
    const after = await everything();
    expect(traces(after.filter((i) => i.type !== 'erasure'))).toEqual([]);
    expect(after.find((i) => i.type === 'erasure')).toMatchObject({ status: 'done', pending: null });
    expect(JSON.stringify(after.find((i) => i.type === 'erasure'))).not.toContain(SOFIE.name);
    expect(await erasureNotices()).toHaveLength(1);
  });

  it('two instances sweeping at the same moment: one erases, the other leaves it, and the admin is told once', async () => {
    await world();
    await click(persona.admin, personal(persona.admin), 'persondata.erase', { personId: SOFIE.id });
    const a = counting(http.repos.personData);
    const b = counting(http.repos.personData);
    const depsOf = (repo: PersonDataRepository) => ({ personData: repo, directories: http.repos.directories, clock: http.clock, outbox: http.repos.outbox });
    const [ra, rb] = await Promise.all([sweepErasures(depsOf(a.repo), 'instance-a'), sweepErasures(depsOf(b.repo), 'instance-b')]);
    expect([ra.done, rb.done].sort()).toEqual([0, 1]);
    expect([a.made.changes, b.made.changes].filter((n) => n > 0)).toHaveLength(1);
    const after = await everything();
    expect(traces(after.filter((i) => i.type !== 'erasure'))).toEqual([]);
    const audit = after.find((i) => i.type === 'erasure')!;
    const total = (c: unknown) => Object.values(c as Record<string, number>).reduce((x, y) => x + y, 0);
    // The counts are what one instance changed, not twice that.
    expect(total(audit.deleted) + total(audit.anonymised)).toBe(a.made.changes + b.made.changes);
    expect(await erasureNotices()).toHaveLength(1);
  });
});

describe('the click’s wake-up and the loop’s pass meeting on one instance', () => {
  it('one of them erases, the other leaves it', async () => {
    await world();
    await click(persona.admin, personal(persona.admin), 'persondata.erase', { personId: SOFIE.id });
    const a = counting(http.repos.personData);
    const b = counting(http.repos.personData);
    // The pass reads the entry only once the wake-up has claimed it and saved what it looks for (its second
    // write, just before it starts changing items): it finds this instance's own live claim.
    let claimed!: () => void;
    let saves = 0;
    const aClaimed = new Promise<void>((resolve) => (claimed = resolve));
    const claiming: PersonDataRepository = {
      ...a.repo,
      saveErasure: async (x, e) => {
        const outcome = await a.repo.saveErasure(x, e);
        if (++saves === 2) claimed();
        return outcome;
      },
    };
    const waiting: PersonDataRepository = {
      ...b.repo,
      getErasure: async (t, p) => {
        await aClaimed;
        return b.repo.getErasure(t, p);
      },
    };
    const depsOf = (repo: PersonDataRepository) => ({ personData: repo, directories: http.repos.directories, clock: http.clock, outbox: http.repos.outbox });
    const [woken, pass] = await Promise.all([runErasure(depsOf(claiming), DEMO_TENANT, SOFIE.id, 'instance-a'), sweepErasures(depsOf(waiting), 'instance-a')]);
    expect([woken === 'done' ? 1 : 0, pass.done].sort()).toEqual([0, 1]);
    expect([a.made.changes, b.made.changes].filter((n) => n > 0)).toHaveLength(1);
    expect(traces((await everything()).filter((i) => i.type !== 'erasure'))).toEqual([]);
    expect(await erasureNotices()).toHaveLength(1);
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
    expect(cardText(await say(persona.admin, personal(persona.admin), 'persondata zacharias'))).toContain('Ingen i rollelisten hedder »zacharias«');
    expect(cardText(await say(persona.admin, personal(persona.admin), 'persondata 11111111-2222-4333-8444-555555555555'))).toContain('Ikke i rollelisten');
    // Forged erase buttons were refused above; no pass has anything to erase.
    await http.sweep();
    expect(JSON.stringify(await everything())).toBe(print);
  });
});

describe('what it costs', () => {
  it('the card and its buttons read the directory and the audit entry only: no scan, whatever is stored', async () => {
    const requests = new CosmosRequestLog();
    await world(requests);
    const cost = async (run: () => Promise<unknown>) => {
      requests.clear();
      await run();
      return requests.operations();
    };
    const byId = await cost(() => say(persona.admin, personal(persona.admin), `persondata ${SOFIE.id}`));
    const byName = await cost(() => say(persona.admin, personal(persona.admin), 'persondata Sofie Nielsen'));
    const show = await cost(() => click(persona.admin, personal(persona.admin), 'persondata.show', { personId: SOFIE.id }));
    const ask = await cost(() => click(persona.admin, personal(persona.admin), 'persondata.eraseAsk', { personId: SOFIE.id }));
    const erase = await cost(() => click(persona.admin, personal(persona.admin), 'persondata.erase', { personId: SOFIE.id }));
    // Measured: the directory (who asks), the audit entry's point read, and Sofie's roster line (she is in no
    // group, so the directory item does not name her; for a group member it is 2).
    expect(byId).toEqual(['read docs', 'read docs', 'read docs']);
    expect(show).toEqual(['read docs', 'read docs', 'read docs']);
    expect(ask).toEqual(['read docs', 'read docs', 'read docs']);
    // By name: + the roster's people search (one TOP 11 query on the indexed nameFolded).
    expect([...byName].sort()).toEqual(['query docs', 'read docs', 'read docs', 'read docs']);
    // The confirm click: the directory, the audit entry's read and its create.
    expect(erase).toEqual(['read docs', 'read docs', 'create docs']);
  });

  it('an idle erasure pass is one query', async () => {
    const requests = new CosmosRequestLog();
    await world(requests);
    requests.clear();
    await sweepErasures({ personData: http.repos.personData, directories: http.repos.directories, clock: http.clock, outbox: http.repos.outbox }, 'instance-a');
    expect(requests.operations()).toEqual(['query docs']);
  });
});
