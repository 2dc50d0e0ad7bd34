// Internt udbud end to end over HTTP, several people, the embedded Cosmos protocol server and a set
// clock: a kernegruppe drafts and publishes a tender, employees bid from the announcement card, bids
// stay sealed, the deadline holds to the second (also across DST), the tender closes by itself, and a
// cancellation reaches every bidder.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { loadConfig } from '../../src/config.js';
import { startBot } from '../../src/main.js';
import { countsOf } from '../../src/domain/tender.js';
import { botAdded, botRemoved, cardAction, message } from '../support/activities.js';
import { cardText, type Card } from '../support/bot-driver.js';
import { conversations, DEMO_TENANT, persona, personal, type Persona } from '../support/demo.js';
import { TestClock } from '../support/clock.js';
import { CosmosRequestLog, freshDatabase } from '../support/cosmos.js';
import { capturedLog } from '../support/log-capture.js';
import { HttpBot } from '../support/http-bot.js';
import { RecordingConnector } from '../support/recording-connector.js';
import { VALID_BID_FORM, VALID_TENDER_FORM } from '../support/forms.js';
import { dataOf } from '../support/card-actions.js';

let http: HttpBot;
const cosmosRequests = new CosmosRequestLog();
beforeEach(async () => {
  http = await HttpBot.start('2026-11-23T10:00:00Z', cosmosRequests);
});
afterEach(async () => {
  await http.stop();
});

const chat = conversations.laeringChat;
const general = conversations.general;

const validTender = VALID_TENDER_FORM;

const validBid = VALID_BID_FORM;

function verbsOf(card: unknown): string[] {
  const verbs: string[] = [];
  JSON.stringify(card, (_k, v: unknown) => {
    if (v && typeof v === 'object' && (v as { type?: unknown }).type === 'Action.Execute') verbs.push(String((v as { verb: unknown }).verb));
    return v;
  });
  return verbs;
}


const click = (who: Persona, where: Parameters<typeof cardAction>[1], verb: string, data: Record<string, unknown> = {}, locale?: string) =>
  http.send(cardAction(who, where, verb, data, locale ? { locale } : {}) as Partial<Activity>);

async function draftTender(fields: Record<string, string> = validTender): Promise<string> {
  const saved = await click(persona.tovholder, chat, 'tender.save', fields);
  return dataOf(saved.card, 'tender.publish').tenderId!;
}

async function publishedTender(fields: Record<string, string> = validTender): Promise<string> {
  const tenderId = await draftTender(fields);
  await click(persona.tovholder, chat, 'tender.publish', { tenderId });
  return tenderId;
}

async function bid(who: Persona, tenderId: string, fields: Record<string, string> = validBid): Promise<{ card?: Card; submissionId: string }> {
  let form = await click(who, general, 'bid.open', { tenderId });
  // Someone who already bid sees their bids first, with "Afgiv et nyt bud".
  if (!verbsOf(form.card).includes('bid.submit')) form = await click(who, general, 'bid.new', { tenderId });
  const { submissionId } = dataOf(form.card, 'bid.submit');
  const sent = await click(who, general, 'bid.submit', { tenderId, submissionId: submissionId!, ...fields });
  return { card: sent.card, submissionId: submissionId! };
}

const tender = async (id: string) => (await http.repos.tenders.getTender(DEMO_TENANT, id))!.value;
/** The live bid count: the tender's tally (the tender item keeps the count its cards last showed). */
const liveCount = async (id: string) => countsOf(await tender(id), (await http.repos.tenders.getTally(DEMO_TENANT, id))?.value).activeBids;
const bidsOf = (id: string) => http.repos.tenders.allBidsOfTender(DEMO_TENANT, id);

