// The municipality's roles and group kinds, with their Danish and English display names.
// Ids are ASCII so they are stable in documents and files; people may write them with æ, ø, å.

export const ROLES = [
  'politiker',
  'byraadsmedlem',
  'udvalgsformand',
  'borgmester',
  'chef',
  'tovholder',
  'konsulent',
  'oekonomikonsulent',
  'fagperson',
  // Seed 002: a kernegruppe "er som minimum besat af chefen for området (...), ledelsesrepræsentanter fra området, samt en konsulent."
  'ledelsesrepraesentant',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

// Seed 001: "Arbejdet i kernegrupperne diskuteres ½ time på hvert møde i Kommuneledelsen": its chat gets that meeting's reminder.
export const GROUP_KINDS = ['kernegruppe', 'byraad', 'konsulenter', 'oekonomi-personale', 'kommuneledelse'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

export const ROLE_NAMES: Record<Role, { da: string; en: string }> = {
  politiker: { da: 'politiker', en: 'politician' },
  byraadsmedlem: { da: 'byrådsmedlem', en: 'council member' },
  udvalgsformand: { da: 'udvalgsformand', en: 'committee chair' },
  borgmester: { da: 'borgmester', en: 'mayor' },
  chef: { da: 'chef', en: 'director' },
  tovholder: { da: 'tovholder', en: 'lead director' },
  konsulent: { da: 'konsulent', en: 'consultant' },
  oekonomikonsulent: { da: 'økonomikonsulent', en: 'finance consultant' },
  fagperson: { da: 'fagperson', en: 'specialist' },
  ledelsesrepraesentant: { da: 'ledelsesrepræsentant', en: 'management representative' },
  admin: { da: 'administrator', en: 'administrator' },
};

export const GROUP_KIND_NAMES: Record<GroupKind, { da: string; en: string }> = {
  kernegruppe: { da: 'kernegruppe', en: 'core group' },
  byraad: { da: 'byråd', en: 'city council' },
  konsulenter: { da: 'konsulenter', en: 'consultants' },
  'oekonomi-personale': { da: 'Økonomi & Personale', en: 'Finance & HR' },
  kommuneledelse: { da: 'Kommuneledelsen', en: 'municipal management' },
};

/** Other everyday names for the groups that are not kernegrupper, in both languages. */
export const GROUP_KIND_ALIASES: Record<GroupKind, readonly string[]> = {
  kernegruppe: [],
  byraad: ['council', 'city council'],
  konsulenter: ['consultants'],
  'oekonomi-personale': ['økonomi', 'finance'],
  kommuneledelse: ['management board', 'executive board'],
};

/** Folds case, Danish letters and punctuation so "Økonomi & Personale", "oekonomi-personale" and "økonomi personale" meet. */
export function foldName(text: string): string {
  return text
    .normalize('NFC') // "å" pasted from a PDF or macOS may be "a" + a combining ring
    .trim()
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/&/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const ROLE_BY_FOLDED = new Map<string, Role>(ROLES.map((r) => [foldName(r), r]));
for (const r of ROLES) {
  ROLE_BY_FOLDED.set(foldName(ROLE_NAMES[r].da), r);
  ROLE_BY_FOLDED.set(foldName(ROLE_NAMES[r].en), r);
}
/** Reads a role as a person would write it ("økonomikonsulent", "Byrådsmedlem"); undefined when unknown. */
export function parseRole(text: string): Role | undefined {
  return ROLE_BY_FOLDED.get(foldName(text));
}

const KIND_BY_FOLDED = new Map<string, GroupKind>(GROUP_KINDS.map((k) => [foldName(k), k]));
for (const k of GROUP_KINDS) KIND_BY_FOLDED.set(foldName(GROUP_KIND_NAMES[k].da), k);
export function parseGroupKind(text: string): GroupKind | undefined {
  return KIND_BY_FOLDED.get(foldName(text));
}
