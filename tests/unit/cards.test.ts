// Every Adaptive Card template in cards/ rendered through its view with realistic data, then checked as
// Teams would take it (version ≤ 1.5, nothing left unbound, verbs on every Action.Execute, small, and
// accepted by the adaptivecards library); and user text escaped so it shows as typed.

import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CARD_NAMES, cardsDirectory, escapeMarkdown, renderCard, type CardJson } from '../../src/adapters/cards/render-card.js';
import { noticeCard, helpCard } from '../../src/adapters/cards/views.js';
import { commandsFor } from '../../src/adapters/teams/commands.js';
import { actorFrom } from '../../src/domain/actor.js';
import { CARD_FIXTURES as FIXTURES, TENANT, demo, outsider } from '../support/card-fixtures.js';

/** The part of the adaptivecards API these tests use (its UMD build, see NOTES.md). */
interface AdaptiveCardsLibrary {
  AdaptiveCard: new () => {
    parse(json: unknown, context: unknown): void;
    validateProperties(): { validationEvents: { event: number; message: string }[] };
  };
  SerializationContext: new () => { readonly eventCount: number; getEventAt(i: number): { event: number; message: string } };
}
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsLibrary;

const templates = readdirSync(cardsDirectory())
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .sort();

function collect(node: unknown, found: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) for (const n of node) collect(n, found);
  else if (node && typeof node === 'object') {
    found.push(node as Record<string, unknown>);
    for (const v of Object.values(node)) collect(v, found);
  }
  return found;
}

/** What the adaptivecards library objects to: while parsing (unknown types, bad values) and on validation (duplicate ids ...). */
function libraryEvents(card: unknown): { parse: string[]; validation: string[] } {
  const ac = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext();
  ac.parse(card, ctx);
  return {
    parse: Array.from({ length: ctx.eventCount }, (_, i) => ctx.getEventAt(i).message),
    validation: ac.validateProperties().validationEvents.map((e) => e.message),
  };
}

/** What a person reads on the card: text, titles and values, in order. */
const textOf = (card: CardJson) => collect(card).flatMap((n) => [n.text, n.title, n.value].filter((v): v is string => typeof v === 'string'));

describe('card templates', () => {
  it('has a fixture for every template in cards/, and renderCard knows them all', () => {
    expect(templates.length).toBeGreaterThan(0);
    expect(Object.keys(FIXTURES).sort()).toEqual(templates);
    expect([...CARD_NAMES].sort()).toEqual(templates);
  });

  it('would notice a broken card: the library reports bad values, unknown elements and duplicate input ids', () => {
    const broken = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: 'x', size: 'Huge' }, { type: 'NoSuchElement' }, { type: 'Input.Text', id: 'a' }, { type: 'Input.Text', id: 'a' }],
    };
    const events = libraryEvents(broken);
    expect(events.parse).toHaveLength(2);
    expect(events.validation).toEqual(['Duplicate Id "a".']);
  });

  const renderings = Object.entries(FIXTURES).flatMap(([template, fixtures]) => Object.entries(fixtures).map(([name, render]) => [`${template}: ${name}`, render] as const));

  describe.each(renderings)('%s', (_name, render) => {
    const card = render();
    const json = JSON.stringify(card);

    it('is an Adaptive Card of version 1.5 or lower, as Teams renders', () => {
      expect(card.type).toBe('AdaptiveCard');
      const [major, minor] = String(card.version).split('.').map(Number);
      expect(major).toBe(1);
      expect(minor).toBeLessThanOrEqual(5);
    });

    it('has no ${...} binding left unexpanded', () => {
      expect(json).not.toContain('${');
      expect(json).not.toContain('$when');
      expect(json).not.toContain('$data');
    });

    it('gives every Action.Execute a verb', () => {
      for (const action of collect(card).filter((n) => n.type === 'Action.Execute')) {
        expect(action.verb, JSON.stringify(action)).toEqual(expect.stringMatching(/\S/));
      }
    });

    it('stays well under the Teams message size limit', () => {
      expect(Buffer.byteLength(json)).toBeLessThan(40 * 1024);
    });

    it('parses and validates without events in the adaptivecards library', () => {
      expect(libraryEvents(card)).toEqual({ parse: [], validation: [] });
    });

    it('toggles only elements that are on the card (the library does not check this)', () => {
      const ids = new Set(collect(card).flatMap((n) => (typeof n.id === 'string' ? [n.id] : [])));
      for (const toggle of collect(card).filter((n) => n.type === 'Action.ToggleVisibility')) {
        const targets = toggle.targetElements as (string | { elementId: string })[];
        expect(targets.length).toBeGreaterThan(0);
        for (const t of targets) expect(ids, JSON.stringify(toggle)).toContain(typeof t === 'string' ? t : t.elementId);
      }
    });

    it('lets no text input cut what is typed or pasted (no maxLength; the limit is said in the label and checked by the server)', () => {
      for (const field of collect(card).filter((n) => n.type === 'Input.Text')) expect(field, JSON.stringify(field)).not.toHaveProperty('maxLength');
    });

    it('has no empty text where a person would read something', () => {
      for (const block of collect(card).filter((n) => n.type === 'TextBlock')) expect(block.text, JSON.stringify(block)).toEqual(expect.stringMatching(/\S/));
    });
  });
});

