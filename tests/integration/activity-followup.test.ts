// Issue 12, point 7: an activity's follow-up. Seed 004: "aktiviteten skal have en afslutning, når den
// opsatte effekt er nået". At the evaluation date (09:00 Copenhagen time) the responsible person (1:1)
// and the kernegruppe's chat get the follow-up card, exactly once, also across a restart; the outcome
// (running, closed, continued with a new effect and date) is recorded through the bot by those allowed,
// and nobody else. The whole bot over HTTP on the embedded Cosmos, with the injected clock.

import type { Activity as BotActivity } from 'botbuilder';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startBot, type RunningBot } from '../../src/main.js';
import { activityOf, type Activity } from '../../src/domain/activity.js';
import type { CatalogueEntry } from '../../src/domain/catalogue.js';
import { activityIdOf, catalogueId } from '../../src/app/catalogue-ids.js';
import { scheduleFollowUp } from '../../src/app/activity-followup.js';
import { noticeId } from '../../src/app/notices.js';
import { botAdded, cardAction, message } from '../support/activities.js';
import { cardText, type Card } from '../support/bot-driver.js';
import { CosmosRequestLog } from '../support/cosmos.js';
import { conversations, DEMO_TENANT, persona, personal, type Conversation, type Persona } from '../support/demo.js';
import { HttpBot } from '../support/http-bot.js';
import { verbsOf } from '../support/card-actions.js';

const OTHER_TENANT = '0e000000-0000-4000-8000-00000000000e';
const chat = conversations.laeringChat;
const requests = new CosmosRequestLog();

let http: HttpBot;
const others: RunningBot[] = [];
beforeEach(async () => {
  requests.clear();
  // Ten days before an evaluation date just after the change to summer time (Sunday 28 March 2027).
  http = await HttpBot.start('2027-03-19T10:00:00Z', requests);
  await http.send(botAdded(persona.medarbejder, personal(persona.medarbejder)));
  http.connector.clear();
});
afterEach(async () => {
  for (const b of others.splice(0)) await b.close();
  await http.stop();
});

let bids = 0;
/** An activity as an award makes it (the award is another helper's): through the real repository, then scheduled as the award does. */
async function anActivity(v: { evaluationDate: string; groupId?: string; groupName?: string; responsible?: Persona; title?: string }): Promise<Activity> {
  const groupId = v.groupId ?? 'kernegruppe-laering';
  const bidId = `bid-followup-${++bids}`;
  const entry: CatalogueEntry = {
    bidId,
    tenderId: 'tender-followup',
    tenderTitle: 'Flere børn læser',
    bidNumber: bids,
    title: v.title ?? `Læsecafé på biblioteket ${bids}`,
    bidderId: persona.medarbejder.id,
    activityId: activityIdOf(bidId),
    forudsaetninger: ['laering-1'],
    crossCutting: false,
    cost: { oneOffKr: 150_000, yearlyKr: 400_000, source: 'konkretisering' },
    terms: { responsible: v.responsible ?? persona.medarbejder, expectedEffect: 'Flere børn låner bøger hver uge', startDate: '2027-02-01', evaluationDate: v.evaluationDate },
    decidedBy: 'kernegruppe',
    state: 'awarded',
    at: http.clock.now().toISOString(),
    by: persona.tovholder.id,
    byName: persona.tovholder.name,
  };
  const activity = activityOf(
    { id: entry.activityId, tenantId: DEMO_TENANT, groupId, groupName: v.groupName ?? 'Kernegruppe Læring', period: '2027', catalogueId: catalogueId(groupId, '2027'), entry },
    persona.tovholder.id,
    http.clock.now(),
  );
  expect(await http.repos.catalogues.createActivity(activity)).toBe('saved');
  await scheduleFollowUp({ ...http.repos, clock: http.clock }, activity);
  return activity;
}

const click = async (who: Persona, where: Conversation, verb: string, data: Record<string, unknown>, opts: { tenantId?: string } = {}) =>
  (await http.send(cardAction(who, where, verb, data, opts) as Partial<BotActivity>)).card;

/** The follow-up cards about this activity that reached a conversation. */
function followUpCardsIn(conversationId: string, title: string): Card[] {
  return http.connector
    .to(conversationId)
    .map((r) => r.activity.attachments?.[0]?.content as Card | undefined)
    .filter((c): c is Card => c !== undefined && cardText(c).includes(`Tid til opfølgning: ${title}`));
}
const oneToOne = personal(persona.medarbejder).id;

