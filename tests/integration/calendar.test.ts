// The calendar as people meet it, over HTTP: "møder" for a politician and a konsulent, an admin
// moving, cancelling and adding a meeting from chat (and others refused), the holiday warning with
// its buttons, and the public iCalendar feed with stable UIDs.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { cardAction, installation, message } from '../support/activities.js';
import { cardText } from '../support/bot-driver.js';
import { DEMO_TENANT, persona, personal } from '../support/demo.js';
import { HttpBot } from '../support/http-bot.js';
import { CosmosRequestLog } from '../support/cosmos.js';

let http: HttpBot;
beforeEach(async () => {
  http = await HttpBot.start('2026-11-23T10:00:00Z');
});
afterEach(async () => {
  await http.stop();
});

const say = async (who: typeof persona.admin, text: string) => {
  const answer = await http.send(message(who, personal(who), text) as Partial<Activity>);
  return cardText(answer.sent[0]!.activity.attachments![0]!.content);
};

describe('møder', () => {
  it("shows a politician the council's meetings and a konsulent also the konsulentmøde", async () => {
    const politician = await say(persona.politiker, 'møder');
    expect(politician).toContain('Byrådsmøde');
    expect(politician).toContain('onsdag 25. november 2026 kl. 17.00');
    // November is outside the groups' default season, February to May (seed 001): no group meeting.
    expect(politician).not.toContain('Kernegruppe Læring – møde før byrådsmødet');
    expect(politician).not.toContain('Konsulentmøde');
    const konsulent = await say(persona.konsulent, 'møder');
    expect(konsulent).toContain('Konsulentmøde');
  });

  it("shows a konsulent her own meetings first, then the council's, each section with its own limit", async () => {
    // From here the council has six meetings before the konsulent's next konsulentmøde (Thursday 31 December).
    http.clock.set('2026-11-27T12:00:00Z');
    const answer = await http.send(message(persona.konsulent, personal(persona.konsulent), 'møder') as Partial<Activity>);
    const card = answer.sent[0]!.activity.attachments![0]!.content;
    const seen = cardText(card);
    const at = (s: string) => seen.indexOf(s);
    expect(at('**Dine egne møder**')).toBeGreaterThanOrEqual(0);
    expect(seen).toContain('torsdag 31. december 2026 kl. 10.00: Konsulentmøde');
    // December is outside the groups' default season, February to May (seed 001): no group meeting (it was Wednesday 30th).
    expect(seen).not.toContain('Kernegruppe Læring – møde før byrådsmødet');
    expect(at('Konsulentmøde')).toBeLessThan(at('**Byrådets møder**'));
    expect(at('**Byrådets møder**')).toBeLessThan(at('Dialogmøde'));
    // Each section says when there are more than it shows.
    expect(seen).toMatch(/Viser de første 8 af \d+ de næste 75 dage\./);
    expect(JSON.stringify(card).length).toBeLessThan(40_000);
  });
});

describe("the month's last week (seed 004: \"Byrådet holder møde i månedens sidste uge\")", () => {
  it('shows the February 2028 byrådsmøde in February, not on 1 March', async () => {
    http.clock.set('2028-02-14T08:00:00Z');
    const seen = await say(persona.politiker, 'møder');
    expect(seen).toContain('onsdag 23. februar 2028 kl. 17.00: Byrådsmøde');
    expect(seen).not.toContain('onsdag 1. marts 2028 kl. 17.00: Byrådsmøde');
  });
});

describe('the kernegrupper in place of the temamøde (seed 000)', () => {
  it('shows a politician the group meeting at 15-17 on the byrådsmøde day and no temamøde in February to May; the temamøde is back in June', async () => {
    http.clock.set('2027-03-15T08:00:00Z');
    const march = await say(persona.politiker, 'møder');
    expect(march).toContain('onsdag 24. marts 2027 kl. 15.00: Kernegruppe Læring – møde før byrådsmødet');
    expect(march).toContain('onsdag 24. marts 2027 kl. 17.00: Byrådsmøde');
    expect(march).not.toContain('Temamøde');
    http.clock.set('2027-06-25T08:00:00Z');
    const june = await say(persona.politiker, 'møder');
    expect(june).toContain('onsdag 30. juni 2027 kl. 15.00: Temamøde');
  });
});

