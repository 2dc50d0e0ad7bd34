// The publish report names each announcement channel by what the bot knows of it, also a channel
// the bot has not been added to yet (fresh demo data, nobody has opened the channel in Teams): the
// name Teams gave at installation, else the link's name from the roster, else the linked group's
// name, else the channel id in a readable form. Never "Kanal uden navn". Through the real
// Application (TestAdapter) on the embedded Cosmos protocol server.

import { beforeEach, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/app/seed-demo.js';
import type { Roster } from '../../src/domain/directory.js';
import { botAdded, cardAction, message } from '../support/activities.js';
import { BotDriver, cardText, type Card } from '../support/bot-driver.js';
import { freshDatabase } from '../support/cosmos.js';
import { conversations, DEMO_TENANT, demoRoster, persona } from '../support/demo.js';

const chat = conversations.laeringChat;
const general = conversations.general;

const tenderFields = {
  title: 'Læsevenner i lokalsamfundet',
  forudsaetninger: 'laering-1',
  description: 'Frivillige læsevenner for børn i 0.-3. klasse.',
  deadlineDate: '2026-12-07',
  deadlineTime: '12:00',
  budgetKr: '',
  decidedBy: 'kernegruppe',
};

function publishData(card: Card | undefined): Record<string, unknown> {
  let data: Record<string, unknown> | undefined;
  JSON.stringify(card, (_k, v: unknown) => {
    const a = v as { type?: unknown; verb?: unknown; data?: Record<string, unknown> } | null;
    if (a && typeof a === 'object' && a.type === 'Action.Execute' && a.verb === 'tender.publish') data = a.data;
    return v;
  });
  if (!data) throw new Error(`no Offentliggør on ${cardText(card)}`);
  return data;
}

/** The tovholder writes "nyt udbud" in the group chat, saves the draft and presses Offentliggør: what the chat then shows. */
async function publishFromGroupChat(bot: BotDriver): Promise<{ text: string; card: Card | undefined }> {
  const form = await bot.send(message(persona.tovholder, chat, 'nyt udbud'));
  expect(cardText(form.cards[0])).toContain('Nyt udbud – Kernegruppe Læring');
  const draft = await bot.send(cardAction(persona.tovholder, chat, 'tender.save', tenderFields));
  const published = await bot.send(cardAction(persona.tovholder, chat, 'tender.publish', publishData(draft.invokeCard)));
  return { text: cardText(published.invokeCard), card: published.invokeCard };
}

async function botWith(links: Roster['links']): Promise<BotDriver> {
  const cosmos = await freshDatabase();
  const bot = await BotDriver.start(cosmos, { seed: false });
  await seedDemoData({ directories: bot.repos.directories, clock: bot.clock }, DEMO_TENANT, { ...demoRoster, links });
  return bot;
}

describe('the publish report names a channel the bot has not been added to', () => {
  let bot: BotDriver;

  describe('with the demo data as it is seeded', () => {
    beforeEach(async () => {
      bot = await BotDriver.start(await freshDatabase());
    });

    it('by the name the demo roster gives the link, and the tender stays a draft', async () => {
      const { text } = await publishFromGroupChat(bot);
      expect(text).toContain('Udbuddet »Læsevenner i lokalsamfundet« er ikke offentliggjort – det er stadig en kladde.');
      expect(text).toContain('✗ Demo Kommune › General: botten er ikke tilføjet kanalen');
      expect(text).not.toContain('uden navn');
    });

    it('by the name Teams gave the channel, once the bot is added there, and then publishes', async () => {
      await bot.send(botAdded(persona.admin, general));
      const { text } = await publishFromGroupChat(bot);
      expect(text).toContain('Udbuddet »Læsevenner i lokalsamfundet« er offentliggjort.');
      expect(text).toContain('✓ Demo Kommune › General');
    });
  });

  it("by the linked group's name when the link has no name of its own", async () => {
    bot = await botWith([
      { conversationId: chat.id, group: 'kernegruppe-laering' },
      { conversationId: conversations.byraadChannel.id, group: 'byraad', announcement: true },
    ]);
    const { text } = await publishFromGroupChat(bot);
    expect(text).toContain('✗ Byrådet: botten er ikke tilføjet kanalen');
  });

  it('by its id, in a readable form, when nothing names it', async () => {
    bot = await botWith([
      { conversationId: chat.id, group: 'kernegruppe-laering' },
      { conversationId: general.id, announcement: true },
    ]);
    const { text } = await publishFromGroupChat(bot);
    expect(text).toContain('✗ Kanalen med id »demo-team«: botten er ikke tilføjet kanalen');
    expect(text).not.toContain('uden navn');
    // In English too.
    const en = await bot.send(cardAction(persona.tovholder, chat, 'tender.publish', publishData((await publishFromGroupChat(bot)).card), { locale: 'en-GB' }));
    expect(cardText(en.invokeCard)).toContain('✗ The channel with id “demo-team”: the bot is not added to the channel');
  });
});
