// Owns the Teams app package: puts the bot's app id into manifest/manifest.json and zips it with
// the English localisation and the two icons into build/appPackage.zip, ready to upload to Teams.
// Run: MicrosoftAppId=<client id of the bot's managed identity> npx tsx scripts/build-manifest.ts
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { isRunDirectly } from './run-directly.js';

export const APP_ID_PLACEHOLDER = '{{MICROSOFT_APP_ID}}';
export const APP_PACKAGE_FILE_NAME = 'appPackage.zip';
export const MANIFEST_DIR = fileURLToPath(new URL('../manifest/', import.meta.url));
export const DEFAULT_OUT_DIR = fileURLToPath(new URL('../build/', import.meta.url));

// Teams expects these at the root of the zip; the manifest refers to the others by bare file name.
const PACKAGED_AS_IS = ['en.json', 'color.png', 'outline.png'] as const;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MISSING_APP_ID_MESSAGE = 'Mangler MicrosoftAppId: sæt miljøvariablen til bot-appens id (GUID).';

export interface BuildAppPackageOptions {
  appId: string;
  outDir?: string;
}

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

export function renderManifest(template: string, appId: string): string {
  if (!isGuid(appId)) throw new Error(`MicrosoftAppId er ikke et GUID: "${appId}"`);
  const rendered = template.replaceAll(APP_ID_PLACEHOLDER, appId);
  // Parsing catches a template broken by hand before Teams rejects the upload with a vaguer error.
  JSON.parse(rendered);
  if (rendered.includes('{{')) throw new Error('manifest.json har en pladsholder, som ikke blev erstattet.');
  return rendered;
}

/** Writes the app package and returns the path of the zip. */
export function buildAppPackage({ appId, outDir = DEFAULT_OUT_DIR }: BuildAppPackageOptions): string {
  const manifest = renderManifest(readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8'), appId);
  const entries: Record<string, Uint8Array> = { 'manifest.json': new TextEncoder().encode(manifest) };
  for (const fileName of PACKAGED_AS_IS) entries[fileName] = readFileSync(join(MANIFEST_DIR, fileName));

  mkdirSync(outDir, { recursive: true });
  const zipPath = resolve(outDir, APP_PACKAGE_FILE_NAME);
  writeFileSync(zipPath, zipSync(entries, { level: 9 }));
  return zipPath;
}


if (isRunDirectly(import.meta.url)) {
  const appId = process.env.MicrosoftAppId?.trim() ?? '';
  if (!isGuid(appId)) {
    console.error(MISSING_APP_ID_MESSAGE);
    process.exit(1);
  }
  console.log(buildAppPackage({ appId }));
}
