// What a tovholder types into the tender form, as Teams sends it: one valid tender the tests share.

export const VALID_TENDER_FORM = {
  title: 'Læsevenner i lokalsamfundet',
  forudsaetninger: 'laering-1,laering-2',
  description: 'Frivillige læsevenner for børn i 0.-3. klasse.',
  deadlineDate: '2026-12-07',
  deadlineTime: '12:00',
  budgetKr: '250000',
  decidedBy: 'kernegruppe',
};