describe('an admin changes the calendar from chat', () => {
  it('moves a meeting, and everyone sees it moved', async () => {
    const moved = await say(persona.admin, 'flyt møde byraadsmoede-2026-12 til 2026-12-16 17:00');
    expect(moved).toContain('Mødet »Byrådsmøde« er flyttet til onsdag 16. december 2026 kl. 17.00');
    http.clock.set('2026-12-08T18:00:00Z');
    const seen = await say(persona.politiker, 'møder');
    expect(seen).toContain('onsdag 16. december 2026 kl. 17.00: Byrådsmøde (flyttet)');
    expect(seen).not.toContain('onsdag 30. december 2026 kl. 17.00: Byrådsmøde');
  });

  it('cancels a meeting, adds one, and refuses a non-admin and a bad time with the input shown back', async () => {
    http.clock.set('2026-12-02T08:00:00Z');
    expect(await say(persona.politiker, 'møder')).toContain('mandag 7. december 2026 kl. 14.00: Dialogmøde');
    expect(await say(persona.admin, 'aflys møde dialogmoede-2026-12')).toContain('er aflyst');
    expect(await say(persona.politiker, 'møder')).not.toContain('mandag 7. december 2026 kl. 14.00: Dialogmøde');
    http.clock.set('2026-11-23T10:00:00Z');
    expect(await say(persona.admin, 'tilføj møde temamoede 2026-12-10 15:00 Temamøde om budget')).toContain('Mødet »Temamøde om budget«');
    http.clock.set('2026-12-02T08:00:00Z');
    expect(await say(persona.politiker, 'møder')).toContain('torsdag 10. december 2026 kl. 15.00: Temamøde om budget');
    http.clock.set('2026-11-23T10:00:00Z');
    const refused = await say(persona.politiker, 'aflys møde byraadsmoede-2026-12');
    expect(refused).toContain('Det er kun administratorer');
    expect(refused).toContain('aflys møde byraadsmoede-2026-12');
    expect(await say(persona.admin, 'flyt møde byraadsmoede-2026-12 til 2026-11-01 17:00')).toContain('allerede passeret');
    expect(await say(persona.admin, 'flyt møde findes-ikke til 2026-12-16 17:00')).toContain('Jeg kender intet møde med id »findes-ikke«');
  });
});

describe('dates written the Danish way, and commands that cannot be read', () => {
  it('moves and adds with 16.12.2026 as well as 2026-12-16', async () => {
    expect(await say(persona.admin, 'flyt møde byraadsmoede-2026-12 til 16.12.2026 kl. 15.00')).toContain('Mødet »Byrådsmøde« er flyttet til onsdag 16. december 2026 kl. 15.00');
    expect(await say(persona.admin, 'tilføj møde temamoede 17.12.2026 15:00 Temamøde om budget')).toContain('torsdag 17. december 2026 kl. 15.00');
    expect(await say(persona.admin, 'tilføj møde temamoede 2026-12-18 kl. 9.30 Temamøde om skoler')).toContain('fredag 18. december 2026 kl. 09.30');
  });

  it('answers a move or add it cannot read with how to write it and what was written, not the help card', async () => {
    const move = await say(persona.admin, 'flyt møde byraadsmoede-2026-12 til 16/12 kl 15');
    expect(move).toContain('Jeg kunne ikke læse, hvilket møde der skal flyttes, og hvortil. Skriv fx »flyt møde byraadsmoede-2026-12 til 16.12.2026 17:00«');
    expect(move).toContain('flyt møde byraadsmoede-2026-12 til 16/12 kl 15');
    expect(move).not.toContain('Det kan du med Kerneopgave-bot');
    const add = await say(persona.admin, 'tilføj møde temamoede i morgen');
    expect(add).toContain('Mødetyperne er: dialogmoede, temamoede, byraadsmoede, pitstop, konsulentmoede, kommuneledelse.');
    expect(add).toContain('tilføj møde temamoede i morgen');
    expect(await say(persona.admin, 'aflys møde')).toContain('Skriv, hvilket møde der skal aflyses');
    // Someone who may not move meetings is told that first.
    expect(await say(persona.politiker, 'flyt møde byraadsmoede-2026-12 til 16/12')).toContain('Det er kun administratorer');
    const english = await http.send(message(persona.admin, personal(persona.admin), 'move meeting byraadsmoede-2026-12 to next week', { locale: 'en-GB' }) as Partial<Activity>);
    expect(cardText(english.sent[0]!.activity.attachments![0]!.content)).toContain('I could not read which meeting to move, and to when.');
  });

  it('refuses a date that does not exist, 31.02.2027, saying so, and changes nothing', async () => {
    const moved = await say(persona.admin, 'flyt møde byraadsmoede-2026-12 til 31.02.2027 15:00');
    expect(moved).toContain('Datoen 31.02.2027 findes ikke.');
    expect(moved).toContain('flyt møde byraadsmoede-2026-12 til 31.02.2027 15:00');
    expect(await say(persona.admin, 'tilføj møde temamoede 31.02.2027 15:00 Ekstra')).toContain('Datoen 31.02.2027 findes ikke.');
    expect((await http.repos.calendars.get(DEMO_TENANT))?.value.overrides ?? []).toEqual([]);
  });
});

