// Issue 13 point 7 through the bot over HTTP: a tender carries its kerneopgave's bevægelse from the
// roster, and the announcement in the channel and the bid form show it, so bidders see what their
// activity must move (seed 004).

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { cardAction } from '../support/activities.js';
import { cardText } from '../support/bot-driver.js';
import { dataOf } from '../support/card-actions.js';
import { conversations, DEMO_TENANT, demoRoster, persona, type Persona } from '../support/demo.js';
import { VALID_TENDER_FORM } from '../support/forms.js';
import { HttpBot } from '../support/http-bot.js';

let http: HttpBot;
beforeEach(async () => {
  http = await HttpBot.start('2026-11-23T10:00:00Z');
});
afterEach(async () => {
  await http.stop();
});

const chat = conversations.laeringChat;
const general = conversations.general;
const click = (who: Persona, where: Parameters<typeof cardAction>[1], verb: string, data: Record<string, unknown> = {}, locale?: string) =>
  http.send(cardAction(who, where, verb, data, locale ? { locale } : {}) as Partial<Activity>);

// Seed 004's words for Læring, as the demo roster has them.
const LAERING_BEVAEGELSE = 'Barnet og den unge bliver parat til uddannelse eller job.';

describe('the bevægelse on the tender and the bid form', () => {
  it('is carried onto the tender and shown on the announcement and on the bid form, in Danish and English', async () => {
    expect(demoRoster.kerneopgaver!.find((k) => k.id === 'laering')!.bevaegelse).toBe(LAERING_BEVAEGELSE);
    const saved = await click(persona.tovholder, chat, 'tender.save', VALID_TENDER_FORM);
    const { tenderId } = dataOf(saved.card, 'tender.publish');
    const stored = (await http.repos.tenders.getTender(DEMO_TENANT, tenderId!))!.value;
    expect(stored.bevaegelse).toBe(LAERING_BEVAEGELSE);

    const published = await click(persona.tovholder, chat, 'tender.publish', { tenderId });
    const announcement = published.sent.find((r) => r.method === 'POST' && r.conversationId === general.id)!.activity.attachments![0]!.content;
    expect(cardText(announcement)).toContain(`**Bevægelsen for borgeren:** ${LAERING_BEVAEGELSE}`);

    const form = await click(persona.medarbejder, general, 'bid.open', { tenderId });
    expect(dataOf(form.card, 'bid.submit').tenderId).toBe(tenderId);
    expect(cardText(form.card)).toContain(`**Din aktivitet skal bidrage til bevægelsen for borgeren:** ${LAERING_BEVAEGELSE}`);

    const formEn = await click(persona.medarbejder, general, 'bid.open', { tenderId }, 'en-US');
    expect(cardText(formEn.card)).toContain(`**Your activity should help bring about the change for the citizen:** ${LAERING_BEVAEGELSE}`);
  });
});
