// The local Cosmos DB: @vercel/cosmosdb-server started in this process over HTTPS with a certificate
// made at start (the package's own expired in 2021), reached through @azure/cosmos like Azure is.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { AsyncLocalStorage } from 'node:async_hooks';
import https from 'node:https';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { createHttpsServer } from '@vercel/cosmosdb-server';
import selfsigned from 'selfsigned';

export interface EmbeddedCosmos {
  readonly endpoint: string;
  /** Any base64 string is accepted as the key; @azure/cosmos still signs requests with it. */
  readonly key: string;
  readonly ca: string;
  /** The HTTPS server itself, so the journal can see every answer before it leaves. */
  readonly server: https.Server;
  stop(): Promise<void>;
}

export const EMBEDDED_KEY = Buffer.from('kerneopgave-bot-local-key').toString('base64');

let cachedCert: Promise<{ cert: string; key: string }> | undefined;

/** One certificate per process is enough: tests start many servers, and a 2048-bit key takes ~0.2 s. */
function certificate(): Promise<{ cert: string; key: string }> {
  cachedCert ??= selfsigned
    .generate([{ name: 'commonName', value: 'localhost' }], {
      notAfterDate: new Date(Date.now() + 3650 * 24 * 3600 * 1000),
      keySize: 2048,
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
    })
    .then((pems) => ({ cert: pems.cert, key: pems.private }));
  return cachedCert;
}

/**
 * The embedded server's query engine (@zeit/cosmosdb-query 0.7.2, lib/helpers.js) cleans every page of
 * results with `stripUndefined`, which copies the array once per row (`[...o, v]`): quadratic, so one
 * page of 50,000 person ids takes minutes and blocks the process. The same cleaning in linear time,
 * with the same result (undefined left out of arrays and objects, as JSON does). Local server only.
 */
function makeQueryResultCleaningLinear(): void {
  const serverRequire = createRequire(createRequire(import.meta.url).resolve('@vercel/cosmosdb-server'));
  const helpers = serverRequire('@zeit/cosmosdb-query/lib/helpers') as { stripUndefined: (value: unknown) => unknown };
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (const v of value) if (v !== undefined) out.push(strip(v));
      return out;
    }
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = strip(v);
      return out;
    }
    return value;
  };
  helpers.stripUndefined = strip;
}
makeQueryResultCleaningLinear();

/**
 * The query engine compiles each SQL text to JavaScript that starts by wrapping every item of the
 * container with `$c.reduce(($, c) => … [...$, { c }] …, [])`, copying the array once per item:
 * quadratic, 1.5 s for 20,000 items, 81 s for the tender sweep's scan of 86,400 in the scale data.
 * The same wrapping in linear time, with the same result (undefined items left out). Only that exact
 * shape is rewritten; any other generated code is left as it is. Local server only.
 */
function makeQueryItemWrappingLinear(): void {
  const serverRequire = createRequire(createRequire(import.meta.url).resolve('@vercel/cosmosdb-server'));
  const engine = serverRequire('@zeit/cosmosdb-query') as { default: (sql: string) => object };
  const proto = Object.getPrototypeOf(engine.default('SELECT * FROM c')) as object;
  const getter = Object.getOwnPropertyDescriptor(proto, 'code')?.get;
  if (!getter) return;
  const quadratic = /\$c\.reduce\(\(\$, (\w+)\) => typeof \1 !== "undefined" \? \[\.\.\.\$, \{\s*\1: \1\s*\}\] : \$, \[\]\)/g;
  Object.defineProperty(proto, 'code', {
    configurable: true,
    get(this: object) {
      const code = getter.call(this) as string | null;
      return code && code.replace(quadratic, (_m, alias: string) => `$c.filter((${alias}) => typeof ${alias} !== "undefined").map((${alias}) => ({ ${alias}: ${alias} }))`);
    },
  });
}
makeQueryItemWrappingLinear();

/** The partition a query asked for (its `x-ms-documentdb-partitionkey` header, as JSON of the value), while the server answers it. */
const queriedPartition = new AsyncLocalStorage<string>();

interface ServerItems {
  _data: Map<string, { read(): Record<string, unknown> }>;
  _getPartition(data: Record<string, unknown>): unknown;
  _item(keyPath: string, value: string, partition: unknown): { read(): Record<string, unknown> | undefined };
  _set(data: Record<string, unknown>): unknown;
  delete(idOrRid: string, partition: unknown): unknown;
  query(params: unknown, options: unknown): unknown;
}

/**
 * The embedded server runs every query over every item of the container (@vercel/cosmosdb-server
 * 1.0.1, lib/account/items.js), so with many tenants each tenant's query slows with all the others'
 * data; Azure routes a query with a partition key to that partition only. This keeps, per container,
 * the items of each partition (built at the first such query, kept up to date by every write and
 * delete) and runs a query that names its partition over that partition's items alone: the same
 * answer (our queries also filter on `c.pk`), without scanning the other tenants. Local server only.
 */
