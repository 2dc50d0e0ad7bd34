// The roster import as an admin runs it, against the embedded Cosmos protocol server: a bad file
// names its lines and writes nothing; a good file replaces people and groups in one write and keeps
// the links made from chat.

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { CosmosConnection } from '../../src/adapters/cosmos/cosmos-connection.js';
import { conversationOfGroup } from '../../src/domain/directory.js';
import { runRosterImport } from '../../scripts/roster-import.js';
import { freshDatabase, repositoriesOf } from '../support/cosmos.js';

const TENANT = '7e000000-0000-4000-8000-000000000007';
const config = loadConfig({ FALLBACK_TENANT_ID: TENANT });
let cosmos: CosmosConnection;
let dir: string;

beforeEach(async () => {
  cosmos = await freshDatabase();
  dir = await mkdtemp(path.join(tmpdir(), 'roster-'));
});

async function run(file: string, contents: string, ...flags: string[]) {
  const full = path.join(dir, file);
  await writeFile(full, contents);
  const out: string[] = [];
  const err: string[] = [];
  const code = await runRosterImport([full, ...flags], config, cosmos, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err, full };
}

const good = `tenantId: ${TENANT}
kerneopgaver:
  - id: laering
    name: Læring
    bevaegelse: Barnet og den unge bliver parat til uddannelse eller job.
    forudsaetninger:
      - id: laering-1
        text: Trygt læringsmiljø
people:
  - id: 11111111-1111-4111-8111-111111111111
    name: Ada Admin
  - id: 22222222-2222-4222-8222-222222222222
    name: Pia Politiker
groups:
  - id: kernegruppe-laering
    kind: kernegruppe
    name: Kernegruppe Læring
    kerneopgave: laering
    members:
      - person: 22222222-2222-4222-8222-222222222222
        roles: [politiker]
  - id: byraad
    kind: byråd
    name: Byrådet
    members:
      - person: 11111111-1111-4111-8111-111111111111
        roles: [byrådsmedlem, admin]
links:
  - conversationId: "19:laering@thread.v2"
    group: kernegruppe-laering
`;

describe('roster:import', () => {
  it('imports a good file in one write and says what it did', async () => {
    const r = await run('roster.yaml', good);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe(`Importeret til tenant ${TENANT}: 2 personer, 2 grupper, 1 kerneopgaver, 1 tilknyttede samtaler.`);
    const stored = (await repositoriesOf(cosmos).directories.get(TENANT))!.value;
    expect(stored.people.map((p) => p.name)).toEqual(['Ada Admin', 'Pia Politiker']);
    expect(stored.groups[1]!.members[0]!.roles).toEqual(['byraadsmedlem', 'admin']);
  });

  it('names the line and field of every problem and writes nothing', async () => {
    const bad = good
      .replace('    name: Pia Politiker\n', '')
      .replace('roles: [politiker]', 'roles: [politikker]')
      .replace('person: 11111111-1111-4111-8111-111111111111', 'person: 33333333-3333-4333-8333-333333333333');
    const r = await run('bad.yaml', bad);
    expect(r.code).toBe(1);
    expect(r.err).toContainEqual(`${r.full}:12:5: people[1].name: mangler`);
    expect(r.err.some((l) => l.startsWith(`${r.full}:20:17: groups[0].members[0].roles[0]: ukendt rolle 'politikker'`))).toBe(true);
    expect(r.err.at(-1)).toBe(`2 fejl i ${r.full}. Intet er importeret.`);
    expect(await repositoriesOf(cosmos).directories.get(TENANT)).toBeUndefined();
  });

  it('checks references only once the shape is right, and still writes nothing', async () => {
    const r = await run('ref.yaml', good.replace('person: 11111111-1111-4111-8111-111111111111', 'person: 33333333-3333-4333-8333-333333333333'));
    expect(r.code).toBe(1);
    expect(r.err[0]).toBe(`${r.full}:26:17: groups[1].members[0].person: ukendt person 33333333-3333-4333-8333-333333333333 (ikke under people)`);
    expect(await repositoriesOf(cosmos).directories.get(TENANT)).toBeUndefined();
  });

  it('reads JSON too, with line numbers', async () => {
    const json = JSON.stringify({ tenantId: TENANT, people: [{ id: 'not-a-guid', name: 'X' }], groups: [] }, null, 2);
    const r = await run('roster.json', json);
    expect(r.code).toBe(1);
    expect(r.err[0]).toBe(`${r.full}:5:13: people[0].id: skal være et Entra objekt-id (GUID)`);
  });

  it('keeps links made from chat, drops those whose group is gone, and says so', async () => {
    await run('roster.yaml', good);
    const repos = repositoriesOf(cosmos);
    const current = (await repos.directories.get(TENANT))!;
    const withChatLink = {
      ...current.value,
      links: [...current.value.links, { conversationId: '19:byraad@thread.tacv2', group: 'byraad', announcement: false, changedBy: 'x', changedAt: 'y' }],
    };
    expect(await repos.directories.save(withChatLink, current.etag)).toBe('saved');
    const withoutLaering = good.replace(/ {2}- id: kernegruppe-laering[\s\S]*?roles: \[politiker\]\n/, '').replace(/links:[\s\S]*$/, '');
    const r = await run('smaller.yaml', withoutLaering);
    expect(r.code).toBe(0);
    expect(r.out[1]).toContain("var tilknyttet gruppen 'kernegruppe-laering', som ikke findes længere");
    const after = (await repos.directories.get(TENANT))!.value;
    expect(conversationOfGroup(after, 'byraad')).toBe('19:byraad@thread.tacv2');
    expect(conversationOfGroup(after, 'kernegruppe-laering')).toBeUndefined();
    expect(after.kerneopgaver).toHaveLength(1); // the file brought none, so the stored ones stay
  });

  it('checks without writing on --dry-run, and refuses a tenant mismatch', async () => {
    const dry = await run('roster.yaml', good, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out[0]).toContain('Intet er importeret (--dry-run)');
    expect(await repositoriesOf(cosmos).directories.get(TENANT)).toBeUndefined();
    const mismatch = await run('roster.yaml', good, '--tenant', 'f0000000-0000-4000-8000-000000000001');
    expect(mismatch.code).toBe(1);
    expect(mismatch.err[0]).toContain('men --tenant siger');
  });

  it('says what is wrong with the command line', async () => {
    const out: string[] = [];
    const err: string[] = [];
    expect(await runRosterImport([], config, cosmos, { out: (l) => out.push(l), err: (l) => err.push(l) })).toBe(2);
    expect(err[0]).toMatch(/^Brug: npm run roster:import/);
    expect(await runRosterImport(['/nope/x.yaml'], config, cosmos, { out: (l) => out.push(l), err: (l) => err.push(l) })).toBe(1);
    expect(err[1]).toBe('Kan ikke læse /nope/x.yaml: filen findes ikke.');
  });
});
