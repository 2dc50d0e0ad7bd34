// Kommuneledelsen in chat and calendar (issue 13 point 4), over HTTP: an admin links its chat with
// "tilknyt kommuneledelsen", its members (and admins) see its meeting among their own in "møder", an
// admin adds one, and the public iCalendar feed leaves it out. Seed 001: "Arbejdet i kernegrupperne
// diskuteres ½ time på hvert møde i Kommuneledelsen".

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { importCalendar } from '../../src/app/calendar-admin.js';
import { parseCalendarFile } from '../../src/app/calendar-file.js';
import { conversationOfGroup } from '../../src/domain/directory.js';
import { DEFAULT_REMINDERS } from '../../src/domain/reminders.js';
import { message } from '../support/activities.js';
import { cardText } from '../support/bot-driver.js';
import { CosmosRequestLog } from '../support/cosmos.js';
import { conversations, DEMO_TENANT, persona, personal, type Conversation } from '../support/demo.js';
import { HttpBot } from '../support/http-bot.js';

let http: HttpBot;
let requests: CosmosRequestLog;
beforeEach(async () => {
  requests = new CosmosRequestLog();
  http = await HttpBot.start('2026-11-23T10:00:00Z', requests);
});
afterEach(async () => {
  await http.stop();
});

const say = async (who: typeof persona.admin, text: string, where: Conversation = personal(who), locale?: string) => {
  const answer = await http.send(message(who, where, text, locale ? { locale } : {}) as Partial<Activity>);
  return cardText(answer.sent[0]!.activity.attachments![0]!.content);
};

async function giveSlot(): Promise<void> {
  const parsed = parseCalendarFile('slots:\n  kommuneledelse: { week: 2, weekday: tirsdag, start: "09:00", end: "12:00" }\n', { reminders: DEFAULT_REMINDERS });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const result = await importCalendar({ ...http.repos, clock: http.clock }, DEMO_TENANT, parsed.file, 'test');
  if (!result.ok) throw new Error(result.code);
}

describe('tilknyt kommuneledelsen', () => {
  it("links a group chat to Kommuneledelsen, where its meeting's reminders will come, and offers it in the admin's group picker", async () => {
    const help = await http.send(message(persona.admin, conversations.otherChat, 'hjælp') as Partial<Activity>);
    expect(JSON.stringify(help.sent[0]!.activity.attachments![0]!.content)).toContain('"title":"Kommuneledelsen","value":"kommuneledelse"');
    const answer = await say(persona.admin, 'tilknyt kommuneledelsen', conversations.otherChat);
    expect(answer).toContain('Samtalen er nu tilknyttet Kommuneledelsen.');
    expect(conversationOfGroup((await http.repos.directories.get(DEMO_TENANT))!.value, 'kommuneledelse')).toBe(conversations.otherChat.id);
  });

  it('understands "Kommuneledelse" and English, and refuses a chef politely, changing nothing', async () => {
    const refused = await say(persona.tovholder, 'tilknyt kommuneledelsen', conversations.otherChat);
    expect(refused).toContain('Det er kun administratorer, der kan ændre tilknytninger.');
    expect(conversationOfGroup((await http.repos.directories.get(DEMO_TENANT))!.value, 'kommuneledelse')).toBeUndefined();
    await say(persona.admin, 'link municipal management', conversations.otherChannel, 'en-US');
    expect(conversationOfGroup((await http.repos.directories.get(DEMO_TENANT))!.value, 'kommuneledelse')).toBe(conversations.otherChannel.id);
    await say(persona.admin, 'tilknyt kommuneledelse', conversations.otherChat);
    expect(conversationOfGroup((await http.repos.directories.get(DEMO_TENANT))!.value, 'kommuneledelse')).toBe(conversations.otherChat.id);
  });
});

describe('møder', () => {
  it("shows Kommuneledelsen's meeting among the own meetings of its members and admins, and to nobody else", async () => {
    expect(await say(persona.tovholder, 'møder')).not.toContain('Kommuneledelsen');
    await giveSlot();
    requests.clear();
    const member = await say(persona.tovholder, 'møder');
    const at = (s: string) => member.indexOf(s);
    expect(member).toContain('tirsdag 15. december 2026 kl. 09.00: Kommuneledelsen');
    expect(at('**Dine egne møder**')).toBeLessThan(at('Kommuneledelsen'));
    expect(at('Kommuneledelsen')).toBeLessThan(at('**Byrådets møder**'));
    // Two point reads, the roster and the calendar: the same as before Kommuneledelsen was there.
    expect(requests.operations()).toEqual(['read docs', 'read docs']);
    expect(await say(persona.admin, 'møder')).toContain('tirsdag 15. december 2026 kl. 09.00: Kommuneledelsen');
    expect(await say(persona.politiker, 'møder')).not.toContain('Kommuneledelsen');
    expect(await say(persona.konsulent, 'møder')).not.toContain('Kommuneledelsen');
  });

  it('shows a meeting an admin added with "tilføj møde kommuneledelse", named Kommuneledelsen', async () => {
    expect(await say(persona.admin, 'tilføj møde kommuneledelse 08.12.2026 09:00')).toContain('Mødet »Kommuneledelsen«');
    expect(await say(persona.tovholder, 'møder')).toContain('tirsdag 8. december 2026 kl. 09.00: Kommuneledelsen');
    expect(await say(persona.politiker, 'møder')).not.toContain('Kommuneledelsen');
  });
});

describe('/calendar.ics', () => {
  it("leaves Kommuneledelsen's meetings out of the public feed, as the kernegruppe meetings and the pitstop", async () => {
    await giveSlot();
    await say(persona.admin, 'tilføj møde kommuneledelse 08.12.2026 09:00');
    const ics = await (await fetch(`${http.bot.url}/calendar.ics?tenant=${DEMO_TENANT}`)).text();
    expect(ics).toContain('UID:byraadsmoede-2026-12@kerneopgave-bot');
    expect(ics).not.toContain('kommuneledelse');
    expect(ics).not.toContain('Kommuneledelsen');
  });
});
