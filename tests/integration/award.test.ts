// The kernegruppe's decisions on bids over HTTP, from a closed tender: shortlist, reject (reason
// required, what was typed comes back), back to submitted, each told to the bidder once; the award
// (kernegruppen decides) and the indstilling (Byrådet decides) through the form, settled after the
// click by the sweep (the activity, the bid's status, the bidder's 1:1, the group chat); the frame
// refusal and its override; two awards racing at the frame's edge and a double click; what an award
// click costs in Cosmos requests; and forged actions that must change nothing.

import { afterEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { botAdded, cardAction } from '../support/activities.js';
import { cardText } from '../support/bot-driver.js';
import { dataOf, verbsOf } from '../support/card-actions.js';
import { CosmosRequestLog } from '../support/cosmos.js';
import { conversations, DEMO_TENANT, persona, personal, type Conversation, type Persona } from '../support/demo.js';
import { HttpBot } from '../support/http-bot.js';
import pino from 'pino';
import { loadConfig } from '../../src/config.js';
import { startBot } from '../../src/main.js';
import { VALID_TENDER_FORM } from '../support/forms.js';
import { catalogueId, activityIdOf } from '../../src/app/catalogue-ids.js';
import { emptyCatalogue, setFrame } from '../../src/domain/catalogue.js';
import { giveFigures } from '../support/bid-figures.js';

/**
 * The bids' own figures, as their konkretisering answers give them: a bid titled "… (600000 kr)" costs
 * 200.000 kr. once and 400.000 kr. a year; one without a sum in its title has no figures yet.
 */
function figuresFromTitle(title: string): { oneOffKr: number; yearlyKr: number } | undefined {
  const m = /\((\d+) kr\)/.exec(title);
  if (!m) return undefined;
  const total = Number(m[1]);
  return { oneOffKr: Math.round(total / 3), yearlyKr: total - Math.round(total / 3) };
}

let http: HttpBot;
afterEach(async () => {
  await http?.stop();
});

const chat = conversations.laeringChat;
const general = conversations.general;
const GROUP = 'kernegruppe-laering';
const click = (who: Persona, where: Conversation, verb: string, data: Record<string, unknown> = {}) => http.send(cardAction(who, where, verb, data) as Partial<Activity>);
const oneToOne = (p: Persona) => `a:1on1-29:${p.id}`;
const bidders = (n: number): Persona[] => Array.from({ length: n }, (_, i) => ({ id: `e0000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `Byder ${i}` }));

const TERMS = { expectedEffect: 'Flere børn læser dagligt.', startDate: '2027-01-01', evaluationDate: '2027-12-01' };

/** A tender of Kernegruppe Læring with a bid from each bidder (titles as given), closed at its deadline. */
async function closedTender(decidedBy: 'kernegruppe' | 'byraad', titles: readonly string[], requests?: CosmosRequestLog) {
  http = await HttpBot.start('2026-11-23T10:00:00Z', requests);
  const saved = await click(persona.tovholder, chat, 'tender.save', { ...VALID_TENDER_FORM, decidedBy });
  const { tenderId } = dataOf(saved.card, 'tender.publish');
  await click(persona.tovholder, chat, 'tender.publish', { tenderId });
  const people = [persona.medarbejder, ...bidders(titles.length - 1)];
  for (const [i, title] of titles.entries()) {
    const form = await click(people[i]!, general, 'bid.open', { tenderId });
    await click(people[i]!, general, 'bid.submit', { tenderId, ...dataOf(form.card, 'bid.submit'), title, description: 'Ugentlig læsecafé.', howItHelps: 'Børnene læser mere.', forudsaetninger: 'laering-1' });
  }
  await http.sweep(); // numbers and receipts
  http.clock.set(new Date('2026-12-08T09:00:00Z'));
  await http.sweep(); // closes the tender
  expect((await http.repos.tenders.getTender(DEMO_TENANT, tenderId!))!.value.status).toBe('closed');
  const read = await Promise.all(people.map(async (p) => (await http.repos.tenders.bidsOfBidder(DEMO_TENANT, p.id, tenderId))[0]!));
  // The figures each bidder gave in their konkretisering (what the award's cost is read from).
  const bids = await Promise.all(read.map(async (b) => {
    const figures = figuresFromTitle(b.title);
    return figures ? giveFigures(http.repos.tenders, b, figures.oneOffKr, figures.yearlyKr) : b;
  }));
  http.connector.clear();
  return { tenderId: tenderId!, bids, people };
}

async function setFrameOf(period: string, kr: number, entriesKr = 0) {
  const id = catalogueId(GROUP, period);
  const now = http.clock.now();
  const empty = emptyCatalogue({ id, tenantId: DEMO_TENANT, group: { id: GROUP, name: 'Kernegruppe Læring', kerneopgave: 'laering' }, period }, now);
  const framed = setFrame(empty, kr, { id: persona.admin.id, name: persona.admin.name }, 'Budget', now);
  if (!framed.ok) throw new Error('frame');
  const c = entriesKr > 0 ? { ...framed.value, entries: [earlierEntry(entriesKr)] } : framed.value;
  expect(await http.repos.catalogues.saveCatalogue(c, undefined)).toBe('saved');
}

const earlierEntry = (kr: number) => ({
  bidId: 'bid-earlier',
  tenderId: 'tender-earlier',
  tenderTitle: 'Et tidligere udbud',
  bidNumber: 1,
  title: 'Tidligere aktivitet',
  bidderId: persona.konsulent.id,
  activityId: activityIdOf('bid-earlier'),
  forudsaetninger: ['laering-2'],
  crossCutting: false,
  cost: { oneOffKr: kr, yearlyKr: 0, source: 'konkretisering' as const },
  terms: { responsible: persona.konsulent, expectedEffect: 'x', startDate: '2027-01-01', evaluationDate: '2027-06-01' },
  decidedBy: 'kernegruppe' as const,
  state: 'awarded' as const,
  at: '2026-11-01T00:00:00Z',
  by: persona.tovholder.id,
  byName: persona.tovholder.name,
});

const catalogue = async (period = '2027') => (await http.repos.catalogues.getCatalogue(DEMO_TENANT, catalogueId(GROUP, period)))?.value;
const bidNow = async (id: string) => (await http.repos.tenders.getBid(DEMO_TENANT, id))!.value;
const noticesTo = (p: Persona) => http.connector.to(oneToOne(p)).map((r) => cardText(r.activity.attachments?.[0]?.content));

describe('screening the bids of a closed tender', () => {
  it('a konsulent shortlists, the tovholder rejects with a reason (required; typed text comes back) and resets; the bidder is told each change once', async () => {
    const { bids } = await closedTender('kernegruppe', ['Læsecafé på biblioteket']);
    const bid = bids[0]!;
    const detail = await click(persona.konsulent, chat, 'tender.bid', { bidId: bid.id });
    // Hanne is a konsulent: she prepares (shortlists), but the tovholder decides: rejects and awards
    // (seed 000: the tovholder chef is "ansvarlig for gruppens arbejde"; issue 13 point 5).
    expect(verbsOf(detail.card)).toContain('decision.shortlist');
    expect(verbsOf(detail.card)).not.toContain('decision.rejectAsk');
    expect(verbsOf(detail.card)).not.toContain('award.form');
    expect(verbsOf((await click(persona.tovholder, chat, 'tender.bid', { bidId: bid.id })).card)).toEqual(expect.arrayContaining(['award.form', 'decision.shortlist', 'decision.rejectAsk']));

    const shortlisted = await click(persona.konsulent, chat, 'decision.shortlist', { bidId: bid.id });
    expect(cardText(shortlisted.card)).toContain('✓ Bud nr. 1 er sat på kortlisten');
    expect(cardText(shortlisted.card)).toContain('Status: På kortlisten');
    // A double click: no second change, no second notice.
    const again = await click(persona.konsulent, chat, 'decision.shortlist', { bidId: bid.id });
    expect(cardText(again.card)).toContain('Buddet havde allerede den status');
    // The konsulent's forged rejection is refused, naming who decides; the reason typed comes back; nothing changes.
    const forged = await click(persona.konsulent, chat, 'decision.reject', { bidId: bid.id, reason: 'Konsulentens begrundelse.' });
    expect(cardText(forged.card)).toContain('Kun tovholderen kan træffe kernegruppens beslutninger om buddene (afvise, tildele og indstille). Bed Johan Kristensen (tovholder) om det.');
    expect(cardText(forged.card)).toContain('Konsulentens begrundelse.');
    expect((await bidNow(bid.id)).status).toBe('shortlisted');

    const ask = await click(persona.tovholder, chat, 'decision.rejectAsk', { bidId: bid.id });
    expect(cardText(ask.card)).toContain('Afvis bud nr. 1?');
    const empty = await click(persona.tovholder, chat, 'decision.reject', { bidId: bid.id, reason: '   ' });
    expect(cardText(empty.card)).toContain('Skriv en begrundelse: byderen får den at vide.');
    const tooLong = await click(persona.tovholder, chat, 'decision.reject', { bidId: bid.id, reason: 'x'.repeat(1001) });
    expect(cardText(tooLong.card)).toContain('Begrundelsen er for lang');
    expect(JSON.stringify(tooLong.card)).toContain('x'.repeat(1001)); // what was typed is in the field again
    expect((await bidNow(bid.id)).status).toBe('shortlisted');

    http.clock.advance(60_000);
    const rejected = await click(persona.tovholder, chat, 'decision.reject', { bidId: bid.id, reason: 'Ligger uden for rammen af udbuddet.' });
    expect(cardText(rejected.card)).toContain('✓ Bud nr. 1 er afvist');
    expect(cardText(rejected.card)).toContain('Begrundelse: Ligger uden for rammen af udbuddet.');
    // Undoing a rejection is a decision too: not the konsulent's.
    expect(verbsOf((await click(persona.konsulent, chat, 'tender.bid', { bidId: bid.id })).card)).not.toContain('decision.reset');
    http.clock.advance(60_000);
    const reset = await click(persona.tovholder, chat, 'decision.reset', { bidId: bid.id });
    expect(cardText(reset.card)).toContain('✓ Bud nr. 1 er sat tilbage til indsendt');

    const stored = await bidNow(bid.id);
    expect(stored.status).toBe('submitted');
    expect(stored.history.map((h) => [h.action, h.to, h.note])).toEqual([
      ['submitted', 'submitted', undefined],
      ['decision.shortlisted', 'shortlisted', undefined],
      ['decision.rejected', 'rejected', 'Ligger uden for rammen af udbuddet.'],
      ['decision.submitted', 'submitted', undefined],
    ]);

    await http.sweep();
    await http.sweep();
    // Each change told once, drawn from its own entry of the bid's history (the outbox's workers may deliver them in any order).
    const told = noticesTo(persona.medarbejder);
    expect(told).toHaveLength(3);
    const about = (status: string) => told.filter((t) => t.includes(`: ${status}.`));
    expect(about('På kortlisten')).toEqual([expect.stringContaining('Dit bud »Læsecafé på biblioteket« på udbuddet »Læsevenner i lokalsamfundet« fra Kernegruppe Læring: På kortlisten.')]);
    expect(about('Ikke valgt')).toEqual([expect.stringContaining('Begrundelse: Ligger uden for rammen af udbuddet.')]);
    expect(about('Indsendt')).toHaveLength(1);
  });

  it('two managers shortlisting the same bid at once change it once and tell the bidder once', async () => {
    const { bids } = await closedTender('kernegruppe', ['Læsecafé']);
    await Promise.all([click(persona.konsulent, chat, 'decision.shortlist', { bidId: bids[0]!.id }), click(persona.tovholder, chat, 'decision.shortlist', { bidId: bids[0]!.id })]);
    expect((await bidNow(bids[0]!.id)).history.filter((h) => h.action === 'decision.shortlisted')).toHaveLength(1);
    await http.sweep();
    expect(noticesTo(persona.medarbejder)).toHaveLength(1);
  });
});

describe('the award, kernegruppen decides', () => {
  it('Tildel → the form (bidder responsible by default, the cost used) → awarded; the sweep makes the activity, sets the bid and tells the bidder and the group', async () => {
    const { bids } = await closedTender('kernegruppe', ['Læsecafé (600000 kr)']);
    const bid = bids[0]!;
    await setFrameOf('2027', 1_000_000);
    const form = await click(persona.tovholder, chat, 'award.form', { bidId: bid.id });
    const text = cardText(form.card);
    expect(text).toContain('Tildel · Kernegruppe Læring');
    expect(text).toContain('Omkostning mod rammen: 600.000 kr. (engangsudgift 200.000 kr. + et års drift 400.000 kr., fra konkretiseringen)');
    expect(JSON.stringify(form.card)).toContain(`"value":"${persona.medarbejder.id}"`);
    // Missing effect, evaluation before start: the form comes back with what was typed.
    const wrong = await click(persona.tovholder, chat, 'award.submit', { bidId: bid.id, responsible: persona.medarbejder.id, expectedEffect: '', startDate: '2027-03-01', evaluationDate: '2027-02-01', period: '' });
    expect(cardText(wrong.card)).toContain('Skal udfyldes.');
    expect(cardText(wrong.card)).toContain('Evalueringsdatoen skal ligge efter startdatoen.');
    expect(JSON.stringify(wrong.card)).toContain('2027-03-01');
    expect(await catalogue()).toMatchObject({ entries: [] });

    const done = await click(persona.tovholder, chat, 'award.submit', { bidId: bid.id, responsible: persona.konsulent.id, period: '', ...TERMS });
    expect(cardText(done.card)).toContain('✓ Bud nr. 1 »Læsecafé (600000 kr)« er tildelt');
    expect(cardText(done.card)).toContain('Kataloget for 2027: 600.000 kr. mod rammen.');
    expect(cardText(done.card)).toContain('Ansvarlig: Hanne Graversen.');
    const entry = (await catalogue())!.entries[0]!;
    expect(entry).toMatchObject({ bidId: bid.id, state: 'awarded', decidedBy: 'kernegruppe', terms: { responsible: { id: persona.konsulent.id }, ...TERMS } });
    expect((await catalogue())!.unsettled).toEqual([bid.id]);

    // Hanne has the app (her personal chat is recorded): the person made responsible is told 1:1.
    await http.send(botAdded(persona.konsulent, personal(persona.konsulent)) as Partial<Activity>);
    http.connector.clear();
    await http.sweep();
    const responsible = http.connector.to(personal(persona.konsulent).id).map((r) => cardText(r.activity.attachments?.[0]?.content));
    expect(responsible).toEqual([expect.stringContaining('Du er ansvarlig for denne aktivitet: Kernegruppe Læring har valgt den i sit katalog.')]);
    const activity = (await http.repos.catalogues.getActivity(DEMO_TENANT, activityIdOf(bid.id)))?.value;
    expect(activity).toMatchObject({ bidId: bid.id, responsible: { name: 'Hanne Graversen' }, expectedEffect: TERMS.expectedEffect, evaluationDate: '2027-12-01', period: '2027', status: 'running' });
    expect((await bidNow(bid.id)).status).toBe('awarded');
    expect((await catalogue())!.unsettled).toEqual([]);
    const told = noticesTo(persona.medarbejder);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('Valgt: aktivitet i kataloget');
    expect(told[0]).toContain('Forventet effekt: Flere børn læser dagligt.');
    const group = http.connector.to(chat.id).map((r) => cardText(r.activity.attachments?.[0]?.content));
    expect(group).toEqual([expect.stringContaining('Johan Kristensen tildelte bud nr. 1 »Læsecafé (600000 kr)« fra Sofie Nielsen')]);
    // Settled: another sweep does nothing again.
    await http.sweep();
    expect(noticesTo(persona.medarbejder)).toHaveLength(1);
  });

  it('over the frame: refused saying by how much, with the override field; with a reason: awarded and marked', async () => {
    const { bids } = await closedTender('kernegruppe', ['Læsecafé (600000 kr)']);
    await setFrameOf('2027', 1_000_000, 520_000);
    const form = await click(persona.tovholder, chat, 'award.form', { bidId: bids[0]!.id });
    expect(verbsOf(form.card)).toContain('award.submit');
    const refused = await click(persona.tovholder, chat, 'award.submit', { bidId: bids[0]!.id, responsible: persona.medarbejder.id, period: '2027', ...TERMS });
    expect(cardText(refused.card)).toContain('Tildelingen vil bringe kataloget 120.000 kr. over rammen på 1.000.000 kr.');
    expect(JSON.stringify(refused.card)).toContain('"id":"overrideReason"');
    expect(JSON.stringify(refused.card)).toContain(TERMS.expectedEffect);
    expect((await catalogue())!.entries).toHaveLength(1);
    const short = await click(persona.tovholder, chat, 'award.submit', { bidId: bids[0]!.id, responsible: persona.medarbejder.id, period: '2027', overrideReason: 'Vigtig', ...TERMS });
    expect(cardText(short.card)).toContain('Begrundelsen skal være mindst 10 tegn.');
    const done = await click(persona.tovholder, chat, 'award.submit', { bidId: bids[0]!.id, responsible: persona.medarbejder.id, period: '2027', overrideReason: 'Læsning er byrådets første prioritet.', ...TERMS });
    expect(cardText(done.card)).toContain('Over rammen med begrundelsen: Læsning er byrådets første prioritet.');
    expect((await catalogue())!.entries[1]!.override).toEqual({ reason: 'Læsning er byrådets første prioritet.', totalAfterKr: 1_120_000, frameKr: 1_000_000 });
  });
});

describe('an award whose settlement a crash cut short', () => {
  it('is finished by the next bot on the same database: one activity, the bid awarded, the bidder told once', async () => {
    const { bids } = await closedTender('kernegruppe', ['Læsecafé (300000 kr)']);
    await click(persona.tovholder, chat, 'award.submit', { bidId: bids[0]!.id, responsible: persona.medarbejder.id, period: '2027', ...TERMS });
    // The bot stops before anything after the click ran: only the catalogue's entry (and `unsettled`) is stored.
    expect((await catalogue())!.unsettled).toEqual([bids[0]!.id]);
    expect((await bidNow(bids[0]!.id)).status).toBe('submitted');
    await http.bot.close();
    const next = await startBot({ config: loadConfig({ PORT: '0' }), log: pino({ level: 'silent' }), cosmos: http.cosmos, clock: http.clock, scheduler: false });
    try {
      await next.runScheduledWork();
      await next.runScheduledWork();
    } finally {
      await next.close();
    }
    expect(await http.repos.catalogues.getActivity(DEMO_TENANT, activityIdOf(bids[0]!.id))).toBeDefined();
    expect((await bidNow(bids[0]!.id)).status).toBe('awarded');
    expect((await catalogue())!.unsettled).toEqual([]);
    expect(noticesTo(persona.medarbejder)).toHaveLength(1);
  });
});

describe('the indstilling, Byrådet decides', () => {
  it('Indstil til Byrådet → the entry is indstillet, the bid selected, no activity; the bidder is told', async () => {
    const { bids } = await closedTender('byraad', ['Læsecafé (300000 kr)']);
    const detail = await click(persona.tovholder, chat, 'tender.bid', { bidId: bids[0]!.id });
    expect(cardText(detail.card)).toContain('[Indstil til Byrådet]');
    const form = await click(persona.tovholder, chat, 'award.form', { bidId: bids[0]!.id });
    expect(cardText(form.card)).toContain('Byrådet beslutter dette udbud');
    const done = await click(persona.tovholder, chat, 'award.submit', { bidId: bids[0]!.id, responsible: persona.medarbejder.id, period: '', ...TERMS });
    expect(cardText(done.card)).toContain('er indstillet til Byrådet');
    await http.sweep();
    expect((await catalogue())!.entries[0]).toMatchObject({ state: 'indstillet', decidedBy: 'byraad' });
    expect((await catalogue())!.unsettled).toEqual([]);
    expect((await bidNow(bids[0]!.id)).status).toBe('selected');
    expect(await http.repos.catalogues.getActivity(DEMO_TENANT, activityIdOf(bids[0]!.id))).toBeUndefined();
    const told = noticesTo(persona.medarbejder);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(': Indstillet til Byrådet.');
    expect(told[0]).toContain('Byrådet træffer beslutningen på et byrådsmøde');
  });
});

describe('races', () => {
  it('two members awarding two bids at the frame edge at the same moment: exactly one fits, the other gets the over-frame form', async () => {
    const { bids } = await closedTender('kernegruppe', ['Læsecafé (300000 kr)', 'Lektiecafé (300000 kr)']);
    await setFrameOf('2027', 1_000_000, 600_000);
    const [a, b] = await Promise.all([
      click(persona.tovholder, chat, 'award.submit', { bidId: bids[0]!.id, responsible: persona.medarbejder.id, period: '2027', ...TERMS }),
      click(persona.admin, chat, 'award.submit', { bidId: bids[1]!.id, responsible: bids[1]!.bidderId, period: '2027', ...TERMS }),
    ]);
    const texts = [cardText(a.card), cardText(b.card)];
    expect(texts.filter((t) => t.includes('er tildelt'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('Tildelingen vil bringe kataloget 200.000 kr. over rammen på 1.000.000 kr.'))).toHaveLength(1);
    const stored = (await catalogue())!;
    expect(stored.entries).toHaveLength(2);
    expect(stored.entries.reduce((s, e) => s + e.cost.oneOffKr + e.cost.yearlyKr, 0)).toBe(900_000);
  });

  it('a double click on Tildel: one entry, one activity, one notice', async () => {
    const { bids } = await closedTender('kernegruppe', ['Læsecafé (300000 kr)']);
    const send = () => click(persona.tovholder, chat, 'award.submit', { bidId: bids[0]!.id, responsible: persona.medarbejder.id, period: '2027', ...TERMS });
    const answers = await Promise.all([send(), send()]);
    expect(answers.map((x) => cardText(x.card)).every((t) => t.includes('er tildelt'))).toBe(true);
    expect(answers.filter((x) => cardText(x.card).includes('stod allerede i kataloget'))).toHaveLength(1);
    expect((await catalogue())!.entries).toHaveLength(1);
    await Promise.all([http.sweep(), http.bot.runScheduledWork()]);
    await http.sweep();
    expect(await http.repos.catalogues.getActivity(DEMO_TENANT, activityIdOf(bids[0]!.id))).toBeDefined();
    expect((await bidNow(bids[0]!.id)).history.filter((h) => h.action === 'decision.awarded')).toHaveLength(1);
    expect(noticesTo(persona.medarbejder)).toHaveLength(1);
    expect(http.connector.to(chat.id)).toHaveLength(1);
  });
});

describe('what an award click costs', () => {
  it('a shortlisting and an award each cost 4 requests besides the directory read (the award: bid, tender, catalogue read and write)', async () => {
    const requests = new CosmosRequestLog();
    const { bids } = await closedTender('kernegruppe', ['Læsecafé (300000 kr)'], requests);
    await setFrameOf('2027', 1_000_000);
    requests.clear();
    await click(persona.konsulent, chat, 'decision.shortlist', { bidId: bids[0]!.id });
    // A shortlisting: the bid and its tender read, the bid written, the bidder's notice enqueued.
    expect(requests.detailed.filter((r) => r.container !== 'directory').map((r) => `${r.operation} ${r.container}`)).toEqual(['read tenders', 'read tenders', 'replace tenders', 'create reminders']);
    requests.clear();
    const done = await click(persona.tovholder, chat, 'award.submit', { bidId: bids[0]!.id, responsible: persona.medarbejder.id, period: '2027', ...TERMS });
    expect(cardText(done.card)).toContain('er tildelt');
    const ops = requests.detailed.filter((r) => !(r.container === 'directory'));
    expect(ops.map((r) => `${r.operation} ${r.container} ${r.item?.slice(0, 4) ?? ''}`)).toEqual(['read tenders bid-', 'read tenders tend', 'read tenders cat-', 'replace tenders cat-']);
    expect(requests.to('directory')).toHaveLength(1);
  });
});

describe('forged decisions change nothing', () => {
  const VALID_AWARD = { responsible: persona.medarbejder.id, period: '2027', ...TERMS };

  it('refuses a non-manager, a non-tovholder awarding, a non-member, another tenant, an open tender and a withdrawn bid', async () => {
    const { bids } = await closedTender('kernegruppe', ['Læsecafé (300000 kr)']);
    const bidId = bids[0]!.id;
    const before = JSON.stringify(await bidNow(bidId));
    const refusals: [Persona, string, Record<string, unknown>, string, { tenantId?: string }?][] = [
      [persona.oekonomi, 'decision.shortlist', { bidId }, 'Kun tovholderen, en chef eller en konsulent kan oprette og rette kernegruppens udkast og forberede beslutningerne.'],
      [persona.politiker, 'decision.reject', { bidId, reason: 'Nej tak til det her.' }, 'Kun tovholderen kan træffe kernegruppens beslutninger om buddene'],
      // Issue 13 point 5: a konsulent prepares but does not decide (seed 002: "ikke primær tovholder men dem der skubber på").
      [persona.konsulent, 'decision.rejectAsk', { bidId }, 'Kun tovholderen kan træffe kernegruppens beslutninger om buddene'],
      [persona.konsulent, 'decision.reject', { bidId, reason: 'Konsulenten vil afvise.' }, 'Bed Johan Kristensen (tovholder) om det.'],
      [persona.konsulent, 'award.form', { bidId }, 'Kun tovholderen kan træffe kernegruppens beslutninger om buddene'],
      [persona.konsulent, 'award.submit', { bidId, ...VALID_AWARD }, 'Bed Johan Kristensen (tovholder) om det.'],
      [persona.medarbejder, 'award.submit', { bidId, ...VALID_AWARD }, 'Buddet findes ikke'],
      [persona.medarbejder, 'decision.shortlist', { bidId }, 'Buddet findes ikke'],
      [persona.tovholder, 'award.submit', { bidId, ...VALID_AWARD }, 'Buddet findes ikke', { tenantId: '0e000000-0000-4000-8000-00000000000e' }],
    ];
    for (const [who, verb, data, says, opts] of refusals) {
      const answer = await http.send(cardAction(who, chat, verb, data, opts ?? {}) as Partial<Activity>);
      expect(cardText(answer.card), `${verb} as ${who.name}`).toContain(says);
    }
    expect(JSON.stringify(await bidNow(bidId))).toBe(before);
    expect(await catalogue()).toBeUndefined();
    await http.sweep();
    expect(noticesTo(persona.medarbejder)).toHaveLength(0);
  });

  it('refuses decisions on an open tender and on a withdrawn bid', async () => {
    http = await HttpBot.start('2026-11-23T10:00:00Z');
    const saved = await click(persona.tovholder, chat, 'tender.save', VALID_TENDER_FORM);
    const { tenderId } = dataOf(saved.card, 'tender.publish');
    await click(persona.tovholder, chat, 'tender.publish', { tenderId });
    const form = await click(persona.medarbejder, general, 'bid.open', { tenderId });
    await click(persona.medarbejder, general, 'bid.submit', { tenderId, ...dataOf(form.card, 'bid.submit'), title: 'Læsecafé', description: 'x', howItHelps: 'y', forudsaetninger: 'laering-1' });
    await http.sweep();
    const bidId = (await http.repos.tenders.bidsOfBidder(DEMO_TENANT, persona.medarbejder.id))[0]!.id;
    const detail = await click(persona.tovholder, chat, 'tender.bid', { bidId });
    expect(verbsOf(detail.card)).not.toContain('award.form');
    expect(cardText(detail.card)).toContain('Kernegruppen kan beslutte, når fristen er udløbet.');
    for (const verb of ['decision.shortlist', 'award.form']) expect(cardText((await click(persona.tovholder, chat, verb, { bidId })).card)).toContain('Udbuddet er stadig åbent for bud');
    expect(cardText((await click(persona.tovholder, chat, 'award.submit', { bidId, ...VALID_AWARD })).card)).toContain('Udbuddet er stadig åbent for bud');

    await click(persona.medarbejder, general, 'bid.withdraw', { bidId });
    http.clock.set(new Date('2026-12-08T09:00:00Z'));
    await http.sweep();
    const before = JSON.stringify(await bidNow(bidId));
    expect(cardText((await click(persona.tovholder, chat, 'award.submit', { bidId, ...VALID_AWARD })).card)).toContain('Buddet er trukket tilbage af byderen.');
    expect(cardText((await click(persona.tovholder, chat, 'decision.shortlist', { bidId })).card)).toContain('Buddet er trukket tilbage af byderen.');
    expect(JSON.stringify(await bidNow(bidId))).toBe(before);
    expect(await catalogue()).toBeUndefined();
  });
});
