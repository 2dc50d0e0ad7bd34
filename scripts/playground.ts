// Owns `npm run playground`: writes .m365agentsplayground.yml for one demo persona from
// demo/roster.yaml and starts Microsoft 365 Agents Playground (a local Teams-like chat) against the
// running bot. The playground only lets you chat as `currentUser`, so switching persona means
// rewriting the file and restarting, which is what `--as <persona>` does.
// Run: npx tsx scripts/playground.ts [--as <persona>] [--headless] [--port N] [--bot-url URL]
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';

export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const ROSTER_FILE = join(REPO_ROOT, 'demo', 'roster.yaml');
/** The playground reads this name from its working folder, which we make the repo root. */
export const CONFIG_FILE_NAME = '.m365agentsplayground.yml';
export const DEFAULT_BOT_URL = 'http://127.0.0.1:3978/api/messages';
export const DEFAULT_PORT = 56150;
/** Where the playground logs, relative to its working folder; its config errors appear nowhere else. */
export const PLAYGROUND_LOG_FILE = join('devTools', 'm365agentsplayground.log');

/** The first six people in demo/roster.yaml, in this order (the roster's header comment says so). */
export const PERSONAS = ['politiker', 'tovholder', 'konsulent', 'oekonomi', 'medarbejder', 'admin'] as const;
export type Persona = (typeof PERSONAS)[number];
/** The admin can do everything, so that is what a developer sees first. */
export const DEFAULT_PERSONA: Persona = 'admin';

// The conversation ids below are the ones demo/roster.yaml `links` names, so the seeded demo data
// already knows the group chat, the announcement channel (General) and the Byrådet channel.
export const BOT = { id: '28:kerneopgave-bot', name: 'Kerneopgave-bot' } as const;
export const GROUP_CHAT = { id: '19:kernegruppe-laering@thread.v2', name: 'Kernegruppe Læring' } as const;
export const TEAM = {
  id: '19:demo-team@thread.tacv2',
  name: 'Demo Kommune',
  // Any fixed GUID: the playground requires one, and the bot does not read it.
  aadGroupId: 'de000000-0000-4000-8000-0000000000a1',
  channels: [{ id: '19:byraad@thread.tacv2', name: 'Byrådet' }],
} as const;
// Config format 0.1.1 is the newest the installed playground (0.2.28) accepts (its schema enum: 0.1.0, 0.1.1).
const CONFIG_VERSION = '0.1.1';