async function runAt(iso: string, bot: { runScheduledWork(): Promise<unknown> } = http.bot): Promise<void> {
  http.clock.set(new Date(iso));
  await bot.runScheduledWork();
}

async function anotherInstance(): Promise<RunningBot> {
  const bot = await startBot({ config: loadConfig({ PORT: '0' }), log: pino({ level: 'silent' }), cosmos: http.cosmos, clock: http.clock, scheduler: false });
  others.push(bot);
  return bot;
}

const stored = async (a: Activity) => (await http.repos.catalogues.getActivity(DEMO_TENANT, a.id))!;

describe('the follow-up reminder at the evaluation date', () => {
  it('comes exactly once at 09:00 Copenhagen time, after the change to summer time, to the responsible person and the group', async () => {
    const a = await anActivity({ evaluationDate: '2027-03-29' });
    // 09:00 CEST is 07:00 UTC; had the zone been forgotten (CET), it would come an hour late.
    await runAt('2027-03-29T06:59:00Z');
    expect(followUpCardsIn(oneToOne, a.title)).toHaveLength(0);
    expect(followUpCardsIn(chat.id, a.title)).toHaveLength(0);
    await runAt('2027-03-29T07:00:00Z');
    await runAt('2027-03-29T07:05:00Z');
    await runAt('2027-03-30T12:00:00Z');
    const [personalCard] = followUpCardsIn(oneToOne, a.title);
    expect(followUpCardsIn(oneToOne, a.title)).toHaveLength(1);
    expect(followUpCardsIn(chat.id, a.title)).toHaveLength(1);
    const said = cardText(personalCard);
    expect(said).toContain('som du er ansvarlig for');
    expect(said).toContain('Ansvarlig: Sofie Nielsen');
    expect(said).toContain('Forventet effekt: Flere børn låner bøger hver uge');
    expect(said).toContain('evalueringsdato 29. marts 2027');
    expect(said).toContain('Udgift: 150.000 kr. engangsudgift og 400.000 kr. om året');
    expect(verbsOf(personalCard)).toEqual(['activity.followUp', 'activity.show']);
    expect(JSON.stringify(personalCard)).toContain('"id":"outcome"');
    expect(cardText(followUpCardsIn(chat.id, a.title)[0])).toContain('tovholderen, cheferne og konsulenterne');
  });

  it('survives restarts: a bot stopped before the date, and another after sending, still send it once', async () => {
    const a = await anActivity({ evaluationDate: '2027-03-29' });
    await http.bot.close(); // never ran its sender
    const second = await anotherInstance();
    await runAt('2027-03-29T07:00:00Z', second);
    await second.close();
    const third = await anotherInstance();
    await runAt('2027-03-29T08:00:00Z', third);
    await runAt('2027-04-02T08:00:00Z', third);
    expect(followUpCardsIn(oneToOne, a.title)).toHaveLength(1);
    expect(followUpCardsIn(chat.id, a.title)).toHaveLength(1);
    // Scheduling it again (the award settled twice) makes nothing new.
    await scheduleFollowUp({ ...http.repos, clock: http.clock }, a);
    await runAt('2027-04-02T09:00:00Z', third);
    expect(followUpCardsIn(oneToOne, a.title)).toHaveLength(1);
  });

  it('is skipped when the activity was closed before the date', async () => {
    const a = await anActivity({ evaluationDate: '2027-03-29' });
    const closed = await click(persona.medarbejder, personal(persona.medarbejder), 'activity.followUp', { activityId: a.id, outcome: 'closed', note: 'Målet er nået før tid.' });
    expect(cardText(closed)).toContain('afsluttet – effekten er nået');
    await runAt('2027-03-29T07:00:00Z');
    await runAt('2027-03-30T07:00:00Z');
    expect(followUpCardsIn(oneToOne, a.title)).toHaveLength(0);
    expect(followUpCardsIn(chat.id, a.title)).toHaveLength(0);
    const reminder = await http.repos.outbox.get(DEMO_TENANT, noticeId(`activity.followUp|${a.id}|2027-03-29`, persona.medarbejder.id));
    expect(reminder?.value.status).toBe('skipped');
  });

  it('a continued activity is reminded at its new date (after the change back to winter time), not at the old one', async () => {
    const a = await anActivity({ evaluationDate: '2027-03-29' });
    const answer = await click(persona.tovholder, chat, 'activity.followUp', {
      activityId: a.id,
      outcome: 'continued',
      note: 'Godt i gang, men for tidligt at se effekten.',
      newEffect: 'Halvdelen af 3. klasserne låner bøger hver uge',
      newEvaluationDate: '2027-11-01',
    });
    expect(cardText(answer)).toContain('Der kommer en påmindelse igen 1. november 2027');
    await runAt('2027-03-29T07:00:00Z');
    await runAt('2027-03-30T07:00:00Z');
    expect(followUpCardsIn(oneToOne, a.title)).toHaveLength(0);
    // Sunday 31 October 2027 ends summer time: 09:00 CET on 1 November is 08:00 UTC.
    await runAt('2027-11-01T07:59:00Z');
    expect(followUpCardsIn(oneToOne, a.title)).toHaveLength(0);
    await runAt('2027-11-01T08:00:00Z');
    await runAt('2027-11-02T08:00:00Z');
    expect(followUpCardsIn(oneToOne, a.title)).toHaveLength(1);
    expect(followUpCardsIn(chat.id, a.title)).toHaveLength(1);
    expect(cardText(followUpCardsIn(oneToOne, a.title)[0])).toContain('Forventet effekt: Halvdelen af 3. klasserne låner bøger hver uge');
    const old = await http.repos.outbox.get(DEMO_TENANT, noticeId(`activity.followUp|${a.id}|2027-03-29`, persona.medarbejder.id));
    expect(old?.value.status).toBe('skipped');
  });
});

