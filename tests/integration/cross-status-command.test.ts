// "status kernegrupper" (core group status) through the real Application on the embedded Cosmos server
// (issue 13 point 4; seed 001: "Arbejdet i kernegrupperne diskuteres ½ time på hvert møde i
// Kommuneledelsen"): a chef and an admin get the status across all kernegrupper, anywhere; a politician
// is refused politely with what they wrote shown back; the help card lists it only for those who may
// use it; and it costs a few bounded requests per group, all at once.

import { beforeAll, describe, expect, it } from 'vitest';
import type { Tender } from '../../src/domain/tender.js';
import { importCalendar } from '../../src/app/calendar-admin.js';
import { parseCalendarFile } from '../../src/app/calendar-file.js';
import { DEFAULT_REMINDERS } from '../../src/domain/reminders.js';
import { message } from '../support/activities.js';
import { BotDriver, cardText } from '../support/bot-driver.js';
import { CosmosRequestLog, freshDatabase } from '../support/cosmos.js';
import { conversations, DEMO_TENANT, demoRoster, persona, personal } from '../support/demo.js';
import { publishedTender } from '../support/tender-fixtures.js';

const log = new CosmosRequestLog();
let bot: BotDriver;
const KERNEGRUPPER = demoRoster.groups.filter((g) => g.kind === 'kernegruppe');
/** A chef in Kernegruppe Læring who is not its tovholder. */
const chef = { id: 'd0000000-0000-4000-8000-000000000011', name: 'Niels Iversen' };

beforeAll(async () => {
  bot = await BotDriver.start(await freshDatabase(log));
  const tender: Tender = { ...publishedTender(), id: 'tender-status', groupId: 'kernegruppe-beskaeftigelse', groupName: 'Kernegruppe Beskæftigelse', title: 'Jobpraktik for unge', activeBids: 3, deadline: new Date(bot.clock.now().getTime() + 20 * 86_400_000).toISOString() };
  await bot.repos.tenders.saveTender(tender, undefined);
});

describe('status kernegrupper', () => {
  it('shows a chef the status of every kernegruppe in their 1:1 chat, in a few bounded requests per group', async () => {
    log.clear();
    const sent = await bot.send(message(chef, personal(chef), 'status kernegrupper'));
    expect(sent.cards).toHaveLength(1);
    const text = cardText(sent.cards[0]);
    expect(text).toContain('Status for alle kernegrupper');
    for (const g of KERNEGRUPPER) expect(text).toContain(`**${g.name}**`);
    expect(text).toContain('**Kernegruppe Beskæftigelse** · Åbne udbud: 1 (3 bud)');
    expect(text).toContain('- »Jobpraktik for unge«: 3 bud, frist');
    // "Since the last pitstop": on 23 November 2026 that was Friday 30 October.
    expect(text).toContain('siden sidste pitstop, fredag 30. oktober 2026 kl. 09.00');

    // Per group: three queries (each TOP, in the tenant's partition) and one point read of its catalogue.
    const digestQueries = log.queries.filter((q) => /c\.status = 'draft' OR|c\.konsekvensOpen = true|c\.konkretiseringOpen = true OR c\.statusAt >= @since/.test(q.query));
    expect(digestQueries).toHaveLength(3 * KERNEGRUPPER.length);
    expect(digestQueries.every((q) => q.partitionKey !== undefined && /SELECT TOP \d+ /.test(q.query))).toBe(true);
    expect(log.queries).toHaveLength(3 * KERNEGRUPPER.length);
    expect(log.reads.filter((r) => r.includes('/colls/tenders/docs/cat-'))).toHaveLength(KERNEGRUPPER.length);
    // Besides those: the roster and the calendar, one point read each; nothing is written.
    expect(log.reads).toHaveLength(KERNEGRUPPER.length + 2);
    expect(log.operations().filter((o) => !o.startsWith('read') && !o.startsWith('query'))).toEqual([]);
  });

  it('answers an admin in a group chat, and in English as "core group status"', async () => {
    const sent = await bot.send(message(persona.admin, conversations.otherChat, 'status kernegrupper'));
    expect(cardText(sent.cards[0])).toContain('Status for alle kernegrupper');
    const english = await bot.send(message(persona.tovholder, personal(persona.tovholder), 'core group status', { locale: 'en-GB' }));
    expect(cardText(english.cards[0])).toContain('Status of all core groups');
    expect(cardText(english.cards[0])).toContain('Open tenders: 1 (3 bids)');
  });

  it('refuses a politician politely, in Danish, with what they wrote shown back, and reads nothing of the groups', async () => {
    log.clear();
    const sent = await bot.send(message(persona.politiker, personal(persona.politiker), 'Status kernegrupper'));
    const text = cardText(sent.cards[0]);
    expect(text).toContain('Status for alle kernegrupper er for chefer, tovholdere og administratorer.');
    expect(text).toContain('Status kernegrupper');
    expect(text).not.toContain('Kernegruppe Læring');
    expect(log.queries).toEqual([]);
  });

  it('is in the help card of a chef and an admin, not of a politician or a konsulent', async () => {
    const help = async (who: { id: string; name: string }) => cardText((await bot.send(message(who, personal(who), 'hjælp'))).cards[0]);
    expect(await help(chef)).toContain('status kernegrupper');
    expect(await help(persona.admin)).toContain('status kernegrupper');
    expect(await help(persona.politiker)).not.toContain('status kernegrupper');
    expect(await help(persona.konsulent)).not.toContain('status kernegrupper');
  });
});

describe('the pitstop in "møder"', () => {
  it('is shown to a person the calendar file names among its recipients, as well as to the udvalgsformænd', async () => {
    const meetings = async (who: { id: string; name: string }) => cardText((await bot.send(message(who, personal(who), 'møder'))).cards[0]);
    // Sofie Nielsen is in no group: until the file names her, the pitstop is none of her business.
    expect(await meetings(persona.medarbejder)).not.toContain('Pitstop');
    const parsed = parseCalendarFile(`recipients:\n  pitstop: { people: [${persona.medarbejder.id}] }\n`, { reminders: DEFAULT_REMINDERS });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const imported = await importCalendar({ ...bot.repos, clock: bot.clock }, DEMO_TENANT, parsed.file, 'test');
    expect(imported.ok).toBe(true);
    expect(await meetings(persona.medarbejder)).toContain('Pitstop');
    expect(await meetings(persona.politiker)).toContain('Pitstop');
  });
});

