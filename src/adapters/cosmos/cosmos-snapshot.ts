// Local data that survives a restart: the embedded server keeps everything in memory, so the bot
// saves every item to a JSON file in the data folder and loads it at the next start.

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Container } from '@azure/cosmos';
import type { Logger } from '../../logger.js';

const SYSTEM_FIELDS = ['_rid', '_self', '_etag', '_attachments', '_ts'];

interface SnapshotFile {
  readonly version: 1;
  readonly savedAt: string;
  readonly containers: Record<string, Record<string, unknown>[]>;
}

async function readAll(container: Container): Promise<Record<string, unknown>[]> {
  const { resources } = await container.items.query<Record<string, unknown>>('SELECT * FROM c').fetchAll();
  return resources
    .map((item) => Object.fromEntries(Object.entries(item).filter(([k]) => !SYSTEM_FIELDS.includes(k))))
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

export async function loadSnapshot(file: string, containers: Record<string, Container>): Promise<number> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw e;
  }
  const snapshot = JSON.parse(raw) as SnapshotFile;
  let count = 0;
  for (const [id, items] of Object.entries(snapshot.containers)) {
    const container = containers[id];
    if (!container) continue; // a container this version no longer has
    for (const item of items) {
      await container.items.upsert(item);
      count++;
    }
  }
  return count;
}

/** Saves the containers to `file` every `intervalMs` when something changed, and once more on flush. */
export function keepSnapshot(file: string, containers: Record<string, Container>, log: Logger, intervalMs = 5000) {
  let last = '';
  let running: Promise<void> = Promise.resolve();
  const save = async () => {
    const contents: Record<string, Record<string, unknown>[]> = {};
    for (const [id, container] of Object.entries(containers)) contents[id] = await readAll(container);
    const body = JSON.stringify(contents);
    if (body === last) return;
    const snapshot: SnapshotFile = { version: 1, savedAt: new Date().toISOString(), containers: contents };
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(snapshot, null, 1));
    await rename(tmp, file); // atomic: a crash mid-write leaves the previous snapshot whole
    last = body;
  };
  const tick = () => {
    running = running.then(save).catch((err: unknown) => log.error({ err }, 'local data snapshot failed'));
    return running;
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return {
    flush: () => tick(),
    stop: async () => {
      clearInterval(timer);
      await tick();
    },
  };
}
