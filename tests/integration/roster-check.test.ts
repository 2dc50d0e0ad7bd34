// The roster check as an admin meets it in `npm run roster:import`: a kernegruppe made up otherwise
// than seeds 000/001 say is imported all the same, and the import says where it differs.

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runRosterImport } from '../../scripts/roster-import.js';
import type { CosmosConnection } from '../../src/adapters/cosmos/cosmos-connection.js';
import { loadConfig } from '../../src/config.js';
import type { Group, Roster } from '../../src/domain/directory.js';
import { freshDatabase, repositoriesOf } from '../support/cosmos.js';
import { DEMO_TENANT, demoRoster } from '../support/demo.js';

const config = loadConfig({ FALLBACK_TENANT_ID: DEMO_TENANT });
let cosmos: CosmosConnection;
let dir: string;

beforeEach(async () => {
  cosmos = await freshDatabase();
  dir = await mkdtemp(path.join(tmpdir(), 'roster-check-'));
});

async function importFile(roster: Roster, ...flags: string[]) {
  const file = path.join(dir, 'roster.yaml');
  await writeFile(file, stringify({ tenantId: DEMO_TENANT, ...roster }));
  const out: string[] = [];
  const err: string[] = [];
  const code = await runRosterImport([file, ...flags], config, cosmos, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

/** The demo roster with one kernegruppe changed. */
function changed(groupId: string, change: (g: Group) => Group): Roster {
  return { ...demoRoster, groups: demoRoster.groups.map((g) => (g.id === groupId ? change(g) : g)) };
}
const withoutFirst = (role: Group['members'][number]['roles'][number]) => (g: Group): Group => {
  const i = g.members.findIndex((m) => m.roles.includes(role));
  return { ...g, members: g.members.filter((_, j) => j !== i) };
};
/** A person not in any group made a fagperson of the group. */
const extraFagperson = (g: Group): Group => {
  const inGroups = new Set(demoRoster.groups.flatMap((x) => x.members.map((m) => m.person)));
  const spare = demoRoster.people.find((p) => !inGroups.has(p.id))!;
  return { ...g, members: [...g.members, { person: spare.id, roles: ['fagperson'] }] };
};

const stored = async () => (await repositoriesOf(cosmos).directories.get(DEMO_TENANT))!.value;

describe('roster:import checks the kernegruppers make-up against seeds 000/001', () => {
  it('imports the demo roster without a warning', async () => {
    const r = await importFile(demoRoster);
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    expect(r.out.filter((l) => l.includes('dvarsel'))).toEqual([]);
  });

  it('warns of a kernegruppe without its økonomikonsulent, and imports it', async () => {
    const r = await importFile(changed('kernegruppe-beskaeftigelse', withoutFirst('oekonomikonsulent')));
    expect(r.code).toBe(0);
    expect(r.out.slice(-2)).toEqual([
      'Advarsel: Kernegruppe Beskæftigelse (kernegruppe-beskaeftigelse): forventer 1 økonomikonsulent, fandt 0.',
      '1 advarsel: kernegruppernes sammensætning afviger fra kommissoriet; rollelisten er importeret alligevel.',
    ]);
    const group = (await stored()).groups.find((g) => g.id === 'kernegruppe-beskaeftigelse')!;
    expect(group.members.some((m) => m.roles.includes('oekonomikonsulent'))).toBe(false);
  });

  it('warns of four politicians and of four fagpersoner, each at its group, and imports both', async () => {
    const roster = changed('kernegruppe-social-omsorg', extraFagperson);
    const both = { ...roster, groups: roster.groups.map((g) => (g.id === 'kernegruppe-laering' ? withoutFirst('politiker')(g) : g)) };
    const r = await importFile(both);
    expect(r.code).toBe(0);
    expect(r.out.filter((l) => l.startsWith('Advarsel'))).toEqual([
      'Advarsel: Kernegruppe Læring (kernegruppe-laering): forventer 5 politikere (udvalget), fandt 4.',
      'Advarsel: Kernegruppe Social Omsorg (kernegruppe-social-omsorg): forventer 2-3 fagpersoner, fandt 4.',
    ]);
    expect(r.out.at(-1)).toContain('2 advarsler');
    const groups = (await stored()).groups;
    expect(groups.find((g) => g.id === 'kernegruppe-laering')!.members.filter((m) => m.roles.includes('politiker'))).toHaveLength(4);
    expect(groups.find((g) => g.id === 'kernegruppe-social-omsorg')!.members.filter((m) => m.roles.includes('fagperson'))).toHaveLength(4);
  });

  it('says the same on --dry-run, writing nothing', async () => {
    const r = await importFile(changed('kernegruppe-beskaeftigelse', withoutFirst('oekonomikonsulent')), '--dry-run');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Advarsel: Kernegruppe Beskæftigelse (kernegruppe-beskaeftigelse): forventer 1 økonomikonsulent, fandt 0.');
    expect(r.out.at(-1)).toContain('rollelisten er i orden alligevel');
    expect(await repositoriesOf(cosmos).directories.get(DEMO_TENANT)).toBeUndefined();
  });

  it('accepts ledelsesrepræsentant as a role (seed 002) and stores it', async () => {
    const r = await importFile(
      changed('kernegruppe-laering', (g) => ({ ...g, members: g.members.map((m) => (m.roles.includes('fagperson') ? { ...m, roles: [...m.roles, 'ledelsesrepraesentant' as const] } : m)) })),
    );
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const group = (await stored()).groups.find((g) => g.id === 'kernegruppe-laering')!;
    expect(group.members.filter((m) => m.roles.includes('ledelsesrepraesentant'))).toHaveLength(2);
  });
});
