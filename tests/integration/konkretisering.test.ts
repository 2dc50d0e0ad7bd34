// Stage 2 through the whole bot over HTTP (the recording connector sees every 1:1 and chat message):
// a closed tender, a manager asks a bidder and their co-bidder for a konkretisering, both get the 1:1
// card, the bidder answers (Danish kroner, 0 allowed, "1,5 mio." refused), the group's chat is told,
// the bid detail shows it; reminders 2 days and 2 hours before the deadline exactly once (also
// across a summer-time change) and none once answered; forged actions, a late answer and a double
// click. Seed 000: "Efterfølgende kan kernegruppen, hvis beskrivelsen lyder interessant, bede om en
// konkretisering med kompetencer, organisering og økonomi fra den person/de personer i organisationen,
// som har budt ind".

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { cardAction, installation } from '../support/activities.js';
import { cardText, type Card } from '../support/bot-driver.js';
import { dataOf, verbsOf } from '../support/card-actions.js';
import { conversations, DEMO_TENANT, persona, personal, type Conversation, type Persona } from '../support/demo.js';
import { VALID_TENDER_FORM } from '../support/forms.js';
import { HttpBot } from '../support/http-bot.js';
import { CosmosRequestLog } from '../support/cosmos.js';

const chat = conversations.laeringChat;
const general = conversations.general;
const OTHER_TENANT = '0e000000-0000-4000-8000-00000000000e';

let http: HttpBot;
const requests = new CosmosRequestLog();
beforeEach(async () => {
  http = await HttpBot.start('2026-11-23T10:00:00Z', requests);
});
afterEach(async () => {
  await http.stop();
});

const click = (who: Persona, where: Conversation, verb: string, data: Record<string, unknown> = {}, opts: { tenantId?: string } = {}) =>
  http.send(cardAction(who, where, verb, data, opts) as Partial<Activity>);
const oneToOne = (p: Persona) => `a:1on1-29:${p.id}`;
const cardsTo = (conversationId: string) => http.connector.to(conversationId).map((r) => r.activity.attachments?.[0]?.content as Card);

const BID = {
  title: 'Læsecafé på biblioteket',
  description: 'Ugentlig læsecafé med frivillige og bibliotekarer.',
  howItHelps: 'Børnene læser mere og forældrene kommer med.',
  forudsaetninger: 'laering-1',
  roleKommunen: 'Stiller lokaler til rådighed',
  participate: 'true',
};
const ANSWER = {
  kompetencer: 'Bibliotekarer med læsevejledning; frivillige fra Frivilligcenteret.',
  organisering: 'Biblioteket driver caféen; skolen henviser børnene.',
  oneOffKr: '1.250.000',
  yearlyKr: '0',
  staff: '0,5 årsværk',
  cofinancingKr: '50.000 kr.',
  cofinancingText: 'Frivilligcenteret dækker forplejning.',
  roleKommunen: 'Lokaler og bibliotekarer',
  answer1: 'Vi starter i februar.',
};

/** A published tender, a bid by the employee with the konsulent picked as co-bidder, then the deadline passes. */
async function closedTenderWithBid(): Promise<{ tenderId: string; bidId: string }> {
  // The co-bidder has installed the app: the bot has a 1:1 chat with her (reached by roster id).
  await http.send(installation(persona.konsulent, personal(persona.konsulent), 'add') as Partial<Activity>);
  const saved = await click(persona.tovholder, chat, 'tender.save', VALID_TENDER_FORM);
  const { tenderId } = dataOf(saved.card, 'tender.publish');
  await click(persona.tovholder, chat, 'tender.publish', { tenderId });
  const form = await click(persona.medarbejder, general, 'bid.open', { tenderId });
  const sent = await click(persona.medarbejder, general, 'bid.submit', { ...dataOf(form.card, 'bid.submit'), ...BID, coBidders: persona.konsulent.id });
  expect(cardText(sent.card)).toContain('Dit bud er modtaget');
  http.clock.set('2026-12-07T11:00:00Z'); // the deadline (12.00 in Copenhagen)
  await http.sweep();
  http.connector.clear();
  const bid = (await http.repos.tenders.bidsOfBidder(DEMO_TENANT, persona.medarbejder.id))[0]!;
  return { tenderId: tenderId!, bidId: bid.id };
}

const REQUEST = { deadlineDate: '2026-12-14', deadlineTime: '12:00', question1: 'Hvornår kan I starte?' };

