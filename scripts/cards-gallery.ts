// Owns the card gallery: every card template, rendered through its view with the card tests' fixtures
// (tests/support/card-fixtures.ts), drawn by the adaptivecards renderer in headless Chromium with a
// Teams-like host config, and saved as a PNG for the README's how-to sections. The pictures are
// drawn from the same data the tests check, so they show what users get, not a hand-made mock-up.
// Run: npm run cards:gallery [-- --out DIR]      (default docs/cards)

import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CardJson } from '../src/adapters/cards/render-card.js';
import { launchChromium } from '../tests/support/chromium.js';
import { CARD_FIXTURES } from '../tests/support/card-fixtures.js';
import { isRunDirectly } from './run-directly.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HERE = path.join(ROOT, 'scripts', 'cards-gallery');
export const DEFAULT_OUT = path.join(ROOT, 'docs', 'cards');

/** A picture: which fixture of which template, saved under which file name. */
export interface Picture {
  readonly file: string;
  readonly template: string;
  readonly fixture: string;
}

/**
 * The fixture drawn as `<template>.png`, one per template: a Danish view a user meets on the happy
 * path. A template missing here (a new one) is drawn from its first fixture.
 */
const MAIN_FIXTURE: Readonly<Record<string, string>> = {
  agenda: 'last call, as the Byråd writes it',
  'bid-detail': 'with every role filled in, edited',
  'bid-form': 'a new bid',
  'bid-overview': 'a middle page of ten',
  'bid-receipt': 'submitted',
  confirm: 'cancel a tender, with a reason missing',
  help: 'a politician, with Tilføj emne and the agenda',
  holiday: 'dialogmøde on 2. påskedag',
  links: 'group chats and an announcement channel',
  notice: 'refusal echoing the input',
  profile: 'tovholder in two roles',
  'tender-announcement': 'open, with a bid count and refresh for a bidder',
  'tender-form': 'a new, empty form',
  'tender-list': "the kernegruppe's tenders in every state",
  'tender-message': 'next meetings, with ids for an admin',
  'topic-form': 'new',
  'award-form': 'over the frame, with the override field',
  'activity-form': 'the reminder to the responsible person at the evaluation date',
  'catalogue-form': 'setting the frame',
  'konsekvens-form': "the økonomikonsulent's card, with the asker's question",
  'konkretisering-ask': 'a first request',
  'konkretisering-form': 'the request, with questions',
  'group-meetings': "the tovholder's view",
};

/** More views the README shows: templates that several views share (tender-message most of all). */
const EXTRA_PICTURES: readonly Picture[] = [
  { file: 'tender-announcement-preview.png', template: 'tender-announcement', fixture: 'draft preview' },
  { file: 'tender-announcement-own-bids.png', template: 'tender-announcement', fixture: "a bidder's own view, open" },
  { file: 'tender-list-open.png', template: 'tender-list', fixture: 'open tenders, one already bid on' },
  { file: 'tender-message-published.png', template: 'tender-message', fixture: 'published to two channels, one failed' },
  { file: 'tender-message-closed.png', template: 'tender-message', fixture: 'closed with 14 bids' },
  { file: 'tender-message-reminder.png', template: 'tender-message', fixture: 'byrådsmøde reminder' },
  { file: 'tender-message-reminder-status.png', template: 'tender-message', fixture: 'reminder status' },
  { file: 'tender-message-topic-receipt.png', template: 'tender-message', fixture: 'topic receipt, as the Byråd writes it' },
  { file: 'agenda-own-view.png', template: 'agenda', fixture: "a politician's own view, as the Byråd writes it" },
  { file: 'agenda-final.png', template: 'agenda', fixture: 'final agenda, as the Byråd writes it' },
  { file: 'bid-overview-sorted.png', template: 'bid-overview', fixture: 'sorted by the members’ evaluation' },
  { file: 'bid-detail-evaluation.png', template: 'bid-detail', fixture: 'a member’s view with evaluations, the bid edited since' },
  { file: 'bid-detail-decision.png', template: 'bid-detail', fixture: "shortlisted, with the tovholder's decision buttons" },
  { file: 'bid-detail-konkretisering.png', template: 'bid-detail', fixture: 'a konkretisering asked for, as a manager sees it' },
  { file: 'tender-message-konkretisering-in.png', template: 'tender-message', fixture: "the group's chat told of a konkretisering" },
  { file: 'tender-message-konsekvens.png', template: 'tender-message', fixture: 'konsekvensberegning, to the bidder' },
  { file: 'tender-message-rejection.png', template: 'tender-message', fixture: "the bidder's notice of a rejection" },
  { file: 'tender-message-historik.png', template: 'tender-message', fixture: 'historik of a tender' },
  { file: 'catalogue-decided.png', template: 'catalogue', fixture: 'decided: changed' },
  { file: 'help-rights.png', template: 'help', fixture: "the tovholder in the kernegruppe's chat, with its rights table" },
  { file: 'tender-announcement-konsulent-draft.png', template: 'tender-announcement', fixture: 'draft preview for a konsulent, who does not publish' },
  { file: 'tender-message-cross-status.png', template: 'tender-message', fixture: 'status kernegrupper on demand, three groups' },
  { file: 'tender-message-kernegruppe-reminder.png', template: 'tender-message', fixture: "a kernegruppe's own meeting reminder" },
];

