// The compiled build (issue 11, issue 14): `npm run build` compiles src/ to dist/, and `node dist/main.js`
// starts and answers /readyz, both on the production path (COSMOS_ENDPOINT set) and with the local
// database as `npm start` runs it. On the production path the embedded database and the certificate
// maker are never loaded: the packages the process loaded are read from require.cache as it exits.
// Start-up time and memory are figures for `npm run bench:startup`, not assertions here.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/adapters/cosmos/embedded-cosmos.js';
import { DIST_MAIN, REPO_ROOT } from '../../scripts/build-dist.js';
import { BotProcess } from '../support/bot-process.js';
import { freePort } from '../support/free-port.js';
import { readyThenStop, readyz } from '../support/readyz.js';


/**
 * Loaded with --import: when the process exits, writes the npm packages it loaded (every one of the
 * local database's packages is CommonJS, so require.cache sees them) to the file LOADED_PACKAGES_OUT names.
 */
const PROBE = `data:text/javascript,${encodeURIComponent(`
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
const cache = createRequire(process.cwd() + '/').cache;
process.on('exit', () => {
  const names = new Set(Object.keys(cache).map((f) => /node_modules[\\\\/]((@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(f)?.[1]).filter(Boolean));
  writeFileSync(process.env.LOADED_PACKAGES_OUT, JSON.stringify([...names]));
});
`)}`;


let work: string;
let cosmos: EmbeddedCosmos | undefined;
let build: { status: number | null; output: string };

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'kerneopgave-build-'));
  // The README's command, as a newcomer types it (vitest's global setup has built already, so this is quick).
  const run = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work } });
  build = { status: run.status, output: `${run.stdout}${run.stderr}` };
  cosmos = await startEmbeddedCosmos();
});

afterAll(async () => {
  await cosmos?.stop();
});

describe('the compiled build', () => {
  it('is built by npm run build without errors', () => {
    expect(build.output).not.toMatch(/error TS/);
    expect(build.status).toBe(0);
  });

  it('starts with COSMOS_ENDPOINT set, answers /readyz, and never loads the embedded database or the certificate maker', async () => {
    const caFile = path.join(work, 'cosmos-ca.pem');
    await writeFile(caFile, cosmos!.ca);
    const loadedFile = path.join(work, 'loaded-production.json');
    const port = await freePort();
    const child = spawn(process.execPath, ['--disable-warning=DEP0111', '--import', PROBE, DIST_MAIN], {
      cwd: REPO_ROOT,
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: work,
        NODE_ENV: 'development',
        HOST: '127.0.0.1',
        PORT: String(port),
        COSMOS_ENDPOINT: cosmos!.endpoint,
        COSMOS_KEY: cosmos!.key,
        COSMOS_DATABASE: 'build-test',
        NODE_EXTRA_CA_CERTS: caFile,
        LOADED_PACKAGES_OUT: loadedFile,
      },
    });
    expect(await readyThenStop(child, `http://127.0.0.1:${port}`)).toEqual({ status: 200, body: { status: 'ready' } });
    const loaded = JSON.parse(await readFile(loadedFile, 'utf8')) as string[];
    expect(loaded).toContain('@microsoft/teams-ai');
    expect(loaded).not.toContain('@vercel/cosmosdb-server');
    expect(loaded).not.toContain('selfsigned');
    expect(loaded).not.toContain('tsx');
  });

  it('starts as npm start starts it (local database, demo data), answers /readyz, and only then loads the embedded database', async () => {
    const loadedFile = path.join(work, 'loaded-local.json');
    const { bot, url } = await BotProcess.start({
      dataDir: path.join(work, 'data'),
      home: work,
      env: { NODE_OPTIONS: `--import=${PROBE}`, LOADED_PACKAGES_OUT: loadedFile },
    });
    try {
      expect(await readyz(url.replace(/\/api\/messages$/, ''), bot.exited)).toEqual({ status: 200, body: { status: 'ready' } });
    } finally {
      await bot.stop(30_000);
    }
    const loaded = JSON.parse(await readFile(loadedFile, 'utf8')) as string[];
    // The same probe sees the local database when it is used, so its absence above means something.
    expect(loaded).toContain('@vercel/cosmosdb-server');
    expect(loaded).not.toContain('tsx');
  });
});