function scopeQueriesToTheirPartition(): void {
  const serverRequire = createRequire(createRequire(import.meta.url).resolve('@vercel/cosmosdb-server'));
  const proto = (serverRequire('./account/items') as { default: { prototype: ServerItems } }).default.prototype;
  const indexes = new WeakMap<ServerItems, Map<string, Map<string, { read(): Record<string, unknown> }>>>();
  const keyOf = (items: ServerItems, data: Record<string, unknown>) => JSON.stringify(items._getPartition(data) ?? null);
  const indexOf = (items: ServerItems) => {
    let index = indexes.get(items);
    if (!index) {
      index = new Map();
      for (const [rid, item] of items._data) {
        const key = keyOf(items, item.read());
        if (!index.has(key)) index.set(key, new Map());
        index.get(key)!.set(rid, item);
      }
      indexes.set(items, index);
    }
    return index;
  };
  const { _set: set, delete: remove, query } = proto;
  proto._set = function (this: ServerItems, data: Record<string, unknown>) {
    const result = set.call(this, data);
    const index = indexes.get(this);
    if (index) {
      const key = keyOf(this, data);
      if (!index.has(key)) index.set(key, new Map());
      index.get(key)!.set(String(data._rid), this._data.get(String(data._rid))!);
    }
    return result;
  };
  proto.delete = function (this: ServerItems, idOrRid: string, partition: unknown) {
    const data = this._item('/id', idOrRid, partition).read();
    const result = remove.call(this, idOrRid, partition);
    if (data) indexes.get(this)?.get(keyOf(this, data))?.delete(String(data._rid));
    return result;
  };
  proto.query = function (this: ServerItems, params: unknown, options: unknown) {
    const partition = queriedPartition.getStore();
    if (partition === undefined) return query.call(this, params, options);
    const all = this._data;
    this._data = indexOf(this).get(partition) ?? new Map();
    try {
      return query.call(this, params, options);
    } finally {
      this._data = all;
    }
  };
}
scopeQueriesToTheirPartition();

/** The partition a query request names, as the index keys it (JSON of the value); undefined for a cross-partition query. */
function partitionOf(req: IncomingMessage): string | undefined {
  const header = req.headers['x-ms-documentdb-partitionkey'];
  if (req.method !== 'POST' || typeof header !== 'string') return undefined;
  try {
    const values = JSON.parse(header) as unknown;
    return Array.isArray(values) && values.length === 1 ? JSON.stringify(values[0]) : undefined;
  } catch {
    return undefined;
  }
}

export async function startEmbeddedCosmos(port = 0): Promise<EmbeddedCosmos> {
  const { cert, key } = await certificate();
  // keepAlive makes @azure/cosmos reuse connections; without it the server is several times slower.
  const server = createHttpsServer({ cert, key, keepAlive: true });
  // Node closes a keep-alive connection idle for 5 s by default, and @azure/cosmos's agent keeps idle
  // connections without a limit: a request sent on one just as the server closes it fails with
  // ECONNRESET (seen in \`npm run seed:scale\` while long queries kept other connections idle). Our
  // only clients are this process and the tools, so idle connections stay open until they close them.
  server.keepAliveTimeout = 0;
  answerQueryPlansWithoutRunningTheQuery(server);
  answerUnchangedReadsWith304(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actualPort } = server.address() as AddressInfo;
  return {
    endpoint: `https://127.0.0.1:${actualPort}`,
    key: EMBEDDED_KEY,
    ca: cert,
    server,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A query plan for a query that needs no client-side work (no ORDER BY across partitions, no aggregate), as Azure's gateway shapes one. */
const PLAIN_QUERY_PLAN = JSON.stringify({
  partitionedQueryExecutionInfoVersion: 2,
  queryInfo: {
    distinctType: 'None',
    top: null,
    offset: null,
    limit: null,
    orderBy: [],
    orderByExpressions: [],
    groupByExpressions: [],
    groupByAliases: [],
    aggregates: [],
    groupByAliasToAggregateType: {},
    rewrittenQuery: '',
    hasSelectValue: false,
    hasNonStreamingOrderBy: false,
  },
  queryRanges: [{ min: '', max: 'FF', isMinInclusive: true, isMaxInclusive: false }],
});

/**
 * @azure/cosmos asks for a query plan beside every query (and uses it only when the query itself is
 * refused, or with `forceQueryPlan`, which we never set). @vercel/cosmosdb-server 1.0.1 answers the plan
 * request by running the whole query unpaged, and its result cleaning (`stripUndefined` in
 * @zeit/cosmosdb-query) is quadratic in the rows: 50,000 person ids block the process for minutes.
 * Azure answers with a small plan; so does this.
 */
function answerQueryPlansWithoutRunningTheQuery(server: https.Server): void {
  const handlers = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'POST' && String(req.headers['x-ms-cosmos-is-query-plan-request'] ?? '').toLowerCase() === 'true') {
      req.resume();
      req.on('end', () => {
        res.statusCode = 200;
        res.setHeader('content-type', 'application/json');
        res.setHeader('x-ms-request-charge', '0');
        res.end(PLAIN_QUERY_PLAN);
      });
      return;
    }
    const partition = partitionOf(req);
    if (partition === undefined) for (const handle of handlers) handle.call(server, req, res);
    else queriedPartition.run(partition, () => handlers.forEach((handle) => handle.call(server, req, res)));
  });
}

/**
 * Azure answers a point read whose If-None-Match names the item's current etag with 304 and no body.
 * @vercel/cosmosdb-server 1.0.1 honours If-None-Match only on the change feed (with `A-IM`, in its
 * lib/index.js) and sends the whole item otherwise; this makes its point reads answer as Azure's do,
 * so the local bot and the tests cost what production costs.
 */
function answerUnchangedReadsWith304(server: https.Server): void {
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const wanted = req.headers['if-none-match'];
    if (req.method !== 'GET' || !wanted || req.headers['a-im'] || !/\/docs\/[^/?]+(\?|$)/.test(req.url ?? '')) return;
    const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse;
    res.end = ((chunk?: unknown) => {
      if (res.statusCode !== 200 || res.getHeader('etag') !== wanted) return end(chunk);
      res.statusCode = 304;
      res.removeHeader('content-type');
      return end();
    }) as typeof res.end;
  });
}

