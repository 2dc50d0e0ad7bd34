// Generated rosters of any size, for the directory-cost tests and the roster size measurement: every
// person has a name and an e-mail address like a municipality's, and a few dozen of them hold roles in
// the same groups whatever the roster's size (a municipality's groups do not grow with its staff).

import type { Person, Roster } from '../../src/domain/directory.js';

const FIRST = ['Mette', 'Johan', 'Hanne', 'Birgitte', 'Sofie', 'Henrik', 'Anders', 'Karen', 'Lars', 'Søren', 'Ida', 'Åse', 'Jørgen', 'Pernille'];
const LAST = ['Holm', 'Kristensen', 'Graversen', 'Lund', 'Nielsen', 'Dahl', 'Jensen', 'Hansen', 'Pedersen', 'Mølgaard', 'Østergaard', 'Aagaard'];

/** A deterministic Entra-like object id for person number `n` (0-based) of a generated roster. */
export function generatedPersonId(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `b0000000-0000-4000-8000-${hex}`;
}

export function generatedPerson(n: number): Person {
  const first = FIRST[n % FIRST.length]!;
  const last = LAST[Math.floor(n / FIRST.length) % LAST.length]!;
  const name = `${first} ${last} ${n}`;
  return { id: generatedPersonId(n), name, email: `${first}.${last}.${n}@stor.kommune.dk`.toLowerCase().replace(/ø/g, 'oe').replace(/å/g, 'aa') };
}

/**
 * `size` people; person 0 is admin in the Byråd, 1-20 are Byråd members, 21-30 form Kernegruppe
 * Læring (21 its tovholder). The groups are the same for every size from 31 up.
 */
export function generatedRoster(size: number): Roster {
  const people = Array.from({ length: size }, (_, n) => generatedPerson(n));
  const id = (n: number) => generatedPersonId(n);
  return {
    people,
    kerneopgaver: [{ id: 'laering', name: 'Læring', bevaegelse: 'Barnet og den unge bliver parat til uddannelse eller job.', forudsaetninger: [] }],
    groups: [
      {
        id: 'byraad',
        kind: 'byraad',
        name: 'Byrådet',
        members: [{ person: id(0), roles: ['byraadsmedlem', 'admin'] }, ...Array.from({ length: 20 }, (_, i) => ({ person: id(i + 1), roles: ['byraadsmedlem' as const] }))],
      },
      {
        id: 'kernegruppe-laering',
        kind: 'kernegruppe',
        name: 'Kernegruppe Læring',
        kerneopgave: 'laering',
        members: [{ person: id(21), roles: ['tovholder'] }, ...Array.from({ length: 9 }, (_, i) => ({ person: id(i + 22), roles: ['fagperson' as const] }))],
      },
    ],
  };
}

/** The roster as the YAML file an admin would write (the shape of demo/roster.yaml). */
export function rosterYaml(tenantId: string, roster: Roster): string {
  const lines = [`tenantId: ${tenantId}`, 'kerneopgaver:'];
  for (const k of roster.kerneopgaver ?? []) lines.push(`  - id: ${k.id}`, `    name: ${k.name}`, `    bevaegelse: ${k.bevaegelse}`);
  lines.push('people:');
  for (const p of roster.people) lines.push(`  - id: ${p.id}`, `    name: ${p.name}`, ...(p.email ? [`    email: ${p.email}`] : []));
  lines.push('groups:');
  for (const g of roster.groups) {
    lines.push(`  - id: ${g.id}`, `    kind: ${g.kind}`, `    name: ${g.name}`, ...(g.kerneopgave ? [`    kerneopgave: ${g.kerneopgave}`] : []), '    members:');
    for (const m of g.members) lines.push(`      - person: ${m.person}`, `        roles: [${m.roles.join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}
