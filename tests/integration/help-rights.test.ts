// The help card offers only what the person may use where they are. For each of the demo roster's
// six personas, in their 1:1 chat, the kernegruppe's group chat, the announcement channel and the
// Byråd's channel, with chefs allowed to add dialogmøde topics and not: the help card is rendered
// through the bot, then every command on it is written to the bot and every button on it pressed,
// and no answer may be a refusal. Through the real Application (TestAdapter) on the embedded Cosmos.

import { describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { PERSONAS } from '../../scripts/playground.js';
import { DEFAULT_CALENDAR } from '../../src/domain/calendar.js';
import { cardAction, message } from '../support/activities.js';
import { BotDriver, cardText, type Card } from '../support/bot-driver.js';
import { freshDatabase } from '../support/cosmos.js';
import { conversations, DEMO_TENANT, persona, personal, type Conversation, type Persona } from '../support/demo.js';

const PLACES = {
  '1:1': personal,
  "the kernegruppe's group chat": () => conversations.laeringChat,
  'the announcement channel': () => conversations.general,
  "the Byråd's channel": () => conversations.byraadChannel,
} satisfies Record<string, (p: Persona) => Conversation>;
type Place = keyof typeof PLACES;

/** What a refusal looks like: the error card's title, or words that say the person may not. */
const REFUSAL = /Det gik ikke|\bkun\b|må ikke|ikke lov|Det er byrådets medlemmer|er for byrådet og cheferne|not allowed|\bonly\b/i;

async function botWith(chefsMayAddTopics: boolean): Promise<BotDriver> {
  const bot = await BotDriver.start(await freshDatabase());
  if (chefsMayAddTopics) {
    const stored = await bot.repos.calendars.get(DEMO_TENANT);
    const base = stored?.value ?? { tenantId: DEMO_TENANT, config: DEFAULT_CALENDAR, overrides: [], warned: [] };
    await bot.repos.calendars.save({ ...base, agenda: { chefsMayAddTopics: true } }, stored?.etag);
  }
  return bot;
}

interface Node {
  type?: string;
  facts?: { title: string; value: string }[];
  verb?: string;
  data?: Record<string, unknown>;
  id?: string;
  value?: string;
  choices?: { value: string }[];
}

function nodes(card: unknown): Node[] {
  const out: Node[] = [];
  JSON.stringify(card, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) out.push(v as Node);
    return v;
  });
  return out;
}

/** The commands the help card lists, as a person reads them (the last FactSet; markdown escapes removed). */
const commandsOn = (card: Card) => (nodes({ body: card.body }).filter((n) => n.type === 'FactSet').at(-1)?.facts ?? []).map((f) => f.title.replace(/\\(.)/g, '$1'));

/** A command as a person would type it from the card, with its [placeholders] filled in sensibly for this place. */
function typed(command: string, place: Place): string {
  const group = place === "the kernegruppe's group chat" ? 'Kernegruppe Læring' : place === "the Byråd's channel" ? 'Byrådet' : 'Økonomi & Personale';
  return command
    // In the kernegruppe's chat, the group's own meeting its tovholder (or an admin) added from the card's »tilføj møde [dato] …« line before.
    .replace(/^(flyt møde) \[id\]/, place === "the kernegruppe's group chat" ? '$1 kernegruppemoede-kernegruppe-laering-ekstra-2026-12-17-1500' : '$1 byraadsmoede-2026-12')
    .replace(/^(aflys møde) \[id\]/, place === "the kernegruppe's group chat" ? '$1 kernegruppemoede-kernegruppe-laering-ekstra-2026-12-17-1500' : '$1 temamoede-2026-12')
    .replace('[emne]', 'Opfølgning på katalog')
    .replace('[dato]', command.startsWith('flyt') ? '16.12.2026' : '2026-12-17')
    .replace('[kl.]', '15:00')
    .replace('[type]', 'temamoede')
    .replace('[titel]', 'Ekstra temamøde')
    .replace('[begrundelse]', 'Ingen punkter')
    .replace('[gruppe]', group)
    .replace('[periode]', '2027')
    .replace('[navn, e-mail eller Entra-id]', persona.medarbejder.name);
}

