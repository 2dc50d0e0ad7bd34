// The kernegruppe's rights table (issue 13 point 5): read from the roster file's `rights` (defaults when
// absent, actions and roles as people write them, mistakes refused with line and field in Danish), and
// the rule each use case asks (domain/rights.ts through domain/actor.ts `mayDo`).

import { describe, expect, it } from 'vitest';
import { parseRosterFile } from '../../src/app/roster-file.js';
import { actorFrom, managesTendersOf, mayDo } from '../../src/domain/actor.js';
import { applyRoster, type Roster } from '../../src/domain/directory.js';
import { DEFAULT_RIGHTS, screeningRight } from '../../src/domain/rights.js';

const TENANT = 'de000000-0000-4000-8000-000000000001';
const JOHAN = 'd0000000-0000-4000-8000-000000000002';
const HANNE = 'd0000000-0000-4000-8000-000000000003';
const PER = 'd0000000-0000-4000-8000-000000000004';
const HENRIK = 'd0000000-0000-4000-8000-000000000005';

// Line numbers in the tests below refer to this text (24 lines: `rights:` is line 25).
const ROSTER = `people:
  - id: ${JOHAN}
    name: Johan Kristensen
  - id: ${HANNE}
    name: Hanne Graversen
  - id: ${PER}
    name: Per Chef
  - id: ${HENRIK}
    name: Henrik Dahl
groups:
  - id: kernegruppe-laering
    kind: kernegruppe
    name: Kernegruppe Læring
    kerneopgave: laering
    members:
      - { person: ${JOHAN}, roles: [chef, tovholder] }
      - { person: ${HANNE}, roles: [konsulent] }
      - { person: ${PER}, roles: [chef] }
  - id: admins
    kind: konsulenter
    name: Administratorer
    members:
      - { person: ${HENRIK}, roles: [admin] }
kerneopgaver: [{ id: laering, name: Læring, bevaegelse: Barnet lærer. }]
`;

function parsed(rights: string): Roster {
  const r = parseRosterFile(ROSTER + rights);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.roster;
}

function actors(roster: Roster) {
  const { directory } = applyRoster(undefined, TENANT, roster, 'test', new Date('2026-11-23T10:00:00Z'));
  const who = (id: string) => actorFrom(directory, TENANT, id, '?');
  return { tovholder: who(JOHAN), konsulent: who(HANNE), chef: who(PER), admin: who(HENRIK), directory };
}

const G = 'kernegruppe-laering';
const table = (a: ReturnType<typeof actors>) =>
  Object.fromEntries((['tovholder', 'chef', 'konsulent', 'admin'] as const).map((k) => [k, (['udkast', 'offentliggoer', 'aflys', 'beslut'] as const).filter((x) => mayDo(a[k], G, x))]));

describe('the rights table in the roster file', () => {
  it('without `rights`, the seeds\' defaults: konsulenter and chefs draft and prepare; the tovholder (and an admin) publishes, cancels and decides', () => {
    const a = actors(parsed(''));
    expect(a.directory.rights).toBeUndefined();
    expect(table(a)).toEqual({
      tovholder: ['udkast', 'offentliggoer', 'aflys', 'beslut'],
      chef: ['udkast'],
      konsulent: ['udkast'],
      admin: ['offentliggoer', 'aflys', 'beslut'],
    });
    expect(managesTendersOf(a.konsulent, G)).toBe(true);
  });

  it('a custom table is honoured, written the Danish way; an action left out keeps its default', () => {
    const roster = parsed('rights:\n  offentliggør: [Tovholder, Chef]\n  beslut: [tovholder, chef]\n  udkast: [konsulent, økonomikonsulent]\n');
    expect(roster.rights).toEqual({ udkast: ['konsulent', 'oekonomikonsulent'], offentliggoer: ['tovholder', 'chef'], aflys: ['tovholder'], beslut: ['tovholder', 'chef'] });
    expect(table(actors(roster))).toEqual({
      tovholder: ['offentliggoer', 'aflys', 'beslut'],
      chef: ['offentliggoer', 'beslut'],
      konsulent: ['udkast'],
      admin: ['offentliggoer', 'aflys', 'beslut'],
    });
  });

  it('refuses an unknown role with its line, column and field, in Danish', () => {
    const r = parseRosterFile(`${ROSTER}rights:\n  offentliggoer: [tovholder, sekretær]\n`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([{ line: 26, column: 30, field: 'rights.offentliggoer[1]', message: expect.stringMatching(/^ukendt rolle 'sekretær' \(kendte roller: politiker, .*tovholder, konsulent/) }]);
  });

  it('refuses an unknown action, naming the actions it knows, and an empty list', () => {
    const problems = (source: string) => {
      const r = parseRosterFile(`${ROSTER}rights:\n${source}`);
      return r.ok ? [] : r.problems;
    };
    expect(problems('  udkast: [tovholder]\n  godkend: [tovholder]\n')).toEqual([
      { line: 27, column: 12, field: 'rights.godkend', message: "ukendt handling 'godkend' (kendte handlinger: udkast, offentliggoer, aflys, beslut)" },
    ]);
    expect(problems('  udkast: []\n')).toEqual([{ line: 26, column: 11, field: 'rights.udkast', message: 'skal have mindst én rolle' }]);
  });

  it('refuses the same action written twice in two spellings', () => {
    const r = parseRosterFile(`${ROSTER}rights:\n  offentliggoer: [tovholder]\n  offentliggør: [chef]\n`);
    expect(r.ok ? [] : r.problems.map((p) => [p.line, p.field, p.message])).toEqual([[27, 'rights.offentliggør', "handlingen 'offentliggoer' står der allerede"]]);
  });

  it('a roster imported without `rights` puts the defaults back in force', () => {
    const custom = applyRoster(undefined, TENANT, parsed('rights:\n  aflys: [chef]\n'), 'test', new Date());
    expect(custom.directory.rights?.aflys).toEqual(['chef']);
    expect(applyRoster(custom.directory, TENANT, parsed(''), 'test', new Date()).directory.rights).toBeUndefined();
  });
});

describe('which right a screening takes', () => {
  it('shortlisting and resetting a shortlisted bid prepare; rejecting and undoing a rejection decide', () => {
    expect(screeningRight('submitted', 'shortlisted')).toBe('udkast');
    expect(screeningRight('shortlisted', 'submitted')).toBe('udkast');
    expect(screeningRight('submitted', 'rejected')).toBe('beslut');
    expect(screeningRight('rejected', 'submitted')).toBe('beslut');
    expect(screeningRight('rejected', 'shortlisted')).toBe('beslut');
    expect(DEFAULT_RIGHTS.beslut).toEqual(['tovholder']);
  });
});
