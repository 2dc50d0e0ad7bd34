// Launches Debian's Chromium (/usr/bin/chromium) headless through playwright-core, for the playground
// browser test and the card gallery. playwright-core never downloads a browser; a missing Chromium is
// an error that says how to get one, never a silent skip.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// This machine's network is closed: without the background-networking flags Chromium keeps trying
// Google's hosts. --no-sandbox because CI runs as root.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install Debian's package (apt-get install -y chromium), as .ci/run does, or set CHROMIUM_PATH`);
  }
  // Playwright gives each launch a new empty profile of its own.
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS });
}
