// Evaluating bids against the pejlemærker, through the real Application (TestAdapter) on the embedded
// Cosmos server: a member evaluates from the bid's detail, changes it, another member evaluates, the
// overview shows the combination and sorts by it; bidders never see any of it; forged saves change
// nothing; a save costs three Cosmos requests.

import { beforeAll, describe, expect, it } from 'vitest';
import { botAdded, cardAction, message } from '../support/activities.js';
import { BotDriver, cardText, type Card } from '../support/bot-driver.js';
import { dataOf, verbsOf } from '../support/card-actions.js';
import { CosmosRequestLog, freshDatabase } from '../support/cosmos.js';
import { conversations, DEMO_TENANT, persona, personal, type Persona } from '../support/demo.js';
import { VALID_BID_FORM, VALID_TENDER_FORM } from '../support/forms.js';
import type { TestClock } from '../support/clock.js';
import { numberBids } from '../../src/app/bid-numbers.js';
import { VALID_EVALUATION } from '../support/authz-rig.js';

const OTHER_TENANT = '0e000000-0000-4000-8000-00000000000e';
const beskaeftigelseMember: Persona = { id: 'd0000000-0000-4000-8000-000000000016', name: 'Lone Lund' };
const politiker2: Persona = { id: 'd0000000-0000-4000-8000-000000000007', name: 'Anders Pedersen' };
const chat = conversations.laeringChat;
const WRITES = new Set(['create', 'replace', 'upsert', 'delete', 'patch', 'batch']);

const requests = new CosmosRequestLog();
let bot: BotDriver;
let tenderId: string;
/** Bid 1: Sofie's (not in any group), cross-cutting. Bid 2: the konsulent's own (a member who bid). Bid 3: Ulla's. */
let bid1: string;
let bid2: string;
let bid3: string;

const click = async (who: Persona, where: Parameters<typeof cardAction>[1], verb: string, data: Record<string, unknown>, opts: { tenantId?: string; locale?: string } = {}): Promise<Card> => {
  const sent = await bot.send(cardAction(who, where, verb, data, opts));
  expect(sent.invokeStatus).toBe(200);
  return sent.invokeCard!;
};

const evaluations = async () => (await bot.cosmos.containers.tenders.items.query("SELECT * FROM c WHERE c.type = 'evaluation'").fetchAll()).resources as Record<string, unknown>[];
/** The data of the button with this title. */
function pressed(card: Card, title: string): Record<string, string> {
  let found: Record<string, string> | undefined;
  JSON.stringify(card, (_k, v: unknown) => {
    if (!found && v && typeof v === 'object' && (v as { title?: unknown }).title === title && (v as { type?: unknown }).type === 'Action.Execute') found = (v as { data: Record<string, string> }).data;
    return v;
  });
  if (!found) throw new Error(`no button ${title} in: ${cardText(card)}`);
  return found;
}

const writes = () => requests.requests.filter((r) => WRITES.has(r.split(' ')[0]!));

async function bidAs(who: Persona, title: string, forudsaetninger: string): Promise<string> {
  const form = await click(who, conversations.general, 'bid.open', { tenderId });
  await click(who, conversations.general, 'bid.submit', { tenderId, submissionId: dataOf(form, 'bid.submit').submissionId!, ...VALID_BID_FORM, title, forudsaetninger });
  await numberBids({ tenders: bot.repos.tenders, clock: bot.clock }, DEMO_TENANT, tenderId);
  return (await bot.repos.tenders.bidsOfBidder(DEMO_TENANT, who.id, tenderId))[0]!.id;
}

beforeAll(async () => {
  bot = await BotDriver.start(await freshDatabase(requests));
  for (const c of [chat, conversations.general]) await bot.send(botAdded(persona.admin, c));
  tenderId = dataOf(await click(persona.tovholder, chat, 'tender.save', VALID_TENDER_FORM), 'tender.publish').tenderId!;
  await click(persona.tovholder, chat, 'tender.publish', { tenderId });
  bid1 = await bidAs(persona.medarbejder, 'Læsecafé på biblioteket', 'laering-1,fritid-faellesskab-3');
  bid2 = await bidAs(persona.konsulent, 'Lektiehjælp i hallen', 'laering-1');
  bid3 = await bidAs(persona.outsider, 'Bogbus til landsbyerne', 'laering-2');
}, 60_000);

