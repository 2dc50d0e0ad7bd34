// What one person sends cannot hurt the others, over HTTP through the real server: a message or card
// action too large to be meant is refused first, with a short card that says so; a long message of
// blank lines does not hold up /healthz; what is shown back is bounded; and the final agenda of 100
// long topics goes out as numbered messages that Teams will take.

import { afterEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { CARD_BUDGET_BYTES, cardBytes } from '../../src/adapters/cards/card-budget.js';
import { addTopic, orderedTopics, TOPIC_LIMITS } from '../../src/domain/agenda.js';
import { cardAction, message } from '../support/activities.js';
import { cardText, type Card } from '../support/bot-driver.js';
import { conversations, DEMO_TENANT, persona, personal, type Persona } from '../support/demo.js';
import { HttpBot } from '../support/http-bot.js';
import { worst } from '../support/worst-case.js';
import { dataOf } from '../support/card-actions.js';

let http: HttpBot | undefined;
afterEach(async () => {
  await http?.stop();
  http = undefined;
});
const bot = () => http!;

const KB = 1024;
const general = conversations.general;
const byraad = conversations.byraadChannel;
const click = (who: Persona, where: Parameters<typeof cardAction>[1], verb: string, data: Record<string, unknown> = {}) => bot().send(cardAction(who, where, verb, data) as Partial<Activity>);
const say = (who: Persona, text: string) => bot().send(message(who, personal(who), text) as Partial<Activity>);
const cardIn = (a: Partial<Activity> | undefined) => a?.attachments?.[0]?.content as Card;
const healthz = async () => (await fetch(`${bot().bot.url}/healthz`)).status;


describe('a long message', () => {
  it('of 14,000 blank lines after a command is answered, and /healthz answers alongside it', async () => {
    http = await HttpBot.start();
    const [answer, health] = await Promise.all([say(persona.admin, `påmindelser${'\n'.repeat(14_000)}`), healthz()]);
    expect(health).toBe(200);
    expect(answer.status).toBe(200);
    expect(answer.sent).toHaveLength(1);
    expect(cardText(cardIn(answer.sent[0]!.activity))).toContain('Påmindelser de seneste 31 dage');
  });

  it('of 60 KB of blank lines is refused first with a short card that says why, and /healthz answers alongside it', async () => {
    http = await HttpBot.start();
    const [answer, health] = await Promise.all([say(persona.admin, `påmindelser${'\n'.repeat(60 * KB)}`), healthz()]);
    expect(health).toBe(200);
    expect(answer.sent).toHaveLength(1);
    const card = cardIn(answer.sent[0]!.activity);
    expect(cardText(card)).toContain('Det, du sendte, er for langt til botten (61.451 tegn; højst 20.000 tegn i ét felt og 100.000 tegn i alt), så intet er gemt eller ændret.');
    expect(cardBytes(card)).toBeLessThan(4 * KB);
  });

  it('that is not understood is quoted back in its first 200 characters, said to be cut', async () => {
    http = await HttpBot.start();
    const answer = await say(persona.medarbejder, `hvad ${'bla '.repeat(2_000)}`);
    const text = cardText(cardIn(answer.sent[0]!.activity));
    expect(text).toContain('Jeg forstod ikke »hvad bla bla');
    expect(text).toContain('bla …«. Her er, hvad du kan skrive til mig: (Forkortet her');
    expect(text).toContain('(Forkortet her: de første 200 af 8.004 tegn vises.)');
    expect(text.length).toBeLessThan(3_000);
  });
});

describe('a card action', () => {
  it('with a forged 100 KB title is refused first with a short card, and nothing is stored', async () => {
    http = await HttpBot.start('2026-11-30T13:00:00Z');
    const form = await click(persona.politiker, byraad, 'topic.new', {});
    const answer = await click(persona.politiker, byraad, 'topic.submit', { ...dataOf(form.card, 'topic.submit'), title: worst(100 * KB, 'mixed'), why: 'Fordi', part: '1' });
    expect(answer.status).toBe(200);
    expect(cardText(answer.card)).toContain('Det, du sendte, er for langt til botten (102.400 tegn;');
    expect(cardText(answer.card)).toContain('(Forkortet her: de første');
    expect(cardBytes(answer.card!)).toBeLessThan(CARD_BUDGET_BYTES / 4);
    expect(orderedTopics((await bot().repos.agendas.get(DEMO_TENANT, 'dialogmoede-2026-12'))?.value)).toEqual([]);
  });

  it('a late bid with a description over the limit is refused as late, says the text is too long for a bid, and shows it bounded', async () => {
    http = await HttpBot.start();
    const chat = conversations.laeringChat;
    const tender = { title: 'Læsevenner', forudsaetninger: 'laering-1', description: 'Idéer', deadlineDate: '2026-12-07', deadlineTime: '12:00', budgetKr: '', decidedBy: 'kernegruppe' };
    const saved = await click(persona.tovholder, chat, 'tender.save', tender);
    const { tenderId } = dataOf(saved.card, 'tender.publish');
    await click(persona.tovholder, chat, 'tender.publish', { tenderId });
    const form = await click(persona.medarbejder, general, 'bid.open', { tenderId });
    bot().clock.set('2026-12-07T11:00:00Z');
    const description = worst(15_000, 'backslashes');
    const late = await click(persona.medarbejder, general, 'bid.submit', { ...dataOf(form.card, 'bid.submit'), title: 'For sent', description, howItHelps: 'Mere læsning', forudsaetninger: 'laering-1' });
    const text = cardText(late.card);
    expect(text).toContain('Fristen for »Læsevenner« udløb');
    expect(text).toContain('For sent');
    expect(text).toContain('(for lang til et bud: 15.000 tegn, højst 4.000)');
    expect(text).toContain('(Forkortet her: de første');
    expect(cardBytes(late.card!)).toBeLessThan(CARD_BUDGET_BYTES);
  });
});

/** The December dialogmøde's agenda with 100 topics (the cap), every title and why at its limit and full of what must be escaped. */
async function longAgenda(): Promise<void> {
  http = await HttpBot.start('2026-11-30T13:00:00Z');
  await bot().sweep(); // the call for topics, which opens the agenda
  const stored = (await bot().repos.agendas.get(DEMO_TENANT, 'dialogmoede-2026-12'))!;
  const meeting = { id: 'dialogmoede-2026-12', start: '2026-12-07T13:00:00.000Z' } as Parameters<typeof addTopic>[1];
  let agenda = stored.value;
  for (let i = 0; i < TOPIC_LIMITS.topics; i++) {
    const fields = { title: `${i + 1}${worst(TOPIC_LIMITS.title - 4, 'mixed')}`, why: worst(TOPIC_LIMITS.why, 'backslashes'), part: 1 as const };
    const author = { id: persona.politiker.id, name: persona.politiker.name, teamsId: `29:${persona.politiker.id}`, serviceUrl: bot().connector.url };
    const added = addTopic(agenda, meeting, { id: `topic-${i}`, fields, author }, new Date(Date.parse('2026-12-01T10:00:00Z') + i * 60_000));
    if (!added.ok) throw new Error(added.code);
    agenda = added.value.agenda;
  }
  expect(await bot().repos.agendas.save(agenda, stored.etag)).toBe('saved');
}

describe('an agenda of 100 topics, each as long and as escaped as it may be', () => {
  it('is posted at the start as numbered messages, in order, each under 40 KB, with every title', async () => {
    await longAgenda();
    bot().clock.set('2026-12-07T13:00:00.000Z');
    bot().connector.clear();
    const sent = (await bot().sweep()).filter((r) => r.conversationId === byraad.id);
    const posts = sent.filter((r) => r.method === 'POST').map((r) => cardIn(r.activity));
    expect(posts.length).toBeGreaterThan(1);
    for (const card of sent.map((r) => cardIn(r.activity))) expect(cardBytes(card)).toBeLessThan(CARD_BUDGET_BYTES);
    posts.forEach((card, i) => expect(cardText(card)).toContain(`Endelig dagsorden: Dialogmøde mandag 7. december 2026 kl. 14.00 (${i + 1}/${posts.length})`));
    const numbers = posts.flatMap((card) => [...cardText(card).matchAll(/(?:^|\n)(\d+)\. /g)].map((m) => Number(m[1])));
    expect(numbers).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('as text for the minutes comes in messages under 40 KB that together are the whole text', async () => {
    await longAgenda();
    const answer = await say(persona.admin, 'dagsorden som tekst');
    const texts = answer.sent.map((r) => r.activity.text ?? '');
    expect(texts.length).toBeGreaterThan(1);
    for (const r of answer.sent) expect(2 * JSON.stringify(r.activity).length).toBeLessThan(CARD_BUDGET_BYTES + 4 * KB);
    for (const t of texts) expect(2 * JSON.stringify(t).length).toBeLessThan(CARD_BUDGET_BYTES);
    const whole = texts.join('\n\n');
    expect([...whole.matchAll(/^(\d+)\. \1\\/gm)].map((m) => Number(m[1]))).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(whole.split(worst(TOPIC_LIMITS.why, 'backslashes')).length - 1).toBe(100);
  });

  it('is read page by page with Næste side, each page under 40 KB, the pages together every topic in order', async () => {
    await longAgenda();
    const numbers: number[] = [];
    let page = await click(persona.admin, byraad, 'agenda.show', { meetingId: 'dialogmoede-2026-12' });
    for (let n = 1; ; n++) {
      expect(cardBytes(page.card!)).toBeLessThan(CARD_BUDGET_BYTES);
      expect(cardText(page.card)).toMatch(new RegExp(`Side ${n} af \\d+: emne \\d+–\\d+ af 100\\.`));
      numbers.push(...[...cardText(page.card).matchAll(/(?:^|\n)(\d+)\. /g)].map((m) => Number(m[1])));
      if (!JSON.stringify(page.card).includes('Næste side')) break;
      page = await click(persona.admin, byraad, 'agenda.show', nextPageData(page.card));
    }
    // Each topic is on one page (and, for the secretary, in that page's picker too).
    expect([...new Set(numbers)]).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });
});

/** The data of the card's Næste side button. */
function nextPageData(card: unknown): Record<string, string> {
  let found: Record<string, string> | undefined;
  JSON.stringify(card, (_k, v: unknown) => {
    if (v && typeof v === 'object' && (v as { title?: unknown }).title === 'Næste side →') found = (v as { data?: Record<string, string> }).data;
    return v;
  });
  if (!found) throw new Error('no Næste side');
  return found;
}