describe('a kernegruppe drafts and publishes a tender', () => {
  it('offers a form in its chat to a manager, and refuses others', async () => {
    const form = await http.send(message(persona.tovholder, chat, 'nyt udbud'));
    const card = form.sent[0]!.activity.attachments![0]!.content;
    expect(verbsOf(card)).toContain('tender.save');
    expect(JSON.stringify(card)).toContain('laering-1');
    const politician = await http.send(message(persona.politiker, chat, 'nyt udbud'));
    expect(cardText(politician.sent[0]!.activity.attachments![0]!.content)).toContain('Kun tovholderen, en chef eller en konsulent kan oprette og rette kernegruppens udkast');
    const elsewhere = await http.send(message(persona.tovholder, conversations.byraadChannel, 'nyt udbud'));
    expect(cardText(elsewhere.sent[0]!.activity.attachments![0]!.content)).toContain('Nye udbud oprettes i kernegruppens chat');
  });

  it('gives the form back with the input kept and a message at each bad field, storing nothing', async () => {
    const bad = await click(persona.tovholder, chat, 'tender.save', { ...validTender, title: '', deadlineDate: '2026-11-01', description: 'Beholdes' });
    const json = JSON.stringify(bad.card);
    expect(json).toContain('Beholdes');
    expect(json).toContain('2026-11-01');
    expect(verbsOf(bad.card)).toContain('tender.save');
    expect(await http.repos.tenders.tendersOfGroup(DEMO_TENANT, 'kernegruppe-laering')).toEqual([]);
  });

  it('refuses a deadline at a time summer time skips', async () => {
    const bad = await click(persona.tovholder, chat, 'tender.save', { ...validTender, deadlineDate: '2027-03-28', deadlineTime: '02:30' });
    expect(verbsOf(bad.card)).toContain('tender.save');
    expect(await http.repos.tenders.tendersOfGroup(DEMO_TENANT, 'kernegruppe-laering')).toEqual([]);
  });

  it('saves a draft, lets a manager edit it, and publishes it to the announcement channel only', async () => {
    const tenderId = await draftTender();
    expect((await tender(tenderId)).status).toBe('draft');
    // Nobody outside sees a draft, and a member who is not a manager cannot publish it.
    expect(cardText((await click(persona.medarbejder, general, 'bid.open', { tenderId })).card)).toContain('Udbuddet findes ikke, eller du har ikke adgang til det.');
    expect(cardText((await click(persona.politiker, chat, 'tender.publish', { tenderId })).card)).toContain('Kun tovholderen kan offentliggøre udbuddet.');
    expect((await tender(tenderId)).status).toBe('draft');

    // A konsulent drafts; the tovholder publishes (seed 000: the tovholder is "ansvarlig for gruppens arbejde";
    // seed 002: the konsulenter are "ikke primær tovholder men dem der skubber på"). Before issue 13 the
    // konsulent's preview offered Offentliggør: changed deliberately.
    const edited = await click(persona.konsulent, chat, 'tender.save', { ...validTender, tenderId, title: 'Læsevenner 2.0' });
    expect(verbsOf(edited.card)).toContain('tender.edit');
    expect(verbsOf(edited.card)).not.toContain('tender.publish');
    expect(cardText(edited.card)).toContain('Udkastet offentliggøres af tovholderen: Johan Kristensen (tovholder).');
    expect((await tender(tenderId)).title).toBe('Læsevenner 2.0');
    const refused = await click(persona.konsulent, chat, 'tender.publish', { tenderId });
    expect(cardText(refused.card)).toContain('Kun tovholderen kan offentliggøre udbuddet. Bed Johan Kristensen (tovholder) om at offentliggøre det.');
    expect(refused.sent.filter((r) => r.method === 'POST')).toEqual([]);
    expect((await tender(tenderId)).status).toBe('draft');

    const published = await click(persona.tovholder, chat, 'tender.publish', { tenderId });
    expect(verbsOf(published.card)).toContain('tender.bids');
    const posted = published.sent.filter((r) => r.method === 'POST');
    expect(posted.map((r) => r.conversationId)).toEqual([general.id]);
    const announcement = posted[0]!.activity.attachments![0]!.content;
    expect(dataOf(announcement, 'bid.open')).toEqual({ tenderId });
    expect(cardText(announcement)).toContain('Læsevenner 2.0');
    const stored = await tender(tenderId);
    expect(stored.status).toBe('published');
    expect(stored.announcements).toEqual([{ conversationId: general.id, activityId: expect.any(String) }]);
    expect(stored.history.map((h) => h.action)).toEqual(['created', 'edited', 'published']);
    const again = await click(persona.tovholder, chat, 'tender.publish', { tenderId });
    expect(cardText(again.card)).toContain('allerede offentliggjort');
  });

  it('says where the announcement could not go, and why, and publishes where it could', async () => {
    await http.send(message(persona.admin, conversations.byraadChannel, 'opslagskanal'));
    http.connector.refuse.set(conversations.byraadChannel.id, 403);
    const tenderId = await draftTender();
    const published = await click(persona.tovholder, chat, 'tender.publish', { tenderId });
    const text = cardText(published.card);
    expect(text).toContain('er offentliggjort');
    expect(text).toContain('✓ Demo Kommune › General');
    expect(text).toContain('✗ Demo Kommune › Byrådet: Teams afviste beskeden (403)');
    expect(text).toContain('Bed en administrator tilføje botten');
    expect(text).not.toContain('19:');
    expect((await tender(tenderId)).status).toBe('published');
    expect((await tender(tenderId)).announcements).toEqual([{ conversationId: general.id, activityId: expect.any(String) }]);
  });
});

describe('a tender no announcement channel can show stays a draft', () => {
  async function expectStillDraft(tenderId: string, answer: Awaited<ReturnType<typeof click>>) {
    const text = cardText(answer.card);
    expect(text).toContain('Udbuddet »Læsevenner i lokalsamfundet« er ikke offentliggjort – det er stadig en kladde.');
    // The draft's own buttons, to try again once an admin has fixed the channel.
    expect(verbsOf(answer.card)).toEqual(['tender.edit', 'tender.publish', 'tender.cancelAsk']);
    expect(dataOf(answer.card, 'tender.publish')).toEqual({ tenderId });
    expect(text).not.toMatch(/19:|@thread/);
    expect(answer.sent.filter((r) => r.method === 'POST')).toEqual([]);
    const stored = await tender(tenderId);
    expect(stored).toMatchObject({ status: 'draft', announcements: [] });
    expect(stored.publishedAt).toBeUndefined();
    expect(stored.history.map((h) => h.action)).toEqual(['created']);
    // Nobody outside the kernegruppe finds it.
    expect(cardText((await click(persona.medarbejder, general, 'bid.open', { tenderId })).card)).toContain('Udbuddet findes ikke, eller du har ikke adgang til det.');
    const open = await http.send(message(persona.medarbejder, personal(persona.medarbejder), 'udbud'));
    expect(cardText(open.sent[0]!.activity.attachments![0]!.content)).not.toContain('Læsevenner');
    return text;
  }

  it('when no channel is an announcement channel, and publishes once an admin marks one', async () => {
    await http.send(message(persona.admin, general, 'fjern opslagskanal'));
    const tenderId = await draftTender();
    const refused = await click(persona.tovholder, chat, 'tender.publish', { tenderId });
    expect(await expectStillDraft(tenderId, refused)).toContain('Ingen kanal er markeret som opslagskanal');

    await http.send(message(persona.admin, general, 'opslagskanal'));
    const published = await click(persona.tovholder, chat, 'tender.publish', dataOf(refused.card, 'tender.publish'));
    expect(cardText(published.card)).toContain('er offentliggjort');
    expect(published.sent.filter((r) => r.method === 'POST').map((r) => r.conversationId)).toEqual([general.id]);
    expect((await tender(tenderId)).status).toBe('published');
  });

  it('when the bot was removed from the channel, naming the channel', async () => {
    await http.send(botRemoved(persona.admin, general));
    const tenderId = await draftTender();
    const text = await expectStillDraft(tenderId, await click(persona.tovholder, chat, 'tender.publish', { tenderId }));
    expect(text).toContain('✗ Demo Kommune › General: botten er fjernet fra kanalen');
    expect(text).toContain('Opslaget kunne ikke komme ud i nogen opslagskanal');
  });

  it('when the bot was never added, naming the channel as the admin marked it', async () => {
    await http.send(message(persona.admin, conversations.otherChannel, 'opslagskanal'));
    await http.send(message(persona.admin, general, 'fjern opslagskanal'));
    const tenderId = await draftTender();
    const text = await expectStillDraft(tenderId, await click(persona.tovholder, chat, 'tender.publish', { tenderId }));
    expect(text).toContain('✗ Anden kanal: botten er ikke tilføjet kanalen');
  });

  it('when Teams refuses the card everywhere, putting the draft back as it was; publishing again works', async () => {
    http.connector.refuse.set(general.id, 403);
    const tenderId = await draftTender();
    const before = await http.repos.tenders.getTender(DEMO_TENANT, tenderId);
    const refused = await click(persona.tovholder, chat, 'tender.publish', { tenderId });
    expect(await expectStillDraft(tenderId, refused)).toContain('✗ Demo Kommune › General: Teams afviste beskeden (403)');
    expect(await tender(tenderId)).toEqual(before!.value);

    http.connector.refuse.delete(general.id);
    const published = await click(persona.tovholder, chat, 'tender.publish', { tenderId });
    expect(cardText(published.card)).toContain('✓ Demo Kommune › General');
    expect(await tender(tenderId)).toMatchObject({ status: 'published', announcements: [{ conversationId: general.id }] });
  });
});

