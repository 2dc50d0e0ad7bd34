// Waiting for a bot process started by a test to answer /readyz: polled, so a slow start on a loaded machine
// only takes longer; the limit catches a bot that never gets ready, and a bot that exits ends the wait at once.

import type { ChildProcess } from 'node:child_process';
import { killGroupOnExit, stopGroup } from './bot-process.js';

/** Generous: two loaded cores may run this beside the rest of the suite. */
export const READY_TIMEOUT_MS = 90_000;

/** /readyz's first 200, polled; rejects after READY_TIMEOUT_MS or when `exited` settles first. */
export async function readyz(url: string, exited: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  let gone = false;
  void exited.then(() => (gone = true));
  const until = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < until && !gone) {
    try {
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(10_000) });
      if (res.status === 200) return { status: res.status, body: await res.json() };
      await res.arrayBuffer();
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(gone ? 'the bot stopped before /readyz answered 200' : `/readyz did not answer 200 within ${READY_TIMEOUT_MS / 1000} s`);
}

/**
 * For a bot a test spawned itself (detached, stderr piped): killed with the test run if it is left behind,
 * /readyz's first answer awaited (a failure carries what the bot wrote to stderr), then stopped with SIGTERM.
 */
export async function readyThenStop(child: ChildProcess, url: string): Promise<{ status: number; body: unknown }> {
  killGroupOnExit(child);
  const stderr: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (c: string) => stderr.push(c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    return await readyz(url, exited).catch((e: Error) => {
      throw new Error(`${e.message}\n${stderr.join('')}`);
    });
  } finally {
    // SIGTERM: the bot stops cleanly (and whatever it writes as it exits is written).
    await stopGroup(child, exited, 30_000);
  }
}
