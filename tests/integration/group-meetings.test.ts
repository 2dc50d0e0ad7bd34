// A kernegruppe's own meetings run by its tovholder from the group's chat (issue 13 point 2; seed 000:
// the tovholder chef is "ansvarlig for gruppens arbejde", "Hver gruppe afgør derudover selv sin
// mødefrekvens efter behov"): "møder" there shows the group's meetings with "Flyt", "Aflys" and "Tilføj
// møde" for the tovholder; a konsulent, another group's tovholder and another tenant are refused and
// nothing changes; the group's chat is reminded of an added meeting, and the reminder follows its move.
// Over HTTP, through the real Application, on the embedded Cosmos.

import type { Activity } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardAction, message } from '../support/activities.js';
import { cardText, type Card } from '../support/bot-driver.js';
import { CosmosRequestLog } from '../support/cosmos.js';
import { conversations, DEMO_TENANT, persona, personal, type Conversation } from '../support/demo.js';
import { HttpBot } from '../support/http-bot.js';

const chat: Conversation = conversations.laeringChat;
/** Kernegruppe Beskæftigelse's tovholder (demo roster). */
const otherTovholder = { id: 'd0000000-0000-4000-8000-000000000022', name: 'Camilla Lund' };
const OTHER_TENANT = '0e000000-0000-4000-8000-00000000000e';

let http: HttpBot;
const requests = new CosmosRequestLog();
beforeEach(async () => {
  http = await HttpBot.start('2027-02-01T09:00:00Z', requests);
});
afterEach(async () => {
  await http.stop();
});

const cardOf = (answer: { sent: { activity: Partial<Activity> }[] }) => answer.sent[0]!.activity.attachments![0]!.content as Card;
const say = async (who: typeof persona.admin, text: string, where = chat, opts: { tenantId?: string } = {}) => cardOf(await http.send(message(who, where, text, opts) as Partial<Activity>));
const press = async (who: typeof persona.admin, verb: string, data: Record<string, unknown>, opts: { tenantId?: string } = {}) => (await http.send(cardAction(who, chat, verb, data, opts) as Partial<Activity>)).card!;
/** What a person reads: the markdown escapes (20\\.01) shown as Teams shows them. */
const plain = (card: unknown) => cardText(card).replace(/\\/g, '');
const overrides = async () => (await http.repos.calendars.get(DEMO_TENANT))?.value.overrides ?? [];

/** The data a meeting's button sends (its row names the inputs it carries). */
function buttonOf(card: unknown, verb: string, meetingTitle: string): Record<string, string> {
  const rows = (card as Card).body.filter((b) => (b as { type?: string }).type === 'Container') as { items: unknown[] }[];
  for (const row of rows) {
    if (!cardText(row).includes(meetingTitle)) continue;
    let data: Record<string, string> | undefined;
    JSON.stringify(row, (_k, v: unknown) => {
      if (v && typeof v === 'object' && (v as { verb?: unknown }).verb === verb) data = (v as { data: Record<string, string> }).data;
      return v;
    });
    if (data) return data;
  }
  throw new Error(`no ${verb} for ${meetingTitle} in ${cardText(card)}`);
}

