// The activity catalogue through the bot, on the embedded Cosmos: the frame set and revised (Danish
// amounts, bad ones shown back), `katalog` with its activities, costs, total against the frame and
// coverage (an uncovered forudsætning), its readers and its cost, and the Byråd's path: presented at
// a temamøde, decided at a byrådsmøde (approved, changed, rejected), then activities made, bid
// statuses set and every bidder told 1:1 exactly once, also when a crash left it to the sweep.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { addEntry, emptyCatalogue, setFrame, type Catalogue, type CatalogueEntry } from '../../src/domain/catalogue.js';
import type { Bid } from '../../src/domain/bid.js';
import { catalogueId, activityIdOf } from '../../src/app/catalogue-ids.js';
import { catalogueEntryOf } from '../../src/app/award.js';
import { numberBids } from '../../src/app/bid-numbers.js';
import { settleCatalogue } from '../../src/app/catalogue-settle.js';
import { message, cardAction } from '../support/activities.js';
import { BotDriver, cardText, type Card } from '../support/bot-driver.js';
import { CosmosRequestLog, freshDatabase } from '../support/cosmos.js';
import { conversations, DEMO_TENANT, persona, personal, type Conversation, type Persona } from '../support/demo.js';
import { HttpBot } from '../support/http-bot.js';
import type { TestClock } from '../support/clock.js';
import { dataOf, verbsOf } from '../support/card-actions.js';
import { VALID_BID_FORM, VALID_TENDER_FORM } from '../support/forms.js';
import { isRefusal } from '../support/authz-rig.js';

const chat = conversations.laeringChat;
const LAERING = 'kernegruppe-laering';
const CAT_2027 = catalogueId(LAERING, '2027');
/** Camilla Lund: tovholder of Kernegruppe Beskæftigelse, not a member of Læring. */
const otherGroupTovholder: Persona = { id: 'd0000000-0000-4000-8000-000000000022', name: 'Camilla Lund' };
const OTHER_TENANT = '0e000000-0000-4000-8000-00000000000e';

const group = { id: LAERING, name: 'Kernegruppe Læring', kerneopgave: 'laering' };
const NOW = new Date('2026-11-23T10:00:00Z');

/** An entry as the award helper's addEntry gets it, from a stored (or made-up) bid. */
function entryFor(bid: Pick<Bid, 'id' | 'tenderId' | 'number' | 'title' | 'bidderId' | 'bidderName' | 'forudsaetninger' | 'crossCutting'>, v: Partial<CatalogueEntry> = {}): Omit<CatalogueEntry, 'override' | 'at'> {
  const made = catalogueEntryOf({ id: bid.tenderId, title: 'Læsevenner i lokalsamfundet', decidedBy: 'kernegruppe' }, bid, {
    cost: { oneOffKr: 100_000, yearlyKr: 50_000, source: 'konsekvens' },
    terms: { responsible: { id: bid.bidderId, name: bid.bidderName }, expectedEffect: 'Flere børn læser dagligt', startDate: '2027-01-01', evaluationDate: '2027-12-01' },
    by: persona.tovholder,
  });
  return { ...made, ...v };
}

function withEntries(base: Catalogue, entries: { entry: Omit<CatalogueEntry, 'override' | 'at'>; override?: string }[]): Catalogue {
  let c = base;
  for (const { entry, override } of entries) {
    const r = addEntry(c, entry, override, NOW);
    if (!r.ok) throw new Error(r.code);
    c = r.value.catalogue;
  }
  return c;
}

function frameOfKr(kr: number): Catalogue {
  const r = setFrame(emptyCatalogue({ id: CAT_2027, tenantId: DEMO_TENANT, group, period: '2027' }, NOW), kr, { id: persona.oekonomi.id, name: persona.oekonomi.name }, 'Budget 2027', NOW);
  if (!r.ok) throw new Error(r.code);
  return r.value;
}

const fakeBid = (n: number, v: Partial<Bid> = {}) => ({
  id: `bid-fake-${n}`,
  tenderId: 'tender-fake',
  number: n,
  title: `Aktivitet ${n}`,
  bidderId: persona.medarbejder.id,
  bidderName: persona.medarbejder.name,
  forudsaetninger: ['laering-1'],
  crossCutting: false,
  ...v,
});

