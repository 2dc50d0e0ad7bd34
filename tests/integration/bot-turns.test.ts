// Whole turns through the teams-ai Application (TestAdapter + app.run) on the embedded Cosmos
// protocol server: help per role and language, the admin link commands, refusals that change
// nothing, card actions (known, unknown, tampered), and the installation events.

import { beforeEach, describe, expect, it } from 'vitest';
import { conversationOfGroup, announcementConversations } from '../../src/domain/directory.js';
import { botAdded, botRemoved, cardAction, installation, message } from '../support/activities.js';
import { BotDriver, cardText } from '../support/bot-driver.js';
import { freshDatabase } from '../support/cosmos.js';
import { conversations, DEMO_TENANT, persona, personal } from '../support/demo.js';

let bot: BotDriver;
const directory = async () => (await bot.repos.directories.get(DEMO_TENANT))!;

beforeEach(async () => {
  bot = await BotDriver.start(await freshDatabase());
});

describe('help', () => {
  it('shows an employee with no roles only the general commands, in Danish', async () => {
    const sent = await bot.send(message(persona.medarbejder, personal(persona.medarbejder), 'hjælp'));
    expect(sent.cards).toHaveLength(1);
    const t = cardText(sent.cards[0]);
    expect(t).toContain('Hej Sofie Nielsen.');
    expect(t).toContain('hjælp');
    expect(t).toContain('hvem er jeg');
    expect(t).not.toContain('tilknyt');
    expect(t).toContain('Du har ingen roller i kommunens grupper');
  });

  it('answers a message it does not understand with the help card, quoting the message', async () => {
    const sent = await bot.send(message(persona.politiker, personal(persona.politiker), 'hvad kan du *egentlig*?'));
    const t = cardText(sent.cards[0]);
    expect(t).toContain('Jeg forstod ikke »hvad kan du \\*egentlig\\*?«');
    expect(t).toContain('Kernegruppe Læring: politiker, udvalgsformand');
    expect(t).toContain('Byrådet: byrådsmedlem');
  });

  it('lists the admin commands and the link form for an admin in a group chat', async () => {
    const sent = await bot.send(message(persona.admin, conversations.laeringChat, 'hjælp'));
    const card = sent.cards[0]!;
    const t = cardText(card);
    expect(t).toContain('tilknyt \\[gruppe\\]');
    expect(t).toContain('opslagskanal');
    expect(t).toContain('Samtalen er tilknyttet: Kernegruppe Læring.');
    expect(JSON.stringify(card)).toContain('"verb":"admin.link"');
    // A group chat cannot be an announcement channel, so the card offers no such button there.
    expect(JSON.stringify(card)).not.toContain('admin.announcement');
  });

  it('speaks English to a user whose Teams runs in English', async () => {
    const sent = await bot.send(message(persona.konsulent, personal(persona.konsulent), 'help', { locale: 'en-GB' }));
    const t = cardText(sent.cards[0]);
    expect(t).toContain('What you can do with Kerneopgave-bot');
    expect(t).toContain('Kernegruppe Læring: consultant');
  });

  it('shows who I am from the button and from the command', async () => {
    const fromButton = await bot.send(cardAction(persona.tovholder, personal(persona.tovholder), 'help.profile'));
    expect(cardText(fromButton.invokeCard)).toContain('Kernegruppe Læring: chef, tovholder');
    const fromText = await bot.send(message(persona.admin, personal(persona.admin), 'hvem er jeg'));
    expect(cardText(fromText.cards[0])).toContain('Du er administrator.');
  });
});

