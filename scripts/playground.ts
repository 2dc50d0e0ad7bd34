// Owns `npm run playground`: writes .m365agentsplayground.yml for one demo persona from
// demo/roster.yaml, starts Microsoft 365 Agents Playground (a local Teams-like chat) against the
// running bot, and installs the bot in every conversation of the playground. The playground only lets
// you chat as `currentUser`, so switching persona means rewriting the file and restarting, which is
// what `--as <persona>` does. The browser test (tests/e2e) starts the playground through these functions.
// Run: npx tsx scripts/playground.ts [--as <persona>] [--headless] [--port N] [--bot-url URL]
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { isRunDirectly } from './run-directly.js';

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

export interface PlaygroundConversation {
  readonly id: string;
  /** As the playground lists it. */
  readonly name: string;
}

/** Every conversation the playground has for this config: the personal chat, the group chat, the team's General and its other channel. */
export function playgroundConversations(config: PlaygroundConfig): PlaygroundConversation[] {
  return [
    { id: config.personalChat.id, name: 'Personal Chat' },
    { id: config.groupChat.id, name: config.groupChat.name },
    // A team's General channel has the team's id.
    { id: config.team.id, name: `${config.team.name} › General` },
    ...config.team.channels.map((c) => ({ id: c.id, name: `${config.team.name} › ${c.name}` })),
  ];
}

/**
 * Waits until the playground answers GET /_debug/ping with "pong". False when it did not within
 * `timeoutMs`, or when `signal` aborts (the playground stopped).
 */
