// The real server over HTTP: Teams-shaped activities POSTed to /api/messages, the bot's answers
// arriving at a local connector (its serviceUrl), card actions answered in the HTTP response, the
// health endpoints, and the refusal of unsigned requests when an app id is configured.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { Activity } from 'botbuilder';
import { loadConfig } from '../../src/config.js';
import { connectEmbedded } from '../../src/adapters/cosmos/cosmos-connection.js';
import { startEmbeddedCosmos } from '../../src/adapters/cosmos/embedded-cosmos.js';
import { startBot, type RunningBot } from '../../src/main.js';
import { cardAction, installation, message } from '../support/activities.js';
import { cardText } from '../support/bot-driver.js';
import { freshDatabase, repositoriesOf } from '../support/cosmos.js';
import { conversations, DEMO_TENANT, persona, personal } from '../support/demo.js';
import { RecordingConnector } from '../support/recording-connector.js';
import { capturedLog } from '../support/log-capture.js';

const silent = pino({ level: 'silent' });
const connector = new RecordingConnector();

beforeAll(async () => {
  await connector.start();
});
afterAll(async () => {
  await connector.stop();
});

async function post(bot: RunningBot, activity: Partial<Activity>, headers: Record<string, string> = {}) {
  const res = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ ...activity, serviceUrl: connector.url }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

describe('over HTTP, unauthenticated local mode', () => {
  let bot: RunningBot;
  let repos: ReturnType<typeof repositoriesOf>;

  beforeAll(async () => {
    const cosmos = await freshDatabase();
    repos = repositoriesOf(cosmos);
    bot = await startBot({ config: loadConfig({ PORT: '0' }), log: silent, cosmos });
  });
  afterAll(async () => {
    await bot.close();
  });

  it('answers a message with the help card, posted to the conversation at the serviceUrl', async () => {
    connector.clear();
    const res = await post(bot, message(persona.admin, personal(persona.admin), 'hjælp'));
    expect(res.status).toBe(200);
    expect(connector.received).toHaveLength(1);
    const sent = connector.received[0]!;
    expect(sent.conversationId).toBe(personal(persona.admin).id);
    expect(sent.activity.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(sent.activity.attachments?.[0]?.content)).toContain('Hej Henrik Dahl.');
  });

  it('records an installation in Cosmos DB and sends the welcome once', async () => {
    connector.clear();
    await post(bot, installation(persona.politiker, personal(persona.politiker), 'add'));
    await post(bot, installation(persona.politiker, personal(persona.politiker), 'add'));
    expect(connector.received.map((r) => r.activity.text)).toEqual([expect.stringContaining('Hej! Jeg er Kerneopgave-bot')]);
    const rec = await repos.conversations.getPersonal(DEMO_TENANT, persona.politiker.id);
    expect(rec?.value).toMatchObject({ status: 'installed', reference: { serviceUrl: connector.url } });
  });

  it('answers a card action in the HTTP response, and a group chat hears who linked it', async () => {
    connector.clear();
    const res = await post(bot, cardAction(persona.admin, conversations.otherChat, 'admin.link', { groupId: 'kernegruppe-beskaeftigelse' }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(cardText(res.body?.value)).toContain('Samtalen er nu tilknyttet Kernegruppe Beskæftigelse');
    expect(connector.received.map((r) => [r.conversationId, r.activity.text])).toEqual([
      [conversations.otherChat.id, 'Henrik Dahl tilknyttede denne samtale til Kernegruppe Beskæftigelse.'],
    ]);
  });

  it('answers a malformed activity (no from, no conversation, not an object) 400, not 500, and stores nothing', async () => {
    connector.clear();
    const valid = message(persona.admin, personal(persona.admin), 'hjælp');
    const { from: _from, ...noFrom } = valid;
    const { conversation: _conversation, ...noConversation } = valid;
    const raw = (body: string) => fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    for (const bad of [noFrom, noConversation, { ...valid, conversation: { id: 42 } }, { ...valid, type: undefined }, { ...valid, from: 'Mette' }]) {
      const res = await post(bot, bad as Partial<Activity>);
      expect(res.status).toBe(400);
      expect(String(res.body?.error)).toContain('not a Bot Framework activity');
    }
    for (const body of ['[]', '"hej"', 'null', '{}']) expect((await raw(body)).status).toBe(400);
    expect(connector.received).toEqual([]);
    // A well-formed one still works.
    expect((await post(bot, valid)).status).toBe(200);
  });

  it('reports health and readiness', async () => {
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${bot.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});

describe('readiness when the database is gone', () => {
  it('answers /readyz 503 while /healthz stays 200', async () => {
    const server = await startEmbeddedCosmos();
    const cosmos = await connectEmbedded(server.endpoint, server.key, server.ca, 'readiness');
    const bot = await startBot({ config: loadConfig({ PORT: '0', DEMO_DATA: 'false' }), log: silent, cosmos });
    try {
      expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);
      await server.stop();
      const res = await fetch(`${bot.url}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'unavailable', reason: 'database unreachable' });
      expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    } finally {
      await bot.close();
      await cosmos.close();
    }
  });
});

describe('with a MicrosoftAppId configured', () => {
  it('refuses an unsigned request with 401 and runs no handler', async () => {
    const cosmos = await freshDatabase();
    const repos = repositoriesOf(cosmos);
    const config = loadConfig({
      PORT: '0',
      MicrosoftAppId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
      MicrosoftAppPassword: 'not-used-because-the-request-is-refused-first',
    });
    const bot = await startBot({ config, log: silent, cosmos });
    try {
      connector.clear();
      const unsigned = await post(bot, installation(persona.medarbejder, personal(persona.medarbejder), 'add'));
      expect(unsigned.status).toBe(401);
      const forged = await post(bot, message(persona.admin, conversations.otherChat, 'tilknyt Byrådet'), { authorization: 'Basic YWRtaW46YWRtaW4=' });
      expect(forged.status).toBe(401);
      expect(connector.received).toEqual([]);
      expect(await repos.conversations.getPersonal(DEMO_TENANT, persona.medarbejder.id)).toBeUndefined();
      const dir = (await repos.directories.get(DEMO_TENANT))!.value;
      expect(dir.links.find((l) => l.conversationId === conversations.otherChat.id)).toBeUndefined();
    } finally {
      await bot.close();
    }
  });
});

describe('without a MicrosoftAppId', () => {
  it('says in the log, as a warning, that requests are not authenticated; with one, it does not', async () => {
    const cosmos = await freshDatabase();
    const open = capturedLog('info');
    const local = await startBot({ config: loadConfig({ PORT: '0' }), log: open.log, cosmos });
    await local.close();
    expect(open.lines.filter((l) => l.level === 40).map((l) => l.msg)).toContain('no MicrosoftAppId: incoming requests are NOT authenticated (local development only)');
    const signed = capturedLog('info');
    const config = loadConfig({ PORT: '0', MicrosoftAppId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', MicrosoftAppPassword: 'x' });
    const authenticated = await startBot({ config, log: signed.log, cosmos });
    await authenticated.close();
    expect(signed.lines.map((l) => l.msg)).not.toContain('no MicrosoftAppId: incoming requests are NOT authenticated (local development only)');
  });
});
