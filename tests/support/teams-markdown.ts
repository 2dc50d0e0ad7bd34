// What a person sees of a card's text in Teams, for tests: a small markdown renderer that treats text
// the way Teams' clients do (a markdown subset, and anything that looks like an HTML tag dropped:
// "pga. <budget> &" showed as "pga. &"), hooked into the adaptivecards library's markdown step
// (AdaptiveCard.onProcessMarkdown), and a walk over the card as the library parsed it that collects
// the text of every element a person reads. It errs on the side of treating more as markup than
// Teams might, so text that survives it survives Teams.

import { createRequire } from 'node:module';

// ---- the markdown ----

interface Char {
  readonly ch: string;
  /** Backslash-escaped (or otherwise literal): never markup. */
  readonly literal: boolean;
}

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function tokens(text: string): Char[] {
  const out: Char[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length && ASCII_PUNCTUATION.test(text[i + 1]!)) out.push({ ch: text[++i]!, literal: true });
    else out.push({ ch: c, literal: false });
  }
  return out;
}

const plain = (cs: readonly Char[]) => cs.map((c) => c.ch).join('');
const active = (cs: readonly Char[], i: number, ch: string) => cs[i] !== undefined && !cs[i]!.literal && cs[i]!.ch === ch;

/** Length of the run of unescaped `ch` at i. */
function run(cs: readonly Char[], i: number, ch: string): number {
  let n = 0;
  while (active(cs, i + n, ch)) n++;
  return n;
}

/** One line's inline markup: tags dropped, entities decoded, emphasis, code and links reduced to their text. */
function inline(cs: readonly Char[]): string {
  let out = '';
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!;
    if (c.literal) {
      out += html(c.ch);
      continue;
    }
    if (c.ch === '<') {
      // An HTML tag or comment, as far as unescaped characters go: Teams drops it.
      const rest = plain(cs.slice(i));
      const tag = /^(<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>|<!--[\s\S]*?-->)/.exec(rest);
      if (tag && !cs.slice(i, i + tag[0].length).some((x) => x.literal)) {
        i += tag[0].length - 1;
        continue;
      }
    }
    if (c.ch === '&') {
      const entity = /^&(#\d+|#x[0-9a-f]+|[a-z]+);/i.exec(plain(cs.slice(i)));
      if (entity && !cs.slice(i, i + entity[0].length).some((x) => x.literal)) {
        const name = entity[1]!;
        const decoded = name.startsWith('#x') ? String.fromCodePoint(parseInt(name.slice(2), 16)) : name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : ENTITIES[name.toLowerCase()];
        if (decoded !== undefined) {
          out += html(decoded);
          i += entity[0].length - 1;
          continue;
        }
      }
    }
    if (c.ch === '`' || c.ch === '*' || c.ch === '_' || c.ch === '~') {
      // A run closed later in the line by the same run: code, emphasis or strike-through; the marks vanish.
      const n = run(cs, i, c.ch);
      let close = -1;
      for (let j = i + n + 1; j < cs.length && close < 0; j++) if (run(cs, j, c.ch) === n) close = j;
      if (close < 0) out += html(c.ch.repeat(n));
      else {
        const tag = c.ch === '`' ? 'code' : c.ch === '~' ? 'del' : n >= 2 ? 'strong' : 'em';
        out += `<${tag}>${inline(cs.slice(i + n, close))}</${tag}>`;
      }
      i = (close < 0 ? i + n : close + n) - 1;
      continue;
    }
    if (c.ch === '[') {
      // [text](target): only the text shows.
      const close = cs.findIndex((x, j) => j > i && !x.literal && x.ch === ']');
      if (close > 0 && active(cs, close + 1, '(')) {
        const end = cs.findIndex((x, j) => j > close + 1 && !x.literal && x.ch === ')');
        if (end > 0) {
          out += `<a>${inline(cs.slice(i + 1, close))}</a>`;
          i = end;
          continue;
        }
      }
    }
    out += html(c.ch);
  }
  return out;
}

