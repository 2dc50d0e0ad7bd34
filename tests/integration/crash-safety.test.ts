// The local data after a crash: every write a client was told is stored survives kill -9 at random
// moments (the journal is fsync'd before the answer), a bid whose receipt the bidder saw is there
// after the real bot is killed and started again, a torn last journal line costs nothing before it,
// and the data folder has exactly one owner: two bots started together, one runs; a lock left by a
// killed bot, or naming a pid that now belongs to another program, does not block the next start.

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile, appendFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { LocalDataInUseError, openLocalCosmos } from '../../src/adapters/cosmos/cosmos-connection.js';
import { processStartTime } from '../../src/adapters/cosmos/data-lock.js';
import { CosmosTenderRepository } from '../../src/adapters/cosmos/tender-repository.js';
import { loadConfig } from '../../src/config.js';
import { botAdded, cardAction } from '../support/activities.js';
import { BotProcess } from '../support/bot-process.js';
import { dataOf, verbsOf } from '../support/card-actions.js';
import { describeFigures, runCrashTrials } from '../support/crash-trials.js';
import { conversations, DEMO_TENANT, persona } from '../support/demo.js';
import { RecordingConnector } from '../support/recording-connector.js';

const silent = pino({ level: 'silent' });

async function localConfig(dataDir?: string) {
  const cfg = loadConfig({ DATA_DIR: dataDir ?? (await mkdtemp(path.join(tmpdir(), 'kerneopgave-data-'))) });
  if (cfg.cosmos.kind !== 'embedded') throw new Error('expected embedded');
  return cfg.cosmos;
}

describe('acknowledged writes survive kill -9', () => {
  it('loses none of the writes acknowledged before 25 kills at random moments, and hands out no counter number twice', async () => {
    const figures = await runCrashTrials({ trials: 25 });
    process.stdout.write(`${describeFigures(figures)}\n`);
    expect(figures.lost).toEqual([]);
    expect(figures.duplicateNumbers).toEqual([]);
    expect(figures.acknowledged).toBeGreaterThan(0);

    // And the next start serves them: every acknowledged item is read back through the server.
    const conn = await openLocalCosmos(await localConfig(figures.dataDir), silent, { role: 'owner' });
    try {
      const { resources } = await conn.containers.tenders.items.query<{ id: string; next?: number }>('SELECT c.id, c.next FROM c').fetchAll();
      expect(resources.length).toBeGreaterThan(0);
    } finally {
      await conn.close();
    }
  }, 600_000);

  it('keeps a bid whose receipt the bidder saw when the real bot is killed right after it', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'kerneopgave-crash-bot-'));
    const dataDir = path.join(work, 'data');
    const connector = await new RecordingConnector().start();
    // `url` is the bot's messaging endpoint (…/api/messages).
    let { bot, url } = await BotProcess.start({ dataDir, home: work, env: { LOCALE_OVERRIDE: 'da' } });
    try {
      const send = async (activity: Partial<Activity>) => {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...activity, serviceUrl: connector.url }) });
        const text = await res.text();
        expect(res.status).toBe(200);
        return text ? (JSON.parse(text) as { value?: unknown }).value : undefined;
      };
      for (const c of [conversations.laeringChat, conversations.general]) await send(botAdded(persona.admin, c));
      const deadline = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);
      const saved = await send(
        cardAction(persona.tovholder, conversations.laeringChat, 'tender.save', {
          title: 'Læsevenner i lokalsamfundet',
          forudsaetninger: 'laering-1',
          description: 'Frivillige læsevenner.',
          deadlineDate: deadline,
          deadlineTime: '12:00',
          budgetKr: '250000',
          decidedBy: 'kernegruppe',
        }),
      );
      const { tenderId } = dataOf(saved, 'tender.publish');
      await send(cardAction(persona.tovholder, conversations.laeringChat, 'tender.publish', { tenderId }));
      const form = await send(cardAction(persona.medarbejder, conversations.general, 'bid.open', { tenderId }));
      const { submissionId } = dataOf(form, 'bid.submit');
      const receipt = await send(
        cardAction(persona.medarbejder, conversations.general, 'bid.submit', {
          tenderId,
          submissionId,
          title: 'Læsecafé på biblioteket',
          description: 'Ugentlig læsecafé.',
          howItHelps: 'Børnene læser mere.',
          forudsaetninger: 'laering-1',
          participate: 'true',
        }),
      );
      expect(verbsOf(receipt)).toContain('bid.edit'); // the receipt: the bid can now be edited

      process.kill(-bot.child.pid!, 'SIGKILL');
      await bot.exited;
      ({ bot, url } = await BotProcess.start({ dataDir, home: work, env: { LOCALE_OVERRIDE: 'da' } }));
      // A tool connects to the restarted bot's server, as `npm run roster:import` does.
      const tool = await openLocalCosmos(await localConfig(dataDir), silent, { role: 'tool' });
      try {
        const tenders = new CosmosTenderRepository(tool.containers.tenders);
        expect((await tenders.getTender(DEMO_TENANT, tenderId!))?.value.status).toBe('published');
        const bids = await tenders.allBidsOfTender(DEMO_TENANT, tenderId!);
        expect(bids.map((b) => b.title)).toEqual(['Læsecafé på biblioteket']);
      } finally {
        await tool.close();
      }
    } finally {
      await bot.stop();
      await connector.stop();
    }
  }, 240_000);

  it('loads every journaled write before a torn last line', async () => {
    const cfg = await localConfig();
    const first = await openLocalCosmos(cfg, silent, { role: 'owner' });
    for (const id of ['a', 'b', 'c']) await first.containers.tenders.items.create({ id, pk: 't', n: 1 });
    await first.containers.tenders.item('b', 't').delete();
    // A crash: the owner never closes (no compaction); its lock is removed as a new start would find it stale.
    const journal = path.join(path.resolve(cfg.dataDir), 'journal.ndjson');
    const lines = (await readFile(journal, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(4);
    await appendFile(journal, '{"c":"tenders","doc":{"id":"d","pk":"t","n":');
    await writeFile(path.join(path.resolve(cfg.dataDir), 'owner.lock'), JSON.stringify({ pid: 999_999_999, host: hostname(), started: null, token: 'gone', role: 'owner' }));

    const second = await openLocalCosmos(cfg, silent, { role: 'owner' });
    try {
      const { resources } = await second.containers.tenders.items.query<{ id: string }>('SELECT c.id FROM c').fetchAll();
      expect(resources.map((r) => r.id).sort()).toEqual(['a', 'c']);
    } finally {
      await second.close();
      await first.close().catch(() => undefined);
    }
  });
});

