// Danish texts for the status across all kernegrupper (issue 13 points 3 and 4): the pitstop reminder
// to the people at the meeting and "status kernegrupper". Merged in text.ts; every key here must also be
// in cross-status-en.ts (the type checks it).

export const crossStatusDa = {
  // Seed 001: "Her diskuteres status på organisationsarbejdet og kernegruppernes arbejde."
  'crossStatus.pitstopHeading': '{meeting} {when} – status for alle kernegrupper',
  'crossStatus.heading': 'Status for alle kernegrupper',
  'crossStatus.sincePitstop': 'Beslutninger og lukkede udbud siden sidste pitstop, {when}.',
  'crossStatus.sinceMonth': 'Beslutninger og lukkede udbud de seneste 31 dage (intet tidligere pitstop i kalenderen).',
  'crossStatus.none': 'Der er ingen kernegrupper i rollelisten endnu.',
  'crossStatus.summary': 'Åbne udbud: {open} ({bids} bud) · konkretiseringer, der ventes på: {konk} · beslutninger: {decisions}',
  'crossStatus.tender': '- »{title}«: {bids} bud, frist {deadline}',
  'crossStatus.closed': '- Lukket: »{title}« med {bids} bud',
  'crossStatus.konkretisering': '- Konkretisering udestår: bud nr. {number} »{title}«, frist {deadline}',
  'crossStatus.decision': '- Bud nr. {number} »{title}«: {status}',
  'crossStatus.more': '- … og {count} flere',
  'crossStatus.moreGroups': '… og {count} flere kernegrupper, som ikke er plads til her.',
  'crossStatus.quiet': 'Ingen åbne udbud, konkretiseringer eller beslutninger.',
  'cmd.crossStatus': 'status kernegrupper',
  'cmd.crossStatus.text': 'Status for alle kernegrupper: åbne udbud og bud, konkretiseringer, kataloget mod rammen og beslutninger siden sidste pitstop.',
  'error.crossStatusNotAllowed': 'Status for alle kernegrupper er for chefer, tovholdere og administratorer. Du kan se dine egne grupper med »udbud« og »mine bud«.',
} as const;
export type CrossStatusTextKey = keyof typeof crossStatusDa;
