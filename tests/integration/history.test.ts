// `historik` on a tender, through the real Application (TestAdapter) on the embedded Cosmos server:
// every state change of the tender and of its bids, newest first, with who, when, what and why; for the
// kernegruppe's members and admins only; two reads whatever the tender's size; paged.

import { beforeEach, describe, expect, it } from 'vitest';
import { numberBids } from '../../src/app/bid-numbers.js';
import { botAdded, cardAction } from '../support/activities.js';
import { BotDriver, cardText, type Card } from '../support/bot-driver.js';
import { dataOf } from '../support/card-actions.js';
import { CosmosRequestLog, freshDatabase } from '../support/cosmos.js';
import { conversations, DEMO_TENANT, persona, type Persona } from '../support/demo.js';
import { TestClock } from '../support/clock.js';
import { VALID_BID_FORM, VALID_TENDER_FORM } from '../support/forms.js';

const chat = conversations.laeringChat;
const general = conversations.general;
let bot: BotDriver;
let log: CosmosRequestLog;
let clock: TestClock;

beforeEach(async () => {
  log = new CosmosRequestLog();
  clock = new TestClock(new Date('2026-11-23T09:00:00Z'));
  bot = await BotDriver.start(await freshDatabase(log), { clock });
  await bot.send(botAdded(persona.admin, general));
});

async function tenderWithBids(bidders: readonly Persona[]): Promise<string> {
  const draft = await bot.send(cardAction(persona.tovholder, chat, 'tender.save', VALID_TENDER_FORM));
  const tenderId = dataOf(draft.invokeCard, 'tender.publish').tenderId!;
  clock.advance(60_000);
  await bot.send(cardAction(persona.tovholder, chat, 'tender.publish', { tenderId }));
  clock.advance(60_000);
  for (const [i, who] of bidders.entries()) {
    const form = (await bot.send(cardAction(who, general, 'bid.new', { tenderId }))).invokeCard!;
    await bot.send(cardAction(who, general, 'bid.submit', { ...dataOf(form, 'bid.submit'), ...VALID_BID_FORM, title: `Bud ${i + 1}` }));
    clock.advance(60_000);
  }
  await numberBids({ ...bot.repos, clock: bot.clock }, DEMO_TENANT, tenderId);
  return tenderId;
}

/** Se bud → Historik, as a member presses it. */
async function historyFromOverview(who: Persona, tenderId: string): Promise<Card> {
  const overview = (await bot.send(cardAction(who, chat, 'tender.bids', { tenderId }))).invokeCard!;
  return (await bot.send(cardAction(who, chat, 'tender.history', dataOf(overview, 'tender.history')))).invokeCard!;
}

const history = async (who: Persona, tenderId: string, page?: number): Promise<Card> =>
  (await bot.send(cardAction(who, chat, 'tender.history', page === undefined ? { tenderId } : { tenderId, page: String(page) }))).invokeCard!;

describe('historik on a tender', () => {
  it('lists the changes of the tender and its bids, newest first, with who and why', async () => {
    const tenderId = await tenderWithBids([persona.medarbejder]);
    clock.advance(60_000);
    await bot.send(cardAction(persona.tovholder, chat, 'tender.cancel', { tenderId, reason: 'Budgettet er omprioriteret.' }));

    const text = cardText(await historyFromOverview(persona.konsulent, tenderId));
    expect(text).toContain('Historik: Læsevenner i lokalsamfundet');
    const cancelled = text.indexOf('annulleret');
    const bid = text.indexOf('Bud nr. 1 »Bud 1«: bud indsendt');
    const published = text.indexOf('offentliggjort');
    const created = text.indexOf('oprettet');
    // Newest first: the cancellation, the bid, publishing, creating.
    expect([cancelled, bid, published, created].every((i) => i >= 0)).toBe(true);
    expect(cancelled).toBeLessThan(bid);
    expect(bid).toBeLessThan(published);
    expect(published).toBeLessThan(created);
    expect(text).toContain('Johan Kristensen');
    expect(text).toContain('Sofie Nielsen');
    expect(text).toContain('(Åben for bud → Annulleret)');
    expect(text).toContain('Begrundelse: »Budgettet er omprioriteret.«');
  });

  it('is for the group and admins: a bidder and a stranger see nothing of it (other tenants: the authorization matrix)', async () => {
    const tenderId = await tenderWithBids([persona.medarbejder]);
    expect(cardText(await history(persona.admin, tenderId))).toContain('Historik:');
    for (const who of [persona.medarbejder, persona.outsider]) {
      const text = cardText(await history(who, tenderId));
      expect(text).not.toContain('Historik:');
      expect(text).not.toContain('Bud 1');
    }
  });

  it('pages a long history, and reads the tender and its bids once each whatever their number', async () => {
    const tenderId = await tenderWithBids([persona.medarbejder, persona.politiker, persona.konsulent, persona.oekonomi, persona.admin, persona.outsider, persona.tovholder, persona.politiker, persona.medarbejder, persona.konsulent, persona.admin, persona.outsider, persona.oekonomi, persona.medarbejder, persona.politiker]);
    log.clear();
    const first = await history(persona.konsulent, tenderId);
    // The directory (a 304 when unchanged), the tender, and the bids' histories in one query.
    expect(log.to('tenders').filter((r) => r.operation === 'query' || r.item !== undefined)).toHaveLength(2);
    expect(cardText(first)).toContain('Side 1 af 2');
    const second = await history(persona.konsulent, tenderId, 1);
    expect(cardText(second)).toContain('Side 2 af 2');
    expect(cardText(second)).toContain('oprettet');
    expect(cardText(first)).not.toContain('oprettet');
  });
});