describe('a kernegruppe member evaluates a bid against the pejlemærker', () => {
  it('from the bid detail: Vurdér, the form pre-filled from the bid, save, and the detail shows it with the combined assessment', async () => {
    const overview = await click(persona.tovholder, chat, 'tender.bids', { tenderId });
    expect(cardText(overview)).toContain('Ikke vurderet endnu');
    const detail = await click(persona.tovholder, chat, 'tender.bid', dataOf(overview, 'tender.bid'));
    expect(cardText(detail)).toContain('Du har ikke vurderet buddet endnu.');
    expect(cardText(detail)).toContain('Ingen i kernegruppen har vurderet buddet endnu.');
    const form = await click(persona.tovholder, chat, 'evaluation.form', dataOf(detail, 'evaluation.form'));
    const formText = cardText(form);
    expect(formText).toContain('Vurdering af bud nr. 1');
    expect(formText).toContain('Læsecafé på biblioteket');
    expect(formText).toContain('Tværgående samarbejde er sat til »Ja«');
    expect(formText).toContain('Det lokale netværk (frivillige, familier, aktive borgere m.v.)');
    // The cross-cutting bid's "Tværgående samarbejde" starts as ja; the others are the member's to choose.
    const inputs = JSON.stringify(form);
    expect(inputs).toContain('"id":"mark_tvaergaaende","label":"Lever buddet op til pejlemærket?","style":"expanded","value":"ja"');
    expect(inputs).toContain('"id":"mark_netvaerk","label":"Lever buddet op til pejlemærket?","style":"expanded","value":""');

    requests.clear();
    const saved = await click(persona.tovholder, chat, 'evaluation.save', { ...dataOf(form, 'evaluation.save'), ...VALID_EVALUATION });
    // The click's cost: the directory (answered 304), the bid, the upsert.
    expect(requests.operations()).toEqual(['read docs', 'read docs', 'upsert docs']);
    expect(requests.responses[0]!.status).toBe(304);
    expect(cardText(saved)).toContain('Din vurdering af bud nr. 1 »Læsecafé på biblioteket« er gemt');
    expect(cardText(saved)).toContain('Lokalt netværk:** Ja – Frivillige læsevenner.');
    expect(verbsOf(saved)).toEqual(['tender.bid', 'evaluation.form', 'tender.bids']);

    const stored = await evaluations();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ bidId: bid1, tenderId, groupId: 'kernegruppe-laering', memberId: persona.tovholder.id, marks: { netvaerk: 'ja', tvaergaaende: 'delvist', opgaven: 'ja', samskabelse: 'nej' } });

    const again = cardText(await click(persona.tovholder, chat, 'tender.bid', dataOf(saved, 'tender.bid')));
    expect(again).toContain('Din vurdering');
    expect(again).toContain('Vurdering 1,3 af 2 · 1 vurdering');
    expect(again).toContain('Lokalt netværk:** Ja {0}'.replace(' {0}', ' – Frivillige læsevenner.'));
    expect(again).toContain('[Ret din vurdering]');
  });

  it('the member changes their evaluation (the same item), and another member adds theirs', async () => {
    const form = await click(persona.tovholder, chat, 'evaluation.form', { bidId: bid1 });
    expect(JSON.stringify(form)).toContain('"value":"Frivillige læsevenner."');
    await click(persona.tovholder, chat, 'evaluation.save', { bidId: bid1, mark_netvaerk: 'ja', mark_tvaergaaende: 'ja', mark_opgaven: 'ja', mark_samskabelse: 'delvist' });
    await click(persona.politiker, personal(persona.politiker), 'evaluation.save', { bidId: bid1, mark_netvaerk: 'delvist', mark_tvaergaaende: 'ja', mark_opgaven: 'ja', mark_samskabelse: 'ja' });
    const stored = await evaluations();
    expect(stored).toHaveLength(2);
    expect(stored.find((e) => e.memberId === persona.tovholder.id)!.marks).toEqual({ netvaerk: 'ja', tvaergaaende: 'ja', opgaven: 'ja', samskabelse: 'delvist' });
    const detail = cardText(await click(persona.tovholder, chat, 'tender.bid', { bidId: bid1 }));
    // (7 + 7) points over 8 marks = 1.75.
    expect(detail).toContain('Vurdering 1,8 af 2 · 2 vurderinger');
    expect(detail).toContain('Tværgående samarbejde:** Ja 2 · delvist 0 · nej 0');
    expect(detail).toContain('Samskabelse:** Ja 1 · delvist 1 · nej 0');
  });

  it('the overview shows each bid’s combined assessment and sorts by it, paging kept', async () => {
    await click(persona.tovholder, chat, 'evaluation.save', { bidId: bid3, mark_netvaerk: 'nej', mark_tvaergaaende: 'nej', mark_opgaven: 'delvist', mark_samskabelse: 'nej' });
    await click(persona.politiker, chat, 'evaluation.save', { bidId: bid2, mark_netvaerk: 'ja', mark_tvaergaaende: 'ja', mark_opgaven: 'ja', mark_samskabelse: 'ja' });
    const overview = await click(persona.tovholder, chat, 'tender.bids', { tenderId });
    const text = cardText(overview);
    expect(text).toContain('Vurdering 1,8 af 2 · 2 vurderinger');
    expect(text).toContain('Vurdering 2,0 af 2 · 1 vurdering');
    expect(text).toContain('Vurdering 0,3 af 2 · 1 vurdering');
    expect(text.indexOf('Læsecafé')).toBeLessThan(text.indexOf('Lektiehjælp'));
    requests.clear();
    const sorted = await click(persona.tovholder, chat, 'tender.bids', pressed(overview, 'Sortér efter vurdering'));
    // The tender, the tally, the unnumbered bids, the tender's bid summaries and its projected marks (and the directory).
    expect(requests.queries.find((q) => q.query.includes("'evaluation'"))!.query).toContain('SELECT c.bidId, c.bidderId, c.marks FROM c');
    const order = cardText(sorted);
    expect(order.indexOf('Lektiehjælp')).toBeLessThan(order.indexOf('Læsecafé'));
    expect(order.indexOf('Læsecafé')).toBeLessThan(order.indexOf('Bogbus'));
    expect(order).toContain('[Sortér efter nummer]');
    // Detaljer from the sorted page comes back to it.
    const detail = await click(persona.tovholder, chat, 'tender.bid', dataOf(sorted, 'tender.bid'));
    expect(dataOf(detail, 'tender.bids')).toMatchObject({ tenderId, sort: 'score', page: '0' });
    const byNumber = cardText(await click(persona.tovholder, chat, 'tender.bids', pressed(sorted, 'Sortér efter nummer')));
    expect(byNumber.indexOf('Læsecafé')).toBeLessThan(byNumber.indexOf('Lektiehjælp'));
    expect(byNumber).toContain('[Sortér efter vurdering]');
  });

  it('a bid edited after an evaluation is flagged on it', async () => {
    (bot.clock as TestClock).advance(3_600_000);
    await click(persona.medarbejder, conversations.general, 'bid.save', { bidId: bid1, ...VALID_BID_FORM, title: 'Læsecafé på biblioteket og skolen' });
    const detail = cardText(await click(persona.tovholder, chat, 'tender.bid', { bidId: bid1 }));
    expect(detail).toContain('Buddet er rettet mandag 23. november 2026 kl. 12.00, efter din vurdering.');
  });
});

