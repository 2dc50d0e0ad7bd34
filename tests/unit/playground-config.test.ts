// Owns the checks on scripts/playground.ts's config: each persona chats as the right roster person
// with the other five around them, the chat and channel ids are the ones demo/roster.yaml links,
// and the file passes the installed playground's own schema (its errors only reach a log file);
// and on its installation step, against a local server standing in for the playground's debug API
// (tests/e2e/playground.test.ts does the same against the real playground).
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  DEFAULT_PERSONA,
  PERSONAS,
  PlaygroundError,
  ROSTER_FILE,
  describeInstallation,
  installBotEverywhere,
  parseCli,
  parseDemoRoster,
  parsePersona,
  playgroundConfig,
  playgroundErrors,
  readDemoRoster,
  renderPlaygroundConfig,
  waitForPlayground,
} from '../../scripts/playground.js';

interface RosterFile {
  tenantId: string;
  people: { id: string; name: string; email: string }[];
  groups: { id: string; name: string }[];
  links: { conversationId: string; group?: string; announcement?: boolean }[];
}

const rosterFile = parseYaml(readFileSync(ROSTER_FILE, 'utf8')) as RosterFile;
const roster = readDemoRoster();
const linkOf = (conversationId: string) => rosterFile.links.find((l) => l.conversationId === conversationId);
const groupName = (id: string | undefined) => rosterFile.groups.find((g) => g.id === id)?.name;

