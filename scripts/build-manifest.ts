// Owns the Teams app package: fills manifest/manifest.json's placeholders with the municipality's own
// details (the bot's app id, the publisher's name, website, privacy and terms-of-use pages, the app
// version) and zips it with the English localisation and the two icons into build/appPackage.zip,
// ready to upload to Teams. Each detail comes from a command-line option or else its environment variable;
// a missing or malformed one stops the build with a Danish line naming it and showing what was given.
// Run: npm run manifest:build -- --app-id <guid> --developer-name <navn> --website-url <https://…>
//        --privacy-url <https://…> --terms-url <https://…> --version <x.y.z>
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
/** Teams wants MAJOR.MINOR.PATCH and a higher one for every update it should pick up. */
const VERSION = /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$/;
/** The manifest schema's limit for developer.name. */
const DEVELOPER_NAME_MAX = 32;
/** Documentation domains (RFC 2606): a manifest pointing there still carries a placeholder. */
const EXAMPLE_HOST = /(^|\.)example(\.[a-z]+)?$/i;

export interface ManifestParameters {
  /** The bot's Microsoft App ID: the client id of its managed identity (infra's botAppId output). */
  readonly appId: string;
  readonly developerName: string;
  readonly websiteUrl: string;
  readonly privacyUrl: string;
  readonly termsOfUseUrl: string;
  readonly version: string;
}

/** Each parameter's option, environment variable and placeholder in manifest.json. */
export const MANIFEST_PARAMETERS: Readonly<Record<keyof ManifestParameters, { option: string; env: string; placeholder: string }>> = {
  appId: { option: '--app-id', env: 'MicrosoftAppId', placeholder: APP_ID_PLACEHOLDER },
  developerName: { option: '--developer-name', env: 'MANIFEST_DEVELOPER_NAME', placeholder: '{{DEVELOPER_NAME}}' },
  websiteUrl: { option: '--website-url', env: 'MANIFEST_WEBSITE_URL', placeholder: '{{WEBSITE_URL}}' },
  privacyUrl: { option: '--privacy-url', env: 'MANIFEST_PRIVACY_URL', placeholder: '{{PRIVACY_URL}}' },
  termsOfUseUrl: { option: '--terms-url', env: 'MANIFEST_TERMS_URL', placeholder: '{{TERMS_OF_USE_URL}}' },
  version: { option: '--version', env: 'MANIFEST_VERSION', placeholder: '{{APP_VERSION}}' },
};
type Key = keyof ManifestParameters;
const KEYS = Object.keys(MANIFEST_PARAMETERS) as Key[];

export const USAGE =
  'Brug: npm run manifest:build -- --app-id <guid> --developer-name <navn> --website-url <https://…> --privacy-url <https://…> --terms-url <https://…> --version <x.y.z>' +
  ' (eller miljøvariablerne MicrosoftAppId, MANIFEST_DEVELOPER_NAME, MANIFEST_WEBSITE_URL, MANIFEST_PRIVACY_URL, MANIFEST_TERMS_URL, MANIFEST_VERSION)';

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

function urlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'skal være en fuld https-adresse, fx https://www.kommune.dk/privatliv';
  }
  if (url.protocol !== 'https:') return 'skal være en https-adresse (Teams afviser andre)';
  if (EXAMPLE_HOST.test(url.hostname)) return `peger på eksempeldomænet ${url.hostname}; angiv kommunens egen side`;
  if (value.length > 2048) return 'må højst være 2048 tegn';
  return undefined;
}

function problemWith(key: Key, value: string): string | undefined {
  switch (key) {
    case 'appId':
      return isGuid(value) ? undefined : 'skal være bot-appens id, et GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)';
    case 'developerName':
      return value.length > DEVELOPER_NAME_MAX ? `må højst være ${DEVELOPER_NAME_MAX} tegn (er ${value.length})` : undefined;
    case 'version':
      return VERSION.test(value) ? undefined : 'skal være et versionsnummer som 1.0.0 (tre tal med punktum), højere end det Teams har i forvejen';
    default:
      return urlProblem(value);
  }
}

const shown = (value: string | undefined) => (value === undefined || value === '' ? 'ikke angivet' : `fik '${JSON.stringify(value).slice(1, -1)}'`);

/** Checks the parameters; every problem is one Danish line naming the option and variable and showing what was given. */
export function checkParameters(given: Partial<Record<Key, string>>): { ok: true; value: ManifestParameters } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const value: Partial<Record<Key, string>> = {};
  for (const key of KEYS) {
    const raw = given[key]?.trim();
    const { option, env } = MANIFEST_PARAMETERS[key];
    const problem = raw ? problemWith(key, raw) : 'mangler';
    if (problem) problems.push(`${option} (${env}) ${problem} (${shown(given[key])}).`);
    else value[key] = raw;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: value as ManifestParameters };
}

/** Options first, then the environment; unknown options are problems of their own. */
export function parametersFrom(argv: readonly string[], env: Record<string, string | undefined>): { given: Partial<Record<Key, string>>; problems: string[] } {
  const given: Partial<Record<Key, string>> = {};
  const problems: string[] = [];
  for (const key of KEYS) if (env[MANIFEST_PARAMETERS[key].env] !== undefined) given[key] = env[MANIFEST_PARAMETERS[key].env];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const key = KEYS.find((k) => MANIFEST_PARAMETERS[k].option === name);
    if (!key) {
      problems.push(`Ukendt tilvalg '${arg}'.`);
      continue;
    }
    given[key] = inline ?? argv[++i] ?? '';
  }
  return { given, problems };
}

export function renderManifest(template: string, parameters: ManifestParameters): string {
  const checked = checkParameters(parameters);
  if (!checked.ok) throw new Error(checked.problems.join('\n'));
  let rendered = template;
  for (const key of KEYS) {
    // JSON-escaped, so a name with quotes or backslashes cannot break the manifest.
    rendered = rendered.replaceAll(MANIFEST_PARAMETERS[key].placeholder, JSON.stringify(checked.value[key]).slice(1, -1));
  }
  // Parsing catches a template broken by hand before Teams rejects the upload with a vaguer error.
  JSON.parse(rendered);
  if (rendered.includes('{{')) throw new Error('manifest.json har en pladsholder, som ikke blev erstattet.');
  return rendered;
}

export interface BuildAppPackageOptions {
  readonly parameters: ManifestParameters;
  readonly outDir?: string;
}

/** Writes the app package and returns the path of the zip. */
export function buildAppPackage({ parameters, outDir = DEFAULT_OUT_DIR }: BuildAppPackageOptions): string {
  const manifest = renderManifest(readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8'), parameters);
  const entries: Record<string, Uint8Array> = { 'manifest.json': new TextEncoder().encode(manifest) };
  for (const fileName of PACKAGED_AS_IS) entries[fileName] = readFileSync(join(MANIFEST_DIR, fileName));

  mkdirSync(outDir, { recursive: true });
  const zipPath = resolve(outDir, APP_PACKAGE_FILE_NAME);
  writeFileSync(zipPath, zipSync(entries, { level: 9 }));
  return zipPath;
}

if (isRunDirectly(import.meta.url)) {
  const { given, problems } = parametersFrom(process.argv.slice(2), process.env);
  const checked = checkParameters(given);
  if (problems.length > 0 || !checked.ok) {
    for (const line of [...problems, ...(checked.ok ? [] : checked.problems)]) console.error(line);
    console.error(`Teams-pakken er ikke bygget. ${USAGE}`);
    process.exit(1);
  }
  console.log(buildAppPackage({ parameters: checked.value }));
}
