// What people type into the tender and bid forms, as Teams sends it: valid forms the tests share.

export const VALID_TENDER_FORM = {
  title: 'Læsevenner i lokalsamfundet',
  forudsaetninger: 'laering-1,laering-2',
  description: 'Frivillige læsevenner for børn i 0.-3. klasse.',
  deadlineDate: '2026-12-07',
  deadlineTime: '12:00',
  budgetKr: '250000',
  decidedBy: 'kernegruppe',
};

/** What an employee types into the bid form: every field, one forudsætning of another kerneopgave (cross-cutting). */
export const VALID_BID_FORM = {
  title: 'Læsecafé på biblioteket',
  description: 'Ugentlig læsecafé med frivillige og bibliotekarer.',
  howItHelps: 'Børnene læser mere og forældrene kommer med.',
  forudsaetninger: 'laering-1,fritid-faellesskab-3',
  roleKommunen: 'Stiller lokaler til rådighed',
  roleBorgeren: '',
  roleFamilien: 'Forældre læser med',
  roleLokalsamfundet: '',
  roleArbejdsgiveren: '',
  coBidders: 'Biblioteket',
  participate: 'true',
};
