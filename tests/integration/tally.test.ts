// What bids and the tender sweep cost as history grows: a bid (submit, edit, withdraw, and its
// numbering) never rewrites the tender item, whose size and etag stay as they were; the sweep's pass
// costs what is due, not what exists; and tenders stored by the previous version (counter and
// `submissions` on the tender, `attention` without `attentionAt`) still close at their deadline.

import type { Activity } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardAction } from '../support/activities.js';
import { cardText } from '../support/bot-driver.js';
import { dataOf, verbsOf } from '../support/card-actions.js';
import { CosmosRequestLog } from '../support/cosmos.js';
import { conversations, DEMO_TENANT, persona, type Persona } from '../support/demo.js';
import { VALID_BID_FORM, VALID_TENDER_FORM } from '../support/forms.js';
import { HttpBot } from '../support/http-bot.js';
import { bidIdFor } from '../../src/app/bids.js';
import type { Bid } from '../../src/domain/bid.js';

let http: HttpBot;
const log = new CosmosRequestLog();
beforeEach(async () => {
  http = await HttpBot.start('2026-11-23T10:00:00Z', log);
});
afterEach(async () => {
  await http.stop();
});

const chat = conversations.laeringChat;
const general = conversations.general;
const click = (who: Persona, where: Parameters<typeof cardAction>[1], verb: string, data: Record<string, unknown> = {}) =>
  http.send(cardAction(who, where, verb, data) as Partial<Activity>);

async function publishedTender(): Promise<string> {
  const saved = await click(persona.tovholder, chat, 'tender.save', VALID_TENDER_FORM);
  const { tenderId } = dataOf(saved.card, 'tender.publish');
  await click(persona.tovholder, chat, 'tender.publish', { tenderId });
  return tenderId!;
}

async function bid(who: Persona, tenderId: string): Promise<string> {
  let form = await click(who, general, 'bid.open', { tenderId });
  if (!verbsOf(form.card).includes('bid.submit')) form = await click(who, general, 'bid.new', { tenderId });
  const { submissionId } = dataOf(form.card, 'bid.submit');
  await click(who, general, 'bid.submit', { tenderId, submissionId, ...VALID_BID_FORM });
  return bidIdFor(tenderId, who.id, submissionId!);
}

const raw = async (id: string) => (await http.cosmos.containers.tenders.item(id, DEMO_TENANT).read<Record<string, unknown>>()).resource!;

/** The tender sweep's requests in one run of the scheduled work (the other loops use other containers). */
async function sweepCost(): Promise<{ requests: ReturnType<CosmosRequestLog['to']>; sent: Awaited<ReturnType<HttpBot['sweep']>> }> {
  log.clear();
  const sent = await http.sweep();
  return { requests: log.to('tenders'), sent };
}

/** `n` more published tenders like `model`, each with one numbered bid and a tally whose count the cards show. */
async function manyLike(model: string, n: number): Promise<void> {
  const tender = (await http.repos.tenders.getTender(DEMO_TENANT, model))!.value;
  const [oneBid] = await http.repos.tenders.allBidsOfTender(DEMO_TENANT, model);
  for (let i = 0; i < n; i++) {
    const id = `${model}-${i}`;
    await http.repos.tenders.saveTender({ ...tender, id, bidSeq: 1, activeBids: 1, shownCount: 1 }, undefined);
    await http.repos.tenders.createBid({ ...oneBid!, id: `bid-${id}`, tenderId: id, number: 1 } satisfies Bid);
    await http.repos.tenders.saveTally({ tenantId: DEMO_TENANT, tenderId: id, bidSeq: 1, activeBids: 1, batch: {}, unshown: false }, undefined);
  }
}