describe('linking a conversation to a group', () => {
  it('lets an admin link a chat by name; the group moves from its old chat', async () => {
    const sent = await bot.send(message(persona.admin, conversations.otherChat, 'tilknyt kernegruppe læring'));
    expect(cardText(sent.cards[0])).toContain('Samtalen er nu tilknyttet Kernegruppe Læring');
    expect(cardText(sent.cards[0])).toContain('Gruppen var før tilknyttet en anden samtale');
    const dir = (await directory()).value;
    expect(conversationOfGroup(dir, 'kernegruppe-laering')).toBe(conversations.otherChat.id);
  });

  it('says which group a chat leaves when an admin gives it to another group', async () => {
    const sent = await bot.send(message(persona.admin, conversations.laeringChat, 'tilknyt konsulenterne'));
    expect(cardText(sent.cards[0])).toContain('Samtalen hørte før til Kernegruppe Læring, som nu ikke har nogen samtale.');
    const dir = (await directory()).value;
    expect(conversationOfGroup(dir, 'konsulenter')).toBe(conversations.laeringChat.id);
    expect(conversationOfGroup(dir, 'kernegruppe-laering')).toBeUndefined();
  });

  it('understands the Byråd by its everyday names', async () => {
    await bot.send(message(persona.admin, conversations.otherChannel, 'tilknyt Byrådet'));
    expect(conversationOfGroup((await directory()).value, 'byraad')).toBe(conversations.otherChannel.id);
  });

  it('links the channel itself, not the thread the command was written in', async () => {
    const sent = await bot.send(message(persona.admin, conversations.byraadChannel, 'tilknyt Byrådet'));
    expect(cardText(sent.cards[0])).toContain('Samtalen var allerede tilknyttet Byrådet');
    const help = await bot.send(message(persona.admin, conversations.general, 'hjælp'));
    expect(cardText(help.cards[0])).toContain('Kanalen er opslagskanal');
  });

  it('understands English group names', async () => {
    await bot.send(message(persona.admin, conversations.otherChannel, 'link council', { locale: 'en-US' }));
    expect(conversationOfGroup((await directory()).value, 'byraad')).toBe(conversations.otherChannel.id);
  });

  it('refuses a non-admin politely and changes nothing', async () => {
    const before = await directory();
    const sent = await bot.send(message(persona.tovholder, conversations.otherChat, 'tilknyt kernegruppe Læring'));
    const t = cardText(sent.cards[0]);
    expect(t).toContain('Det er kun administratorer');
    expect(t).toContain('tilknyt kernegruppe Læring'); // the input is shown back
    const after = await directory();
    expect(after.etag).toBe(before.etag);
  });

  it('names the groups when the name is unknown, and stores nothing', async () => {
    const before = await directory();
    const sent = await bot.send(message(persona.admin, conversations.otherChat, 'tilknyt Kultur'));
    const t = cardText(sent.cards[0]);
    expect(t).toContain('Jeg kender ingen gruppe, der hedder »Kultur«');
    expect(t).toContain('Kernegruppe Beskæftigelse');
    expect((await directory()).etag).toBe(before.etag);
  });

  it('refuses to link a personal chat', async () => {
    const sent = await bot.send(message(persona.admin, personal(persona.admin), 'tilknyt Byrådet'));
    expect(cardText(sent.cards[0])).toContain('En 1:1-chat kan ikke tilknyttes en gruppe');
  });

  it('links from the help card button and tells the chat who did it', async () => {
    const sent = await bot.send(cardAction(persona.admin, conversations.otherChat, 'admin.link', { groupId: 'konsulenter' }));
    expect(cardText(sent.invokeCard)).toContain('Samtalen er nu tilknyttet Konsulenterne');
    expect(sent.texts).toEqual(['Henrik Dahl tilknyttede denne samtale til Konsulenterne.']);
    expect(conversationOfGroup((await directory()).value, 'konsulenter')).toBe(conversations.otherChat.id);
  });

  it('unlinks, and says so when there is nothing to unlink', async () => {
    const first = await bot.send(message(persona.admin, conversations.laeringChat, 'fjern tilknytning'));
    expect(cardText(first.cards[0])).toContain('ikke længere tilknyttet Kernegruppe Læring');
    expect(conversationOfGroup((await directory()).value, 'kernegruppe-laering')).toBeUndefined();
    const second = await bot.send(message(persona.admin, conversations.laeringChat, 'fjern tilknytning'));
    expect(cardText(second.cards[0])).toContain('ikke tilknyttet nogen gruppe');
  });

  it('keeps both changes when two admins link different chats at the same moment', async () => {
    await Promise.all([
      bot.send(message(persona.admin, conversations.otherChat, 'tilknyt konsulenter')),
      bot.send(message(persona.admin, conversations.otherChannel, 'tilknyt økonomi & personale')),
    ]);
    const dir = (await directory()).value;
    expect(conversationOfGroup(dir, 'konsulenter')).toBe(conversations.otherChat.id);
    expect(conversationOfGroup(dir, 'oekonomi-personale')).toBe(conversations.otherChannel.id);
  });
});