describe('employees bid from the card', () => {
  it('takes a bid, gives a receipt on the card and 1:1, and numbers it', async () => {
    const tenderId = await publishedTender();
    const { card } = await bid(persona.medarbejder, tenderId);
    expect(verbsOf(card)).toEqual(expect.arrayContaining(['bid.edit', 'bid.withdrawAsk']));
    // Answered from what is stored: received, when, a receipt id; the number follows 1:1.
    expect(cardText(card)).toContain('Dit bud er modtaget.');
    expect(cardText(card)).toMatch(/Kvitteringsnr\.: [0-9A-F]{8}/);
    expect(cardText(card)).toContain('Bud nr.: Følger om et øjeblik i din chat med botten');
    expect(http.connector.created).toEqual([]);
    await http.sweep();
    const [stored] = await bidsOf(tenderId);
    expect(stored).toMatchObject({ number: 1, bidderId: persona.medarbejder.id, status: 'submitted', crossCutting: true, wantsToParticipate: true });
    expect(http.connector.created.map((c) => c.members[0]!.id)).toEqual([`29:${persona.medarbejder.id}`]);
    const receipt = http.connector.to(`a:1on1-29:${persona.medarbejder.id}`);
    expect(receipt).toHaveLength(1);
    expect(cardText(receipt[0]!.activity.attachments![0]!.content)).toContain('Læsecafé på biblioteket');
    expect(cardText(receipt[0]!.activity.attachments![0]!.content)).toContain('Bud nr.: 1');
  });

  it('writes nothing shared per bid: read the tender, create the bid, enqueue the receipt, read the tender again', async () => {
    const tenderId = await publishedTender();
    const form = await click(persona.medarbejder, general, 'bid.open', { tenderId });
    cosmosRequests.clear();
    await click(persona.medarbejder, general, 'bid.submit', { tenderId, ...dataOf(form.card, 'bid.submit'), ...validBid });
    expect(cosmosRequests.requests).toEqual(['read docs', 'create docs', 'create docs', 'read docs']);
  });

  it('makes one bid of the same form sent twice, but lets a person make a second bid', async () => {
    const tenderId = await publishedTender();
    const { submissionId } = await bid(persona.medarbejder, tenderId);
    const twice = await click(persona.medarbejder, general, 'bid.submit', { tenderId, submissionId, ...validBid });
    expect(verbsOf(twice.card)).toContain('bid.edit');
    expect(await bidsOf(tenderId)).toHaveLength(1);
    await http.sweep();
    await http.sweep();
    expect(http.connector.created).toHaveLength(1); // no second receipt
    await bid(persona.medarbejder, tenderId, { ...validBid, title: 'Et andet bud' });
    await http.sweep();
    expect((await bidsOf(tenderId)).map((b) => b.number)).toEqual([1, 2]);
    expect(await liveCount(tenderId)).toBe(2);
  });

  it('keeps the input and names the bad fields, storing nothing', async () => {
    const tenderId = await publishedTender();
    const form = await click(persona.medarbejder, general, 'bid.open', { tenderId });
    const { submissionId } = dataOf(form.card, 'bid.submit');
    const bad = await click(persona.medarbejder, general, 'bid.submit', { tenderId, submissionId, ...validBid, title: 'x'.repeat(151), forudsaetninger: 'fritid-faellesskab-3' });
    expect(JSON.stringify(bad.card)).toContain('Ugentlig læsecafé');
    expect(dataOf(bad.card, 'bid.submit')).toEqual({ tenderId, submissionId });
    expect(await bidsOf(tenderId)).toEqual([]);
    expect(await liveCount(tenderId)).toBe(0);
  });

  it('keeps bids sealed: others see the form, not the bid, even with hand-made card data', async () => {
    const tenderId = await publishedTender();
    await bid(persona.medarbejder, tenderId);
    const [mine] = await bidsOf(tenderId);
    // Henrik Dahl is an admin but not in Kernegruppe Læring: an employee like any other here.
    const other = await click(persona.admin, general, 'bid.open', { tenderId });
    expect(verbsOf(other.card)).toContain('bid.submit');
    expect(JSON.stringify(other.card)).not.toContain('Læsecafé');
    for (const verb of ['bid.edit', 'bid.withdrawAsk', 'bid.withdraw', 'tender.bid']) {
      const forged = await click(persona.admin, general, verb, { bidId: mine!.id });
      expect(JSON.stringify(forged.card)).not.toContain('Læsecafé');
    }
    const forgedSave = await click(persona.admin, general, 'bid.save', { bidId: mine!.id, ...validBid, title: 'Kapret' });
    expect(cardText(forgedSave.card)).toContain('Buddet findes ikke, eller det er ikke dit');
    expect((await bidsOf(tenderId))[0]).toMatchObject({ title: 'Læsecafé på biblioteket', status: 'submitted' });
    const overview = await click(persona.medarbejder, general, 'tender.bids', { tenderId });
    expect(JSON.stringify(overview.card)).not.toContain('Læsecafé');
  });

  it("lists bidders for Teams' automatic own view, and never turns one person's view into the shared message", async () => {
    const tenderId = await publishedTender();
    await bid(persona.medarbejder, tenderId);
    http.clock.advance(61_000);
    const [update] = (await http.sweep()).filter((r) => r.method === 'PUT');
    expect(update!.activity.attachments![0]!.content).toMatchObject({ refresh: { action: { verb: 'bid.open', data: { tenderId } }, userIds: [`29:${persona.medarbejder.id}`] } });
    const own = await click(persona.medarbejder, general, 'bid.open', { tenderId });
    expect(own.card).not.toHaveProperty('refresh');
    expect(own.sent).toEqual([]); // answered to her alone: no update of the shared message
  });

  it('shows the bidder their own bid on the card, with edit and withdraw', async () => {
    const tenderId = await publishedTender();
    await bid(persona.medarbejder, tenderId);
    const own = await click(persona.medarbejder, general, 'bid.open', { tenderId });
    expect(JSON.stringify(own.card)).toContain('Læsecafé på biblioteket');
    expect(verbsOf(own.card)).toEqual(expect.arrayContaining(['bid.edit', 'bid.withdrawAsk', 'bid.new']));
    const [b] = await bidsOf(tenderId);
    const form = await click(persona.medarbejder, general, 'bid.edit', { bidId: b!.id });
    expect(dataOf(form.card, 'bid.save')).toEqual({ bidId: b!.id });
    await click(persona.medarbejder, general, 'bid.save', { bidId: b!.id, ...validBid, title: 'Læsecafé hver tirsdag' });
    expect((await bidsOf(tenderId))[0]!.title).toBe('Læsecafé hver tirsdag');
    const ask = await click(persona.medarbejder, general, 'bid.withdrawAsk', { bidId: b!.id });
    expect(dataOf(ask.card, 'bid.withdraw')).toEqual({ bidId: b!.id });
    await click(persona.medarbejder, general, 'bid.withdraw', { bidId: b!.id });
    expect((await bidsOf(tenderId))[0]!.status).toBe('withdrawn');
    expect(await liveCount(tenderId)).toBe(0);
  });

  it('counts 20 people bidding at the same moment: 20 bids, numbers 1 to 20, no lost update', async () => {
    const tenderId = await publishedTender();
    const people = Array.from({ length: 20 }, (_, i) => ({ id: `b0000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`, name: `Byder ${i}` }));
    const forms = await Promise.all(people.map((p) => click(p, general, 'bid.open', { tenderId })));
    await Promise.all(people.map((p, i) => click(p, general, 'bid.submit', { tenderId, ...dataOf(forms[i]!.card, 'bid.submit'), ...validBid })));
    await http.sweep();
    const all = await bidsOf(tenderId);
    expect(all).toHaveLength(20);
    expect(all.map((b) => b.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await liveCount(tenderId)).toBe(20);
  });
});

describe('the deadline, by the server clock', () => {
  it('takes a bid a second before and refuses one at the deadline, showing the text back', async () => {
    const tenderId = await publishedTender(); // 7 December 2026 12:00 Copenhagen = 11:00 UTC
    const form = await click(persona.medarbejder, general, 'bid.open', { tenderId });
    const late = await click(persona.konsulent, general, 'bid.open', { tenderId });
    http.clock.set('2026-12-07T10:59:59Z');
    await click(persona.medarbejder, general, 'bid.submit', { tenderId, ...dataOf(form.card, 'bid.submit'), ...validBid });
    http.clock.set('2026-12-07T11:00:00Z');
    const refused = await click(persona.konsulent, general, 'bid.submit', { tenderId, ...dataOf(late.card, 'bid.submit'), ...validBid, title: 'For sent' });
    expect(cardText(refused.card)).toContain('For sent');
    expect(cardText(refused.card)).toContain('Ugentlig læsecafé med frivillige og bibliotekarer.');
    expect((await bidsOf(tenderId)).map((b) => b.bidderId)).toEqual([persona.medarbejder.id]);
    const [b] = await bidsOf(tenderId);
    const edit = await click(persona.medarbejder, general, 'bid.save', { bidId: b!.id, ...validBid, title: 'Ændret for sent' });
    expect(cardText(edit.card)).toContain('Ændret for sent');
    expect(cardText(edit.card)).toContain('din rettelse er ikke gemt');
    expect((await bidsOf(tenderId))[0]!.title).toBe('Læsecafé på biblioteket');
    const withdraw = await click(persona.medarbejder, general, 'bid.withdraw', { bidId: b!.id });
    expect(verbsOf(withdraw.card)).not.toContain('bid.withdraw');
    expect(cardText(withdraw.card)).toContain('buddet kan ikke længere trækkes tilbage');
    expect((await bidsOf(tenderId))[0]!.status).toBe('submitted');
  });

  it('holds a deadline on the day summer time ends (12:00 local is 11:00 UTC)', async () => {
    http.clock.set('2026-10-20T10:00:00Z');
    const tenderId = await publishedTender({ ...validTender, deadlineDate: '2026-10-25', deadlineTime: '12:00' });
    expect((await tender(tenderId)).deadline).toBe('2026-10-25T11:00:00.000Z');
    const form = await click(persona.medarbejder, general, 'bid.open', { tenderId });
    http.clock.set('2026-10-25T10:59:59Z');
    const inTime = await click(persona.medarbejder, general, 'bid.submit', { tenderId, ...dataOf(form.card, 'bid.submit'), ...validBid });
    expect(verbsOf(inTime.card)).toContain('bid.edit');
    http.clock.set('2026-10-25T11:00:00Z');
    const form2 = await click(persona.konsulent, general, 'bid.open', { tenderId });
    expect(verbsOf(form2.card)).not.toContain('bid.submit');
  });

  it('closes by itself, tells the kernegruppe how many bids came, and updates the card once', async () => {
    const tenderId = await publishedTender();
    await bid(persona.medarbejder, tenderId);
    await bid(persona.konsulent, tenderId);
    http.clock.set('2026-12-07T10:59:00Z');
    const before = await http.sweep();
    expect(before.filter((r) => r.conversationId === chat.id)).toEqual([]);
    http.clock.set('2026-12-07T11:00:05Z');
    const sent = await http.sweep();
    const report = sent.filter((r) => r.conversationId === chat.id);
    expect(report).toHaveLength(1);
    expect(cardText(report[0]!.activity.attachments![0]!.content)).toMatch(/2 bud/);
    expect(verbsOf(report[0]!.activity.attachments![0]!.content)).toContain('tender.bids');
    const update = sent.filter((r) => r.conversationId === general.id && r.method === 'PUT');
    expect(update).toHaveLength(1);
    expect(verbsOf(update[0]!.activity.attachments![0]!.content)).not.toContain('bid.open');
    expect((await tender(tenderId)).status).toBe('closed');
    expect(await http.sweep()).toEqual([]);
  });

  it('tells the kernegruppe a tender closed without bids, with no button to bids that do not exist', async () => {
    await publishedTender();
    http.clock.set('2026-12-07T11:00:05Z');
    const report = (await http.sweep()).filter((r) => r.conversationId === chat.id);
    expect(report).toHaveLength(1);
    const card = report[0]!.activity.attachments![0]!.content;
    expect(cardText(card)).toBe('Udbuddet »Læsevenner i lokalsamfundet« er lukket: 0 bud modtaget.');
    expect(verbsOf(card)).toEqual([]);
  });

  it('updates the count on the shared card at most once a minute', async () => {
    const tenderId = await publishedTender();
    await bid(persona.medarbejder, tenderId);
    http.clock.advance(61_000);
    const first = (await http.sweep()).filter((r) => r.method === 'PUT');
    expect(first).toHaveLength(1);
    expect(cardText(first[0]!.activity.attachments![0]!.content)).toMatch(/1/);
    expect(JSON.stringify(first[0]!.activity.attachments![0]!.content)).not.toContain('Læsecafé');
    await bid(persona.konsulent, tenderId);
    http.clock.advance(30_000);
    expect((await http.sweep()).filter((r) => r.method === 'PUT')).toEqual([]);
    http.clock.advance(31_000);
    expect((await http.sweep()).filter((r) => r.method === 'PUT')).toHaveLength(1);
    expect((await http.sweep()).filter((r) => r.method === 'PUT')).toEqual([]);
  });
});

describe("the scheduler's log", () => {
  it('says "tender closed" with the tenant and tender when a tender closes at its deadline', async () => {
    // The bot as main.ts builds it, with a logger whose lines the test reads.
    const { log, lines } = capturedLog('info');
    const connector = await new RecordingConnector().start();
    const clock = new TestClock(new Date('2026-11-23T10:00:00Z'));
    const bot = await startBot({ config: loadConfig({ PORT: '0' }), log, cosmos: await freshDatabase(), clock, scheduler: false });
    const send = async (activity: Partial<Activity>) => {
      const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...activity, serviceUrl: connector.url }) });
      const body = await res.text();
      return body ? (JSON.parse(body) as { value?: unknown }).value : undefined;
    };
    try {
      for (const c of [chat, general]) await send(botAdded(persona.admin, c));
      const draft = await send(cardAction(persona.tovholder, chat, 'tender.save', validTender));
      const { tenderId } = dataOf(draft, 'tender.publish');
      await send(cardAction(persona.tovholder, chat, 'tender.publish', { tenderId }));
      await bot.runScheduledWork();
      expect(lines.filter((l) => l.msg === 'tender closed')).toEqual([]);
      clock.set('2026-12-07T11:00:00Z');
      await bot.runScheduledWork();
      await bot.runScheduledWork();
      expect(lines.filter((l) => l.msg === 'tender closed')).toEqual([expect.objectContaining({ tenantId: DEMO_TENANT, tenderId, area: 'scheduler', level: 30 })]);
    } finally {
      await bot.close();
      await connector.stop();
    }
  });
});

