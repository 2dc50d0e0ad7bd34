// What a click owes people goes through the outbox: the click is answered from the stored state
// without a single call to Teams, and the scheduled work then delivers every notice exactly once,
// also with two senders, after a 429, and after a crash (a fresh bot on the same database).
// Bid numbers come after the click too: 50 people bidding at once all get a bid with its own number.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import pino from 'pino';
import { loadConfig } from '../../src/config.js';
import { startBot, type RunningBot } from '../../src/main.js';
import { cancel } from '../../src/domain/tender.js';
import { cardAction } from '../support/activities.js';
import { cardText, type Card } from '../support/bot-driver.js';
import { conversations, DEMO_TENANT, persona, type Conversation, type Persona } from '../support/demo.js';
import { HttpBot } from '../support/http-bot.js';
import { VALID_TENDER_FORM } from '../support/forms.js';
import { dataOf } from '../support/card-actions.js';

let http: HttpBot;
const others: RunningBot[] = [];
beforeEach(async () => {
  http = await HttpBot.start('2026-11-23T10:00:00Z');
});
afterEach(async () => {
  for (const b of others.splice(0)) await b.close();
  await http.stop();
});

const chat = conversations.laeringChat;
const general = conversations.general;
const validTender = VALID_TENDER_FORM;
const validBid = {
  title: 'Læsecafé på biblioteket',
  description: 'Ugentlig læsecafé med frivillige og bibliotekarer.',
  howItHelps: 'Børnene læser mere og forældrene kommer med.',
  forudsaetninger: 'laering-1',
  roleKommunen: 'Stiller lokaler til rådighed',
  participate: 'true',
};
const REASON = 'Budgettet er omprioriteret';

const click = (who: Persona, where: Conversation, verb: string, data: Record<string, unknown> = {}) => http.send(cardAction(who, where, verb, data) as Partial<Activity>);


async function publishedTender(): Promise<string> {
  const saved = await click(persona.tovholder, chat, 'tender.save', validTender);
  const { tenderId } = dataOf(saved.card, 'tender.publish');
  await click(persona.tovholder, chat, 'tender.publish', { tenderId });
  return tenderId!;
}

const people = (n: number, prefix: string): Persona[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `Byder ${i}` }));

/** Everyone bids at the same moment, each from their own form. */
async function bidAtOnce(tenderId: string, bidders: readonly Persona[]): Promise<(Card | undefined)[]> {
  const forms = await Promise.all(bidders.map((p) => click(p, general, 'bid.open', { tenderId })));
  const answers = await Promise.all(bidders.map((p, i) => click(p, general, 'bid.submit', { tenderId, ...dataOf(forms[i]!.card, 'bid.submit'), ...validBid })));
  return answers.map((a) => a.card);
}

const oneToOne = (p: Persona) => `a:1on1-29:${p.id}`;
/** The cancellation notices each bidder got, by bidder. */
function cancellationsTo(bidders: readonly Persona[]): number[] {
  return bidders.map((p) => http.connector.to(oneToOne(p)).filter((r) => cardText(r.activity.attachments?.[0]?.content).includes(REASON)).length);
}

/** A second instance of the bot on the same database: another sender. */
async function anotherInstance(): Promise<RunningBot> {
  const bot = await startBot({ config: loadConfig({ PORT: '0' }), log: pino({ level: 'silent' }), cosmos: http.cosmos, clock: http.clock, scheduler: false });
  others.push(bot);
  return bot;
}

