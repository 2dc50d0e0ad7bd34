// What the internt udbud cards show and offer, as the people using them would notice: the right
// buttons in each state, sealed bids, errors under the field they belong to with what was typed kept,
// Danish dates and amounts (and English for English Teams), and typed text shown as typed.

import { describe, expect, it } from 'vitest';
import type { CardJson } from '../../src/adapters/cards/render-card.js';
import { announcementCard } from '../../src/adapters/cards/tender-announcement-views.js';
import { tenderFormCard, tenderPreviewCard } from '../../src/adapters/cards/tender-form-views.js';
import { tenderListCard } from '../../src/adapters/cards/tender-list-views.js';
import { myBidsCard, myTenderBidsCard } from '../../src/adapters/cards/my-bids-views.js';
import { cancelDoneCard, closedSummaryCard, publishRefusedCard, publishReportCard, tenderCancelledCard } from '../../src/adapters/cards/tender-report-views.js';
import { bidDetailCard, bidFormCard, bidOverviewCard, bidReceiptCard, confirmCard, lateCard } from '../../src/adapters/cards/bid-views.js';
import { bidEcho, bidFormValuesFrom, bidFormValuesOf, tenderFormValuesFrom, tenderFormValuesOf, type BidFormValues } from '../../src/adapters/cards/tender-card-parts.js';
import { tenderDa } from '../../src/adapters/i18n/tender-da.js';
import { tenderEn } from '../../src/adapters/i18n/tender-en.js';
import { text } from '../../src/adapters/i18n/text.js';
import { validateTenderInput } from '../../src/domain/tender.js';
import {
  AFTER_DEADLINE,
  LAERING,
  NOW,
  TENDER_INPUT,
  cancelledTender,
  closedTender,
  draftTender,
  editedBid,
  manyBids,
  publishedTender,
  submitBidOn,
  withdrawnBid,
} from '../support/tender-fixtures.js';

type Node = Record<string, unknown>;

/** Every object in the card, depth first, in reading order. */
function nodes(card: unknown, found: Node[] = []): Node[] {
  if (Array.isArray(card)) for (const n of card) nodes(n, found);
  else if (card && typeof card === 'object') {
    found.push(card as Node);
    for (const v of Object.values(card)) nodes(v, found);
  }
  return found;
}

/** What a person reads: TextBlock texts and FactSet titles/values. */
const shown = (card: CardJson) =>
  nodes(card).flatMap((n) =>
    n.type === 'TextBlock' ? [n.text as string] : n.type === 'FactSet' ? (n.facts as { title: string; value: string }[]).flatMap((f) => [f.title, f.value]) : [],
  );
const shownText = (card: CardJson) => shown(card).join('\n');
const buttons = (card: CardJson) =>
  nodes(card)
    .filter((n) => n.type === 'Action.Execute' && n.title !== undefined)
    .map((n) => ({ verb: n.verb as string, title: n.title as string, data: n.data as Record<string, string> }));
const verbs = (card: CardJson) => buttons(card).map((b) => b.verb);
const input = (card: CardJson, id: string) => nodes(card).find((n) => typeof n.type === 'string' && n.type.startsWith('Input.') && n.id === id);

/** The error line shown under an input: the first TextBlock after it, before the next input. */
function errorUnder(card: CardJson, id: string): Node | undefined {
  const all = nodes(card).filter((n) => typeof n.type === 'string' && (n.type.startsWith('Input.') || n.type === 'TextBlock'));
  const at = all.findIndex((n) => n.id === id);
  expect(at, `input ${id}`).toBeGreaterThanOrEqual(0);
  const next = all[at + 1];
  return next?.type === 'TextBlock' && next.color === 'Attention' ? next : undefined;
}

const published = publishedTender();
const { tender: withBid, bid } = submitBidOn(published);
const secret = {
  title: 'Hemmelig læsecafé',
  description: 'Ingen andre må se denne beskrivelse',
  howItHelps: 'Skjult forklaring',
  forudsaetninger: 'laering-2,beskaeftigelse-1',
  roles: { kommunen: 'Skjult kommunerolle' },
  coBidders: 'Skjult medbyder',
  participate: 'true',
};
const { tender: withTwo, bid: secretBid } = submitBidOn(withBid, secret, { id: 'p-hanne', name: 'Hanne Graversen' });
const formPlace = { groupName: 'Kernegruppe Læring', kerneopgaveName: 'Læring', choices: LAERING.forudsaetninger };

describe('the announcement card', () => {
  it('shows the tender, its deadline the Danish way, the budget frame, who decides and the bid count, with Byd ind while open', () => {
    const card = announcementCard('da', withTwo, NOW, []);
    const text = shownText(card);
    expect(text).toContain('Læsevenner i lokalsamfundet');
    expect(text).toContain('Internt udbud · Kernegruppe Læring');
    expect(text).toContain('• Alle børn har et trygt og stimulerende læringsmiljø i dagtilbud og skole (demo)');
    expect(text).not.toContain('Overgangen fra grundskole'); // a forudsætning the tender does not open
    expect(shown(card)).toEqual(expect.arrayContaining(['Frist for bud', 'mandag 7. december 2026 kl. 12.00', '250.000 kr.', 'Kernegruppen', 'Bud modtaget', '2']));
    expect(buttons(card)).toEqual([{ verb: 'bid.open', title: 'Byd ind', data: { tenderId: withTwo.id } }]);
  });

  it('leaves out the budget frame when there is none, and says who decides', () => {
    const text = shownText(announcementCard('da', publishedTender({ budgetKr: '', decidedBy: 'byraad' }), NOW, []));
    expect(text).not.toContain('Økonomisk ramme');
    expect(text).toContain('Byrådet');
  });

  it('never shows anything of the bids themselves, in any state', () => {
    for (const card of [announcementCard('da', withTwo, NOW, ['29:p-hanne']), announcementCard('da', closedTender(withTwo), AFTER_DEADLINE, []), announcementCard('da', cancelledTender(withTwo), NOW, [])]) {
      const json = JSON.stringify(card);
      for (const part of ['Hemmelig', 'Ingen andre må se', 'Skjult', 'Hanne Graversen', 'Læsecafé', 'Sofie Nielsen', secretBid.id, bid.id]) expect(json).not.toContain(part);
    }
  });

  it('is closed for bids once the deadline has come, even before the tender is marked closed', () => {
    for (const [tender, now] of [
      [withTwo, AFTER_DEADLINE],
      [closedTender(withTwo), AFTER_DEADLINE],
    ] as const) {
      const card = announcementCard('da', tender, now, ['29:p-sofie']);
      expect(shownText(card)).toContain('Fristen er udløbet – udbuddet er lukket for bud.');
      expect(buttons(card)).toEqual([]);
      expect(card).not.toHaveProperty('refresh');
    }
  });

  it('says a cancelled tender is cancelled, with the reason, and offers nothing', () => {
    const card = announcementCard('da', cancelledTender(withTwo, 'Pengene er *flyttet*'), NOW, ['29:p-sofie']);
    expect(shownText(card)).toContain('Udbuddet er annulleret: Pengene er \\*flyttet\\*');
    expect(buttons(card)).toEqual([]);
    expect(card).not.toHaveProperty('refresh');
  });

  it('asks Teams to show bidders their own view only while open, for at most 60 of them', () => {
    expect(announcementCard('da', withTwo, NOW, [])).not.toHaveProperty('refresh');
    const ids = Array.from({ length: 75 }, (_, i) => `29:user-${i}`);
    const card = announcementCard('da', withTwo, NOW, ids);
    expect(card.refresh).toEqual({ action: { type: 'Action.Execute', verb: 'bid.open', data: { tenderId: withTwo.id } }, userIds: ids.slice(0, 60) });
    expect(announcementCard('da', draftTender(), NOW, ids)).not.toHaveProperty('refresh');
  });

  it('is in English for English Teams: dates, amounts and words', () => {
    const card = announcementCard('en', withTwo, NOW, []);
    expect(shown(card)).toEqual(expect.arrayContaining(['Bid deadline', 'Monday 7 December 2026 at 12:00', 'DKK 250,000', 'The core group', 'Bids received']));
    expect(buttons(card)[0]!.title).toBe('Bid');
  });

  it('previews a draft as the announcement will look, marked as a draft, with edit, publish and cancel', () => {
    const draft = draftTender();
    const card = tenderPreviewCard('da', draft);
    expect(shownText(card)).toContain('Kladde – ikke offentliggjort endnu');
    expect(shownText(card)).toContain('mandag 7. december 2026 kl. 12.00');
    expect(shownText(card)).not.toContain('Bud modtaget');
    expect(buttons(card)).toEqual([
      { verb: 'tender.edit', title: 'Ret kladde', data: { tenderId: draft.id } },
      { verb: 'tender.publish', title: 'Offentliggør', data: { tenderId: draft.id } },
      { verb: 'tender.cancelAsk', title: 'Annullér udbud', data: { tenderId: draft.id } },
    ]);
  });
});

