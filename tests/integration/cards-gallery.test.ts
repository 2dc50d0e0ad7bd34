// The card gallery (npm run cards:gallery) in Debian's headless Chromium: one picture per card template
// drawn from the card tests' fixtures, each a real PNG with a card on it, none showing an unexpanded
// ${...}; and the README's pictures all exist and are ones the gallery draws, so they can be redrawn.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardTemplates, DEFAULT_OUT, drawGallery, galleryPictures, parseArgs, type DrawnPicture } from '../../scripts/cards-gallery.js';
import { countColours, readPng } from '../support/png.js';
import { TENDER_INPUT } from '../support/tender-fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The README's Markdown images: alt text and target. */
const readmeImages = [...README.matchAll(/!\[([^\]]*)\]\(([^)\s]+)\)/g)].map((m) => ({ alt: m[1]!, target: m[2]! }));

/** The README's text from a heading starting with `title` to the next heading of level 2. */
function section(title: string): string {
  const start = README.split('\n').findIndex((l) => l.startsWith(`## ${title}`));
  expect(start, `README section "## ${title}…"`).toBeGreaterThanOrEqual(0);
  const lines = README.split('\n').slice(start + 1);
  const end = lines.findIndex((l) => l.startsWith('## '));
  return lines.slice(0, end < 0 ? undefined : end).join('\n');
}

describe('the card gallery', () => {
  let outDir: string;
  let drawn: DrawnPicture[];

  // Generous: Chromium's start and ~30 screenshots on two busy cores; nothing here measures time.
  beforeAll(async () => {
    outDir = mkdtempSync(path.join(tmpdir(), 'cards-gallery-'));
    drawn = await drawGallery(outDir);
  }, 240_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('draws one picture named after each card template in cards/, and nothing it did not report', () => {
    const files = readdirSync(outDir).sort();
    expect(cardTemplates().length).toBeGreaterThan(0);
    for (const template of cardTemplates()) expect(files).toContain(`${template}.png`);
    expect(files).toEqual(drawn.map((p) => p.file).sort());
  });

  it('writes real PNGs of a Teams card width, with a card on them (not one flat colour)', () => {
    for (const picture of drawn) {
      const png = readPng(readFileSync(picture.path));
      expect(png.width, picture.file).toBeGreaterThanOrEqual(300);
      expect(png.width, picture.file).toBeLessThanOrEqual(800);
      expect(png.height, picture.file).toBeGreaterThanOrEqual(60);
      // Text brings hundreds of anti-aliased shades; a blank page has one colour, and an empty bubble on
      // the grey background about 30 (its shadow's shades).
      expect(countColours(png, 101), picture.file).toBeGreaterThan(100);
    }
  }, 120_000);

  it('draws the fixture data on the card (what it checks below is what the browser shows)', () => {
    const announcement = drawn.find((p) => p.file === 'tender-announcement.png')!;
    expect(announcement.text).toContain(TENDER_INPUT.title);
    // A form's typed values count too: the tender form's deadline field holds the fixture's date.
    const form = drawn.find((p) => p.file === 'tender-form.png')!;
    expect(form.text).toContain('7.12.2026');
  });

  it('shows no unexpanded ${...} binding on any card, and the renderer parses every card without complaint', () => {
    for (const picture of drawn) {
      expect(picture.text, picture.file).not.toContain('${');
      expect(picture.problems, picture.file).toEqual([]);
    }
  });
});

describe("the README's pictures", () => {
  it('shows pictures in the how-to sections', () => {
    for (const title of ['Sådan opretter du et udbud', 'Sådan byder du', 'Meeting calendar and reminders', 'Dialogmødet']) {
      expect(section(title), title).toMatch(/!\[[^\]]+\]\(docs\/cards\/[^)]+\.png\)/);
    }
  });

  it('links only pictures that are committed under docs/cards and that the gallery draws, each with a caption', () => {
    expect(readmeImages.length).toBeGreaterThan(0);
    const drawnFiles = galleryPictures().map((p) => p.file);
    for (const { alt, target } of readmeImages) {
      expect(path.dirname(target), target).toBe('docs/cards');
      expect(readPng(readFileSync(path.join(ROOT, target))).width, target).toBeGreaterThanOrEqual(300);
      expect(drawnFiles, target).toContain(path.basename(target));
      expect(alt.trim(), target).not.toBe('');
    }
  });
});

describe('npm run cards:gallery -- --out DIR', () => {
  it('writes to docs/cards unless told otherwise, and says how to use it when it does not understand', () => {
    expect(parseArgs([])).toEqual({ outDir: DEFAULT_OUT });
    expect(parseArgs(['--out', 'x/y'])).toEqual({ outDir: path.resolve('x/y') });
    expect(parseArgs(['--out=/tmp/z'])).toEqual({ outDir: '/tmp/z' });
    expect(parseArgs(['--outdir', 'x'])).toMatch(/usage: npm run cards:gallery \[-- --out DIR\]/);
  });
});