/** Markdown as Teams shows it in a TextBlock, as HTML. Block marks at a line's start become elements whose marks are not text. */
export function teamsMarkdownToHtml(markdown: string): string {
  const lines: Char[][] = [[]];
  for (const c of tokens(markdown)) {
    if (!c.literal && c.ch === '\n') lines.push([]);
    else lines[lines.length - 1]!.push(c);
  }
  const out: string[] = [];
  let previousText = false;
  for (const line of lines) {
    let start = 0;
    while (start < line.length && !line[start]!.literal && (line[start]!.ch === ' ' || line[start]!.ch === '\t')) start++;
    const cs = line.slice(start);
    const head = (n: number) => plain(cs.slice(0, n));
    const unescaped = (n: number) => cs.slice(0, n).every((x) => !x.literal);
    const hashes = run(cs, 0, '#');
    const digits = /^\d+/.exec(head(cs.length))?.[0].length ?? 0;
    const blank = cs.every((x) => x.ch.trim() === '');
    if (hashes >= 1 && hashes <= 6 && (cs.length === hashes || cs[hashes]!.ch === ' ')) out.push(`<h3>${inline(cs.slice(hashes))}</h3>`);
    else if (active(cs, 0, '>')) out.push(`<blockquote>${inline(cs.slice(1))}</blockquote>`);
    else if ((active(cs, 0, '-') || active(cs, 0, '+') || active(cs, 0, '*')) && cs[1]?.ch === ' ') out.push(`<ul><li>${inline(cs.slice(2))}</li></ul>`);
    else if (digits > 0 && unescaped(digits + 1) && (active(cs, digits, '.') || active(cs, digits, ')')) && (cs.length === digits + 1 || cs[digits + 1]!.ch === ' '))
      out.push(`<ol><li>${inline(cs.slice(digits + 1))}</li></ol>`);
    else if (previousText && cs.length > 0 && cs.every((x) => !x.literal && x.ch === '=')) out.push('');
    else if (cs.length >= 3 && cs.every((x) => !x.literal && (x.ch === '-' || x.ch === ' ')) && run(cs.filter((x) => x.ch !== ' '), 0, '-') >= 3) out.push('<hr>');
    else out.push(`<p>${inline(cs)}</p>`);
    previousText = !blank;
  }
  return out.join('\n');
}

/** The text of HTML as a person reads it (list numbers and bullets are drawn, not text). */
export function textOfHtml(markup: string): string {
  return markup
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(lt|gt|amp|quot);/g, (_m, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"' })[e]!)
    .replace(/\s+/g, ' ')
    .trim();
}

/** What Teams shows of a markdown text, whitespace collapsed. */
export const shownText = (markdown: string): string => textOfHtml(teamsMarkdownToHtml(markdown));

/** Whitespace collapsed, as shownText gives it: for comparing with what was typed. */
export const collapsed = (text: string): string => text.replace(/\s+/g, ' ').trim();

// ---- the card, through the adaptivecards library ----

interface LibraryElement {
  getItemCount?: () => number;
  getItemAt?: (i: number) => LibraryElement;
  getActionCount?: () => number;
  getActionAt?: (i: number) => { title?: string; card?: LibraryElement };
  text?: string;
  facts?: { name: string; value: string }[];
  defaultValue?: string;
  placeholder?: string;
  label?: string;
  choices?: { title: string }[];
}
interface Library {
  AdaptiveCard: (new () => LibraryElement & { parse(json: unknown, context: unknown): void }) & {
    onProcessMarkdown?: (text: string, result: { didProcess: boolean; outputHtml?: string }) => void;
    applyMarkdown(text: string): { didProcess: boolean; outputHtml?: string };
  };
  SerializationContext: new () => unknown;
  TextBlock: new () => LibraryElement;
  FactSet: new () => LibraryElement;
}

const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as Library;
AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = teamsMarkdownToHtml(text);
  result.didProcess = true;
};

/** A markdown text through the library's own markdown step, as a person would read it. */
const rendered = (text: string) => {
  const result = AC.AdaptiveCard.applyMarkdown(text);
  return result.didProcess && result.outputHtml !== undefined ? textOfHtml(result.outputHtml) : collapsed(text);
};

export interface ShownCard {
  /** Every TextBlock and fact (title: value) as Teams shows it, one entry each. */
  readonly texts: string[];
  /** Input default values, shown as they are (inputs take no markdown). */
  readonly inputs: string[];
}

/** Parses the card with the adaptivecards library and reads it as a person would. */
export function shownCard(card: unknown): ShownCard {
  const root = new AC.AdaptiveCard();
  root.parse(card, new AC.SerializationContext());
  const texts: string[] = [];
  const inputs: string[] = [];
  // A plain boolean, not a type guard: the library's classes share one loose shape here.
  const is = (e: LibraryElement, kind: new () => LibraryElement): boolean => e instanceof kind;
  const walk = (e: LibraryElement) => {
    if (is(e, AC.TextBlock) && typeof e.text === 'string') texts.push(rendered(e.text));
    else if (is(e, AC.FactSet)) for (const f of e.facts ?? []) texts.push(`${rendered(f.name)}: ${rendered(f.value)}`);
    else if (typeof e.defaultValue === 'string') inputs.push(e.defaultValue);
    for (let i = 0; i < (e.getItemCount?.() ?? 0); i++) walk(e.getItemAt!(i));
    for (let i = 0; i < (e.getActionCount?.() ?? 0); i++) {
      const inner = e.getActionAt!(i).card;
      if (inner) walk(inner);
    }
  };
  walk(root);
  return { texts, inputs };
}
