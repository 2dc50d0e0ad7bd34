// A kernegruppe's digest (the reminder before each byrådsmøde) shows its drafts, its open tenders and
// those closed in the last month. It reads just those, not the group's history: three years of closed
// tenders cost it nothing.

import { describe, expect, it } from 'vitest';
import { cardText } from '../support/bot-driver.js';
import { CosmosRequestLog } from '../support/cosmos.js';
import { chatOf, startRig } from '../support/reminder-rig.js';
import { draftTender, publishedTender, submitBidOn } from '../support/tender-fixtures.js';
import type { Bid } from '../../src/domain/bid.js';
import type { Tender } from '../../src/domain/tender.js';
import { emptyCatalogue, setFrame } from '../../src/domain/catalogue.js';
import { catalogueId } from '../../src/app/catalogue-ids.js';

type Rig = Awaited<ReturnType<typeof startRig>>;

/** Runs the reminders past the byrådsmøde reminder and returns the one card Kernegruppe Læring's chat got, as text. */
async function laeringDigest(rig: Rig): Promise<string> {
  await rig.runUntil('2026-12-23T18:00:00Z');
  const posted = rig.connector.received.filter((r) => r.method === 'POST' && r.conversationId === chatOf('kernegruppe-laering'));
  expect(posted).toHaveLength(1);
  return cardText(posted[0]!.activity.attachments?.[0]?.content);
}

/** Stores a bid on the tender (created, then changed with its etag, as the bot's own writes go). */
async function storeBid(rig: Rig, tender: Tender, v: { id: string; title: string; groupId: string; number?: number }, change: (b: Bid) => Bid = (b) => b): Promise<void> {
  const { bid } = submitBidOn(tender, { title: v.title });
  const placed = { ...bid, id: v.id, ...(v.number === undefined ? {} : { number: v.number }), submissionId: v.title, groupId: v.groupId };
  await rig.repos.tenders.createBid(placed);
  const stored = (await rig.repos.tenders.getBid(placed.tenantId, placed.id))!;
  const changed = change(stored.value);
  if (changed !== stored.value) await rig.repos.tenders.saveBid(changed, stored.etag);
}

describe("a kernegruppe's digest", () => {
  it('shows the open, the recently closed and the drafts, reading only those whatever the history', async () => {
    const requests = new CosmosRequestLog();
    const rig = await startRig('2026-12-22T12:00:00Z', undefined, requests);
    const base = draftTender();
    const tender = (id: string, title: string, status: 'draft' | 'published' | 'closed', deadline: string) => ({ ...base, groupId: 'kernegruppe-laering', id, title, status, deadline });
    const tenders = [
      tender('tender-draft', 'Kladden', 'draft', '2027-02-01T11:00:00.000Z'),
      tender('tender-open', 'Det åbne udbud', 'published', '2027-01-15T11:00:00.000Z'),
      tender('tender-recent', 'Lukket i december', 'closed', '2026-12-10T11:00:00.000Z'),
      // Three years of history: two closed tenders a month.
      ...Array.from({ length: 72 }, (_, i) => tender(`tender-old-${i}`, `Gammelt udbud ${i}`, 'closed', new Date(Date.UTC(2023, 11 + Math.floor(i / 2), 5 + (i % 2))).toISOString())),
    ];
    for (const t of tenders) await rig.repos.tenders.saveTender(t, undefined);
    await rig.plan();
    requests.clear();

    const text = await laeringDigest(rig);

    expect(text).toContain('Det åbne udbud');
    expect(text).toContain('Lukket i december');
    expect(text).not.toContain('Gammelt udbud');
    // The digest's query for Læring returned its three tenders, in the tenant's partition, as summaries.
    const digest = requests.queries.filter((q) => q.query.includes("c.status = 'draft' OR"));
    expect(digest.length).toBeGreaterThan(0);
    expect(Math.max(...digest.map((q) => q.documents))).toBe(3);
    expect(digest.every((q) => q.partitionKey !== undefined && !q.query.includes('SELECT TOP 60 *'))).toBe(true);
  });

  it('names the konsekvensberegninger asked for and not made yet, with one bounded query per group', async () => {
    const requests = new CosmosRequestLog();
    const rig = await startRig('2026-12-22T12:00:00Z', undefined, requests);
    const tender = { ...publishedTender(), id: 'tender-k', groupId: 'kernegruppe-laering' };
    await rig.repos.tenders.saveTender(tender, undefined);
    const request = { by: 'p-sofie', byName: 'Sofie Nielsen', at: '2026-12-10T09:00:00Z', note: '', asker: 'bidder' as const };
    const result = { oneOffKr: 0, yearlyKr: 0, years: 1, yearlySavingsKr: 0, note: '', by: 'p-birgitte', byName: 'Birgitte Lund', at: '2026-12-11T09:00:00Z', revision: 1 };
    const store = (title: string, groupId: string, konsekvens?: Bid['konsekvens']) =>
      storeBid(rig, tender, { id: `bid-${title.replace(/\W/g, '')}`, title, groupId }, (b) => (konsekvens ? { ...b, konsekvens } : b));
    for (const title of ['Åben A', 'Åben B', 'Åben C', 'Åben D', 'Åben E']) await store(title, 'kernegruppe-laering', { status: 'requested', request });
    await store('Allerede beregnet', 'kernegruppe-laering', { status: 'done', request, result });
    await store('Aldrig bedt om', 'kernegruppe-laering');
    await store('Anden gruppes', 'kernegruppe-beskaeftigelse', { status: 'requested', request });
    await rig.plan();
    requests.clear();

    const text = await laeringDigest(rig);
    expect(text).toContain('Konsekvensberegninger åbne: 5');
    expect(text).toContain('• Åben A');
    expect(text).toContain('• Åben C');
    expect(text).not.toContain('Åben D');
    expect(text).toContain('og 2 flere');
    expect(text).not.toContain('Allerede beregnet');
    expect(text).not.toContain('Anden gruppes');
    // One query for Læring's open requests: in the tenant's partition, TOP and a projection, five rows back.
    const open = requests.queries.filter((q) => q.query.includes('c.konsekvensOpen = true') && q.query.includes('TOP 31 c.id, c.title'));
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((q) => q.partitionKey !== undefined)).toBe(true);
    expect(Math.max(...open.map((q) => q.documents))).toBe(5);
  });
});

