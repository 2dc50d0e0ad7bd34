// What a list costs when there is a lot of history: a tenant with 300 open tenders, 300 closed ones
// and one employee's 300 bids, written straight through the repositories. Each list ("udbud",
// "mine bud", the kernegruppe's list, "Se buddene") runs through the real Application on the
// embedded Cosmos server, and the request log counts the documents each of its queries returned and
// the partition key it was scoped to. "Byd ind" reads the tender once.

import { beforeAll, describe, expect, it } from 'vitest';
import type { Bid } from '../../src/domain/bid.js';
import type { Tender } from '../../src/domain/tender.js';
import { cardAction, message } from '../support/activities.js';
import { BotDriver, cardText, type Card } from '../support/bot-driver.js';
import { dataOf, verbsOf } from '../support/card-actions.js';
import { CosmosRequestLog, freshDatabase } from '../support/cosmos.js';
import { conversations, DEMO_TENANT, persona, personal } from '../support/demo.js';
import { publishedTender, submitBidOn, closedTender } from '../support/tender-fixtures.js';

const N = 300;
const GROUP = { groupId: 'kernegruppe-laering', groupName: 'Kernegruppe Læring' };
const HOUR = 3600 * 1000;
const pad = (i: number) => String(i).padStart(3, '0');
const iso = (ms: number) => new Date(ms).toISOString();

const log = new CosmosRequestLog();
let bot: BotDriver;
let open: Tender[];
let closed: Tender[];
let manyBidsTender: Tender;

/** A tender of the demo tenant's Læring group: created at `created`, bids due at `deadline`. */
function tender(base: Tender, id: string, title: string, created: number, deadline: number): Tender {
  return { ...base, ...GROUP, id, tenantId: DEMO_TENANT, title, createdAt: iso(created), deadline: iso(deadline) };
}

/** The employee's bid, already numbered, made at `at`. */
const template = submitBidOn(publishedTender()).bid;
function bidOf(t: Tender, id: string, number: number, at: number, bidder = persona.medarbejder): Bid {
  return { ...template, id, title: `Mit bud ${id}`, submissionId: `sub-${id}`, tenantId: DEMO_TENANT, tenderId: t.id, number, bidderId: bidder.id, bidderName: bidder.name, submittedAt: iso(at) };
}

async function inBatches<T>(items: readonly T[], write: (x: T) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += 50) await Promise.all(items.slice(i, i + 50).map(write));
}

beforeAll(async () => {
  bot = await BotDriver.start(await freshDatabase(log));
  const now = bot.clock.now().getTime();
  const base = publishedTender();
  // Open ones: the soonest deadline is "Åbent udbud 001"; the newest made is "Åbent udbud 300".
  open = Array.from({ length: N }, (_, i) => tender(base, `open-${pad(i + 1)}`, `Åbent udbud ${pad(i + 1)}`, now - 30 * 24 * HOUR + i * 60_000, now + 24 * HOUR + i * HOUR));
  // Three years of history: closed, each with one of the employee's bids.
  closed = Array.from({ length: N }, (_, i) => {
    const t = tender(base, `old-${pad(i + 1)}`, `Gammelt udbud ${pad(i + 1)}`, now - 3 * 365 * 24 * HOUR + i * 24 * HOUR, now - 3 * 365 * 24 * HOUR + (i + 14) * 24 * HOUR);
    return { ...closedTender({ ...t, deadline: iso(now - 2 * HOUR) }), deadline: t.deadline };
  });
  // One tender with N bids from as many people, for "Se buddene".
  manyBidsTender = { ...tender(base, 'many-bids', 'Udbud med mange bud', now - 60 * 24 * HOUR, now + 400 * 24 * HOUR), bidSeq: N, activeBids: N };
  await inBatches([...open, ...closed, manyBidsTender], (t) => bot.repos.tenders.saveTender(t, undefined));

  const history = closed.map((t, i) => bidOf(t, `my-old-${pad(i + 1)}`, 1, new Date(t.createdAt).getTime() + HOUR));
  // The employee has bid on the 2nd and 4th soonest open tenders, most recently of all.
  const recent = [bidOf(open[1]!, 'my-open-002', 1, now - 2 * HOUR), bidOf(open[3]!, 'my-open-004', 1, now - HOUR)];
  const others = Array.from({ length: N }, (_, i) =>
    bidOf(manyBidsTender, `many-${pad(i + 1)}`, i + 1, now - 24 * HOUR + i * 60_000, { id: `person-${pad(i + 1)}`, name: `Medarbejder ${pad(i + 1)}` }),
  );
  await inBatches([...history, ...recent, ...others], (b) => bot.repos.tenders.createBid(b));
}, 120_000);

/** The documents each query of one action returned, and the partition key it was given. */
async function measured(run: () => Promise<Card>): Promise<{ card: Card; perQuery: number[]; total: number; text: string }> {
  log.clear();
  const card = await run();
  for (const q of log.queries) {
    // A projection, never SELECT *; the overview's numbering step (bids not numbered yet, app/bid-numbers.ts) is no list.
    if (!q.query.includes('c.number = 0')) expect(q.query).toMatch(/^SELECT (TOP \d+ )?c\.\w+/);
    expect(q.partitionKey).toEqual(DEMO_TENANT);
    expect(q.partitionKeyHeader).toContain(DEMO_TENANT);
  }
  return { card, perQuery: log.queries.map((q) => q.documents), total: log.documents, text: cardText(card) };
}