describe('the frame', () => {
  let bot: BotDriver;
  beforeEach(async () => {
    bot = await BotDriver.start(await freshDatabase());
  });
  const click = async (who: Persona, verb: string, data: Record<string, unknown>, where: Conversation = chat) => (await bot.send(cardAction(who, where, verb, data))).invokeCard!;

  it('is set by the økonomikonsulent in Danish kroner and revised with a note; every revision is listed newest first and kept in the history', async () => {
    const form = await click(persona.oekonomi, 'catalogue.frameForm', { groupId: LAERING, period: '2027' });
    expect(cardText(form)).toContain('Sæt rammen for Kernegruppe Læring');
    expect(verbsOf(form)).toContain('catalogue.frame');

    const set = await click(persona.oekonomi, 'catalogue.frame', { groupId: LAERING, period: '2027', amount: '1.250.000', note: '' });
    expect(cardText(set)).toContain('✓ Rammen for 2027 er nu 1.250.000 kr.');
    expect(cardText(set)).toContain('Ramme: **1.250.000 kr.**');
    expect(verbsOf(set)).toContain('catalogue.frameForm');

    (bot.clock as TestClock).set('2027-03-28T09:00:00Z'); // seed 000: the frame is revised late in March
    const revised = await click(persona.admin, 'catalogue.frame', { groupId: LAERING, period: '2027', amount: '1100000', note: 'Revideret efter regnskabet' });
    const text = cardText(revised);
    expect(text).toContain('Ramme: **1.100.000 kr.**');
    expect(text).toContain('Senest revideret søndag 28. marts 2027 kl. 11.00 af Henrik Dahl');
    expect(text.indexOf('1.100.000 kr. · Henrik Dahl: Revideret efter regnskabet')).toBeLessThan(text.indexOf('1.250.000 kr. · Birgitte Lund'));

    const stored = (await bot.repos.catalogues.getCatalogue(DEMO_TENANT, CAT_2027))!.value;
    expect(stored.frames.map((f) => [f.kr, f.byName, f.note])).toEqual([
      [1_250_000, 'Birgitte Lund', undefined],
      [1_100_000, 'Henrik Dahl', 'Revideret efter regnskabet'],
    ]);
    expect(stored.history.map((h) => [h.action, h.from, h.to])).toEqual([
      ['frame.set', undefined, '1250000'],
      ['frame.revised', '1250000', '1100000'],
    ]);
  });

  it('refuses "1,5 mio.", 0, a negative amount, words and a bad period with the form back as typed, and stores nothing', async () => {
    for (const [amount, says] of [
      ['1,5 mio.', 'i stedet for 1,5 mio. (du skrev »1,5 mio.«)'],
      ['0', 'Rammen skal være et beløb over 0 kr. (du skrev »0«)'],
      ['-250.000', 'Rammen skal være et beløb over 0 kr. (du skrev »\\-250.000«)'],
      ['mange penge', 'Beløbet kan ikke læses'],
      ['', 'Skriv rammen i hele kroner'],
    ] as const) {
      const back = await click(persona.oekonomi, 'catalogue.frame', { groupId: LAERING, period: '2027', amount, note: 'Min note' });
      expect(cardText(back)).toContain('Rammen er ikke gemt endnu');
      expect(cardText(back)).toContain(says);
      expect(JSON.stringify(back)).toContain(`"value":"${amount}"`);
      expect(JSON.stringify(back)).toContain('"value":"Min note"');
      expect(isRefusal(back)).toBe(true);
    }
    const badPeriod = await click(persona.oekonomi, 'catalogue.frame', { groupId: LAERING, period: '27', amount: '1.000.000', note: '' });
    expect(cardText(badPeriod)).toContain('Perioden skal være et årstal, fx 2027 (du skrev »27«)');
    expect(await bot.repos.catalogues.getCatalogue(DEMO_TENANT, CAT_2027)).toBeUndefined();
  });

  it('is refused to a member who is not økonomikonsulent or admin, and to another group’s økonomikonsulent, changing nothing', async () => {
    for (const who of [persona.tovholder, persona.politiker, persona.medarbejder, otherGroupTovholder]) {
      const answer = await click(who, 'catalogue.frame', { groupId: LAERING, period: '2027', amount: '1.000.000', note: '' });
      expect(isRefusal(answer), who.name).toBe(true);
      expect(cardText(answer)).toMatch(/Kun en administrator eller kernegruppens økonomikonsulent|kan kun ses af kernegruppens medlemmer/);
    }
    expect(await bot.repos.catalogues.getCatalogue(DEMO_TENANT, CAT_2027)).toBeUndefined();
  });

  it('made by two at the same moment: the catalogue is created once and both revisions are kept', async () => {
    await Promise.all([
      click(persona.oekonomi, 'catalogue.frame', { groupId: LAERING, period: '2027', amount: '1.000.000', note: 'a' }),
      click(persona.admin, 'catalogue.frame', { groupId: LAERING, period: '2027', amount: '2.000.000', note: 'b' }),
    ]);
    const stored = (await bot.repos.catalogues.getCatalogue(DEMO_TENANT, CAT_2027))!.value;
    expect(stored.frames.map((f) => f.kr).sort()).toEqual([1_000_000, 2_000_000]);
  });
});

