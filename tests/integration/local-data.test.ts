// Local data survives a restart of `npm start`, `--reset` starts clean, a second bot on the same
// data folder is refused, and tools (roster import) write into the running bot's database.

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { LocalDataInUseError, openLocalCosmos } from '../../src/adapters/cosmos/cosmos-connection.js';
import { importRoster } from '../../src/app/import-roster.js';
import { systemClock } from '../../src/app/ports.js';
import { repositoriesOf } from '../support/cosmos.js';
import { DEMO_TENANT, demoRoster } from '../support/demo.js';

const silent = pino({ level: 'silent' });

async function localConfig() {
  const cfg = loadConfig({ DATA_DIR: await mkdtemp(path.join(tmpdir(), 'kerneopgave-data-')) });
  if (cfg.cosmos.kind !== 'embedded') throw new Error('expected embedded');
  return cfg.cosmos;
}

describe('local data', () => {
  it('survives a restart, and --reset starts clean', async () => {
    const cfg = await localConfig();
    const first = await openLocalCosmos(cfg, silent, { role: 'owner' });
    await importRoster({ directories: repositoriesOf(first).directories, clock: systemClock }, DEMO_TENANT, demoRoster, 'test');
    await first.close();

    const second = await openLocalCosmos(cfg, silent, { role: 'owner' });
    const kept = await repositoriesOf(second).directories.get(DEMO_TENANT);
    expect(kept?.value.groups).toHaveLength(demoRoster.groups.length);
    // Every person item too (written in bulk, so the journal's bulk records are replayed).
    expect(await repositoriesOf(second).directories.storedPeople(DEMO_TENANT)).toHaveLength(demoRoster.people.length);
    await second.close();

    const reset = await openLocalCosmos(cfg, silent, { role: 'owner', reset: true });
    expect(await repositoriesOf(reset).directories.get(DEMO_TENANT)).toBeUndefined();
    await reset.close();
  });

  it('refuses a second bot on the same data folder, and lets a tool write into the running one', async () => {
    const cfg = await localConfig();
    const bot = await openLocalCosmos(cfg, silent, { role: 'owner' });
    try {
      // The running bot holds the folder's lock (see crash-safety.test.ts for other processes).
      await expect(openLocalCosmos(cfg, silent, { role: 'owner' })).rejects.toBeInstanceOf(LocalDataInUseError);

      const tool = await openLocalCosmos(cfg, silent, { role: 'tool' });
      await importRoster({ directories: repositoriesOf(tool).directories, clock: systemClock }, DEMO_TENANT, demoRoster, 'tool');
      await tool.close();
      expect((await repositoriesOf(bot).directories.get(DEMO_TENANT))?.value.importedBy).toBe('tool');
    } finally {
      await bot.close();
    }
  });
});