/** Starts `tests/support/crash-writer.ts`-like owners: the bot's own open, in a process of its own. */
function startOwner(dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = `
    import pino from 'pino';
    import { openLocalCosmos, LocalDataInUseError } from './src/adapters/cosmos/cosmos-connection.js';
    import { loadConfig } from './src/config.js';
    const cfg = loadConfig({ DATA_DIR: ${JSON.stringify(dataDir)} });
    try {
      const conn = await openLocalCosmos(cfg.cosmos, pino({ level: 'silent' }), { role: 'owner' });
      await conn.containers.tenders.items.create({ id: 'from-' + process.pid, pk: 't' });
      console.log('running');
      await new Promise((r) => setTimeout(r, 1500));
      await conn.close();
    } catch (e) {
      if (!(e instanceof LocalDataInUseError)) throw e;
      console.error(e.message);
      process.exit(1);
    }`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', '--input-type=module', '-e', script], { cwd: path.resolve('.'), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('one owner of the local data folder', () => {
  it('runs exactly one of two bots started at the same moment; the other says so with its pid and exits 1', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'kerneopgave-lock-'));
    const results = await Promise.all([startOwner(dataDir), startOwner(dataDir)]);
    const ran = results.filter((r) => r.stdout.includes('running'));
    const refused = results.filter((r) => r.code === 1);
    expect(ran).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.stderr).toMatch(/En anden kopi af botten kører allerede \(pid \d+\) med de lokale data i .*\. Stop den først\./);
  }, 120_000);

  it('is not blocked by the lock of a killed bot, nor by one naming a pid that now belongs to another program', async () => {
    const cfg = await localConfig();
    const lockFile = path.join(path.resolve(cfg.dataDir), 'owner.lock');
    // A bot killed with kill -9 leaves its lock behind.
    const killed = spawn('sleep', ['30']);
    const killedStart = processStartTime(killed.pid!);
    killed.kill('SIGKILL');
    await new Promise((resolve) => killed.on('exit', resolve));
    await writeFile(lockFile, JSON.stringify({ pid: killed.pid, host: hostname(), started: killedStart, token: 'killed', role: 'owner' }));
    const first = await openLocalCosmos(cfg, silent, { role: 'owner' });
    await first.close();

    // The pid now runs something else (here `sleep`, started after the bot the lock names).
    const other = spawn('sleep', ['30']);
    try {
      await writeFile(lockFile, JSON.stringify({ pid: other.pid, host: hostname(), started: '1', token: 'reused', role: 'owner' }));
      // A killed bot also leaves its server's info file behind, naming the same pid.
      await writeFile(path.join(path.resolve(cfg.dataDir), 'embedded-cosmos.json'), JSON.stringify({ pid: other.pid, token: 'reused', endpoint: 'https://127.0.0.1:1', key: 'x', ca: '' }));
      const second = await openLocalCosmos(cfg, silent, { role: 'owner' });
      await second.close();
    } finally {
      other.kill('SIGKILL');
    }

    // While a bot runs, a second one on the folder is still refused.
    const running = await openLocalCosmos(cfg, silent, { role: 'owner' });
    try {
      await expect(openLocalCosmos(cfg, silent, { role: 'owner' })).rejects.toBeInstanceOf(LocalDataInUseError);
    } finally {
      await running.close();
    }
  });
});