describe('the kernegruppe reads the bids and may cancel', () => {
  it('lets members page through the bids and open one', async () => {
    const tenderId = await publishedTender();
    const people = Array.from({ length: 12 }, (_, i) => ({ id: `c0000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`, name: `Medarbejder ${i}` }));
    for (const p of people) {
      await bid(p, tenderId, { ...validBid, title: `Idé ${p.name}` });
      http.clock.advance(1000); // numbered in the order they came
    }
    const page1 = await click(persona.politiker, chat, 'tender.bids', { tenderId });
    expect(cardText(page1.card)).toContain('Idé Medarbejder 0');
    expect(cardText(page1.card)).not.toContain('Idé Medarbejder 10');
    const next = dataOf(page1.card, 'tender.bids');
    const page2 = await click(persona.politiker, chat, 'tender.bids', next);
    expect(cardText(page2.card)).toContain('Idé Medarbejder 11');
    const [first] = await bidsOf(tenderId);
    const detail = await click(persona.politiker, chat, 'tender.bid', { bidId: first!.id });
    expect(cardText(detail.card)).toContain('Børnene læser mere og forældrene kommer med.');
  });

  it('cancels with a reason and tells every bidder 1:1', async () => {
    const tenderId = await publishedTender();
    await bid(persona.medarbejder, tenderId);
    await bid(persona.konsulent, tenderId);
    const noReason = await click(persona.tovholder, chat, 'tender.cancel', { tenderId, reason: '  ' });
    expect(cardText(noReason.card)).toContain('Skriv en begrundelse');
    expect((await tender(tenderId)).status).toBe('published');
    await http.sweep(); // the bids' receipts
    http.connector.clear();
    const done = await click(persona.tovholder, chat, 'tender.cancel', { tenderId, reason: 'Budgettet er omprioriteret' });
    expect(cardText(done.card).split('\n').slice(0, 2)).toEqual(['Udbuddet er annulleret', 'Udbuddet »Læsevenner i lokalsamfundet« er annulleret. Byderne bag 2 bud får besked i deres chat med botten.']);
    expect(done.sent).toEqual([]); // told through the outbox, after the click
    const sent = await http.sweep();
    const told = sent.filter((r) => r.conversationId.startsWith('a:1on1-'));
    expect(told.map((r) => r.conversationId).sort()).toEqual([`a:1on1-29:${persona.konsulent.id}`, `a:1on1-29:${persona.medarbejder.id}`].sort());
    expect(cardText(told[0]!.activity.attachments![0]!.content)).toContain('Budgettet er omprioriteret');
    expect(sent.some((r) => r.conversationId === general.id && r.method === 'PUT')).toBe(true);
    expect((await tender(tenderId)).status).toBe('cancelled');
    const late = await click(persona.oekonomi, general, 'bid.open', { tenderId });
    expect(verbsOf(late.card)).not.toContain('bid.submit');
  });
});