describe('asking for a konkretisering', () => {
  it('co-bidders are people from the roster: stored with their names and shown on the bid', async () => {
    const { bidId } = await closedTenderWithBid();
    const bid = (await http.repos.tenders.getBid(DEMO_TENANT, bidId))!.value;
    expect(bid.coBidderIds).toEqual([{ id: persona.konsulent.id, name: 'Hanne Graversen' }]);
    expect(bid.coBidders).toBe('');
    const detail = await click(persona.tovholder, chat, 'tender.bid', { bidId });
    expect(cardText(detail.card)).toContain('Medbydere: Hanne Graversen');
  });

  it('the whole path: ask, the 1:1 cards, the answer, the group told, the detail showing it', async () => {
    const { bidId } = await closedTenderWithBid();
    const detail = await click(persona.tovholder, chat, 'tender.bid', { bidId });
    expect(verbsOf(detail.card)).toContain('konkretisering.ask');
    const form = await click(persona.tovholder, chat, 'konkretisering.ask', { bidId });
    expect(cardText(form.card)).toContain('Bed Sofie Nielsen og medbyderne Hanne Graversen om en konkretisering');

    requests.clear();
    const callsBefore = http.connector.calls.length;
    const done = await click(persona.tovholder, chat, 'konkretisering.request', { bidId, ...REQUEST });
    expect(cardText(done.card)).toContain('Der er bedt om en konkretisering');
    expect(cardText(done.card)).toContain('2 person(er) får et kort');
    expect(cardText(done.card)).toContain('mandag 14. december 2026 kl. 12.00');
    // The click's Cosmos cost: directory, bid, tender, the bid's replace, and one create per notice
    // (2 people × (request + 2 reminders)).
    expect(requests.requests.filter((r) => !r.startsWith('queryplan')).length).toBeLessThanOrEqual(10);
    expect(http.connector.calls.length).toBe(callsBefore); // not one call to Teams inside the click

    // A double click (or Teams resending it): nothing new is stored or sent.
    const again = await click(persona.tovholder, chat, 'konkretisering.request', { bidId, ...REQUEST });
    expect(cardText(again.card)).toContain('Anmodningen er allerede sendt');

    await http.sweep();
    const toBidder = cardsTo(oneToOne(persona.medarbejder));
    const toCo = cardsTo(personal(persona.konsulent).id);
    expect(toBidder).toHaveLength(1);
    expect(toCo).toHaveLength(1);
    expect(cardText(toBidder[0])).toContain('1. Hvornår kan I starte?');
    expect(cardText(toBidder[0])).toContain('Frist: mandag 14. december 2026 kl. 12.00');
    // The roles come pre-filled from the bid.
    expect(JSON.stringify(toBidder[0])).toContain('Stiller lokaler til rådighed');
    expect(dataOf(toBidder[0], 'konkretisering.answer').bidId).toBe(bidId);
    await http.sweep();
    expect(cardsTo(oneToOne(persona.medarbejder))).toHaveLength(1);

    const version = dataOf(toBidder[0], 'konkretisering.answer').version;
    const receipt = await click(persona.medarbejder, personal(persona.medarbejder), 'konkretisering.answer', { bidId, version, ...ANSWER });
    expect(cardText(receipt.card)).toContain('Tak – din konkretisering er sendt');
    const stored = (await http.repos.tenders.getBid(DEMO_TENANT, bidId))!.value.konkretisering!;
    expect(stored.status).toBe('answered');
    expect(stored.answer).toMatchObject({ oneOffKr: 1_250_000, yearlyKr: 0, cofinancingKr: 50_000, staff: '0,5 årsværk', answers: ['Vi starter i februar.'] });

    await http.sweep();
    const told = cardsTo(chat.id);
    expect(told).toHaveLength(1);
    expect(cardText(told[0])).toContain('En konkretisering er kommet ind');
    expect(dataOf(told[0], 'tender.bid').bidId).toBe(bidId);

    const after = await click(persona.politiker, chat, 'tender.bid', { bidId });
    const shown = cardText(after.card);
    expect(shown).toContain('✓ Besvaret');
    expect(shown).toContain('Engangsudgift (kr.): 1.250.000 kr.');
    expect(shown).toContain('Vi starter i februar.');
    // A member who does not manage the group's tenders sees it, but gets no button to ask.
    expect(verbsOf(after.card)).not.toContain('konkretisering.ask');
  });

  it('asking again while one is open changes its deadline and questions and tells each person once more', async () => {
    const { bidId } = await closedTenderWithBid();
    await click(persona.tovholder, chat, 'konkretisering.request', { bidId, ...REQUEST });
    const form = await click(persona.tovholder, chat, 'konkretisering.ask', { bidId });
    expect(cardText(form.card)).toContain('ændres fristen og spørgsmålene – der laves ikke en ny');
    const changed = await click(persona.konsulent, chat, 'konkretisering.request', { bidId, ...REQUEST, deadlineDate: '2026-12-16' });
    expect(cardText(changed.card)).toContain('Anmodningen om konkretisering er ændret');
    await http.sweep();
    const toBidder = cardsTo(oneToOne(persona.medarbejder));
    // The first version's card is obsolete once the request changed before it was sent.
    expect(toBidder.map((c) => cardText(c).includes('onsdag 16. december 2026'))).toEqual([true]);
  });

  it('refuses a forged request: a member who is no manager, someone outside the group, another tenant; nothing changes', async () => {
    const { bidId } = await closedTenderWithBid();
    const before = (await http.repos.tenders.getBid(DEMO_TENANT, bidId))!;
    for (const [who, opts, says] of [
      [persona.politiker, {}, 'Kun tovholderen, en chef eller en konsulent kan oprette og rette kernegruppens udkast'],
      [persona.oekonomi, {}, 'Kun tovholderen, en chef eller en konsulent kan oprette og rette kernegruppens udkast'],
      [persona.medarbejder, {}, 'findes ikke'],
      [persona.outsider, {}, 'findes ikke'],
      [persona.admin, { tenantId: OTHER_TENANT }, ''],
    ] as const) {
      const answer = await click(who, chat, 'konkretisering.request', { bidId, ...REQUEST }, opts);
      expect(cardText(answer.card)).not.toContain('Der er bedt om');
      if (says) expect(cardText(answer.card)).toContain(says);
    }
    expect((await http.repos.tenders.getBid(DEMO_TENANT, bidId))!.etag).toBe(before.etag);
  });

  it('is only for a closed tender, with a deadline in the future by the server clock, the form coming back with what was written', async () => {
    const { bidId } = await closedTenderWithBid();
    const past = await click(persona.tovholder, chat, 'konkretisering.request', { bidId, deadlineDate: '2026-12-07', deadlineTime: '11:00', question1: 'Hvad koster det?' });
    expect(cardText(past.card)).toContain('Anmodningen er ikke sendt');
    expect(JSON.stringify(past.card)).toContain('Hvad koster det?');
    expect((await http.repos.tenders.getBid(DEMO_TENANT, bidId))!.value.konkretisering).toBeUndefined();
  });
});