describe("the tovholder runs the group's meetings from its chat", () => {
  it('adds, moves and cancels them; a konsulent is refused and nothing changes', async () => {
    const typed = 'tilføj møde 10.03.2027 15:00 Opfølgning på katalog';
    const refused = cardText(await say(persona.konsulent, typed));
    expect(refused).toContain('Det er kun kernegruppens tovholder eller en administrator');
    expect(refused).toContain(typed);
    expect(await overrides()).toEqual([]);

    expect(cardText(await say(persona.tovholder, typed))).toContain('Mødet »Kernegruppe Læring – Opfølgning på katalog« onsdag 10. marts 2027 kl. 15.00 er tilføjet');

    // "møder" in the group's chat: the group's meetings, its season, and the tovholder's buttons.
    requests.clear();
    const card = await say(persona.tovholder, 'møder');
    const reads = requests.requests.length;
    const seen = cardText(card);
    expect(seen).toContain('Kernegruppe Læring: gruppens møder');
    expect(seen).toContain('Gruppens faste møder ligger i februar, marts, april og maj');
    expect(seen).toContain('onsdag 24. februar 2027 kl. 15.00: Kernegruppe Læring – møde før byrådsmødet');
    expect(seen).toContain('onsdag 10. marts 2027 kl. 15.00: Kernegruppe Læring – Opfølgning på katalog');
    expect(seen).not.toContain('Byrådsmøde');
    expect(seen).toContain('[Flyt]');
    expect(seen).toContain('[Aflys]');
    expect(seen).toContain('[Tilføj møde]');
    expect(reads).toBe(2); // point reads of the roster and the calendar item, however many meetings
    // A konsulent sees the same meetings, without the buttons.
    const konsulentSees = cardText(await say(persona.konsulent, 'møder'));
    expect(konsulentSees).toContain('Opfølgning på katalog');
    expect(konsulentSees).not.toContain('[Flyt]');
    expect(konsulentSees).not.toContain('[Tilføj møde]');

    const move = buttonOf(card, 'kernegruppemoede.move', 'Opfølgning på katalog');
    const row = move.row!;
    const moveTo = { ...move, [`date${row}`]: '2027-03-11', [`time${row}`]: '14:00' };
    // Forged clicks: a konsulent of the group, another group's tovholder, an admin of another tenant.
    const before = JSON.stringify(await overrides());
    expect(cardText(await press(persona.konsulent, 'kernegruppemoede.move', moveTo))).toContain('Det er kun kernegruppens tovholder');
    expect(cardText(await press(otherTovholder, 'kernegruppemoede.move', moveTo))).toContain('Det er kun kernegruppens tovholder');
    expect(cardText(await press(persona.admin, 'kernegruppemoede.move', moveTo, { tenantId: OTHER_TENANT }))).toMatch(/Det er kun administratorer|Jeg kender intet møde/);
    // The tovholder's own click, with another group's meeting or the byrådsmøde: not hers to move.
    for (const meetingId of ['kernegruppemoede-kernegruppe-beskaeftigelse-2027-02', 'byraadsmoede-2027-02'])
      expect(cardText(await press(persona.tovholder, 'kernegruppemoede.move', { ...moveTo, meetingId }))).toContain('Som tovholder kan du kun flytte og aflyse din egen kernegruppes møder');
    expect(JSON.stringify(await overrides())).toBe(before);

    // A time in the past comes back on the card at the meeting, with what was typed, and changes nothing.
    const past = await press(persona.tovholder, 'kernegruppemoede.move', { ...move, [`date${row}`]: '2027-01-15', [`time${row}`]: '14:00' });
    expect(plain(past)).toContain('Det tidspunkt er allerede passeret. Du skrev: 15.01.2027 14:00');
    expect(JSON.stringify(past)).toContain('"value":"2027-01-15"');
    expect(JSON.stringify(await overrides())).toBe(before);
    // A date that does not exist, typed: said so, with the command shown back.
    const id = move.meetingId!;
    const noDate = cardText(await say(persona.tovholder, `flyt møde ${id} til 31.02.2027 15:00`));
    expect(noDate).toContain('Datoen 31.02.2027 findes ikke.');
    expect(noDate).toContain(`flyt møde ${id} til 31.02.2027 15:00`);

    requests.clear();
    const moved = await press(persona.tovholder, 'kernegruppemoede.move', moveTo);
    const moveRequests = requests.requests.length;
    expect(cardText(moved)).toContain('Mødet »Kernegruppe Læring – Opfølgning på katalog« er flyttet til torsdag 11. marts 2027 kl. 14.00');
    expect(cardText(moved)).toContain('torsdag 11. marts 2027 kl. 14.00: Kernegruppe Læring – Opfølgning på katalog (flyttet)');
    // The roster, the calendar item (to find the meeting), the calendar item again and its replace (etag), the redraw's read.
    expect(moveRequests).toBe(5);

    // Out of the group's chat the tovholder is sent back there; the typed commands work in it.
    expect(cardText(await say(persona.tovholder, `aflys møde ${id}`, personal(persona.tovholder)))).toContain('i gruppens egen chat');
    expect(cardText(await say(persona.tovholder, 'aflys møde byraadsmoede-2027-02'))).toContain('Som tovholder kan du kun');

    const cancel = buttonOf(moved, 'kernegruppemoede.cancel', 'Opfølgning på katalog');
    const cancelled = await press(persona.tovholder, 'kernegruppemoede.cancel', { ...cancel, [`reason${cancel.row}`]: 'Kataloget er ikke klar' });
    expect(cardText(cancelled)).toContain('er aflyst');
    expect(cardText(cancelled)).not.toContain('Opfølgning på katalog (flyttet)');
    const stored = await overrides();
    expect(stored.at(-1)).toMatchObject({ meetingId: id, action: 'cancel', reason: 'Kataloget er ikke klar', by: persona.tovholder.id });
    // The politicians see it gone in their own "møder" too.
    expect(cardText(await say(persona.politiker, 'møder', personal(persona.politiker)))).not.toContain('Opfølgning på katalog');
  });

  it('adds from the card, and a bad time comes back at the form with what was typed', async () => {
    const card = await say(persona.tovholder, 'møder');
    const add = buttonOf({ body: [{ type: 'Container', items: [card] }] }, 'kernegruppemoede.add', 'Tilføj møde');
    const bad = await press(persona.tovholder, 'kernegruppemoede.add', { ...add, addDate: '2027-01-20', addTime: '15:00', addTitle: 'Proces' });
    expect(plain(bad)).toContain('Det tidspunkt er allerede passeret. Du skrev: 20.01.2027 15:00 Proces');
    expect(JSON.stringify(bad)).toContain('"value":"Proces"');
    expect(await overrides()).toEqual([]);
    expect(cardText(await press(persona.konsulent, 'kernegruppemoede.add', { ...add, addDate: '2027-04-07', addTime: '15:00', addTitle: 'Proces' }))).toContain('Det er kun kernegruppens tovholder');
    expect(await overrides()).toEqual([]);
    const added = await press(persona.tovholder, 'kernegruppemoede.add', { ...add, addDate: '2027-04-07', addTime: '15:00', addTitle: 'Proces' });
    expect(cardText(added)).toContain('onsdag 7. april 2027 kl. 15.00: Kernegruppe Læring – Proces');
    expect(await overrides()).toHaveLength(1);
  });
});

