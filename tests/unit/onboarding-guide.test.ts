// The onboarding guide (infra/README.md) names only commands that exist (issue 14: "every command in it is
// one the project has"): each `npm run X` is a package.json script, each file a command runs exists (dist/
// files through their src/ source), each Azure CLI and Teams PowerShell command is one of the few checked
// against their documentation (listed below, so a new one is looked up before it is added), each message to
// the bot is a command it understands, and each environment variable named is one the app or a tool reads.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/adapters/teams/commands.js';
import { MANIFEST_PARAMETERS } from '../../scripts/build-manifest.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const guide = readFileSync(path.join(ROOT, 'infra/README.md'), 'utf8');
const scripts = Object.keys((JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
const botName = (JSON.parse(readFileSync(path.join(ROOT, 'manifest/manifest.json'), 'utf8')) as { name: { short: string } }).name.short;

/** The Azure CLI commands the guide may use, each checked against the Azure CLI reference. */
const AZ_COMMANDS = [
  'login',
  'account show',
  'provider register',
  'group create',
  'deployment group create',
  'deployment group show',
  'bicep build',
  'webapp deploy',
  'webapp log tail',
  'webapp restart',
  'cosmosdb list',
  'cosmosdb show',
  'cosmosdb restore',
  'cosmosdb sql role assignment create',
  'ad signed-in-user show',
  'ad group member list',
];
/** Teams PowerShell (module MicrosoftTeams) cmdlets the guide may use. */
const POWERSHELL_COMMANDS = ['Install-Module', 'Connect-MicrosoftTeams', 'Grant-CsTeamsAppSetupPolicy'];
const NPM_COMMANDS = ['ci', 'install', 'test', 'start'];
/** Settings App Service itself reads (not the app). */
const PLATFORM_SETTINGS = ['WEBSITE_RUN_FROM_PACKAGE'];

const blocks = [...guide.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, body: m[2]! }));
/** Logical lines: continuation backslashes joined, blank lines dropped. */
const linesOf = (body: string) =>
  body
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
const shellLines = blocks.filter((b) => b.lang === 'bash').flatMap((b) => linesOf(b.body));
/** Every command, including those inside $(…). */
const commands = shellLines.flatMap((line) => {
  const inner = [...line.matchAll(/\$\(([^)]*)\)/g)].map((m) => m[1]!.trim());
  const outer = line.replace(/\$\([^)]*\)/g, '"$SUB"').replace(/^(export\s+)?([A-Za-z_][A-Za-z0-9_]*=\S*\s*)+/, '').trim();
  return [...(outer ? [outer] : []), ...inner];
});
/** Inline code in the prose, e.g. `node dist/main.js`, `npm run package`. */
const inlineCode = [...guide.replace(/```[\s\S]*?```/g, '').matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);

/** The environment variables the app (src/config.ts) and the tools (scripts/) read. */
function variablesRead(): Set<string> {
  const config = readFileSync(path.join(ROOT, 'src/config.ts'), 'utf8');
  const names = new Set([...config.matchAll(/^\s{4}(\w+): z\./gm)].map((m) => m[1]!));
  for (const dir of ['src', 'scripts']) {
    for (const file of tsFilesUnder(path.join(ROOT, dir))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/process\.env\.(\w+)/g)) names.add(m[1]!);
    }
  }
  for (const { env } of Object.values(MANIFEST_PARAMETERS)) names.add(env);
  // `--parameters name=value` sets a parameter of the template, not a variable.
  for (const m of readFileSync(path.join(ROOT, 'infra/main.bicep'), 'utf8').matchAll(/^param (\w+)/gm)) names.add(m[1]!);
  return names;
}
function tsFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? tsFilesUnder(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : [],
  );
}

/** A file a command runs: dist/x.js exists once built, so its source src/x.ts stands for it. */
function fileExists(file: string): boolean {
  const source = file.replace(/^dist\/(.*)\.js$/, 'src/$1.ts');
  return existsSync(path.join(ROOT, source));
}

