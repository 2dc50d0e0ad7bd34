// `npm run bench:startup [-- --runs 5 --idle 60]`: how quickly the compiled bot is ready and how much
// memory it holds, started as production starts it (`node dist/main.js`). Three kinds of start, run
// interleaved (one of each, then again) after one unmeasured warm-up each:
//   embedded  the local setup: embedded database in a fresh data folder, demo data seeded;
//   cosmos    COSMOS_ENDPOINT/COSMOS_KEY set (the production path), pointing at an embedded Cosmos
//             server this script starts in a process of its own;
//   echo      a bare teams-ai echo bot (scripts/echo-bot.js), the yardstick.
// Ready is the time from spawn to the first 200 from /readyz; RSS is VmRSS 2 s after that. The
// medians are checked against issue 11's goal (≤ 5 s, ≤ 200 MB). Then one more local start is left
// idle with an event-loop probe (25 s for every loop's first pass, then `--idle` seconds), to see
// whether anything (the local data journal, the scheduler) blocks the loop. `measureStartup()` gives the figures to `npm run bench`.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildDist, DIST_MAIN, REPO_ROOT } from './build-dist.js';
import { isRunDirectly } from './run-directly.js';
import { freePort } from '../tests/support/free-port.js';

export const STARTUP_GOALS = { readyMs: 5_000, rssMb: 200 } as const;
export type StartKind = 'embedded' | 'cosmos' | 'echo';
const KINDS: readonly StartKind[] = ['embedded', 'cosmos', 'echo'];
const LABEL: Record<StartKind, string> = {
  embedded: 'bot, embedded database + demo data',
  cosmos: 'bot, COSMOS_ENDPOINT set (production path)',
  echo: 'bare teams-ai echo bot',
};
/** RSS is read this long after ready: start-up work (the first planner pass, seeding) has settled by then. */
const RSS_SETTLE_MS = 2_000;
const READY_TIMEOUT_MS = 120_000;
/** The first idle window: every scheduler loop has run once by then (the 20-s loops first run at 20 s). */
const FIRST_PASSES_MS = 25_000;

export interface StartupFigures {
  readonly kind: StartKind;
  readonly label: string;
  /** Medians over the runs. */
  readonly readyMs: number;
  readonly rssMb: number;
  readonly readySamples: readonly number[];
  readonly rssSamples: readonly number[];
  /** Against STARTUP_GOALS; undefined for the echo bot, which is only the yardstick. */
  readonly pass?: boolean;
}

export interface EventLoopFigures {
  readonly seconds: number;
  readonly meanMs: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** CPU the bot used in the window. */
  readonly cpuMs: number;
}

export interface StartupReport {
  readonly measuredAt: string;
  readonly cores: number;
  readonly node: string;
  readonly runs: number;
  readonly starts: Record<StartKind, StartupFigures>;
  /** Issue 11's goal line: the compiled bot on the production path ready ≤ 5 s with ≤ 200 MB. */
  readonly pass: boolean;
  /** The local bot idle with the demo data: its first loop passes, then steady state (undefined when idleSeconds is 0). */
  readonly idleEventLoop?: { readonly firstPasses: EventLoopFigures; readonly steady: EventLoopFigures };
}

/** The middle value (the mean of the two middle ones for an even count); NaN for none. */
export const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
  return Math.round((kb / 1024) * 10) / 10;
}

interface Started {
  readonly child: ChildProcess;
  readonly readyMs: number;
  stop(): Promise<void>;
}

