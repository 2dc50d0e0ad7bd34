// Owns the checks on the Teams app package: manifest and localisation valid against the official
// schemas, icons of the sizes Teams demands, English commands matching the Danish ones, and the
// zip that scripts/build-manifest.ts produces.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type AnySchemaObject } from 'ajv';
import ajvFormats from 'ajv-formats';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/adapters/teams/commands.js';
import {
  APP_ID_PLACEHOLDER,
  MANIFEST_DIR,
  MANIFEST_PARAMETERS,
  buildAppPackage,
  renderManifest,
  type ManifestParameters,
} from '../../scripts/build-manifest.js';
import { readPng } from '../support/png.js';

const APP_ID = '8f0c7a4e-3b1d-4c2a-9e5f-1a2b3c4d5e6f';
const PARAMETERS: ManifestParameters = {
  appId: APP_ID,
  developerName: 'Vesterå "Kommune"',
  websiteUrl: 'https://www.vesteraa.dk/kerneopgaver',
  privacyUrl: 'https://www.vesteraa.dk/privatliv',
  termsOfUseUrl: 'https://www.vesteraa.dk/vilkaar',
  version: '1.4.2',
};
/** The same parameters as options of `npm run manifest:build -- …`. */
const OPTIONS = (Object.keys(PARAMETERS) as (keyof ManifestParameters)[]).flatMap((k) => [MANIFEST_PARAMETERS[k].option, PARAMETERS[k]]);
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILD_SCRIPT = join(REPO_ROOT, 'scripts/build-manifest.ts');
const SCHEMA_ROOT = join(
  dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json')),
  'build/json-schemas/teams',
);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COLOUR_TYPE_RGBA = 6;
const LOCALISED_COMMAND_KEY = /^bots\[(\d+)\]\.commandLists\[(\d+)\]\.commands\[(\d+)\]\.(title|description)$/;

interface BotCommand {
  title: string;
  description?: string;
}
interface TeamsManifest {
  $schema: string;
  manifestVersion: string;
  id: string;
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: { languageTag: string; file: string }[] };
  version: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  icons: { color: string; outline: string };
  bots: { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: BotCommand[] }[] }[];
}

const manifestTemplate = readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8');
const manifest = JSON.parse(renderManifest(manifestTemplate, PARAMETERS)) as TeamsManifest;
const english = JSON.parse(readFileSync(join(MANIFEST_DIR, 'en.json'), 'utf8')) as Record<string, unknown>;

function loadSchema(fileName: string): AnySchemaObject {
  const path = join(SCHEMA_ROOT, `v${manifest.manifestVersion}`, fileName);
  const { $schema: draft, ...schema } = JSON.parse(readFileSync(path, 'utf8')) as AnySchemaObject;
  // The Teams schemas declare draft-04, which Ajv 8 only knows through the extra ajv-draft-04
  // package. They use none of the keywords whose meaning changed after draft-04 (boolean
  // exclusiveMinimum/exclusiveMaximum, `id` as the schema's URI), so Ajv's default, draft-07,
  // validates them the same way; the two checks below fail if a later schema version starts to.
  expect(draft).toBe('http://json-schema.org/draft-04/schema#');
  const schemaText = JSON.stringify(schema);
  expect(schemaText).not.toMatch(/"exclusive(Minimum|Maximum)":(true|false)/);
  expect(schemaText).not.toMatch(/"id":"/);
  return schema;
}

function validatorFor(fileName: string) {
  // strict: false silences Ajv's warnings about the schemas' loose typing (e.g. `maxItems` without
  // `type: array`), which is valid JSON Schema; unicodeRegExp: false because some localisation key
  // patterns (`\b]`) are valid JavaScript regular expressions only without the `u` flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajvFormats.default(ajv);
  return ajv.compile(loadSchema(fileName));
}

function readPngHeader(fileName: string) {
  const png = readFileSync(join(MANIFEST_DIR, fileName));
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), bitDepth: png[24], colourType: png[25] };
}