describe('answering a konkretisering', () => {
  async function asked() {
    const ids = await closedTenderWithBid();
    await click(persona.tovholder, chat, 'konkretisering.request', { ...ids, ...REQUEST });
    return ids;
  }

  it('refuses a stranger, and a member of the group who is not a bidder; the co-bidder may answer', async () => {
    const { bidId } = await asked();
    for (const who of [persona.outsider, persona.tovholder, persona.politiker]) {
      const answer = await click(who, personal(who), 'konkretisering.answer', { bidId, ...ANSWER });
      expect(cardText(answer.card)).toContain('findes ikke');
    }
    const other = await click(persona.medarbejder, personal(persona.medarbejder), 'konkretisering.answer', { bidId, ...ANSWER }, { tenantId: OTHER_TENANT });
    expect(cardText(other.card)).not.toContain('Tak');
    expect((await http.repos.tenders.getBid(DEMO_TENANT, bidId))!.value.konkretisering!.status).toBe('requested');
    const co = await click(persona.konsulent, personal(persona.konsulent), 'konkretisering.answer', { bidId, ...ANSWER });
    expect(cardText(co.card)).toContain('Tak – din konkretisering er sendt');
  });

  it('reads kroner the Danish way: "1,5 mio." and a negative cost are refused at the field, with what was written kept', async () => {
    const { bidId } = await asked();
    const answer = await click(persona.medarbejder, personal(persona.medarbejder), 'konkretisering.answer', { bidId, ...ANSWER, oneOffKr: '1,5 mio.', yearlyKr: '-5.000' });
    const shown = cardText(answer.card);
    expect(shown).toContain('Skriv beløbet i hele kroner, fx 1.500.000 – ikke »1,5 mio.«.');
    expect(shown).toContain('Et beløb kan ikke være negativt');
    expect(JSON.stringify(answer.card)).toContain(ANSWER.kompetencer);
    expect((await http.repos.tenders.getBid(DEMO_TENANT, bidId))!.value.konkretisering!.status).toBe('requested');
  });

  it('is editable until its deadline: a minute before passes, at the deadline it is refused with everything written shown back', async () => {
    const { bidId } = await asked();
    http.clock.set('2026-12-14T10:59:00Z'); // 11.59 in Copenhagen
    const inTime = await click(persona.medarbejder, personal(persona.medarbejder), 'konkretisering.answer', { bidId, ...ANSWER });
    expect(cardText(inTime.card)).toContain('Tak – din konkretisering er sendt');
    http.clock.set('2026-12-14T11:00:00Z'); // 12.00, the deadline
    const late = await click(persona.medarbejder, personal(persona.medarbejder), 'konkretisering.answer', { bidId, ...ANSWER, kompetencer: 'En rettelse for sent' });
    const shown = cardText(late.card);
    expect(shown).toContain('Fristen er udløbet');
    expect(shown).toContain('En rettelse for sent');
    expect(shown).toContain(ANSWER.organisering);
    expect((await http.repos.tenders.getBid(DEMO_TENANT, bidId))!.value.konkretisering!.answer!.kompetencer).toBe(ANSWER.kompetencer);
    const detail = await click(persona.tovholder, chat, 'tender.bid', { bidId });
    expect(cardText(detail.card)).toContain('✓ Besvaret');
  });

  it('shows a konkretisering not answered by its deadline as late on the bid detail', async () => {
    const { bidId } = await asked();
    http.clock.set('2026-12-14T11:00:00Z');
    const detail = await click(persona.tovholder, chat, 'tender.bid', { bidId });
    expect(cardText(detail.card)).toContain('⚠ Ikke besvaret inden fristen');
  });
});