const typed = async (who: typeof persona.medarbejder, where: Parameters<typeof message>[1], text: string) => (await bot.send(message(who, where, text))).cards[0]!;
const clicked = async (who: typeof persona.medarbejder, where: Parameters<typeof cardAction>[1], verb: string, data: Record<string, unknown>) =>
  (await bot.send(cardAction(who, where, verb, data))).invokeCard!;

const titles = (card: Card, pattern: RegExp) => cardText(card).split('\n').filter((l) => pattern.test(l));

describe('lists read what their cards show, whatever the history', () => {
  it('"udbud" in a 1:1 chat: the 14 soonest open tenders in one query of 15 rows, then the asker\'s own bids on just those', async () => {
    const m = await measured(() => typed(persona.medarbejder, personal(persona.medarbejder), 'udbud'));
    expect(m.perQuery).toEqual([15, 2]);
    expect(m.total).toBeLessThanOrEqual(30);
    expect(titles(m.card, /^Åbent udbud/).slice(0, 3)).toEqual(['Åbent udbud 001', 'Åbent udbud 002', 'Åbent udbud 003']);
    expect(titles(m.card, /^Åbent udbud/)).toHaveLength(14);
    expect(m.text).toContain('Viser de 14 udbud med den tidligste frist. Der er flere åbne udbud.');
    // Their own bids on the shown ones are there: "Se dine bud (1)" on the 2nd and the 4th.
    expect(m.text.match(/Se dine bud \(1\)/g)).toHaveLength(2);
    expect(m.text.match(/Byd ind/g)).toHaveLength(12);
  });

  it('"udbud" in a chat that is no kernegruppe\'s reads the same', async () => {
    const m = await measured(() => typed(persona.medarbejder, conversations.otherChat, 'udbud'));
    expect(m.perQuery).toEqual([15, 2]);
    expect(titles(m.card, /^Åbent udbud/)[0]).toBe('Åbent udbud 001');
  });

  it('"mine bud": the 14 newest bids in one query of 15 rows, then only those bids\' tenders', async () => {
    const m = await measured(() => typed(persona.medarbejder, personal(persona.medarbejder), 'mine bud'));
    // 15 bids and the 14 shown bids' tenders: at most 29 rows, not the 300 bids and their tenders.
    expect(m.perQuery).toEqual([15, 14]);
    expect(m.total).toBeLessThanOrEqual(30);
    expect(titles(m.card, /^Mit bud/).slice(0, 3)).toEqual(['Mit bud my-open-004', 'Mit bud my-open-002', 'Mit bud my-old-300']);
    expect(m.text).toContain('Udbud: »Åbent udbud 004«');
    expect(m.text).toContain('Viser dine 14 nyeste bud. Du har flere.');
  });

  it("the kernegruppe's list: its 25 newest tenders in one query of 26 rows", async () => {
    const m = await measured(() => typed(persona.tovholder, conversations.laeringChat, 'udbud'));
    expect(m.perQuery).toEqual([26]);
    // Newest made first: "Åbent udbud 300" was made last of all.
    expect(titles(m.card, /udbud \d{3}$|mange bud$/).slice(0, 2)).toEqual(['Åbent udbud 300', 'Åbent udbud 299']);
    expect(m.text).toContain('Viser de 25 nyeste udbud. Gruppen har flere.');
  });

  it('"Se buddene": a page of ten of the 300 bids, one more read to know there is a next page, and the tender read by id', async () => {
    const m = await measured(() => clicked(persona.tovholder, conversations.laeringChat, 'tender.bids', { tenderId: manyBidsTender.id }));
    expect(m.total).toBeLessThanOrEqual(30);
    expect(m.perQuery.at(-2)).toBe(11);
    // Then the projected marks of the shown bids' evaluations (none here).
    expect(m.perQuery.at(-1)).toBe(0);
    expect(m.text).toContain('Nr. 1 · Medarbejder 001');
    expect(m.text).toContain('Nr. 10 · Medarbejder 010');
    expect(m.text).not.toContain('Nr. 11 ·');
    expect(dataOf(m.card, 'tender.bids')).toMatchObject({ after: '10' });
  });
});

describe('"Byd ind"', () => {
  it('reads the tender once and answers with the bid form', async () => {
    log.clear();
    const card = await clicked(persona.medarbejder, conversations.general, 'bid.open', { tenderId: open[0]!.id });
    expect(verbsOf(card)).toContain('bid.submit');
    expect(log.reads.map((path) => path.split('/').pop())).toEqual([open[0]!.id]);
    // The asker's own bids on it: one query, scoped to the tenant.
    expect(log.queries.map((q) => q.partitionKey)).toEqual([DEMO_TENANT]);
  });

  it('on a tender the asker has bid on, shows their bid with one read of the tender', async () => {
    log.clear();
    const card = await clicked(persona.medarbejder, conversations.general, 'bid.open', { tenderId: open[1]!.id });
    expect(cardText(card)).toContain('Mit bud my-open-002');
    expect(log.reads.map((path) => path.split('/').pop())).toEqual([open[1]!.id]);
  });
});
