// Crash trials on the local database: a writer process (crash-writer.ts) opens a data folder as the
// bot does and writes; it is killed with SIGKILL after a random delay from a seeded generator (the
// seed is printed, so a failing run can be repeated); then the folder is read as the next start reads
// it, and every write the killed process had been told was stored must be there. Each trial's writer
// continues the counter from what was stored, so a lost counter write would hand a number out twice.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { setPriority, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLocalData } from '../../src/adapters/cosmos/cosmos-snapshot.js';

const WRITER = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CrashFigures {
  readonly seed: number;
  readonly trials: number;
  readonly acknowledged: number;
  readonly lost: string[];
  /** Counter values acknowledged to two writers. */
  readonly duplicateNumbers: number[];
  readonly dataDir: string;
}

/** mulberry32: small, seeded, good enough to spread kill moments. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Writer {
  readonly acks: string[] = [];
  readonly warm: Promise<void>;
  readonly ready: Promise<void>;
  readonly exited: Promise<void>;
  private readonly errors: string[] = [];

  constructor(readonly child: ChildProcess) {
    let buffered = '';
    let onWarm = () => {};
    let onReady = () => {};
    this.warm = new Promise((resolve) => (onWarm = resolve));
    this.ready = new Promise((resolve) => (onReady = resolve));
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'warm') onWarm();
        else if (line === 'ready') onReady();
        else if (line.startsWith('ack ')) this.acks.push(line.slice(4));
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => this.errors.push(chunk));
    this.exited = new Promise((resolve) => child.on('exit', () => resolve()));
    const failed = this.exited.then(() => {
      throw new Error(`the crash writer stopped by itself: ${this.errors.join('')}`);
    });
    failed.catch(() => undefined);
    this.warm = Promise.race([this.warm, failed]);
    this.warm.catch(() => undefined); // the last writer is killed unused
  }

  static start(dataDir: string): Writer {
    const child = spawn(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', WRITER], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', DATA_DIR: dataDir },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // Lower priority: the trials assert no timing, and the rest of the suite shares the cores.
    try {
      setPriority(child.pid!, 10);
    } catch {
      // not allowed here: run at normal priority
    }
    return new Writer(child);
  }

  go(): void {
    this.child.stdin!.write('go\n');
  }

  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }
}

/**
 * Runs `trials` kill -9 trials on one fresh data folder. The next writer is started (and loads its
 * modules) while the current one runs, so a trial costs little more than its random delay.
 */
export async function runCrashTrials(opts: { trials: number; seed?: number; maxDelayMs?: number; log?: (line: string) => void }): Promise<CrashFigures> {
  const seed = opts.seed ?? Date.now() % 2 ** 31;
  const random = seeded(seed);
  const log = opts.log ?? (() => {});
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kerneopgave-crash-'));
  log(`crash trials: seed ${seed}, data folder ${dataDir}`);
  const items = new Set<string>();
  const numbers = new Map<number, number>();
  const lost: string[] = [];
  let acknowledged = 0;
  let next = Writer.start(dataDir);
  for (let trial = 1; trial <= opts.trials; trial++) {
    const writer = next;
    await writer.warm;
    // One trial in four is killed while it starts (replaying, compacting, loading), the others while writing.
    const duringStart = random() < 0.25;
    const delay = Math.round(random() * (opts.maxDelayMs ?? 400));
    writer.go();
    next = Writer.start(dataDir);
    if (!duringStart) await Promise.race([writer.ready, writer.exited]);
    await new Promise((resolve) => setTimeout(resolve, delay));
    await writer.kill();
    for (const ack of writer.acks) {
      const [kind, value] = ack.split(' ') as [string, string];
      if (kind === 'item') items.add(value);
      else numbers.set(Number(value), (numbers.get(Number(value)) ?? 0) + 1);
    }
    acknowledged += writer.acks.length;
    // What the next start will load.
    const { state } = await readLocalData(path.join(dataDir, 'cosmos-data.json'), path.join(dataDir, 'journal.ndjson'), () => '/pk');
    const stored = state.get('tenders') ?? new Map();
    const storedIds = new Set([...stored.values()].map((d) => String(d.id)));
    const counter = [...stored.values()].find((d) => d.id === 'counter');
    for (const id of items) if (!storedIds.has(id)) lost.push(`trial ${trial}: item ${id}`);
    const highest = Math.max(0, ...numbers.keys());
    if (Number(counter?.next ?? 0) < highest) lost.push(`trial ${trial}: counter ${highest} acknowledged, ${String(counter?.next)} stored`);
    log(`trial ${trial}: killed ${delay} ms after ${duringStart ? 'the start' : 'it was ready'}, ${writer.acks.length} writes acknowledged, ${lost.length} lost so far`);
  }
  await next.kill();
  const duplicateNumbers = [...numbers].filter(([, n]) => n > 1).map(([v]) => v);
  return { seed, trials: opts.trials, acknowledged, lost, duplicateNumbers, dataDir };
}

export function describeFigures(f: CrashFigures): string {
  return `${f.trials} kill -9 trials (seed ${f.seed}): ${f.acknowledged} writes acknowledged, ${f.lost.length} lost, ${f.duplicateNumbers.length} counter numbers handed out twice`;
}