export interface RosterPerson {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

export interface DemoRoster {
  readonly tenantId: string;
  readonly people: readonly RosterPerson[];
}

/** A user as the playground's config schema wants it (`userPrincipleName` is spelled so there). */
export interface PlaygroundUser {
  id: string;
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
}

export interface PlaygroundConfig {
  version: string;
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
  personalChat: { id: string };
  groupChat: { id: string; name: string };
  team: { id: string; name: string; aadGroupId: string; channels: { id: string; name: string }[] };
}

export class PlaygroundError extends Error {}

export function isPersona(value: string): value is Persona {
  return (PERSONAS as readonly string[]).includes(value);
}

export function parsePersona(value: string): Persona {
  if (isPersona(value)) return value;
  throw new PlaygroundError(`Ukendt persona »${value}«. Vælg en af: ${PERSONAS.join(', ')}.`);
}

const nonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** Only the fields the playground needs; the bot itself validates the whole roster when it seeds the demo data. */
export function parseDemoRoster(text: string): DemoRoster {
  const doc = parseYaml(text) as { tenantId?: unknown; people?: unknown } | null;
  if (!doc || !nonEmptyString(doc.tenantId)) throw new PlaygroundError('demo/roster.yaml mangler tenantId.');
  if (!Array.isArray(doc.people)) throw new PlaygroundError('demo/roster.yaml mangler people.');
  const people = doc.people.map((p: unknown, i: number): RosterPerson => {
    const { id, name, email } = (p ?? {}) as Record<string, unknown>;
    if (!nonEmptyString(id) || !nonEmptyString(name) || !nonEmptyString(email))
      throw new PlaygroundError(`demo/roster.yaml: person nr. ${i + 1} mangler id, name eller email.`);
    return { id, name, email };
  });
  if (people.length < PERSONAS.length)
    throw new PlaygroundError(`demo/roster.yaml skal have mindst ${PERSONAS.length} personer (en pr. persona), fandt ${people.length}.`);
  return { tenantId: doc.tenantId, people };
}

export function readDemoRoster(file: string = ROSTER_FILE): DemoRoster {
  return parseDemoRoster(readFileSync(file, 'utf8'));
}

export function personOf(persona: Persona, roster: DemoRoster): RosterPerson {
  // parseDemoRoster guarantees one person per persona.
  return roster.people[PERSONAS.indexOf(persona)]!;
}

export function playgroundUser(person: RosterPerson): PlaygroundUser {
  const parts = person.name.trim().split(/\s+/);
  const surname = parts.length > 1 ? parts.pop()! : '';
  return {
    // Teams gives users a '29:' channel id and puts the Entra object id in aadObjectId; the bot
    // identifies people by aadObjectId, so that must be the roster id.
    id: `29:${person.id}`,
    name: person.name,
    userPrincipleName: person.email,
    aadObjectId: person.id,
    givenName: parts.join(' '),
    surname,
    email: person.email,
  };
}

/** The whole config for one persona: that person chats, the other five are in the group chat and team with them. */
export function playgroundConfig(persona: Persona, roster: DemoRoster): PlaygroundConfig {
  const personaPeople = PERSONAS.map((p) => personOf(p, roster));
  const me = personOf(persona, roster);
  return {
    version: CONFIG_VERSION,
    tenantId: roster.tenantId,
    bot: { ...BOT },
    currentUser: playgroundUser(me),
    users: personaPeople.filter((p) => p.id !== me.id).map(playgroundUser),
    // In Teams each person has their own 1:1 chat with the bot; one id per person keeps the bot's
    // conversation records apart when a developer switches persona.
    personalChat: { id: `a:kerneopgave-bot-personal-${me.id}` },
    groupChat: { ...GROUP_CHAT },
    team: { ...TEAM, channels: TEAM.channels.map((c) => ({ ...c })) },
  };
}

export function renderPlaygroundConfig(config: PlaygroundConfig, persona: Persona): string {
  const header = [
    `# yaml-language-server: $schema=https://aka.ms/teams-app-test-tool-config/${CONFIG_VERSION}/config.schema.json`,
    `# Written by scripts/playground.ts for persona "${persona}" from demo/roster.yaml; edits are overwritten.`,
  ].join('\n');
  return `${header}\n${stringifyYaml(config)}`;
}

export interface CliOptions {
  readonly persona: Persona;
  readonly headless: boolean;
  readonly port: number;
  readonly botUrl: URL;
}

export function parseCli(argv: readonly string[]): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        as: { type: 'string' },
        headless: { type: 'boolean', default: false },
        port: { type: 'string' },
        'bot-url': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new PlaygroundError(`${(e as Error).message}\nBrug: npm run playground -- [--as <${PERSONAS.join('|')}>] [--headless] [--port N] [--bot-url URL]`);
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new PlaygroundError(`--port skal være et portnummer (1-65535), fik »${values.port}«.`);
  let botUrl: URL;
  try {
    botUrl = new URL(values['bot-url'] ?? DEFAULT_BOT_URL);
  } catch {
    throw new PlaygroundError(`--bot-url er ikke en URL: »${values['bot-url']}«.`);
  }
  return { persona: parsePersona(values.as ?? DEFAULT_PERSONA), headless: values.headless, port, botUrl };
}

/** /healthz sits at the root of the bot's server, wherever its messages endpoint is. */
export function healthUrl(botUrl: URL): string {
  return new URL('/healthz', botUrl.origin).toString();
}

/**
 * The playground prints only "Listening on ..." to the terminal and puts its own errors (a config file
 * it refuses, for one) in its log file as lines starting with "error ". Returns those lines, and
 * whether it gave up starting (it keeps running then, serving nothing).
 */
export function playgroundErrors(logText: string): { lines: string[]; failedToStart: boolean } {
  const lines = logText
    .split(/\r?\n/)
    .filter((l) => l.startsWith('error '))
    .map((l) => l.slice('error '.length));
  return { lines, failedToStart: lines.some((l) => l.startsWith('Failed to start')) };
}

