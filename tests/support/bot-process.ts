// Runs the bot as `npm start` does (package.json's start script: dist/main.js, which vitest's global
// setup has built) in a child process of its own process group, on a free port, with a fresh data
// folder and only the environment given here: nothing from the developer's shell reaches it. Keeps
// its JSON log lines so a test can wait for what the bot did, and stops the whole group.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type LogLine = Record<string, unknown> & { msg?: string };

/** The start script's arguments after `node`, so the test runs the very command `npm start` runs. */
function startCommand(): string[] {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [node, ...args] = pkg.scripts.start.split(/\s+/);
  if (node !== 'node') throw new Error(`package.json's start script no longer starts with node: ${pkg.scripts.start}`);
  return args;
}

export class BotProcess {
  readonly lines: LogLine[] = [];
  /** Everything it wrote, for the test's artefacts. */
  readonly output: string[] = [];
  private waiters: { match: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];
  readonly exited: Promise<number | null>;

  private constructor(readonly child: ChildProcess) {
    let buffered = '';
    const take = (chunk: string) => {
      buffered += chunk;
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const text of parts) this.take(text);
    };
    child.stdout!.setEncoding('utf8').on('data', take);
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => this.output.push(chunk));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  private take(text: string): void {
    this.output.push(`${text}\n`);
    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      return; // not one of the logger's lines
    }
    this.lines.push(line);
    for (const w of [...this.waiters]) {
      if (w.match(line)) {
        this.waiters = this.waiters.filter((x) => x !== w);
        w.resolve(line);
      }
    }
  }

  /** The first log line, past or future, that matches; rejects after `timeoutMs` or when the bot stops. */
  waitFor(what: string, match: (l: LogLine) => boolean, timeoutMs: number): Promise<LogLine> {
    const seen = this.lines.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the bot did not log ${what} within ${timeoutMs / 1000} s`)), timeoutMs);
      void this.exited.then((code) => reject(new Error(`the bot stopped (exit ${code}) before it logged ${what}`)));
      this.waiters.push({
        match,
        resolve: (l) => {
          clearTimeout(timer);
          resolve(l);
        },
      });
    });
  }

  static async start(opts: { dataDir: string; home: string; env?: Record<string, string> }): Promise<{ bot: BotProcess; url: string }> {
    const child = spawn(process.execPath, startCommand(), {
      cwd: REPO_ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: opts.home,
        NODE_ENV: 'development',
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: opts.dataDir,
        DEMO_DATA: 'true',
        LOG_LEVEL: 'info',
        ...opts.env,
      },
    });
    killGroupOnExit(child);
    const bot = new BotProcess(child);
    const listening = await bot.waitFor('"bot listening"', (l) => l.msg === 'bot listening', 90_000);
    return { bot, url: String(listening.url) };
  }

  /** Stops the bot and anything it started (SIGTERM, then SIGKILL after `graceMs`). */
  async stop(graceMs = 10_000): Promise<void> {
    await stopGroup(this.child, this.exited, graceMs);
  }
}

/** The safety nets of killGroupOnExit, removed once a group is stopped properly. */
const exitKillers = new Map<ChildProcess, () => void>();

/** Signals a detached child's whole process group; SIGKILL when it has not exited after `graceMs`. */
export async function stopGroup(child: ChildProcess, exited: Promise<unknown>, graceMs = 10_000): Promise<void> {
  if (child.pid === undefined) return;
  const running = child.exitCode === null && child.signalCode === null;
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      // the group is gone already
    }
  };
  signal('SIGTERM');
  if (running) {
    const timer = setTimeout(() => signal('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
  // Anything left in the group (the group outlives its leader) goes too.
  signal('SIGKILL');
  const killer = exitKillers.get(child);
  if (killer) process.off('exit', killer);
  exitKillers.delete(child);
}

/**
 * A safety net for when the test runner itself is stopped before afterAll runs: a detached child's
 * group would otherwise outlive it, holding its port.
 */
export function killGroupOnExit(child: ChildProcess): void {
  if (child.pid === undefined) return;
  const kill = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // gone already
    }
  };
  exitKillers.set(child, kill);
  process.once('exit', kill);
}