describe("a bidder's own view of the tender", () => {
  const withdrawn = withdrawnBid(secretBid, withTwo);

  it('lists their bids with number, time and status, Ret/Træk tilbage on those still in, and a new bid', () => {
    const card = myTenderBidsCard('da', withTwo, [bid, withdrawn], NOW);
    const text = shownText(card);
    expect(text).toContain('Bud nr. 1 · indsendt tirsdag 1. december 2026 kl. 10.31');
    expect(text).toContain('Trukket tilbage (tværgående)');
    expect(buttons(card)).toEqual([
      { verb: 'bid.edit', title: 'Ret', data: { bidId: bid.id } },
      { verb: 'bid.withdrawAsk', title: 'Træk tilbage', data: { bidId: bid.id } },
      { verb: 'bid.new', title: 'Afgiv et nyt bud', data: { tenderId: withTwo.id } },
    ]);
    expect(card).not.toHaveProperty('refresh');
  });

  it('after the deadline says the bids can no longer be changed, and offers only asking for a konsekvensberegning', () => {
    const card = myTenderBidsCard('da', closedTender(withTwo), [bid], AFTER_DEADLINE);
    expect(shownText(card)).toContain('Fristen er udløbet; buddene kan ikke længere ændres.');
    expect(buttons(card)).toEqual([{ verb: 'konsekvens.request', title: 'Bed om konsekvensberegning', data: { bidId: bid.id } }]);
  });
});

describe('the tender form', () => {
  it('starts with what it is given and saves with tender.save, with the tender id only when editing', () => {
    const fresh = tenderFormCard('da', { ...formPlace, values: tenderFormValuesFrom({ deadlineDate: '2026-12-07', deadlineTime: '12:00' }), errors: [] });
    expect(shownText(fresh)).toContain('Nyt udbud – Kernegruppe Læring');
    expect(buttons(fresh)).toEqual([{ verb: 'tender.save', title: 'Gem kladde', data: {} }]);
    expect(input(fresh, 'deadlineDate')).toMatchObject({ type: 'Input.Date', value: '2026-12-07' });
    expect(input(fresh, 'deadlineTime')).toMatchObject({ type: 'Input.Time', value: '12:00' });
    // The limit is said at the field, and no maxLength lets Teams cut a pasted text without a word.
    expect(input(fresh, 'title')).toMatchObject({ type: 'Input.Text', label: 'Titel (højst 120 tegn)' });
    expect(input(fresh, 'description')).toMatchObject({ label: 'Beskrivelse (højst 4.000 tegn)' });
    expect(JSON.stringify(fresh)).not.toContain('maxLength');
    expect(input(fresh, 'budgetKr')).toMatchObject({ label: 'Økonomisk ramme i kr. (valgfri)', placeholder: 'fx 250.000' });
    expect(input(fresh, 'decidedBy')).toMatchObject({
      style: 'compact',
      choices: [
        { title: 'Kernegruppen', value: 'kernegruppe' },
        { title: 'Byrådet', value: 'byraad' },
      ],
    });
    expect(input(fresh, 'forudsaetninger')).toMatchObject({ isMultiSelect: true, style: 'expanded' });
    expect((input(fresh, 'forudsaetninger')!.choices as { title: string }[]).map((c) => c.title)[0]).toBe(
      'Alle børn har et trygt og stimulerende læringsmiljø i dagtilbud og skole (demo)',
    );
    expect(shownText(fresh)).not.toContain('ikke gemt');

    const draft = draftTender();
    const editing = tenderFormCard('da', { ...formPlace, tenderId: draft.id, values: tenderFormValuesOf(draft), errors: [] });
    expect(shownText(editing)).toContain('Ret udbud – Kernegruppe Læring');
    expect(buttons(editing)[0]!.data).toEqual({ tenderId: draft.id });
    expect(input(editing, 'forudsaetninger')!.value).toBe('laering-1,laering-2');
    // Fortryd goes back to the draft's preview, or to the list when the draft was opened from there.
    expect(buttons(editing)[1]).toEqual({ verb: 'tender.preview', title: 'Fortryd', data: { tenderId: draft.id } });
    const fromList = tenderFormCard('da', { ...formPlace, tenderId: draft.id, values: tenderFormValuesOf(draft), errors: [], from: 'list' });
    expect(buttons(fromList)).toEqual([
      { verb: 'tender.save', title: 'Gem kladde', data: { tenderId: draft.id, from: 'list' } },
      { verb: 'tender.list', title: 'Fortryd', data: {} },
    ]);
  });

  it('puts each error under its field, keeps what was typed, and says at the top that nothing was saved', () => {
    const typed = { ...TENDER_INPUT, title: `**Kort** ${'x'.repeat(122)}`, forudsaetninger: '', deadlineDate: '2027-03-28', deadlineTime: '02:30', budgetKr: 'mange penge' };
    const card = tenderFormCard('da', {
      ...formPlace,
      values: typed,
      errors: [
        { field: 'title', code: 'TOO_LONG', limit: 120 },
        { field: 'forudsaetninger', code: 'REQUIRED' },
        { field: 'deadline', code: 'NOT_EXISTING_TIME' },
        { field: 'budgetKr', code: 'NOT_A_NUMBER' },
      ],
    });
    expect(shown(card).slice(0, 3)).toContain('Udbuddet er ikke gemt. Ret felterne markeret nedenfor.');
    expect(errorUnder(card, 'title')?.text).toBe('Højst 120 tegn – du skrev 131.');
    expect(errorUnder(card, 'forudsaetninger')?.text).toBe('Vælg mindst én forudsætning.');
    expect(errorUnder(card, 'description')).toBeUndefined();
    expect(errorUnder(card, 'deadlineTime')?.text).toBe('Det klokkeslæt findes ikke den dag (uret stilles frem til sommertid).');
    expect(errorUnder(card, 'budgetKr')?.text).toBe('Beløbet kan ikke læses. Skriv det i hele kroner, fx 250.000 (du skrev mange penge).');
    // What was typed comes back as typed: an input value is not markdown, so it is not escaped.
    expect(input(card, 'title')!.value).toBe(typed.title);
    expect(input(card, 'budgetKr')!.value).toBe('mange penge');
    expect(input(card, 'deadlineDate')!.value).toBe('2027-03-28');
    expect(input(card, 'description')!.value).toBe(TENDER_INPUT.description);
  });

  it('words each kind of error', () => {
    const errorText = (field: 'title' | 'deadline' | 'decidedBy' | 'budgetKr' | 'forudsaetninger', code: Parameters<typeof tenderFormCard>[1]['errors'][number]['code'], limit?: number) =>
      errorUnder(tenderFormCard('da', { ...formPlace, values: TENDER_INPUT, errors: [{ field, code, limit }] }), field === 'deadline' ? 'deadlineTime' : field)?.text;
    expect(errorText('title', 'REQUIRED')).toBe('Skriv en titel.');
    expect(errorText('deadline', 'REQUIRED')).toBe('Angiv dato og klokkeslæt for fristen.');
    expect(errorText('deadline', 'IN_PAST')).toBe('Fristen skal ligge efter nu.');
    expect(errorText('deadline', 'INVALID')).toBe('Dato eller klokkeslæt kan ikke læses. Brug vælgerne i felterne.');
    expect(errorText('decidedBy', 'UNKNOWN_CHOICE')).toBe('Vælg en af mulighederne på listen.');
    expect(errorText('forudsaetninger', 'UNKNOWN_CHOICE')).toBe('En af de valgte forudsætninger findes ikke (længere). Vælg igen på listen.');
    expect(errorText('budgetKr', 'TOO_LONG', 10_000_000_000)).toBe('Beløbet må højst være 10.000.000.000 kr.');
  });

  it('reads a draft back into the form so that saving it unchanged gives the same tender', () => {
    const draft = draftTender({ budgetKr: '1250000', decidedBy: 'byraad' });
    const values = tenderFormValuesOf(draft);
    expect(values).toMatchObject({ deadlineDate: '2026-12-07', deadlineTime: '12:00', budgetKr: '1250000', decidedBy: 'byraad' });
    const again = validateTenderInput(values, LAERING.forudsaetninger.map((f) => f.id), NOW);
    expect(again.ok && again.value).toMatchObject({ title: draft.title, description: draft.description, forudsaetninger: draft.forudsaetninger, budgetKr: 1250000, decidedBy: 'byraad' });
    expect(again.ok && again.value.deadline.toISOString()).toBe(draft.deadline);
  });
});

