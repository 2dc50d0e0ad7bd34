// The dialogmøde agenda end to end over HTTP: the teams-ai Application with several politicians, the
// embedded Cosmos protocol server, a recording Teams connector and a set clock. The call for topics
// and the last call reach the Byråd's chat, topics are added from the card and 1:1, the shared card
// is redrawn without flooding the chat, the agenda locks at 14:00:00 sharp, late topics are refused
// with a way onto the next meeting, a moved meeting moves the cutoff, a cancelled one hands its
// topics on, and a topic racing the lock is either on the final agenda or told it is not.

import pino from 'pino';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { afterEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { sweepAgendas } from '../../src/app/agenda.js';
import { loadConfig } from '../../src/config.js';
import { startBot } from '../../src/main.js';
import { orderedTopics } from '../../src/domain/agenda.js';
import { TeamsNotifier } from '../../src/adapters/teams/teams-notifier.js';
import { cardAction, message } from '../support/activities.js';
import { cardText, type Card } from '../support/bot-driver.js';
import { dataOf, verbsOf } from '../support/card-actions.js';
import { TestClock } from '../support/clock.js';
import { conversations, DEMO_TENANT, persona, personal, type Persona } from '../support/demo.js';
import { HttpBot } from '../support/http-bot.js';

let http: HttpBot;
afterEach(async () => {
  await http.stop();
});

const byraad = conversations.byraadChannel;
const DECEMBER = 'dialogmoede-2026-12'; // Monday 7 December 2026 14:00 (13:00Z)
const JANUARY = 'dialogmoede-2027-01'; // Monday 4 January 2027 14:00
const START = '2026-12-07T13:00:00.000Z';

/** Politicians of the demo Byråd besides Mette Holm (persona.politiker). */
const anders = { id: 'd0000000-0000-4000-8000-000000000007', name: 'Anders Pedersen' };
const lars = { id: 'd0000000-0000-4000-8000-000000000008', name: 'Lars Petersen' };
const jens = { id: 'd0000000-0000-4000-8000-000000000009', name: 'Jens Møller' };
const lone = { id: 'd0000000-0000-4000-8000-000000000016', name: 'Lone Lund' };

const topicA = { title: 'Ældre og ensomhed', why: 'Flere ældre bor alene; hvad kan opgaveudvalget gøre?', part: '1', committee: 'Social Omsorg' };
const topicB = { title: 'Cykelstier på blankt papir', why: 'En åben drøftelse af, hvor vi vil hen med cyklismen.', part: '2', committee: '' };

const click = (who: Persona, where: Parameters<typeof cardAction>[1], verb: string, data: Record<string, unknown> = {}) => http.send(cardAction(who, where, verb, data) as Partial<Activity>);
const say = (who: Persona, where: Parameters<typeof message>[1], text: string) => http.send(message(who, where, text) as Partial<Activity>);
const cardIn = (a: Partial<Activity> | undefined) => a?.attachments?.[0]?.content as Card;
const agendaOf = async (meetingId = DECEMBER) => (await http.repos.agendas.get(DEMO_TENANT, meetingId))?.value;
const titles = async (meetingId = DECEMBER) => orderedTopics(await agendaOf(meetingId)).map((t) => t.title);

/** Opens the form from wherever the person is and sends it. */
async function addTopic(who: Persona, where: Parameters<typeof cardAction>[1], fields: Record<string, string>, meetingId?: string) {
  const form = await click(who, where, 'topic.new', meetingId ? { meetingId } : {});
  const submit = dataOf(form.card, 'topic.submit');
  return click(who, where, 'topic.submit', { ...submit, ...fields });
}

/** Starts the bot at `now` and lets the scheduler post the call for topics (due a week before, 30 November 14:00). */
async function withCallPosted(now = '2026-11-30T13:00:00Z') {
  http = await HttpBot.start(now);
  const sent = await http.sweep();
  return sent.filter((r) => r.conversationId === byraad.id && r.method === 'POST');
}

describe('the call for topics', () => {
  it('is posted to the Byråd’s chat a week before, with the meeting, Tilføj emne and a refresh into each reader’s own view', async () => {
    http = await HttpBot.start('2026-11-30T12:59:00Z');
    expect((await http.sweep()).filter((r) => r.conversationId === byraad.id)).toEqual([]);
    http.clock.set('2026-11-30T13:00:00Z');
    const posts = (await http.sweep()).filter((r) => r.conversationId === byraad.id && r.method === 'POST');
    expect(posts).toHaveLength(1);
    const card = cardIn(posts[0]!.activity);
    expect(cardText(card)).toContain('Dialogmøde mandag 7. december 2026 kl. 14.00');
    expect(cardText(card)).toContain('Der er ingen emner endnu');
    expect(verbsOf(card)).toEqual(expect.arrayContaining(['topic.new', 'agenda.show']));
    expect((card as { refresh?: { action: { verb: string } } }).refresh?.action.verb).toBe('agenda.show');
    // Posting twice is not possible: a second run sends nothing.
    expect((await http.sweep()).filter((r) => r.conversationId === byraad.id)).toEqual([]);
    expect((await agendaOf())!.cards).toHaveLength(1);
  });

  it('is listed for admins under "påmindelser" by names, not ids', async () => {
    await withCallPosted();
    const status = cardText(cardIn((await say(persona.admin, personal(persona.admin), 'påmindelser')).sent[0]!.activity));
    expect(status).toContain('Dialogmøde mandag 7. december 2026 kl. 14.00 · 2 timer før · Byrådet');
    expect(status).not.toContain('dialogmoede-2h');
  });

  it('is followed by a last call two hours before the start, and both cards show the topics', async () => {
    await withCallPosted();
    await addTopic(persona.politiker, byraad, topicA);
    http.clock.set('2026-12-07T11:00:00Z');
    const sent = await http.sweep();
    const lastCall = sent.filter((r) => r.conversationId === byraad.id && r.method === 'POST');
    expect(lastCall).toHaveLength(1);
    expect(cardText(cardIn(lastCall[0]!.activity))).toContain('Sidste kald');
    expect(cardText(cardIn(lastCall[0]!.activity))).toContain('Ældre og ensomhed');
    expect((await agendaOf())!.cards.map((c) => c.stage)).toEqual(['call', 'lastCall']);
  });
});

describe('politicians add topics', () => {
  it('from the card: a receipt on the card at once, then (after the click) one 1:1 receipt and the shared card redrawn once', async () => {
    expect(await withCallPosted()).toHaveLength(1);
    const form = await click(persona.politiker, byraad, 'topic.new', { meetingId: DECEMBER });
    expect(cardText(form.card)).toContain('Nyt emne til dialogmødet mandag 7. december 2026 kl. 14.00');
    http.connector.delayMs = 150; // a slow Teams: 150 ms a call
    const callsBefore = http.connector.calls.length;
    const clicked = await click(persona.politiker, byraad, 'topic.submit', { ...dataOf(form.card, 'topic.submit'), ...topicA });
    expect(http.connector.calls.length).toBe(callsBefore); // not one call to Teams inside the click
    const sent = { ...clicked, sent: await http.sweep() };
    http.connector.delayMs = 0;
    expect(cardText(sent.card)).toContain('Dit emne er sat på dagsordenen til dialogmødet mandag 7. december 2026 kl. 14.00');
    expect(cardText(sent.card)).toContain('Ældre og ensomhed');
    expect(verbsOf(sent.card)).toEqual(expect.arrayContaining(['topic.edit', 'topic.withdrawAsk']));
    // 1:1: Teams opens the chat with the author, and the receipt goes there.
    expect(http.connector.created.map((c) => c.members[0]!.id)).toEqual([`29:${persona.politiker.id}`]);
    const oneOnOne = sent.sent.filter((r) => r.conversationId.startsWith('a:1on1-'));
    expect(cardText(cardIn(oneOnOne[0]!.activity))).toContain('Dit emne er sat på dagsordenen');
    // The call for topics in the Byråd's chat now lists it, for everyone.
    const update = sent.sent.filter((r) => r.method === 'PUT' && r.conversationId === byraad.id);
    expect(update).toHaveLength(1);
    expect(update[0]!.path.endsWith(`/activities/${(await agendaOf())!.cards[0]!.activityId}`)).toBe(true);
    expect(cardText(cardIn(update[0]!.activity))).toContain('Ældre og ensomhed');
    expect(cardText(cardIn(update[0]!.activity))).toContain('Mette Holm');
    expect(cardText(cardIn(update[0]!.activity))).toContain('Del 1');
    // Exactly once: the next run sends nothing more.
    expect((await http.sweep()).filter((r) => r.conversationId.startsWith('a:1on1-') || r.conversationId === byraad.id)).toEqual([]);
  });

  /** What one topic added from the Byråd's chat sent: 1:1 receipts to the author, redraws of the call. */
  async function oneTopicThen(run: () => Promise<unknown>) {
    await withCallPosted();
    http.connector.clear();
    await addTopic(persona.politiker, byraad, topicA);
    await run();
    await http.sweep();
    return {
      receipts: http.connector.received.filter((r) => r.conversationId === `a:1on1-29:${persona.politiker.id}`).map((r) => cardText(cardIn(r.activity))),
      redraws: http.connector.received.filter((r) => r.method === 'PUT' && r.conversationId === byraad.id).map((r) => cardText(cardIn(r.activity))),
    };
  }

  it('sends the receipt and the redraw once when two instances send at the same time', async () => {
    const second = await startBot({ config: loadConfig({ PORT: '0' }), log: pino({ level: 'silent' }), cosmos: http.cosmos, clock: http.clock, scheduler: false });
    try {
      const { receipts, redraws } = await oneTopicThen(() => Promise.all([http.bot.runScheduledWork(), second.runScheduledWork()]));
      expect(receipts).toHaveLength(1);
      expect(receipts[0]).toContain('Dit emne er sat på dagsordenen');
      expect(redraws).toHaveLength(1);
      expect(redraws[0]).toContain('Ældre og ensomhed');
    } finally {
      await second.close();
    }
  });

  it('sends the receipt and the redraw once when Teams answers 429 once', async () => {
    const { receipts, redraws } = await oneTopicThen(async () => {
      http.connector.retryAfterSeconds = 0;
      http.connector.throttleNext = 1;
      await http.sweep();
    });
    expect(http.connector.throttled).toBe(1);
    expect(receipts).toHaveLength(1);
    expect(redraws).toHaveLength(1);
    expect(redraws[0]).toContain('Ældre og ensomhed');
  });

  it('by writing "emne" to the bot 1:1, with the receipt only there', async () => {
    await withCallPosted();
    const me = personal(persona.politiker);
    const form = await say(persona.politiker, me, 'emne');
    const formCard = cardIn(form.sent[0]!.activity);
    expect(cardText(formCard)).toContain('Nyt emne til dialogmødet mandag 7. december 2026 kl. 14.00');
    const sent = await click(persona.politiker, me, 'topic.submit', { ...dataOf(formCard, 'topic.submit'), ...topicB });
    expect(cardText(sent.card)).toContain('Dit emne er sat på dagsordenen');
    expect(http.connector.created).toEqual([]);
    expect(await titles()).toEqual(['Cykelstier på blankt papir']);
    expect((await agendaOf())!.topics[0]!.part).toBe(2);
  });

  it('a politician’s help card offers Tilføj emne and the agenda; an employee’s does not', async () => {
    http = await HttpBot.start('2026-11-30T13:00:00Z');
    const help = cardIn((await say(persona.politiker, personal(persona.politiker), 'hjælp')).sent[0]!.activity);
    expect(verbsOf(help)).toEqual(expect.arrayContaining(['topic.new', 'agenda.show']));
    expect(cardText(help)).toContain('emne');
    const theirs = await click(persona.politiker, personal(persona.politiker), 'topic.new', dataOf(help, 'topic.new'));
    expect(cardText(theirs.card)).toContain('Nyt emne til dialogmødet mandag 7. december 2026 kl. 14.00');
    const employee = cardIn((await say(persona.medarbejder, personal(persona.medarbejder), 'hjælp')).sent[0]!.activity);
    expect(verbsOf(employee)).not.toContain('topic.new');
  });

  it('a form posted in the channel and filled in by two people makes two topics, each their own', async () => {
    await withCallPosted();
    const posted = await say(persona.politiker, byraad, 'nyt emne');
    const submit = dataOf(cardIn(posted.sent[0]!.activity), 'topic.submit');
    const lars1 = await click(lars, byraad, 'topic.submit', { ...submit, ...topicB });
    const mette = await click(persona.politiker, byraad, 'topic.submit', { ...submit, ...topicA });
    expect(cardText(lars1.card)).toContain('Cykelstier på blankt papir');
    expect(cardText(mette.card)).toContain('Dit emne er sat på dagsordenen');
    expect(cardText(mette.card)).toContain('Ældre og ensomhed');
    expect(cardText(mette.card)).not.toContain('administrator');
    expect((await titles()).sort()).toEqual([topicA.title, topicB.title].sort());
  });

  it('"nyt emne «titel»" opens the form with the title filled in', async () => {
    await withCallPosted();
    const form = cardIn((await say(persona.politiker, personal(persona.politiker), 'nyt emne: Trafik i midtbyen')).sent[0]!.activity);
    expect(JSON.stringify(form)).toContain('"value":"Trafik i midtbyen"');
  });

  it('the same form sent twice is one topic', async () => {
    await withCallPosted();
    const form = await click(persona.politiker, byraad, 'topic.new', {});
    const data = { ...dataOf(form.card, 'topic.submit'), ...topicA };
    await click(persona.politiker, byraad, 'topic.submit', data);
    const again = await click(persona.politiker, byraad, 'topic.submit', data);
    expect(cardText(again.card)).toContain('Dit emne er sat på dagsordenen');
    expect(await titles()).toEqual(['Ældre og ensomhed']);
  });

  it('politely refuses someone who is not a politician, storing nothing and showing their text back', async () => {
    await withCallPosted();
    const asked = await say(persona.medarbejder, personal(persona.medarbejder), 'nyt emne');
    expect(cardText(cardIn(asked.sent[0]!.activity))).toContain('Det er byrådets medlemmer, der sætter emner på');
    // A form forwarded by someone else is refused just the same, with the text shown back.
    const sent = await click(persona.medarbejder, byraad, 'topic.submit', { meetingId: DECEMBER, submissionId: 'forwarded-1', ...topicA });
    expect(cardText(sent.card)).toContain('Det er byrådets medlemmer');
    expect(cardText(sent.card)).toContain('Flere ældre bor alene');
    expect(await agendaOf()).toEqual(expect.objectContaining({ topics: [] }));
  });

  it('gives the form back with the input kept and a Danish message at each bad field', async () => {
    await withCallPosted();
    const form = await click(persona.politiker, byraad, 'topic.new', {});
    const longWhy = 'x'.repeat(2001);
    const bad = await click(persona.politiker, byraad, 'topic.submit', { ...dataOf(form.card, 'topic.submit'), title: '', why: longWhy, part: '' });
    const text = cardText(bad.card);
    expect(text).toContain('Skriv en titel.');
    expect(text).toContain('Højst 2.000 tegn – du skrev 2.001.');
    expect(text).toContain('Vælg, hvilken del af mødet emnet hører til.');
    expect(JSON.stringify(bad.card)).toContain(longWhy);
    expect(verbsOf(bad.card)).toContain('topic.submit');
    expect((await agendaOf())!.topics).toEqual([]);
  });

  it('lets chefs add topics only where the tenant has said so', async () => {
    await withCallPosted();
    const chef = persona.tovholder; // Johan Kristensen is a chef in the demo roster
    expect(cardText(cardIn((await say(chef, personal(chef), 'emne')).sent[0]!.activity))).toContain('Det er byrådets medlemmer');
    const settings = await http.repos.calendars.get(DEMO_TENANT);
    const base = settings?.value ?? { tenantId: DEMO_TENANT, config: (await import('../../src/domain/calendar.js')).DEFAULT_CALENDAR, overrides: [], warned: [] };
    await http.repos.calendars.save({ ...base, agenda: { chefsMayAddTopics: true } }, settings?.etag);
    const sent = await addTopic(chef, personal(chef), topicB);
    expect(cardText(sent.card)).toContain('Dit emne er sat på dagsordenen');
  });
});

describe('editing and withdrawing', () => {
  it('only the author (or an admin) changes a topic; an admin’s change is told to the author', async () => {
    await withCallPosted();
    const added = await addTopic(persona.politiker, byraad, topicA);
    const ref = dataOf(added.card, 'topic.edit');
    // Another politician's view has no buttons on it, and a forged press is refused.
    const othersView = await click(anders, byraad, 'agenda.show', { meetingId: DECEMBER });
    expect(verbsOf(othersView.card)).not.toContain('topic.edit');
    const forged = await click(anders, byraad, 'topic.save', { ...ref, ...topicA, title: 'Kapret' });
    expect(cardText(forged.card)).toContain('Kun den, der har sat emnet på');
    expect(cardText(forged.card)).toContain('Kapret');
    // The author edits.
    const form = await click(persona.politiker, byraad, 'topic.edit', ref);
    expect(JSON.stringify(form.card)).toContain('Ældre og ensomhed');
    const saved = await click(persona.politiker, byraad, 'topic.save', { ...ref, ...topicA, title: 'Ældre, ensomhed og fællesskab' });
    expect(cardText(saved.card)).toContain('Dit emne er rettet');
    expect(await titles()).toEqual(['Ældre, ensomhed og fællesskab']);
    // The admin withdraws it on the author's behalf; the author is told 1:1.
    await http.sweep();
    http.connector.clear();
    const asked = await click(persona.admin, byraad, 'topic.withdrawAsk', ref);
    expect(cardText(asked.card)).toContain('Træk emnet tilbage?');
    const withdrawn = await click(persona.admin, byraad, 'topic.withdraw', ref);
    // The admin reads whose topic it was, not "your topic"; the author reads who did it.
    expect(cardText(withdrawn.card)).toContain('Mette Holms emne er trukket tilbage');
    expect(http.connector.created).toEqual([]); // told after the click
    await http.sweep();
    expect(http.connector.created.map((c) => c.members[0]!.id)).toEqual([`29:${persona.politiker.id}`]);
    const told = cardText(cardIn(http.connector.received.find((r) => r.conversationId.startsWith('a:1on1-'))!.activity));
    expect(told).toContain('Dit emne er trukket tilbage');
    expect(told).toContain('Ændringen er lavet af Henrik Dahl (administrator)');
    expect(await titles()).toEqual([]);
  });
});

describe('a card Teams no longer has', () => {
  it('is forgotten after one failed update, not retried at every redraw', async () => {
    await withCallPosted();
    http.connector.refuse.set(byraad.id, 404); // someone deleted the call for topics
    await addTopic(persona.politiker, personal(persona.politiker), topicA);
    await http.sweep(); // the redraw goes out after the click
    expect((await agendaOf())!.cards).toEqual([]);
    http.connector.refuse.delete(byraad.id);
    http.clock.advance(10_000);
    http.connector.clear();
    await addTopic(lars, personal(lars), topicB);
    await http.sweep();
    expect(http.connector.received.filter((r) => r.method === 'PUT')).toEqual([]);
  });
});

describe('the shared card under load', () => {
  it('is redrawn at most once per 10 seconds however many topics arrive, and catches up on the next sweep', async () => {
    await withCallPosted();
    http.connector.clear();
    const people = [persona.politiker, anders, lars, jens, lone];
    await Promise.all(people.map((p, i) => addTopic(p, byraad, { ...topicA, title: `Emne ${i + 1}` })));
    const updates = () => http.connector.received.filter((r) => r.method === 'PUT' && r.conversationId === byraad.id);
    expect(updates().length).toBe(0); // drawn after the clicks
    await http.sweep();
    // Five topics in the same second: one redraw (whoever wrote first), never five.
    expect(updates().length).toBe(1);
    expect(await titles()).toHaveLength(5);
    http.clock.advance(10_000);
    await http.sweep();
    expect(updates().length).toBe(2);
    const last = cardText(cardIn(updates().at(-1)!.activity));
    for (let i = 1; i <= 5; i++) expect(last).toContain(`Emne ${i}`);
    // Nothing new: nothing redrawn.
    http.clock.advance(60_000);
    await http.sweep();
    expect(updates().length).toBe(2);
  });
});

describe('at the meeting’s start', () => {
  async function twoTopics() {
    await withCallPosted();
    await addTopic(lars, byraad, topicB); // part 2, added first
    http.clock.advance(60_000);
    await addTopic(persona.politiker, byraad, topicA); // part 1
    http.clock.advance(60_000);
    await addTopic(anders, personal(anders), { ...topicA, title: 'Skolevejen', committee: 'Teknik' }); // part 1, later
    await http.sweep(); // the receipts and redraws the clicks owe
  }

  it('accepts a topic at 13:59:59.999 and refuses one at 14:00:00.000 with the text and a button onto the next dialogmøde', async () => {
    await withCallPosted();
    http.clock.set(new Date(Date.parse(START) - 1));
    const form = await click(jens, byraad, 'topic.new', {});
    const inTime = await click(jens, byraad, 'topic.submit', { ...dataOf(form.card, 'topic.submit'), ...topicA });
    expect(cardText(inTime.card)).toContain('Dit emne er sat på dagsordenen');

    const form2 = await click(lone, byraad, 'topic.new', {});
    http.clock.set(START);
    const late = await click(lone, byraad, 'topic.submit', { ...dataOf(form2.card, 'topic.submit'), ...topicB });
    const text = cardText(late.card);
    expect(text).toContain('Dagsordenen til dialogmødet mandag 7. december 2026 kl. 14.00 er låst: mødet er begyndt. Dit emne er ikke sat på dagsordenen.');
    expect(text).toContain('Cykelstier på blankt papir');
    expect(text).toContain('Her er det, du skrev:');
    expect(text).toContain('[Sæt på næste dialogmøde (mandag 4. januar 2027 kl. 14.00)]');
    expect(verbsOf(late.card)).toContain('agenda.show');
    expect(await titles()).toEqual(['Ældre og ensomhed']);

    const onNext = await click(lone, byraad, 'topic.submit', dataOf(late.card, 'topic.submit'));
    expect(cardText(onNext.card)).toContain('Dit emne er sat på dagsordenen til dialogmødet mandag 4. januar 2027 kl. 14.00');
    expect(await titles(JANUARY)).toEqual(['Cykelstier på blankt papir']);
  });

  it('says the lock first when a form sent after the start has empty fields, with what was written shown back', async () => {
    await withCallPosted();
    const added = await addTopic(persona.politiker, byraad, topicA);
    const form = await click(lone, byraad, 'topic.new', {});
    http.clock.set(START);
    const late = await click(lone, byraad, 'topic.submit', { ...dataOf(form.card, 'topic.submit'), title: '', why: 'Noget vi bør drøfte', part: '' });
    const text = cardText(late.card);
    expect(text).toContain('Dagsordenen til dialogmødet mandag 7. december 2026 kl. 14.00 er låst: mødet er begyndt. Dit emne er ikke sat på dagsordenen.');
    expect(text).toContain('Noget vi bør drøfte');
    expect(text).not.toContain('Skriv en titel');
    // An edit after the start with a field emptied: the lock too, not the field.
    const edit = await click(persona.politiker, byraad, 'topic.save', { ...dataOf(added.card, 'topic.edit'), ...topicA, title: '' });
    expect(cardText(edit.card)).toContain('Din rettelse er ikke gemt');
    expect(cardText(edit.card)).not.toContain('Skriv en titel');
    // Someone who may not add topics at all is told that, not how to fill in the form.
    const employee = await click(persona.medarbejder, byraad, 'topic.submit', { ...dataOf(form.card, 'topic.submit'), title: '', why: '', part: '' });
    expect(cardText(employee.card)).toContain('Det er byrådets medlemmer');
    expect(await titles()).toEqual(['Ældre og ensomhed']);
  });

  it('locks: the cards become the final agenda for everyone (by part, then as added), and the final agenda is posted', async () => {
    await twoTopics();
    http.clock.set(START);
    http.connector.clear();
    const sent = (await http.sweep()).filter((r) => r.conversationId === byraad.id);
    const updates = sent.filter((r) => r.method === 'PUT');
    const posts = sent.filter((r) => r.method === 'POST');
    expect(updates).toHaveLength(1);
    const finalCard = cardText(cardIn(updates[0]!.activity));
    expect(finalCard).toContain('Endelig dagsorden');
    expect(verbsOf(cardIn(updates[0]!.activity))).toEqual([]);
    expect((cardIn(updates[0]!.activity) as { refresh?: unknown }).refresh).toBeUndefined();
    expect(posts).toHaveLength(1);
    const message = cardText(cardIn(posts[0]!.activity));
    expect(message).toContain('Endelig dagsorden: Dialogmøde mandag 7. december 2026 kl. 14.00');
    // The status box says its status, not how the list is ordered; that goes in the small print.
    const statusBox = (cardIn(posts[0]!.activity).body as { type: string; items?: { text: string }[] }[]).find((e) => e.type === 'Container')?.items?.[0]?.text;
    expect(statusBox).toBe('Endelig dagsorden – låst mandag 7. december 2026 kl. 14.00.');
    expect(message).toContain('I hver del står emnerne i den rækkefølge, de kom ind.');
    const order = ['Ældre og ensomhed', 'Skolevejen', 'Cykelstier på blankt papir'].map((t) => message.indexOf(t));
    expect(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1]!))).toBe(true);
    expect(message).toContain('Flere ældre bor alene'); // the final agenda says why
    // Locked once: another sweep (or another instance) posts nothing more.
    expect((await http.sweep()).filter((r) => r.conversationId === byraad.id)).toEqual([]);
    expect((await agendaOf())!.status).toBe('locked');
  });

  it('"dagsorden" written in the Byråd’s channel posts the shared card (no one’s own buttons), kept up to date', async () => {
    await withCallPosted();
    await addTopic(persona.politiker, byraad, topicA);
    await http.sweep();
    const asked = await say(persona.politiker, byraad, 'dagsorden');
    const card = cardIn(asked.sent[0]!.activity);
    expect(cardText(card)).toContain('Ældre og ensomhed');
    expect(cardText(card)).not.toContain('dit emne');
    expect(verbsOf(card)).not.toContain('topic.edit');
    expect((card as { refresh?: { action: { verb: string } } }).refresh?.action.verb).toBe('agenda.show');
    expect((await agendaOf())!.cards.map((c) => c.stage)).toEqual(['call', 'view']);
    // Asked again: only the newest of these is kept up to date.
    await say(lone, byraad, 'dagsorden');
    expect((await agendaOf())!.cards.map((c) => c.stage)).toEqual(['call', 'view']);
    http.clock.advance(10_000);
    http.connector.clear();
    await addTopic(anders, personal(anders), topicB);
    await http.sweep();
    const redrawn = http.connector.received.filter((r) => r.method === 'PUT');
    expect(redrawn).toHaveLength(2);
    for (const r of redrawn) expect(cardText(cardIn(r.activity))).toContain('Cykelstier på blankt papir');
    // Someone in the channel who is not on the Byråd sees the card's agenda when it refreshes, not an error.
    const employee = await click(persona.medarbejder, byraad, 'agenda.show', { meetingId: DECEMBER, stage: 'view' });
    expect(cardText(employee.card)).toContain('Ældre og ensomhed');
    expect(verbsOf(employee.card)).not.toContain('topic.new');
  });

  it('a last call stays a last call when a reader refreshes it', async () => {
    await withCallPosted();
    const seen = await click(lone, byraad, 'agenda.show', { meetingId: DECEMBER, stage: 'lastCall' });
    expect(cardText(seen.card)).toContain('Sidste kald');
    // Someone who cannot add topics is not urged to.
    const employee = await click(persona.medarbejder, byraad, 'agenda.show', { meetingId: DECEMBER, stage: 'lastCall' });
    expect(cardText(employee.card)).not.toContain('Tilføj dit emne nu');
  });

  it('"dagsorden" shows the final agenda to the Byråd and the chefs, and nobody else', async () => {
    await twoTopics();
    http.clock.set(START);
    await http.sweep();
    const seen = await say(lone, byraad, 'dagsorden');
    const text = cardText(cardIn(seen.sent[0]!.activity));
    expect(text).toContain('Endelig dagsorden');
    expect(text).toContain('1. **Ældre og ensomhed**');
    expect(text).toContain('3. **Cykelstier på blankt papir**');
    expect(verbsOf(cardIn(seen.sent[0]!.activity))).not.toContain('topic.new');
    expect(cardText(cardIn((await say(persona.tovholder, personal(persona.tovholder), 'dagsorden')).sent[0]!.activity))).toContain('Endelig dagsorden');
    expect(cardText(cardIn((await say(persona.medarbejder, personal(persona.medarbejder), 'dagsorden')).sent[0]!.activity))).toContain('er for byrådet og cheferne');
  });

  it('refuses an edit or a withdrawal after the start, showing the text back; the topic stays', async () => {
    await withCallPosted();
    const added = await addTopic(persona.politiker, byraad, topicA);
    const ref = dataOf(added.card, 'topic.edit');
    http.clock.set(START);
    const edit = await click(persona.politiker, byraad, 'topic.save', { ...ref, ...topicA, title: 'For sent rettet' });
    expect(cardText(edit.card)).toContain('Din rettelse er ikke gemt');
    expect(cardText(edit.card)).toContain('For sent rettet');
    expect(cardText(edit.card)).toContain('[Sæt på næste dialogmøde (mandag 4. januar 2027 kl. 14.00)]');
    const withdraw = await click(persona.politiker, byraad, 'topic.withdraw', ref);
    expect(cardText(withdraw.card)).toContain('kan ikke trækkes tilbage');
    expect(cardText(withdraw.card)).toContain('Ældre og ensomhed');
    expect(cardText(withdraw.card)).not.toContain('Her er det, du skrev');
    // Ret pressed after the start, nothing typed: no "not saved", and no copy onto the next meeting.
    const pressed = await click(persona.politiker, byraad, 'topic.edit', ref);
    expect(cardText(pressed.card)).toContain('Emnet kan ikke længere rettes');
    expect(verbsOf(pressed.card)).not.toContain('topic.submit');
    // A typed edit can go onto the next meeting, once however often it is pressed.
    const onNext = dataOf(edit.card, 'topic.submit');
    await click(persona.politiker, byraad, 'topic.submit', onNext);
    const again = await click(persona.politiker, byraad, 'topic.save', { ...ref, ...topicA, title: 'For sent rettet' });
    await click(persona.politiker, byraad, 'topic.submit', dataOf(again.card, 'topic.submit'));
    expect(await titles(JANUARY)).toEqual(['For sent rettet']);
    expect(await titles()).toEqual(['Ældre og ensomhed']);
  });

  it('gives the meeting secretary the agenda as plain text for the minutes', async () => {
    await twoTopics();
    const me = personal(persona.admin);
    const asked = await say(persona.admin, me, 'dagsorden som tekst');
    const plain = asked.sent.find((r) => r.activity.text)!.activity;
    expect(plain.textFormat).toBe('plain');
    expect(plain.text).toContain('# Dagsorden: dialogmøde mandag 7. december 2026 kl. 14.00');
    expect(plain.text).toContain('## Del 1');
    expect(plain.text).toMatch(/1\. Ældre og ensomhed\n {3}Stillet af Mette Holm · Udvalg: Social Omsorg\n {3}Flere ældre bor alene/);
    expect(plain.text).toContain('3. Cykelstier på blankt papir');
    // Asked in the Byråd's chat, it goes to the admin 1:1 instead.
    const inChat = await say(persona.admin, byraad, 'dagsorden som tekst');
    expect(cardText(cardIn(inChat.sent.find((r) => r.conversationId.startsWith(byraad.id))!.activity))).toContain('sendt dagsordenen som tekst til dig');
    expect(inChat.sent.find((r) => r.conversationId.startsWith('a:1on1-'))!.activity.text).toContain('## Del 2');
    // Only admins.
    expect(cardText(cardIn((await say(lars, personal(lars), 'dagsorden som tekst')).sent[0]!.activity))).toContain('administrator');
  });
});