describe('announcement channels', () => {
  it('lets an admin mark a channel, idempotently, and unmark it', async () => {
    const on = await bot.send(message(persona.admin, conversations.otherChannel, 'opslagskanal'));
    expect(cardText(on.cards[0])).toContain('Kanalen er nu opslagskanal');
    expect(announcementConversations((await directory()).value)).toContain(conversations.otherChannel.id);
    const again = await bot.send(cardAction(persona.admin, conversations.otherChannel, 'admin.announcement.on'));
    expect(cardText(again.invokeCard)).toContain('Intet er ændret');
    await bot.send(message(persona.admin, conversations.otherChannel, 'fjern opslagskanal'));
    expect(announcementConversations((await directory()).value)).not.toContain(conversations.otherChannel.id);
  });

  it('refuses a group chat as announcement channel and a non-admin anywhere', async () => {
    const chat = await bot.send(message(persona.admin, conversations.otherChat, 'opslagskanal'));
    expect(cardText(chat.cards[0])).toContain('Kun en kanal i et team kan være opslagskanal');
    const nonAdmin = await bot.send(message(persona.politiker, conversations.otherChannel, 'opslagskanal'));
    expect(cardText(nonAdmin.cards[0])).toContain('Det er kun administratorer');
    expect(announcementConversations((await directory()).value)).toEqual([conversations.general.id]);
  });

  it('names linked conversations from what the bot learnt when it was added there', async () => {
    await bot.send(botAdded(persona.admin, conversations.byraadChannel));
    await bot.send(botAdded(persona.admin, conversations.laeringChat));
    const t = cardText((await bot.send(message(persona.admin, personal(persona.admin), 'tilknytninger'))).cards[0]);
    expect(t).toContain('Demo Kommune › Byrådet: Byrådet (gruppens samtale)');
    expect(t).toContain('Kernegruppe Læring: Kernegruppe Læring (gruppens samtale)');
  });

  it('lists the links for an admin only', async () => {
    const admin = await bot.send(message(persona.admin, personal(persona.admin), 'tilknytninger'));
    const t = cardText(admin.cards[0]);
    expect(t).toContain('Kernegruppe Læring (gruppens samtale)');
    expect(t).toContain('opslagskanal');
    const other = await bot.send(message(persona.medarbejder, personal(persona.medarbejder), 'tilknytninger'));
    // What is refused is seeing the links, and the refusal says so.
    expect(cardText(other.cards[0])).toContain('Det er kun administratorer, der kan se, hvilke samtaler der hører til hvilke grupper.');
    expect(cardText(other.cards[0])).not.toContain('ændre');
    expect(cardText(other.cards[0])).toContain('tilknytninger');
    const english = await bot.send(message(persona.medarbejder, personal(persona.medarbejder), 'links', { locale: 'en-GB' }));
    expect(cardText(english.cards[0])).toContain('Only administrators can see which conversations belong to which groups.');
  });
});

describe('card actions that cannot be trusted', () => {
  it('answers an unknown verb with a polite error card and changes nothing', async () => {
    const before = await directory();
    const sent = await bot.send(cardAction(persona.admin, conversations.otherChat, 'admin.deleteEverything', { groupId: 'byraad' }));
    expect(sent.invokeStatus).toBe(200);
    expect(cardText(sent.invokeCard)).toContain('Den knap kender jeg ikke');
    expect((await directory()).etag).toBe(before.etag);
  });

  it('answers tampered data with an error card and changes nothing', async () => {
    const before = await directory();
    const sent = await bot.send(cardAction(persona.admin, conversations.otherChat, 'admin.link', { groupId: { $ne: null } }));
    expect(cardText(sent.invokeCard)).toContain('Kortet sendte data, jeg ikke kan bruge');
    expect((await directory()).etag).toBe(before.etag);
  });

  it('answers a card action that is not an Action.Execute', async () => {
    const sent = await bot.send(cardAction(persona.admin, conversations.otherChat, undefined, {}, { actionType: 'Action.Bogus' }));
    expect(sent.invokeStatus).toBe(200);
    expect(cardText(sent.invokeCard)).toContain('Den knap kender jeg ikke');
  });

  it('does not let a person in another tenant act on this tenant', async () => {
    const other = 'f0000000-0000-4000-8000-000000000099';
    const sent = await bot.send(message(persona.admin, conversations.otherChat, 'tilknyt Byrådet', { tenantId: other }));
    // Same person id, other tenant: the other tenant has no roster, so no admin rights here.
    expect(cardText(sent.cards[0])).toContain('Det er kun administratorer');
    expect(conversationOfGroup((await directory()).value, 'byraad')).toBe(conversations.byraadChannel.id);
  });
});