describe('reading form data back from a card', () => {
  it('gives strings for every field, never throwing, whatever a hand-made request sends', () => {
    expect(tenderFormValuesFrom({})).toEqual({ title: '', description: '', forudsaetninger: '', deadlineDate: '', deadlineTime: '', budgetKr: '', decidedBy: '' });
    expect(tenderFormValuesFrom({ title: 'T', forudsaetninger: ['a', 'b'], budgetKr: 250000, decidedBy: { evil: true }, deadlineDate: null })).toMatchObject({
      title: 'T',
      forudsaetninger: 'a,b',
      budgetKr: '250000',
      decidedBy: '',
      deadlineDate: '',
    });
    const bidValues = bidFormValuesFrom({ title: 'B', participate: true, roleKommunen: 'K', extra: 'ignored' });
    expect(bidValues).toMatchObject({ title: 'B', participate: 'true', roleKommunen: 'K', roleBorgeren: '', coBidders: '' });
    expect(Object.keys(bidValues)).not.toContain('extra');
  });

  it('fills the bid form from a bid, roles and all', () => {
    expect(bidFormValuesOf(secretBid)).toEqual({
      title: secret.title,
      description: secret.description,
      howItHelps: secret.howItHelps,
      forudsaetninger: 'laering-2,beskaeftigelse-1',
      roleKommunen: 'Skjult kommunerolle',
      roleBorgeren: '',
      roleFamilien: '',
      roleLokalsamfundet: '',
      roleArbejdsgiveren: '',
      // A bid from before the people picker keeps its free-text co-bidders beside the (empty) picker.
      coBidders: '',
      coBidderPeople: [],
      legacyCoBidders: 'Skjult medbyder',
      participate: 'true',
    } satisfies BidFormValues);
  });
});

