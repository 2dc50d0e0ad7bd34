// "Send til tovholderen" (issue 13 point 5) end to end over HTTP: the real bot, the embedded Cosmos
// server, a recording connector for the 1:1s and the group chat, a set clock. A konsulent who drafts but
// may not publish (seed 002: "ikke primær tovholder men dem der skubber på") sends the finished draft;
// the tovholder (seed 000: "ansvarlig for gruppens arbejde") is told once, 1:1, through the outbox, and
// opens the draft with Offentliggør. Pressing again, forged presses, an edit, and a tenant whose table
// lets konsulenter publish.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { botAdded, botRemoved, cardAction } from '../support/activities.js';
import { cardText, type Card } from '../support/bot-driver.js';
import { dataOf, verbsOf } from '../support/card-actions.js';
import { CosmosRequestLog } from '../support/cosmos.js';
import { conversations, DEMO_TENANT, persona, personal, type Conversation, type Persona } from '../support/demo.js';
import { VALID_TENDER_FORM } from '../support/forms.js';
import { HttpBot } from '../support/http-bot.js';
import type { Tender } from '../../src/domain/tender.js';
import { noticeId } from '../../src/app/notices.js';

const chat = conversations.laeringChat;
const OTHER_TENANT = '0e000000-0000-4000-8000-00000000000e';
/** Kernegruppe Beskæftigelse's konsulent in the demo roster: not Læring's. */
const otherKonsulent: Persona = { id: 'd0000000-0000-4000-8000-000000000023', name: 'Louise Iversen' };
const WRITES = new Set(['create', 'replace', 'upsert', 'delete', 'patch', 'batch']);

const requests = new CosmosRequestLog();
let http: HttpBot;

const click = async (who: Persona, where: Conversation, verb: string, data: Record<string, unknown> = {}, opts: { tenantId?: string } = {}): Promise<Card> =>
  (await http.send(cardAction(who, where, verb, data, opts) as Partial<Activity>)).card as Card;
const stored = async (tenderId: string): Promise<Tender> => (await http.repos.tenders.getTender(DEMO_TENANT, tenderId))!.value;
const cardOf = (r: { activity: Partial<Activity> }) => r.activity.attachments?.[0]?.content as Card;
const writes = () => requests.detailed.filter((r) => WRITES.has(r.operation));

/** The konsulent's draft, saved in the group's chat: its id. */
async function konsulentDraft(): Promise<{ tenderId: string; preview: Card }> {
  const preview = await click(persona.konsulent, chat, 'tender.save', VALID_TENDER_FORM);
  return { tenderId: dataOf(preview, 'tender.edit').tenderId!, preview };
}

beforeEach(async () => {
  http = await HttpBot.start('2026-11-23T10:00:00Z', requests);
});
afterEach(async () => {
  await http.stop();
});