/** The config schema the installed playground validates with; it is only inside its bundle. */
function installedPlaygroundSchema(): object {
  const pkgDir = dirname(createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/package.json'));
  const bundle = readFileSync(join(pkgDir, 'dist', 'index.js'), 'utf8');
  const start = bundle.indexOf(`JSON.parse('{"$id":"https://aka.ms/teams-app-test-tool-config/`);
  const end = bundle.indexOf(`}')`, start);
  if (start < 0 || end < 0) throw new Error('config schema not found in the playground bundle: has its layout changed?');
  const literal = bundle.slice(start + 'JSON.parse('.length, end + 2);
  return JSON.parse(runInNewContext(literal) as string) as object;
}

describe('playground personas', () => {
  it('are the first six roster people, in order', () => {
    expect(PERSONAS).toEqual(['politiker', 'tovholder', 'konsulent', 'oekonomi', 'medarbejder', 'admin']);
    expect(PERSONAS.map((p) => playgroundConfig(p, roster).currentUser.name)).toEqual([
      'Mette Holm',
      'Johan Kristensen',
      'Hanne Graversen',
      'Birgitte Lund',
      'Sofie Nielsen',
      'Henrik Dahl',
    ]);
    expect(DEFAULT_PERSONA).toBe('admin');
  });

  it('refuses an unknown persona and names the valid ones', () => {
    expect(() => parsePersona('borgmester')).toThrow(PlaygroundError);
    expect(() => parsePersona('borgmester')).toThrow(/politiker, tovholder, konsulent, oekonomi, medarbejder, admin/);
    expect(() => parseCli(['--as', 'Admin'])).toThrow(PlaygroundError);
    expect(() => parseCli(['--as'])).toThrow(PlaygroundError);
    expect(() => parseCli(['--port', 'x'])).toThrow(/--port/);
    expect(() => parseCli(['--nonsense'])).toThrow(PlaygroundError);
  });

  it('parses the command line with the documented defaults', () => {
    expect(parseCli([])).toMatchObject({ persona: 'admin', headless: false, port: 56150 });
    expect(parseCli([]).botUrl.href).toBe('http://127.0.0.1:3978/api/messages');
    const o = parseCli(['--as', 'medarbejder', '--headless', '--port', '56151', '--bot-url', 'http://localhost:4000/api/messages']);
    expect(o).toMatchObject({ persona: 'medarbejder', headless: true, port: 56151 });
    expect(o.botUrl.origin).toBe('http://localhost:4000');
  });
});

describe.each(PERSONAS)('playground config as %s', (persona) => {
  const config = playgroundConfig(persona, roster);
  const person = rosterFile.people[PERSONAS.indexOf(persona)]!;

  it('chats as the roster person, identified by the roster id', () => {
    expect(config.currentUser).toMatchObject({ name: person.name, email: person.email, userPrincipleName: person.email, aadObjectId: person.id });
    expect(`${config.currentUser.givenName} ${config.currentUser.surname}`).toBe(person.name);
  });

  it('has exactly the other five personas as users', () => {
    expect(config.users).toHaveLength(5);
    expect(config.users.map((u) => u.aadObjectId)).not.toContain(person.id);
    const personaIds = rosterFile.people.slice(0, 6).map((p) => p.id);
    expect(config.users.map((u) => u.aadObjectId)).toEqual(personaIds.filter((id) => id !== person.id));
    for (const u of config.users) {
      const p = rosterFile.people.find((rp) => rp.id === u.aadObjectId)!;
      expect(u).toMatchObject({ name: p.name, email: p.email, userPrincipleName: p.email });
    }
    const ids = [config.currentUser, ...config.users].map((u) => u.id);
    expect(new Set(ids).size).toBe(6);
  });

  it('uses the tenant and the conversations that demo/roster.yaml links', () => {
    expect(config.tenantId).toBe(rosterFile.tenantId);
    expect(config.bot).toEqual({ id: '28:kerneopgave-bot', name: 'Kerneopgave-bot' });
    expect(groupName(linkOf(config.groupChat.id)?.group)).toBe('Kernegruppe Læring');
    expect(config.groupChat.name).toBe('Kernegruppe Læring');
    // The team id is also its General channel's id, the announcement channel in the demo data.
    expect(linkOf(config.team.id)?.announcement).toBe(true);
    expect(config.team.channels).toHaveLength(1);
    const channel = config.team.channels[0]!;
    expect(channel.name).toBe('Byrådet');
    expect(groupName(linkOf(channel.id)?.group)).toBe('Byrådet');
    expect(config.team.aadGroupId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('writes a file the installed playground accepts', () => {
    const written = parseYaml(renderPlaygroundConfig(config, persona)) as unknown;
    expect(written).toEqual(config);
    const validate = new Ajv({ strict: false }).compile(installedPlaygroundSchema());
    expect(validate(written), JSON.stringify(validate.errors)).toBe(true);
    // The playground's own extra rule: conversation ids unique across chats, team and channels.
    const conversationIds = [config.personalChat.id, config.groupChat.id, config.team.id, ...config.team.channels.map((c) => c.id)];
    expect(new Set(conversationIds).size).toBe(conversationIds.length);
  });
});

it('gives each persona its own personal chat', () => {
  const ids = PERSONAS.map((p) => playgroundConfig(p, roster).personalChat.id);
  expect(new Set(ids).size).toBe(PERSONAS.length);
});

describe('parseDemoRoster', () => {
  it('refuses a roster without tenant or with too few people', () => {
    expect(() => parseDemoRoster('people: []')).toThrow(/tenantId/);
    expect(() => parseDemoRoster('tenantId: t\npeople:\n  - { id: a, name: A B, email: a@b }')).toThrow(/mindst 6/);
    expect(() => parseDemoRoster('tenantId: t\npeople:\n  - { id: a, name: A B }')).toThrow(/person nr. 1/);
  });
});

describe('playgroundErrors', () => {
  it('finds the start-up failure the playground only writes to its log', () => {
    // Lines as playground 0.2.28 wrote them for a config with four users.
    const log = [
      'log Listening on 56170',
      'debug Telemetry: agents-playground-server/error {"message":"Failed to parse config file"}',
      '',
      'error Failed to start Microsoft 365 Agents Playground.',
      'error Reason: ConfigFileParseError Failed to parse config file. Reason: YAML path "/users": must NOT have fewer than 5 items. Please make sure config file is valid.',
      'error Go to the link to learn more about how to fix the config file https://aka.ms/teams-app-test-tool-config-guide.',
    ].join('\n');
    const errors = playgroundErrors(log);
    expect(errors.failedToStart).toBe(true);
    expect(errors.lines).toHaveLength(3);
    expect(errors.lines[1]).toMatch(/^Reason: ConfigFileParseError .*"\/users"/);
    expect(playgroundErrors('log Listening on 56150\nlog Events recording disabled.\n')).toEqual({ lines: [], failedToStart: false });
  });
});

describe('installing the bot in every playground conversation', () => {
  /** Stands in for the playground's debug API: records each request, answers ping, 404s an unknown conversation. */
  async function fakePlayground(known: readonly string[], pongAfter = 0): Promise<{ url: string; requests: string[]; server: Server }> {
    const requests: string[] = [];
    let pings = 0;
    const server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      if (req.url === '/_debug/ping') return void (++pings > pongAfter ? res.end('pong') : res.writeHead(503).end());
      const m = /^\/_debug\/conversation\/([^/]+)\/installation$/.exec(req.url ?? '');
      res.writeHead(req.method === 'POST' && m && known.includes(decodeURIComponent(m[1]!)) ? 200 : 404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
  }

  const config = playgroundConfig('tovholder', roster);
  const ids = [config.personalChat.id, '19:kernegruppe-laering@thread.v2', '19:demo-team@thread.tacv2', '19:byraad@thread.tacv2'];

  it('posts an installation for the personal chat, the group chat, General and Byrådet', async () => {
    const fake = await fakePlayground(ids);
    try {
      const outcomes = await installBotEverywhere(fake.url, config);
      expect(fake.requests).toEqual(ids.map((id) => `POST /_debug/conversation/${encodeURIComponent(id)}/installation`));
      expect(outcomes.every((o) => o.ok)).toBe(true);
      expect(describeInstallation(outcomes)).toBe('Botten er tilføjet: Personal Chat, Kernegruppe Læring, Demo Kommune › General, Demo Kommune › Byrådet.');
    } finally {
      fake.server.close();
    }
  });

  it('says which conversation it could not install in, and goes on with the rest', async () => {
    const fake = await fakePlayground(ids.filter((id) => id !== '19:byraad@thread.tacv2'));
    try {
      const outcomes = await installBotEverywhere(fake.url, config);
      expect(outcomes.map((o) => o.ok)).toEqual([true, true, true, false]);
      expect(describeInstallation(outcomes)).toContain('Botten kunne ikke tilføjes: Demo Kommune › Byrådet (HTTP 404)');
    } finally {
      fake.server.close();
    }
  });

  it('waits for the playground to answer ping, and gives up when it is stopped', async () => {
    const fake = await fakePlayground(ids, 2);
    try {
      expect(await waitForPlayground(fake.url, { timeoutMs: 30_000 })).toBe(true);
      expect(fake.requests).toEqual(['GET /_debug/ping', 'GET /_debug/ping', 'GET /_debug/ping']);
      expect(await waitForPlayground(fake.url, { timeoutMs: 30_000, signal: AbortSignal.abort() })).toBe(false);
    } finally {
      fake.server.close();
    }
  });
});
