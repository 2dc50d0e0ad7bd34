// The benchmark's database, in a process of its own (started by scripts/bench.ts over IPC), so the
// CPU the bots are charged with is theirs and not the embedded Cosmos server's. It counts, at the
// server, every request and what it answered: documents returned (rows read) and response bytes.
// The embedded server answers a query-plan request with the full results, where Azure returns a
// small plan (see /work/shared/NOTES.md): those requests are counted, their bytes and rows are not.
//
// With `--data <folder>` it starts from a local data folder (the snapshot and journal `npm start`
// and `npm run seed:scale` keep), read-only: nothing the benchmark writes is saved back.

import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { connectEmbedded } from '../src/adapters/cosmos/cosmos-connection.js';
import { CONTAINERS } from '../src/adapters/cosmos/containers.js';
import { loadInto, readLocalData } from '../src/adapters/cosmos/cosmos-snapshot.js';
import { startEmbeddedCosmos } from '../src/adapters/cosmos/embedded-cosmos.js';

export interface CosmosCounters {
  readonly requests: number;
  /** Of which query-plan requests (a round trip on Azure, no RU). */
  readonly planRequests: number;
  readonly queries: number;
  readonly pointReads: number;
  readonly writes: number;
  /** Documents returned by queries and point reads. */
  readonly rows: number;
  /** Response bytes of every request but the query plans. */
  readonly bytes: number;
  /** Time the server spent on the requests, from arrival to the answer's end (ms): the database's share of a turn. */
  readonly serverMs: number;
}

export type CosmosChildMessage =
  | { readonly type: 'ready'; readonly endpoint: string; readonly key: string; readonly ca: string; readonly loaded: number }
  | { readonly type: 'counters'; readonly id: number; readonly counters: CosmosCounters };

const zero = (): { -readonly [K in keyof CosmosCounters]: number } => ({ requests: 0, planRequests: 0, queries: 0, pointReads: 0, writes: 0, rows: 0, bytes: 0, serverMs: 0 });

const { values } = parseArgs({ options: { data: { type: 'string' }, database: { type: 'string', default: 'kerneopgave' } } });
const server = await startEmbeddedCosmos();
let counters = zero();
const SLOW_MS = Number(process.env.BENCH_SLOW_MS ?? 0);

server.server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
  const flag = (name: string) => String(req.headers[name] ?? '').toLowerCase() === 'true';
  const plan = flag('x-ms-cosmos-is-query-plan-request');
  const query = !plan && req.method === 'POST' && (flag('x-ms-documentdb-isquery') || req.headers['content-type'] === 'application/query+json');
  const pointRead = req.method === 'GET' && /\/docs\/[^/]+$/.test(req.url ?? '');
  let bytes = 0;
  let body = '';
  if (SLOW_MS && query) req.on('data', (chunk: Buffer) => void (body.length < 1000 && (body += chunk.toString())));
  const arrived = performance.now();
  const write = res.write.bind(res) as (...a: unknown[]) => boolean;
  const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
  const size = (chunk: unknown) => (typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk instanceof Uint8Array ? chunk.byteLength : 0);
  res.write = ((...a: unknown[]) => {
    bytes += size(a[0]);
    return write(...a);
  }) as typeof res.write;
  res.end = ((...a: unknown[]) => {
    if (typeof a[0] !== 'function') bytes += size(a[0]);
    counters.requests++;
    const took = performance.now() - arrived;
    counters.serverMs += took;
    // BENCH_SLOW_MS=500: every slower request on stderr, to see what the database spends its time on.
    if (SLOW_MS && took >= SLOW_MS) process.stderr.write(`slow ${took.toFixed(0)} ms: ${req.method} ${req.url} ${plan ? '(plan)' : ''}${query ? ` ${String(body).slice(0, 300)}` : ''}\n`);
    if (plan) counters.planRequests++;
    else {
      counters.bytes += bytes;
      if (query) {
        counters.queries++;
        counters.rows += Number(res.getHeader('x-ms-item-count') ?? 0);
      } else if (pointRead) {
        counters.pointReads++;
        if (res.statusCode === 200) counters.rows++;
      } else if (req.method !== 'GET') counters.writes++;
    }
    return end(...a);
  }) as typeof res.end;
});

let loaded = 0;
if (values.data) {
  const dir = path.resolve(values.data);
  const pkOf = (containerId: string) => Object.values(CONTAINERS).find((c) => c.id === containerId)?.partitionKey ?? '/pk';
  const { state } = await readLocalData(path.join(dir, 'cosmos-data.json'), path.join(dir, 'journal.ndjson'), pkOf);
  const conn = await connectEmbedded(server.endpoint, server.key, server.ca, values.database);
  loaded = await loadInto(state, conn.containers);
  await conn.close();
}
counters = zero();

process.on('message', (m: { type: string; id: number }) => {
  if (m.type === 'counters') process.send!({ type: 'counters', id: m.id, counters } satisfies CosmosChildMessage);
  if (m.type === 'stop') void server.stop().then(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'ready', endpoint: server.endpoint, key: server.key, ca: server.ca, loaded } satisfies CosmosChildMessage);