describe("the group's chat is reminded of its own meetings (2 days before by default)", () => {
  it('plans and sends the reminder of an added meeting, following its move, to that group only', async () => {
    http.clock.set('2027-03-01T09:00:00Z');
    await say(persona.tovholder, 'tilføj møde 10.03.2027 15:00 Opfølgning');
    const id = 'kernegruppemoede-kernegruppe-laering-ekstra-2027-03-10-1500';
    await http.sweep();
    const planned = (await http.repos.reminders.ofTenant(DEMO_TENANT, new Date('2027-02-01T00:00:00Z'))).filter((r) => r.meetingId === id);
    expect(planned.map((r) => [r.ruleId, r.target, r.dueAt])).toEqual([['kernegruppemoede-2d', { type: 'group', groupId: 'kernegruppe-laering' }, '2027-03-08T14:00:00.000Z']]);

    expect(cardText(await say(persona.tovholder, `flyt møde ${id} til 12.03.2027 10:00`))).toContain('er flyttet til fredag 12. marts 2027 kl. 10.00');
    http.clock.set('2027-03-08T14:05:00Z');
    const atOldTime = await http.sweep();
    expect(atOldTime.filter((r) => cardText(r.activity.attachments?.[0]?.content).includes('Opfølgning'))).toEqual([]);

    http.clock.set('2027-03-10T09:05:00Z');
    const sent = (await http.sweep()).filter((r) => cardText(r.activity.attachments?.[0]?.content).includes('Opfølgning'));
    expect(sent.map((r) => r.conversationId)).toEqual([chat.id]);
    const seen = cardText(sent[0]!.activity.attachments![0]!.content);
    expect(seen).toContain('Kernegruppe Læring: møde fredag 12. marts 2027 kl. 10.00');
    expect(seen).toContain('»Kernegruppe Læring – Opfølgning«');
    expect(seen).toContain('Åbne udbud: 0.'); // the group's digest, as before a byrådsmøde
    const after = (await http.repos.reminders.ofTenant(DEMO_TENANT, new Date('2027-02-01T00:00:00Z'))).filter((r) => r.meetingId === id);
    expect(after.map((r) => [r.status, r.dueAt])).toEqual([['sent', '2027-03-10T09:00:00.000Z']]);
  });

  it('sends no reminder for a meeting the tovholder cancelled', async () => {
    http.clock.set('2027-03-01T09:00:00Z');
    await say(persona.tovholder, 'tilføj møde 10.03.2027 15:00 Opfølgning');
    await http.sweep();
    expect(cardText(await say(persona.tovholder, 'aflys møde kernegruppemoede-kernegruppe-laering-ekstra-2027-03-10-1500 Udsat'))).toContain('er aflyst');
    http.clock.set('2027-03-08T14:05:00Z');
    const sent = await http.sweep();
    expect(sent.filter((r) => cardText(r.activity.attachments?.[0]?.content).includes('Opfølgning'))).toEqual([]);
  });
});
