// Reading a roster file (src/app/roster-file.ts): YAML and JSON both work, and every mistake an admin
// can make is reported in Danish with the line, column and field, so they can fix the file; the
// shipped demo/roster.yaml parses to the demo municipality.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { formatProblem, parseRosterFile, type RosterProblem } from '../../src/app/roster-file.js';
import type { Kerneopgave } from '../../src/domain/directory.js';
import { ROLES } from '../../src/domain/roles.js';

const METTE = 'd0000000-0000-4000-8000-000000000001';
const JOHAN = 'd0000000-0000-4000-8000-000000000002';

// Line numbers in the tests below refer to this text; keep it as it is.
const ROSTER = `tenantId: de000000-0000-4000-8000-000000000001
people:
  - id: ${METTE}
    name: Mette Holm
    email: mette.holm@demo.kommune.dk
  - id: ${JOHAN}
    name: Johan Kristensen
groups:
  - id: kernegruppe-laering
    kind: kernegruppe
    name: Kernegruppe Læring
    kerneopgave: laering
    members:
      - person: ${METTE}
        roles: [politiker, udvalgsformand]
      - person: ${JOHAN}
        roles: [chef, tovholder]
  - id: byraad
    kind: Byråd
    name: Byrådet
    members:
      - person: ${METTE}
        roles: [Byrådsmedlem]
kerneopgaver:
  - id: laering
    name: Læring
    bevaegelse: Barnet og den unge bliver parat til uddannelse eller job.
    forudsaetninger:
      - id: laering-1
        text: Alle børn har et trygt læringsmiljø
        demo: true
links:
  - conversationId: "19:kernegruppe-laering@thread.v2"
    group: kernegruppe-laering
`;

/** The roster with one line replaced; fails the test if the line is not there, so fixtures cannot rot. */
function edit(find: string, replace: string): string {
  expect(ROSTER).toContain(find);
  return ROSTER.replace(find, replace);
}

function problemsOf(source: string, known: readonly Kerneopgave[] = []): RosterProblem[] {
  const r = parseRosterFile(source, known);
  if (r.ok) throw new Error('expected the roster to be refused');
  return r.problems;
}

describe('a valid roster', () => {
  it('parses from YAML, with roles and group kinds as people write them', () => {
    const r = parseRosterFile(ROSTER);
    if (!r.ok) throw new Error(r.problems.map((p) => formatProblem('roster.yaml', p)).join('\n'));
    expect(r.tenantId).toBe('de000000-0000-4000-8000-000000000001');
    expect(r.roster.people).toEqual([
      { id: METTE, name: 'Mette Holm', email: 'mette.holm@demo.kommune.dk' },
      { id: JOHAN, name: 'Johan Kristensen' },
    ]);
    expect(r.roster.groups[1]).toEqual({ id: 'byraad', kind: 'byraad', name: 'Byrådet', members: [{ person: METTE, roles: ['byraadsmedlem'] }] });
    expect(r.roster.kerneopgaver?.[0]?.forudsaetninger).toEqual([{ id: 'laering-1', text: 'Alle børn har et trygt læringsmiljø', demo: true }]);
    expect(r.roster.links).toEqual([{ conversationId: '19:kernegruppe-laering@thread.v2', group: 'kernegruppe-laering' }]);
  });

  it('parses the same roster written as JSON to the same result', () => {
    const json = JSON.stringify(parseYaml(ROSTER), null, 2);
    expect(json.trimStart().startsWith('{')).toBe(true);
    expect(parseRosterFile(json)).toEqual(parseRosterFile(ROSTER));
  });

  it('reads Entra object ids in capitals as the same lower-case ids', () => {
    const r = parseRosterFile(ROSTER.replaceAll(METTE, METTE.toUpperCase()));
    expect(r.ok && r.roster.people[0]?.id).toBe(METTE);
    expect(r.ok && r.roster.groups[0]?.members[0]?.person).toBe(METTE);
  });

  it('accepts a roster without kerneopgaver when its kernegrupper use ones already in force', () => {
    const withoutKerneopgaver = ROSTER.slice(0, ROSTER.indexOf('kerneopgaver:'));
    const inForce: Kerneopgave[] = [{ id: 'laering', name: 'Læring', bevaegelse: 'x', forudsaetninger: [] }];
    const r = parseRosterFile(withoutKerneopgaver, inForce);
    expect(r.ok).toBe(true);
    expect(r.ok && r.roster.kerneopgaver).toBeUndefined();
  });
});