/** The templates in cards/, as the card tests find them. */
export function cardTemplates(): string[] {
  return readdirSync(path.join(ROOT, 'cards'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
}

/** Every picture the gallery draws: one `<template>.png` per template, then the extras. */
export function galleryPictures(templates: readonly string[] = cardTemplates()): Picture[] {
  const main = templates.map((template) => {
    const fixture = MAIN_FIXTURE[template] ?? Object.keys(CARD_FIXTURES[template] ?? {})[0];
    if (fixture === undefined) throw new Error(`cards/${template}.json has no fixture in tests/support/card-fixtures.ts`);
    return { file: `${template}.png`, template, fixture };
  });
  return [...main, ...EXTRA_PICTURES];
}

function fixtureCard(picture: Picture): CardJson {
  const render = CARD_FIXTURES[picture.template]?.[picture.fixture];
  if (!render) throw new Error(`${picture.file}: no fixture "${picture.fixture}" for ${picture.template} in tests/support/card-fixtures.ts`);
  return render();
}

/** A picture as written, with what the drawn card shows and what the renderer objected to. */
export interface DrawnPicture extends Picture {
  readonly path: string;
  /** The card's visible text, field values, choices and placeholders as the browser drew them. */
  readonly text: string;
  readonly problems: readonly string[];
}

const PAGE = `<!doctype html>
<html lang="da"><head><meta charset="utf-8"><style>${readFileSync(path.join(HERE, 'page.css'), 'utf8')}</style></head>
<body><div id="frame"><div id="bubble"><div id="card"></div></div></div></body></html>`;

/** Draws the pictures into `outDir` (created if missing) with one headless Chromium. */
export async function drawGallery(outDir: string, pictures: readonly Picture[] = galleryPictures()): Promise<DrawnPicture[]> {
  const hostConfig: unknown = JSON.parse(readFileSync(path.join(HERE, 'teams-host-config.json'), 'utf8'));
  const cards = pictures.map((p) => ({ picture: p, card: fixtureCard(p) })); // every fixture first: a missing one fails before Chromium starts
  mkdirSync(outDir, { recursive: true });
  const browser = await launchChromium();
  try {
    // A Danish user in Copenhagen; page.js draws date and time fields in Danish formats itself.
    const context = await browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen', viewport: { width: 560, height: 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.setContent(PAGE);
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('adaptivecards/dist/adaptivecards.min.js') });
    await page.addScriptTag({ path: path.join(HERE, 'page.js') });
    const drawn: DrawnPicture[] = [];
    for (const { picture, card } of cards) {
      const result = await page.evaluate(
        ([c, config]) => (globalThis as unknown as { drawCard(card: unknown, config: unknown): { text: string; problems: string[] } }).drawCard(c, config),
        [card, hostConfig] as const,
      );
      const file = path.join(outDir, picture.file);
      await page.locator('#frame').screenshot({ path: file, type: 'png', animations: 'disabled', caret: 'hide' });
      drawn.push({ ...picture, path: file, text: result.text, problems: result.problems });
    }
    return drawn;
  } finally {
    await browser.close();
  }
}

/** `--out DIR` (or `--out=DIR`); a string is the usage error to print. */
export function parseArgs(argv: readonly string[]): { outDir: string } | string {
  let outDir = DEFAULT_OUT;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--out' && argv[i + 1]) outDir = path.resolve(argv[++i]!);
    else if (arg.startsWith('--out=')) outDir = path.resolve(arg.slice('--out='.length));
    else return `unknown argument ${arg}; usage: npm run cards:gallery [-- --out DIR]`;
  }
  return { outDir };
}

/** A path as the user would type it: relative inside the working folder, absolute outside it. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    console.error(args);
    return 2;
  }
  const drawn = await drawGallery(args.outDir);
  let failed = 0;
  for (const p of drawn) {
    console.log(`wrote ${shown(p.path)}  (${p.template}: ${p.fixture})`);
    // A picture of a broken card is worse than none: say so, and exit 1.
    const problems = [...p.problems, ...(p.text.includes('${') ? ['an unexpanded ${...} binding is shown'] : [])];
    for (const problem of problems) console.error(`  ${p.file}: ${problem}`);
    if (problems.length) failed++;
  }
  console.log(`${drawn.length} pictures in ${shown(args.outDir)}`);
  return failed ? 1 : 0;
}


if (isRunDirectly(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
