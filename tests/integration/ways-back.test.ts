// Ways back and the long forms, through the real Application (TestAdapter + app.run) on the embedded
// Cosmos server: every card that replaces another in place leads back to the one the person came
// from (the group's tender list, the "tender closed" notice, `mine bud`, the draft preview), a forged
// way back shows nothing the person may not see, and a text over its limit is refused at its field
// with what was written kept.

import { beforeEach, describe, expect, it } from 'vitest';
import { closedSummaryCard } from '../../src/adapters/cards/tender-report-views.js';
import { numberBids } from '../../src/app/bid-numbers.js';
import { sweepTenders } from '../../src/app/tender-sweep.js';
import { TestClock } from '../support/clock.js';
import { RecordingNotifier } from '../support/recording-notifier.js';
import { botAdded, cardAction, message } from '../support/activities.js';
import { BotDriver, cardText, type Card } from '../support/bot-driver.js';
import { dataOf, verbsOf } from '../support/card-actions.js';
import { freshDatabase } from '../support/cosmos.js';
import { conversations, DEMO_TENANT, persona, personal, type Conversation, type Persona } from '../support/demo.js';
import { VALID_TENDER_FORM } from '../support/forms.js';

let bot: BotDriver;
beforeEach(async () => {
  bot = await BotDriver.start(await freshDatabase());
  await bot.send(botAdded(persona.admin, conversations.general));
});

const chat = conversations.laeringChat;
const general = conversations.general;

const validTender = VALID_TENDER_FORM;

const validBid = {
  title: 'Læsecafé på biblioteket',
  description: 'Ugentlig læsecafé med frivillige og bibliotekarer.',
  howItHelps: 'Børnene læser mere og forældrene kommer med.',
  forudsaetninger: 'laering-1',
  participate: 'false',
};

/** The button a person would press, found by its title; throws (showing the card) when there is none. */
function buttonTitled(card: unknown, title: string): { verb: string; data: Record<string, string> } {
  let found: { verb: string; data: Record<string, string> } | undefined;
  JSON.stringify(card, (_k, v: unknown) => {
    const a = v as { type?: unknown; title?: unknown; verb?: unknown; data?: Record<string, string> } | null;
    if (!found && a && typeof a === 'object' && a.type === 'Action.Execute' && a.title === title) found = { verb: String(a.verb), data: a.data ?? {} };
    return v;
  });
  if (!found) throw new Error(`no button ${title} in card: ${cardText(card)}`);
  return found;
}

/** Presses a button on a card, with what the person typed in its inputs (Teams sends both), and returns the card that replaces it. */
async function press(who: Persona, where: Conversation, card: unknown, title: string, typed: Record<string, string> = {}): Promise<Card> {
  const { verb, data } = buttonTitled(card, title);
  const sent = await bot.send(cardAction(who, where, verb, { ...data, ...typed }));
  if (!sent.invokeCard) throw new Error(`no card back from ${verb}`);
  return sent.invokeCard;
}

async function say(who: Persona, where: Conversation, text: string): Promise<Card> {
  const sent = await bot.send(message(who, where, text));
  return sent.cards[0]!;
}

async function draft(fields: Record<string, string> = validTender): Promise<{ tenderId: string; preview: Card }> {
  const sent = await bot.send(cardAction(persona.tovholder, chat, 'tender.save', fields));
  return { tenderId: dataOf(sent.invokeCard, 'tender.publish').tenderId!, preview: sent.invokeCard! };
}

async function publishedWithBid(): Promise<string> {
  const { tenderId } = await draft();
  await bot.send(cardAction(persona.tovholder, chat, 'tender.publish', { tenderId }));
  const form = (await bot.send(cardAction(persona.medarbejder, general, 'bid.open', { tenderId }))).invokeCard!;
  await press(persona.medarbejder, general, form, 'Send bud', validBid);
  // What runs just after the click: the bid gets its number and the tender its count.
  await numberBids({ ...bot.repos, clock: bot.clock }, DEMO_TENANT, tenderId);
  return tenderId;
}

/** The group's tender list as one reader sees it: what Teams fetches through the shared list's refresh. */
const ownList = async (who: Parameters<typeof cardAction>[0]) => (await bot.send(cardAction(who, chat, 'tender.list', {}))).invokeCard!;
const stored = async (tenderId: string) => (await bot.repos.tenders.getTender(DEMO_TENANT, tenderId))!.value;

