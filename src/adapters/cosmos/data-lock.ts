// The single owner of a local data folder: `owner.lock`, created exclusively (a hard link fails when
// the name exists) before anything is loaded, so of two bots started at the same moment exactly one gets it. It names the process
// (pid, host, start time, a random token); a lock whose process is gone, or whose pid now belongs to
// another process (a different start time), was left by a crash and is taken over.

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, open, readFile, rename, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';

export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  /** When the process started (Linux: /proc/<pid>/stat field 22, ticks since boot); null elsewhere. */
  readonly started: string | null;
  readonly token: string;
  readonly role: 'owner' | 'tool';
}

export interface DataLock {
  readonly owner: LockOwner;
  release(): Promise<void>;
}

export type LockResult = { readonly ok: true; readonly lock: DataLock } | { readonly ok: false; readonly heldBy: LockOwner };

/** A process's start time, which a reused pid does not share. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (the command) is in parentheses and may hold spaces; field 22 is the 20th after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process that wrote the lock still runs. On another host we cannot tell, so we assume it does. */
function holderRuns(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true;
  if (!alive(owner.pid)) return false;
  const started = processStartTime(owner.pid);
  return owner.started === null || started === null || started === owner.started;
}

async function readOwner(file: string): Promise<LockOwner | undefined> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    return JSON.parse(raw) as LockOwner;
  } catch {
    // Damaged (the lock is created whole, so not by a crash of ours): nobody can be shown to hold it.
    return { pid: 0, host: hostname(), started: null, token: '', role: 'owner' };
  }
}

/** Creates the lock with its contents in one step (link fails when the name exists), so no one ever reads it half-written. */
async function tryCreate(file: string, owner: LockOwner): Promise<boolean> {
  const tmp = `${file}.${owner.token}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(JSON.stringify(owner));
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(tmp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    await rm(tmp, { force: true });
  }
}

/**
 * Removes the stale lock `seen`, and only it: the file is first renamed to a name of our own, which
 * one process at most can do, and put back if it turns out to be a newer lock taken meanwhile.
 */
async function removeStale(file: string, seen: LockOwner, token: string): Promise<void> {
  const aside = `${file}.${token}.stale`;
  try {
    await rename(file, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // another starter removed it
    throw e;
  }
  const moved = await readOwner(aside);
  if (moved && moved.token !== seen.token) {
    await link(aside, file).catch(() => undefined);
  }
  await rm(aside, { force: true });
}

/** Takes the folder's lock, or says who holds it. */
export async function takeDataLock(dataDir: string, role: 'owner' | 'tool'): Promise<LockResult> {
  const file = path.join(dataDir, 'owner.lock');
  const owner: LockOwner = { pid: process.pid, host: hostname(), started: processStartTime(process.pid), token: randomUUID(), role };
  const lock: DataLock = {
    owner,
    release: async () => {
      const current = await readOwner(file);
      if (current?.token === owner.token) await rm(file, { force: true });
    },
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await tryCreate(file, owner)) return { ok: true, lock };
    const holder = await readOwner(file);
    if (holder === undefined) continue; // released in between
    if (holderRuns(holder)) return { ok: false, heldBy: holder };
    await removeStale(file, holder, owner.token);
  }
  const holder = await readOwner(file);
  return holder ? { ok: false, heldBy: holder } : { ok: false, heldBy: owner };
}

/** The lock's current holder when it runs, for a tool that wants the running bot's server. */
export async function runningHolder(dataDir: string): Promise<LockOwner | undefined> {
  const holder = await readOwner(path.join(dataDir, 'owner.lock'));
  return holder && holderRuns(holder) ? holder : undefined;
}
