// The tenant allowlist (ALLOWED_TENANTS): an activity from a tenant the deployment does not serve gets
// a polite answer where one can be given, and the bot reads and writes nothing in Cosmos for it.
// Through the real Application (TestAdapter) and the whole bot over HTTP, on the embedded Cosmos
// server, with every request to Cosmos counted.

import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startBot, type RunningBot } from '../../src/main.js';
import { botAdded, cardAction, installation, message } from '../support/activities.js';
import { BotDriver, cardText } from '../support/bot-driver.js';
import { TestClock } from '../support/clock.js';
import { CosmosRequestLog, freshDatabase } from '../support/cosmos.js';
import type { CosmosConnection } from '../../src/adapters/cosmos/cosmos-connection.js';
import { DEMO_TENANT, conversations, persona, personal } from '../support/demo.js';
import { RecordingConnector } from '../support/recording-connector.js';

const FOREIGN = '0f0f0f0f-1111-4222-8333-444444444444';
const foreign = { tenantId: FOREIGN };
const DA = 'Kerneopgave-botten er ikke sat op til jeres organisation';
const EN = 'The Kerneopgave bot is not set up for your organisation';
/** A stranger from another organisation; forged activities may claim any of our people's ids too. */
const stranger = { id: '99999999-0000-4000-8000-000000000001', name: 'Fremmed Person' };

/** Every item in every container in the tenant's partition (the test's own reads, made after the log was checked). */
async function storedFor(cosmos: CosmosConnection, tenantId: string): Promise<string[]> {
  const ids: string[] = [];
  for (const container of Object.values(cosmos.containers)) {
    const { resources } = await container.items.query<{ id: string }>({ query: 'SELECT c.id FROM c WHERE c.pk = @pk', parameters: [{ name: '@pk', value: tenantId }] }).fetchAll();
    ids.push(...resources.map((r) => r.id));
  }
  return ids;
}

async function botWithAllowlist() {
  const log = new CosmosRequestLog();
  const cosmos = await freshDatabase(log);
  // Upper case in the setting, lower case from Teams: the same tenant.
  const bot = await BotDriver.start(cosmos, { allowedTenants: loadConfig({ ALLOWED_TENANTS: ` ${DEMO_TENANT.toUpperCase()} , 11111111-2222-4333-8444-555555555555` }).allowedTenants! });
  log.clear();
  return { bot, log };
}