describe('the bid form', () => {
  const fresh = () => bidFormCard('da', { tender: withTwo, submissionId: 'sub-42', values: bidFormValuesFrom({ participate: 'false' }), errors: [] });
  const byId = (card: CardJson, id: string) => nodes(card).find((n) => n.id === id);
  /** Element ids in reading order, to check what comes first. */
  const order = (card: CardJson) => nodes(card).flatMap((n) => (typeof n.id === 'string' ? [n.id] : typeof n.text === 'string' && n.type === 'TextBlock' ? [`text:${n.text as string}`] : []));
  const toggles = (card: CardJson) => nodes(card).filter((n) => n.type === 'Action.ToggleVisibility') as { title: string; targetElements: string[] }[];

  it("shows the tender and its deadline, and sends a new bid with the form's submission id", () => {
    const card = fresh();
    expect(shown(card)).toEqual(expect.arrayContaining(['Læsevenner i lokalsamfundet', 'Frist: mandag 7. december 2026 kl. 12.00']));
    expect(buttons(card)).toEqual([
      { verb: 'bid.submit', title: 'Send bud', data: { tenderId: withTwo.id, submissionId: 'sub-42' } },
      { verb: 'bid.open', title: 'Fortryd', data: { tenderId: withTwo.id, back: 'tender' } },
    ]);
    for (const id of ['title', 'description', 'howItHelps', 'forudsaetninger', 'forudsaetningerOther', 'roleKommunen', 'roleBorgeren', 'roleFamilien', 'roleLokalsamfundet', 'roleArbejdsgiveren', 'coBidders', 'participate'])
      expect(input(card, id), id).toBeDefined();
    expect(input(card, 'participate')).toMatchObject({ type: 'Input.Toggle', valueOn: 'true', valueOff: 'false', value: 'false' });
    expect(input(card, 'roleFamilien')).toMatchObject({ label: 'Familiens rolle (højst 1.000 tegn)', isMultiline: true });
    expect(shownText(card)).toContain('Parternes roller (valgfrit)');
  });

  it('says every text limit at its field and sets no maxLength, so Teams never cuts a text without a word', () => {
    const card = fresh();
    expect(input(card, 'title')!.label).toBe('Aktivitetens titel (højst 150 tegn)');
    expect(input(card, 'description')!.label).toBe('Beskriv aktiviteten (højst 4.000 tegn)');
    expect(input(card, 'howItHelps')!.label).toBe('Hvordan skaber aktiviteten forudsætningen/-erne? (højst 2.000 tegn)');
    // Co-bidders are picked from the roster (issue 12): the picker says how many, not a text limit.
    expect(input(card, 'coBidders')!.label).toBe('Medbydere: kolleger, der byder med (søg på navn, højst 10)');
    expect(JSON.stringify(card)).not.toContain('maxLength');
    const en = bidFormCard('en', { tender: withTwo, submissionId: 's', values: bidFormValuesFrom({}), errors: [] });
    expect(input(en, 'description')!.label).toBe('Describe the activity (at most 4,000 characters)');
  });

  it("shows the tender's own forudsætninger first, ★ before the rest of its kerneopgave, with the ★ rule above them", () => {
    const card = fresh();
    const own = input(card, 'forudsaetninger')!;
    expect(own.label).toBe('Forudsætninger i Læring');
    const choices = own.choices as { title: string; value: string }[];
    expect(choices.map((c) => c.value)).toEqual(['laering-1', 'laering-2', 'laering-3']);
    expect(choices[0]!.title).toBe('★ Alle børn har et trygt og stimulerende læringsmiljø i dagtilbud og skole (demo)');
    expect(choices[2]!.title.startsWith('★')).toBe(false);
    const rule = 'Vælg mindst én af udbuddets forudsætninger (★). Vælger du også andre kerneopgavers, bliver buddet tværgående.';
    const ids = order(card);
    expect(ids.indexOf(`text:${rule}`)).toBeGreaterThan(ids.indexOf('howItHelps'));
    expect(ids.indexOf(`text:${rule}`)).toBeLessThan(ids.indexOf('forudsaetninger'));
    expect(ids.indexOf('forudsaetninger')).toBeLessThan(ids.indexOf('forudsaetningerOther'));
    // The rule is read as text, not small print under the list.
    expect(nodes(card).find((n) => n.text === rule)).not.toHaveProperty('size');
  });

  it("keeps the other kerneopgaver's forudsætninger and the parties' roles behind toggles that exist, hidden at first", () => {
    const card = fresh();
    const other = input(card, 'forudsaetningerOther')!.choices as { title: string; value: string }[];
    expect(other).toHaveLength(withTwo.catalog.length - 3);
    expect(other[0]!.title.startsWith('Beskæftigelse: ')).toBe(true);
    expect(byId(card, 'otherForudsaetninger')).toMatchObject({ type: 'Container', isVisible: false });
    expect(byId(card, 'partyRoles')).toMatchObject({ type: 'Container', isVisible: false });
    expect(nodes(byId(card, 'partyRoles')).filter((n) => n.type === 'Input.Text').map((n) => n.id)).toEqual([
      'roleKommunen',
      'roleBorgeren',
      'roleFamilien',
      'roleLokalsamfundet',
      'roleArbejdsgiveren',
    ]);
    expect(toggles(card).map((t) => t.title)).toEqual([
      'Vis andre kerneopgavers forudsætninger (9)',
      'Skjul andre kerneopgavers forudsætninger',
      'Vis parternes roller',
      'Skjul parternes roller',
    ]);
    // Every toggle names elements that are on the card; the "show" button is visible, the "hide" one not.
    for (const t of toggles(card)) for (const target of t.targetElements) expect(byId(card, target), target).toBeDefined();
    expect(byId(card, 'otherForudsaetningerShow')).toMatchObject({ type: 'ActionSet', isVisible: true });
    expect(byId(card, 'otherForudsaetningerHide')).toMatchObject({ type: 'ActionSet', isVisible: false });
    expect(byId(card, 'partyRolesShow')).toMatchObject({ isVisible: true });
  });

  it('opens the toggled parts when editing a bid that has something in them, or when the form comes back with an error', () => {
    const editing = bidFormCard('da', { tender: withTwo, bidId: secretBid.id, values: bidFormValuesOf(secretBid), errors: [] });
    expect(input(editing, 'forudsaetninger')!.value).toBe('laering-2');
    expect(input(editing, 'forudsaetningerOther')!.value).toBe('beskaeftigelse-1');
    expect(byId(editing, 'otherForudsaetninger')).toMatchObject({ isVisible: true });
    expect(byId(editing, 'partyRoles')).toMatchObject({ isVisible: true });
    expect(byId(editing, 'otherForudsaetningerShow')).toMatchObject({ isVisible: false });
    expect(byId(editing, 'otherForudsaetningerHide')).toMatchObject({ isVisible: true });

    const onlyOwn = bidFormCard('da', { tender: withTwo, bidId: bid.id, values: { ...bidFormValuesOf(bid), forudsaetninger: 'laering-1', roleKommunen: '', roleFamilien: '' }, errors: [] });
    expect(byId(onlyOwn, 'otherForudsaetninger')).toMatchObject({ isVisible: false });
    expect(byId(onlyOwn, 'partyRoles')).toMatchObject({ isVisible: false });

    const withError = bidFormCard('da', { tender: withTwo, submissionId: 's', values: bidFormValuesFrom({ forudsaetninger: 'laering-1' }), errors: [{ field: 'title', code: 'REQUIRED' }] });
    expect(byId(withError, 'otherForudsaetninger')).toMatchObject({ isVisible: true });
    expect(byId(withError, 'partyRoles')).toMatchObject({ isVisible: true });
  });

  it('reads the two lists of forudsætninger back as one answer', () => {
    expect(bidFormValuesFrom({ forudsaetninger: 'laering-1', forudsaetningerOther: 'beskaeftigelse-1,social-omsorg-2' }).forudsaetninger).toBe('laering-1,beskaeftigelse-1,social-omsorg-2');
    expect(bidFormValuesFrom({ forudsaetningerOther: 'beskaeftigelse-1' }).forudsaetninger).toBe('beskaeftigelse-1');
    expect(bidFormValuesFrom({ forudsaetninger: 'laering-1' }).forudsaetninger).toBe('laering-1');
  });

  it('edits with bid.save and the bid id, showing the bid as it is', () => {
    const card = bidFormCard('da', { tender: withTwo, bidId: secretBid.id, values: bidFormValuesOf(secretBid), errors: [] });
    expect(buttons(card)[0]).toEqual({ verb: 'bid.save', title: 'Gem ændringer', data: { bidId: secretBid.id } });
    expect(input(card, 'roleKommunen')!.value).toBe('Skjult kommunerolle');
    expect(input(card, 'participate')!.value).toBe('true');
  });

  it('carries where it was opened from, so Fortryd and the receipt lead back to `mine bud`', () => {
    const card = bidFormCard('da', { tender: withTwo, bidId: secretBid.id, values: bidFormValuesOf(secretBid), errors: [], from: 'mine' });
    expect(buttons(card)).toEqual([
      { verb: 'bid.save', title: 'Gem ændringer', data: { bidId: secretBid.id, from: 'mine' } },
      { verb: 'bid.open', title: 'Fortryd', data: { tenderId: withTwo.id, back: 'tender', from: 'mine' } },
    ]);
  });

  it('puts each error under its field, party roles too, keeping what was typed', () => {
    const values = { ...bidFormValuesOf(bid), title: '', roleBorgeren: 'z'.repeat(1003), forudsaetninger: 'beskaeftigelse-1' };
    const card = bidFormCard('da', {
      tender: withTwo,
      submissionId: 'sub-42',
      values,
      errors: [
        { field: 'title', code: 'REQUIRED' },
        { field: 'forudsaetninger', code: 'INVALID' },
        { field: 'role.borgeren', code: 'TOO_LONG', limit: 1000 },
      ],
      notice: 'Du har allerede ét bud på udbuddet.',
    });
    expect(shown(card)).toEqual(expect.arrayContaining(['Du har allerede ét bud på udbuddet.', 'Buddet er ikke sendt. Ret felterne markeret nedenfor.']));
    expect(errorUnder(card, 'title')?.text).toBe('Skriv en titel.');
    expect(errorUnder(card, 'roleBorgeren')?.text).toBe('Højst 1.000 tegn – du skrev 1.003.');
    expect(errorUnder(card, 'roleKommunen')).toBeUndefined();
    expect(errorUnder(card, 'forudsaetninger')?.text).toBe('Vælg mindst én af de forudsætninger, udbuddet åbner.');
    expect(input(card, 'forudsaetninger')!.value).toBe('');
    expect(input(card, 'forudsaetningerOther')!.value).toBe('beskaeftigelse-1');
    expect(input(card, 'roleBorgeren')!.value).toBe(values.roleBorgeren);
    expect(input(card, 'description')!.value).toBe(bid.description);
  });

  it('is in English for English Teams', () => {
    const card = bidFormCard('en', { tender: withTwo, submissionId: 's', values: bidFormValuesFrom({}), errors: [{ field: 'howItHelps', code: 'REQUIRED' }] });
    expect(shownText(card)).toContain('Deadline: Monday 7 December 2026 at 12:00');
    expect(errorUnder(card, 'howItHelps')?.text).toBe('Write how the activity creates the prerequisite(s).');
    expect(buttons(card).map((b) => b.title)).toEqual(['Send bid', 'Cancel']);
  });
});