describe('evaluations are never shown to bidders', () => {
  it('the bidder’s own bids, receipt and "mine bud" say nothing of them', async () => {
    const mine = await bot.send(message(persona.medarbejder, personal(persona.medarbejder), 'mine bud'));
    const own = await click(persona.medarbejder, personal(persona.medarbejder), 'bid.open', { tenderId });
    for (const text of [...mine.cards.map(cardText), cardText(own)]) {
      expect(text).not.toMatch(/vurdering|Vurdering|evaluation/);
    }
  });

  it('a member who bid sees no assessment of their own bid, in the overview or its detail, and cannot evaluate it', async () => {
    const overview = cardText(await click(persona.konsulent, chat, 'tender.bids', { tenderId }));
    const line = overview.split('\n').findIndex((l) => l.includes('Lektiehjælp'));
    expect(overview.split('\n')[line + 1]).toContain('Ikke vurderet endnu');
    const detail = await click(persona.konsulent, chat, 'tender.bid', { bidId: bid2 });
    expect(cardText(detail)).not.toMatch(/vurdering/i);
    expect(verbsOf(detail)).not.toContain('evaluation.form');
    const refused = await click(persona.konsulent, chat, 'evaluation.form', { bidId: bid2 });
    expect(cardText(refused)).toContain('Du kan ikke vurdere et bud, du selv har afgivet.');
  });

  it('a bidder, a stranger, another group’s member and another tenant get nothing, not even counts', async () => {
    for (const [who, opts] of [
      [persona.medarbejder, {}],
      [persona.outsider, {}],
      [beskaeftigelseMember, {}],
      [persona.admin, { tenantId: OTHER_TENANT }],
    ] as const) {
      for (const [verb, data] of [
        ['tender.bids', { tenderId, sort: 'score' }],
        ['tender.bid', { bidId: bid1 }],
        ['evaluation.form', { bidId: bid1 }],
      ] as const) {
        const text = cardText(await click(who, personal(who), verb, data, opts));
        expect(text, `${who.name} ${verb}`).not.toMatch(/Vurdering \d|vurderinger|Din vurdering/);
      }
    }
  });
});

