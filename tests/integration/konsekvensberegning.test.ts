// Konsekvensberegning end to end over HTTP (the real bot, the embedded Cosmos server, a recording connector
// for the 1:1s and the group chat, a set clock): after the tender closes, the bidder or a member asks, the
// group's økonomikonsulent gets the card 1:1, saves (and revises) the figures, and the bidder and the group
// are told. Refusals (no økonomikonsulent, forged saves, bad figures) change nothing.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { botAdded, cardAction } from '../support/activities.js';
import { cardText, type Card } from '../support/bot-driver.js';
import { dataOf, verbsOf } from '../support/card-actions.js';
import { CosmosRequestLog } from '../support/cosmos.js';
import { conversations, DEMO_TENANT, persona, personal, type Conversation, type Persona } from '../support/demo.js';
import { VALID_BID_FORM, VALID_TENDER_FORM } from '../support/forms.js';
import { HttpBot } from '../support/http-bot.js';
import type { Bid } from '../../src/domain/bid.js';

const chat = conversations.laeringChat;
const general = conversations.general;
/** Kernegruppe Beskæftigelse's økonomikonsulent (demo roster): not Læring's. */
const otherOekonomi: Persona = { id: 'd0000000-0000-4000-8000-000000000025', name: 'Karen Pedersen' };
const OTHER_TENANT = '0e000000-0000-4000-8000-00000000000e';

const requests = new CosmosRequestLog();
let http: HttpBot;
let tenderId: string;
let bidId: string;

const click = async (who: Persona, where: Conversation, verb: string, data: Record<string, unknown> = {}, opts: { tenantId?: string } = {}): Promise<Card | undefined> =>
  (await http.send(cardAction(who, where, verb, data, opts) as Partial<Activity>)).card;
const storedBid = async (): Promise<Bid> => (await http.repos.tenders.getBid(DEMO_TENANT, bidId))!.value;
const textOf = (r: { activity: Partial<Activity> }) => cardText(r.activity.attachments?.[0]?.content);

const GOOD = { oneOffKr: '250.000', yearlyKr: '1.250.000', years: '3', yearlySavingsKr: '0', note: 'Lokaler stilles til rådighed af biblioteket.' };

beforeEach(async () => {
  http = await HttpBot.start('2026-11-23T10:00:00Z', requests);
  // The økonomikonsulent has the bot installed 1:1: the request reaches her there.
  await http.send(botAdded(persona.oekonomi, personal(persona.oekonomi)));
  const saved = await click(persona.tovholder, chat, 'tender.save', VALID_TENDER_FORM);
  tenderId = dataOf(saved, 'tender.publish').tenderId!;
  await click(persona.tovholder, chat, 'tender.publish', { tenderId });
  const form = await click(persona.medarbejder, general, 'bid.open', { tenderId });
  const receipt = await click(persona.medarbejder, general, 'bid.submit', { tenderId, submissionId: dataOf(form, 'bid.submit').submissionId!, ...VALID_BID_FORM });
  expect(verbsOf(receipt)).not.toContain('konsekvens.request');
  bidId = (await http.repos.tenders.bidsOfBidder(DEMO_TENANT, persona.medarbejder.id))[0]!.id;
  await http.sweep();
});
afterEach(async () => {
  await http.stop();
});

/** Past the deadline (2026-12-07 12:00 Copenhagen time) and the sweep has closed the tender. */
async function closeTender(): Promise<void> {
  http.clock.set('2026-12-07T11:00:01Z');
  await http.sweep();
  expect((await http.repos.tenders.getTender(DEMO_TENANT, tenderId))!.value.status).toBe('closed');
  http.connector.clear();
}