describe('katalog', () => {
  let bot: BotDriver;
  const requests = new CosmosRequestLog();
  beforeEach(async () => {
    bot = await BotDriver.start(await freshDatabase(requests));
  });

  it('shows the group, status, frame, each activity with its cost and source, the total over the frame marked, and what no activity covers yet', async () => {
    const c = withEntries(frameOfKr(400_000), [
      { entry: entryFor(fakeBid(1, { title: 'Læsecafé', forudsaetninger: ['laering-1', 'fritid-faellesskab-3'], crossCutting: true })) },
      { entry: entryFor(fakeBid(2, { title: 'Lektiehjælp' }), { cost: { oneOffKr: 0, yearlyKr: 80_000, source: 'konkretisering' }, state: 'indstillet', decidedBy: 'byraad' }) },
      { entry: entryFor(fakeBid(3, { title: 'Forældrenetværk', forudsaetninger: ['laering-2'] }), { cost: { oneOffKr: 200_000, yearlyKr: 0, source: 'none' } }), override: 'Byrådet har ønsket det særligt' },
    ]);
    await bot.repos.catalogues.saveCatalogue(c, undefined);
    const sent = await bot.send(message(persona.politiker, chat, 'katalog 2027'));
    const text = cardText(sent.cards[0]);
    expect(text).toContain('Aktivitetskatalog · Kernegruppe Læring');
    expect(text).toContain('Aktivitetskatalog 2027');
    expect(text).toContain('Status: kladde');
    expect(text).toContain('Ramme: **400.000 kr.**');
    expect(text).toContain('⚠ I alt: 430.000 kr. af rammen på 400.000 kr.: **30.000 kr. over rammen.**');
    expect(text).toContain('**Læsecafé** · bud nr. 1 på »Læsevenner i lokalsamfundet« · ✓ tildelt · ↔ tværgående');
    expect(text).toContain('Udgift: 100.000 kr. engangs + 50.000 kr. om året (fra konsekvensberegningen) · ansvarlig: Sofie Nielsen');
    expect(text).toContain('**Lektiehjælp** · bud nr. 2 på »Læsevenner i lokalsamfundet« · ⏳ indstillet');
    expect(text).toContain('0 kr. engangs + 80.000 kr. om året (fra konkretiseringen)');
    expect(text).toContain('(intet tal endnu)');
    expect(text).toContain('⚠ Over rammen med begrundelse: Byrådet har ønsket det særligt');
    expect(text).toContain('✓ Alle børn har et trygt og stimulerende læringsmiljø i dagtilbud og skole: »Læsecafé«, »Lektiehjælp«');
    expect(text).toContain('✓ Forældre og lokalsamfund tager aktivt del i børnenes læring: »Forældrenetværk«');
    expect(text).toContain('**Ikke dækket endnu (listen skal være udtømmende)**');
    expect(text).toContain('✗ Overgangen fra grundskole til ungdomsuddannelse eller job er sammenhængende');
    // A politician reads; only the økonomikonsulent or an admin sets the frame, the tovholder presents.
    expect(verbsOf(sent.cards[0])).not.toContain('catalogue.frameForm');
    const asTovholder = await bot.send(cardAction(persona.tovholder, chat, 'catalogue.show', { groupId: LAERING, period: '2027' }));
    expect(verbsOf(asTovholder.invokeCard)).toEqual(['catalogue.presentForm', 'catalogue.export']);
    // Eksportér gives the reader the links for the temamøde, and a way back to the catalogue.
    const links = await bot.send(cardAction(persona.politiker, chat, 'catalogue.export', dataOf(sent.cards[0], 'catalogue.export')));
    expect(cardText(links.invokeCard)).toContain('Excel');
    expect(dataOf(links.invokeCard, 'catalogue.show')).toEqual({ groupId: LAERING, period: '2027' });
  });

  it('without a period: the current year, else the newest catalogue; an empty one says so and lists every forudsætning as not covered', async () => {
    const empty = await bot.send(message(persona.tovholder, chat, 'katalog'));
    expect(cardText(empty.cards[0])).toContain('Aktivitetskatalog 2026');
    expect(cardText(empty.cards[0])).toContain('Ingen aktiviteter i kataloget endnu');
    expect(cardText(empty.cards[0])).toContain('Ramme: ikke sat endnu');
    expect(cardText(empty.cards[0]).match(/✗ /g)).toHaveLength(3);
    await bot.repos.catalogues.saveCatalogue(frameOfKr(1_000_000), undefined);
    const newest = await bot.send(message(persona.tovholder, chat, 'catalogue'));
    expect(cardText(newest.cards[0])).toContain('Aktivitetskatalog 2027');
  });

  it('is refused to anyone outside the group (and another tenant), also with a forged button; a bad period is shown back', async () => {
    await bot.repos.catalogues.saveCatalogue(frameOfKr(1_000_000), undefined);
    const outside = await bot.send(message(persona.medarbejder, chat, 'katalog 2027'));
    expect(cardText(outside.cards[0])).toContain('kan kun ses af kernegruppens medlemmer og administratorer');
    const forged = await bot.send(cardAction(otherGroupTovholder, personal(otherGroupTovholder), 'catalogue.show', { groupId: LAERING, period: '2027' }));
    expect(isRefusal(forged.invokeCard)).toBe(true);
    expect(cardText(forged.invokeCard)).not.toContain('1.000.000');
    const tenant = await bot.send(cardAction(persona.admin, chat, 'catalogue.show', { groupId: LAERING, period: '2027' }, { tenantId: OTHER_TENANT }));
    expect(isRefusal(tenant.invokeCard)).toBe(true);
    const admin = await bot.send(cardAction(persona.admin, personal(persona.admin), 'catalogue.show', { groupId: LAERING, period: '2027' }));
    expect(cardText(admin.invokeCard)).toContain('Ramme: **1.000.000 kr.**');
    const badPeriod = await bot.send(message(persona.tovholder, chat, 'katalog næste år'));
    expect(cardText(badPeriod.cards[0])).toContain('Perioden skal være et årstal, fx katalog 2027 (du skrev »næste år«)');
    const notAGroupChat = await bot.send(message(persona.tovholder, personal(persona.tovholder), 'katalog'));
    expect(cardText(notAGroupChat.cards[0])).toContain('Skriv katalog i en kernegruppes chat');
  });

  it('with 200 activities stays under 40 KB, a page of 25 at a time, and costs the directory and one point read', async () => {
    const long = 'Læsning og fællesskab for alle børn i lokalområdet '.repeat(3).slice(0, 150);
    const c = withEntries(frameOfKr(1_000_000_000), Array.from({ length: 200 }, (_, i) => ({ entry: entryFor(fakeBid(i + 1, { title: `${long} ${i + 1}` })) })));
    await bot.repos.catalogues.saveCatalogue(c, undefined);
    requests.clear();
    const sent = await bot.send(message(persona.politiker, chat, 'katalog 2027'));
    expect(requests.operations()).toEqual(['read docs', 'read docs']);
    const card = sent.cards[0]!;
    expect(JSON.stringify(card).length).toBeLessThan(40_000);
    expect(cardText(card)).toContain('Aktivitet 1–25 af 200.');
    expect(cardText(card)).toContain('**Aktiviteter** (200)');
    const next = dataOf(card, 'catalogue.show');
    expect(next.page).toBe('1');
    const last = await bot.send(cardAction(persona.politiker, chat, 'catalogue.show', { ...next, page: '7' }));
    expect(cardText(last.invokeCard)).toContain('Aktivitet 176–200 af 200.');
    expect(JSON.stringify(last.invokeCard).length).toBeLessThan(40_000);
  });

  it('is on the help card in the kernegruppe’s chat, for its members', async () => {
    const help = await bot.send(message(persona.politiker, chat, 'hjælp'));
    expect(cardText(help.cards[0])).toContain('katalog \\[periode\\]');
    expect(dataOf(help.cards[0], 'catalogue.show')).toEqual({ groupId: LAERING });
    const elsewhere = await bot.send(message(persona.politiker, personal(persona.politiker), 'hjælp'));
    expect(verbsOf(elsewhere.cards[0])).not.toContain('catalogue.show');
  });
});