describe('a konsulent sends the draft to the tovholder', () => {
  it('marks it ready, tells the tovholder once 1:1 with a button to the draft, which she publishes from', async () => {
    // The tovholder has the bot 1:1: the notice reaches him there.
    await http.send(botAdded(persona.tovholder, personal(persona.tovholder)));
    const { tenderId, preview } = await konsulentDraft();
    // A drafter who may not publish: Ret kladde and Send til tovholderen, and who publishes.
    expect(verbsOf(preview)).toEqual(['tender.edit', 'tender.sendToLead']);
    expect(cardText(preview)).toContain('Send til tovholderen');
    expect(cardText(preview)).toContain('Udkastet offentliggøres af tovholderen: Johan Kristensen (tovholder).');
    await http.sweep();
    http.connector.clear();

    http.clock.set('2026-11-23T11:00:00Z');
    requests.clear();
    const sent = await click(persona.konsulent, chat, 'tender.sendToLead', dataOf(preview, 'tender.sendToLead'));
    // The click's cost: the directory, the tender, the tovholder's personal chat; one write of the tender, one notice created.
    expect(requests.operations()).toEqual(['read docs', 'read docs', 'read docs', 'replace docs', 'create docs']);
    // Answered from the stored state: to whom and when, and no button to send it again.
    expect(cardText(sent)).toContain('Sendt til tovholderen Johan Kristensen mandag 23. november 2026 kl. 12.00 af Hanne Graversen – klar til offentliggørelse.');
    expect(verbsOf(sent)).toEqual(['tender.edit']);
    const marked = await stored(tenderId);
    expect(marked.status).toBe('draft');
    expect(marked.readyForLead).toEqual({
      at: '2026-11-23T11:00:00.000Z',
      by: persona.konsulent.id,
      byName: 'Hanne Graversen',
      to: [{ id: persona.tovholder.id, name: 'Johan Kristensen', roles: ['tovholder'] }],
      via: 'personal',
    });
    expect(marked.history.at(-1)).toMatchObject({ action: 'sentToLead', by: persona.konsulent.id, note: 'Johan Kristensen' });
    // Nothing goes to Teams inside the click.
    expect(http.connector.received).toEqual([]);

    // The outbox: exactly one 1:1 notice, to the tovholder, with the draft's title, the sender and a button to it.
    const out = await http.sweep();
    expect(out.map((r) => r.conversationId)).toEqual([personal(persona.tovholder).id]);
    const notice = cardOf(out[0]!);
    expect(cardText(notice)).toContain('Et udkast er klar til offentliggørelse');
    expect(cardText(notice)).toContain('Hanne Graversen har sendt udkastet **Læsevenner i lokalsamfundet** fra Kernegruppe Læring til dig');
    expect(verbsOf(notice)).toEqual(['tender.preview']);

    // A second press changes nothing, says so, and sends nothing more.
    const before = JSON.stringify(await stored(tenderId));
    const again = await click(persona.konsulent, chat, 'tender.sendToLead', { tenderId });
    expect(cardText(again)).toContain('Udkastet var allerede sendt; der er ikke sendt noget nyt.');
    expect(verbsOf(again)).toEqual(['tender.edit']);
    expect(JSON.stringify(await stored(tenderId))).toBe(before);
    expect(await http.sweep()).toEqual([]);

    // The notice's button opens the draft for the tovholder, 1:1, with Offentliggør; it says who sent it.
    const opened = await click(persona.tovholder, personal(persona.tovholder), 'tender.preview', dataOf(notice, 'tender.preview'));
    expect(verbsOf(opened)).toEqual(['tender.edit', 'tender.publish', 'tender.cancelAsk']);
    expect(cardText(opened)).toContain('af Hanne Graversen – klar til offentliggørelse.');
    // The group's list says the draft is ready, for the tovholder.
    const list = await click(persona.tovholder, chat, 'tender.list');
    expect(cardText(list)).toContain('Klar til offentliggørelse – sendt af Hanne Graversen mandag 23. november 2026 kl. 12.00');

    await click(persona.tovholder, personal(persona.tovholder), 'tender.publish', { tenderId });
    expect((await stored(tenderId)).status).toBe('published');
    // Sending a tender that is no longer a draft: said, nothing changes.
    const published = JSON.stringify(await stored(tenderId));
    http.connector.clear();
    expect(cardText(await click(persona.konsulent, chat, 'tender.sendToLead', { tenderId }))).toContain('Udbuddet er ikke længere en kladde');
    expect(JSON.stringify(await stored(tenderId))).toBe(published);
    expect(await http.sweep()).toEqual([]);
  });

  it('editing the draft clears the mark: a notice not sent yet is skipped, and the draft must be sent again', async () => {
    await http.send(botAdded(persona.tovholder, personal(persona.tovholder)));
    const { tenderId } = await konsulentDraft();
    await click(persona.konsulent, chat, 'tender.sendToLead', { tenderId });
    const mark = (await stored(tenderId)).readyForLead!;
    const queued = noticeId(`tender.readyForLead|${tenderId}|${mark.at}`, persona.tovholder.id);
    expect((await http.repos.outbox.get(DEMO_TENANT, queued))?.value.status).toBe('pending');

    // Ret kladde → Gem kladde before the outbox ran.
    const edited = await click(persona.konsulent, chat, 'tender.save', { ...VALID_TENDER_FORM, tenderId, title: 'Læsecafé, rettet' });
    expect((await stored(tenderId)).readyForLead).toBeUndefined();
    expect(verbsOf(edited)).toEqual(['tender.edit', 'tender.sendToLead']);
    expect(cardText(edited)).not.toContain('Sendt til tovholderen');
    // The notice about the version sent is no longer true: it is skipped, not sent.
    expect(await http.sweep()).toEqual([]);
    expect((await http.repos.outbox.get(DEMO_TENANT, queued))?.value.status).toBe('skipped');

    // Sent again: a new notice, about the edited draft.
    http.clock.set('2026-11-23T10:30:00Z');
    await click(persona.konsulent, chat, 'tender.sendToLead', { tenderId });
    const out = await http.sweep();
    expect(out.map((r) => r.conversationId)).toEqual([personal(persona.tovholder).id]);
    expect(cardText(cardOf(out[0]!))).toContain('Læsecafé, rettet');
  });

  it('nobody reachable 1:1: the group chat is told instead; nor the chat: nothing is stored and the konsulent is told whom to tell', async () => {
    const { tenderId } = await konsulentDraft();
    await http.sweep();
    http.connector.clear();
    const sent = await click(persona.konsulent, chat, 'tender.sendToLead', { tenderId });
    expect(cardText(sent)).toContain('Sendt til tovholderen Johan Kristensen i kernegruppens chat');
    expect((await stored(tenderId)).readyForLead?.via).toBe('group');
    const out = await http.sweep();
    expect(out.map((r) => r.conversationId)).toEqual([chat.id]);
    expect(cardText(cardOf(out[0]!))).toContain('Hanne Graversen har sendt udkastet **Læsevenner i lokalsamfundet** til tovholderen Johan Kristensen');

    // A second draft, with the bot removed from the group's chat too.
    const second = await konsulentDraft();
    await http.send(botRemoved(persona.admin, chat));
    const before = JSON.stringify(await stored(second.tenderId));
    requests.clear();
    const refused = await click(persona.konsulent, personal(persona.konsulent), 'tender.sendToLead', { tenderId: second.tenderId });
    expect(cardText(refused)).toContain('Udkastet er ikke sendt: botten har ingen 1:1-chat med Johan Kristensen');
    expect(writes().filter((w) => w.container !== 'directory')).toEqual([]);
    expect(JSON.stringify(await stored(second.tenderId))).toBe(before);
    expect(await http.sweep()).toEqual([]);
  });
});