describe('the bidder asks, the økonomikonsulent makes it, the bidder and the group are told', () => {
  it('goes the whole way from a closed tender, and a revision tells them again', async () => {
    // Before the deadline nobody may ask.
    expect(cardText(await click(persona.medarbejder, personal(persona.medarbejder), 'konsekvens.request', { bidId }))).toContain('når fristen for bud er udløbet');
    await closeTender();

    // The bidder's own bids after the deadline offer the request.
    const mine = await click(persona.medarbejder, personal(persona.medarbejder), 'bid.open', { tenderId, from: 'mine' });
    expect(verbsOf(mine)).toContain('konsekvens.request');
    const form = await click(persona.medarbejder, personal(persona.medarbejder), 'konsekvens.request', dataOf(mine, 'konsekvens.request'));
    expect(cardText(form)).toContain('Birgitte Lund');
    expect(verbsOf(form)).toEqual(['konsekvens.ask', 'bid.mine']);

    requests.clear();
    const asked = await click(persona.medarbejder, personal(persona.medarbejder), 'konsekvens.ask', { ...dataOf(form, 'konsekvens.ask'), note: 'Hvad koster lokalerne om året?' });
    const askOps = requests.operations();
    expect(cardText(asked)).toContain('Konsekvensberegningen er bestilt');
    expect(cardText(asked)).toContain('Birgitte Lund har fået buddet »Læsecafé på biblioteket«');
    // The directory, the bid, the tender, the bid's write, one notice per økonomikonsulent (Læring has one).
    expect(askOps).toEqual(['read docs', 'read docs', 'read docs', 'replace docs', 'create docs']);
    const requested = await storedBid();
    expect(requested.konsekvens).toMatchObject({ status: 'requested', request: { by: persona.medarbejder.id, byName: 'Sofie Nielsen', asker: 'bidder', note: 'Hvad koster lokalerne om året?' } });
    expect(requested.history.at(-1)).toMatchObject({ action: 'konsekvens.requested', by: persona.medarbejder.id });

    // Asking again while it is open asks nothing new.
    const again = await click(persona.medarbejder, personal(persona.medarbejder), 'konsekvens.ask', { bidId, note: 'Igen' });
    expect(cardText(again)).toContain('Der er allerede bedt om en konsekvensberegning');
    expect(await storedBid()).toEqual(requested);

    // The økonomikonsulent gets her card 1:1, with the bid and the question.
    const sent = await http.sweep();
    const toHer = sent.filter((r) => r.conversationId === personal(persona.oekonomi).id);
    expect(toHer).toHaveLength(1);
    const card = toHer[0]!.activity.attachments![0]!.content as Card;
    expect(cardText(card)).toContain('Bud nr. 1: Læsecafé på biblioteket');
    expect(cardText(card)).toContain('Sofie Nielsen');
    expect(cardText(card)).toContain('Hvad koster lokalerne om året?');
    expect(cardText(card)).toContain('Ugentlig læsecafé med frivillige og bibliotekarer.');
    expect(verbsOf(card)).toEqual(['konsekvens.save']);

    // Bad figures: the form comes back with everything typed and the message at each field; nothing is stored.
    const bad = await click(persona.oekonomi, personal(persona.oekonomi), 'konsekvens.save', { bidId, oneOffKr: '1,5 mio.', yearlyKr: '-5.000', years: '0', yearlySavingsKr: '', note: 'Mit notat' });
    const badText = cardText(bad);
    expect(badText).toContain('Beregningen er ikke gemt');
    expect(badText).toContain('Skriv beløbet helt ud i kroner, fx 1.500.000 for 1,5 mio. (du skrev 1,5 mio.)');
    expect(badText).toContain('Beløbet kan ikke være negativt');
    expect(badText).toContain('Skriv et helt antal år fra 1 til 50');
    expect(badText).toContain('Udfyld feltet (skriv 0, hvis der ikke er noget).');
    const badJson = JSON.stringify(bad);
    for (const typed of ['1,5 mio.', '-5.000', 'Mit notat']) expect(badJson).toContain(typed);
    expect(await storedBid()).toEqual(requested);

    requests.clear();
    const saved = await click(persona.oekonomi, personal(persona.oekonomi), 'konsekvens.save', { ...dataOf(card, 'konsekvens.save'), ...GOOD });
    const saveOps = requests.operations();
    expect(cardText(saved)).toContain('Konsekvensberegningen er gemt');
    expect(cardText(saved)).toContain('Årlig driftsudgift: 1.250.000 kr.');
    expect(cardText(saved)).toContain('Netto over 3 år: 4.000.000 kr.');
    expect(verbsOf(saved)).toEqual(['konsekvens.open']);
    // The directory, the bid, the tender, the bid's write, the bidder's notice and the group chat's notice.
    expect(saveOps).toEqual(['read docs', 'read docs', 'read docs', 'replace docs', 'create docs', 'create docs']);
    const done = await storedBid();
    expect(done.konsekvens).toMatchObject({ status: 'done', result: { oneOffKr: 250_000, yearlyKr: 1_250_000, years: 3, yearlySavingsKr: 0, by: persona.oekonomi.id, revision: 1 } });
    expect(done.history.at(-1)).toMatchObject({ action: 'konsekvens.made', by: persona.oekonomi.id });

    // The bidder 1:1 and the group's chat are told, with the figures.
    const told = await http.sweep();
    const toBidder = told.filter((r) => r.conversationId === `a:1on1-29:${persona.medarbejder.id}`);
    expect(toBidder).toHaveLength(1);
    expect(textOf(toBidder[0]!)).toContain('Konsekvensberegning af dit bud »Læsecafé på biblioteket«');
    expect(textOf(toBidder[0]!)).toContain('Engangsudgift: 250.000 kr.');
    const toGroup = told.filter((r) => r.conversationId === chat.id);
    expect(toGroup).toHaveLength(1);
    expect(textOf(toGroup[0]!)).toContain('Konsekvensberegning af bud nr. 1 »Læsecafé på biblioteket« (Sofie Nielsen)');
    expect(textOf(toGroup[0]!)).toContain('Årlig driftsudgift: 1.250.000 kr.');

    // She reopens her card from the stored state and revises.
    const reopened = await click(persona.oekonomi, personal(persona.oekonomi), 'konsekvens.open', { bidId });
    expect(JSON.stringify(reopened)).toContain('1.250.000');
    expect(cardText(reopened)).toContain('version 1');
    const revised = await click(persona.oekonomi, personal(persona.oekonomi), 'konsekvens.save', { bidId, ...GOOD, yearlySavingsKr: '100.000' });
    expect(cardText(revised)).toContain('Konsekvensberegningen er revideret (version 2)');
    expect((await storedBid()).konsekvens?.result).toMatchObject({ yearlySavingsKr: 100_000, revision: 2 });
    expect((await storedBid()).history.map((h) => h.action).slice(-3)).toEqual(['konsekvens.requested', 'konsekvens.made', 'konsekvens.revised']);
    const retold = await http.sweep();
    expect(retold.filter((r) => r.conversationId === chat.id).map(textOf).join('\n')).toContain('Revideret konsekvensberegning af bud nr. 1');

    // Members see the state on the bid detail; the history says what happened.
    const detail = cardText(await click(persona.politiker, chat, 'tender.bid', { bidId }));
    expect(detail).toContain('Konsekvensberegning');
    expect(detail).toContain('Revideret af Birgitte Lund');
    expect(detail).toContain('Årlige besparelser: 100.000 kr.');
    expect(detail).toContain('konsekvensberegning revideret');
  });
});