/** Every button on the help card, with the data Teams would send: the button's own, and the inputs as a person fills them in. */
function pressesOn(card: Card): { verb: string; data: Record<string, unknown> }[] {
  const all = nodes(card);
  const choice = all.find((n) => n.type === 'Input.ChoiceSet' && n.id === 'groupId');
  // The group picker starts at the conversation's group; where there is none the person picks one.
  const inputs = choice ? { groupId: choice.value || 'oekonomi-personale' } : {};
  return all.filter((n) => n.type === 'Action.Execute').map((n) => ({ verb: n.verb!, data: { ...inputs, ...(n.data ?? {}) } }));
}

const answerText = (sent: Awaited<ReturnType<BotDriver['send']>>) => [...sent.cards.map(cardText), ...sent.texts, ...(sent.invokeCard ? [cardText(sent.invokeCard)] : [])].join('\n');

describe.each([false, true])('with chefsMayAddTopics %s', (chefsMayAddTopics) => {
  describe.each(PERSONAS)('%s', (name) => {
    const who = persona[name];
    it.each(Object.keys(PLACES) as Place[])('in %s: every command and button on the help card is answered, never refused', async (place) => {
      const where = PLACES[place](who);
      const bot = await botWith(chefsMayAddTopics);
      const help = (await bot.send(message(who, where, 'hjælp'))).cards[0]!;
      const commands = commandsOn(help);
      expect(commands).toContain('hjælp');
      for (const command of commands) {
        const text = typed(command, place);
        const answer = answerText(await bot.send(message(who, where, text)));
        expect(answer, text).not.toBe('');
        expect(answer, `${name} in ${place} wrote »${text}«`).not.toMatch(REFUSAL);
      }
      // The buttons on a fresh bot, so the typed commands above (linking, marking) change nothing they meet.
      const fresh = await botWith(chefsMayAddTopics);
      const presses = pressesOn(help);
      expect(presses.map((p) => p.verb)).toContain('help.profile');
      for (const press of presses) {
        const answer = await fresh.send(cardAction(who, where, press.verb, press.data) as Partial<Activity>);
        expect(answer.invokeCard, press.verb).toBeDefined();
        expect(cardText(answer.invokeCard), `${name} in ${place} pressed ${press.verb}`).not.toMatch(REFUSAL);
      }
    });
  });
});

describe('what the help card leaves out', () => {
  const commands = async (who: Persona, where: Conversation, chefsMayAddTopics = false) => {
    const help = (await (await botWith(chefsMayAddTopics)).send(message(who, where, 'hjælp'))).cards[0]!;
    return { commands: commandsOn(help), verbs: pressesOn(help).map((p) => p.verb) };
  };

  it('offers a chef "emne" and Tilføj emne only where the tenant lets chefs add topics', async () => {
    const off = await commands(persona.tovholder, personal(persona.tovholder));
    expect(off.commands).not.toContain('emne');
    expect(off.verbs).not.toContain('topic.new');
    expect(off.commands).toContain('dagsorden');
    const on = await commands(persona.tovholder, personal(persona.tovholder), true);
    expect(on.commands).toContain('emne');
    expect(on.verbs).toContain('topic.new');
  });

  it('offers "nyt udbud" in the kernegruppe’s chat to those who run its tenders, and nowhere else', async () => {
    expect((await commands(persona.tovholder, conversations.laeringChat)).commands).toContain('nyt udbud');
    expect((await commands(persona.tovholder, personal(persona.tovholder))).commands).not.toContain('nyt udbud');
    expect((await commands(persona.oekonomi, conversations.laeringChat)).commands).not.toContain('nyt udbud');
  });

  it('offers an admin the link commands only where they do something', async () => {
    const oneOnOne = (await commands(persona.admin, personal(persona.admin))).commands;
    for (const c of ['tilknyt [gruppe]', 'fjern tilknytning', 'opslagskanal', 'fjern opslagskanal']) expect(oneOnOne).not.toContain(c);
    expect(oneOnOne).toContain('tilknytninger');
    const announcement = (await commands(persona.admin, conversations.general)).commands;
    expect(announcement).toEqual(expect.arrayContaining(['tilknyt [gruppe]', 'fjern opslagskanal']));
    expect(announcement).not.toContain('opslagskanal');
    expect(announcement).not.toContain('fjern tilknytning');
    const byraad = (await commands(persona.admin, conversations.byraadChannel)).commands;
    expect(byraad).toEqual(expect.arrayContaining(['fjern tilknytning', 'opslagskanal']));
  });
});