describe('recording the outcome through the bot', () => {
  it('still running: stored with the note, the activity runs on, the group is told', async () => {
    const a = await anActivity({ evaluationDate: '2027-03-29' });
    http.clock.set(new Date('2027-03-29T07:30:00Z'));
    const form = await click(persona.medarbejder, personal(persona.medarbejder), 'activity.followUpForm', { activityId: a.id });
    expect(verbsOf(form)).toEqual(['activity.followUp', 'activity.show']);
    const answer = await click(persona.medarbejder, personal(persona.medarbejder), 'activity.followUp', { activityId: a.id, outcome: 'running', note: 'Vi venter på forårets tal.' });
    expect(cardText(answer)).toContain('Opfølgningen er registreret');
    expect(cardText(answer)).toContain('stadig i gang');
    expect(cardText(answer)).toContain('Bemærkning: Vi venter på forårets tal.');
    const s = (await stored(a)).value;
    expect(s.status).toBe('running');
    expect(s.followUps).toMatchObject([{ outcome: 'running', note: 'Vi venter på forårets tal.', by: persona.medarbejder.id, byName: persona.medarbejder.name }]);
    await http.sweep();
    const told = http.connector.to(chat.id).map((r) => cardText(r.activity.attachments?.[0]?.content));
    expect(told.filter((t) => t.includes(`Opfølgning registreret: ${a.title}`))).toHaveLength(1);
  });

  it('effect reached: closed, and the card offers no more follow-up', async () => {
    const a = await anActivity({ evaluationDate: '2027-03-29' });
    http.clock.set(new Date('2027-03-29T07:30:00Z'));
    const answer = await click(persona.konsulent, chat, 'activity.followUp', { activityId: a.id, outcome: 'closed', note: '' });
    expect(cardText(answer)).toContain('Status: afsluttet – effekten er nået');
    expect(verbsOf(answer)).toEqual(['activity.history']);
    expect((await stored(a)).value.status).toBe('closed');
    const again = await click(persona.medarbejder, personal(persona.medarbejder), 'activity.followUp', { activityId: a.id, outcome: 'running', note: 'Alligevel ikke' });
    expect(cardText(again)).toContain('Aktiviteten er allerede afsluttet');
    expect(cardText(again)).toContain('Alligevel ikke');
  });

  it('continued: the new effect and evaluation date are stored; refusals bring the form back with what was typed and store nothing', async () => {
    const a = await anActivity({ evaluationDate: '2027-03-29' });
    http.clock.set(new Date('2027-03-29T07:30:00Z'));
    const before = (await stored(a)).etag;
    const typed = { activityId: a.id, outcome: 'continued', note: 'Effekten er på vej.', newEffect: '', newEvaluationDate: '2027-09-01' };
    const noEffect = await click(persona.admin, personal(persona.admin), 'activity.followUp', typed);
    expect(cardText(noEffect)).toContain('Skriv den nye forventede effekt');
    expect(JSON.stringify(noEffect)).toContain('"value":"Effekten er på vej."');
    expect(JSON.stringify(noEffect)).toContain('"value":"2027-09-01"');
    // Today (Copenhagen) is not after today.
    const today = await click(persona.admin, personal(persona.admin), 'activity.followUp', { ...typed, newEffect: 'Ny effekt', newEvaluationDate: '2027-03-29' });
    expect(cardText(today)).toContain('Vælg en ny evalueringsdato efter i dag (29. marts 2027)');
    expect(JSON.stringify(today)).toContain('"value":"Ny effekt"');
    const noDay = await click(persona.admin, personal(persona.admin), 'activity.followUp', { ...typed, newEffect: 'Ny effekt', newEvaluationDate: '2027-02-31' });
    expect(cardText(noDay)).toContain('Vælg en ny evalueringsdato');
    const long = 'x'.repeat(2001);
    const tooLong = await click(persona.admin, personal(persona.admin), 'activity.followUp', { ...typed, outcome: 'running', note: long });
    expect(cardText(tooLong)).toContain('Bemærkningen er for lang: højst 2000 tegn');
    expect(JSON.stringify(tooLong)).toContain(long);
    const noOutcome = await click(persona.admin, personal(persona.admin), 'activity.followUp', { ...typed, outcome: '' });
    expect(cardText(noOutcome)).toContain('Vælg, hvordan det er gået med aktiviteten');
    expect((await stored(a)).etag).toBe(before);

    const ok = await click(persona.admin, personal(persona.admin), 'activity.followUp', { ...typed, newEffect: 'Halvdelen af 3. klasserne låner bøger' });
    expect(cardText(ok)).toContain('Opfølgningen er registreret');
    const s = (await stored(a)).value;
    expect(s).toMatchObject({ status: 'running', expectedEffect: 'Halvdelen af 3. klasserne låner bøger', evaluationDate: '2027-09-01' });
    expect(s.followUps).toMatchObject([{ outcome: 'continued', newEffect: 'Halvdelen af 3. klasserne låner bøger', newEvaluationDate: '2027-09-01', byName: persona.admin.name }]);
  });
});

