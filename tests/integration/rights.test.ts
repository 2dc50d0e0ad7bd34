// Rights inside the kernegruppe (issue 13 point 5), through the real Application (TestAdapter) on the
// embedded Cosmos: with the seeds' defaults a konsulent drafts but is refused publishing, cancelling
// (rejecting: award.test.ts) (told who may, what was typed shown back, nothing stored, nobody told); the tovholder
// does them; a tenant whose table lets chefs publish is honoured; each reader's list and preview offer
// their own buttons. Seed 000: the tovholder chef is "ansvarlig for gruppens arbejde"; seed 002: the
// konsulenter are "ikke primær tovholder men dem der skubber på".

import { describe, expect, it } from 'vitest';
import { botAdded, cardAction, message } from '../support/activities.js';
import { BotDriver, cardText, type Card } from '../support/bot-driver.js';
import { dataOf, verbsOf } from '../support/card-actions.js';
import { CosmosRequestLog, freshDatabase } from '../support/cosmos.js';
import { conversations, DEMO_TENANT, persona, type Persona } from '../support/demo.js';
import { VALID_TENDER_FORM } from '../support/forms.js';

const chat = conversations.laeringChat;
/** Niels Iversen: a chef in Kernegruppe Læring, not its tovholder. */
const chef: Persona = { id: 'd0000000-0000-4000-8000-000000000011', name: 'Niels Iversen' };

async function start(rights?: Record<string, string[]>, requests?: CosmosRequestLog) {
  const bot = await BotDriver.start(await freshDatabase(requests));
  for (const c of [chat, conversations.general]) await bot.send(botAdded(persona.admin, c));
  if (rights) {
    // As an import of the roster file with this `rights` table would leave the directory.
    const dir = (await bot.repos.directories.get(DEMO_TENANT))!;
    await bot.repos.directories.save({ ...dir.value, rights: { udkast: ['tovholder', 'chef', 'konsulent'], offentliggoer: ['tovholder'], aflys: ['tovholder'], beslut: ['tovholder'], ...rights } as never }, dir.etag);
  }
  const click = async (who: Persona, verb: string, data: Record<string, unknown>) => (await bot.send(cardAction(who, chat, verb, data))).invokeCard as Card;
  const tender = async (id: string) => (await bot.repos.tenders.getTender(DEMO_TENANT, id))!.value;
  return { bot, click, tender };
}

describe('a konsulent drafts, the tovholder publishes and cancels (the defaults)', () => {
  it('the konsulent\'s draft offers Ret kladde, not Offentliggør, and says who publishes', async () => {
    const { click } = await start();
    const draft = await click(persona.konsulent, 'tender.save', VALID_TENDER_FORM);
    // Ret kladde, and Send til tovholderen (tests/integration/draft-ready.test.ts).
    expect(verbsOf(draft)).toEqual(['tender.edit', 'tender.sendToLead']);
    expect(cardText(draft)).toContain('Udkastet offentliggøres af tovholderen: Johan Kristensen (tovholder).');
    const { tenderId } = dataOf(draft, 'tender.edit');
    // The tovholder sees the same draft with every button.
    expect(verbsOf(await click(persona.tovholder, 'tender.preview', { tenderId }))).toEqual(['tender.edit', 'tender.publish', 'tender.cancelAsk']);
  });

  it('refuses the konsulent publishing, naming the tovholder; nothing is stored or posted; the tovholder then publishes', async () => {
    const requests = new CosmosRequestLog();
    const { bot, click, tender } = await start(undefined, requests);
    const { tenderId } = dataOf(await click(persona.konsulent, 'tender.save', VALID_TENDER_FORM), 'tender.edit');
    const before = JSON.stringify(await tender(tenderId!));
    const posted = bot.notices.length;
    requests.clear();
    const refused = await click(persona.konsulent, 'tender.publish', { tenderId });
    expect(cardText(refused)).toContain('Kun tovholderen kan offentliggøre udbuddet. Bed Johan Kristensen (tovholder) om at offentliggøre det.');
    // The refusal's cost: the tender read to check the right, and read again to name who may; nothing written.
    expect(requests.to('tenders').map((r) => r.operation)).toEqual(['read', 'read']);
    expect(JSON.stringify(await tender(tenderId!))).toBe(before);
    expect(bot.notices.length).toBe(posted);

    const published = await click(persona.tovholder, 'tender.publish', { tenderId });
    expect(verbsOf(published)).toContain('tender.bids');
    expect((await tender(tenderId!)).status).toBe('published');
  });

  it('refuses the konsulent cancelling (the reason typed comes back; nothing stored or queued); the tovholder cancels', async () => {
    const { bot, click, tender } = await start();
    const { tenderId } = dataOf(await click(persona.tovholder, 'tender.save', VALID_TENDER_FORM), 'tender.publish');
    await click(persona.tovholder, 'tender.publish', { tenderId });
    const before = JSON.stringify(await tender(tenderId!));
    expect(cardText(await click(persona.konsulent, 'tender.cancelAsk', { tenderId }))).toContain('Kun tovholderen kan annullere udbuddet. Bed Johan Kristensen (tovholder) om at annullere det.');
    const refused = await click(persona.konsulent, 'tender.cancel', { tenderId, reason: 'Budgettet er omprioriteret.' });
    expect(cardText(refused)).toContain('Kun tovholderen kan annullere udbuddet.');
    expect(cardText(refused)).toContain('Budgettet er omprioriteret.');
    expect(JSON.stringify(await tender(tenderId!))).toBe(before);
    expect(await bot.repos.outbox.due(new Date('2030-01-01'))).toEqual([]);

    // The list, as each reader sees it: the konsulent no Annullér udbud, the tovholder with it.
    const listed = async (who: Persona) => verbsOf((await bot.send(cardAction(who, chat, 'tender.list', {}))).invokeCard);
    expect(await listed(persona.konsulent)).not.toContain('tender.cancelAsk');
    expect(await listed(persona.tovholder)).toContain('tender.cancelAsk');

    const cancelled = await click(persona.tovholder, 'tender.cancel', { tenderId, reason: 'Budgettet er omprioriteret.' });
    expect(cardText(cancelled)).not.toContain('Kun tovholderen');
    expect((await tender(tenderId!)).status).toBe('cancelled');
  });

  it('a draft in the list: the konsulent gets Ret kladde only, a chef too, the tovholder everything', async () => {
    const { bot, click } = await start();
    await click(persona.konsulent, 'tender.save', VALID_TENDER_FORM);
    const draftVerbs = async (who: Persona) => verbsOf((await bot.send(cardAction(who, chat, 'tender.list', {}))).invokeCard).filter((v) => v !== 'tender.list');
    expect(await draftVerbs(persona.konsulent)).toEqual(['tender.edit']);
    expect(await draftVerbs(chef)).toEqual(['tender.edit']);
    expect(await draftVerbs(persona.tovholder)).toEqual(['tender.edit', 'tender.publish', 'tender.cancelAsk']);
    // Typed in the chat, the list is shared: no manager's buttons; each reader's refresh brings their own.
    const shared = (await bot.send(message(persona.tovholder, chat, 'udbud'))).cards[0]!;
    expect(verbsOf(shared).filter((v) => v.startsWith('tender.') && v !== 'tender.list')).toEqual([]);
  });
});