describe('infra/README.md, the onboarding guide', () => {
  it('has the steps a municipality goes through', () => {
    for (const heading of ['Who needs which rights', 'Create the resources', 'Deploy the app', 'The first administrator', 'Build the Teams app package', 'Upload it to Teams', 'Install it for people', 'Add the bot to the kernegruppe chats', 'Updating', 'Backup and restore', 'Data retention']) {
      expect(guide, heading).toMatch(new RegExp(`^## \\d+\\. ${heading}`, 'm'));
    }
  });

  it('runs only npm scripts the project has', () => {
    const npm = [...commands, ...inlineCode].filter((c) => /^npm\s/.test(c));
    expect(npm.length).toBeGreaterThan(5);
    for (const command of npm) {
      const run = /^npm run (\S+)/.exec(command);
      if (run) expect(scripts, command).toContain(run[1]);
      else expect(NPM_COMMANDS, command).toContain(command.split(/\s+/)[1]);
    }
  });

  it('names only files that exist when it runs node or tsx', () => {
    // The script run, and every module preloaded with --import.
    const runs = [...commands, ...inlineCode].flatMap((c) => [
      ...[...c.matchAll(/(?:^|\s)(?:node|npx tsx)\s+(?:--\S+\s+(?:\.\/\S+\.js\s+)?)*(\S+\.[jt]s)\b/g)].map((m) => m[1]!),
      ...[...c.matchAll(/--import[ =](\S+\.js)\b/g)].map((m) => m[1]!.replace(/^\.\//, '')),
    ]);
    expect(runs).toContain('dist/main.js');
    expect(runs).toContain('dist/telemetry-preload.js');
    for (const file of runs) expect(fileExists(file), file).toBe(true);
  });

  it('uses only Azure CLI commands from the checked list, and no other program in its shell blocks', () => {
    for (const command of commands) {
      const [program, ...rest] = command.split(/\s+/);
      expect(['npm', 'az', 'curl'], command).toContain(program);
      if (program !== 'az') continue;
      const words = rest.filter((w, i) => rest.slice(0, i + 1).every((x) => /^[a-z-]+$/.test(x) && !x.startsWith('--'))).join(' ');
      expect(AZ_COMMANDS, command).toContain(words);
    }
  });

  it('uses only Teams PowerShell cmdlets from the checked list', () => {
    const lines = blocks.filter((b) => b.lang === 'powershell').flatMap((b) => linesOf(b.body));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(POWERSHELL_COMMANDS, line).toContain(line.split(/\s+/)[0]);
  });

  it('tells admins to write only commands the bot understands, mentioning the bot by its name in Teams', () => {
    const messages = blocks.filter((b) => b.lang === 'text').flatMap((b) => linesOf(b.body));
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) {
      expect(message.startsWith(`@${botName} `), message).toBe(true);
      expect(parseCommand(message.slice(botName.length + 2)).kind, message).not.toBe('unknown');
    }
    expect(messages.some((m) => /tilknyt (kernegruppe )?\S/.test(m))).toBe(true);
    expect(messages).toContain(`@${botName} opslagskanal`);
  });

  it('names only environment variables the app or its tools read (or App Service itself)', () => {
    const read = variablesRead();
    const assigned = shellLines.flatMap((line) => [...line.matchAll(/(?:^|\s)(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=/g)].map((m) => m[1]!));
    const named = inlineCode.filter((c) => /^([A-Z][A-Z0-9]*_[A-Z0-9_]+|Microsoft[A-Za-z]+)(=\S*)?$/.test(c)).map((c) => c.split('=')[0]!);
    expect(assigned).toContain('COSMOS_ENDPOINT');
    for (const name of [...assigned, ...named]) {
      if (PLATFORM_SETTINGS.includes(name)) continue;
      expect(read.has(name), `${name} is not read by src/config.ts or scripts/`).toBe(true);
    }
  });
});