describe('the receipt', () => {
  it('thanks for a new bid with its number, time, tender and a short summary, and offers Ret/Træk tilbage', () => {
    const long = submitBidOn(withTwo, { description: `${'Lang beskrivelse med mange ord. '.repeat(20)}SLUTNINGEN` });
    const card = bidReceiptCard('da', long.tender, long.bid, NOW, 'submitted');
    const text = shownText(card);
    expect(text).toContain('Tak for dit bud!');
    expect(shown(card)).toEqual(expect.arrayContaining(['Bud nr.', '3', 'Indsendt', 'tirsdag 1. december 2026 kl. 10.31', 'Læsevenner i lokalsamfundet', 'Tværgående', 'Nej']));
    expect(text).not.toContain('SLUTNINGEN');
    const excerpt = shown(card).find((s) => s.startsWith('Lang beskrivelse'))!;
    expect(excerpt.length).toBeLessThanOrEqual(302);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(text).toContain('• Læring: Forældre og lokalsamfund tager aktivt del i børnenes læring (demo)');
    expect(verbs(card)).toEqual(['bid.edit', 'bid.withdrawAsk', 'bid.open']);
  });

  it('says when a bid was edited or withdrawn, and a withdrawn bid can only be looked at', () => {
    const edited = editedBid(secretBid, withTwo);
    expect(shown(bidReceiptCard('da', withTwo, edited, NOW, 'edited'))).toEqual(expect.arrayContaining(['Dit bud er rettet.', 'Rettet', 'onsdag 2. december 2026 kl. 14.05', 'Ja']));
    const withdrawn = withdrawnBid(secretBid, withTwo);
    const card = bidReceiptCard('da', withTwo, withdrawn, NOW, 'withdrawn');
    expect(shown(card)).toEqual(expect.arrayContaining(['Dit bud er trukket tilbage.', 'Trukket tilbage', 'torsdag 3. december 2026 kl. 09.15']));
    expect(buttons(card)).toEqual([{ verb: 'bid.open', title: 'Se dine bud på udbuddet', data: { tenderId: withTwo.id } }]);
  });

  it('offers no changes after the deadline, only asking for a konsekvensberegning', () => {
    expect(verbs(bidReceiptCard('da', withTwo, bid, AFTER_DEADLINE, 'submitted'))).toEqual(['konsekvens.request', 'bid.open']);
    expect(shown(bidReceiptCard('en', withTwo, bid, NOW, 'submitted'))[0]).toBe('Thank you for your bid!');
  });
});

describe('the publish report', () => {
  it('lists each announcement channel with what happened there', () => {
    const card = publishReportCard('da', withTwo, [
      { conversationId: 'c', name: 'Demo Kommune › General', ok: true },
      { conversationId: 'c', name: 'Byrådet', ok: false, reason: 'not-installed' },
      { conversationId: 'c', name: 'Fritid', ok: false, reason: 'removed' },
      { conversationId: 'c', name: 'Social', ok: false, reason: 'forbidden' },
      { conversationId: 'c', name: 'Job', ok: false, reason: 'failed' },
    ]);
    expect(shown(card)).toEqual(
      expect.arrayContaining([
        'Udbuddet »Læsevenner i lokalsamfundet« er offentliggjort.',
        '✓ Demo Kommune › General',
        '✗ Byrådet: botten er ikke tilføjet kanalen',
        '✗ Fritid: botten er fjernet fra kanalen',
        '✗ Social: Teams afviste beskeden (403)',
        '✗ Job: Teams svarede ikke; prøv igen',
      ]),
    );
    expect(buttons(card)).toEqual([{ verb: 'tender.bids', title: 'Se bud', data: { tenderId: withTwo.id } }]);
    expect(shownText(card)).toContain('Opslaget kom ikke ud i kanalerne markeret med ✗');
  });

  it('is good news, with no warning, when every channel took the card', () => {
    const card = publishReportCard('da', withTwo, [{ conversationId: 'c', name: 'Demo Kommune › General', ok: true }]);
    expect(shown(card)).toEqual(['Udbuddet »Læsevenner i lokalsamfundet« er offentliggjort.', 'Fristen for bud er mandag 7. december 2026 kl. 12.00.', '✓ Demo Kommune › General']);
    expect(nodes(card).find((n) => n.type === 'Container')).toMatchObject({ style: 'good' });
  });

  it('names a channel nothing names by its id, in a readable form', () => {
    const unnamed = { conversationId: '19:a1b2c3_d4@thread.tacv2', ok: false, reason: 'not-installed' } as const;
    expect(shown(publishReportCard('da', withTwo, [{ conversationId: 'c', ok: true, name: 'General' }, unnamed]))).toContain('✗ Kanalen med id »a1b2c3\\_d4«: botten er ikke tilføjet kanalen');
    expect(shown(publishRefusedCard('en', draftTender(), [unnamed]))).toContain('✗ The channel with id “a1b2c3\\_d4”: the bot is not added to the channel');
  });
});

describe('a tender that stayed a draft because no channel could announce it', () => {
  const draft = draftTender();

  it('says so when no channel is an announcement channel, with the draft\'s buttons to try again', () => {
    const card = publishRefusedCard('da', draft, []);
    expect(shown(card)).toEqual([
      'Udbuddet »Læsevenner i lokalsamfundet« er ikke offentliggjort – det er stadig en kladde.',
      'Ingen kanal er markeret som opslagskanal, så udbuddet kan ikke annonceres nogen steder. Bed en administrator skrive »opslagskanal« til botten i den kanal, hvor udbud skal annonceres, og tryk så Offentliggør igen.',
    ]);
    expect(buttons(card)).toEqual(buttons(tenderPreviewCard('da', draft)));
    expect(verbs(card)).toEqual(['tender.edit', 'tender.publish', 'tender.cancelAsk']);
  });

  it('names each channel that could not take the card, and why, and says nothing was published', () => {
    const card = publishRefusedCard('da', draft, [
      { conversationId: 'c', name: 'Demo Kommune › General', ok: false, reason: 'removed' },
      { conversationId: 'c', name: 'Anden kanal', ok: false, reason: 'forbidden' },
    ]);
    expect(shown(card)).toEqual([
      'Udbuddet »Læsevenner i lokalsamfundet« er ikke offentliggjort – det er stadig en kladde.',
      '✗ Demo Kommune › General: botten er fjernet fra kanalen',
      '✗ Anden kanal: Teams afviste beskeden (403)',
      'Opslaget kunne ikke komme ud i nogen opslagskanal, så ingen uden for kernegruppen ville kunne se udbuddet. Når en administrator har tilføjet botten til kanalen eller markeret en anden kanal som opslagskanal, kan du trykke Offentliggør igen.',
    ]);
    expect(shownText(card)).not.toContain('er offentliggjort.');
    expect(shown(publishRefusedCard('en', draft, []))[0]).toBe('The tender “Læsevenner i lokalsamfundet” is not published – it is still a draft.');
  });
});