describe('mistakes in a roster', () => {
  it('reports a YAML syntax error with its line', () => {
    const problems = problemsOf(edit('    name: Johan Kristensen', '    name: [Johan Kristensen'));
    expect(problems[0]).toMatchObject({ line: 8, field: '(syntaks)' });
    expect(problems[0]!.message.length).toBeGreaterThan(0);
  });

  it('reports a key written twice as a syntax error on the second one', () => {
    expect(problemsOf(edit('    name: Johan Kristensen', '    name: Johan Kristensen\n    name: Johan K'))[0]).toMatchObject({ line: 8, field: '(syntaks)' });
  });

  it("reports a missing name at the line of that person", () => {
    expect(problemsOf(edit('    name: Johan Kristensen\n', ''))).toEqual([{ line: 6, column: 5, field: 'people[1].name', message: 'mangler' }]);
  });

  it('reports an id that is not a GUID at its line and column', () => {
    expect(problemsOf(edit(`  - id: ${JOHAN}`, '  - id: johan.kristensen'))).toEqual([
      { line: 6, column: 9, field: 'people[1].id', message: 'skal være et Entra objekt-id (GUID)' },
    ]);
  });

  it('reports an unknown role and lists the roles it knows', () => {
    const [problem, ...rest] = problemsOf(edit('[chef, tovholder]', '[chef, direktør]'));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ line: 17, field: 'groups[0].members[1].roles[1]' });
    expect(problem!.message).toContain("ukendt rolle 'direktør'");
    for (const role of ROLES) expect(problem!.message).toContain(role);
  });

  it('reports an unknown group kind and lists the kinds it knows', () => {
    const [problem] = problemsOf(edit('    kind: Byråd', '    kind: udvalg'));
    expect(problem).toMatchObject({ line: 19, field: 'groups[1].kind' });
    expect(problem!.message).toMatch(/ukendt gruppetype 'udvalg'.*kernegruppe, byraad, konsulenter, oekonomi-personale/);
  });

  it('reports an unknown field by name at its line', () => {
    const [problem, ...rest] = problemsOf(edit('    name: Johan Kristensen', '    name: Johan Kristensen\n    telefon: 12345678'));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ line: 8, field: 'people[1]', message: "ukendt felt 'telefon'" });
  });

  it('reports an unknown field holding a list at the line of the field, not of its first item', () => {
    const [problem] = problemsOf(edit('    name: Johan Kristensen', '    name: Johan Kristensen\n    telefoner:\n      - 12345678'));
    expect(problem).toMatchObject({ line: 8, column: 5, field: 'people[1]', message: "ukendt felt 'telefoner'" });
  });

  it('reports a member who is not among the people at the line of that member', () => {
    const stranger = 'd0000000-0000-4000-8000-000000000099';
    expect(problemsOf(edit(`      - person: ${JOHAN}`, `      - person: ${stranger}`))).toEqual([
      { line: 16, column: 17, field: 'groups[0].members[1].person', message: `ukendt person ${stranger} (ikke under people)` },
    ]);
  });

  it('reports a kernegruppe whose kerneopgave does not exist', () => {
    expect(problemsOf(edit('    kerneopgave: laering', '    kerneopgave: sundhed'))).toEqual([
      { line: 12, column: 18, field: 'groups[0].kerneopgave', message: "ukendt kerneopgave 'sundhed'" },
    ]);
  });

  it('reports a person listed twice at the second one, also when the id differs only in case', () => {
    const problems = problemsOf(edit(`  - id: ${JOHAN}\n    name: Johan Kristensen`, `  - id: ${JOHAN}\n    name: Johan Kristensen\n  - id: ${JOHAN.toUpperCase()}\n    name: Johan K`));
    expect(problems).toEqual([{ line: 8, column: 9, field: 'people[2].id', message: `personen ${JOHAN} står der allerede` }]);
  });

  it('reports every mistake at once, so an admin can fix the file in one go', () => {
    const source = edit('    name: Johan Kristensen\n', '').replace('[chef, tovholder]', '[chef, direktør]');
    expect(problemsOf(source).map((p) => p.field)).toEqual(['people[1].name', 'groups[0].members[1].roles[1]']);
  });

  it('reports a missing people list, and an empty file, instead of throwing', () => {
    expect(problemsOf(ROSTER.replace(/^people:[\s\S]*?(?=^groups:)/m, ''))).toContainEqual(
      expect.objectContaining({ field: 'people', message: expect.stringMatching(/^mangler/) }),
    );
    expect(problemsOf('')).toEqual([expect.objectContaining({ line: 1, field: '(filen)' })]);
  });

  it('reports mistakes in JSON at their line too', () => {
    const json = JSON.stringify(parseYaml(edit(`  - id: ${JOHAN}`, '  - id: johan')), null, 2);
    const line = json.split('\n').findIndex((l) => l.includes('"johan"')) + 1;
    expect(line).toBeGreaterThan(1);
    expect(problemsOf(json)).toEqual([expect.objectContaining({ line, field: 'people[1].id' })]);
  });
});

