// The roster check (issue 13 point 8): where a kernegruppe's make-up differs from seeds 000/001.

import { describe, expect, it } from 'vitest';
import { compositionWarningText } from '../../src/app/roster-check.js';
import { parseRole } from '../../src/domain/roles.js';
import type { Group, Membership } from '../../src/domain/directory.js';
import { compositionWarnings } from '../../src/domain/roster-check.js';
import { demoRoster } from '../support/demo.js';

const laering = () => demoRoster.groups.find((g) => g.id === 'kernegruppe-laering')!;
const withMembers = (g: Group, members: readonly Membership[]): Group => ({ ...g, members });
const dropFirst = (g: Group, role: Membership['roles'][number]) => {
  const i = g.members.findIndex((m) => m.roles.includes(role));
  return withMembers(g, g.members.filter((_, j) => j !== i));
};

describe('compositionWarnings', () => {
  it('finds nothing to say about the demo roster, whose four kernegrupper are made up as Tabel 1 (seed 001)', () => {
    expect(compositionWarnings(demoRoster.groups)).toEqual([]);
  });

  it('names the group, the rule, what is expected and what was found when the økonomikonsulent is missing', () => {
    expect(compositionWarnings([dropFirst(laering(), 'oekonomikonsulent')])).toEqual([
      { group: 'kernegruppe-laering', groupName: 'Kernegruppe Læring', rule: 'oekonomikonsulent', expected: { min: 1, max: 1 }, found: 0 },
    ]);
  });

  it('warns of four politicians where the udvalg has five', () => {
    const [w] = compositionWarnings([dropFirst(laering(), 'politiker')]);
    expect(w).toMatchObject({ rule: 'politikere', expected: { min: 5, max: 5 }, found: 4 });
    expect(compositionWarningText(w!)).toBe('Kernegruppe Læring (kernegruppe-laering): forventer 5 politikere (udvalget), fandt 4.');
  });

  it('accepts two or three fagpersoner and warns of four', () => {
    const g = laering();
    const fag = (n: number): Membership[] => Array.from({ length: n }, (_, i) => ({ person: `f${i}`, roles: ['fagperson'] }));
    const others = g.members.filter((m) => !m.roles.includes('fagperson'));
    expect(compositionWarnings([withMembers(g, [...others, ...fag(3)])])).toEqual([]);
    const [w] = compositionWarnings([withMembers(g, [...others, ...fag(4)])]);
    expect(compositionWarningText(w!)).toBe('Kernegruppe Læring (kernegruppe-laering): forventer 2-3 fagpersoner, fandt 4.');
  });

  it('wants the tovholder to be a chef, and the konsulenter not tied to the area', () => {
    const g = laering();
    const members = g.members.map((m) =>
      m.roles.includes('tovholder') ? { ...m, roles: ['tovholder' as const] } : m.roles.includes('konsulent') ? { ...m, roles: [...m.roles, 'fagperson' as const] } : m,
    );
    expect(compositionWarnings([withMembers(g, members)]).map((w) => [w.rule, w.found])).toEqual([
      ['tovholder', 0],
      ['konsulent-tilknyttet', 2],
      ['fagpersoner', 4],
    ]);
  });

  it('checks only kernegrupper', () => {
    expect(compositionWarnings(demoRoster.groups.filter((g) => g.kind !== 'kernegruppe'))).toEqual([]);
  });
});

describe('ledelsesrepræsentant (seed 002)', () => {
  it.each(['ledelsesrepræsentant', 'Ledelsesrepraesentant', 'management representative'])('reads %j as a role', (typed) => {
    expect(parseRole(typed)).toBe('ledelsesrepraesentant');
  });
});