describe("the Byråd's path: presented at a temamøde, decided at a byrådsmøde", () => {
  let http: HttpBot;
  beforeEach(async () => {
    http = await HttpBot.start('2026-11-23T10:00:00Z');
  });
  afterEach(async () => {
    await http.stop();
  });
  const click = async (who: Persona, verb: string, data: Record<string, unknown>, where: Conversation = chat) => (await http.send(cardAction(who, where, verb, data) as Partial<Activity>)).card as Card;

  /** A tender Byrådet decides, three bids by three people, numbered; their entries indstillet in the 2027 catalogue. */
  async function threeIndstillinger(entry: Partial<CatalogueEntry> = { decidedBy: 'byraad', state: 'indstillet' }): Promise<Bid[]> {
    const saved = await click(persona.tovholder, 'tender.save', { ...VALID_TENDER_FORM, decidedBy: 'byraad' });
    const tenderId = dataOf(saved, 'tender.publish').tenderId!;
    await click(persona.tovholder, 'tender.publish', { tenderId });
    for (const [who, title] of [
      [persona.medarbejder, 'Læsecafé'],
      [persona.konsulent, 'Lektiehjælp'],
      [persona.politiker, 'Forældrenetværk'],
    ] as const) {
      const form = await click(who, 'bid.open', { tenderId }, conversations.general);
      await click(who, 'bid.submit', { tenderId, submissionId: dataOf(form, 'bid.submit').submissionId!, ...VALID_BID_FORM, title, forudsaetninger: 'laering-1' }, conversations.general);
    }
    await numberBids({ tenders: http.repos.tenders, clock: http.clock }, DEMO_TENANT, tenderId);
    const all = await http.repos.tenders.allBidsOfTender(DEMO_TENANT, tenderId);
    const bids = ['Læsecafé', 'Lektiehjælp', 'Forældrenetværk'].map((title) => all.find((b) => b.title === title)!);
    const c = withEntries(frameOfKr(1_000_000), bids.map((b) => ({ entry: entryFor(b, entry) })));
    await http.repos.catalogues.saveCatalogue(c, undefined);
    // The indstillinger's own consequences (bids selected, bidders told) are settled first, as the award helper's click does.
    await http.sweep();
    http.connector.clear();
    return bids;
  }

  /** The catalogues the tender sweep's one scan finds unsettled (what it settles). */
  const unsettledInScan = async () => {
    const now = http.clock.now();
    return (await http.repos.tenders.tendersNeedingAttention(now, now, now)).unsettled;
  };

  async function present(): Promise<string> {
    const form = await click(persona.tovholder, 'catalogue.presentForm', { catalogueId: CAT_2027 });
    const choices = JSON.stringify(form);
    expect(choices).toContain('Temamøde');
    const meetingId = /"value":"(temamoede-[\d-]+)"/.exec(choices)![1]!;
    const done = await click(persona.tovholder, 'catalogue.present', { catalogueId: CAT_2027, meetingId });
    expect(cardText(done)).toMatch(/Status: præsenteret ved Temamøde/);
    return meetingId;
  }

  async function byraadsmoede(): Promise<string> {
    const form = await click(persona.admin, 'catalogue.decisionForm', { catalogueId: CAT_2027 }, personal(persona.admin));
    return /"value":"(byraadsmoede-[\d-]+)"/.exec(JSON.stringify(form))![1]!;
  }

  const toBidder = (p: Persona) => http.connector.to(`a:1on1-29:${p.id}`);

  it('changed: the approved indstillinger become activities, the other is rejected with the reason, every bidder is told once and the group once', async () => {
    const bids = await threeIndstillinger();
    await present();
    const meetingId = await byraadsmoede();
    const decided = await click(persona.admin, 'catalogue.decide', { catalogueId: CAT_2027, outcome: 'changed', meetingId, approved: `${bids[0]!.id},${bids[1]!.id}`, note: 'Forældrenetværket venter til 2028' }, personal(persona.admin));
    expect(cardText(decided)).toContain('✓ Byrådets beslutning er registreret: ændret.');
    expect(cardText(decided)).toMatch(/Status: besluttet ved Byrådsmøde .*: \*\*ændret\*\*/);

    await http.sweep();
    expect((await http.repos.catalogues.getActivity(DEMO_TENANT, activityIdOf(bids[0]!.id)))?.value.title).toBe('Læsecafé');
    expect((await http.repos.catalogues.getActivity(DEMO_TENANT, activityIdOf(bids[1]!.id)))?.value.responsible.name).toBe(persona.konsulent.name);
    expect(await http.repos.catalogues.getActivity(DEMO_TENANT, activityIdOf(bids[2]!.id))).toBeUndefined();
    const [b0, b2] = [(await http.repos.tenders.getBid(DEMO_TENANT, bids[0]!.id))!.value, (await http.repos.tenders.getBid(DEMO_TENANT, bids[2]!.id))!.value];
    expect([b0.status, b0.statusBy]).toEqual(['awarded', persona.admin.id]);
    expect(b2.status).toBe('rejected');
    expect(b2.statusReason).toBe('Byrådet godkendte ikke indstillingen: Forældrenetværket venter til 2028');
    expect(b2.history.at(-1)).toMatchObject({ action: 'rejected', from: 'selected', to: 'rejected', by: persona.admin.id });

    const told = toBidder(persona.politiker).map((r) => cardText(r.activity.attachments?.[0]?.content));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(`Dit bud nr. ${bids[2]!.number} på udbuddet »Læsevenner i lokalsamfundet« er nu: **Ikke valgt**.`);
    expect(told[0]).toContain('Begrundelse: Byrådet godkendte ikke indstillingen: Forældrenetværket venter til 2028');
    expect(toBidder(persona.medarbejder).map((r) => cardText(r.activity.attachments?.[0]?.content))[0]).toContain('er nu: **Valgt: aktivitet i kataloget**');
    expect(toBidder(persona.konsulent)).toHaveLength(1);
    const groupNotices = http.connector.to(chat.id).map((r) => cardText(r.activity.attachments?.[0]?.content));
    expect(groupNotices).toHaveLength(1);
    expect(groupNotices[0]).toContain('2 indstilling(er) blev til aktiviteter, 1 blev ikke godkendt.');
    const stored = (await http.repos.catalogues.getCatalogue(DEMO_TENANT, CAT_2027))!.value;
    expect(stored.unsettled).toEqual([]);

    // Another sweep, and the settle run again by hand: nothing new, nobody told twice.
    http.connector.clear();
    await settleCatalogue({ ...http.repos, clock: http.clock }, DEMO_TENANT, CAT_2027);
    expect(await http.sweep()).toEqual([]);
  });

  it("the kernegruppe's own awards, settled by the award: activity, bid awarded, bidder told, a line in the group's chat", async () => {
    http.connector.clear();
    const bids = await threeIndstillinger({ decidedBy: 'kernegruppe', state: 'awarded' });
    // threeIndstillinger settled them in its sweep and cleared what it sent: look at what is stored.
    for (const b of bids) {
      expect((await http.repos.catalogues.getActivity(DEMO_TENANT, activityIdOf(b.id)))?.value.history[0]!.note).toBe('kernegruppe');
      const stored = (await http.repos.tenders.getBid(DEMO_TENANT, b.id))!.value;
      expect([stored.status, stored.statusBy]).toEqual(['awarded', persona.tovholder.id]);
    }
    const { resources } = await http.cosmos.containers.reminders.items
      .query<{ subject: { kind: string }; status: string }>("SELECT c.subject, c.status FROM c WHERE c.type = 'notice' AND (c.subject.kind = 'decision.status' OR c.subject.kind = 'award.group')")
      .fetchAll();
    expect(resources.map((r) => `${r.subject.kind} ${r.status}`).sort()).toEqual([...Array(3).fill('award.group sent'), ...Array(3).fill('decision.status sent')]);
    expect((await http.repos.catalogues.getCatalogue(DEMO_TENANT, CAT_2027))!.value.unsettled).toEqual([]);
  });

  it('approved and rejected: all or none become activities', async () => {
    const bids = await threeIndstillinger();
    await present();
    const meetingId = await byraadsmoede();
    await click(persona.admin, 'catalogue.decide', { catalogueId: CAT_2027, outcome: 'rejected', meetingId, note: '' }, personal(persona.admin));
    await http.sweep();
    for (const b of bids) {
      expect((await http.repos.tenders.getBid(DEMO_TENANT, b.id))!.value.statusReason).toBe('Byrådet godkendte ikke indstillingen');
      expect(await http.repos.catalogues.getActivity(DEMO_TENANT, activityIdOf(b.id))).toBeUndefined();
    }
    expect(http.connector.received.filter((r) => r.conversationId.startsWith('a:1on1-'))).toHaveLength(3);
  });

  it('approved: every indstilling becomes an activity', async () => {
    const bids = await threeIndstillinger();
    await present();
    await click(persona.admin, 'catalogue.decide', { catalogueId: CAT_2027, outcome: 'approved', meetingId: await byraadsmoede(), note: 'Enstemmigt' }, personal(persona.admin));
    await http.sweep();
    for (const b of bids) {
      expect((await http.repos.catalogues.getActivity(DEMO_TENANT, activityIdOf(b.id)))?.value.status).toBe('running');
      expect((await http.repos.tenders.getBid(DEMO_TENANT, b.id))!.value.statusReason).toBe('Byrådet godkendte indstillingen: Enstemmigt');
    }
    expect(http.connector.received.filter((r) => r.conversationId.startsWith('a:1on1-'))).toHaveLength(3);
  });

  it('a crash between the decision and its settlement is finished by the sweep, once', async () => {
    const bids = await threeIndstillinger();
    await present();
    const meetingId = await byraadsmoede();
    // The decision written as the click writes it, and nothing more: the bot died before settling.
    const { recordDecision } = await import('../../src/domain/catalogue.js');
    const found = (await http.repos.catalogues.getCatalogue(DEMO_TENANT, CAT_2027))!;
    const d = recordDecision(found.value, { outcome: 'approved', meeting: { id: meetingId, title: 'Byrådsmøde', start: '2026-12-16T16:00:00Z' }, note: '', by: { id: persona.admin.id, name: persona.admin.name } }, http.clock.now());
    if (!d.ok) throw new Error(d.code);
    expect(await http.repos.catalogues.saveCatalogue(d.value, found.etag)).toBe('saved');
    expect(await unsettledInScan()).toEqual([{ tenantId: DEMO_TENANT, catalogueId: CAT_2027 }]);
    await http.sweep();
    for (const b of bids) expect(await http.repos.catalogues.getActivity(DEMO_TENANT, activityIdOf(b.id))).toBeDefined();
    expect(http.connector.received.filter((r) => r.conversationId.startsWith('a:1on1-'))).toHaveLength(3);
    expect(await unsettledInScan()).toEqual([]);
    expect(await http.sweep()).toEqual([]);
  });

  it('refuses forged and out-of-order actions, showing what was picked and changing nothing', async () => {
    const bids = await threeIndstillinger();
    // Not presented yet: no decision.
    const early = await click(persona.admin, 'catalogue.decide', { catalogueId: CAT_2027, outcome: 'approved', meetingId: 'byraadsmoede-2026-12', note: '' }, personal(persona.admin));
    expect(cardText(early)).toContain('kan først registreres, når kataloget er præsenteret');
    // A member who is not tovholder or admin presents; no meeting picked.
    expect(cardText(await click(persona.politiker, 'catalogue.present', { catalogueId: CAT_2027, meetingId: 'temamoede-2026-12' }))).toContain('Kun kernegruppens tovholder eller en administrator');
    const noMeeting = await click(persona.tovholder, 'catalogue.present', { catalogueId: CAT_2027, meetingId: '' });
    expect(cardText(noMeeting)).toContain('Vælg mødet på listen');
    expect(cardText(noMeeting)).toContain('Kataloget er ikke markeret som præsenteret endnu');
    const meetingId = await present();
    const before = JSON.stringify((await http.repos.catalogues.getCatalogue(DEMO_TENANT, CAT_2027))!.value);
    // The tovholder (a member, not admin) records the decision.
    const notAdmin = await click(persona.tovholder, 'catalogue.decide', { catalogueId: CAT_2027, outcome: 'approved', meetingId: 'byraadsmoede-2026-12', note: '' });
    expect(cardText(notAdmin)).toContain('Kun en administrator kan registrere Byrådets beslutning.');
    expect(cardText(notAdmin)).toContain('approved · byraadsmoede-2026-12');
    // Another group's tovholder, another tenant's admin.
    expect(isRefusal(await click(otherGroupTovholder, 'catalogue.decide', { catalogueId: CAT_2027, outcome: 'approved', meetingId: 'byraadsmoede-2026-12' }, personal(otherGroupTovholder)))).toBe(true);
    const otherTenant = await http.send(cardAction(persona.admin, personal(persona.admin), 'catalogue.decide', { catalogueId: CAT_2027, outcome: 'approved', meetingId: 'byraadsmoede-2026-12' }, { tenantId: OTHER_TENANT }) as Partial<Activity>);
    expect(isRefusal(otherTenant.card)).toBe(true);
    // "Ændret" without a pick, a meeting that is not a byrådsmøde: the form comes back as picked.
    const changedNone = await click(persona.admin, 'catalogue.decide', { catalogueId: CAT_2027, outcome: 'changed', meetingId: 'byraadsmoede-2026-12', note: 'Min note', approved: '' }, personal(persona.admin));
    expect(cardText(changedNone)).toContain('Ved »ændret« skal du vælge de indstillinger, Byrådet godkendte.');
    expect(JSON.stringify(changedNone)).toContain('"value":"Min note"');
    expect(JSON.stringify(changedNone)).toContain('"value":"changed"');
    const wrongMeeting = await click(persona.admin, 'catalogue.decide', { catalogueId: CAT_2027, outcome: 'approved', meetingId, note: '' }, personal(persona.admin));
    expect(cardText(wrongMeeting)).toContain(`Vælg mødet på listen (du valgte »${meetingId}«)`);
    expect(JSON.stringify((await http.repos.catalogues.getCatalogue(DEMO_TENANT, CAT_2027))!.value)).toBe(before);
    expect((await http.repos.tenders.getBid(DEMO_TENANT, bids[0]!.id))!.value.status).toBe('selected');
    // Presented once only.
    expect(cardText(await click(persona.tovholder, 'catalogue.present', { catalogueId: CAT_2027, meetingId }))).toContain('allerede præsenteret');
  });
});