/** Spawns node on `args` with only `env` (and PATH/HOME), polls /readyz until 200; rejects when it exits first. */
async function startAndWait(args: string[], env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? tmpdir(), NODE_ENV: 'development', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
  });
  const stderr: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (c: string) => stderr.push(c));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));
  const stop = async () => {
    if (!gone) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  while (performance.now() - t0 < READY_TIMEOUT_MS) {
    if (gone) throw new Error(`${args.join(' ')} stopped before it was ready:\n${stderr.join('').slice(-2000)}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return { child, readyMs: Math.round(performance.now() - t0), stop };
    } catch {
      // not listening yet
    }
    await sleep(10);
  }
  await stop();
  throw new Error(`${args.join(' ')} was not ready within ${READY_TIMEOUT_MS / 1000} s`);
}

/** The stand-alone Cosmos server (scripts/embedded-cosmos-server.ts), its CA in a file for NODE_EXTRA_CA_CERTS. */
async function startCosmosServer(work: string): Promise<{ env: Record<string, string>; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts', 'embedded-cosmos-server.ts')], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const first = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout!.setEncoding('utf8').on('data', (c: string) => {
      buffered += c;
      const nl = buffered.indexOf('\n');
      if (nl >= 0) resolve(buffered.slice(0, nl));
    });
    void exited.then(() => reject(new Error('the embedded Cosmos server stopped before it listened')));
  });
  const info = JSON.parse(first) as { endpoint: string; key: string; ca: string };
  const caFile = path.join(work, 'cosmos-ca.pem');
  await writeFile(caFile, info.ca);
  return {
    env: { COSMOS_ENDPOINT: info.endpoint, COSMOS_KEY: info.key, COSMOS_DATABASE: 'startup-bench', NODE_EXTRA_CA_CERTS: caFile },
    stop: async () => {
      child.stdin!.end();
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Starts, waits for ready, reads RSS after it settled, stops. */
async function measureOne(kind: StartKind, work: string, cosmosEnv: Record<string, string>, run: string): Promise<{ readyMs: number; rssMb: number }> {
  const bot = ['--disable-warning=DEP0111', DIST_MAIN];
  const started =
    kind === 'echo'
      ? await startAndWait(['--disable-warning=DEP0111', path.join(REPO_ROOT, 'scripts', 'echo-bot.js')], {})
      : kind === 'cosmos'
        ? await startAndWait(bot, cosmosEnv)
        : await startAndWait(bot, { DATA_DIR: path.join(work, `data-${run}`), DEMO_DATA: 'true' });
  try {
    await sleep(RSS_SETTLE_MS);
    return { readyMs: started.readyMs, rssMb: await rssMb(started.child.pid!) };
  } finally {
    await started.stop();
  }
}

/**
 * The local bot with demo data left idle, with the event-loop probe loaded, in two windows: the first
 * 25 s after ready (every loop's first pass: the embedded server compiles each query text once, and
 * the 20-s loops first run at 20 s), then `seconds` more of steady state.
 */
async function measureIdleEventLoop(work: string, seconds: number): Promise<{ firstPasses: EventLoopFigures; steady: EventLoopFigures }> {
  const out = path.join(work, 'event-loop.ndjson');
  const started = await startAndWait(['--disable-warning=DEP0111', '--import', path.join(REPO_ROOT, 'scripts', 'event-loop-probe.js'), DIST_MAIN], {
    DATA_DIR: path.join(work, 'data-idle'),
    DEMO_DATA: 'true',
    EVENT_LOOP_PROBE_OUT: out,
  });
  try {
    started.child.kill('SIGUSR2');
    await sleep(FIRST_PASSES_MS);
    started.child.kill('SIGUSR2');
    await sleep(seconds * 1000);
    started.child.kill('SIGUSR2');
    for (let i = 0; i < 100; i++) {
      const lines = (await readFile(out, 'utf8').catch(() => '')).trim().split('\n').filter(Boolean);
      if (lines.length >= 2) {
        const [firstPasses, steady] = lines.map((l) => JSON.parse(l) as EventLoopFigures);
        return { firstPasses: firstPasses!, steady: steady! };
      }
      await sleep(50);
    }
    throw new Error('the event-loop probe wrote no figures');
  } finally {
    await started.stop();
  }
}

/** Builds dist/ if needed, then measures every kind of start `runs` times (interleaved) and medians them. */
export async function measureStartup(opts: { runs?: number; idleSeconds?: number; log?: (line: string) => void } = {}): Promise<StartupReport> {
  const runs = opts.runs ?? 5;
  const log = opts.log ?? (() => undefined);
  const built = buildDist();
  if (!built.ok) throw new Error(`npm run build failed:\n${built.output}`);
  const work = await mkdtemp(path.join(tmpdir(), 'kerneopgave-startup-'));
  const cosmos = await startCosmosServer(work);
  try {
    const samples = Object.fromEntries(KINDS.map((k) => [k, { ready: [] as number[], rss: [] as number[] }])) as Record<StartKind, { ready: number[]; rss: number[] }>;
    // Warm-up: the file cache, and the Cosmos database and containers the first production start creates.
    for (const kind of KINDS) await measureOne(kind, work, cosmos.env, `warmup-${kind}`);
    for (let i = 0; i < runs; i++) {
      for (const kind of KINDS) {
        const m = await measureOne(kind, work, cosmos.env, `${kind}-${i}`);
        samples[kind].ready.push(m.readyMs);
        samples[kind].rss.push(m.rssMb);
        log(`  run ${i + 1}/${runs} ${kind}: ready ${m.readyMs} ms, ${m.rssMb} MB`);
      }
    }
    const figures = (kind: StartKind): StartupFigures => {
      const readyMs = median(samples[kind].ready);
      const rss = median(samples[kind].rss);
      const base = { kind, label: LABEL[kind], readyMs, rssMb: rss, readySamples: samples[kind].ready, rssSamples: samples[kind].rss };
      return kind === 'echo' ? base : { ...base, pass: readyMs <= STARTUP_GOALS.readyMs && rss <= STARTUP_GOALS.rssMb };
    };
    const starts: Record<StartKind, StartupFigures> = { embedded: figures('embedded'), cosmos: figures('cosmos'), echo: figures('echo') };
    const idleSeconds = opts.idleSeconds ?? 60;
    const idleEventLoop = idleSeconds > 0 ? await measureIdleEventLoop(work, idleSeconds) : undefined;
    return {
      measuredAt: new Date().toISOString(),
      cores: cpus().length,
      node: process.version,
      runs,
      starts,
      pass: starts.cosmos.pass === true,
      ...(idleEventLoop ? { idleEventLoop } : {}),
    };
  } finally {
    await cosmos.stop();
    await rm(work, { recursive: true, force: true });
  }
}

/** The report as the lines the command prints. */
export function formatStartup(r: StartupReport): string[] {
  const row = (f: StartupFigures) =>
    `| ${f.label} | ${(f.readyMs / 1000).toFixed(2)} s | ${f.rssMb.toFixed(0)} MB | ${f.pass === undefined ? '(yardstick)' : f.pass ? 'pass' : 'FAIL'} |`;
  const lines = [
    `Start-up of the compiled build (node dist/main.js), median of ${r.runs} runs, ${r.measuredAt.slice(0, 10)}, ${r.cores} cores, Node ${r.node}`,
    '',
    `| start | spawn → /readyz 200 | RSS 2 s after ready | goal ≤ ${STARTUP_GOALS.readyMs / 1000} s, ≤ ${STARTUP_GOALS.rssMb} MB |`,
    '|---|---|---|---|',
    ...KINDS.map((k) => row(r.starts[k])),
    '',
    `Goal (issue 11): compiled bot on the production path ready ≤ ${STARTUP_GOALS.readyMs / 1000} s with ≤ ${STARTUP_GOALS.rssMb} MB: ` +
      `${(r.starts.cosmos.readyMs / 1000).toFixed(2)} s, ${r.starts.cosmos.rssMb.toFixed(0)} MB: ${r.pass ? 'PASS' : 'FAIL'}`,
  ];
  if (r.idleEventLoop) {
    const window = (e: EventLoopFigures) => `${e.seconds} s: delay mean ${e.meanMs} ms, p99 ${e.p99Ms} ms, max ${e.maxMs} ms; ${e.cpuMs} ms CPU`;
    lines.push(
      '',
      'Event loop of the local bot (embedded database, demo data) left idle:',
      `  first ${window(r.idleEventLoop.firstPasses)} (every loop's first pass)`,
      `  then  ${window(r.idleEventLoop.steady)}`,
    );
  }
  return lines;
}

if (isRunDirectly(import.meta.url)) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, idle: { type: 'string', default: '60' } } });
  const report = await measureStartup({ runs: Number(values.runs), idleSeconds: Number(values.idle), log: (l) => console.log(l) });
  console.log('');
  for (const line of formatStartup(report)) console.log(line);
  process.exitCode = report.pass ? 0 : 1;
}