describe('across the change to winter time', () => {
  it('an extra dialogmøde the Monday after the clocks go back locks at 10:00 winter time, not summer time', async () => {
    http = await HttpBot.start('2026-10-24T08:00:00Z'); // Saturday, summer time (UTC+2)
    const added = await say(persona.admin, personal(persona.admin), 'tilføj møde dialogmoede 2026-10-26 10:00 Ekstra dialogmøde');
    expect(cardText(cardIn(added.sent[0]!.activity))).toContain('mandag 26. oktober 2026 kl. 10.00');
    const form = await click(lone, byraad, 'topic.new', {});
    expect(cardText(form.card)).toContain('Nyt emne til dialogmødet »Ekstra dialogmøde« mandag 26. oktober 2026 kl. 10.00');
    const submit = dataOf(form.card, 'topic.submit');
    // 08:59:59.999Z is 09:59:59.999 in winter time: still open (in summer time it would be 10:59).
    http.clock.set('2026-10-26T08:59:59.999Z');
    expect(cardText((await click(lone, byraad, 'topic.submit', { ...submit, ...topicA })).card)).toContain('Dit emne er sat på dagsordenen');
    http.clock.set('2026-10-26T09:00:00.000Z');
    const late = await click(anders, byraad, 'topic.submit', { meetingId: submit.meetingId, submissionId: 'anders-late', ...topicB });
    expect(cardText(late.card)).toContain('Dagsordenen til dialogmødet »Ekstra dialogmøde« mandag 26. oktober 2026 kl. 10.00 er låst');
    await http.sweep();
    expect((await agendaOf(submit.meetingId))!.status).toBe('locked');
    expect(await titles(submit.meetingId)).toEqual(['Ældre og ensomhed']);
  });
});

