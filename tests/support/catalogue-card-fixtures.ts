// Renderings of the activity catalogue's cards for the card tests and the gallery: a draft over its
// frame with an override and an uncovered forudsætning, 200 activities, a decided one, the forms with
// errors, and the group's and the bidder's notices.

import type { CatalogueView } from '../../src/app/catalogue.js';
import { bidStatusCard } from '../../src/adapters/cards/bid-status-views.js';
import { catalogueCard, catalogueNoticeViews, decisionFormCard, frameFormCard, presentFormCard } from '../../src/adapters/cards/catalogue-views.js';
import type { CardJson } from '../../src/adapters/cards/render-card.js';
import { addEntry, emptyCatalogue, present, recordDecision, setFrame, type Catalogue, type CatalogueEntry } from '../../src/domain/catalogue.js';
import { DEFAULT_CALENDAR, generateMonth } from '../../src/domain/calendar.js';
import type { Directory } from '../../src/domain/directory.js';
import { publishedTender, submitBidOn } from './tender-fixtures.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const group = { id: 'kernegruppe-laering', name: 'Kernegruppe Læring', kerneopgave: 'laering' };
const oekonomi = { id: 'p-birgitte', name: 'Birgitte Lund' };
const temamoede = generateMonth(2026, 12, DEFAULT_CALENDAR, []).filter((m) => m.kind === 'temamoede');
const byraadsmoeder = [...generateMonth(2026, 12, DEFAULT_CALENDAR, []), ...generateMonth(2027, 1, DEFAULT_CALENDAR, [])].filter((m) => m.kind === 'byraadsmoede');

function entry(n: number, v: Partial<CatalogueEntry> = {}): Omit<CatalogueEntry, 'override' | 'at'> {
  return {
    bidId: `bid-${n}`,
    tenderId: 'tender-1',
    tenderTitle: 'Læsevenner i lokalsamfundet',
    bidNumber: n,
    title: `Læsecafé på biblioteket ${n}`,
    bidderId: 'p-sofie',
    activityId: `act-${n}`,
    forudsaetninger: ['laering-1'],
    crossCutting: false,
    cost: { oneOffKr: 100_000, yearlyKr: 45_000, source: 'konsekvens' },
    terms: { responsible: { id: 'p-sofie', name: 'Sofie Nielsen' }, expectedEffect: 'Flere børn læser', startDate: '2027-01-01', evaluationDate: '2027-12-01' },
    decidedBy: 'byraad',
    state: 'indstillet',
    by: 'p-johan',
    byName: 'Johan Kristensen',
    ...v,
  };
}

function build(frameKr: number, entries: { e: Omit<CatalogueEntry, 'override' | 'at'>; override?: string }[]): Catalogue {
  const set = setFrame(emptyCatalogue({ id: 'cat-1', tenantId: 't', group, period: '2027' }, NOW), frameKr, oekonomi, 'Budget 2027', NOW);
  if (!set.ok) throw new Error(set.code);
  const revised = setFrame(set.value, frameKr - 100_000, { id: 'p-henrik', name: 'Henrik Dahl' }, 'Revideret i marts efter regnskabet', new Date('2027-03-28T09:00:00Z'));
  if (!revised.ok) throw new Error(revised.code);
  let c = revised.value;
  for (const { e, override } of entries) {
    const r = addEntry(c, e, override, NOW);
    if (!r.ok) throw new Error(r.code);
    c = r.value.catalogue;
  }
  return c;
}

const overFrame = build(500_000, [
  { e: entry(1, { crossCutting: true, state: 'awarded', decidedBy: 'kernegruppe', forudsaetninger: ['laering-1', 'fritid-faellesskab-3'] }) },
  { e: entry(2, { title: 'Lektiehjælp i *klubben*', cost: { oneOffKr: 0, yearlyKr: 80_000, source: 'konkretisering' } }) },
  { e: entry(3, { title: 'Forældrenetværk', forudsaetninger: ['laering-2'], cost: { oneOffKr: 300_000, yearlyKr: 0, source: 'none' }, state: 'awarded', decidedBy: 'kernegruppe' }), override: 'Byrådet har bedt om det <særligt>' },
]);
const presented = (() => {
  const p = present(overFrame, { id: temamoede[0]!.id, title: temamoede[0]!.title, start: temamoede[0]!.start }, 'p-johan', NOW);
  if (!p.ok) throw new Error(p.code);
  return p.value;
})();
const decided = (() => {
  const d = recordDecision(presented, { outcome: 'changed', meeting: { id: byraadsmoeder[0]!.id, title: byraadsmoeder[0]!.title, start: byraadsmoeder[0]!.start }, approvedBidIds: [], note: 'Lektiehjælpen venter til 2028', by: { id: 'p-henrik', name: 'Henrik Dahl' } }, NOW);
  if (!d.ok) throw new Error(d.code);
  return d.value;
})();
const twoHundred = build(1_000_000_000, Array.from({ length: 200 }, (_, i) => ({ e: entry(i + 1, { title: `${'Læsning og fællesskab for alle børn '.repeat(5).slice(0, 149)}${i}` }) })));

