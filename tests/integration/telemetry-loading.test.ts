// OpenTelemetry is loaded only when APPLICATIONINSIGHTS_CONNECTION_STRING is set (issue 14): the built
// bot, started with npm start's very command (its --import preload included), is asked on exit which
// packages it loaded, both through require() and through import (a module hook sees the ESM ones, which
// require.cache does not: @opentelemetry/api and the distribution load as ES modules). The App Service
// start command in infra/main.bicep is the same command.

import { readFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/build-dist.js';
import { BotProcess } from '../support/bot-process.js';

/**
 * Loaded with --import: records every module loaded through the ESM loader (a module.register hook
 * posting each URL back) and, at exit, everything in require.cache; writes the npm package names to
 * the file LOADED_PACKAGES_OUT names.
 */
const PROBE = `data:text/javascript,${encodeURIComponent(`
import { createRequire, register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
import { writeFileSync } from 'node:fs';
const files = new Set();
const { port1, port2 } = new MessageChannel();
port1.on('message', (url) => files.add(url));
port1.unref();
const hook = 'let port; export function initialize(data) { port = data.port; } export async function load(url, context, next) { port.postMessage(url); return next(url, context); }';
register('data:text/javascript,' + encodeURIComponent(hook), { data: { port: port2 }, transferList: [port2] });
const cache = createRequire(process.cwd() + '/').cache;
process.on('exit', () => {
  const all = [...files, ...Object.keys(cache)].map((f) => decodeURIComponent(f));
  const names = new Set(all.map((f) => /node_modules[\\\\/]((@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(f)?.[1]?.replace(/\\\\/g, '/')).filter(Boolean));
  writeFileSync(process.env.LOADED_PACKAGES_OUT, JSON.stringify([...names]));
});
`)}`;

const OTEL_PACKAGES = ['@opentelemetry/api', '@azure/monitor-opentelemetry', '@opentelemetry/sdk-node', '@opentelemetry/instrumentation-http'];
const CONNECTION_STRING = 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'kerneopgave-telemetry-'));
});

/** Starts the built bot as npm start does, asks /healthz, stops it; returns what it loaded and logged. */
async function run(name: string, env: Record<string, string>): Promise<{ loaded: string[]; health: Record<string, unknown>; logged: string[] }> {
  const loadedFile = path.join(work, `${name}.json`);
  const { bot, url } = await BotProcess.start({ dataDir: path.join(work, `data-${name}`), home: work, env: { NODE_OPTIONS: `--import=${PROBE}`, LOADED_PACKAGES_OUT: loadedFile, ...env } });
  let health: Record<string, unknown>;
  try {
    const res = await fetch(url.replace(/\/api\/messages$/, '/healthz'));
    expect(res.status).toBe(200);
    health = (await res.json()) as Record<string, unknown>;
  } finally {
    await bot.stop(30_000);
  }
  return { loaded: JSON.parse(await readFile(loadedFile, 'utf8')) as string[], health, logged: bot.lines.map((l) => String(l.msg)) };
}

describe('loading OpenTelemetry', () => {
  it('without APPLICATIONINSIGHTS_CONNECTION_STRING, the bot loads nothing of OpenTelemetry or Azure Monitor', async () => {
    const { loaded, health } = await run('unset', {});
    // The probe sees ES modules and CommonJS alike, so the absence below means something.
    expect(loaded).toContain('@microsoft/teams-ai');
    expect(loaded).toContain('zod');
    for (const p of OTEL_PACKAGES) expect(loaded).not.toContain(p);
    expect(health).toMatchObject({ status: 'ok' });
  });

  it('with it set, the --import preload of npm start starts Azure Monitor before the bot, and the bot warns of nothing missing', async () => {
    const { loaded, logged } = await run('set', { APPLICATIONINSIGHTS_CONNECTION_STRING: CONNECTION_STRING });
    for (const p of OTEL_PACKAGES) expect(loaded).toContain(p);
    expect(logged.filter((m) => m.includes('APPLICATIONINSIGHTS_CONNECTION_STRING'))).toEqual([]);
  });

  it('App Service starts the bot with the same command as npm start', () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
    const bicep = readFileSync(path.join(REPO_ROOT, 'infra', 'main.bicep'), 'utf8');
    expect(/appCommandLine: '([^']+)'/.exec(bicep)?.[1]).toBe(pkg.scripts.start);
    expect(pkg.scripts.start).toContain('--import ./dist/telemetry-preload.js');
  });
});