describe('holidays', () => {
  it('warns the admins once about a meeting on a public holiday, with buttons to move or cancel it', async () => {
    // December's pitstop is held on its last Friday, 25 December, Juledag (seed 004: no meeting leaves its
    // month; week 4's Friday would be 1 January 2027, Nytårsdag).
    http.clock.set('2026-12-01T08:00:00Z');
    await http.send(installation(persona.admin, personal(persona.admin), 'add') as Partial<Activity>);
    http.connector.clear();
    await http.sweep();
    const warning = http.connector.to(personal(persona.admin).id).find((r) => cardText(r.activity.attachments?.[0]?.content).includes('helligdag'));
    expect(warning).toBeDefined();
    expect(cardText(warning!.activity.attachments![0]!.content)).toContain('Juledag');
    http.connector.clear();
    await http.sweep();
    expect(http.connector.to(personal(persona.admin).id)).toEqual([]); // once only
    const moved = await http.send(cardAction(persona.admin, personal(persona.admin), 'calendar.move', { meetingId: 'pitstop-2026-12', date: '2026-12-30', time: '09:00' }) as Partial<Activity>);
    expect(cardText(moved.card)).toContain('er flyttet til onsdag 30. december 2026 kl. 09.00');
    const bad = await http.send(cardAction(persona.admin, personal(persona.admin), 'calendar.move', { meetingId: 'pitstop-2026-12', date: '2026-13-45', time: '09:00' }) as Partial<Activity>);
    expect(cardText(bad.card)).toContain('Datoen 45.13.2026 findes ikke.');
    const noTime = await http.send(cardAction(persona.admin, personal(persona.admin), 'calendar.move', { meetingId: 'pitstop-2026-12', date: '2026-12-30', time: '' }) as Partial<Activity>);
    expect(cardText(noTime.card)).toContain('Jeg kan ikke læse dato og klokkeslæt. Skriv dem som 16.12.2026 17:00');
  });
});

describe('/calendar.ics', () => {
  it("serves the council's plan with stable UIDs, a moved meeting updated in place and a cancelled one marked", async () => {
    const get = async () => {
      const res = await fetch(`${http.bot.url}/calendar.ics?tenant=${DEMO_TENANT}`);
      expect(res.headers.get('content-type')).toContain('text/calendar');
      return res.text();
    };
    const before = await get();
    expect(before).toContain('BEGIN:VCALENDAR');
    expect(before).toContain('UID:byraadsmoede-2026-12@kerneopgave-bot');
    expect(before).not.toContain('kernegruppemoede');
    expect(before).not.toContain('Konsulentmøde');
    await say(persona.admin, 'flyt møde byraadsmoede-2026-12 til 2026-12-16 17:00');
    await say(persona.admin, 'aflys møde temamoede-2026-12');
    const after = await get();
    const event = (ics: string, uid: string) => ics.split('BEGIN:VEVENT').find((e) => e.includes(`UID:${uid}`))!;
    expect(event(after, 'byraadsmoede-2026-12@kerneopgave-bot')).toMatch(/DTSTART:20261216T160000Z/);
    expect(event(after, 'byraadsmoede-2026-12@kerneopgave-bot')).toContain('SEQUENCE:1');
    expect(event(after, 'temamoede-2026-12@kerneopgave-bot')).toContain('STATUS:CANCELLED');
    expect(after.match(/UID:byraadsmoede-2026-12@/g)).toHaveLength(1);
    expect((await fetch(`${http.bot.url}/calendar.ics?tenant=00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });
});

describe('/calendar.ics under load', () => {
  const url = () => `${http.bot.url}/calendar.ics?tenant=${DEMO_TENANT}`;
  const from = (ip: string, headers: Record<string, string> = {}) => fetch(url(), { headers: { 'x-forwarded-for': `203.0.113.99, ${ip}:51234`, ...headers } });

  it('is built once per tenant and served from the cache with ETag and Last-Modified, 304 to a client that has it, rebuilt after the TTL', async () => {
    await http.stop();
    const requests = new CosmosRequestLog();
    http = await HttpBot.start('2026-11-23T10:00:00Z', requests);
    const first = await from('198.51.100.1');
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('last-modified')).toBe('Mon, 23 Nov 2026 10:00:00 GMT');
    expect(first.headers.get('cache-control')).toBe('public, max-age=300');
    const body = await first.text();
    requests.clear();
    const again = await from('198.51.100.1');
    expect(await again.text()).toBe(body);
    expect(again.headers.get('etag')).toBe(etag);
    // Only the two point reads that say whether the roster or calendar changed.
    expect(requests.requests).toEqual(['read docs', 'read docs']);
    const notModified = await from('198.51.100.1', { 'if-none-match': etag });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    expect(notModified.headers.get('etag')).toBe(etag);
    expect((await from('198.51.100.1', { 'if-none-match': '"something-else"' })).status).toBe(200);
    // After the TTL it is built afresh (the window of meetings moves with time).
    http.clock.advance(301_000);
    requests.clear();
    expect((await from('198.51.100.1')).status).toBe(200);
    expect(requests.requests.length).toBeGreaterThan(2);
  });

  it('answers 429 with Retry-After to a client over its limit, while other clients are still served', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await from('198.51.100.7')).status);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    const refused = await from('198.51.100.7');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect((await from('198.51.100.8')).status).toBe(200);
    http.clock.advance(1000);
    expect((await from('198.51.100.7')).status).toBe(200);
  });
});