describe('a bid does not rewrite the tender', () => {
  it('submit, its numbering, edit and withdrawal leave the tender item and its etag as they were; the count lives in the tally', async () => {
    const tenderId = await publishedTender();
    const before = await raw(tenderId);
    log.clear();
    const bidId = await bid(persona.medarbejder, tenderId);
    await http.sweep(); // the outbox numbers the bid before it sends the receipt
    expect((await http.repos.tenders.getBid(DEMO_TENANT, bidId))!.value.number).toBe(1);
    expect((await http.repos.tenders.getTally(DEMO_TENANT, tenderId))!.value).toMatchObject({ bidSeq: 1, activeBids: 1, unshown: true, batch: { [`${persona.medarbejder.id}:${(await http.repos.tenders.getBid(DEMO_TENANT, bidId))!.value.submissionId}`]: 1 } });
    await click(persona.medarbejder, general, 'bid.save', { bidId, ...VALID_BID_FORM, title: 'Læsecafé hver tirsdag' });
    const withdrawn = await click(persona.medarbejder, general, 'bid.withdraw', { bidId });
    expect(cardText(withdrawn.card)).toContain('trukket tilbage');
    await http.sweep();
    expect((await http.repos.tenders.getTally(DEMO_TENANT, tenderId))!.value).toMatchObject({ bidSeq: 1, activeBids: 0 });
    const after = await raw(tenderId);
    expect(after._etag).toBe(before._etag);
    expect(after).not.toHaveProperty('submissions');
    // Not one write went to the tender item; the tally and the bid took them.
    const writes = log.to('tenders').filter((r) => ['replace', 'create', 'upsert', 'patch'].includes(r.operation));
    expect(writes.filter((w) => w.item === tenderId)).toEqual([]);
    expect(writes.some((w) => w.item === `tally-${tenderId}`)).toBe(true);
  });
});

describe('the tender sweep costs what is due', () => {
  it('costs at most 4 requests a pass for a tenant with 500 published tenders with bids and nothing due', async () => {
    const model = await publishedTender();
    await bid(persona.medarbejder, model);
    await http.sweep();
    await manyLike(model, 499);
    http.clock.advance(61_000);
    await http.sweep(); // the model's count is shown once
    for (let pass = 0; pass < 3; pass++) {
      http.clock.advance(20_000);
      const { requests, sent } = await sweepCost();
      // The tender scan and the scan for catalogues left unsettled (each a query, and the container
      // metadata the client reads for it).
      expect(requests.length, JSON.stringify(requests)).toBeLessThanOrEqual(3);
      // The scans only: no tender, tally or bid is read.
      expect(requests.filter((r) => r.item !== undefined)).toEqual([]);
      expect(sent).toEqual([]);
    }
  }, 120_000);

  it('spends requests at a deadline only on the tender that closes', async () => {
    const model = await publishedTender();
    await bid(persona.medarbejder, model);
    await http.sweep();
    await manyLike(model, 200);
    http.clock.advance(61_000);
    await http.sweep(); // the model's count is shown
    // One tender whose deadline comes first; the others' deadlines are a day later.
    const closing = (await http.repos.tenders.getTender(DEMO_TENANT, `${model}-7`))!;
    await http.repos.tenders.saveTender({ ...closing.value, deadline: '2026-12-06T11:00:00.000Z' }, closing.etag);
    http.clock.set('2026-12-06T11:00:05Z');
    const { requests, sent } = await sweepCost();
    const items = requests.flatMap((r) => (r.item ? [r.item] : []));
    expect(new Set(items)).toEqual(new Set([`${model}-7`, `tally-${model}-7`]));
    expect(requests.filter((r) => r.operation === 'query').length).toBeLessThanOrEqual(6);
    expect(requests.length).toBeLessThanOrEqual(9); // the scan (2), the tender, its close, the tally, the late bids (query), the tender, its claim (unsettled catalogues come in the same scan)
    expect((await http.repos.tenders.getTender(DEMO_TENANT, `${model}-7`))!.value.status).toBe('closed');
    const reports = sent.filter((r) => r.conversationId === chat.id);
    expect(reports).toHaveLength(1);
    expect(cardText(reports[0]!.activity.attachments![0]!.content)).toContain('Udbuddet »Læsevenner i lokalsamfundet« er lukket: 1 bud modtaget.');
    // And the pass after costs the scan again.
    http.clock.advance(20_000);
    expect((await sweepCost()).requests.length).toBeLessThanOrEqual(3); // the one scan (tenders, tallies, unnumbered bids and unsettled catalogues)
  }, 120_000);

  it('refreshes the card count from the tally once a minute, with the latest bidders, and tells the exact count at close', async () => {
    const tenderId = await publishedTender();
    await bid(persona.medarbejder, tenderId);
    await bid(persona.konsulent, tenderId);
    http.clock.advance(61_000);
    const [update] = (await http.sweep()).filter((r) => r.method === 'PUT');
    expect(cardText(update!.activity.attachments![0]!.content)).toContain('Bud modtaget: 2');
    expect((update!.activity.attachments![0]!.content as { refresh: { userIds: string[] } }).refresh.userIds.sort()).toEqual([`29:${persona.konsulent.id}`, `29:${persona.medarbejder.id}`].sort());
    expect((await http.repos.tenders.getTender(DEMO_TENANT, tenderId))!.value).toMatchObject({ activeBids: 2, bidSeq: 2, shownCount: 2 });
    expect((await http.repos.tenders.getTally(DEMO_TENANT, tenderId))!.value.unshown).toBe(false);
    // A third bid just before the deadline is counted in what the group is told, though no card showed it.
    http.clock.set('2026-12-07T10:59:50Z');
    await bid(persona.politiker, tenderId);
    http.clock.set('2026-12-07T11:00:01Z');
    const report = (await http.sweep()).filter((r) => r.conversationId === chat.id);
    expect(cardText(report[0]!.activity.attachments![0]!.content)).toContain('3 bud modtaget');
    expect((await http.repos.tenders.getTender(DEMO_TENANT, tenderId))!.value).toMatchObject({ status: 'closed', activeBids: 3, bidSeq: 3 });
  });

  it('numbers a bid a crash left unnumbered, once it is a few seconds old', async () => {
    const tenderId = await publishedTender();
    const bidId = await bid(persona.medarbejder, tenderId);
    // The outbox would number it before the receipt: take the receipt away, as a crash before enqueueing would.
    await http.cosmos.containers.reminders.items.query('SELECT * FROM c').fetchAll().then(async ({ resources }) => {
      for (const n of resources as { id: string; pk: string; type?: string }[]) if (n.type === 'notice') await http.cosmos.containers.reminders.item(n.id, n.pk).delete();
    });
    await http.sweep();
    expect((await http.repos.tenders.getBid(DEMO_TENANT, bidId))!.value.number).toBe(0);
    http.clock.advance(11_000);
    await http.sweep();
    expect((await http.repos.tenders.getBid(DEMO_TENANT, bidId))!.value.number).toBe(1);
  });
});

