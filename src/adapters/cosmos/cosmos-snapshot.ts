// Local data on disk: the last compacted snapshot (`cosmos-data.json`, the format earlier versions
// saved every 5 s, so their data still loads) plus the journal of every write acknowledged since
// (`journal.ndjson`, see cosmos-journal.ts). At start and at a clean stop the journal is folded into a
// new snapshot, written atomically, and the journal is emptied.

import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Container } from '@azure/cosmos';

const SYSTEM_FIELDS = ['_rid', '_self', '_etag', '_attachments', '_ts'];

export type Item = Record<string, unknown>;

interface SnapshotFile {
  readonly version: 1;
  readonly savedAt: string;
  readonly containers: Record<string, Item[]>;
}

/** One line of the journal: a document as the server stored it, or the removal of one. */
export type JournalRecord =
  | { readonly c: string; readonly doc: Item }
  | { readonly c: string; readonly del: string; readonly pk: unknown };

export function withoutSystemFields(item: Item): Item {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !SYSTEM_FIELDS.includes(k)));
}

/** The value at a partition key path such as `/pk`; null when the document has none. */
function valueAt(item: Item, keyPath: string): unknown {
  let v: unknown = item;
  for (const part of keyPath.split('/').filter(Boolean)) v = v && typeof v === 'object' ? (v as Item)[part] : undefined;
  return v ?? null;
}

/** Documents are identified by partition key and id together, as Cosmos does. */
const keyOf = (pk: unknown, id: unknown) => JSON.stringify([pk ?? null, String(id)]);

/** Every container's documents, by key. */
export type DataState = Map<string, Map<string, Item>>;

async function readIfThere(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * The snapshot with the journal replayed over it. A crash while a line was being appended leaves a
 * torn last line: that write was never acknowledged (its fsync had not returned), so it is skipped.
 * A damaged line before the last is not a crash's doing, and loading stops with an error rather than
 * start on data that silently lacks acknowledged writes.
 */
export async function readLocalData(snapshotFile: string, journalFile: string, partitionKeyPath: (containerId: string) => string): Promise<{ state: DataState; replayed: number }> {
  const state: DataState = new Map();
  const containerOf = (id: string) => {
    let c = state.get(id);
    if (!c) state.set(id, (c = new Map()));
    return c;
  };
  const raw = await readIfThere(snapshotFile);
  if (raw !== undefined) {
    const snapshot = JSON.parse(raw) as SnapshotFile;
    for (const [id, items] of Object.entries(snapshot.containers)) {
      const c = containerOf(id);
      for (const item of items) c.set(keyOf(valueAt(item, partitionKeyPath(id)), item.id), withoutSystemFields(item));
    }
  }
  const journal = (await readIfThere(journalFile)) ?? '';
  const lines = journal.split('\n');
  let replayed = 0;
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let record: JournalRecord;
    try {
      record = JSON.parse(line) as JournalRecord;
    } catch {
      if (i === lines.length - 1) break; // torn by a crash mid-append: never acknowledged
      throw new Error(`${journalFile}: line ${i + 1} is damaged; the local data was not loaded. Move the file away to start without the writes it holds.`);
    }
    const c = containerOf(record.c);
    if ('del' in record) {
      c.delete(keyOf(record.pk, record.del));
    } else {
      c.set(keyOf(valueAt(record.doc, partitionKeyPath(record.c)), record.doc.id), record.doc);
    }
    replayed++;
  }
  return { state, replayed };
}

async function fsyncPath(p: string, flags = 'r'): Promise<void> {
  const handle = await open(p, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes the state as the new snapshot and then empties the journal. The snapshot is written to a
 * temporary file, fsync'd and renamed over the old one, and the folder fsync'd, so a crash at any
 * point leaves either the old snapshot with the whole journal or the new one; replaying the journal
 * over the new snapshot again changes nothing (each record sets a document whole).
 */
export async function compact(state: DataState, snapshotFile: string, journalFile: string): Promise<void> {
  const containers: Record<string, Item[]> = {};
  for (const [id, items] of state) containers[id] = [...items.values()].sort((a, b) => String(a.id).localeCompare(String(b.id)));
  const snapshot: SnapshotFile = { version: 1, savedAt: new Date().toISOString(), containers };
  const dir = path.dirname(snapshotFile);
  const tmp = `${snapshotFile}.${process.pid}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(JSON.stringify(snapshot, null, 1));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, snapshotFile);
  await fsyncPath(dir);
  await rm(journalFile, { force: true });
  await fsyncPath(dir);
}

/** Puts the state into the (empty) embedded server's containers. */
export async function loadInto(state: DataState, containers: Record<string, Container>): Promise<number> {
  let count = 0;
  for (const [id, items] of state) {
    const container = containers[id];
    if (!container) continue; // a container this version no longer has
    // In the snapshot's order (by id), one by one as before, so lists read back in the same order.
    for (const item of [...items.values()].sort((a, b) => String(a.id).localeCompare(String(b.id)))) {
      await container.items.upsert(item);
      count++;
    }
  }
  return count;
}