describe('the manager is told what the cancellation did, under a proper title', () => {
  it('in the singular for one bid, and without bids when there were none', async () => {
    const one = await publishedTender();
    await bid(persona.medarbejder, one);
    const done = await click(persona.tovholder, chat, 'tender.cancel', { tenderId: one, reason: 'Omprioriteret' });
    expect(cardText(done.card)).toBe('Udbuddet er annulleret\nUdbuddet »Læsevenner i lokalsamfundet« er annulleret. Byderen får besked om sit bud i sin chat med botten.');
    const none = await publishedTender({ ...validTender, title: 'Uden bud' });
    const doneNone = await click(persona.tovholder, chat, 'tender.cancel', { tenderId: none, reason: 'Omprioriteret' }, 'en-US');
    expect(cardText(doneNone.card)).toBe('Tender cancelled\nThe tender “Uden bud” is cancelled. There were no bids, so nobody needed telling.');
  });
});

describe('old cards and receipts after the tender ended', () => {
  it('refuses Ret and Træk tilbage on an old receipt plainly, without a "what you wrote" that nobody wrote', async () => {
    const tenderId = await publishedTender();
    const { card: receipt } = await bid(persona.medarbejder, tenderId);
    await click(persona.tovholder, chat, 'tender.cancel', { tenderId, reason: 'Omprioriteret' });
    for (const verb of ['bid.edit', 'bid.withdrawAsk', 'bid.withdraw']) {
      const answer = await click(persona.medarbejder, personal(persona.medarbejder), verb, dataOf(receipt, verb === 'bid.withdraw' ? 'bid.withdrawAsk' : verb));
      const text = cardText(answer.card);
      expect(text, verb).toContain('Udbuddet »Læsevenner i lokalsamfundet« er annulleret, så');
      expect(text, verb).not.toContain('Her er det, du skrev');
      expect(text, verb).not.toContain('Læsecafé');
      expect(verbsOf(answer.card), verb).toEqual([]);
    }
    const [b] = await bidsOf(tenderId);
    expect(cardText((await click(persona.medarbejder, personal(persona.medarbejder), 'bid.edit', { bidId: b!.id })).card)).toContain(
      'dit bud kan ikke længere rettes; det står, som det var.',
    );
    // A change that was typed is still given back to copy.
    const typed = await click(persona.medarbejder, personal(persona.medarbejder), 'bid.save', { bidId: b!.id, ...validBid, title: 'Skrevet efter annulleringen' });
    expect(cardText(typed.card)).toContain('Her er det, du skrev');
    expect(cardText(typed.card)).toContain('Skrevet efter annulleringen');
    expect((await bidsOf(tenderId))[0]).toMatchObject({ title: 'Læsecafé på biblioteket', status: 'submitted' });
  });

  it('says the same after the deadline', async () => {
    const tenderId = await publishedTender();
    const { card: receipt } = await bid(persona.medarbejder, tenderId);
    http.clock.set('2026-12-07T11:00:00Z');
    const answer = await click(persona.medarbejder, general, 'bid.edit', dataOf(receipt, 'bid.edit'));
    expect(cardText(answer.card)).toBe('Fristen for »Læsevenner i lokalsamfundet« udløb mandag 7. december 2026 kl. 12.00, så dit bud kan ikke længere rettes; det står, som det var.');
  });
});

