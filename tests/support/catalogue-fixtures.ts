// Catalogues as the award flow would leave them, built with the domain's own functions (emptyCatalogue,
// setFrame, addEntry): Kernegruppe Læring's 2027 catalogue with a frame revised once, two activities
// (one taken over the frame with a written reason) and typed text that must be escaped.

import { addEntry, emptyCatalogue, setFrame, type Catalogue, type CatalogueEntry } from '../../src/domain/catalogue.js';
import { catalogueId, activityIdOf } from '../../src/app/catalogue-ids.js';
import { DEMO_TENANT, persona } from './demo.js';

type NewEntry = Omit<CatalogueEntry, 'override' | 'at'>;

const must = <T>(r: { ok: true; value: T } | { ok: false; code: string }): T => {
  if (!r.ok) throw new Error(r.code);
  return r.value;
};

export function entryOf(bidId: string, v: Partial<NewEntry> & Pick<NewEntry, 'title' | 'cost'>): NewEntry {
  return {
    bidId,
    tenderId: 'tender-laering-1',
    tenderTitle: 'Læselyst i udskolingen',
    bidNumber: 1,
    bidderId: persona.medarbejder.id,
    activityId: activityIdOf(bidId),
    forudsaetninger: ['laering-1'],
    crossCutting: false,
    terms: { responsible: { id: persona.medarbejder.id, name: persona.medarbejder.name }, expectedEffect: 'Flere læser hver dag', startDate: '2027-01-01', evaluationDate: '2027-12-01' },
    decidedBy: 'kernegruppe',
    state: 'awarded',
    by: persona.tovholder.id,
    byName: persona.tovholder.name,
    ...v,
  };
}

/** Læring 2027: frame 1.500.000 kr. (revised from 2.000.000), 1.250.000 + 400.000 kr. of activities, so 150.000 kr. over. */
export function laeringCatalogue(now = new Date('2026-11-23T10:00:00Z'), groupId = 'kernegruppe-laering', tenantId = DEMO_TENANT): Catalogue {
  const by = { id: persona.oekonomi.id, name: persona.oekonomi.name };
  const group = groupId === 'kernegruppe-laering' ? { id: groupId, name: 'Kernegruppe Læring', kerneopgave: 'laering' } : { id: groupId, name: 'Kernegruppe Beskæftigelse', kerneopgave: 'beskaeftigelse' };
  let c = emptyCatalogue({ id: catalogueId(groupId, '2027'), tenantId, group, period: '2027' }, now);
  c = must(setFrame(c, 2_000_000, by, 'Rammen fra budgettet', now));
  c = must(setFrame(c, 1_500_000, by, 'Revideret i marts', new Date(now.getTime() + 60_000)));
  c = must(
    addEntry(
      c,
      entryOf('bid-1', {
        title: 'Læsevenner <script>alert(1)</script> & co',
        forudsaetninger: ['laering-1', 'laering-2', 'beskaeftigelse-1'],
        crossCutting: true,
        cost: { oneOffKr: 250_000, yearlyKr: 1_000_000, source: 'konsekvens' },
      }),
      undefined,
      now,
    ),
  ).catalogue;
  c = must(
    addEntry(
      c,
      entryOf('bid-2', { title: 'Sommerskole', bidNumber: 2, forudsaetninger: ['laering-2'], cost: { oneOffKr: 400_000, yearlyKr: 0, source: 'konkretisering' }, terms: { ...entryOf('x', { title: '', cost: { oneOffKr: 0, yearlyKr: 0, source: 'none' } }).terms, responsible: { id: persona.konsulent.id, name: persona.konsulent.name } } }),
      'Byrådet har bedt om sommerskolen <nu>',
      now,
    ),
  ).catalogue;
  return c;
}