describe('an activity from a tenant not on ALLOWED_TENANTS', () => {
  it('a message in a 1:1 chat is answered politely in Danish, or English for an English client, with no request to Cosmos', async () => {
    const { bot, log } = await botWithAllowlist();
    const da = await bot.send(message(stranger, personal(stranger), 'hjælp', foreign));
    expect(da.texts).toHaveLength(1);
    expect(da.texts[0]).toContain(DA);
    expect(da.cards).toHaveLength(0);
    const en = await bot.send(message(stranger, personal(stranger), 'help', { ...foreign, locale: 'en-US' }));
    expect(en.texts[0]).toContain(EN);
    const group = await bot.send(message(stranger, conversations.otherChat, 'udbud', foreign));
    expect(group.texts[0]).toContain(DA);
    expect(log.requests).toEqual([]);
  });

  it('installing the app in a chat or a 1:1 gets one polite message, stores no conversation record, and reads nothing', async () => {
    const { bot, log } = await botWithAllowlist();
    const install = await bot.send(installation(stranger, conversations.otherChat, 'add', foreign));
    const added = await bot.send(botAdded(stranger, conversations.otherChat, foreign));
    const personalInstall = await bot.send(installation(stranger, personal(stranger), 'add', { ...foreign, locale: 'en-GB' }));
    expect(install.texts).toEqual([expect.stringContaining(DA)]);
    // Teams sends both events for one installation: one answer, not two.
    expect(added.activities).toEqual([]);
    expect(personalInstall.texts).toEqual([expect.stringContaining(EN)]);
    expect(log.requests).toEqual([]);
    // Looked at afterwards (these reads are the test's own): nothing of the foreign tenant is stored.
    expect(await storedFor(bot.cosmos, FOREIGN)).toEqual([]);
  });

  it('forged card actions, claiming our own admin and verbs that write, get the polite card and change nothing', async () => {
    const { bot, log } = await botWithAllowlist();
    const forged: [string, Record<string, unknown>][] = [
      ['tender.new', {}],
      ['tender.save', { groupId: 'laering', title: 'Forfalsket', description: 'x' }],
      ['tender.publish', { tenderId: 'tender-x' }],
      ['bid.submit', { tenderId: 'tender-x', title: 'x' }],
      ['admin.link', { groupId: 'laering' }],
      ['topic.submit', { meetingId: 'm-1', title: 'x' }],
      ['no.such.verb', {}],
    ];
    for (const [verb, data] of forged) {
      const answer = await bot.send(cardAction(persona.admin, conversations.laeringChat, verb, data, foreign));
      expect(answer.invokeStatus).toBe(200);
      expect(cardText(answer.invokeCard)).toContain(DA);
      expect(answer.activities).toEqual([]);
    }
    const submit = await bot.send(cardAction(persona.admin, personal(persona.admin), undefined, { verb: 'x' }, { ...foreign, actionType: 'Action.Submit', locale: 'en-US' }));
    expect(cardText(submit.invokeCard)).toContain(EN);
    expect(log.requests).toEqual([]);
  });

  it('a people search from a foreign tenant finds nobody and reads nothing', async () => {
    const { bot, log } = await botWithAllowlist();
    const search = await bot.send({
      ...message(stranger, personal(stranger), '', foreign),
      type: 'invoke',
      name: 'application/search',
      value: { queryText: 'Hanne', dataset: 'people', queryOptions: { skip: 0, top: 15 } },
    });
    expect(search.invokeStatus).toBe(200);
    expect(JSON.stringify(search.activities)).not.toContain('Hanne');
    expect(log.requests).toEqual([]);
  });

  it('leaves the tenants on the list unaffected: their messages, installations and card actions work as before', async () => {
    const { bot } = await botWithAllowlist();
    const help = await bot.send(message(persona.tovholder, personal(persona.tovholder), 'hjælp'));
    expect(cardText(help.cards[0])).not.toContain(DA);
    expect(help.cards).toHaveLength(1);
    await bot.send(installation(persona.tovholder, personal(persona.tovholder), 'add'));
    expect(await bot.repos.conversations.getPersonal(DEMO_TENANT, persona.tovholder.id)).toBeDefined();
    const form = await bot.send(cardAction(persona.tovholder, conversations.laeringChat, 'tender.new'));
    expect(cardText(form.invokeCard)).not.toContain(DA);
  });

  it('with ALLOWED_TENANTS unset every tenant is served, as before', async () => {
    const cosmos = await freshDatabase();
    const bot = await BotDriver.start(cosmos);
    const answer = await bot.send(installation(stranger, personal(stranger), 'add', foreign));
    expect(answer.texts.join('\n')).not.toContain(DA);
    expect(await storedFor(bot.cosmos, FOREIGN)).toEqual([expect.stringMatching(/^personal-/)]);
  });
});

describe('over HTTP, as Teams reaches the bot', () => {
  let running: RunningBot | undefined;
  let connector: RecordingConnector | undefined;
  afterEach(async () => {
    await running?.close();
    await connector?.stop();
  });

  it('ALLOWED_TENANTS from the environment: the foreign tenant is answered through the connector and nothing is stored', async () => {
    connector = await new RecordingConnector().start();
    const log = new CosmosRequestLog();
    const cosmos = await freshDatabase(log);
    running = await startBot({
      config: loadConfig({ PORT: '0', DEMO_DATA: 'false', ALLOWED_TENANTS: DEMO_TENANT }),
      log: pino({ level: 'silent' }),
      cosmos,
      clock: new TestClock(new Date('2026-11-23T10:00:00Z')),
      scheduler: false,
    });
    log.clear();
    const post = async (activity: object) =>
      fetch(`${running!.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...activity, serviceUrl: connector!.url }) });
    expect((await post(installation(stranger, conversations.otherChat, 'add', foreign))).status).toBe(200);
    expect((await post(message(stranger, personal(stranger), 'hjælp', foreign))).status).toBe(200);
    const invoke = await post(cardAction(stranger, personal(stranger), 'tender.save', { groupId: 'laering' }, foreign));
    expect(invoke.status).toBe(200);
    expect(JSON.stringify(await invoke.json())).toContain(DA);
    expect(connector.received.map((r) => r.activity.text)).toEqual([expect.stringContaining(DA), expect.stringContaining(DA)]);
    expect(log.requests).toEqual([]);
    expect(await storedFor(cosmos, FOREIGN)).toEqual([]);
  });
});