describe('reminders before the deadline', () => {
  /** Every card sent to the bidder and the co-bidder, as [who, reminder text] in order. */
  const reminders = () =>
    [oneToOne(persona.medarbejder), personal(persona.konsulent).id].flatMap((c) =>
      cardsTo(c)
        .map(cardText)
        .filter((t) => t.includes('Påmindelse'))
        .map((t) => (t.includes('om 2 dage') ? '2d' : '2h')),
    ).sort();

  async function runTo(at: string) {
    http.clock.set(at);
    await http.sweep();
  }

  it('are sent 2 days and 2 hours before, exactly once each, to the bidder and the co-bidder', async () => {
    const { bidId } = await closedTenderWithBid();
    await click(persona.tovholder, chat, 'konkretisering.request', { bidId, ...REQUEST });
    await runTo('2026-12-07T12:00:00Z');
    await runTo('2026-12-12T10:59:00Z'); // a minute before 2 days before
    expect(reminders()).toEqual([]);
    await runTo('2026-12-12T11:00:00Z');
    await runTo('2026-12-12T11:10:00Z');
    expect(reminders()).toEqual(['2d', '2d']);
    await runTo('2026-12-14T08:59:00Z');
    expect(reminders()).toEqual(['2d', '2d']);
    await runTo('2026-12-14T09:00:00Z');
    await runTo('2026-12-14T10:00:00Z');
    expect(reminders()).toEqual(['2d', '2d', '2h', '2h']);
  });

  it('a request with less than 2 days left gets only the 2-hour one', async () => {
    const { bidId } = await closedTenderWithBid();
    await click(persona.tovholder, chat, 'konkretisering.request', { bidId, ...REQUEST, deadlineDate: '2026-12-08' });
    await runTo('2026-12-07T12:00:00Z');
    await runTo('2026-12-08T09:00:00Z');
    await runTo('2026-12-08T11:30:00Z');
    expect(reminders()).toEqual(['2h', '2h']);
  });

  it('are not sent once it is answered (marked skipped)', async () => {
    const other = await closedTenderWithBid();
    await click(persona.tovholder, chat, 'konkretisering.request', { bidId: other.bidId, ...REQUEST, deadlineDate: '2026-12-20' });
    await click(persona.medarbejder, personal(persona.medarbejder), 'konkretisering.answer', { bidId: other.bidId, ...ANSWER });
    http.connector.clear();
    await runTo('2026-12-18T11:00:00Z');
    await runTo('2026-12-20T09:30:00Z');
    expect(reminders()).toEqual([]);
    const { resources } = await http.cosmos.containers.reminders.items
      .query<{ status: string }>("SELECT c.status FROM c WHERE c.type = 'notice' AND c.subject.kind = 'konkretisering.reminder'")
      .fetchAll();
    expect(resources.map((r) => r.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
  });

  it('keep the clock time across a summer-time change: 2 days before 10.00 on the Monday after is 10.00 on the Saturday', async () => {
    const { bidId } = await closedTenderWithBid();
    http.clock.set('2027-03-20T10:00:00Z');
    await click(persona.tovholder, chat, 'konkretisering.request', { bidId, ...REQUEST, deadlineDate: '2027-03-29', deadlineTime: '10:00' });
    await runTo('2027-03-20T10:05:00Z');
    http.connector.clear();
    await runTo('2027-03-27T08:59:00Z'); // 09.59 winter time on Saturday
    expect(reminders()).toEqual([]);
    await runTo('2027-03-27T09:00:00Z'); // 10.00 winter time
    expect(reminders()).toEqual(['2d', '2d']);
    await runTo('2027-03-29T05:59:00Z'); // 07.59 summer time on Monday
    expect(reminders()).toEqual(['2d', '2d']);
    await runTo('2027-03-29T06:00:00Z'); // 08.00 summer time: 2 hours before
    expect(reminders()).toEqual(['2d', '2d', '2h', '2h']);
  });
});