describe('Fortryd on the bid form', () => {
  it("goes back to the tender's card with Byd ind from a first, empty form; Byd ind still opens the form", async () => {
    const tenderId = await publishedTender();
    const form = await click(persona.medarbejder, general, 'bid.open', { tenderId });
    expect(verbsOf(form.card)).toContain('bid.submit');
    const back = await click(persona.medarbejder, general, 'bid.open', dataOf(form.card, 'bid.open'));
    expect(verbsOf(back.card)).toEqual(['bid.open']);
    expect(dataOf(back.card, 'bid.open')).toEqual({ tenderId });
    expect(cardText(back.card)).toContain('[Byd ind]');
    expect(cardText(back.card)).toContain('Frivillige læsevenner for børn');
    const again = await click(persona.medarbejder, general, 'bid.open', dataOf(back.card, 'bid.open'));
    expect(verbsOf(again.card)).toContain('bid.submit');
    expect(await bidsOf(tenderId)).toEqual([]);
  });

  it('goes back to the person\'s own bids when they have some, from a new or an edit form', async () => {
    const tenderId = await publishedTender();
    await bid(persona.medarbejder, tenderId);
    const [b] = await bidsOf(tenderId);
    for (const form of [await click(persona.medarbejder, general, 'bid.new', { tenderId }), await click(persona.medarbejder, general, 'bid.edit', { bidId: b!.id })]) {
      const back = await click(persona.medarbejder, general, 'bid.open', dataOf(form.card, 'bid.open'));
      expect(verbsOf(back.card)).toEqual(['bid.edit', 'bid.withdrawAsk', 'bid.new']);
      expect(cardText(back.card)).toContain('Læsecafé på biblioteket');
    }
  });
});

