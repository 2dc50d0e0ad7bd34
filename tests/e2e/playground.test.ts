// The demo as a new user meets it, in a real browser: the bot started as `npm start` starts it (fresh
// data, demo roster), Microsoft 365 Agents Playground started headless through scripts/playground.ts
// (which installs the bot in all its conversations), and Debian's Chromium driven by playwright-core.
// The tovholder publishes a tender from the kernegruppe's group chat and sees it reach General; then
// the playground is restarted as an employee, who finds the tender with `udbud` and bids on it.
// Screenshots of every step are kept in test-artifacts/playground/ (git-ignored), with both logs.

import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installWhenReady, playgroundConversations, startPlayground, type Persona, type RunningPlayground } from '../../scripts/playground.js';
import { BotProcess, killGroupOnExit, stopGroup } from '../support/bot-process.js';
import { launchChromium } from '../support/chromium.js';
import { freePort } from '../support/free-port.js';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/playground/', import.meta.url));
/** Generous: two loaded cores may run this beside the rest of the suite. */
const STEP_TIMEOUT_MS = 150_000;

const TENDER_TITLE = 'Læsevenner i lokalsamfundet';
const BID_TITLE = 'Læsecafé på biblioteket';

let work: string;
let bot: BotProcess | undefined;
let botUrl: string;
let playground: RunningPlayground | undefined;
let playgroundPersona: Persona | undefined;
const playgroundOutput: string[] = [];
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page | undefined;
let shots = 0;

async function shot(name: string): Promise<void> {
  shots += 1;
  await page!.screenshot({ path: join(ARTIFACTS, `${String(shots).padStart(2, '0')}-${name}.png`), fullPage: true });
}

/** Starts the playground as `persona` and waits until it has installed the bot everywhere; returns its address. */
async function playgroundAs(persona: Persona): Promise<string> {
  const port = await freePort();
  const workDir = join(work, `playground-${persona}`);
  mkdirSync(workDir, { recursive: true });
  playgroundPersona = persona;
  playground = startPlayground({
    persona,
    port,
    botUrl: new URL('/api/messages', botUrl),
    headless: true,
    workDir,
    // Nothing from the developer's shell: a HOME of its own, and the settings startPlayground adds.
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work },
    detached: true,
    output: (line) => playgroundOutput.push(`[${persona}] ${line}`),
  });
  killGroupOnExit(playground.child);
  const ready = await installWhenReady(playground);
  if (!ready) throw new Error(`the playground did not start; its log: ${playground.logFile}`);
  expect(ready.outcomes.filter((o) => !o.ok)).toEqual([]);
  // The playground answers the installation request at once and sends the events after: wait until the bot has them.
  await Promise.all(
    playgroundConversations(playground.config).map((c) =>
      bot!.waitFor(`the installation in ${c.name}`, (l) => l.msg === 'bot added to conversation' && l.conversationId === c.id && l.activityType === 'installationUpdate', STEP_TIMEOUT_MS),
    ),
  );
  return ready.url;
}

async function stopPlayground(): Promise<void> {
  if (!playground) return;
  const { child, exited, logFile } = playground;
  playground = undefined;
  await stopGroup(child, exited);
  if (existsSync(logFile)) copyFileSync(logFile, join(ARTIFACTS, `playground-${playgroundPersona}.log`));
}

async function openBrowserAt(url: string): Promise<void> {
  await context?.close();
  // A new context per persona: nothing the playground kept in the page for the first person is left.
  context = await browser!.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'da-DK' });
  page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  await page.goto(url);
  await page.getByRole('treeitem', { name: 'Personal Chat' }).waitFor();
}

const messageBox = () => page!.locator('[data-lexical-editor="true"]').last();
/**
 * The newest card showing `text`. Found by what it says rather than by being the last one: the bot's
 * scheduler runs as it does in production, and a reminder due today may land in the chat mid-test.
 */
const cardWith = (text: string | RegExp) => page!.locator('.ac-adaptiveCard').filter({ hasText: text }).last();

/** Types a message in the open chat; `mention` first picks the bot from the playground's @-list, as a person would. */
async function write(text: string, opts: { mention?: boolean; shotName?: string } = {}): Promise<void> {
  const box = messageBox();
  await box.click();
  if (opts.mention) {
    await box.pressSequentially('@Kerne', { delay: 20 });
    await page!.getByRole('menuitem', { name: /Kerneopgave-bot/ }).click();
    await box.pressSequentially(` ${text}`, { delay: 20 });
  } else {
    await box.pressSequentially(text, { delay: 20 });
  }
  if (opts.shotName) await shot(opts.shotName);
  await box.press('Enter');
}

async function cardText(card: Locator): Promise<string> {
  return (await card.innerText()).replace(/\s+/g, ' ');
}

