// A production install has no devDependencies (issue 14: the embedded Cosmos DB and its certificate maker are
// devDependencies). Started there without COSMOS_ENDPOINT, the compiled build must say in Danish what is missing
// and exit 1, not die with a stack trace about a module. The missing packages are simulated with a module hook
// that refuses to resolve them, as Node does when they are not in node_modules.

import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST_MAIN, REPO_ROOT } from '../../scripts/build-dist.js';
import { freePort } from '../support/free-port.js';

const HOOKS = `data:text/javascript,${encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === '@vercel/cosmosdb-server' || specifier === 'selfsigned') {
    const err = new Error("Cannot find package '" + specifier + "'");
    err.code = 'ERR_MODULE_NOT_FOUND';
    throw err;
  }
  return next(specifier, context);
}
`)}`;
const REGISTER = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(HOOKS)});`)}`;

describe('a production install without the development packages', () => {
  it('started without COSMOS_ENDPOINT, says what is missing and exits 1', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'kerneopgave-prod-'));
    const child = spawn(process.execPath, ['--disable-warning=DEP0111', '--import', REGISTER, DIST_MAIN], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work, HOST: '127.0.0.1', PORT: String(await freePort()), DATA_DIR: path.join(work, 'data'), LOG_LEVEL: 'error' },
    });
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (c: string) => (output += c));
    child.stderr!.setEncoding('utf8').on('data', (c: string) => (output += c));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(output).toContain('Den lokale Cosmos DB (@vercel/cosmosdb-server, selfsigned) er kun til udvikling');
    expect(output).toContain('Sæt COSMOS_ENDPOINT');
    expect(output).not.toMatch(/at .*embedded-cosmos/);
    expect(code).toBe(1);
  });
});