describe('forged or bad saves change nothing', () => {
  it('from a non-member, another group’s member, another tenant, on one’s own bid, or with bad marks', async () => {
    const before = JSON.stringify(await evaluations());
    const cases: [Persona, Record<string, unknown>, { tenantId?: string }, string][] = [
      [persona.medarbejder, { bidId: bid1, ...VALID_EVALUATION }, {}, 'Kun medlemmer af udbuddets kernegruppe kan vurdere buddet.'],
      [persona.outsider, { bidId: bid1, ...VALID_EVALUATION }, {}, 'Kun medlemmer af udbuddets kernegruppe kan vurdere buddet.'],
      [beskaeftigelseMember, { bidId: bid1, ...VALID_EVALUATION }, {}, 'Kun medlemmer af udbuddets kernegruppe kan vurdere buddet.'],
      [persona.admin, { bidId: bid1, ...VALID_EVALUATION }, { tenantId: OTHER_TENANT }, 'Buddet findes ikke'],
      [persona.konsulent, { bidId: bid2, ...VALID_EVALUATION }, {}, 'Du kan ikke vurdere et bud, du selv har afgivet.'],
    ];
    for (const [who, data, opts, says] of cases) {
      requests.clear();
      const card = await click(who, personal(who), 'evaluation.save', data, opts);
      expect(cardText(card), who.name).toContain(says);
      expect(writes()).toEqual([]);
    }
    // What was typed is shown back on a refusal.
    expect(cardText(await click(persona.outsider, personal(persona.outsider), 'evaluation.save', { bidId: bid1, ...VALID_EVALUATION }))).toContain('Frivillige læsevenner.');

    requests.clear();
    const bad = await click(politiker2, chat, 'evaluation.save', { bidId: bid1, mark_netvaerk: 'måske', mark_tvaergaaende: 'ja', comment_opgaven: 'x'.repeat(1001) });
    const text = cardText(bad);
    expect(text).toContain('Vurderingen er ikke gemt. Ret felterne markeret nedenfor.');
    expect(text).toContain('Vælg ja, delvist eller nej.');
    expect(text).toContain('Højst 1.000 tegn – du skrev 1.001.');
    // The form is back with what was typed.
    expect(JSON.stringify(bad)).toContain(`"value":"${'x'.repeat(1001)}"`);
    expect(JSON.stringify(bad)).toContain('"id":"mark_tvaergaaende","label":"Lever buddet op til pejlemærket?","style":"expanded","value":"ja"');
    expect(writes()).toEqual([]);
    expect(JSON.stringify(await evaluations())).toBe(before);
  });

  it('on a withdrawn bid', async () => {
    await click(persona.outsider, conversations.general, 'bid.withdraw', { bidId: bid3 });
    const before = JSON.stringify(await evaluations());
    requests.clear();
    const card = await click(persona.tovholder, chat, 'evaluation.save', { bidId: bid3, ...VALID_EVALUATION });
    expect(cardText(card)).toContain('Buddet er trukket tilbage og kan ikke længere vurderes.');
    expect(writes()).toEqual([]);
    expect(JSON.stringify(await evaluations())).toBe(before);
    // The withdrawn bid has no assessment on the overview, and sorts last.
    const sorted = cardText(await click(persona.tovholder, chat, 'tender.bids', { tenderId, sort: 'score' }));
    expect(sorted.indexOf('Bogbus')).toBeGreaterThan(sorted.indexOf('Læsecafé'));
    expect(sorted).not.toContain('0,3 af 2');
  });
});

describe('in English', () => {
  it('the form and the overview line', async () => {
    const form = cardText(await click(persona.tovholder, chat, 'evaluation.form', { bidId: bid2 }, { locale: 'en-GB' }));
    expect(form).toContain('Evaluation of bid no. 2');
    expect(form).toContain('Local network');
    const overview = cardText(await click(persona.tovholder, chat, 'tender.bids', { tenderId }, { locale: 'en-GB' }));
    expect(overview).toContain('Score 2.0 of 2 · 1 evaluation');
  });
});
