// OpenTelemetry is loaded only when APPLICATIONINSIGHTS_CONNECTION_STRING is set (issue 14): the built
// bot, started with npm start's very command (its --import preload included), is asked on exit which
// packages it loaded, both through require() and through import (a module hook sees the ESM ones, which
// require.cache does not: @opentelemetry/api and the distribution load as ES modules). The App Service
// start command in infra/main.bicep is the same command.

import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import selfsigned from 'selfsigned';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/build-dist.js';
import { BotProcess } from '../support/bot-process.js';
import { message } from '../support/activities.js';
import { personal, persona } from '../support/demo.js';
import { RecordingConnector } from '../support/recording-connector.js';

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

  it('with it set, the built bot sends Application Insights a turn: the bot.activity span with its Cosmos DB and connector calls as dependencies of one operation', async () => {
    // Application Insights' ingestion endpoint, played by a local HTTPS server (the exporter speaks only HTTPS).
    const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048,
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    const caFile = path.join(work, 'ingestion-ca.pem');
    await writeFile(caFile, pems.cert);
    const envelopes: Envelope[] = [];
    const sink = https.createServer({ cert: pems.cert, key: pems.private }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
        const items = (text.trim().startsWith('[') ? JSON.parse(text) : text.split('\n').filter(Boolean).map((l) => JSON.parse(l))) as Envelope[];
        if (req.url?.includes('/track')) envelopes.push(...items);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ itemsReceived: items.length, itemsAccepted: items.length, errors: [] }));
      });
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    const connector = await new RecordingConnector().start();
    const { bot, url } = await BotProcess.start({
      dataDir: path.join(work, 'data-export'),
      home: work,
      env: {
        APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:${(sink.address() as AddressInfo).port}/`,
        NODE_EXTRA_CA_CERTS: caFile,
        // Every trace: the default rate-limited sampler may skip this one turn right after the start's burst of Cosmos DB calls.
        OTEL_TRACES_SAMPLER: 'always_on',
      },
    });
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...message(persona.medarbejder, personal(persona.medarbejder), 'hjælp'), serviceUrl: connector.url }) });
      expect(res.status).toBe(200);
      expect(connector.received.length).toBeGreaterThan(0); // the help card, posted through the connector
    } finally {
      await bot.stop(30_000); // SIGTERM: the bot sends what it still holds before it exits
      await connector.stop();
      await new Promise<void>((resolve) => sink.close(() => resolve()));
    }
    const dependencies = envelopes.filter((e) => e.data.baseType === 'RemoteDependencyData');
    const activity = dependencies.find((e) => e.data.baseData.name === 'bot.activity');
    expect(activity?.data.baseData.properties).toMatchObject({ 'bot.command': 'help', 'conversation.type': 'personal', 'activity.type': 'message' });
    const operation = activity!.tags['ai.operation.id'];
    const ofTurn = dependencies.filter((e) => e.tags['ai.operation.id'] === operation);
    // The help card posted to the conversation through the connector, traced once.
    const posts = ofTurn.filter((e) => String(e.data.baseData.data ?? '').startsWith(new URL('v3/conversations/', connector.url).href));
    expect(posts).toHaveLength(1);
    expect(ofTurn.some((e) => String(e.data.baseData.data ?? '').includes('/dbs/'))).toBe(true);
    expect(envelopes.some((e) => e.data.baseType === 'RequestData' && e.tags['ai.operation.id'] === operation)).toBe(true);
    expect(JSON.stringify(envelopes)).not.toContain(persona.medarbejder.name);
  });
});

interface Envelope {
  readonly name: string;
  readonly tags: Record<string, string>;
  readonly data: { readonly baseType: string; readonly baseData: { name?: string; target?: string; data?: string; properties?: Record<string, string> } };
}