describe('ways back to where the person came from', () => {
  it("Se bud from the group's tender list, then Tilbage, gives the list back; Detaljer and back keeps the way", async () => {
    await publishedWithBid();
    // `udbud` in the chat posts the shared list; each reader's own view comes through its refresh (tender.list).
    const list = await ownList(persona.konsulent);
    expect(cardText(list)).toContain('Udbud fra Kernegruppe Læring');

    const overview = await press(persona.konsulent, chat, list, 'Se bud');
    expect(cardText(overview)).toContain('Læsecafé på biblioteket');
    const detail = await press(persona.konsulent, chat, overview, 'Detaljer');
    expect(cardText(detail)).toContain('Ugentlig læsecafé med frivillige og bibliotekarer.');
    const overviewAgain = await press(persona.konsulent, chat, detail, 'Tilbage til buddene');
    expect(overviewAgain).toEqual(overview);

    const back = await press(persona.konsulent, chat, overviewAgain, 'Tilbage');
    expect(back).toEqual(list);
  });

  it('Se buddene from the "tender closed" notice, then Tilbage, gives the notice back', async () => {
    const tenderId = await publishedWithBid();
    // The notice as the sweep posts it when the tender closes, with the final count.
    (bot.clock as TestClock).set('2026-12-07T11:00:05Z');
    await sweepTenders({ ...bot.repos, notifier: new RecordingNotifier(), clock: bot.clock });
    const notice = closedSummaryCard('da', await stored(tenderId));
    expect(cardText(notice)).toContain('1 bud modtaget');
    const overview = await press(persona.tovholder, chat, notice, 'Se buddene');
    expect(cardText(overview)).toContain('Læsecafé på biblioteket');
    expect(await press(persona.tovholder, chat, overview, 'Tilbage')).toEqual(notice);
  });

  it('Se udbuddet from `mine bud`, then Tilbage til mine bud, gives `mine bud` back, also after Ret and Fortryd', async () => {
    await publishedWithBid();
    const me = personal(persona.medarbejder);
    const mine = await say(persona.medarbejder, me, 'mine bud');
    expect(cardText(mine)).toContain('Mine bud');

    const tender = await press(persona.medarbejder, me, mine, 'Se udbuddet');
    expect(cardText(tender)).toContain('Dine bud');
    expect(await press(persona.medarbejder, me, tender, 'Tilbage til mine bud')).toEqual(mine);

    // Ret, then Fortryd: the tender with the person's bids, still with the way back.
    const form = await press(persona.medarbejder, me, tender, 'Ret');
    const undone = await press(persona.medarbejder, me, form, 'Fortryd', { title: 'Noget andet' });
    expect(undone).toEqual(tender);
    expect(await press(persona.medarbejder, me, undone, 'Tilbage til mine bud')).toEqual(mine);
  });

  it("the draft edit form's Fortryd gives the draft preview back unchanged, and stores nothing", async () => {
    const { tenderId, preview } = await draft();
    const form = await press(persona.tovholder, chat, preview, 'Ret kladde');
    expect(verbsOf(form)).toEqual(['tender.save', 'tender.preview']);
    const undone = await press(persona.tovholder, chat, form, 'Fortryd', { ...validTender, title: 'Ændret titel' });
    expect(undone).toEqual(preview);
    const t = await stored(tenderId);
    expect(t.title).toBe('Læsevenner i lokalsamfundet');
    expect(t.history.map((h) => h.action)).toEqual(['created']);
  });

  it('Ret kladde from the list: Fortryd gives the list back, also after the form came back with an error', async () => {
    const { tenderId } = await draft();
    const list = await ownList(persona.tovholder);
    const form = await press(persona.tovholder, chat, list, 'Ret kladde');
    const refused = await press(persona.tovholder, chat, form, 'Gem kladde', { ...validTender, title: '' });
    expect(cardText(refused)).toContain('Skriv en titel.');
    expect(await press(persona.tovholder, chat, refused, 'Fortryd')).toEqual(list);
    expect((await stored(tenderId)).history.map((h) => h.action)).toEqual(['created']);
  });

  it('a forged way back shows nothing the person may not see', async () => {
    const { tenderId } = await draft();
    const published = await publishedWithBid();
    const outsider = persona.medarbejder;
    // The target views check their own rights, whatever `from` says.
    expect(cardText((await bot.send(cardAction(outsider, chat, 'tender.bids', { tenderId: published, from: 'list' }))).invokeCard)).toContain('Kun kernegruppens medlemmer');
    expect(cardText((await bot.send(cardAction(outsider, chat, 'tender.closed', { tenderId: published }))).invokeCard)).toContain('Kun kernegruppens medlemmer');
    expect(cardText((await bot.send(cardAction(outsider, chat, 'tender.preview', { tenderId }))).invokeCard)).toContain('Udbuddet findes ikke');
    const list = cardText((await bot.send(cardAction(outsider, chat, 'tender.list', {}))).invokeCard);
    expect(list).toContain('Åbne udbud');
    expect(list).not.toContain('Ret kladde');
    // A politician in the group may read the bids but not see a draft's preview as a manager would.
    expect(cardText((await bot.send(cardAction(persona.politiker, chat, 'tender.preview', { tenderId }))).invokeCard)).toContain('Kun tovholderen, en chef eller en konsulent kan oprette og rette kernegruppens udkast');
    // A `from` no card sends is tampered data: a polite error, nothing shown.
    const forged = await bot.send(cardAction(persona.tovholder, chat, 'tender.bids', { tenderId: published, from: 'admin' }));
    expect(cardText(forged.invokeCard)).not.toContain('Læsecafé');
    expect(verbsOf(forged.invokeCard)).toEqual([]);
  });
});