describe('forged records', () => {
  it('from a stranger, another tenant, a member who is no manager, and another group are refused, and nothing is stored', async () => {
    const a = await anActivity({ evaluationDate: '2027-03-29' });
    const other = await anActivity({ evaluationDate: '2027-03-29', groupId: 'kernegruppe-beskaeftigelse', groupName: 'Kernegruppe Beskæftigelse', responsible: persona.konsulent });
    http.clock.set(new Date('2027-03-29T07:30:00Z'));
    const etags = [(await stored(a)).etag, (await stored(other)).etag];
    const outboxBefore = await noticesStored();
    const data = (id: string) => ({ activityId: id, outcome: 'closed', note: 'Forfalsket' });
    const answers = [
      await click(persona.outsider, personal(persona.outsider), 'activity.followUp', data(a.id)),
      await click(persona.admin, personal(persona.admin), 'activity.followUp', data(a.id), { tenantId: OTHER_TENANT }),
      await click(persona.politiker, chat, 'activity.followUp', data(a.id)),
      await click(persona.tovholder, chat, 'activity.followUp', data(other.id)),
      await click(persona.outsider, personal(persona.outsider), 'activity.followUpForm', { activityId: a.id }),
      await click(persona.outsider, personal(persona.outsider), 'activity.show', { activityId: a.id }),
      await click(persona.outsider, personal(persona.outsider), 'activity.history', { activityId: a.id }),
    ];
    const said = answers.map(cardText);
    expect(said[0]).toContain('Aktiviteten findes ikke, eller du har ikke adgang til den');
    expect(said[0]).toContain('Forfalsket'); // what was typed is shown back
    expect(said[1]).toContain('Aktiviteten findes ikke');
    expect(said[2]).toContain('Kun den ansvarlige, kernegruppens tovholder, chefer og konsulenter samt administratorer');
    expect(said[3]).toContain('Aktiviteten findes ikke');
    for (const s of said.slice(4)) expect(s).toContain('Aktiviteten findes ikke');
    for (const s of said) expect(s).not.toContain('Læsecafé');
    expect([(await stored(a)).etag, (await stored(other)).etag]).toEqual(etags);
    expect(await noticesStored()).toEqual(outboxBefore);
  });
});

async function noticesStored(): Promise<number> {
  const { resources } = await http.cosmos.containers.reminders.items.query("SELECT VALUE COUNT(1) FROM c WHERE c.id >= 'ntc-' AND c.id < 'ntd'").fetchAll();
  return resources[0] as number;
}