describe('a member of the kernegruppe asks from the bid detail', () => {
  it('sees the button once the tender has closed, and the request is stored as a member’s', async () => {
    expect(verbsOf(await click(persona.politiker, chat, 'tender.bid', { bidId }))).not.toContain('konsekvens.request');
    await closeTender();
    const detail = await click(persona.politiker, chat, 'tender.bid', { bidId });
    const form = await click(persona.politiker, chat, 'konsekvens.request', dataOf(detail, 'konsekvens.request'));
    expect(verbsOf(form)).toEqual(['konsekvens.ask', 'tender.bid']);
    const asked = await click(persona.politiker, chat, 'konsekvens.ask', { bidId, note: '' });
    expect(cardText(asked)).toContain('Konsekvensberegningen er bestilt');
    expect(dataOf(asked, 'tender.bid')).toEqual({ bidId });
    expect((await storedBid()).konsekvens).toMatchObject({ status: 'requested', request: { by: persona.politiker.id, asker: 'member', note: '' } });
    const after = cardText(await click(persona.politiker, chat, 'tender.bid', { bidId }));
    expect(after).toContain('Bestilt af Mette Holm');
    // Someone outside the group (not the bidder) cannot ask.
    expect(cardText(await click(otherOekonomi, personal(otherOekonomi), 'konsekvens.ask', { bidId }))).toContain('Buddet findes ikke, eller du kan ikke bede om en konsekvensberegning af det.');
  });

  it('is told clearly when the group has no økonomikonsulent, and nothing is stored or sent', async () => {
    const found = (await http.repos.directories.get(DEMO_TENANT))!;
    const groups = found.value.groups.map((g) => (g.id === 'kernegruppe-laering' ? { ...g, members: g.members.filter((m) => !m.roles.includes('oekonomikonsulent')) } : g));
    expect(await http.repos.directories.save({ ...found.value, groups }, found.etag)).toBe('saved');
    await closeTender();
    const before = await storedBid();
    const refused = cardText(await click(persona.politiker, chat, 'konsekvens.request', { bidId }));
    expect(refused).toContain('Der er ingen økonomikonsulent i Kernegruppe Læring');
    expect(refused).toContain('Intet er gemt');
    expect(cardText(await click(persona.medarbejder, personal(persona.medarbejder), 'konsekvens.ask', { bidId, note: 'Hjælp' }))).toContain('Der er ingen økonomikonsulent i Kernegruppe Læring');
    expect(await storedBid()).toEqual(before);
    expect(await http.sweep()).toEqual([]);
  });

  it('gets the question back at its field when it is too long', async () => {
    await closeTender();
    const long = 'x'.repeat(1200);
    const back = await click(persona.politiker, chat, 'konsekvens.ask', { bidId, note: long });
    expect(cardText(back)).toContain('Højst 1.000 tegn – du skrev 1.200.');
    expect(JSON.stringify(back)).toContain(long);
    expect((await storedBid()).konsekvens).toBeUndefined();
  });
});

