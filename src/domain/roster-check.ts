// The make-up of a kernegruppe as the commission and the process plan set it out (seeds 000 and 001).
// A roster that differs is imported all the same: a group may be short a person for a while, or a
// municipality may choose otherwise. The import only says where it differs, so an admin can see it.

import type { Group, Membership } from './directory.js';

export type CompositionRule = 'politikere' | 'tovholder' | 'konsulenter' | 'konsulent-tilknyttet' | 'oekonomikonsulent' | 'fagpersoner';

export interface CompositionWarning {
  readonly group: string;
  readonly groupName: string;
  readonly rule: CompositionRule;
  /** What the seeds expect, as a range of members (min = max for an exact number). */
  readonly expected: { readonly min: number; readonly max: number };
  readonly found: number;
}

interface Rule {
  readonly rule: CompositionRule;
  readonly min: number;
  readonly max: number;
  readonly count: (members: readonly Membership[]) => number;
}

const has = (m: Membership, role: Membership['roles'][number]) => m.roles.includes(role);
const countOf = (pred: (m: Membership) => boolean) => (members: readonly Membership[]) => members.filter(pred).length;

/** Roles that tie a person to the kerneopgave's own area (the udvalg, its chefs, its fagpersoner). */
const AREA_ROLES = ['politiker', 'udvalgsformand', 'chef', 'tovholder', 'fagperson', 'ledelsesrepraesentant'] as const;

const RULES: readonly Rule[] = [
  // Seed 000: "De fem udvalgsmedlemmer for kerneopgaven er fødte medlemmer af kernegruppen."
  // Seed 001: "5 politiske medlemmer (udvalget)".
  { rule: 'politikere', min: 5, max: 5, count: countOf((m) => has(m, 'politiker')) },
  // Seed 000: "I hver gruppe indgår yderligere en chef. Denne chef vil være tovholder og ansvarlig for gruppens arbejde."
  // Seed 001 (Tabel 1): "Tovholderchef".
  { rule: 'tovholder', min: 1, max: 1, count: countOf((m) => has(m, 'tovholder') && has(m, 'chef')) },
  // Seed 000: "For at hjælpe gruppen og den ansvarlige chef med arbejdet, processer m.m. vil der indgå to konsulenter i hver gruppe."
  // Seed 001: "2 konsulenter".
  { rule: 'konsulenter', min: 2, max: 2, count: countOf((m) => has(m, 'konsulent')) },
  // Seed 000: "Ingen af disse konsulenter må have baggrund eller tilknytning i deres arbejde til den pågældende kerneopgave".
  // The roster knows a person's area only through the group, so a konsulent who also holds one of the
  // area's roles in it (politiker, chef, tovholder, fagperson, ledelsesrepræsentant) is tied to the area.
  { rule: 'konsulent-tilknyttet', min: 0, max: 0, count: countOf((m) => has(m, 'konsulent') && AREA_ROLES.some((r) => has(m, r))) },
  // Seed 000: "ligesom der indgår en økonomisk konsulent". Seed 001: "1 økonomikonsulent".
  { rule: 'oekonomikonsulent', min: 1, max: 1, count: countOf((m) => has(m, 'oekonomikonsulent')) },
  // Seed 000: "Endelig indgår der to personer fra det område, som den pågældende kerneopgave retter sig mod."
  // Seed 001: "2-3 fagpersoner" ("placeres der tre fagpersoner i disse kernegrupper" for Social Omsorg and Fritid og Fællesskab).
  { rule: 'fagpersoner', min: 2, max: 3, count: countOf((m) => has(m, 'fagperson')) },
];

/** Where each kernegruppe's make-up differs from the seeds, in roster order; other kinds of group are not checked. */
export function compositionWarnings(groups: readonly Group[]): CompositionWarning[] {
  const out: CompositionWarning[] = [];
  for (const g of groups) {
    if (g.kind !== 'kernegruppe') continue;
    for (const r of RULES) {
      const found = r.count(g.members);
      if (found < r.min || found > r.max) out.push({ group: g.id, groupName: g.name, rule: r.rule, expected: { min: r.min, max: r.max }, found });
    }
  }
  return out;
}