describe('manifest.json', () => {
  it('validates against the Teams schema of its manifestVersion once the app id is filled in', () => {
    const validate = validatorFor('MicrosoftTeams.schema.json');
    expect(validate(manifest), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('points $schema at the same version it declares', () => {
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
    );
  });

  it('uses the placeholder for both the app id and the bot id', () => {
    const template = JSON.parse(manifestTemplate) as TeamsManifest;
    expect(template.id).toBe(APP_ID_PLACEHOLDER);
    expect(template.bots.map((bot) => bot.botId)).toEqual([APP_ID_PLACEHOLDER]);
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0]?.botId).toBe(APP_ID);
  });

  it("carries the municipality's own developer details and version, and no example.dk placeholder", () => {
    expect(manifest.developer).toEqual({
      name: 'Vesterå "Kommune"',
      websiteUrl: 'https://www.vesteraa.dk/kerneopgaver',
      privacyUrl: 'https://www.vesteraa.dk/privatliv',
      termsOfUseUrl: 'https://www.vesteraa.dk/vilkaar',
    });
    expect(manifest.version).toBe('1.4.2');
    expect(manifestTemplate).not.toMatch(/example\./);
  });

  it('is Danish by default with English as the only other language', () => {
    expect(manifest.localizationInfo.defaultLanguageTag).toBe('da');
    expect(manifest.localizationInfo.additionalLanguages).toEqual([{ languageTag: 'en', file: 'en.json' }]);
  });

  it('offers the bot in personal, team and group chat scope, with a command list for each', () => {
    const bot = manifest.bots[0]!;
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.commandLists.flatMap((list) => list.scopes).sort()).toEqual(['groupChat', 'personal', 'team']);
  });
});