describe("the kernegruppe's bid overview and detail", () => {
  it('shows each bid with number, bidder, time, title, status and Detaljer, and the counts', () => {
    const edited = editedBid(bid, withTwo);
    const withdrawn = withdrawnBid(secretBid, withTwo);
    const card = bidOverviewCard('da', { ...withTwo, activeBids: 1 }, [edited, withdrawn], { hasPrevious: false, hasNext: false }, NOW);
    expect(shown(card)).toEqual(
      expect.arrayContaining([
        'Åben for bud',
        '1 aktivt bud, 2 i alt',
        'Nr. 1 · Sofie Nielsen · tirsdag 1. december 2026 kl. 10.31',
        'Læsecafé på biblioteket',
        'Indsendt',
        'Nr. 2 · Hanne Graversen · tirsdag 1. december 2026 kl. 10.31',
        'Trukket tilbage (tværgående)',
      ]),
    );
    expect(buttons(card)).toEqual([
      { verb: 'tender.bid', title: 'Detaljer', data: { bidId: bid.id } },
      { verb: 'tender.bid', title: 'Detaljer', data: { bidId: secretBid.id } },
      { verb: 'tender.history', title: 'Historik', data: { tenderId: withTwo.id } },
      // Reached from no list: the way out is the kernegruppe's tenders.
      { verb: 'tender.list', title: 'Kernegruppens udbud', data: {} },
    ]);
    expect(shownText(bidOverviewCard('da', withTwo, [], { hasPrevious: false, hasNext: false }, NOW))).toContain('2 aktive bud, 2 i alt');
  });

  it('pages by bid number, and says when there are no bids', () => {
    const { tender, bids } = manyBids(30);
    const page = bidOverviewCard('da', tender, bids.slice(10, 20), { hasPrevious: true, hasNext: true }, NOW);
    expect(buttons(page).filter((b) => b.verb === 'tender.bids')).toEqual([
      { verb: 'tender.bids', title: 'Forrige', data: { tenderId: tender.id, before: '11' } },
      { verb: 'tender.bids', title: 'Næste', data: { tenderId: tender.id, after: '20' } },
    ]);
    const empty = bidOverviewCard('da', published, [], { hasPrevious: false, hasNext: false }, NOW);
    expect(shownText(empty)).toContain('Ingen bud endnu.');
    expect(buttons(empty)).toEqual([
      { verb: 'tender.history', title: 'Historik', data: { tenderId: published.id } },
      { verb: 'tender.list', title: 'Kernegruppens udbud', data: {} },
    ]);
  });

  it('leads back to where the bids were opened from, through every page and a bid\'s details', () => {
    const { tender, bids } = manyBids(30);
    const fromList = bidOverviewCard('da', tender, bids.slice(10, 20), { hasPrevious: true, hasNext: true }, NOW, 'list');
    expect(buttons(fromList).filter((b) => b.verb !== 'tender.bid')).toEqual([
      { verb: 'tender.bids', title: 'Forrige', data: { tenderId: tender.id, before: '11', from: 'list' } },
      { verb: 'tender.bids', title: 'Næste', data: { tenderId: tender.id, after: '20', from: 'list' } },
      { verb: 'tender.history', title: 'Historik', data: { tenderId: tender.id } },
      { verb: 'tender.list', title: 'Tilbage', data: {} },
    ]);
    // Detaljer remembers the page (the bids after the one before its first) and where it came from ...
    expect(buttons(fromList)[0]).toEqual({ verb: 'tender.bid', title: 'Detaljer', data: { bidId: bids[10]!.id, after: '10', from: 'list' } });
    // ... and the details' Tilbage asks for exactly that page again.
    expect(buttons(bidDetailCard('da', tender, bids[12]!, { after: '10', from: 'list' }))).toEqual([
      { verb: 'tender.bids', title: 'Tilbage til buddene', data: { tenderId: tender.id, after: '10', from: 'list' } },
    ]);
    const fromClosed = bidOverviewCard('da', tender, bids.slice(0, 10), { hasPrevious: false, hasNext: true }, NOW, 'closed');
    expect(buttons(fromClosed)[0]!.data).toEqual({ bidId: bids[0]!.id, from: 'closed' });
    expect(buttons(fromClosed).at(-1)).toEqual({ verb: 'tender.closed', title: 'Tilbage', data: { tenderId: tender.id } });
  });

  it('stays well under the size limit even with 50 long bids on a page', () => {
    const { tender, bids } = manyBids(50, publishedTender(), (i) => `${i} ${'Læsevenner og lektiehjælp i lokalsamfundet '.repeat(3)}`.slice(0, 150));
    expect(Buffer.byteLength(JSON.stringify(bidOverviewCard('da', tender, bids, { hasPrevious: true, hasNext: true }, NOW)))).toBeLessThan(40 * 1024);
  });

  it('shows everything in a bid: roles filled in, co-bidders, forudsætninger with kerneopgave, and its history', () => {
    const full = editedBid(secretBid, withTwo, {
      ...secret,
      roles: { kommunen: 'Lokaler', lokalsamfundet: 'Frivillige læsevenner' },
      participate: 'false',
    });
    const card = bidDetailCard('da', withTwo, withdrawnBid(full, withTwo));
    const text = shownText(card);
    expect(shown(card)).toEqual(
      expect.arrayContaining([
        'Bud nr. 2 på »Læsevenner i lokalsamfundet«',
        'Hanne Graversen',
        'Skjult medbyder',
        'Kommunens rolle',
        'Lokaler',
        'Lokalsamfundets rolle',
        'Frivillige læsevenner',
        '• Beskæftigelse: Virksomhederne er aktive partnere i at skabe job og praktik (demo)',
        'indsendt tirsdag 1. december 2026 kl. 10.31',
        'rettet onsdag 2. december 2026 kl. 14.05',
        'trukket tilbage torsdag 3. december 2026 kl. 09.15',
      ]),
    );
    expect(text).not.toContain('Borgerens rolle');
    expect(buttons(card)).toEqual([{ verb: 'tender.bids', title: 'Tilbage til buddene', data: { tenderId: withTwo.id } }]);
  });
});