describe('cancelling a tender with 20 bidders on a slow Teams', () => {
  async function tenderWith20Bids(slowTeams = false) {
    const tenderId = await publishedTender();
    const bidders = people(20, 'd0');
    await bidAtOnce(tenderId, bidders);
    await http.sweep(); // their receipts
    http.connector.clear();
    if (slowTeams) http.connector.delayMs = 150;
    return { tenderId, bidders };
  }

  it('answers the click from the stored state without calling Teams, then tells each bidder exactly once', async () => {
    const { tenderId, bidders } = await tenderWith20Bids(true);
    const callsBefore = http.connector.calls.length;
    const done = await click(persona.tovholder, chat, 'tender.cancel', { tenderId, reason: REASON });
    expect(http.connector.calls.length).toBe(callsBefore); // not one call to Teams inside the click
    expect(cardText(done.card)).toBe('Udbuddet er annulleret\nUdbuddet »Læsevenner i lokalsamfundet« er annulleret. Byderne bag 20 bud får besked i deres chat med botten.');
    expect((await http.repos.tenders.getTender(DEMO_TENANT, tenderId))!.value.status).toBe('cancelled');

    await http.sweep();
    expect(cancellationsTo(bidders)).toEqual(bidders.map(() => 1));
    const notice = cardText(http.connector.to(oneToOne(bidders[0]!))[0]!.activity.attachments![0]!.content);
    expect(notice).toContain('Udbuddet »Læsevenner i lokalsamfundet« er annulleret. Begrundelse: Budgettet er omprioriteret');
    expect(notice).toMatch(/Dit bud nr\. \d+ »Læsecafé på biblioteket« bliver ikke behandlet\./);
    // The announcement card says so too, redrawn once.
    expect(http.connector.to(general.id).filter((r) => r.method === 'PUT')).toHaveLength(1);

    await http.sweep();
    expect(cancellationsTo(bidders)).toEqual(bidders.map(() => 1));
  });

  it('tells each bidder once when two instances send at the same time', async () => {
    const { tenderId, bidders } = await tenderWith20Bids();
    await click(persona.tovholder, chat, 'tender.cancel', { tenderId, reason: REASON });
    const second = await anotherInstance();
    await Promise.all([http.bot.runScheduledWork(), second.runScheduledWork()]);
    await Promise.all([http.bot.runScheduledWork(), second.runScheduledWork()]);
    expect(cancellationsTo(bidders)).toEqual(bidders.map(() => 1));
  });

  it('tells each bidder once when Teams answers 429 once', async () => {
    const { tenderId, bidders } = await tenderWith20Bids();
    await click(persona.tovholder, chat, 'tender.cancel', { tenderId, reason: REASON });
    http.connector.retryAfterSeconds = 0;
    http.connector.throttleNext = 1;
    await http.sweep();
    await http.sweep();
    expect(http.connector.throttled).toBe(1);
    expect(cancellationsTo(bidders)).toEqual(bidders.map(() => 1));
  });

  it('still tells every bidder when the bot stopped right after the click (a fresh bot on the same database)', async () => {
    const { tenderId, bidders } = await tenderWith20Bids();
    await click(persona.tovholder, chat, 'tender.cancel', { tenderId, reason: REASON });
    await http.bot.close(); // never ran its sender
    const fresh = await anotherInstance();
    await fresh.runScheduledWork();
    expect(cancellationsTo(bidders)).toEqual(bidders.map(() => 1));
  });

  it('still tells every bidder when the bot stopped between writing the cancellation and enqueueing the notices', async () => {
    const { tenderId, bidders } = await tenderWith20Bids();
    // The cancellation's own write, and nothing after it: what a crash at that point leaves.
    const stored = (await http.repos.tenders.getTender(DEMO_TENANT, tenderId))!;
    const cancelled = cancel(stored.value, REASON, persona.tovholder.id, http.clock.now());
    if (!cancelled.ok) throw new Error(cancelled.code);
    expect(await http.repos.tenders.saveTender(cancelled.value, stored.etag)).toBe('saved');
    await http.bot.close();
    const fresh = await anotherInstance();
    await fresh.runScheduledWork();
    await fresh.runScheduledWork();
    expect(cancellationsTo(bidders)).toEqual(bidders.map(() => 1));
  });
});

describe('the 1:1 receipt for a bid', () => {
  it('is sent once, after the click, with the bid number', async () => {
    const tenderId = await publishedTender();
    http.connector.clear();
    const callsBefore = http.connector.calls.length;
    const [card] = await bidAtOnce(tenderId, [persona.medarbejder]);
    expect(http.connector.calls.length).toBe(callsBefore);
    expect(cardText(card)).toContain('Dit bud er modtaget.');
    await http.sweep();
    await http.sweep();
    const receipts = http.connector.to(oneToOne(persona.medarbejder));
    expect(receipts).toHaveLength(1);
    expect(cardText(receipts[0]!.activity.attachments![0]!.content)).toContain('Bud nr.: 1');
  });

  it('is sent when the bot stopped right after the click', async () => {
    const tenderId = await publishedTender();
    await bidAtOnce(tenderId, [persona.medarbejder]);
    await http.bot.close();
    const fresh = await anotherInstance();
    await fresh.runScheduledWork();
    await fresh.runScheduledWork();
    expect(http.connector.to(oneToOne(persona.medarbejder))).toHaveLength(1);
  });
});

describe('50 employees bidding at once', () => {
  it('stores all 50 bids, numbered 1 to 50 once numbered, and counts them on the tender', async () => {
    const tenderId = await publishedTender();
    const bidders = people(50, 'e0');
    const cards = await bidAtOnce(tenderId, bidders);
    expect(cards.every((c) => cardText(c).includes('Dit bud er modtaget.'))).toBe(true);
    await Promise.all([http.bot.runScheduledWork(), (await anotherInstance()).runScheduledWork()]);
    const bids = await http.repos.tenders.allBidsOfTender(DEMO_TENANT, tenderId);
    expect(bids).toHaveLength(50);
    expect(new Set(bids.map((b) => b.bidderId)).size).toBe(50);
    expect(bids.map((b) => b.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect((await http.repos.tenders.getTally(DEMO_TENANT, tenderId))!.value).toMatchObject({ activeBids: 50, bidSeq: 50 });
    expect(bidders.map((p) => http.connector.to(oneToOne(p)).length)).toEqual(bidders.map(() => 1));
  });
});
