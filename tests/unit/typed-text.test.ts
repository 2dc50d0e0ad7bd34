// escapeMarkdown: what people type reaches a TextBlock so that Teams shows it as typed, including text
// in <…> that Teams' clients would drop as an HTML tag, and it costs time in proportion to the text.

import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../src/adapters/cards/render-card.js';
import { collapsed, shownText } from '../support/teams-markdown.js';

describe('escapeMarkdown and text in <…>', () => {
  it.each([
    ['pga. <budget> &', 'pga. \\<budget\\> &'],
    ['hej <b>fed</b> & <test>', 'hej \\<b\\>fed\\</b\\> & \\<test\\>'],
    ['a < b > c', 'a \\< b \\> c'],
    ['&amp; og &#60;', '\\&amp; og \\&#60;'],
    ['1) punkt', '1\\) punkt'],
    ['Titel\n===', 'Titel\n\\==='],
  ])('escapes %j', (typed, escaped) => {
    expect(escapeMarkdown(typed)).toBe(escaped);
  });

  it('shows the texts from the issue as typed, where unescaped they lose their tags', () => {
    // The test renderer does what Teams did: "pga. <budget> &" reached the bidder as "pga. &".
    expect(shownText('pga. <budget> &')).toBe('pga. &');
    expect(shownText('hej <b>fed</b> & <test>')).toBe('hej fed &');
    expect(shownText(escapeMarkdown('pga. <budget> &'))).toBe('pga. <budget> &');
    expect(shownText(escapeMarkdown('hej <b>fed</b> & <test>'))).toBe('hej <b>fed</b> & <test>');
  });

  it('escapes 60 KB of blank lines, and a mark after them, correctly (the line-start rule does not run across lines)', () => {
    const blank = ' \t\n'.repeat(20_000);
    expect(blank.length).toBe(60_000);
    expect(escapeMarkdown(blank)).toBe(blank);
    expect(escapeMarkdown(`# først\n${blank}slut`)).toBe(`\\# først\n${blank}slut`);
    expect(escapeMarkdown(`${blank}- sidst\n${blank}`)).toBe(`${blank}\\- sidst\n${blank}`);
    expect(escapeMarkdown('\n'.repeat(60_000) + '12. x')).toBe('\n'.repeat(60_000) + '12\\. x');
  });

  it('keeps any text as typed through escaping and rendering (3,000 random texts of markdown, tags, entities and line breaks)', () => {
    // A small seeded generator (mulberry32), so a failure can be replayed.
    let seed = 0x5eed;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pieces = ['a', 'Ø', '7', '12', ' ', '  ', '\t', '\n', '\n\n', '#', '##', '>', '<', '<b>', '</b>', '<test>', '<!-- x -->', '-', '+', '=', '===', '*', '**', '_', '__', '~~', '`', '[', ']', '(', ')', '[x](http://e)', '\\', '&', '&amp;', '&lt;', '&#60;', '&#x3C;', '.', '1.', '1)', '!', '|', '${x}'];
    const failures: string[] = [];
    for (let n = 0; n < 3000; n++) {
      const typed = Array.from({ length: Math.floor(random() * 24) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      if (shownText(escapeMarkdown(typed)) !== collapsed(typed)) failures.push(JSON.stringify(typed));
    }
    expect(failures).toEqual([]);
  });

  it('would notice a text that is not escaped: the same random texts unescaped mostly change', () => {
    const typed = ['**fed**', '# Overskrift', '<b>x</b>', '- punkt', '[klik](http://e)', '&amp;', '1986. år', 'a_b_c'];
    for (const t of typed) expect(shownText(t), t).not.toBe(collapsed(t));
  });
});
