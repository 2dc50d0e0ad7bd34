// What a turn costs in directory reads does not depend on how many people the roster has: the roster's
// people are one item each, the directory item holds the groups and their members, and each bot
// instance keeps the parsed directory until its etag changes. Through the real Application
// (TestAdapter) on the embedded Cosmos server, with every request to Cosmos counted.

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRosterImport } from '../../scripts/roster-import.js';
import { importRoster } from '../../src/app/import-roster.js';
import { CosmosDirectoryRepository } from '../../src/adapters/cosmos/directory-repository.js';
import { loadConfig } from '../../src/config.js';
import { message } from '../support/activities.js';
import { BotDriver, cardText } from '../support/bot-driver.js';
import { generatedPerson, generatedRoster, rosterYaml } from '../support/big-roster.js';
import { CosmosRequestLog, freshDatabase } from '../support/cosmos.js';
import { DEMO_TENANT, personal } from '../support/demo.js';

const TENANT = DEMO_TENANT;
/** Person 21 of a generated roster: tovholder of Kernegruppe Læring. */
const member = { id: generatedPerson(21).id, name: 'Teams-navn' };
const importer = 'test';

async function botWithRoster(size: number) {
  const log = new CosmosRequestLog();
  const cosmos = await freshDatabase(log);
  const bot = await BotDriver.start(cosmos, { seed: false });
  // Straight through the import use case (the file path is tested below with a few thousand people).
  const imported = await importRoster({ directories: bot.repos.directories, clock: bot.clock }, TENANT, generatedRoster(size), importer);
  expect(imported.ok).toBe(true);
  return { bot, log, cosmos };
}

/** The requests and bytes of one turn, after a first turn on this instance (an instance serves many turns). */
async function costOf(bot: BotDriver, log: CosmosRequestLog, text: string) {
  await bot.send(message(member, personal(member), text));
  log.clear();
  const sent = await bot.send(message(member, personal(member), text));
  return { requests: [...log.requests], bytes: log.bytesRead(), card: cardText(sent.cards[0]) };
}

describe("a turn's directory cost", () => {
  it('is the same for a roster of 50 and of 50,000 people: "hjælp" and "udbud" read the same requests and under 50 KB', async () => {
    const small = await botWithRoster(50);
    const large = await botWithRoster(50_000);
    for (const text of ['hjælp', 'udbud']) {
      const a = await costOf(small.bot, small.log, text);
      const b = await costOf(large.bot, large.log, text);
      expect(b.requests).toEqual(a.requests);
      expect(a.bytes).toBeLessThan(50_000);
      expect(b.bytes).toBeLessThan(50_000);
      // The member is known by the roster's name and role either way.
      expect(b.card).toBe(a.card);
    }
    const who = await large.bot.send(message(member, personal(member), 'hvem er jeg'));
    expect(cardText(who.cards[0])).toContain('Kernegruppe Læring');
    // All 50,000 are stored, one item each; the directory item holds the 31 group members only.
    expect(await large.bot.repos.directories.storedPeople(TENANT)).toHaveLength(50_000);
    expect((await large.bot.repos.directories.get(TENANT))!.value.people).toHaveLength(31);
  }, 600_000);

  it('reads an unchanged directory with If-None-Match: 304, no body', async () => {
    const { bot, log } = await botWithRoster(50);
    await bot.send(message(member, personal(member), 'hvem er jeg'));
    log.clear();
    await bot.send(message(member, personal(member), 'hvem er jeg'));
    // The whole turn: one point read of the directory, answered 304 without a body.
    expect(log.responses).toEqual([{ request: 'read docs', status: 304, bytes: 0 }]);
  });

  it("sees a change written by another bot instance on the next turn", async () => {
    const { bot, cosmos } = await botWithRoster(50);
    const before = await bot.send(message(member, personal(member), 'hvem er jeg'));
    expect(cardText(before.cards[0])).not.toContain('Du er administrator.');
    // A second instance (its own repository, its own cache) makes the member an admin.
    const other = new CosmosDirectoryRepository(cosmos.containers.directory);
    const current = (await other.get(TENANT))!;
    const groups = current.value.groups.map((g) =>
      g.id === 'kernegruppe-laering' ? { ...g, members: g.members.map((m) => (m.person === member.id ? { ...m, roles: [...m.roles, 'admin' as const] } : m)) } : g,
    );
    expect(await other.save({ ...current.value, groups }, current.etag)).toBe('saved');
    const after = await bot.send(message(member, personal(member), 'hvem er jeg'));
    expect(cardText(after.cards[0])).toContain('Du er administrator.');
  });
});

describe('roster:import of a large roster file', () => {
  const config = loadConfig({ FALLBACK_TENANT_ID: TENANT });

  async function runFile(cosmos: Awaited<ReturnType<typeof freshDatabase>>, yaml: string) {
    const dir = await mkdtemp(path.join(tmpdir(), 'roster-'));
    const file = path.join(dir, 'roster.yaml');
    await writeFile(file, yaml);
    const out: string[] = [];
    const err: string[] = [];
    const code = await runRosterImport([file], config, cosmos, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
  }

  it('imports 5,000 people from the file, saying how far it is, and removes those who left at the next import', async () => {
    const cosmos = await freshDatabase();
    const roster = generatedRoster(5_000);
    const first = await runFile(cosmos, rosterYaml(TENANT, roster));
    expect(first.code).toBe(0);
    expect(first.err).toEqual(['Personer skrevet: 5.000 af 5.000 …']);
    expect(first.out[0]).toBe(`Importeret til tenant ${TENANT}: 5000 personer, 2 grupper, 1 kerneopgaver, 0 tilknyttede samtaler.`);
    expect(first.out).toContain('Personer: 5.000 nye eller ændrede, 0 ikke længere på listen (fjernet).');

    // Person 4,000 left; person 4,001 changed name. Only those two items are touched.
    const leaver = roster.people[4_000]!;
    const people = roster.people.filter((p) => p !== leaver).map((p, i) => (i === 4_000 ? { ...p, name: 'Nyt Navn' } : p));
    const second = await runFile(cosmos, rosterYaml(TENANT, { ...roster, people }));
    expect(second.code).toBe(0);
    expect(second.out).toContain('Personer: 1 nye eller ændrede, 1 ikke længere på listen (fjernet).');
    const stored = await new CosmosDirectoryRepository(cosmos.containers.directory).storedPeople(TENANT);
    expect(stored).toHaveLength(4_999);
    expect(stored.some((p) => p.id === leaver.id)).toBe(false);
    expect(stored.find((p) => p.id === roster.people[4_001]!.id)?.name).toBe('Nyt Navn');
  }, 300_000);

  it('refuses a file over 15 MB before reading it, and writes nothing', async () => {
    const cosmos = await freshDatabase();
    const r = await runFile(cosmos, `${rosterYaml(TENANT, generatedRoster(50))}#${' '.repeat(15_000_000)}\n`);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/fylder 15\.00\d\.\d{3} bytes; grænsen er 15\.000\.000 \(plads til omkring 100\.000 personer\)\. Intet er importeret\.$/);
    expect(await new CosmosDirectoryRepository(cosmos.containers.directory).get(TENANT)).toBeUndefined();
  });
});
