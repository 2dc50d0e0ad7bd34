// The first step after a deployment (infra/README.md, "The first admin"): the operator imports the real
// roster and calendar into Azure Cosmos DB from their own machine, signed in with `az login`, with no
// account key (the account allows Entra ID only). The commands run exactly as the guide writes them,
// through npm, against the embedded Cosmos server with a stand-in `az` on PATH that hands out a token
// the way the Azure CLI does: so DefaultAzureCredential's Azure CLI path is what opens the database.

import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEmbedded, type CosmosConnection } from '../../src/adapters/cosmos/cosmos-connection.js';
import { CosmosCalendarRepository } from '../../src/adapters/cosmos/reminder-repository.js';
import { CosmosDirectoryRepository } from '../../src/adapters/cosmos/directory-repository.js';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/adapters/cosmos/embedded-cosmos.js';
import { holdersOf } from '../../src/domain/directory.js';
import { REPO_ROOT } from '../../scripts/build-dist.js';

const TENANT = '5d2e4f60-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
const DATABASE = 'kerneopgave';

let work: string;
let cosmos: EmbeddedCosmos;
let db: CosmosConnection;
let rosterFile: string;
let calendarFile: string;
let azCalls: string;

/** The demo files as a municipality's own: no tenantId in them, so the guide's --tenant names it. */
function withoutTenant(file: string, target: string): string {
  writeFileSync(target, readFileSync(path.join(REPO_ROOT, file), 'utf8').replace(/^tenantId: .*\n/m, ''));
  return target;
}

/** Runs asynchronously: the Cosmos server lives in this process and must keep answering meanwhile. */
function npmRun(script: string, args: string[], bin = 'bin'): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    // The operator's shell after `az login`: no key, no NODE_ENV, the stand-in az first on PATH.
    env: {
      PATH: `${path.join(work, bin)}${path.delimiter}${process.env.PATH ?? '/usr/bin:/bin'}`,
      HOME: work,
      COSMOS_ENDPOINT: cosmos.endpoint,
      COSMOS_DATABASE: DATABASE,
      NODE_EXTRA_CA_CERTS: path.join(work, 'cosmos-ca.pem'),
      AZ_CALLS: azCalls,
      // ManagedIdentityCredential is tried first and probes the Azure metadata address, which takes a
      // while to fail off Azure; DefaultAzureCredential's own switch skips it, as a laptop would find anyway.
      AZURE_TOKEN_CREDENTIALS: 'dev',
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'kerneopgave-entra-'));
  cosmos = await startEmbeddedCosmos();
  writeFileSync(path.join(work, 'cosmos-ca.pem'), cosmos.ca);
  // infra/main.bicep creates the database and containers; the operator's data role cannot.
  db = await connectEmbedded(cosmos.endpoint, cosmos.key, cosmos.ca, DATABASE);
  azCalls = path.join(work, 'az-calls.txt');
  mkdirSync(path.join(work, 'bin'));
  const az = path.join(work, 'bin', 'az');
  // What `az account get-access-token` prints for a signed-in user (expires_on since Azure CLI 2.54).
  writeFileSync(
    az,
    `#!/bin/sh\necho "$@" >> "$AZ_CALLS"\nprintf '{"accessToken":"operator-token","expires_on":%s,"tokenType":"Bearer"}\\n' "$(( $(date +%s) + 3600 ))"\n`,
  );
  chmodSync(az, 0o755);
  // What the Azure CLI answers when nobody has signed in.
  mkdirSync(path.join(work, 'signed-out'));
  const signedOut = path.join(work, 'signed-out', 'az');
  writeFileSync(signedOut, `#!/bin/sh\necho "ERROR: Please run 'az login' to setup account." >&2\nexit 1\n`);
  chmodSync(signedOut, 0o755);
  rosterFile = withoutTenant('demo/roster.yaml', path.join(work, 'rolleliste.yaml'));
  calendarFile = withoutTenant('demo/calendar.yaml', path.join(work, 'kalender.yaml'));
});

afterAll(async () => {
  await db?.close();
  await cosmos?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('importing into Azure Cosmos DB with the operator\'s Entra sign-in', () => {
  it('refuses without --tenant instead of writing into the local demo tenant, and writes nothing', async () => {
    const run = await npmRun('roster:import', [rosterFile]);
    expect(run.stderr).toContain('Hvilken organisation? Angiv --tenant <tenant-id> eller tenantId: i filen.');
    expect(run.status).toBe(2);
    expect(await new CosmosDirectoryRepository(db.containers.directory).get('de000000-0000-4000-8000-000000000001')).toBeUndefined();
  });

  it('refuses in one Danish line, with no stack trace, when the operator has not signed in with az login', async () => {
    const run = await npmRun('roster:import', [rosterFile, '--tenant', TENANT], 'signed-out');
    expect(run.stderr.trim()).toBe(
      `Kunne ikke logge ind på ${cosmos.endpoint}: log ind med az login (som en konto med Cosmos DB-rollen Data Contributor, se infra/README.md), og prøv igen. Intet er importeret.`,
    );
    expect(run.status).toBe(1);
    expect(await new CosmosDirectoryRepository(db.containers.directory).get(TENANT)).toBeUndefined();
  });

  it('imports the roster with its admin, then the calendar, signed in through the Azure CLI with no key', async () => {
    const roster = await npmRun('roster:import', [rosterFile, '--tenant', TENANT]);
    expect(roster.stderr).toBe('');
    expect(roster.stdout).toMatch(new RegExp(`^Importeret til tenant ${TENANT}: \\d+ personer`, 'm'));
    expect(roster.status).toBe(0);

    const calendar = await npmRun('calendar:import', [calendarFile, '--tenant', TENANT]);
    expect(calendar.stderr).toBe('');
    expect(calendar.stdout).toContain(`Kalenderen for tenant ${TENANT} er opdateret`);
    expect(calendar.status).toBe(0);

    // The first admin exists in production once the roster is in: the bot now recognises them.
    const directory = await new CosmosDirectoryRepository(db.containers.directory).get(TENANT);
    expect(holdersOf(directory!.value, 'admin').length).toBeGreaterThan(0);
    expect(await new CosmosCalendarRepository(db.containers.directory).get(TENANT)).toBeDefined();
    // The token came from the Azure CLI, for Cosmos DB.
    expect(readFileSync(azCalls, 'utf8')).toContain(`account get-access-token --output json --resource ${new URL(cosmos.endpoint).origin}`);
  });
});