describe('a moved or cancelled dialogmøde', () => {
  it('moved: keeps its topics, and its new start is the cutoff', async () => {
    await withCallPosted();
    await addTopic(persona.politiker, byraad, topicA);
    const moved = await say(persona.admin, personal(persona.admin), 'flyt møde dialogmoede-2026-12 til 2026-12-08 kl. 10:00');
    expect(cardText(cardIn(moved.sent[0]!.activity))).toContain('tirsdag 8. december 2026 kl. 10.00');
    http.connector.clear();
    http.clock.advance(10_000);
    await http.sweep();
    // The card shows the new time.
    const redrawn = http.connector.received.filter((r) => r.method === 'PUT' && r.conversationId === byraad.id);
    expect(cardText(cardIn(redrawn.at(-1)!.activity))).toContain('tirsdag 8. december 2026 kl. 10.00');
    // The old start no longer locks it.
    http.clock.set(START);
    await http.sweep();
    expect((await agendaOf())!.status).toBe('open');
    http.clock.set('2026-12-08T08:59:59.999Z');
    expect(cardText((await addTopic(anders, byraad, topicB)).card)).toContain('Dit emne er sat på dagsordenen til dialogmødet tirsdag 8. december 2026 kl. 10.00');
    const form = await click(lars, personal(lars), 'topic.new', { meetingId: DECEMBER });
    http.clock.set('2026-12-08T09:00:00.000Z');
    const late = await click(lars, personal(lars), 'topic.submit', { ...dataOf(form.card, 'topic.submit'), ...topicB, title: 'For sent' });
    expect(cardText(late.card)).toContain('Dagsordenen til dialogmødet tirsdag 8. december 2026 kl. 10.00 er låst');
    // A form opened now is for the next dialogmøde.
    expect(cardText((await click(lars, personal(lars), 'topic.new', { meetingId: DECEMBER })).card)).toContain('Nyt emne til dialogmødet mandag 4. januar 2027');
    await http.sweep();
    expect((await agendaOf())!.status).toBe('locked');
    expect(await titles()).toEqual(['Ældre og ensomhed', 'Cykelstier på blankt papir']);
  });

  it('cancelled: its topics move to the next dialogmøde and each author is told 1:1', async () => {
    await withCallPosted();
    await addTopic(persona.politiker, byraad, topicA);
    await addTopic(anders, personal(anders), topicB);
    await http.sweep(); // the receipt and redraw those clicks owe
    // The January agenda already has a topic: the moved ones join it, keeping when they were added.
    http.clock.set('2026-12-07T14:00:00Z');
    await addTopic(lars, personal(lars), { ...topicA, title: 'Januaremne' }, JANUARY);
    http.clock.set('2026-12-03T09:00:00Z');
    // An extra dialogmøde sooner than January is not "the next one" after 7 December.
    await say(persona.admin, personal(persona.admin), 'tilføj møde dialogmoede 2026-12-04 10:00 Ekstra dialogmøde');
    const cancelled = await say(persona.admin, personal(persona.admin), 'aflys møde dialogmoede-2026-12 Borgmesteren er forhindret');
    expect(cardText(cardIn(cancelled.sent[0]!.activity))).toContain('flyttes til næste dialogmøde');
    http.connector.clear();
    await http.sweep();
    expect((await agendaOf())!.status).toBe('cancelled');
    expect(await titles(JANUARY)).toEqual(['Ældre og ensomhed', 'Januaremne', 'Cykelstier på blankt papir']);
    const told = http.connector.received.filter((r) => r.conversationId.startsWith('a:1on1-'));
    expect(told.map((r) => r.conversationId).sort()).toEqual([`a:1on1-29:${anders.id}`, `a:1on1-29:${persona.politiker.id}`].sort());
    expect(cardText(cardIn(told[0]!.activity))).toContain('Dialogmødet mandag 7. december 2026 kl. 14.00 er aflyst. Dit emne er flyttet til dialogmødet mandag 4. januar 2027 kl. 14.00.');
    // The December card says so.
    const card = http.connector.received.filter((r) => r.method === 'PUT' && r.conversationId === byraad.id).at(-1)!;
    expect(cardText(cardIn(card.activity))).toContain('Mødet er aflyst. Emnerne er flyttet til dialogmødet mandag 4. januar 2027 kl. 14.00.');
    // Nobody is told twice, and nothing moves twice.
    http.connector.clear();
    await http.sweep();
    expect(http.connector.received.filter((r) => r.conversationId.startsWith('a:1on1-'))).toEqual([]);
    expect(await titles(JANUARY)).toHaveLength(3);
    // A new topic now goes to the next dialogmøde that stands: the extra one.
    const form = await say(lone, personal(lone), 'emne');
    expect(cardText(cardIn(form.sent[0]!.activity))).toContain('Nyt emne til dialogmødet »Ekstra dialogmøde« fredag 4. december 2026 kl. 10.00');
  });
});

