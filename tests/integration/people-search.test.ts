// The bid form's co-bidder picker asks the bot for people as the person types (Teams' dynamic
// typeahead: an `application/search` invoke for the dataset "people"), through the real Application
// on the embedded Cosmos: the tenant's roster people by name, case- and æøå-insensitively, at most 15,
// in one query; never another tenant's people, never the person searching.

import { beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { BotDriver } from '../support/bot-driver.js';
import { CosmosRequestLog, freshDatabase } from '../support/cosmos.js';
import { conversations, DEMO_TENANT, persona, personal, type Persona } from '../support/demo.js';
import { botAdded, cardAction } from '../support/activities.js';
import { dataOf } from '../support/card-actions.js';
import { VALID_BID_FORM, VALID_TENDER_FORM } from '../support/forms.js';

const requests = new CosmosRequestLog();
let bot: BotDriver;
beforeAll(async () => {
  bot = await BotDriver.start(await freshDatabase(requests));
}, 60_000);

function search(who: Persona, queryText: string, opts: { tenantId?: string; top?: number } = {}): Partial<Activity> {
  const tenantId = opts.tenantId ?? DEMO_TENANT;
  return {
    type: 'invoke',
    name: 'application/search',
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    from: { id: `29:${who.id}`, name: who.name, aadObjectId: who.id },
    recipient: { id: '28:kerneopgave-bot', name: 'Kerneopgave-bot' },
    conversation: { id: personal(who).id, conversationType: 'personal', tenantId } as Activity['conversation'],
    channelData: { tenant: { id: tenantId } },
    value: { queryText, dataset: 'people', queryOptions: { top: opts.top ?? 15, skip: 0 } },
  };
}

async function found(who: Persona, queryText: string, opts: { tenantId?: string; top?: number } = {}): Promise<{ title: string; value: string }[]> {
  bot.adapter.activeQueue.splice(0);
  await bot.adapter.processActivity(search(who, queryText, opts));
  const response = bot.adapter.activeQueue.find((a) => a.type === 'invokeResponse');
  const body = (response?.value as { status: number; body: { type: string; value: { results: { title: string; value: string }[] } } }).body;
  expect(body.type).toBe('application/vnd.microsoft.search.searchResponse');
  return body.value.results;
}

describe('the people picker', () => {
  it('finds people by name, case- and æøå-insensitively', async () => {
    const moeller = await found(persona.medarbejder, 'MØLLER');
    expect(moeller.map((r) => r.title)).toEqual(expect.arrayContaining(['Jens Møller', 'Kim Møller', 'Anne Møller']));
    expect(moeller.every((r) => r.title.includes('Møller'))).toBe(true);
    // Typed without the Danish letters, as on a foreign keyboard.
    expect((await found(persona.medarbejder, 'soeren')).map((r) => r.title)).toEqual(['Søren Bruun']);
    expect((await found(persona.medarbejder, 'Hanne gra'))[0]).toEqual({ title: 'Hanne Graversen', value: persona.konsulent.id });
  });

  it('answers at most 15, one letter finds nobody, and the person searching is not offered', async () => {
    expect((await found(persona.medarbejder, 'e')).length).toBe(0);
    expect((await found(persona.medarbejder, 'er')).length).toBeLessThanOrEqual(15);
    expect((await found(persona.medarbejder, 'Sofie Niel')).length).toBe(0);
  });

  it('never crosses tenants', async () => {
    expect(await found(persona.admin, 'møller', { tenantId: '0e000000-0000-4000-8000-00000000000e' })).toEqual([]);
  });

  it('costs one query (and the SDK’s query plan), TOP 15, projected to id and name', async () => {
    requests.clear();
    await found(persona.medarbejder, 'møller');
    expect(requests.requests).toEqual(['queryplan docs', 'query docs']);
    const sql = requests.queries.at(-1);
    expect(JSON.stringify(sql)).toContain('TOP 15 c.personId, c.name');
  });
});

describe('the bid form with people picked', () => {
  it('comes back after a problem with the picked co-bidders named, not as ids', async () => {
    await bot.send(botAdded(persona.admin, conversations.general));
    const draft = await bot.send(cardAction(persona.tovholder, conversations.laeringChat, 'tender.save', VALID_TENDER_FORM));
    const { tenderId } = dataOf(draft.invokeCard, 'tender.publish');
    await bot.send(cardAction(persona.tovholder, conversations.laeringChat, 'tender.publish', { tenderId }));
    const form = (await bot.send(cardAction(persona.medarbejder, conversations.general, 'bid.new', { tenderId }))).invokeCard!;
    // Hanne Graversen picked as co-bidder, the title left out.
    const back = await bot.send(cardAction(persona.medarbejder, conversations.general, 'bid.submit', { ...dataOf(form, 'bid.submit'), ...VALID_BID_FORM, title: '', coBidders: persona.konsulent.id }));
    const card = JSON.stringify(back.invokeCard);
    expect(card).toContain(`{"title":"${persona.konsulent.name}","value":"${persona.konsulent.id}"}`);
  });
});