beforeAll(async () => {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  work = mkdtempSync(join(tmpdir(), 'kerneopgave-e2e-'));
  // The playground always says en-US; the Danish texts are what the municipality's users see.
  const started = await BotProcess.start({ dataDir: join(work, 'data'), home: work, env: { LOCALE_OVERRIDE: 'da' } });
  bot = started.bot;
  botUrl = started.url;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  try {
    await context?.close();
    await browser?.close();
  } finally {
    await stopPlayground();
    await bot?.stop();
    writeFileSync(join(ARTIFACTS, 'bot.log'), bot?.output.join('') ?? '');
    writeFileSync(join(ARTIFACTS, 'playground-terminal.log'), playgroundOutput.join('\n'));
    if (work) rmSync(work, { recursive: true, force: true });
    process.stdout.write(`\nPlayground screenshots and logs: ${ARTIFACTS}\n`);
  }
}, 120_000);

describe('the playground demo, in Chromium', () => {
  it('from a fresh start: the tovholder publishes a tender to General, and an employee bids and gets a receipt', async () => {
    try {
      // 1. The tovholder, in Kernegruppe Læring's group chat. Nobody opens General: the playground script installed the bot there.
      await openBrowserAt(await playgroundAs('tovholder'));
      await page!.getByText('Johan Kristensen').first().waitFor();
      await shot('tovholder-playground');
      await page!.getByRole('treeitem', { name: /Kernegruppe Læring/ }).click();
      await write('nyt udbud', { mention: true, shotName: 'tovholder-mentions-the-bot' });

      const form = cardWith('Nyt udbud – Kernegruppe Læring');
      await form.getByRole('button', { name: 'Gem kladde' }).waitFor();
      await shot('tender-form');
      await form.getByLabel('Titel').fill(TENDER_TITLE);
      await form.getByRole('checkbox', { name: /Alle børn har et trygt og stimulerende læringsmiljø/ }).check();
      await form.getByLabel('Beskrivelse').fill('Frivillige læsevenner for børn i 0.-3. klasse.');
      // The deadline keeps the form's default (two weeks ahead, 12:00), which the time picker's half hours can show.
      await shot('tender-form-filled');
      await form.getByRole('button', { name: 'Gem kladde' }).click();

      // The form is replaced in place by the draft's preview.
      const draft = cardWith('Kladde – ikke offentliggjort endnu');
      await draft.getByRole('button', { name: 'Offentliggør' }).waitFor();
      expect(await cardText(draft)).toContain(TENDER_TITLE);
      await shot('draft-preview');
      await draft.getByRole('button', { name: 'Offentliggør' }).click();

      const report = cardWith(`Udbuddet »${TENDER_TITLE}« er`);
      await report.getByText('✓ Demo Kommune › General').waitFor();
      const reported = await cardText(report);
      expect(reported).toContain(`Udbuddet »${TENDER_TITLE}« er offentliggjort.`);
      expect(reported).not.toContain('✗');
      await shot('publish-report');
      const published = await bot!.waitFor('"tender published"', (l) => l.msg === 'tender published', STEP_TIMEOUT_MS);

      // 2. An employee. The playground chats only as one person, so it restarts as Sofie Nielsen, whose history is empty.
      await stopPlayground();
      await openBrowserAt(await playgroundAs('medarbejder'));
      await page!.getByText('Sofie Nielsen').first().waitFor();
      await write('udbud');
      const list = cardWith('Åbne udbud');
      await list.getByRole('button', { name: 'Byd ind' }).first().waitFor();
      expect(await cardText(list)).toContain(TENDER_TITLE);
      await shot('medarbejder-open-tenders');
      await list.getByRole('button', { name: 'Byd ind' }).first().click();

      const bidForm = page!.locator('.ac-adaptiveCard').filter({ has: page!.getByRole('button', { name: 'Send bud' }) }).last();
      await bidForm.waitFor();
      await shot('bid-form');
      await bidForm.getByLabel('Aktivitetens titel').fill(BID_TITLE);
      await bidForm.getByLabel('Beskriv aktiviteten').fill('Ugentlig læsecafé med frivillige og bibliotekarer.');
      await bidForm.getByLabel('Hvordan skaber aktiviteten forudsætningen/-erne?').fill('Børnene læser mere, og forældrene kommer med.');
      // ★ marks the forudsætninger the tender opens.
      await bidForm.getByRole('checkbox', { name: /★/ }).first().check();
      await shot('bid-form-filled');
      await bidForm.getByRole('button', { name: 'Send bud' }).click();

      // The click is answered "Dit bud er modtaget"; once the bid is numbered, just after, the same
      // card is redrawn as the receipt with the number.
      const receipt = cardWith('Tak for dit bud!');
      await receipt.waitFor();
      const submitted = await bot!.waitFor('"bid submitted"', (l) => l.msg === 'bid submitted', STEP_TIMEOUT_MS);
      expect(submitted).toMatchObject({ tenderId: published.tenderId, duplicate: false });
      const receiptText = await cardText(receipt);
      expect(receiptText).toMatch(/Bud nr\. 1 /);
      expect(receiptText).toContain(TENDER_TITLE);
      expect(receiptText).toContain(BID_TITLE);
      await shot('bid-receipt');
    } catch (e) {
      if (page) await shot('failure').catch(() => undefined);
      throw e;
    }
  }, 900_000);
});