describe("the digest's second half", () => {
  it('names the konkretiseringer outstanding, the decisions of the last month and the catalogue against its frame, in two more reads', async () => {
    const requests = new CosmosRequestLog();
    const rig = await startRig('2026-12-22T12:00:00Z', undefined, requests);
    const tender = { ...publishedTender(), id: 'tender-s', groupId: 'kernegruppe-laering' };
    await rig.repos.tenders.saveTender(tender, undefined);
    const store = (title: string, number: number, change: (b: Bid) => Bid) => storeBid(rig, tender, { id: `bid-s${number}`, title, number, groupId: 'kernegruppe-laering' }, change);
    const request = { deadline: '2027-01-08T11:00:00.000Z', questions: [], askedBy: 'p-johan', askedByName: 'Johan Kristensen', version: '2026-12-15T09:00:00.000Z', firstAskedAt: '2026-12-15T09:00:00.000Z', locale: 'da' as const };
    await store('Venter på konkretisering', 1, (b) => ({ ...b, konkretisering: { status: 'requested', request } }));
    await store('Valgt i december', 2, (b) => ({ ...b, status: 'awarded', statusAt: '2026-12-18T10:00:00.000Z', statusBy: 'p-johan' }));
    await store('Afvist for længe siden', 3, (b) => ({ ...b, status: 'rejected', statusAt: '2026-10-01T10:00:00.000Z', statusBy: 'p-johan', statusReason: 'Gammel' }));
    let c = emptyCatalogue({ id: catalogueId('kernegruppe-laering', '2026'), tenantId: tender.tenantId, group: { id: 'kernegruppe-laering', name: 'Kernegruppe Læring', kerneopgave: 'laering' }, period: '2026' }, new Date('2026-12-01T00:00:00Z'));
    const framed = setFrame(c, 1_000_000, { id: 'p-birgitte', name: 'Birgitte Lund' }, '', new Date('2026-12-01T00:00:00Z'));
    if (!framed.ok) throw new Error(framed.code);
    c = framed.value;
    await rig.repos.catalogues.saveCatalogue(c, undefined);
    await rig.plan();
    requests.clear();

    const text = await laeringDigest(rig);
    expect(text).toContain('Konkretiseringer, der ventes på: 1.');
    expect(text).toContain('Bud nr. 1 »Venter på konkretisering«: frist fredag 8. januar 2027 kl. 12.00');
    expect(text).toContain('Beslutninger siden sidste måned:');
    expect(text).toContain('Bud nr. 2 »Valgt i december«: Valgt: aktivitet i kataloget');
    expect(text).not.toContain('Afvist for længe siden');
    expect(text).toContain('Katalog 2026: 0 aktiviteter for 0 kr. af rammen på 1.000.000 kr.');
    // The bids in one bounded query (TOP and a projection, in the tenant's partition) and the catalogue in one point read.
    const bids = requests.queries.filter((q) => q.query.includes('c.konkretiseringOpen = true OR c.statusAt >= @since'));
    expect(bids.length).toBeGreaterThan(0);
    expect(bids.every((q) => q.partitionKey !== undefined && q.query.includes('TOP 40 c.id, c.number'))).toBe(true);
    expect(requests.reads.filter((r) => r.includes(c.id)).length).toBeGreaterThan(0);
  });
});