describe('tenders stored by the previous version', () => {
  /** Turns a tender into what the previous version stored: counter and submissions on the tender, `attention` and no `attentionAt`. */
  async function asOldFormat(tenderId: string, submissions: Record<string, number>, activeBids: number): Promise<void> {
    const item = await raw(tenderId);
    delete item.attentionAt;
    const bidSeq = Math.max(0, ...Object.values(submissions));
    await http.cosmos.containers.tenders.item(tenderId, DEMO_TENANT).replace({ ...item, attention: true, bidSeq, activeBids, shownCount: activeBids, submissions });
  }

  it('are closed at their deadline with their own count, a bid numbered before the crash keeps its number, and the scan stops reading them until then', async () => {
    const tenderId = await publishedTender();
    const first = await bid(persona.medarbejder, tenderId);
    const second = await bid(persona.konsulent, tenderId);
    // The old version had numbered both (2 in its submissions) but a crash kept the second bid's number from being written.
    const b1 = (await http.repos.tenders.getBid(DEMO_TENANT, first))!;
    await http.repos.tenders.saveBid({ ...b1.value, number: 1 }, b1.etag);
    const b2 = (await http.repos.tenders.getBid(DEMO_TENANT, second))!.value;
    await http.cosmos.containers.tenders.item(`tally-${tenderId}`, DEMO_TENANT).delete().catch(() => undefined);
    await asOldFormat(tenderId, { [`${b1.value.bidderId}:${b1.value.submissionId}`]: 1, [`${b2.bidderId}:${b2.submissionId}`]: 2 }, 2);

    // First touch: the item gets its attentionAt; later passes before the deadline cost the scan only.
    await http.sweep();
    expect(await raw(tenderId)).toMatchObject({ attentionAt: '2026-12-07T11:00:00.000Z', status: 'published' });
    http.clock.advance(20_000);
    expect((await sweepCost()).requests.length).toBeLessThanOrEqual(3); // the one scan (tenders, tallies, unnumbered bids and unsettled catalogues)

    http.clock.set('2026-12-07T11:00:05Z');
    const report = (await http.sweep()).filter((r) => r.conversationId === chat.id);
    expect(cardText(report[0]!.activity.attachments![0]!.content)).toContain('2 bud modtaget');
    expect((await http.repos.tenders.getBid(DEMO_TENANT, second))!.value.number).toBe(2);
    expect((await http.repos.tenders.getTender(DEMO_TENANT, tenderId))!.value).toMatchObject({ status: 'closed', activeBids: 2, bidSeq: 2 });
    expect(await raw(tenderId)).not.toHaveProperty('attentionAt');
  });
});