describe('the activity card and its history', () => {
  it('members see the activity; the history lists every change with who (by name), when (Copenhagen time), what and why', async () => {
    const a = await anActivity({ evaluationDate: '2027-03-29' });
    http.clock.set(new Date('2027-03-29T07:30:00Z'));
    await click(persona.medarbejder, personal(persona.medarbejder), 'activity.followUp', { activityId: a.id, outcome: 'running', note: 'Vi venter på tal.' });
    http.clock.set(new Date('2027-03-30T12:15:00Z'));
    await click(persona.tovholder, chat, 'activity.followUp', { activityId: a.id, outcome: 'continued', note: 'Tallene er lovende.', newEffect: 'Flere drenge læser', newEvaluationDate: '2027-10-01' });
    http.clock.set(new Date('2027-10-01T08:00:00Z'));
    await click(persona.konsulent, chat, 'activity.followUp', { activityId: a.id, outcome: 'closed', note: 'Effekten er nået.' });

    const card = await click(persona.politiker, chat, 'activity.show', { activityId: a.id });
    const said = cardText(card);
    expect(said).toContain('Status: afsluttet');
    expect(said).toContain('Sofie Nielsen: stadig i gang');
    expect(said).toContain('Johan Kristensen: fortsætter med ny forventet effekt »Flere drenge læser« og ny evalueringsdato 1. oktober 2027');
    expect(said).toContain('Hanne Graversen: effekten er nået – afsluttet');
    // A politician of the group may read but not record.
    expect(verbsOf(card)).toEqual(['activity.history']);

    const history = cardText(await click(persona.medarbejder, personal(persona.medarbejder), 'activity.history', { activityId: a.id }));
    const entries = history.split('\n').filter((l) => / · \*\*/.test(l));
    expect(entries).toHaveLength(4);
    expect(entries[0]).toContain('fredag 19. marts 2027 kl. 11.00 · **Johan Kristensen**: aktiviteten blev oprettet (kernegruppen tildelte buddet)');
    expect(entries[1]).toContain('mandag 29. marts 2027 kl. 09.30 · **Sofie Nielsen**: registrerede opfølgning: stadig i gang');
    expect(entries[2]).toContain('tirsdag 30. marts 2027 kl. 14.15 · **Johan Kristensen**: registrerede opfølgning: fortsætter');
    expect(entries[3]).toContain('fredag 1. oktober 2027 kl. 10.00 · **Hanne Graversen**: registrerede opfølgning: effekten er nået');
    expect(history).toContain('Hvorfor: Vi venter på tal.');
    expect(history).toContain('Hvorfor: Flere drenge læser · Tallene er lovende.');
    expect(history).toContain('Hvorfor: Effekten er nået.');
  });

  it('a long history is paged and every page stays under 40 KB', async () => {
    const a = await anActivity({ evaluationDate: '2027-03-29' });
    http.clock.set(new Date('2027-03-29T07:30:00Z'));
    for (let i = 0; i < 40; i++) {
      await click(persona.medarbejder, personal(persona.medarbejder), 'activity.followUp', { activityId: a.id, outcome: 'running', note: `Status ${i}: ${'<*>'.repeat(660)}` });
    }
    expect((await stored(a)).value.history).toHaveLength(41);
    const pages: Card[] = [];
    for (let page = 1; page <= 3; page++) pages.push((await click(persona.medarbejder, personal(persona.medarbejder), 'activity.history', { activityId: a.id, page: String(page) }))!);
    for (const p of pages) expect(JSON.stringify(p).length).toBeLessThan(40_000);
    expect(cardText(pages[0])).toContain('Side 1 af 3 · 41 ændringer i alt');
    expect(verbsOf(pages[0])).toEqual(['activity.history', 'activity.show']);
    expect(verbsOf(pages[1])).toEqual(['activity.history', 'activity.history', 'activity.show']);
    expect(cardText(pages[2])).toContain('Status 39');
    const card = await click(persona.medarbejder, personal(persona.medarbejder), 'activity.show', { activityId: a.id });
    expect(JSON.stringify(card).length).toBeLessThan(40_000);
  });
});