export async function waitForPlayground(baseUrl: string, opts: { timeoutMs: number; signal?: AbortSignal }): Promise<boolean> {
  const deadline = Date.now() + opts.timeoutMs;
  const pingUrl = new URL('/_debug/ping', baseUrl).toString();
  while (Date.now() < deadline && !opts.signal?.aborted) {
    try {
      const res = await fetch(pingUrl, { signal: AbortSignal.timeout(3000) });
      if (res.ok && (await res.text()).trim() === 'pong') return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

export interface InstallOutcome extends PlaygroundConversation {
  readonly ok: boolean;
  /** Why not, for the terminal. */
  readonly error?: string | undefined;
}

/**
 * Makes the playground send the bot the installation events of every conversation, as Teams does when
 * the app is added to a chat or team. The playground itself only sends them for a chat or channel when
 * its page is opened, so without this a tender published from the group chat finds the bot "not added"
 * to General. The playground answers at once and sends the events to the bot right after.
 */
export async function installBotEverywhere(baseUrl: string, config: PlaygroundConfig): Promise<InstallOutcome[]> {
  const outcomes: InstallOutcome[] = [];
  for (const conversation of playgroundConversations(config)) {
    const url = new URL(`/_debug/conversation/${encodeURIComponent(conversation.id)}/installation`, baseUrl).toString();
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', signal: AbortSignal.timeout(10_000) });
      outcomes.push(res.ok ? { ...conversation, ok: true } : { ...conversation, ok: false, error: `HTTP ${res.status}` });
    } catch (e) {
      outcomes.push({ ...conversation, ok: false, error: (e as Error).message });
    }
  }
  return outcomes;
}

/** One line for the terminal: where the bot was installed, and where not and why. */
export function describeInstallation(outcomes: readonly InstallOutcome[]): string {
  const done = outcomes.filter((o) => o.ok).map((o) => o.name);
  const failed = outcomes.filter((o) => !o.ok).map((o) => `${o.name} (${o.error ?? 'fejl'})`);
  return [
    done.length ? `Botten er tilføjet: ${done.join(', ')}.` : '',
    failed.length ? `Botten kunne ikke tilføjes: ${failed.join(', ')}; åbn samtalen i playground for at tilføje den.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

export interface StartPlaygroundOptions {
  readonly persona: Persona;
  readonly port: number;
  readonly botUrl: URL;
  readonly headless: boolean;
  /** Its working folder: the config file is written here, and its log goes to devTools/ here. */
  readonly workDir: string;
  readonly roster?: DemoRoster | undefined;
  /** The environment it runs with (default: ours); the settings it needs are added to it. */
  readonly env?: NodeJS.ProcessEnv | undefined;
  /** Its own process group, so whoever started it can stop it and anything it started at once. */
  readonly detached?: boolean | undefined;
  /** Where its terminal output goes (default: our stdout and stderr). */
  readonly output?: ((line: string, stream: 'stdout' | 'stderr') => void) | undefined;
}

export interface RunningPlayground {
  readonly child: ChildProcess;
  readonly config: PlaygroundConfig;
  readonly configFile: string;
  readonly logFile: string;
  /** The port it listens on, from its own "Listening on N" (it moves silently when the one asked for is taken); undefined if it stopped first. */
  readonly port: Promise<number | undefined>;
  /** Its exit code (128 + signal number when a signal ended it). */
  readonly exited: Promise<number>;
}

const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGKILL: 137 };

/** Writes the persona's config into `workDir` and starts the playground there. */
export function startPlayground(opts: StartPlaygroundOptions): RunningPlayground {
  const config = playgroundConfig(opts.persona, opts.roster ?? readDemoRoster());
  const configFile = join(opts.workDir, CONFIG_FILE_NAME);
  writeFileSync(configFile, renderPlaygroundConfig(config, opts.persona));
  const baseEnv = opts.env ?? process.env;
  const logFile = baseEnv.M365_AGENTS_PLAYGROUND_LOGFILE ?? join(opts.workDir, PLAYGROUND_LOG_FILE);
  // A previous run's log would otherwise be read as this run's errors.
  mkdirSync(dirname(logFile), { recursive: true });
  rmSync(logFile, { force: true });

  const child = spawn(process.execPath, [playgroundCli(), '-e', opts.botUrl.href, '-p', String(opts.port), '--dt'], {
    cwd: opts.workDir,
    // Its stdout is read for the port it really listens on; with a pipe (not a terminal) it prints "Listening on N".
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: opts.detached ?? false,
    env: {
      ...baseEnv,
      // --dt stops telemetry, but the Application Insights SDK still sends its own statsbeat without this.
      APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
      // Pinned, so a config path left in the developer's shell cannot take over, and we read the log it writes.
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: configFile,
      M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
      ...(opts.headless ? { TEAMSAPPTESTER_BROWSER: 'none' } : {}),
    },
  });
  const output = opts.output ?? ((line: string, stream: 'stdout' | 'stderr') => (stream === 'stderr' ? console.error(line) : console.log(line)));
  let resolvePort: (port: number | undefined) => void = () => {};
  const port = new Promise<number | undefined>((resolve) => (resolvePort = resolve));
  const forwardLines = (stream: NodeJS.ReadableStream | null, name: 'stdout' | 'stderr') => {
    let buffered = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split(/\r?\n/);
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const listening = /^Listening on (\d+)\s*$/.exec(line);
        if (listening) resolvePort(Number(listening[1]));
        output(line, name);
      }
    });
  };
  forwardLines(child.stdout, 'stdout');
  forwardLines(child.stderr, 'stderr');
  const exited = new Promise<number>((resolve) => {
    child.on('error', (err) => {
      output(`Kunne ikke starte playground: ${err.message}`, 'stderr');
      resolve(1);
    });
    // A child ended by a signal has no exit code; 128 + signal number is the shell's convention.
    child.on('exit', (code, signal) => resolve(code ?? (signal ? (SIGNAL_EXIT[signal] ?? 1) : 1)));
  });
  void exited.then(() => resolvePort(undefined));
  return { child, config, configFile, logFile, port, exited };
}

/** How long the playground may take to answer after it said where it listens (it loads its config first). */
const READY_TIMEOUT_MS = 60_000;

/**
 * Once the playground answers, installs the bot in all its conversations. Undefined when it stopped
 * or never answered (its own errors are in its log).
 */
export async function installWhenReady(playground: RunningPlayground): Promise<{ url: string; outcomes: InstallOutcome[] } | undefined> {
  const port = await playground.port;
  if (port === undefined) return undefined;
  const url = `http://localhost:${port}`;
  const stopped = new AbortController();
  void playground.exited.then(() => stopped.abort());
  if (!(await waitForPlayground(url, { timeoutMs: READY_TIMEOUT_MS, signal: stopped.signal }))) return undefined;
  return { url, outcomes: await installBotEverywhere(url, playground.config) };
}

async function main(argv: readonly string[]): Promise<number> {
  const opts = parseCli(argv);
  const roster = readDemoRoster();

  const health = healthUrl(opts.botUrl);
  if (!(await botAnswers(health))) {
    console.error(`Botten svarer ikke på ${health}. Start den først med »npm start« i et andet vindue, og kør så »npm run playground« igen.`);
    return 1;
  }
  if (!(await portIsFree(opts.port))) {
    console.error(`Port ${opts.port} er optaget (kører playground allerede?). Stop den, eller vælg en anden port med --port N.`);
    return 1;
  }

  const playground = startPlayground({ ...opts, roster, workDir: REPO_ROOT });
  const { child, config, logFile } = playground;
  console.log(
    `Playground: http://localhost:${opts.port} som ${config.currentUser.name} (${opts.persona}), bot ${opts.botUrl.href}. ` +
      `Playgrounds log: ${logFile}`,
  );
  const stopWatching = echoPlaygroundErrors(logFile, () => child.kill('SIGTERM'));
  const forward = (signal: NodeJS.Signals) => () => {
    if (child.exitCode === null) child.kill(signal);
  };
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));

  // The demo promises that a tender published from the group chat reaches General without anyone opening it first.
  void installWhenReady(playground).then((ready) => {
    if (!ready) return;
    if (!ready.url.endsWith(`:${opts.port}`)) console.error(`Playground lytter på ${ready.url}, ikke port ${opts.port}.`);
    const line = describeInstallation(ready.outcomes);
    if (ready.outcomes.every((o) => o.ok)) console.log(line);
    else console.error(line);
  });

  const code = await playground.exited;
  return stopWatching() ? 1 : code;
}


if (isRunDirectly(import.meta.url)) {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof PlaygroundError)) throw e;
    console.error(e.message);
    process.exitCode = 1;
  }
}