describe('refusals change nothing', () => {
  it('a politician, another tenant, an employee and a tender that does not exist are refused; nothing written or queued', async () => {
    await http.send(botAdded(persona.tovholder, personal(persona.tovholder)));
    const { tenderId } = await konsulentDraft();
    await http.sweep();
    const before = JSON.stringify(await stored(tenderId));
    requests.clear();
    for (const [who, where, data, opts, says] of [
      // A member of the group without the udkast right: told who may.
      [persona.politiker, chat, { tenderId }, {}, 'Kun tovholderen, en chef eller en konsulent kan oprette og rette kernegruppens udkast'],
      [persona.medarbejder, personal(persona.medarbejder), { tenderId }, {}, 'findes ikke'],
      // Another group's konsulent: Læring's draft does not exist for her.
      [otherKonsulent, personal(otherKonsulent), { tenderId }, {}, 'findes ikke'],
      [persona.konsulent, chat, { tenderId }, { tenantId: OTHER_TENANT }, ''],
      [persona.konsulent, chat, { tenderId: 'tender-findes-ikke' }, {}, 'findes ikke'],
    ] as const) {
      const card = await click(who, where, 'tender.sendToLead', data, opts);
      expect(card.body.length).toBeGreaterThan(0);
      expect(verbsOf(card)).not.toContain('tender.edit');
      if (says) expect(cardText(card)).toContain(says);
    }
    expect(writes().filter((w) => w.container !== 'directory')).toEqual([]);
    expect(JSON.stringify(await stored(tenderId))).toBe(before);
    expect(await http.sweep()).toEqual([]);
  });

  it('a tenant whose table lets konsulenter publish offers no Send til tovholderen', async () => {
    const { tenderId, preview: underDefaults } = await konsulentDraft();
    expect(verbsOf(underDefaults)).toContain('tender.sendToLead');
    const dir = (await http.repos.directories.get(DEMO_TENANT))!;
    await http.repos.directories.save({ ...dir.value, rights: { udkast: ['tovholder', 'chef', 'konsulent'], offentliggoer: ['tovholder', 'konsulent'], aflys: ['tovholder'], beslut: ['tovholder'] } }, dir.etag);
    // The same draft, and a new one: the konsulent publishes them herself.
    for (const preview of [await click(persona.konsulent, chat, 'tender.preview', { tenderId }), (await konsulentDraft()).preview]) {
      expect(verbsOf(preview)).toEqual(['tender.edit', 'tender.publish']);
      expect(cardText(preview)).not.toContain('Send til tovholderen');
    }
  });

  it('in English: Send to the lead director, and the draft says to whom it was sent', async () => {
    await http.send(botAdded(persona.tovholder, personal(persona.tovholder)));
    const en = { locale: 'en-US' };
    const preview = (await http.send(cardAction(persona.konsulent, chat, 'tender.save', VALID_TENDER_FORM, en) as Partial<Activity>)).card as Card;
    expect(cardText(preview)).toContain('Send to the lead director');
    const sent = (await http.send(cardAction(persona.konsulent, chat, 'tender.sendToLead', dataOf(preview, 'tender.sendToLead'), en) as Partial<Activity>)).card as Card;
    expect(cardText(sent)).toContain('Sent to the lead director Johan Kristensen');
    expect(cardText(sent)).toContain('by Hanne Graversen – ready to publish.');
  });
});
