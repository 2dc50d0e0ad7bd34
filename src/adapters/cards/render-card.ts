// Renders the Adaptive Card templates in cards/*.json with adaptivecards-templating. Templates are
// data and are read once; views hand them plain, already-localised, already-escaped values.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ACData from 'adaptivecards-templating';

/** A rendered card, shaped as teams-ai and botbuilder expect it. */
export interface CardJson {
  readonly type: 'AdaptiveCard';
  readonly [key: string]: unknown;
}

export const CARD_NAMES = [
  'help',
  'notice',
  'profile',
  'links',
  'tender-form',
  'tender-announcement',
  'tender-message',
  'bid-form',
  'bid-receipt',
  'confirm',
  'bid-overview',
  'bid-detail',
  'tender-list',
  'holiday',
  'agenda',
  'topic-form',
  'evaluation-form',
  'konsekvens-form',
  'export-links',
  'activity-form',
  'catalogue',
  'catalogue-form',
  'konkretisering-ask',
  'konkretisering-form',
  'award-form',
  'group-meetings',
  'person-data',
  'person-data-matches',
] as const;
export type CardName = (typeof CARD_NAMES)[number];

/** The repository's cards/ folder, found from this file whether it runs from src/ (tsx) or dist/. */
export function cardsDirectory(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'cards');
    if (existsSync(path.join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cards/ folder not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

const templates = new Map<CardName, ACData.Template>();

function template(name: CardName): ACData.Template {
  let t = templates.get(name);
  if (!t) {
    t = new ACData.Template(JSON.parse(readFileSync(path.join(cardsDirectory(), `${name}.json`), 'utf8')));
    templates.set(name, t);
  }
  return t;
}

/** Which template a card came from, for the log when it is over budget; a symbol, so it never reaches the JSON sent. */
const TEMPLATE = Symbol('card template');

export function renderCard(name: CardName, data: object): CardJson {
  const card = template(name).expand({ $root: data }) as CardJson;
  (card as unknown as Record<symbol, CardName>)[TEMPLATE] = name;
  return card;
}

/** The template a card was rendered from (kept through object spreads, which copy symbol keys). */
export function templateOf(card: CardJson): CardName | undefined {
  return (card as unknown as Record<symbol, CardName | undefined>)[TEMPLATE];
}

/**
 * Makes user- or admin-entered text inert in a TextBlock (and in a markdown text message). Teams renders
 * a markdown subset, so *, _, `, ~, [, ] and \ would format text or forge a link anywhere; its clients
 * drop whatever looks like an HTML tag ("pga. <budget>" showed as "pga. "), so < and > are escaped
 * everywhere, and & where it would start an entity (&amp;). At the start of a line, #, -, +, = or
 * "1." / "1)" would make a heading, list or underline. Backslash-escaping shows them all as typed.
 *
 * The line-start pattern allows only spaces and tabs before the mark: with \s* it ran on across line
 * breaks, so each of n blank lines rescanned the rest and 14,000 of them took seconds (n²).
 */
export function escapeMarkdown(value: string): string {
  return value
    .replace(/[\\`*_~[\]<>]|&(?=#?[0-9A-Za-z]+;)/g, (c) => `\\${c}`)
    .replace(/^([ \t]*)([#+=-]|\d+[.)])/gm, (_m, space: string, mark: string) => `${space}${mark.replace(/[#+=\-.)]/, (c) => `\\${c}`)}`);
}

/** The first `max` characters (about 300), cut at a word where one is near: a long text's opening on a card. */
export function excerpt(value: string, max = 300): string {
  if (value.length <= max) return value;
  const cut = value.slice(0, max);
  const space = cut.search(/\s\S*$/);
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()} …`;
}