describe('lists', () => {
  it("offers Byd ind on open tenders, or the person's own bids where they have bid", () => {
    const other = publishedTender({ title: 'Overgang til ungdomsuddannelse' }, 'tender-2');
    const card = tenderListCard('da', { title: 'Åbne udbud', empty: 'Ingen.', items: [{ tender: withTwo, mine: 2 }, { tender: other }], now: NOW, mode: 'open' });
    expect(shown(card)).toEqual(expect.arrayContaining(['Læring · Kernegruppe Læring', 'Frist: mandag 7. december 2026 kl. 12.00', 'Bud modtaget: 2']));
    expect(buttons(card)).toEqual([
      { verb: 'bid.open', title: 'Se dine bud (2)', data: { tenderId: withTwo.id } },
      { verb: 'bid.open', title: 'Byd ind', data: { tenderId: other.id } },
    ]);
    expect(shownText(tenderListCard('da', { title: 'Åbne udbud', empty: 'Der er ingen åbne udbud lige nu.', items: [], now: NOW, mode: 'open' }))).toContain(
      'Der er ingen åbne udbud lige nu.',
    );
  });

  it("gives the kernegruppe's tenders the actions their state allows", () => {
    const draft = draftTender({}, 'd');
    const closed = closedTender(withTwo);
    const cancelled = cancelledTender(withTwo, 'Omprioriteret');
    const card = tenderListCard('da', { title: 'Udbud', empty: '-', items: [draft, withTwo, closed, cancelled].map((tender) => ({ tender })), now: NOW, mode: 'group', manages: true });
    expect(buttons(card).map((b) => `${b.verb} ${b.data.tenderId}`)).toEqual([
      'tender.edit d',
      'tender.publish d',
      'tender.cancelAsk d',
      `tender.bids ${withTwo.id}`,
      `tender.cancelAsk ${withTwo.id}`,
      `tender.bids ${withTwo.id}`,
      `tender.cancelAsk ${withTwo.id}`,
    ]);
    expect(shown(card)).toEqual(expect.arrayContaining(['Kladde', 'Åben for bud', 'Lukket for bud', 'Annulleret', 'Begrundelse: Omprioriteret']));
  });

  it("offers a member who does not run the group's tenders (the økonomikonsulent) only the bids, and the chat's shared list the same, refreshing into each reader's own view", () => {
    const items = [draftTender({}, 'd'), withTwo, closedTender(withTwo), cancelledTender(withTwo, 'Omprioriteret')].map((tender) => ({ tender }));
    const member = tenderListCard('da', { title: 'Udbud', empty: '-', items, now: NOW, mode: 'group', manages: false });
    expect(buttons(member).map((b) => `${b.verb} ${b.data.tenderId}`)).toEqual([`tender.bids ${withTwo.id}`, `tender.bids ${withTwo.id}`]);
    expect((member as { refresh?: unknown }).refresh).toBeUndefined();
    const shared = tenderListCard('da', { title: 'Udbud', empty: '-', items, now: NOW, mode: 'group', manages: true, shared: true });
    expect(buttons(shared)).toEqual(buttons(member));
    expect((shared as { refresh?: unknown }).refresh).toEqual({ action: { type: 'Action.Execute', verb: 'tender.list', data: {} } });
  });

  it('shows at most 25 items and says there are more, without claiming to know how many', () => {
    const items = Array.from({ length: 26 }, (_, i) => ({ tender: publishedTender({}, `t-${i}`) }));
    const card = tenderListCard('da', { title: 'Udbud', empty: '-', items, now: NOW, mode: 'group' });
    expect(verbs(card).filter((v) => v === 'tender.bids')).toHaveLength(25);
    expect(shownText(card)).toContain('Viser de 25 nyeste udbud. Gruppen har flere.');
    const open = tenderListCard('en', { title: 'Tenders', empty: '-', items: items.slice(0, 25), more: true, now: NOW, mode: 'open' });
    expect(shownText(open)).toContain('Showing the 25 tenders with the earliest deadline. There are more open tenders.');
    const exactly = tenderListCard('da', { title: 'Udbud', empty: '-', items: items.slice(0, 25), now: NOW, mode: 'group' });
    expect(shownText(exactly)).not.toContain('Viser');
    expect(shownText(myBidsCard('da', [{ tender: withTwo, bid }], NOW, true))).toContain('Viser dine 1 nyeste bud. Du har flere.');
  });

  it("lists a person's bids with the tender's state: open until, closed, or cancelled with the reason", () => {
    const card = myBidsCard(
      'da',
      [
        { tender: withTwo, bid },
        { tender: closedTender(withTwo), bid: secretBid },
        { tender: cancelledTender(withTwo, 'Omprioriteret'), bid },
      ],
      NOW,
    );
    expect(shown(card)).toEqual(
      expect.arrayContaining([
        'Mine bud',
        'Bud nr. 1 · Indsendt',
        'Bud nr. 2 · Indsendt (tværgående)',
        'Udbud: »Læsevenner i lokalsamfundet«',
        'Åben for bud til mandag 7. december 2026 kl. 12.00',
        'Lukket for bud (fristen udløb mandag 7. december 2026 kl. 12.00)',
        'Annulleret: Omprioriteret',
      ]),
    );
    expect(new Set(verbs(card))).toEqual(new Set(['bid.open']));
    expect(shownText(myBidsCard('en', [], NOW))).toContain('You have not made any bids yet.');
  });
});

describe('closing, cancelling and refusing', () => {
  it('counts the bids received when a tender closes, in Danish and English grammar', () => {
    const closedWith = (n: number) => closedTender(manyBids(n).tender);
    expect(shown(closedSummaryCard('da', closedWith(14)))[0]).toBe('Udbuddet »Læsevenner i lokalsamfundet« er lukket: 14 bud modtaget.');
    expect(shown(closedSummaryCard('da', closedWith(1)))[0]).toBe('Udbuddet »Læsevenner i lokalsamfundet« er lukket: 1 bud modtaget.');
    expect(shown(closedSummaryCard('da', closedWith(0)))[0]).toBe('Udbuddet »Læsevenner i lokalsamfundet« er lukket: 0 bud modtaget.');
    expect(shown(closedSummaryCard('en', closedWith(1)))[0]).toBe('The tender “Læsevenner i lokalsamfundet” is closed: 1 bid received.');
    expect(shown(closedSummaryCard('en', closedWith(14)))[0]).toBe('The tender “Læsevenner i lokalsamfundet” is closed: 14 bids received.');
    expect(buttons(closedSummaryCard('da', closedWith(1)))).toEqual([{ verb: 'tender.bids', title: 'Se buddene', data: { tenderId: published.id, from: 'closed' } }]);
  });

  it('offers no way to bids when none came, nor when every bid was withdrawn', () => {
    expect(buttons(closedSummaryCard('da', closedTender(publishedTender())))).toEqual([]);
    const allWithdrawn = closedTender({ ...withBid, activeBids: 0 });
    expect(shown(closedSummaryCard('da', allWithdrawn))[0]).toBe('Udbuddet »Læsevenner i lokalsamfundet« er lukket: 0 bud modtaget.');
    expect(buttons(closedSummaryCard('da', allWithdrawn))).toEqual([]);
  });

  it('tells the manager the tender is cancelled under its own title, in the singular for one bid', () => {
    const cancelled = cancelledTender(withTwo);
    expect(shown(cancelDoneCard('da', cancelled, { told: 2, notReached: 0 }))).toEqual([
      'Udbuddet er annulleret',
      'Udbuddet »Læsevenner i lokalsamfundet« er annulleret. Byderne bag 2 bud får besked i deres chat med botten.',
    ]);
    expect(shown(cancelDoneCard('da', cancelled, { told: 1, notReached: 0 }))[1]).toBe('Udbuddet »Læsevenner i lokalsamfundet« er annulleret. Byderen får besked om sit bud i sin chat med botten.');
    expect(shown(cancelDoneCard('da', cancelled, { told: 0, notReached: 0 }))[1]).toBe(
      'Udbuddet »Læsevenner i lokalsamfundet« er annulleret. Der var ingen bud, så ingen skulle have besked.',
    );
    expect(shown(cancelDoneCard('da', cancelled, { told: 3, notReached: 1 }))[2]).toBe(
      '⚠ Beskeden om ét bud kunne ikke nå frem; byderen ser annulleringen på opslaget og under »mine bud«.',
    );
    expect(shown(cancelDoneCard('da', cancelled, { told: 0, notReached: 2 }))[2]).toBe(
      '⚠ Beskeden om 2 bud kunne ikke nå frem; byderne ser annulleringen på opslaget og under »mine bud«.',
    );
    expect(shown(cancelDoneCard('en', cancelled, { told: 1, notReached: 0 }))).toEqual([
      'Tender cancelled',
      'The tender “Læsevenner i lokalsamfundet” is cancelled. The bidder is being told about their bid in their chat with the bot.',
    ]);
    expect(buttons(cancelDoneCard('da', cancelled, { told: 1, notReached: 0 }))).toEqual([]);
  });

  it('refuses a press on Ret on an old card plainly, with nothing "written" to give back', () => {
    const card = lateCard('da', { tender: cancelledTender(withTwo), reason: 'cancelled', action: 'openEdit', echo: [] });
    expect(shown(card)).toEqual(['Udbuddet »Læsevenner i lokalsamfundet« er annulleret, så dit bud kan ikke længere rettes; det står, som det var.']);
    expect(shown(lateCard('en', { tender: withTwo, reason: 'deadline', action: 'openEdit', echo: [] }))).toEqual([
      'The deadline for “Læsevenner i lokalsamfundet” was Monday 7 December 2026 at 12:00, so your bid can no longer be changed; it stands as it was.',
    ]);
    expect(buttons(card)).toEqual([]);
  });

  it('tells a bidder their bid will not be considered when the tender is cancelled', () => {
    const cancelled = cancelledTender(withTwo, 'Budgettet er omprioriteret.');
    expect(shown(tenderCancelledCard('da', cancelled, bid))).toEqual([
      'Udbuddet »Læsevenner i lokalsamfundet« er annulleret. Begrundelse: Budgettet er omprioriteret.',
      'Dit bud nr. 1 »Læsecafé på biblioteket« bliver ikke behandlet.',
    ]);
    expect(shown(tenderCancelledCard('da', cancelled))).toHaveLength(1);
  });

  it('refuses a late bid with the deadline, and gives back what was written, and nothing else', () => {
    const card = lateCard('da', { tender: withTwo, reason: 'deadline', echo: bidEcho('da', bidFormValuesOf(secretBid)) });
    expect(shown(card)).toEqual([
      'Fristen for »Læsevenner i lokalsamfundet« udløb mandag 7. december 2026 kl. 12.00, så dit bud er ikke modtaget.',
      'Her er det, du skrev, så du kan kopiere det:',
      'Aktivitetens titel',
      'Hemmelig læsecafé',
      'Beskriv aktiviteten',
      'Ingen andre må se denne beskrivelse',
      'Hvordan skaber aktiviteten forudsætningen/-erne?',
      'Skjult forklaring',
      'Kommunens rolle',
      'Skjult kommunerolle',
      'Medbydere (valgfrit)',
      'Skjult medbyder',
    ]);
    expect(nodes(card).find((n) => n.text === 'Hemmelig læsecafé')).toMatchObject({ fontType: 'Monospace' });
    expect(buttons(card)).toEqual([]);
    expect(shown(lateCard('da', { tender: withTwo, reason: 'cancelled', echo: [] }))).toEqual(['Udbuddet »Læsevenner i lokalsamfundet« er annulleret, så dit bud er ikke modtaget.']);
    expect(shown(lateCard('en', { tender: withTwo, reason: 'not-open', echo: [] }))).toEqual(['The tender “Læsevenner i lokalsamfundet” is not open for bids, so your bid was not received.']);
  });
});

