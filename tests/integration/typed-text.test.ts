// What people type is shown as typed, through the whole bot over HTTP: a tender and a bid, a topic for
// the dialogmøde and an unknown message carrying text with angle brackets ("pga. <budget> &"), which
// Teams' clients would drop as HTML tags. Every card and message where that text appears is read with
// the adaptivecards library and a markdown step that drops tags the way Teams does.

import type { Activity } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardAction, message } from '../support/activities.js';
import type { Card } from '../support/bot-driver.js';
import { dataOf, verbsOf } from '../support/card-actions.js';
import { conversations, persona, personal, type Persona } from '../support/demo.js';
import { HttpBot } from '../support/http-bot.js';
import { collapsed, shownCard } from '../support/teams-markdown.js';

const BUDGET = 'pga. <budget> &';
const BOLD = 'hej <b>fed</b> & <test>';

let http: HttpBot;
beforeEach(async () => {
  // The call for topics to December's dialogmøde is due now; the tender's deadline lies a week ahead.
  http = await HttpBot.start('2026-11-30T13:00:00Z');
});
afterEach(async () => {
  await http.stop();
});

const chat = conversations.laeringChat;
const general = conversations.general;
const byraad = conversations.byraadChannel;
const click = (who: Persona, where: Parameters<typeof cardAction>[1], verb: string, data: Record<string, unknown> = {}) => http.send(cardAction(who, where, verb, data) as Partial<Activity>);
const cardIn = (a: Partial<Activity> | undefined) => a?.attachments?.[0]?.content as Card;

/** Everything a person reads on the card, as Teams shows it. */
const shown = (card: unknown) => shownCard(card).texts.join('\n');

function expectShownAsTyped(what: string, card: unknown, ...typed: string[]) {
  const text = shown(card);
  for (const t of typed) expect(text, `${what}: ${text}`).toContain(collapsed(t));
}

