// The write-ahead journal of the local database: every document write the embedded server answers
// with success is appended to `journal.ndjson` and fsync'd BEFORE the answer leaves, so whatever a
// client (the bot, or a tool like the roster import) was told is stored survives a kill -9 or a power
// cut. It sits on the server side, so every client is covered without knowing it exists.

import { open, type FileHandle } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'node:https';
import { withoutSystemFields, type Item, type JournalRecord } from './cosmos-snapshot.js';

interface Waiter {
  readonly text: string;
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
}

/**
 * Appends records with group commit: records that arrive while an fsync runs are written and
 * fsync'd together in the next one, so 50 concurrent writes cost two fsyncs, not 50 in a row.
 * After a failed write or fsync the journal refuses every later write (the disk is full or broken,
 * and a torn line in the middle would hide what follows it); a restart replays what was fsync'd.
 */
export class Journal {
  private queue: Waiter[] = [];
  private inFlight: Promise<void> | undefined;
  private broken: unknown;

  private constructor(private readonly handle: FileHandle) {}

  static async open(file: string): Promise<Journal> {
    return new Journal(await open(file, 'a'));
  }

  /** Resolves once the records are on disk. */
  append(records: readonly JournalRecord[]): Promise<void> {
    const text = records.map((r) => `${JSON.stringify(r)}\n`).join('');
    return new Promise<void>((resolve, reject) => {
      if (this.broken !== undefined) return reject(this.broken);
      this.queue.push({ text, resolve, reject });
      this.inFlight ??= this.drain();
    });
  }

  /** Resolves once everything appended so far is on disk (nothing to wait for when idle). */
  settled(): Promise<void> {
    if (this.queue.length > 0) return this.append([]);
    return this.inFlight?.catch(() => undefined) ?? Promise.resolve();
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0);
      const text = batch.map((w) => w.text).join('');
      try {
        if (this.broken !== undefined) throw this.broken;
        if (text) {
          await this.handle.write(text);
          await this.handle.datasync();
        }
        for (const w of batch) w.resolve();
      } catch (err) {
        this.broken ??= err;
        for (const w of batch) w.reject(err);
      }
    }
    this.inFlight = undefined;
  }

  async close(): Promise<void> {
    await this.settled();
    await this.handle.close();
  }
}

const DOC_PATH = /^\/+dbs\/[^/]+\/colls\/([^/]+)\/docs(?:\/([^/]+))?\/*$/;
const truthy = (v: string | string[] | undefined) => String(Array.isArray(v) ? v[0] : v).toLowerCase() === 'true';

/** The partition key value of a request's `x-ms-documentdb-partitionkey` header (`["tenant"]`). */
function partitionKeyOf(req: IncomingMessage): unknown {
  const header = req.headers['x-ms-documentdb-partitionkey'];
  if (typeof header !== 'string') return null;
  try {
    const parsed = JSON.parse(header) as unknown;
    const value = Array.isArray(parsed) ? (parsed[0] as unknown) : parsed;
    return value && typeof value === 'object' ? null : (value ?? null); // `[{}]`: no partition key
  } catch {
    return null;
  }
}

interface BatchOperation {
  readonly operationType?: string;
  readonly id?: string;
  readonly partitionKey?: string;
}

interface BatchResult {
  readonly statusCode: number;
  readonly resourceBody?: Item;
}

/** The journal records of a successful answer, or undefined when the request wrote no document. */
function recordsOf(req: IncomingMessage, statusCode: number, body: string | undefined, requestBody: string | undefined): JournalRecord[] | undefined {
  const match = DOC_PATH.exec((req.url ?? '').split('?')[0] ?? '');
  if (!match || statusCode < 200 || statusCode > 299) return undefined;
  const c = decodeURIComponent(match[1]!);
  const docId = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
  const method = req.method ?? 'GET';
  if (docId !== undefined) {
    if (method === 'DELETE') return [{ c, del: docId, pk: partitionKeyOf(req) }];
    if (method !== 'PUT' && method !== 'PATCH') return undefined;
  } else if (method !== 'POST' || truthy(req.headers['x-ms-documentdb-isquery']) || req.headers['content-type'] === 'application/query+json') {
    return undefined;
  }
  if (!body) return undefined;
  if (docId === undefined && truthy(req.headers['x-ms-cosmos-is-batch-request'])) {
    // Bulk/batch: one result per operation, in the order of the request's operations.
    const ops = JSON.parse(requestBody ?? '[]') as BatchOperation[];
    const results = JSON.parse(body) as BatchResult[];
    const records: JournalRecord[] = [];
    results.forEach((r, i) => {
      const op = ops[i];
      if (r.statusCode < 200 || r.statusCode > 299 || !op) return;
      if (op.operationType === 'Delete' && op.id !== undefined) {
        let pk: unknown = null;
        try {
          const parsed = JSON.parse(op.partitionKey ?? 'null') as unknown;
          pk = Array.isArray(parsed) ? (parsed[0] as unknown) : parsed;
        } catch {
          // no usable partition key
        }
        records.push({ c, del: op.id, pk: pk ?? null });
      } else if (op.operationType !== 'Read' && r.resourceBody) {
        records.push({ c, doc: withoutSystemFields(r.resourceBody) });
      }
    });
    return records;
  }
  return [{ c, doc: withoutSystemFields(JSON.parse(body) as Item) }];
}

/**
 * Makes the embedded server journal every successful document write before answering it. The
 * server has already changed its memory when it answers, so every other answer also waits until
 * the journal has caught up: nobody reads (and acts on) a write that a crash could still take back.
 */
export function journalWrites(server: Server, journal: Journal, onError: (err: unknown) => void): void {
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    let requestBody: string | undefined;
    if (truthy(req.headers['x-ms-cosmos-is-batch-request'])) {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => (requestBody = Buffer.concat(chunks).toString('utf8')));
    }
    const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse;
    res.end = ((chunk?: unknown) => {
      let durable: Promise<void>;
      try {
        const records = recordsOf(req, res.statusCode, typeof chunk === 'string' ? chunk : undefined, requestBody);
        durable = records ? journal.append(records) : journal.settled();
      } catch (err) {
        durable = Promise.reject(err); // a write we cannot journal is not acknowledged
      }
      durable.then(
        () => end(chunk),
        (err: unknown) => {
          onError(err);
          res.statusCode = 500;
          end(JSON.stringify({ code: 'InternalServerError', message: 'The local journal could not be written.' }));
        },
      );
      return res;
    }) as typeof res.end;
  });
}