async function botAnswers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** The playground silently moves to a random port when its port is taken; we would rather say so. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

const LOG_WATCH_MS = 30_000;

/**
 * Copies the playground's start-up errors from its log to our stderr for the first half minute, and
 * stops it when it failed to start. Returns a function that stops watching and says whether it failed.
 */
function echoPlaygroundErrors(logFile: string, stopPlayground: () => void): () => boolean {
  let shown = 0;
  let failed = false;
  const check = () => {
    let text = '';
    try {
      text = readFileSync(logFile, 'utf8');
    } catch {
      return; // not written yet
    }
    const errors = playgroundErrors(text);
    for (const line of errors.lines.slice(shown)) console.error(`playground: ${line}`);
    shown = errors.lines.length;
    if (errors.failedToStart && !failed) {
      failed = true;
      console.error(`Playground kunne ikke starte (se ovenfor og ${logFile}).`);
      stopPlayground();
    }
  };
  const timer = setInterval(check, 1000);
  const timeout = setTimeout(() => clearInterval(timer), LOG_WATCH_MS);
  return () => {
    clearInterval(timer);
    clearTimeout(timeout);
    check();
    return failed;
  };
}

/** The bin's own script, run with this Node: on Windows node_modules/.bin holds .cmd shims that spawn cannot run directly. */
function playgroundCli(): string {
  return createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
}

async function main(argv: readonly string[]): Promise<number> {
  const opts = parseCli(argv);
  const roster = readDemoRoster();
  const config = playgroundConfig(opts.persona, roster);

  const health = healthUrl(opts.botUrl);
  if (!(await botAnswers(health))) {
    console.error(`Botten svarer ikke på ${health}. Start den først med »npm start« i et andet vindue, og kør så »npm run playground« igen.`);
    return 1;
  }
  if (!(await portIsFree(opts.port))) {
    console.error(`Port ${opts.port} er optaget (kører playground allerede?). Stop den, eller vælg en anden port med --port N.`);
    return 1;
  }

  const configFile = join(REPO_ROOT, CONFIG_FILE_NAME);
  writeFileSync(configFile, renderPlaygroundConfig(config, opts.persona));
  const logFile = process.env.M365_AGENTS_PLAYGROUND_LOGFILE ?? join(REPO_ROOT, PLAYGROUND_LOG_FILE);
  // A previous run's log would otherwise be read as this run's errors.
  mkdirSync(dirname(logFile), { recursive: true });
  rmSync(logFile, { force: true });
  console.log(
    `Playground: http://localhost:${opts.port} som ${config.currentUser.name} (${opts.persona}), bot ${opts.botUrl.href}. ` +
      `Playgrounds log: ${logFile}`,
  );

  const child = spawn(
    process.execPath,
    [playgroundCli(), '-e', opts.botUrl.href, '-p', String(opts.port), '--dt'],
    {
      cwd: REPO_ROOT,
      stdio: 'inherit',
      env: {
        ...process.env,
        // --dt stops telemetry, but the Application Insights SDK still sends its own statsbeat without this.
        APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
        // Pinned, so a config path left in the developer's shell cannot take over, and we read the log it writes.
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: configFile,
        M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
        ...(opts.headless ? { TEAMSAPPTESTER_BROWSER: 'none' } : {}),
      },
    },
  );
  const stopWatching = echoPlaygroundErrors(logFile, () => child.kill('SIGTERM'));
  const forward = (signal: NodeJS.Signals) => () => {
    if (child.exitCode === null) child.kill(signal);
  };
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  return new Promise<number>((resolve) => {
    child.on('error', (err) => {
      console.error(`Kunne ikke starte playground: ${err.message}`);
      resolve(1);
    });
    // A child ended by a signal has no exit code; 128 + signal number is the shell's convention.
    child.on('exit', (code, signal) => {
      const failed = stopWatching();
      resolve(failed ? 1 : (code ?? (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1)));
    });
  });
}

function isRunDirectly(): boolean {
  const scriptPath = process.argv[1];
  if (!scriptPath) return false;
  try {
    // realpath on both sides so a symlinked checkout still counts as the same file.
    return realpathSync(scriptPath) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isRunDirectly()) {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof PlaygroundError)) throw e;
    console.error(e.message);
    process.exitCode = 1;
  }
}