describe('where the bot may post', () => {
  it('records a personal installation once, welcomes once, and records the removal', async () => {
    const who = persona.medarbejder;
    const first = await bot.send(installation(who, personal(who), 'add'));
    expect(first.texts[0]).toContain('Hej! Jeg er Kerneopgave-bot');
    const again = await bot.send(installation(who, personal(who), 'add'));
    expect(again.texts).toEqual([]);
    const rec = await bot.repos.conversations.getPersonal(DEMO_TENANT, who.id);
    expect(rec?.value.status).toBe('installed');
    expect(rec?.value.reference).toMatchObject({ conversation: { id: personal(who).id }, serviceUrl: 'https://smba.trafficmanager.net/emea/' });
    await bot.send(installation(who, personal(who), 'remove'));
    const removed = await bot.repos.conversations.getPersonal(DEMO_TENANT, who.id);
    expect(removed?.value.status).toBe('removed');
    expect(removed?.value.removedAt).toBeDefined();
  });

  it('welcomes a chat the roster already links to a group by that group, and an unlinked one with how to link it', async () => {
    const linked = await bot.send(botAdded(persona.admin, conversations.byraadChannel));
    expect(linked.texts[0]).toContain('Denne samtale hører til Byrådet');
    const unlinked = await bot.send(botAdded(persona.admin, conversations.otherChat));
    expect(unlinked.texts[0]).toContain('En administrator kan tilknytte samtalen');
  });

  it('welcomes the announcement channel (General in the demo) as one, without asking an admin to link it', async () => {
    const general = await bot.send(botAdded(persona.admin, conversations.general));
    expect(general.texts).toEqual([
      'Hej! Jeg er Kerneopgave-bot. Denne kanal er opslagskanal: nye udbud annonceres her, og alle kan byde ind fra opslaget. Nævn mig og skriv »hjælp« for at se, hvad jeg kan.',
    ]);
    const english = await bot.send(botAdded(persona.admin, conversations.otherChannel, { locale: 'en-US' }));
    expect(english.texts[0]).toContain('An administrator can link this conversation');
  });

  it('says so when a linked channel also announces, and escapes the group name in the text message', async () => {
    await bot.send(message(persona.admin, conversations.byraadChannel, 'opslagskanal'));
    const directory = (await bot.repos.directories.get(DEMO_TENANT))!;
    const renamed = { ...directory.value, groups: directory.value.groups.map((g) => (g.id === 'byraad' ? { ...g, name: 'Byrådet <alle 25>' } : g)) };
    await bot.repos.directories.save(renamed, directory.etag);
    const welcome = await bot.send(botAdded(persona.admin, conversations.byraadChannel));
    expect(welcome.texts).toEqual([
      'Hej! Jeg er Kerneopgave-bot. Denne samtale hører til Byrådet \\<alle 25\\>. Nævn mig og skriv »hjælp« for at se, hvad jeg kan her. Kanalen er også opslagskanal: nye udbud annonceres her.',
    ]);
  });

  it('records a channel when the bot is added to a team, with team and channel names', async () => {
    await bot.send(botAdded(persona.admin, conversations.byraadChannel));
    const rec = await bot.repos.conversations.get(DEMO_TENANT, conversations.byraadChannel.id);
    expect(rec?.value).toMatchObject({ conversationType: 'channel', status: 'installed', name: 'Byrådet', teamName: 'Demo Kommune' });
    await bot.send(botRemoved(persona.admin, conversations.byraadChannel));
    expect((await bot.repos.conversations.get(DEMO_TENANT, conversations.byraadChannel.id))?.value.status).toBe('removed');
  });
});