describe('formatProblem', () => {
  it('writes file:line:col: field: message, as editors and CI logs link to', () => {
    expect(formatProblem('demo/roster.yaml', { line: 16, column: 17, field: 'groups[0].members[1].person', message: 'ukendt person x (ikke under people)' })).toBe(
      'demo/roster.yaml:16:17: groups[0].members[1].person: ukendt person x (ikke under people)',
    );
  });
});

describe('demo/roster.yaml', () => {
  const parsed = parseRosterFile(readFileSync(new URL('../../demo/roster.yaml', import.meta.url), 'utf8'));

  it('parses without problems', () => {
    expect(parsed.ok ? [] : parsed.problems.map((p) => formatProblem('demo/roster.yaml', p))).toEqual([]);
  });

  it('holds the demo municipality: 58 people, 8 groups and the 4 kerneopgaver', () => {
    if (!parsed.ok) throw new Error('demo/roster.yaml does not parse');
    expect(parsed.roster.people).toHaveLength(58);
    expect(parsed.roster.groups.map((g) => g.id)).toEqual([
      'kernegruppe-laering',
      'kernegruppe-beskaeftigelse',
      'kernegruppe-social-omsorg',
      'kernegruppe-fritid-faellesskab',
      'byraad',
      'konsulenter',
      'oekonomi-personale',
      'kommuneledelse',
    ]);
    expect(parsed.roster.kerneopgaver?.map((k) => k.name)).toEqual(['Læring', 'Beskæftigelse', 'Social Omsorg', 'Fritid & Fællesskab']);
  });

  it('gives every kerneopgave a bevægelse and forudsætninger that are marked as demo data', () => {
    if (!parsed.ok) throw new Error('demo/roster.yaml does not parse');
    for (const k of parsed.roster.kerneopgaver ?? []) {
      expect(k.bevaegelse.length, k.id).toBeGreaterThan(20);
      expect(k.forudsaetninger.length, k.id).toBeGreaterThan(0);
      expect(k.forudsaetninger.every((f) => f.demo), k.id).toBe(true);
    }
  });
});