describe('the confirm question', () => {
  it('asks for a reason when one is needed, shows its error, and offers a destructive confirm and a way back', () => {
    const card = confirmCard('da', {
      title: 'Annullér udbuddet?',
      text: 'Alle får besked.',
      confirmTitle: 'Annullér udbuddet',
      confirmVerb: 'tender.cancel',
      confirmData: { tenderId: 't' },
      backVerb: 'tender.list',
      backData: {},
      reason: { label: 'Begrundelse', value: 'halvt skrevet', error: 'Skriv en begrundelse.' },
    });
    expect(input(card, 'reason')).toMatchObject({ type: 'Input.Text', isMultiline: true, label: 'Begrundelse', value: 'halvt skrevet' });
    expect(errorUnder(card, 'reason')?.text).toBe('Skriv en begrundelse.');
    expect(nodes(card).filter((n) => n.type === 'Action.Execute')).toEqual([
      { type: 'Action.Execute', verb: 'tender.cancel', title: 'Annullér udbuddet', data: { tenderId: 't' }, style: 'destructive' },
      { type: 'Action.Execute', verb: 'tender.list', title: 'Tilbage', data: {}, style: 'default' },
    ]);
    const plain = confirmCard('en', { title: 'Withdraw?', text: 'Sure?', confirmTitle: 'Withdraw', confirmVerb: 'bid.withdraw', confirmData: { bidId: 'b' } });
    expect(input(plain, 'reason')).toBeUndefined();
    expect(verbs(plain)).toEqual(['bid.withdraw']);
  });
});

describe('escaping what people typed', () => {
  const evil = '**x** [y](http://evil)';
  const escaped = '\\*\\*x\\*\\* \\[y\\](http://evil)';
  const t = publishedTender({ title: evil, description: `# Overskrift\n${evil}` });
  const { tender, bid: evilBid } = submitBidOn(t, { title: evil, description: evil, howItHelps: evil, coBidders: evil, roles: { kommunen: evil } }, { id: 'p-x', name: evil });
  const closed = closedTender(tender);
  const cancelled = cancelledTender(tender, evil);

  const cards: [string, CardJson][] = [
    ['announcement', announcementCard('da', tender, NOW, [])],
    ['preview', tenderPreviewCard('da', draftTender({ title: evil }))],
    ['own view', myTenderBidsCard('da', tender, [evilBid], NOW)],
    ['bid form', bidFormCard('da', { tender, submissionId: 's', values: bidFormValuesFrom({}), errors: [] })],
    ['receipt', bidReceiptCard('da', tender, evilBid, NOW, 'submitted')],
    ['overview', bidOverviewCard('da', tender, [evilBid], { hasPrevious: false, hasNext: false }, NOW)],
    ['detail', bidDetailCard('da', tender, evilBid)],
    ['open list', tenderListCard('da', { title: 'Åbne udbud', empty: '-', items: [{ tender }], now: NOW, mode: 'open' })],
    ['group list', tenderListCard('da', { title: 'Udbud', empty: '-', items: [{ tender: cancelled }], now: NOW, mode: 'group' })],
    ['my bids', myBidsCard('da', [{ tender: cancelled, bid: evilBid }], NOW)],
    ['publish report', publishReportCard('da', tender, [{ conversationId: 'c', name: evil, ok: false, reason: 'failed' }])],
    ['publish refused', publishRefusedCard('da', draftTender({ title: evil }), [{ conversationId: 'c', name: evil, ok: false, reason: 'removed' }])],
    ['cancel done', cancelDoneCard('da', cancelled, { told: 1, notReached: 0 })],
    ['closed', closedSummaryCard('da', closed)],
    ['cancelled', tenderCancelledCard('da', cancelled, evilBid)],
    ['cancelled announcement', announcementCard('da', cancelled, NOW, [])],
    ['late', lateCard('da', { tender: closed, reason: 'deadline', echo: bidEcho('da', bidFormValuesOf(evilBid)) })],
  ];

  it.each(cards)('shows a typed title as typed on the %s card, never as bold or a link', (_name, card) => {
    const text = shown(card);
    expect(text.join('\n')).toContain(escaped);
    for (const s of text) {
      expect(s).not.toContain('**x**');
      expect(s).not.toContain('[y](http');
    }
  });

  it('escapes a heading mark at the start of a description line', () => {
    expect(shownText(announcementCard('da', tender, NOW, []))).toContain('\\# Overskrift');
  });

  it('gives a typed value back to the form raw, since an input is not markdown', () => {
    const form = tenderFormCard('da', { ...formPlace, tenderId: t.id, values: tenderFormValuesOf(t), errors: [] });
    expect(input(form, 'title')!.value).toBe(evil);
    expect(input(bidFormCard('da', { tender, bidId: evilBid.id, values: bidFormValuesOf(evilBid), errors: [] }), 'roleKommunen')!.value).toBe(evil);
  });
});

describe('texts', () => {
  it('has every tender text in English too, with the same placeholders, and text() finds them', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(tenderDa) as (keyof typeof tenderDa)[]) expect(names(tenderEn[key]), key).toEqual(names(tenderDa[key]));
    expect(text('da', 'button.bid')).toBe('Byd ind');
    expect(text('en', 'button.bid')).toBe('Bid');
    expect(text('da', 'common.back')).toBe('Tilbage');
  });
});
