// Danish texts for the kernegruppe's rights table (issue 13 point 5): the refusal naming who may, the
// draft's note for a member who may not publish, and the table on the help card.
// Merged in text.ts; every key here must also be in rights-en.ts (the type checks it).

export const rightsDa = {
  // {who}: the roles the table names ("tovholderen", "tovholderen eller en chef"); {names}: the group's holders, or an administrator.
  'error.rights.udkast': 'Kun {who} kan oprette og rette kernegruppens udkast og forberede beslutningerne. Bed {names} om det.',
  'error.rights.offentliggoer': 'Kun {who} kan offentliggøre udbuddet. Bed {names} om at offentliggøre det.',
  'error.rights.aflys': 'Kun {who} kan annullere udbuddet. Bed {names} om at annullere det.',
  'error.rights.beslut': 'Kun {who} kan træffe kernegruppens beslutninger om buddene (afvise, tildele og indstille). Bed {names} om det.',
  'rights.who.politiker': 'en politiker',
  'rights.who.byraadsmedlem': 'et byrådsmedlem',
  'rights.who.udvalgsformand': 'udvalgsformanden',
  'rights.who.borgmester': 'borgmesteren',
  'rights.who.chef': 'en chef',
  'rights.who.tovholder': 'tovholderen',
  'rights.who.konsulent': 'en konsulent',
  'rights.who.oekonomikonsulent': 'økonomikonsulenten',
  'rights.who.fagperson': 'en fagperson',
  'rights.who.ledelsesrepraesentant': 'en ledelsesrepræsentant',
  'rights.who.admin': 'en administrator',
  'rights.or': ' eller ',
  'rights.holder': '{name} ({roles})',
  'rights.nobodyInGroup': 'en administrator',
  'rights.draftNote': 'Udkastet offentliggøres af {who}: {names}.',
  'rights.heading': 'Hvem gør hvad i {group}',
  'rights.action.udkast': 'Udkast og forberedelse (oprette og rette udkast, bede om konkretisering, sætte på kortlisten)',
  'rights.action.offentliggoer': 'Offentliggøre et udbud',
  'rights.action.aflys': 'Annullere et udbud',
  'rights.action.beslut': 'Beslutte (afvise, tildele, indstille til Byrådet)',
  'rights.adminNote': 'En administrator kan altid træde til for tovholderen og offentliggøre, annullere og beslutte.',
  'rights.mine': 'Du kan her: {actions}.',
  'rights.mineNone': 'Du kan læse gruppens udbud og bud og vurdere buddene; de fire opgaver ovenfor ligger hos de nævnte roller.',
} as const;
export type RightsTextKey = keyof typeof rightsDa;