describe('text in <…> is shown as typed', () => {
  it('in every card of a tender and a bid: preview, announcement, receipt on the card and 1:1, overview, detail', async () => {
    const saved = await click(persona.tovholder, chat, 'tender.save', {
      title: BUDGET,
      description: BOLD,
      forudsaetninger: 'laering-1',
      deadlineDate: '2026-12-07',
      deadlineTime: '12:00',
      budgetKr: '250000',
      decidedBy: 'kernegruppe',
    });
    expectShownAsTyped('draft preview', saved.card, BUDGET, BOLD);
    const { tenderId } = dataOf(saved.card, 'tender.publish');

    const published = await click(persona.tovholder, chat, 'tender.publish', { tenderId });
    const announcement = published.sent.find((r) => r.conversationId === general.id && r.method === 'POST');
    expectShownAsTyped('announcement', cardIn(announcement?.activity), BUDGET, BOLD);
    expectShownAsTyped('publish report', published.card, BUDGET);

    const form = await click(persona.medarbejder, general, 'bid.open', { tenderId });
    expect(verbsOf(form.card)).toContain('bid.submit');
    const sent = await click(persona.medarbejder, general, 'bid.submit', {
      ...dataOf(form.card, 'bid.submit'),
      title: BUDGET,
      description: BOLD,
      howItHelps: BUDGET,
      forudsaetninger: 'laering-1',
      roleKommunen: BOLD,
      coBidders: BUDGET,
      participate: 'false',
    });
    expectShownAsTyped('bid receipt', sent.card, BUDGET, BOLD);
    // The 1:1 receipt goes out through the outbox, after the click.
    const oneOnOne = (await http.sweep()).filter((r) => r.conversationId.startsWith('a:1on1-'));
    expect(oneOnOne).toHaveLength(1);
    expectShownAsTyped('1:1 bid receipt', cardIn(oneOnOne[0]!.activity), BUDGET, BOLD);

    const overview = await click(persona.tovholder, chat, 'tender.bids', { tenderId });
    expectShownAsTyped('bid overview', overview.card, BUDGET);
    const detail = await click(persona.tovholder, chat, 'tender.bid', dataOf(overview.card, 'tender.bid'));
    expectShownAsTyped('bid detail', detail.card, BUDGET, BOLD);
    expect(shown(detail.card)).toContain(`Medbydere: ${BUDGET}`);
  });

  it('in a topic for the dialogmøde: the receipt on the card and 1:1, the shared agenda, and the final agenda', async () => {
    await http.sweep(); // the call for topics
    const form = await click(persona.politiker, byraad, 'topic.new', {});
    const clicked = await click(persona.politiker, byraad, 'topic.submit', { ...dataOf(form.card, 'topic.submit'), title: BUDGET, why: BOLD, part: '1', committee: '' });
    const sent = { ...clicked, sent: await http.sweep() }; // the 1:1 receipt and the redraw go out after the click
    expectShownAsTyped('topic receipt', sent.card, BUDGET, BOLD);
    const oneOnOne = sent.sent.filter((r) => r.conversationId.startsWith('a:1on1-'));
    expect(oneOnOne).toHaveLength(1);
    expectShownAsTyped('1:1 topic receipt', cardIn(oneOnOne[0]!.activity), BUDGET, BOLD);
    const redrawn = sent.sent.filter((r) => r.conversationId === byraad.id && r.method === 'PUT');
    expect(redrawn).toHaveLength(1);
    expectShownAsTyped('shared agenda card', cardIn(redrawn[0]!.activity), BUDGET);
    expectShownAsTyped('own view of the agenda', (await click(persona.politiker, byraad, 'agenda.show', {})).card, BUDGET);

    http.clock.set('2026-12-07T13:00:00Z');
    const final = (await http.sweep()).filter((r) => r.conversationId === byraad.id && r.method === 'POST');
    expect(final).toHaveLength(1);
    expectShownAsTyped('final agenda', cardIn(final[0]!.activity), BUDGET, BOLD);
  });

  it('in the answer to a message the bot does not understand, question mark and all', async () => {
    const answer = await http.send(message(persona.medarbejder, personal(persona.medarbejder), `${BOLD}?`) as Partial<Activity>);
    expectShownAsTyped('help card', cardIn(answer.sent[0]!.activity), `Jeg forstod ikke »${BOLD}?«. Her er, hvad du kan skrive til mig:`);
  });

  it('in the form that comes back with a problem: the inputs hold exactly what was typed, unescaped', async () => {
    const back = await click(persona.tovholder, chat, 'tender.save', {
      title: BUDGET,
      description: BOLD,
      forudsaetninger: 'laering-1',
      deadlineDate: '2026-12-07',
      deadlineTime: '12:00',
      budgetKr: 'ingen',
      decidedBy: 'kernegruppe',
    });
    expect(verbsOf(back.card)).toContain('tender.save');
    expect(shownCard(back.card).inputs).toEqual(expect.arrayContaining([BUDGET, BOLD, 'ingen']));

    const saved = await click(persona.tovholder, chat, 'tender.save', { title: 'Læsevenner', description: 'x', forudsaetninger: 'laering-1', deadlineDate: '2026-12-07', deadlineTime: '12:00', decidedBy: 'kernegruppe' });
    const { tenderId } = dataOf(saved.card, 'tender.publish');
    await click(persona.tovholder, chat, 'tender.publish', { tenderId });
    const form = await click(persona.medarbejder, general, 'bid.open', { tenderId });
    const bidBack = await click(persona.medarbejder, general, 'bid.submit', { ...dataOf(form.card, 'bid.submit'), title: BUDGET, description: BOLD, howItHelps: '', forudsaetninger: 'laering-1', coBidders: BUDGET });
    expect(verbsOf(bidBack.card)).toContain('bid.submit');
    expect(shownCard(bidBack.card).inputs).toEqual(expect.arrayContaining([BUDGET, BOLD]));
  });
});