// Issue 13 point 5: in a kernegruppe's chat the help card shows the group's rights table (from the
// tenant's table) and what this person may do there; elsewhere it does not.
describe("the kernegruppe's rights on the help card", () => {
  const RIGHTS_ROWS = [
    'Udkast og forberedelse (oprette og rette udkast, bede om konkretisering, sætte på kortlisten): tovholder, chef, konsulent',
    'Offentliggøre et udbud: tovholder',
    'Annullere et udbud: tovholder',
    'Beslutte (afvise, tildele, indstille til Byrådet): tovholder',
  ];
  const helpText = async (who: Persona, where: Conversation, bot?: BotDriver) => cardText((await (bot ?? (await botWith(false))).send(message(who, where, 'hjælp'))).cards[0]);

  it.each([
    ['konsulent', 'Du kan her: Udkast og forberedelse (oprette og rette udkast, bede om konkretisering, sætte på kortlisten).'],
    ['tovholder', 'Du kan her: Udkast og forberedelse (oprette og rette udkast, bede om konkretisering, sætte på kortlisten); Offentliggøre et udbud; Annullere et udbud; Beslutte (afvise, tildele, indstille til Byrådet).'],
    ['politiker', 'Du kan læse gruppens udbud og bud og vurdere buddene; de fire opgaver ovenfor ligger hos de nævnte roller.'],
    ['oekonomi', 'Du kan læse gruppens udbud og bud og vurdere buddene'],
    // An admin outside the group stands in for the tovholder.
    ['admin', 'Du kan her: Offentliggøre et udbud; Annullere et udbud; Beslutte (afvise, tildele, indstille til Byrådet).'],
  ] as const)('shows the %s the table and what they may do', async (name, mine) => {
    const text = await helpText(persona[name], conversations.laeringChat);
    expect(text).toContain('Hvem gør hvad i Kernegruppe Læring');
    for (const row of RIGHTS_ROWS) expect(text).toContain(row);
    expect(text).toContain('En administrator kan altid træde til for tovholderen');
    expect(text).toContain(mine);
  });

  it('shows no table outside a kernegruppe chat, nor to someone outside the group', async () => {
    expect(await helpText(persona.tovholder, personal(persona.tovholder))).not.toContain('Hvem gør hvad');
    expect(await helpText(persona.tovholder, conversations.byraadChannel)).not.toContain('Hvem gør hvad');
    expect(await helpText(persona.medarbejder, conversations.laeringChat)).not.toContain('Hvem gør hvad');
  });

  it("shows the tenant's own table: chefs publishing", async () => {
    const bot = await botWith(false);
    const dir = (await bot.repos.directories.get(DEMO_TENANT))!;
    await bot.repos.directories.save({ ...dir.value, rights: { udkast: ['tovholder', 'chef', 'konsulent'], offentliggoer: ['tovholder', 'chef'], aflys: ['tovholder'], beslut: ['tovholder'] } }, dir.etag);
    const chef: Persona = { id: 'd0000000-0000-4000-8000-000000000011', name: 'Niels Iversen' };
    const text = await helpText(chef, conversations.laeringChat, bot);
    expect(text).toContain('Offentliggøre et udbud: tovholder, chef');
    expect(text).toContain('Du kan her: Udkast og forberedelse (oprette og rette udkast, bede om konkretisering, sætte på kortlisten); Offentliggøre et udbud.');
  });
});