describe('the bid form is short, and a text over its limit is refused, not cut', () => {
  const input = (card: unknown, id: string) => {
    let found: Record<string, unknown> | undefined;
    JSON.stringify(card, (_k, v: unknown) => {
      if (!found && v && typeof v === 'object' && (v as { id?: unknown }).id === id) found = v as Record<string, unknown>;
      return v;
    });
    return found;
  };

  it('refuses an over-long description at its field, with the whole text kept and nothing stored', async () => {
    const { tenderId } = await draft();
    await bot.send(cardAction(persona.tovholder, chat, 'tender.publish', { tenderId }));
    const form = (await bot.send(cardAction(persona.medarbejder, general, 'bid.open', { tenderId }))).invokeCard!;
    expect(input(form, 'description')).toMatchObject({ label: 'Beskriv aktiviteten (højst 4.000 tegn)' });
    expect(JSON.stringify(form)).not.toContain('maxLength');

    const long = `${'Læsecafé hver uge. '.repeat(220)}SLUT`;
    const refused = await press(persona.medarbejder, general, form, 'Send bud', { ...validBid, description: long, forudsaetningerOther: 'beskaeftigelse-1', roleKommunen: 'Lokaler' });
    expect(cardText(refused)).toContain(`Højst 4.000 tegn – du skrev ${new Intl.NumberFormat('da-DK').format(long.length)}.`);
    expect(input(refused, 'description')!.value).toBe(long);
    // Nothing the person chose is out of sight on the form that came back.
    expect(input(refused, 'otherForudsaetninger')).toMatchObject({ isVisible: true });
    expect(input(refused, 'forudsaetningerOther')!.value).toBe('beskaeftigelse-1');
    expect(input(refused, 'partyRoles')).toMatchObject({ isVisible: true });
    expect(input(refused, 'roleKommunen')!.value).toBe('Lokaler');
    expect(await bot.repos.tenders.allBidsOfTender(DEMO_TENANT, tenderId)).toEqual([]);

    // Shortened, the same form sends, with the forudsætninger of both lists.
    const receipt = await press(persona.medarbejder, general, refused, 'Send bud', { ...validBid, description: 'Kort.', forudsaetningerOther: 'beskaeftigelse-1' });
    expect(cardText(receipt)).toContain('Dit bud er modtaget.');
    const [saved] = await bot.repos.tenders.allBidsOfTender(DEMO_TENANT, tenderId);
    expect(saved).toMatchObject({ forudsaetninger: ['laering-1', 'beskaeftigelse-1'], crossCutting: true });
  });

  it("refuses an over-long tender description at its field, with the text kept; the draft's limit is said at the field", async () => {
    const form = await say(persona.tovholder, chat, 'nyt udbud');
    expect(input(form, 'description')).toMatchObject({ label: 'Beskrivelse (højst 4.000 tegn)' });
    expect(input(form, 'title')).toMatchObject({ label: 'Titel (højst 120 tegn)' });
    const long = 'x'.repeat(4001);
    const refused = (await bot.send(cardAction(persona.tovholder, chat, 'tender.save', { ...validTender, description: long }))).invokeCard!;
    expect(cardText(refused)).toContain('Højst 4.000 tegn – du skrev 4.001.');
    expect(input(refused, 'description')!.value).toBe(long);
    expect(await bot.repos.tenders.tendersOfGroup(DEMO_TENANT, 'kernegruppe-laering')).toEqual([]);
  });
});