describe('en.json', () => {
  it('validates against the Teams localisation schema of the same version', () => {
    const validate = validatorFor('MicrosoftTeams.Localization.schema.json');
    expect(validate(english), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('localises only commands that exist in manifest.json', () => {
    const localisedCommandKeys = Object.keys(english).filter((key) => key.startsWith('bots['));
    expect(localisedCommandKeys.length).toBeGreaterThan(0);
    for (const key of localisedCommandKeys) {
      const match = LOCALISED_COMMAND_KEY.exec(key);
      expect(match, key).not.toBeNull();
      const [, bot, list, command, field] = match!;
      const danish = manifest.bots[Number(bot)]?.commandLists[Number(list)]?.commands[Number(command)];
      expect(danish, `${key} has no command in manifest.json`).toBeDefined();
      expect(danish?.[field as keyof BotCommand], `${key} localises a field manifest.json does not have`).toBeDefined();
    }
  });

  it('translates the title and description of every command in manifest.json', () => {
    manifest.bots.forEach((bot, b) =>
      bot.commandLists.forEach((list, l) =>
        list.commands.forEach((_, c) => {
          for (const field of ['title', 'description']) {
            expect(english[`bots[${b}].commandLists[${l}].commands[${c}].${field}`], `${b}/${l}/${c} ${field}`).toEqual(
              expect.any(String),
            );
          }
        }),
      ),
    );
  });
});

describe('the command menus', () => {
  it('offer only commands the bot understands, in Danish and in English', () => {
    manifest.bots.forEach((bot, b) =>
      bot.commandLists.forEach((list, l) =>
        list.commands.forEach((command, c) => {
          for (const title of [command.title, english[`bots[${b}].commandLists[${l}].commands[${c}].title`] as string]) {
            // "tilknyt" alone asks which group; every other entry is a complete command.
            expect(parseCommand(title).kind, title).not.toBe('unknown');
          }
        }),
      ),
    );
  });
});

describe('icons', () => {
  it('has a 192x192 colour icon that is a full square: every pixel opaque, no transparent corners', () => {
    const header = readPngHeader(manifest.icons.color);
    expect([header.width, header.height]).toEqual([192, 192]);
    const png = readPng(readFileSync(join(MANIFEST_DIR, manifest.icons.color)));
    expect([png.width, png.height]).toEqual([192, 192]);
    if (png.channels === 1 || png.channels === 3) return; // no alpha channel: opaque by construction
    const notOpaque: string[] = [];
    for (let i = 0; i < png.width * png.height; i++) {
      if (png.pixels[i * png.channels + png.channels - 1] !== 255) notOpaque.push(`${i % png.width},${Math.floor(i / png.width)}`);
    }
    expect(notOpaque.slice(0, 10), `${notOpaque.length} pixels are not opaque`).toEqual([]);
  });

  it('has a 32x32 outline icon with an alpha channel for the transparent background', () => {
    const header = readPngHeader(manifest.icons.outline);
    expect([header.width, header.height]).toEqual([32, 32]);
    expect(header.colourType).toBe(COLOUR_TYPE_RGBA);
    expect(header.bitDepth).toBe(8);
  });
});

describe('build-manifest', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'kerneopgave-app-package-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('zips manifest, localisation and icons at the root, with the app id filled in', () => {
    const zipPath = buildAppPackage({ parameters: PARAMETERS, outDir });
    expect(zipPath).toBe(join(outDir, 'appPackage.zip'));

    const files = unzipSync(readFileSync(zipPath));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);

    const packaged = new TextDecoder().decode(files['manifest.json']);
    expect(packaged).not.toContain(APP_ID_PLACEHOLDER);
    expect(JSON.parse(packaged)).toEqual(manifest);
    expect(Buffer.from(files['outline.png']!).equals(readFileSync(join(MANIFEST_DIR, 'outline.png')))).toBe(true);
  });

  it('refuses an app id that is not a GUID', () => {
    expect(() => buildAppPackage({ parameters: { ...PARAMETERS, appId: 'not-a-guid' }, outDir })).toThrow(/GUID/);
  });

  const run = (args: string[], env: Record<string, string> = {}) => {
    const clean: NodeJS.ProcessEnv = { ...process.env };
    for (const { env: name } of Object.values(MANIFEST_PARAMETERS)) delete clean[name];
    // As the operator runs it: the zip goes to build/ under the repository.
    return spawnSync(process.execPath, ['--import', 'tsx', BUILD_SCRIPT, ...args], { cwd: REPO_ROOT, env: { ...clean, ...env }, encoding: 'utf8' });
  };

  it('builds from command-line options alone and prints where the zip is', () => {
    const result = run(OPTIONS);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const zipPath = result.stdout.trim();
    const packaged = JSON.parse(new TextDecoder().decode(unzipSync(readFileSync(zipPath))['manifest.json'])) as TeamsManifest;
    expect(packaged).toEqual(manifest);
  });

  it('takes each parameter from its environment variable when the option is not given, the option winning over it', () => {
    const env = Object.fromEntries((Object.keys(PARAMETERS) as (keyof ManifestParameters)[]).map((k) => [MANIFEST_PARAMETERS[k].env, PARAMETERS[k]]));
    const result = run(['--version', '2.0.0'], { ...env, MANIFEST_VERSION: '1.0.0' });
    expect(result.stderr).toBe('');
    const packaged = JSON.parse(new TextDecoder().decode(unzipSync(readFileSync(result.stdout.trim()))['manifest.json'])) as TeamsManifest;
    expect(packaged.version).toBe('2.0.0');
    expect(packaged.developer.privacyUrl).toBe('https://www.vesteraa.dk/privatliv');
    expect(packaged.id).toBe(APP_ID);
  });

  it('refuses with nothing given: one Danish line per missing parameter, naming its option and variable', () => {
    const result = run([]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines.slice(0, 6)).toEqual([
      '--app-id (MicrosoftAppId) mangler (ikke angivet).',
      '--developer-name (MANIFEST_DEVELOPER_NAME) mangler (ikke angivet).',
      '--website-url (MANIFEST_WEBSITE_URL) mangler (ikke angivet).',
      '--privacy-url (MANIFEST_PRIVACY_URL) mangler (ikke angivet).',
      '--terms-url (MANIFEST_TERMS_URL) mangler (ikke angivet).',
      '--version (MANIFEST_VERSION) mangler (ikke angivet).',
    ]);
    expect(lines[6]).toMatch(/^Teams-pakken er ikke bygget\. Brug: npm run manifest:build -- --app-id/);
  });

  it('refuses malformed values, showing what was given, and builds nothing', () => {
    const result = run([
      '--app-id', 'my-bot',
      '--developer-name', 'Vesterå Kommunes Digitaliseringsafdeling',
      '--website-url', 'www.vesteraa.dk',
      '--privacy-url', 'http://www.vesteraa.dk/privatliv',
      '--terms-url', 'https://www.example.dk/vilkaar',
      '--version', '1.0',
    ]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n').slice(0, 6)).toEqual([
      "--app-id (MicrosoftAppId) skal være bot-appens id, et GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) (fik 'my-bot').",
      "--developer-name (MANIFEST_DEVELOPER_NAME) må højst være 32 tegn (er 40) (fik 'Vesterå Kommunes Digitaliseringsafdeling').",
      "--website-url (MANIFEST_WEBSITE_URL) skal være en fuld https-adresse, fx https://www.kommune.dk/privatliv (fik 'www.vesteraa.dk').",
      "--privacy-url (MANIFEST_PRIVACY_URL) skal være en https-adresse (Teams afviser andre) (fik 'http://www.vesteraa.dk/privatliv').",
      "--terms-url (MANIFEST_TERMS_URL) peger på eksempeldomænet www.example.dk; angiv kommunens egen side (fik 'https://www.example.dk/vilkaar').",
      "--version (MANIFEST_VERSION) skal være et versionsnummer som 1.0.0 (tre tal med punktum), højere end det Teams har i forvejen (fik '1.0').",
    ]);
  });

  it('refuses an option it does not know', () => {
    const result = run([...OPTIONS, '--privacy', 'https://www.vesteraa.dk/privatliv']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Ukendt tilvalg '--privacy'.");
  });
});