describe('bidding from the 1:1 chat with the bot', () => {
  it('gives the receipt once, on the card, for a bid, an edit and a withdrawal', async () => {
    const tenderId = await publishedTender();
    const me = personal(persona.medarbejder);
    await http.send(botAdded(persona.medarbejder, me));
    const form = await click(persona.medarbejder, me, 'bid.open', { tenderId });
    // Teams names the message whose button was pressed: the card the answer replaces.
    const submit = cardAction(persona.medarbejder, me, 'bid.submit', { tenderId, ...dataOf(form.card, 'bid.submit'), ...validBid });
    const sent = await http.send({ ...submit, replyToId: 'form-message-1' } as Partial<Activity>);
    expect(cardText(sent.card)).toContain('Dit bud er modtaget.');
    expect(sent.sent).toEqual([]);
    // Once numbered, that same card is redrawn with the number: no second message.
    const redrawn = await http.sweep();
    expect(redrawn.map((r) => `${r.method} ${r.path}`)).toEqual([`PUT /v3/conversations/${encodeURIComponent(me.id)}/activities/form-message-1`]);
    expect(cardText(redrawn[0]!.activity.attachments![0]!.content)).toMatch(/Tak for dit bud![\s\S]*Bud nr\.: 1/);
    const [b] = await bidsOf(tenderId);
    const edited = await click(persona.medarbejder, me, 'bid.save', { bidId: b!.id, ...validBid, title: 'Rettet i chatten' });
    expect(cardText(edited.card)).toContain('Dit bud er rettet.');
    const withdrawn = await click(persona.medarbejder, me, 'bid.withdraw', { bidId: b!.id });
    expect(cardText(withdrawn.card)).toContain('Dit bud er trukket tilbage.');
    expect([...edited.sent, ...withdrawn.sent]).toEqual([]);
    expect(http.connector.created).toEqual([]);
    expect((await bidsOf(tenderId))[0]).toMatchObject({ title: 'Rettet i chatten', status: 'withdrawn' });
  });

  it('still sends the 1:1 receipt for an edit made on the announcement card', async () => {
    const tenderId = await publishedTender();
    await bid(persona.medarbejder, tenderId);
    const [b] = await bidsOf(tenderId);
    http.connector.clear();
    await http.sweep();
    http.connector.clear();
    await click(persona.medarbejder, general, 'bid.save', { bidId: b!.id, ...validBid, title: 'Rettet på opslaget' });
    await http.sweep();
    const receipt = http.connector.to(`a:1on1-29:${persona.medarbejder.id}`);
    expect(receipt).toHaveLength(1);
    expect(cardText(receipt[0]!.activity.attachments![0]!.content)).toContain('Dit bud er rettet.');
  });
});

describe('lists in chat', () => {
  it('shows an employee the open tenders 1:1 and their own bids', async () => {
    const tenderId = await publishedTender();
    await bid(persona.medarbejder, tenderId);
    const open = await http.send(message(persona.medarbejder, personal(persona.medarbejder), 'udbud'));
    const list = open.sent[0]!.activity.attachments![0]!.content;
    expect(cardText(list)).toContain('Læsevenner i lokalsamfundet');
    expect(verbsOf(list)).toContain('bid.open');
    const mine = await http.send(message(persona.medarbejder, personal(persona.medarbejder), 'mine bud'));
    expect(cardText(mine.sent[0]!.activity.attachments![0]!.content)).toContain('Læsecafé på biblioteket');
  });

  it("shows the kernegruppe's members its tenders in its chat, drafts included", async () => {
    await draftTender({ ...validTender, title: 'Kladden' });
    const list = await http.send(message(persona.politiker, chat, 'udbud'));
    const card = list.sent[0]!.activity.attachments![0]!.content;
    expect(cardText(card)).toContain('Kladden');
  });

  it('lets a manager publish a draft straight from the list: the chat’s shared list refreshes into their own view', async () => {
    const tenderId = await draftTender({ ...validTender, title: 'Kladden' });
    const list = await http.send(message(persona.tovholder, chat, 'udbud'));
    const shared = list.sent[0]!.activity.attachments![0]!.content as Card & { refresh?: { action: { verb: string; data: Record<string, unknown> } } };
    // Posted for everyone in the chat, it offers no one the managers' buttons; Teams asks for each reader's own view.
    expect(verbsOf({ body: shared.body })).toEqual([]);
    expect(shared.refresh?.action.verb).toBe('tender.list');
    const card = (await click(persona.tovholder, chat, 'tender.list', shared.refresh!.action.data)).card;
    expect(verbsOf(card)).toEqual(['tender.edit', 'tender.publish', 'tender.cancelAsk']);
    const published = await click(persona.tovholder, chat, 'tender.publish', dataOf(card, 'tender.publish'));
    expect(cardText(published.card)).toContain('Udbuddet »Kladden« er offentliggjort.');
    expect((await tender(tenderId)).status).toBe('published');
  });
});

