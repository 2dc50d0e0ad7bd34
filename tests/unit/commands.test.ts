// Reading chat messages as commands (src/adapters/teams/commands.ts), in Danish and English, as Teams
// delivers them (non-breaking spaces, line breaks, a final full stop), and which commands the help
// card offers to whom, in which language.

import { describe, expect, it } from 'vitest';
import { parseCommand, commandsFor, type Command } from '../../src/adapters/teams/commands.js';
import { actorFrom } from '../../src/domain/actor.js';
import type { Directory } from '../../src/domain/directory.js';

describe('parseCommand', () => {
  it.each<[string, Command]>([
    ['emne', { kind: 'newTopic' }],
    ['Nyt emne.', { kind: 'newTopic' }],
    ['nyt emne: Trafik i midtbyen', { kind: 'newTopic', title: 'Trafik i midtbyen' }],
    ['emne Ældre og ensomhed', { kind: 'newTopic', title: 'Ældre og ensomhed' }],
    ['dagsorden', { kind: 'agenda' }],
    ['Dagsorden som tekst', { kind: 'agendaText' }],
    ['agenda as text', { kind: 'agendaText' }],
    ['hjælp', { kind: 'help' }],
    ['Hjælp.', { kind: 'help' }],
    ['HJÆLP!', { kind: 'help' }],
    ['hjaelp', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['Help?', { kind: 'help' }],
    ['hjælp\u00a0', { kind: 'help' }],
    ['\n  hjælp \n\n', { kind: 'help' }],
    ['hvem er jeg', { kind: 'whoami' }],
    ['Hvem er jeg?', { kind: 'whoami' }],
    ['hvem\u00a0er\u00a0jeg\n', { kind: 'whoami' }],
    ['hvem  er\n jeg', { kind: 'whoami' }],
    ['who am i', { kind: 'whoami' }],
    ['Who am I?', { kind: 'whoami' }],
    ['fjern tilknytning', { kind: 'unlink' }],
    ['unlink', { kind: 'unlink' }],
    ['links', { kind: 'links' }],
    ['tilknytninger', { kind: 'links' }],
    ['Tilknytninger.', { kind: 'links' }],
    ['opslagskanal', { kind: 'announce', on: true }],
    ['markér som opslagskanal', { kind: 'announce', on: true }],
    ['Marker som opslagskanal.', { kind: 'announce', on: true }],
    ['announcement channel', { kind: 'announce', on: true }],
    ['fjern opslagskanal', { kind: 'announce', on: false }],
    ['Fjern som opslagskanal', { kind: 'announce', on: false }],
    ['remove announcement channel', { kind: 'announce', on: false }],
  ])('reads %j', (typed, command) => {
    expect(parseCommand(typed)).toEqual(command);
  });

  it.each<[string, Command]>([
    ['flyt møde byraadsmoede-2026-12 til 2026-12-16 17:00', { kind: 'moveMeeting', meetingId: 'byraadsmoede-2026-12', date: '2026-12-16', time: '17:00' }],
    ['flyt møde byraadsmoede-2026-12 til 16.12.2026 kl. 15.00', { kind: 'moveMeeting', meetingId: 'byraadsmoede-2026-12', date: '2026-12-16', time: '15:00' }],
    ['Flyt møde Byraadsmoede-2026-12 til 1.2.2027 9:05.', { kind: 'moveMeeting', meetingId: 'byraadsmoede-2026-12', date: '2027-02-01', time: '09:05' }],
    ['move meeting pitstop-2026-12 to 30.12.2026 09:00', { kind: 'moveMeeting', meetingId: 'pitstop-2026-12', date: '2026-12-30', time: '09:00' }],
    ['tilføj møde temamoede 16.12.2026 15:00 Ekstra temamøde', { kind: 'addMeeting', meetingKind: 'temamoede', date: '2026-12-16', time: '15:00', title: 'Ekstra temamøde' }],
    ['tilføj møde temamoede 2026-12-16 kl. 15.00', { kind: 'addMeeting', meetingKind: 'temamoede', date: '2026-12-16', time: '15:00', title: '' }],
    // Read as written; the calendar refuses a day that does not exist, saying so.
    ['tilføj møde temamoede 31.02.2027 15:00 X', { kind: 'addMeeting', meetingKind: 'temamoede', date: '2027-02-31', time: '15:00', title: 'X' }],
    ['flyt møde byraadsmoede-2026-12 til 16/12 kl 15', { kind: 'meetingCommandUnreadable', command: 'moveMeeting' }],
    ['flyt møde', { kind: 'meetingCommandUnreadable', command: 'moveMeeting' }],
    ['tilføj møde temamoede i morgen', { kind: 'meetingCommandUnreadable', command: 'addMeeting' }],
    // In a kernegruppe's chat no kind: the group's own meeting (issue 13 point 2).
    ['tilføj møde 10.03.2027 15:00 Opfølgning på katalog', { kind: 'addMeeting', meetingKind: '', date: '2027-03-10', time: '15:00', title: 'Opfølgning på katalog' }],
    ['tilføj møde 2027-03-10 kl. 9.30', { kind: 'addMeeting', meetingKind: '', date: '2027-03-10', time: '09:30', title: '' }],
    ['add meeting 10.03.2027 15:00', { kind: 'addMeeting', meetingKind: '', date: '2027-03-10', time: '15:00', title: '' }],
    ['aflys møde', { kind: 'meetingCommandUnreadable', command: 'cancelMeeting' }],
  ])('reads the meeting command %j', (typed, command) => {
    expect(parseCommand(typed)).toEqual(command);
  });

  it.each<[string, string]>([
    ['tilknyt kernegruppe Læring', 'kernegruppe Læring'],
    ['Tilknyt Kernegruppe Læring.', 'Kernegruppe Læring'],
    ['tilknyt til Byrådet', 'Byrådet'],
    ['tilknyt\u00a0til\u00a0Byrådet\n', 'Byrådet'],
    ['tilknyt  Økonomi & Personale', 'Økonomi & Personale'],
    ['link to Byrådet', 'Byrådet'],
    ['link core group Læring', 'core group Læring'],
  ])('reads %j as a link to the group as written', (typed, group) => {
    expect(parseCommand(typed)).toEqual({ kind: 'link', group });
  });

  it.each(['tilknyt', 'Tilknyt.', 'tilknyt til', 'link'])('reads a bare %j as a link without a group, so the bot can ask which', (typed) => {
    expect(parseCommand(typed)).toEqual({ kind: 'link', group: '' });
  });

  it('does not take words that merely start like a command for one', () => {
    expect(parseCommand('links').kind).toBe('links');
    expect(parseCommand('tilknytning')).toEqual({ kind: 'unknown', text: 'tilknytning' });
    expect(parseCommand('linkedin')).toEqual({ kind: 'unknown', text: 'linkedin' });
    expect(parseCommand('hjælp mig med udbud')).toEqual({ kind: 'unknown', text: 'hjælp mig med udbud' });
  });

  it('keeps an unknown message as typed (case, markup and its final "?"), with only spacing tidied', () => {
    expect(parseCommand('Hvad kan du *egentlig*?')).toEqual({ kind: 'unknown', text: 'Hvad kan du *egentlig*?' });
    expect(parseCommand('hvornår er mødet...')).toEqual({ kind: 'unknown', text: 'hvornår er mødet...' });
    expect(parseCommand('  Hvornår\u00a0er  næste\nDialogmøde  ')).toEqual({ kind: 'unknown', text: 'Hvornår er næste Dialogmøde' });
  });

  it('reads a message without text as unknown with empty text', () => {
    expect(parseCommand(undefined)).toEqual({ kind: 'unknown', text: '' });
    expect(parseCommand(' \n ')).toEqual({ kind: 'unknown', text: '' });
  });
});

describe('commandsFor', () => {
  const TENANT = 'de000000-0000-4000-8000-000000000001';
  const ADMIN = 'd0000000-0000-4000-8000-000000000006';
  const POLITIKER = 'd0000000-0000-4000-8000-000000000001';
  const dir: Directory = {
    tenantId: TENANT,
    people: [
      { id: ADMIN, name: 'Henrik Dahl' },
      { id: POLITIKER, name: 'Mette Holm' },
    ],
    groups: [
      { id: 'konsulenter', kind: 'konsulenter', name: 'Konsulenterne', members: [{ person: ADMIN, roles: ['admin'] }] },
      { id: 'byraad', kind: 'byraad', name: 'Byrådet', members: [{ person: POLITIKER, roles: ['byraadsmedlem', 'borgmester'] }] },
    ],
    kerneopgaver: [],
    links: [],
  };
  const admin = actorFrom(dir, TENANT, ADMIN, 'Henrik Dahl');
  const mayor = actorFrom(dir, TENANT, POLITIKER, 'Mette Holm');
  const outsider = actorFrom(dir, TENANT, 'a1b2c3d4-0000-4000-8000-00000000beef', 'Ulla Udenfor');

  it('shows someone without roles only what every employee can do', () => {
    expect(commandsFor(outsider, 'da').map((c) => c.command)).toEqual(['hjælp', 'hvem er jeg', 'udbud', 'mine bud', 'møder']);
  });

  it('shows no admin or tender commands to someone with roles who neither administers nor runs a kernegruppe, not even the mayor', () => {
    expect(commandsFor(mayor, 'da').map((c) => c.command)).toEqual(['hjælp', 'hvem er jeg', 'udbud', 'mine bud', 'møder', 'emne', 'dagsorden']);
  });

  it("offers 'nyt udbud' to those who run a kernegruppe's tenders", () => {
    const TOVHOLDER = 'd0000000-0000-4000-8000-000000000002';
    const withKernegruppe: Directory = {
      ...dir,
      groups: [...dir.groups, { id: 'kernegruppe-laering', kind: 'kernegruppe', name: 'Kernegruppe Læring', kerneopgave: 'laering', members: [{ person: TOVHOLDER, roles: ['chef', 'tovholder'] }] }],
    };
    const tovholder = actorFrom(withKernegruppe, TENANT, TOVHOLDER, 'Johan Kristensen');
    const inTheGroupsChat = { conversationType: 'groupChat' as const, canAddTopic: false, canStartTender: true, linked: true, announcement: false };
    expect(commandsFor(tovholder, 'da', inTheGroupsChat).map((c) => c.command)).toContain('nyt udbud');
    // 1:1 there is no kernegruppe to start it in: "nyt udbud" would only be refused.
    expect(commandsFor(tovholder, 'da').map((c) => c.command)).not.toContain('nyt udbud');
  });

  it("offers a chef 'emne' only where the tenant lets chefs add topics", () => {
    const CHEF = 'd0000000-0000-4000-8000-000000000011';
    const withChef: Directory = {
      ...dir,
      groups: [...dir.groups, { id: 'kernegruppe-laering', kind: 'kernegruppe', name: 'Kernegruppe Læring', kerneopgave: 'laering', members: [{ person: CHEF, roles: ['chef'] }] }],
    };
    const chef = actorFrom(withChef, TENANT, CHEF, 'Chef');
    const place = (canAddTopic: boolean) => ({ conversationType: 'personal' as const, canAddTopic, canStartTender: false, linked: false, announcement: false });
    expect(commandsFor(chef, 'da', place(false)).map((c) => c.command)).not.toContain('emne');
    expect(commandsFor(chef, 'da', place(true)).map((c) => c.command)).toContain('emne');
    // The agenda is theirs to read either way (seed 004: the dialogmøde is for the Byråd and the chefs).
    expect(commandsFor(chef, 'da', place(false)).map((c) => c.command)).toContain('dagsorden');
  });

  const channel = (linked: boolean, announcement: boolean) => ({ conversationType: 'channel' as const, canAddTopic: false, canStartTender: false, linked, announcement });

  it('shows an admin the link commands where they work, each with a description', () => {
    const commands = commandsFor(admin, 'da', channel(false, false));
    expect(commands.map((c) => c.command)).toEqual(['hjælp', 'hvem er jeg', 'udbud', 'mine bud', 'møder', 'dagsorden', 'dagsorden som tekst', 'tilknyt [gruppe]', 'opslagskanal', 'tilknytninger', 'påmindelser', 'status kernegrupper', 'flyt møde [id] til [dato] [kl.]', 'aflys møde [id] [begrundelse]', 'tilføj møde [type] [dato] [kl.] [titel]']);
    for (const c of commands) expect(c.description, c.command).toMatch(/\S{3,}/);
    // A linked announcement channel can be unlinked and stop announcing; it cannot become one again.
    const linked = commandsFor(admin, 'da', channel(true, true)).map((c) => c.command);
    expect(linked).toEqual(expect.arrayContaining(['fjern tilknytning', 'fjern opslagskanal']));
    expect(linked).not.toContain('opslagskanal');
    // 1:1 nothing can be linked or announced.
    const personal = commandsFor(admin, 'da').map((c) => c.command);
    for (const c of ['tilknyt «gruppe»', 'fjern tilknytning', 'opslagskanal', 'fjern opslagskanal']) expect(personal).not.toContain(c);
    expect(personal).toContain('tilknytninger');
  });

  it('speaks English for locale en', () => {
    expect(commandsFor(outsider, 'en')).toEqual([
      { command: 'help', description: 'Show this overview.' },
      { command: 'who am i', description: 'Show your roles and groups.' },
      { command: 'tenders', description: "See the open tenders and bid. In a core group's chat: the group's own tenders and their bids." },
      { command: 'my bids', description: 'See your bids and how they are doing.' },
      { command: 'meetings', description: 'The next meetings that concern you.' },
    ]);
    expect(commandsFor(admin, 'en', channel(true, false)).map((c) => c.command)).toEqual(['help', 'who am i', 'tenders', 'my bids', 'meetings', 'agenda', 'agenda as text', 'link [group]', 'unlink', 'announcement channel', 'links', 'reminders', 'core group status', 'move meeting [id] to [date] [time]', 'cancel meeting [id] [reason]', 'add meeting [kind] [date] [time] [title]']);
  });

  it.each(['da', 'en'] as const)('offers only commands the bot understands when typed as shown (%s)', (locale) => {
    for (const { command } of [...commandsFor(admin, locale, channel(false, false)), ...commandsFor(admin, locale, channel(true, true))]) {
      const typed = command
        .replace('[id]', 'byraadsmoede-2026-12')
        .replace(/\[(dato|date)\]/, '2026-12-16')
        .replace(/\[(kl\.|time)\]/, '17:00')
        .replace(/\[(type|kind)\]/, 'temamoede')
        .replace(/\[(titel|title)\]/, 'Ekstra')
        .replace(/\[[^\]]+\]/, 'Byrådet');
      const parsed = parseCommand(typed);
      expect(parsed.kind, typed).not.toBe('unknown');
      if (parsed.kind === 'link') expect(parsed.group).toBe('Byrådet');
    }
  });
});