describe('a tenant whose table lets chefs publish', () => {
  it('lets a chef publish and refuses the konsulent, naming both the tovholder and the chefs', async () => {
    const { click, tender } = await start({ offentliggoer: ['tovholder', 'chef'] });
    const draft = await click(persona.konsulent, 'tender.save', VALID_TENDER_FORM);
    const { tenderId } = dataOf(draft, 'tender.edit');
    expect(cardText(draft)).toContain('Udkastet offentliggøres af tovholderen eller en chef: ');
    const refused = cardText(await click(persona.konsulent, 'tender.publish', { tenderId }));
    expect(refused).toContain('Kun tovholderen eller en chef kan offentliggøre udbuddet. Bed ');
    expect(refused).toContain('Niels Iversen (chef)');
    expect(refused).toContain('Johan Kristensen (chef, tovholder)');
    expect((await tender(tenderId!)).status).toBe('draft');
    expect(verbsOf(await click(chef, 'tender.preview', { tenderId }))).toContain('tender.publish');
    await click(chef, 'tender.publish', { tenderId });
    expect((await tender(tenderId!)).status).toBe('published');
    // Cancelling stays the tovholder's: the table left `aflys` as it was.
    expect(cardText(await click(chef, 'tender.cancel', { tenderId, reason: 'Nej.' }))).toContain('Kun tovholderen kan annullere udbuddet.');
  });

  it('a table that keeps konsulenter from drafting refuses their form, showing back what they wrote', async () => {
    const { bot, click } = await start({ udkast: ['tovholder'] });
    const refused = cardText(await click(persona.konsulent, 'tender.save', { ...VALID_TENDER_FORM, description: 'Min lange beskrivelse' }));
    expect(refused).toContain('Kun tovholderen kan oprette og rette kernegruppens udkast og forberede beslutningerne. Bed Johan Kristensen (tovholder) om det.');
    expect(refused).toContain('Min lange beskrivelse');
    expect(await bot.repos.tenders.tendersOfGroup(DEMO_TENANT, 'kernegruppe-laering')).toEqual([]);
  });
});

describe('an admin stands in for the tovholder', () => {
  it('finds the group\'s drafts in its chat, previews and publishes one, and is offered no bids to read', async () => {
    const { bot, click, tender } = await start();
    const { tenderId } = dataOf(await click(persona.konsulent, 'tender.save', VALID_TENDER_FORM), 'tender.edit');
    const list = (await bot.send(cardAction(persona.admin, chat, 'tender.list', {}))).invokeCard;
    expect(cardText(list)).toContain('Kernegruppe Læring');
    expect(verbsOf(list).filter((v) => v !== 'tender.list')).toEqual(['tender.publish', 'tender.cancelAsk']);
    expect(verbsOf(await click(persona.admin, 'tender.preview', { tenderId }))).toEqual(['tender.publish', 'tender.cancelAsk']);
    await click(persona.admin, 'tender.publish', { tenderId });
    expect((await tender(tenderId!)).status).toBe('published');
    expect(verbsOf((await bot.send(cardAction(persona.admin, chat, 'tender.list', {}))).invokeCard)).not.toContain('tender.bids');
  });
});