const forudsaetninger = [
  { id: 'laering-1', text: 'Alle børn har et trygt og stimulerende læringsmiljø i dagtilbud og skole', kerneopgave: 'laering', kerneopgaveName: 'Læring', demo: true },
  { id: 'laering-2', text: 'Forældre og lokalsamfund tager aktivt del i børnenes læring', kerneopgave: 'laering', kerneopgaveName: 'Læring', demo: true },
  { id: 'laering-3', text: 'Overgangen fra grundskole til ungdomsuddannelse eller job er sammenhængende', kerneopgave: 'laering', kerneopgaveName: 'Læring', demo: true },
];
const viewOf = (catalogue: Catalogue | undefined, rights: Partial<CatalogueView['rights']> = {}): CatalogueView => ({
  group: { id: group.id, kind: 'kernegruppe', name: group.name, kerneopgave: 'laering', members: [] },
  kerneopgave: { id: 'laering', name: 'Læring', bevaegelse: '', forudsaetninger: [] } as Directory['kerneopgaver'][number],
  forudsaetninger,
  period: '2027',
  catalogue,
  rights: { read: true, frame: false, present: false, decide: false, ...rights },
});

const { tender, bid } = submitBidOn(publishedTender());

export const CATALOGUE_CARD_FIXTURES: Record<string, Record<string, () => CardJson>> = {
  catalogue: {
    'a draft over its frame, with an override and an uncovered forudsætning, as the tovholder sees it': () => catalogueCard('da', viewOf(overFrame, { present: true })),
    'no catalogue yet, as the økonomikonsulent sees it': () => catalogueCard('da', viewOf(undefined, { frame: true })),
    'presented, as an admin sees it, English': () => catalogueCard('en', viewOf(presented, { frame: true, present: true, decide: true })),
    'decided: changed': () => catalogueCard('da', viewOf(decided)),
    '200 activities, the last page': () => catalogueCard('da', viewOf(twoHundred), { page: 7 }),
    "the group's notice of the Byråd's decision": () => (catalogueNoticeViews['catalogue.decided']('da', { kind: 'catalogue.decided', catalogue: decided }, NOW) as { cards: CardJson[] }).cards[0]!,
    "the group's notice of a new activity": () => (catalogueNoticeViews['catalogue.entry']('da', { kind: 'catalogue.entry', catalogue: overFrame, bidId: 'bid-3' }, NOW) as { cards: CardJson[] }).cards[0]!,
  },
  'catalogue-form': {
    'setting the frame': () => frameFormCard('da', { groupId: group.id, groupName: group.name, values: { period: '2027', amount: '', note: '' }, errors: [], backPeriod: '2027' }),
    '"1,5 mio." refused, shown back': () =>
      frameFormCard('da', { groupId: group.id, groupName: group.name, currentKr: 1_250_000, values: { period: '2027', amount: '1,5 mio.', note: 'Revision i marts' }, errors: [{ field: 'amount', code: 'IN_MILLIONS' }], backPeriod: '2027' }),
    'present at a temamøde': () => presentFormCard('da', { catalogue: overFrame, meetings: temamoede, meetingId: '' }),
    'the decision, "changed" without a pick, English': () =>
      decisionFormCard('en', { catalogue: presented, meetings: byraadsmoeder, values: { outcome: 'changed', meetingId: byraadsmoeder[0]!.id, note: 'Note', approved: '' }, error: { field: 'approved', text: 'Pick the recommendations.' } }),
  },
};

/** The bidder's 1:1 notice, on the tender-message template. */
export const BID_STATUS_FIXTURES: Record<string, () => CardJson> = {
  "a bidder told the Byråd did not approve the indstilling": () =>
    bidStatusCard('da', { ...bid, number: 3, status: 'rejected', statusReason: 'Byrådet godkendte ikke indstillingen: venter til 2028' }, tender.title),
  'a bidder told their bid is now an activity, English': () => bidStatusCard('en', { ...bid, number: 1, status: 'awarded', statusReason: 'Byrådet godkendte indstillingen' }, tender.title),
};