describe('"aktiviteter" in the kernegruppe\'s chat', () => {
  it("lists the group's activities, due evaluations first, with Vis, reading one bounded query", async () => {
    const later = await anActivity({ evaluationDate: '2027-09-01', title: 'Lektiecafé' });
    const due = await anActivity({ evaluationDate: '2027-03-20', title: 'Læsemakker' });
    await anActivity({ evaluationDate: '2027-01-01', groupId: 'kernegruppe-beskaeftigelse', groupName: 'Kernegruppe Beskæftigelse', title: 'Jobcafé' });
    http.clock.set(new Date('2027-03-22T10:00:00Z'));
    await http.send(message(persona.politiker, chat, 'hjælp') as Partial<BotActivity>); // warms the directory cache
    requests.clear();
    const answer = await http.send(message(persona.politiker, chat, 'aktiviteter') as Partial<BotActivity>);
    const card = answer.sent.map((r) => r.activity.attachments?.[0]?.content as Card)[0];
    const said = cardText(card);
    expect(said).toContain('Aktiviteter i Kernegruppe Læring');
    expect(said.indexOf('Læsemakker')).toBeLessThan(said.indexOf('Lektiecafé'));
    expect(said).toContain('⚠ Evalueringsdatoen er nået · ansvarlig: Sofie Nielsen');
    expect(said).not.toContain('Jobcafé');
    expect(verbsOf(card)).toEqual(['activity.show', 'activity.show']);
    expect(JSON.stringify(card)).toContain(due.id);
    expect(JSON.stringify(card)).toContain(later.id);
    // The directory (a 304 when unchanged) and one query, TOP 26 and projected.
    expect(requests.operations()).toHaveLength(2);
    expect(requests.queries).toHaveLength(1);
    expect(requests.queries[0]!.query).toMatch(/^SELECT TOP 26 c\.id, c\.title, c\.status, c\.evaluationDate, c\.responsible FROM c WHERE c\.pk = @pk/);
  });

  it("is on the help card in the kernegruppe's chat for its members, not in a 1:1 chat", async () => {
    const help = async (who: Persona, where: Conversation) => cardText((await http.send(message(who, where, 'hjælp') as Partial<BotActivity>)).sent[0]?.activity.attachments?.[0]?.content);
    expect(await help(persona.politiker, chat)).toContain('Kernegruppens aktiviteter med evalueringsdato');
    expect(await help(persona.politiker, personal(persona.politiker))).not.toContain('Kernegruppens aktiviteter med evalueringsdato');
    expect(await help(persona.medarbejder, chat)).not.toContain('Kernegruppens aktiviteter med evalueringsdato');
  });

  it('is refused in a 1:1 chat and to someone outside the group', async () => {
    await anActivity({ evaluationDate: '2027-09-01' });
    const inPersonal = await http.send(message(persona.politiker, personal(persona.politiker), 'aktiviteter') as Partial<BotActivity>);
    expect(cardText(inPersonal.sent[0]?.activity.attachments?.[0]?.content)).toContain('Aktiviteterne vises i en kernegruppes chat');
    const outsider = await http.send(message(persona.medarbejder, chat, 'activities') as Partial<BotActivity>);
    expect(cardText(outsider.sent[0]?.activity.attachments?.[0]?.content)).toContain('Kun kernegruppens medlemmer og administratorer');
  });

  it('what each click costs in Cosmos DB requests', async () => {
    const a = await anActivity({ evaluationDate: '2027-03-29' });
    http.clock.set(new Date('2027-03-29T07:30:00Z'));
    await click(persona.tovholder, chat, 'activity.show', { activityId: a.id }); // warms the directory cache
    const count = async (f: () => Promise<unknown>) => {
      requests.clear();
      await f();
      return requests.operations().length;
    };
    // The directory (304) and the activity.
    expect(await count(() => click(persona.tovholder, chat, 'activity.show', { activityId: a.id }))).toBe(2);
    expect(await count(() => click(persona.tovholder, chat, 'activity.history', { activityId: a.id }))).toBe(2);
    expect(await count(() => click(persona.tovholder, chat, 'activity.followUpForm', { activityId: a.id }))).toBe(2);
    // The directory, the activity, its write, and the group's notice.
    expect(await count(() => click(persona.tovholder, chat, 'activity.followUp', { activityId: a.id, outcome: 'running', note: 'Godt i gang' }))).toBe(4);
    // A continuation also schedules the two reminders at the new date.
    expect(
      await count(() => click(persona.tovholder, chat, 'activity.followUp', { activityId: a.id, outcome: 'continued', note: '', newEffect: 'Mere', newEvaluationDate: '2027-06-01' })),
    ).toBe(6);
  });
});
