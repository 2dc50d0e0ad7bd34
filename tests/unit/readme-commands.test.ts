// The README's command table and the help card say the same thing (issue 9.11): every usage line the
// help card can show is in the table, in Danish and English, and every command in the table is one
// the bot understands.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/adapters/teams/commands.js';
import { catalog, type Locale } from '../../src/adapters/i18n/text.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('## What you can write to the bot'), readme.indexOf('The help card lists only'));
const rows = section
  .split('\n')
  .filter((line) => line.startsWith('| `'))
  .map((line) => line.split(' | ').map((cell) => cell.replace(/^\|\s*/, '')));
const firstCode = (cell: string) => /`([^`]+)`/.exec(cell)?.[1] ?? '';

/** The usage lines of the help card: the catalogue's `cmd.<name>` texts. */
const usages = (locale: Locale) =>
  Object.entries(catalog(locale))
    .filter(([key]) => /^cmd\.[a-zA-Z]+$/.test(key))
    .map(([, value]) => value);

/** A usage line with its [placeholders] filled in as a person would. */
const filled = (usage: string) =>
  usage
    .replace(/\[(id)\]/, 'byraadsmoede-2026-12')
    .replace(/\[(dato|date)\]/, '16.12.2026')
    .replace(/\[(kl\.|time)\]/, '17:00')
    .replace(/\[(type|kind)\]/, 'temamoede')
    .replace(/\[[^\]]+\]/g, 'Kernegruppe Læring');

describe("the README's command table", () => {
  it('lists every usage line of the help card, Danish in the first column and English in the second', () => {
    expect(rows.map((r) => firstCode(r[0]!)).sort()).toEqual(usages('da').sort());
    expect(rows.map((r) => firstCode(r[1]!)).sort()).toEqual(usages('en').sort());
  });

  it('names only commands the bot understands', () => {
    for (const row of rows)
      for (const usage of [firstCode(row[0]!), firstCode(row[1]!)]) expect(parseCommand(filled(usage)).kind, usage).not.toMatch(/unknown|Unreadable/);
  });
});