describe('who may press what on the lists', () => {
  /** A refusal card: "Det gik ikke", or words that say the person may not. */
  const refused = (card: unknown) => /Det gik ikke|Kun kernegruppens|må ikke|findes ikke/.test(cardText(card));

  /** Presses every button of a card as `who`, and returns each answer with the button it came from. */
  async function pressAll(who: Persona, card: unknown) {
    const answers: { verb: string; card: unknown }[] = [];
    const buttons: { verb: string; data?: Record<string, unknown> }[] = [];
    JSON.stringify({ body: (card as Card).body }, (_k, v: unknown) => {
      if (v && typeof v === 'object' && (v as { type?: unknown }).type === 'Action.Execute') buttons.push(v as { verb: string; data?: Record<string, unknown> });
      return v;
    });
    for (const b of buttons) answers.push({ verb: b.verb, card: (await click(who, chat, b.verb, b.data ?? {})).card });
    return answers;
  }

  it('never refuses the økonomikonsulent a button on the group’s tender list: she gets the bids, not the managers’ buttons', async () => {
    await draftTender({ ...validTender, title: 'Kladden' });
    const tenderId = await publishedTender({ ...validTender, title: 'Det offentliggjorte' });
    await bid(persona.medarbejder, tenderId);
    // Her own list (from "Se udbud" on a reminder) and the one the tovholder posted in the chat.
    const own = (await click(persona.oekonomi, chat, 'tender.list')).card;
    const posted = (await http.send(message(persona.tovholder, chat, 'udbud'))).sent[0]!.activity.attachments![0]!.content;
    for (const list of [own, posted]) {
      expect(cardText(list)).toContain('Kladden');
      expect(verbsOf({ body: (list as Card).body })).toEqual(['tender.bids']);
      const answers = await pressAll(persona.oekonomi, list);
      expect(answers.length).toBeGreaterThan(0);
      for (const a of answers) expect(refused(a.card), `${a.verb}: ${cardText(a.card)}`).toBe(false);
      expect(cardText(answers[0]!.card)).toContain('Læsecafé på biblioteket');
    }
  });

  it('tells someone outside the kernegruppe who presses "Se buddene" that the bids are the members’, in Danish and English; a missing tender does not exist', async () => {
    const tenderId = await publishedTender();
    await bid(persona.medarbejder, tenderId);
    const da = await click(persona.medarbejder, chat, 'tender.bids', { tenderId });
    expect(cardText(da.card)).toContain('Kun kernegruppens medlemmer kan se dens udbud og bud.');
    expect(cardText(da.card)).not.toContain('Læsecafé');
    const en = await click(persona.medarbejder, chat, 'tender.bids', { tenderId }, 'en-GB');
    expect(cardText(en.card)).toContain("Only the core group's members can see its tenders and bids.");
    const [b] = await bidsOf(tenderId);
    expect(cardText((await click(persona.medarbejder, chat, 'tender.bid', { bidId: b!.id })).card)).toContain('Kun kernegruppens medlemmer');
    expect(cardText((await click(persona.medarbejder, chat, 'tender.bids', { tenderId: 'tender-nope' })).card)).toContain('Udbuddet findes ikke');
    // A draft of another group still does not exist for them.
    const draftId = await draftTender({ ...validTender, title: 'Kladden' });
    expect(cardText((await click(persona.medarbejder, chat, 'tender.bids', { tenderId: draftId })).card)).toContain('Udbuddet findes ikke');
  });
});

describe('cards that cannot be trusted', () => {
  it('refuses a made-up submission id and an unknown tender, storing nothing', async () => {
    const tenderId = await publishedTender();
    const forged = await click(persona.medarbejder, general, 'bid.submit', { tenderId, submissionId: '../../etc', ...validBid });
    expect(cardText(forged.card)).toContain('Kortet sendte data, jeg ikke kan bruge');
    const unknown = await click(persona.medarbejder, general, 'bid.open', { tenderId: 'tender-nope' });
    expect(cardText(unknown.card)).toContain('Udbuddet findes ikke, eller du har ikke adgang til det.');
    const noId = await click(persona.medarbejder, general, 'bid.open', {});
    expect(cardText(noId.card)).toContain('Kortet sendte data, jeg ikke kan bruge');
    expect(await bidsOf(tenderId)).toEqual([]);
  });

  it('escapes markdown in a title everywhere it is shown', async () => {
    const tenderId = await publishedTender({ ...validTender, title: '**Gratis** [klik her](http://evil.example)' });
    const stored = await tender(tenderId);
    expect(stored.title).toBe('**Gratis** [klik her](http://evil.example)');
    const open = await click(persona.medarbejder, general, 'bid.open', { tenderId });
    expect(JSON.stringify(open.card)).not.toContain('[klik her](http');
  });
});
