// The deploy package (issue 14): `npm run package` writes build/app.zip, which App Service runs as it is
// (WEBSITE_RUN_FROM_PACKAGE, a read-only folder). Unzipped into an empty folder it starts with
// `node dist/main.js` on the production settings of infra/main.bicep against a Cosmos DB endpoint and
// answers /readyz, writing nothing into its own folder; it holds the production dependencies only, and
// nothing that runs on one platform only.

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/adapters/cosmos/embedded-cosmos.js';
import { REPO_ROOT } from '../../scripts/build-dist.js';
import { APP_ZIP_FILE_NAME, packageApp } from '../../scripts/package-app.js';
import { freePort } from '../support/free-port.js';
import { readyThenStop } from '../support/readyz.js';

const APP_ID = '8f0c7a4e-3b1d-4c2a-9e5f-1a2b3c4d5e6f';
const TENANT_ID = '5d2e4f60-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
/** Test, build and development tools: none of them may be in the package. */
const DEV_ONLY = ['tsx', 'esbuild', 'vitest', '@vercel/cosmosdb-server', 'selfsigned', 'adaptivecards', 'fflate', 'typescript', 'eslint', 'ajv', '@microsoft/app-manifest', 'playwright-core'];

interface LockEntry {
  dev?: boolean;
}
const lock = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

/** The package folders in the zip: node_modules/x or node_modules/@s/x, nested ones included. */
function packageDirs(names: readonly string[]): string[] {
  return [...new Set(names.filter((n) => /(^|\/)node_modules\/(@[^/]+\/)?[^/@][^/]*\/package\.json$/.test(n)).map((n) => n.slice(0, -'/package.json'.length)))]
    .filter((dir) => lock.packages[dir] !== undefined);
}

/** Every file under a folder with its size and modification time, to see whether anything was written. */
function snapshot(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(root, rel))) {
      const child = rel ? `${rel}/${name}` : name;
      const stat = statSync(path.join(root, child));
      if (stat.isDirectory()) walk(child);
      else out.push(`${child} ${stat.size} ${stat.mtimeMs}`);
    }
  };
  walk('');
  return out.sort();
}


let work: string;
let appDir: string;
let names: string[];
let cosmos: EmbeddedCosmos | undefined;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'kerneopgave-package-'));
  // Level 1: this test is about what is in the zip, not how small it is.
  const packaged = packageApp({ outDir: work, level: 1 });
  if (!packaged.ok) throw new Error(packaged.message);
  expect(packaged.value.zipPath).toBe(path.join(work, APP_ZIP_FILE_NAME));
  const files = unzipSync(readFileSync(packaged.value.zipPath));
  names = Object.keys(files);
  appDir = path.join(work, 'app');
  for (const [name, content] of Object.entries(files)) {
    if (name.endsWith('/')) continue;
    mkdirSync(path.dirname(path.join(appDir, name)), { recursive: true });
    writeFileSync(path.join(appDir, name), content);
  }
  cosmos = await startEmbeddedCosmos();
});

afterAll(async () => {
  await cosmos?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** infra/main.bicep's appCommandLine, split into words: App Service runs exactly this in the unzipped package. */
function appCommandLine(): string[] {
  const bicep = readFileSync(path.join(REPO_ROOT, 'infra/main.bicep'), 'utf8');
  const line = /appCommandLine: '([^']+)'/.exec(bicep)?.[1];
  if (!line) throw new Error('infra/main.bicep has no appCommandLine');
  return line.split(/\s+/);
}

describe('npm run package', () => {
  it('ships the compiled app, the card templates, package.json and package-lock.json, and no sources or local data', () => {
    expect(names).toContain('dist/main.js');
    expect(names).toContain('cards/help.json');
    expect(names).toContain('package.json');
    expect(names).toContain('package-lock.json');
    expect(names.filter((n) => /^(src|tests|scripts|infra|manifest|\.data|build|devTools)\//.test(n) || n.startsWith('.env'))).toEqual([]);
    expect(names.filter((n) => n.endsWith('.tsbuildinfo'))).toEqual([]);
  });

  it('ships every production dependency and no development-only package', () => {
    for (const dependency of Object.keys(manifest.dependencies)) expect(names, dependency).toContain(`node_modules/${dependency}/package.json`);
    for (const devOnly of DEV_ONLY) expect(names.filter((n) => n.startsWith(`node_modules/${devOnly}/`)), devOnly).toEqual([]);
    // The lock file marks what only development needs; nothing of that may be in the package.
    const dirs = packageDirs(names);
    expect(dirs.length).toBeGreaterThan(100);
    expect(dirs.filter((dir) => lock.packages[dir]?.dev === true)).toEqual([]);
  });

  it('holds nothing bound to one platform: no native addon, no package built for one os or cpu', () => {
    expect(names.filter((n) => n.endsWith('.node'))).toEqual([]);
    const bound = packageDirs(names).filter((dir) => {
      const pkg = JSON.parse(readFileSync(path.join(appDir, dir, 'package.json'), 'utf8')) as { os?: unknown; cpu?: unknown };
      return pkg.os !== undefined || pkg.cpu !== undefined;
    });
    expect(bound).toEqual([]);
  });

  it('is what infra/main.bicep tells App Service to run from, as it is', () => {
    const bicep = readFileSync(path.join(REPO_ROOT, 'infra/main.bicep'), 'utf8');
    expect(bicep).toMatch(/name: 'WEBSITE_RUN_FROM_PACKAGE'\s+value: '1'/);
    expect(appCommandLine()).toEqual(['node', '--disable-warning=DEP0111', '--import', './dist/telemetry-preload.js', 'dist/main.js']);
    for (const file of appCommandLine().filter((a) => a.endsWith('.js'))) expect(names).toContain(file.replace(/^\.\//, ''));
  });

  it('starts unzipped with App Service\'s start command on the production settings, answers /readyz, and writes nothing into its own folder', async () => {
    const before = snapshot(appDir);
    const caFile = path.join(work, 'cosmos-ca.pem');
    writeFileSync(caFile, cosmos!.ca);
    const port = await freePort();
    const child = spawn(process.execPath, appCommandLine().slice(1), {
      cwd: appDir,
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      // infra/main.bicep's app settings, with the test's Cosmos endpoint and its key in place of the managed identity.
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: work,
        NODE_ENV: 'production',
        WEBSITE_RUN_FROM_PACKAGE: '1',
        HOST: '127.0.0.1',
        PORT: String(port),
        MicrosoftAppId: APP_ID,
        MicrosoftAppType: 'UserAssignedMSI',
        MicrosoftAppTenantId: TENANT_ID,
        COSMOS_ENDPOINT: cosmos!.endpoint,
        COSMOS_KEY: cosmos!.key,
        COSMOS_DATABASE: 'package-test',
        NODE_EXTRA_CA_CERTS: caFile,
        LOG_LEVEL: 'info',
      },
    });
    expect(await readyThenStop(child, `http://127.0.0.1:${port}`)).toEqual({ status: 200, body: { status: 'ready' } });
    // App Service mounts the package read-only: a file written here at run time would fail there.
    expect(snapshot(appDir)).toEqual(before);
  });
});