describe('only an økonomikonsulent of the group makes it', () => {
  it('refuses forged saves and opens from anyone else, changing nothing', async () => {
    await closeTender();
    await click(persona.medarbejder, personal(persona.medarbejder), 'konsekvens.ask', { bidId, note: '' });
    const requested = await storedBid();
    const forgers: [Persona, Conversation, { tenantId?: string }, string][] = [
      [persona.tovholder, chat, {}, 'Kun kernegruppens økonomikonsulent kan lave konsekvensberegningen'],
      [persona.medarbejder, personal(persona.medarbejder), {}, 'Kun kernegruppens økonomikonsulent kan lave konsekvensberegningen'],
      [otherOekonomi, personal(otherOekonomi), {}, 'Buddet findes ikke'],
      [persona.oekonomi, personal(persona.oekonomi), { tenantId: OTHER_TENANT }, 'Buddet findes ikke'],
    ];
    for (const [who, where, opts, says] of forgers) {
      expect(cardText(await click(who, where, 'konsekvens.save', { bidId, ...GOOD }, opts)), who.name).toContain(says);
      expect(cardText(await click(who, where, 'konsekvens.open', { bidId }, opts)), who.name).toContain(says);
    }
    expect(await storedBid()).toEqual(requested);
    // Only the request's own notice to the økonomikonsulent went out.
    expect((await http.sweep()).map((r) => r.conversationId)).toEqual([personal(persona.oekonomi).id]);
  });

  it('refuses a save where nothing was asked for', async () => {
    await closeTender();
    expect(cardText(await click(persona.oekonomi, personal(persona.oekonomi), 'konsekvens.save', { bidId, ...GOOD }))).toContain('Der er ikke bedt om en konsekvensberegning af dette bud');
    expect((await storedBid()).konsekvens).toBeUndefined();
  });
});