describe('races', () => {
  it('two politicians adding in the same second both get on the agenda', async () => {
    await withCallPosted();
    const [a, b] = await Promise.all([addTopic(persona.politiker, byraad, topicA), addTopic(anders, byraad, topicB)]);
    expect(cardText(a.card)).toContain('Dit emne er sat på');
    expect(cardText(b.card)).toContain('Dit emne er sat på');
    expect((await titles()).sort()).toEqual([topicA.title, topicB.title].sort());
  });

  it('topics sent at 13:59:59.9 while another instance locks at 14:00:00: each is on the final agenda or was told it is not', async () => {
    await withCallPosted();
    const people = [persona.politiker, anders, lars, jens, lone];
    const forms = await Promise.all(people.map((p) => click(p, byraad, 'topic.new', {})));
    http.clock.set('2026-12-07T12:59:59.900Z');
    // A second bot instance, whose clock already says 14:00:00, runs the lock on the same database.
    const otherClock = new TestClock(new Date(START));
    const other = { ...http.repos, notifier: new TeamsNotifier(new TeamsAdapter({}), '', http.repos.conversations, otherClock, pino({ level: 'silent' })), clock: otherClock };
    const [answers, report] = await Promise.all([
      Promise.all(people.map((p, i) => click(p, byraad, 'topic.submit', { ...dataOf(forms[i]!.card, 'topic.submit'), ...topicA, title: `Kapløb ${i + 1}` }))),
      (async () => {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 30));
        return sweepAgendas(other);
      })(),
    ]);
    expect(report.locked).toBe(1);
    const agenda = (await agendaOf())!;
    expect(agenda.status).toBe('locked');
    const onAgenda = orderedTopics(agenda).map((t) => t.title);
    expect(new Set(onAgenda).size).toBe(onAgenda.length);
    answers.forEach((answer, i) => {
      const text = cardText(answer.card);
      const title = `Kapløb ${i + 1}`;
      if (onAgenda.includes(title)) expect(text).toContain('Dit emne er sat på dagsordenen');
      else {
        expect(text).toContain('er låst: mødet er begyndt');
        expect(text).toContain(title);
      }
    });
    // The final agenda posted by the other instance is exactly what the lock wrote.
    const final = http.connector.received.filter((r) => r.method === 'POST' && r.conversationId === byraad.id).at(-1)!;
    const finalText = cardText(cardIn(final.activity));
    for (const title of onAgenda) expect(finalText).toContain(title);
    for (let i = 1; i <= people.length; i++) if (!onAgenda.includes(`Kapløb ${i}`)) expect(finalText).not.toContain(`Kapløb ${i}`);
  });
});