describe('what the cards show', () => {

  it("lists an admin's roles and the admin buttons in a channel, offering to stop being announcement channel", () => {
    const card = FIXTURES.help!['admin in a linked announcement channel']!();
    const shown = textOf(card);
    expect(shown).toContain('Hej Henrik Dahl.');
    expect(shown).toContain('Konsulenterne');
    expect(shown).toContain('tilknyt \\[gruppe\\]');
    expect(shown).toContain('fjern opslagskanal');
    expect(shown).not.toContain('opslagskanal'); // it already is one
    expect(shown.join('\n')).toContain('Samtalen er tilknyttet: Byrådet.');
    const verbs = collect(card).filter((n) => n.type === 'Action.Execute').map((n) => n.verb);
    expect(verbs).toEqual(['admin.link', 'admin.announcement.off', 'help.profile', 'admin.links']);
  });

  it('shows an employee with no roles that, and no admin section or buttons', () => {
    const card = FIXTURES.help!['employee with no roles']!();
    const shown = textOf(card);
    expect(shown).toContain('Du har ingen roller i kommunens grupper. Du kan stadig bruge de almindelige kommandoer nedenfor.');
    expect(shown.join('\n')).not.toContain('tilknyt');
    expect(collect(card).filter((n) => n.type === 'Action.Execute').map((n) => n.verb)).toEqual(['help.profile']);
    expect(collect(card).some((n) => n.type === 'Input.ChoiceSet')).toBe(false);
  });

  it("says the topic form's limits at the fields, and the numbers in an over-long error as the label writes them", () => {
    const card = FIXTURES['topic-form']!['with errors at each field']!();
    const inputs = collect(card).filter((n) => n.type === 'Input.Text');
    expect(inputs.map((n) => n.label)).toEqual(['Emne (titel) (højst 150 tegn)', 'Hvorfor skal det drøftes? (højst 2.000 tegn)']);
    expect(textOf(card)).toContain('Højst 2.000 tegn – du skrev 2.001.');
    expect(collect(FIXTURES['topic-form']!['editing, English']!()).find((n) => n.id === 'why')!.label).toBe('Why should it be discussed? (at most 2,000 characters)');
  });

  it('echoes what the user wrote on a refusal', () => {
    expect(textOf(FIXTURES.notice!['refusal echoing the input']!())).toContain('tilknyt kernegruppe Sundhed');
  });

  it('says there are no links yet on an empty links card, and lists each link otherwise', () => {
    expect(textOf(FIXTURES.links!.empty!()).join('\n')).toContain('Ingen samtaler er tilknyttet endnu.');
    const shown = textOf(FIXTURES.links!['group chats and an announcement channel']!());
    expect(shown).toContain('Byrådet (gruppens samtale), opslagskanal');
    expect(shown).toContain('samtale uden navn');
  });
});

describe('escapeMarkdown', () => {
  it.each([
    ['[x](http://evil)', '\\[x\\](http://evil)'],
    ['**bold**', '\\*\\*bold\\*\\*'],
    ['_i_', '\\_i\\_'],
    ['# Overskrift', '\\# Overskrift'],
    ['- punkt', '\\- punkt'],
    ['+ punkt', '\\+ punkt'],
    ['> citat', '\\> citat'],
    ['1. punkt', '1\\. punkt'],
    ['12. punkt', '12\\. punkt'],
    ['`kode`', '\\`kode\\`'],
    ['~~streg~~', '\\~\\~streg\\~\\~'],
    ['a\\b', 'a\\\\b'],
  ])('makes %j show as typed', (typed, escaped) => {
    expect(escapeMarkdown(typed)).toBe(escaped);
  });

  it('escapes list and heading marks at the start of every line, also after spaces', () => {
    expect(escapeMarkdown('første\n# to\n  - tre\n3. fire')).toBe('første\n\\# to\n  \\- tre\n3\\. fire');
  });

  it('leaves ordinary names and sentences alone', () => {
    for (const plain of ['Mette Holm', 'Anne-Marie Ødegård', 'Økonomi & Personale', 'Mødet er kl. 10 i lokale 1.2']) expect(escapeMarkdown(plain)).toBe(plain);
  });

  it("shows a user's name containing * escaped in the help card", () => {
    const starred = actorFrom(demo, TENANT, 'a1b2c3d4-0000-4000-8000-0000000000aa', 'Ulla *Star* Udenfor');
    const card = helpCard('da', { actor: starred, commands: commandsFor(starred, 'da'), inGroupConversation: false });
    expect(textOf(card)).toContain('Hej Ulla \\*Star\\* Udenfor.');
    expect(JSON.stringify(card)).not.toContain('*Star*');
  });

  it('passes ${foo} in user text through rendering as literal text, not as a binding', () => {
    const card = helpCard('da', { actor: outsider, commands: commandsFor(outsider, 'da'), inGroupConversation: false, notUnderstood: 'vis ${foo} og ${title}' });
    expect(textOf(card)).toContain('Jeg forstod ikke »vis ${foo} og ${title}«. Her er, hvad du kan skrive til mig:');
    const notice = noticeCard('da', { text: 'Det gik ikke.', style: 'attention', input: 'tilknyt ${admin.groups}' });
    expect(textOf(notice)).toContain('tilknyt ${admin.groups}');
    const raw = renderCard('profile', { title: 't', name: '${name}', noRoles: 'n', roles: [], adminLine: '' });
    expect(textOf(raw)).toContain('${name}');
  });
});
