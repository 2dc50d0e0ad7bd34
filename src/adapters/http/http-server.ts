// The HTTP surface: /api/messages for Teams (authenticated by the adapter when an app id is set),
// /healthz (the process answers) and /readyz (the database answers) for App Service.

import type { Application, TeamsAdapter } from '@microsoft/teams-ai';
import restify from 'restify';
import { z } from 'zod';
import { TokenBuckets, type BucketLimits, type Feed } from './feed-cache.js';
import type { Logger } from '../../logger.js';
import { registerExportRoute, type ExportRouteDeps } from './export-route.js';
import type { Telemetry } from '../../app/ports.js';
import { activityAttributes } from '../telemetry/activity-attributes.js';
import { registerPersonDataRoute, type PersonDataRouteDeps } from './person-data-route.js';

export interface HttpDeps {
  readonly adapter: TeamsAdapter;
  readonly app: Application;
  readonly log: Logger;
  /** Resolves when the database answers; rejects otherwise. */
  readonly ready: () => Promise<void>;
  /** The council's meeting plan for a tenant as iCalendar text with its validators (cached); undefined for an unknown tenant. */
  readonly calendarFeed: (tenantId: string) => Promise<Feed | undefined>;
  /** Milliseconds, for the rate limits (the injected clock in tests). */
  readonly now?: (() => number) | undefined;
  /** /calendar.ics per client address and for everyone together. */
  readonly feedLimits?: { readonly perClient: BucketLimits; readonly global: BucketLimits } | undefined;
  /** The tenant /calendar.ics serves without ?tenant= (local use only). */
  readonly defaultTenantId?: string | undefined;
  /** GET /export/<token>: the catalogue for the temamøde behind a signed link made in Teams. */
  readonly exports?: Omit<ExportRouteDeps, 'log'> | undefined;
  /** A span per incoming activity (tenant, conversation type, verb or command; no names or texts). */
  readonly telemetry?: Telemetry | undefined;
  /** What /healthz adds to its status: event-loop lag, the scheduler loops' last runs. Kept in memory: no database call. */
  readonly health?: (() => Record<string, unknown>) | undefined;
  /** GET /persondata/<token>: one person's data as JSON, for the admin a signed link was made for in Teams. */
  readonly personData?: Omit<PersonDataRouteDeps, 'log'> | undefined;
}

const READY_TIMEOUT_MS = 3000;

/** Outlook and Exchange fetch a subscription every few hours; anything like these rates is a script. */
export const FEED_LIMITS = { perClient: { burst: 30, perSecond: 1 }, global: { burst: 200, perSecond: 50 } } as const;
/** The TTL the feed advertises (calendar-ics.ts `ttl: 300`) is how long a client and our cache keep it. */
export const FEED_MAX_AGE_S = 300;

/**
 * The caller's address: behind App Service's front end the last X-Forwarded-For entry is the one it
 * added (earlier entries are whatever the client wrote); otherwise the socket's peer.
 */
function clientAddress(req: restify.Request): string {
  const forwarded = req.headers['x-forwarded-for'];
  const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').pop()?.trim();
  if (last) {
    // App Service writes "ip:port"; IPv6 comes bracketed with a port, or bare without one.
    const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(last);
    if (bracketed) return bracketed[1]!;
    return last.split(':').length === 2 ? last.split(':')[0]! : last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/**
 * What every activity Teams sends has: a type, who sent it, the conversation and where to answer.
 * Anything else is not an activity, and is told so (400) before the adapter, which would crash on it (500).
 */
const ActivityShape = z.object({
  type: z.string().min(1).max(100),
  from: z.object({ id: z.string().min(1).max(1000) }),
  conversation: z.object({ id: z.string().min(1).max(1000) }),
  serviceUrl: z.string().min(1).max(2000),
});

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

export function createHttpServer(deps: HttpDeps): restify.Server {
  const server = restify.createServer({ name: 'kerneopgave-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 1_000_000 }));
  server.use(restify.plugins.queryParser({ mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    const started = performance.now();
    const activity = (req.body ?? {}) as { id?: string; type?: string; name?: string; conversation?: { id?: string } };
    const log = deps.log.child({ conversationId: typeof activity.conversation?.id === 'string' ? activity.conversation.id : undefined, activityId: activity.id });
    const shape = ActivityShape.safeParse(req.body);
    if (!shape.success) {
      log.warn({ issues: shape.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) }, 'malformed activity refused');
      res.send(400, { error: 'not a Bot Framework activity: type, from.id, conversation.id and serviceUrl are required' });
      return;
    }
    const handle = () =>
      deps.adapter.process(req, res, async (context) => {
        await deps.app.run(context);
      });
    if (deps.telemetry)
      await deps.telemetry.span('bot.activity', activityAttributes(req.body), async (annotate) => {
        await handle();
        annotate({ 'http.response.status_code': res.statusCode });
      });
    else await handle();
    const line = { activityType: activity.type, activityName: activity.name, status: res.statusCode, ms: Math.round(performance.now() - started) };
    if (res.statusCode === 401) log.warn(line, 'unauthenticated request refused');
    else log.info(line, 'activity handled');
  });

  // The council's plan is public (Outlook subscribes to it without a token): ?tenant=<Entra tenant id>.
  // Served from a per-tenant cache, answered 304 to a client that has it, and rate-limited.
  const now = deps.now ?? Date.now;
  const limits = deps.feedLimits ?? FEED_LIMITS;
  const perClient = new TokenBuckets(limits.perClient, now);
  const everyone = new TokenBuckets(limits.global, now);
  server.get('/calendar.ics', async (req, res) => {
    const wait = perClient.take(clientAddress(req)) || everyone.take('all');
    if (wait > 0) {
      deps.log.warn({ client: clientAddress(req), retryAfterS: wait }, 'calendar feed rate-limited');
      res.header('retry-after', String(wait));
      res.send(429, { error: `too many requests: try again in ${wait} s` });
      return;
    }
    const tenant = String((req.query as Record<string, unknown> | undefined)?.tenant ?? '') || deps.defaultTenantId;
    const feed = tenant && /^[0-9a-f-]{36}$/i.test(tenant) ? await deps.calendarFeed(tenant.toLowerCase()) : undefined;
    if (!feed) {
      res.send(404, { error: 'unknown tenant: add ?tenant=<tenant id>' });
      return;
    }
    const validators = { etag: feed.etag, 'last-modified': feed.lastModified.toUTCString(), 'cache-control': `public, max-age=${FEED_MAX_AGE_S}` };
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch && (ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === feed.etag))) {
      res.writeHead(304, validators);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8', ...validators });
    res.end(feed.body);
  });

  if (deps.exports) registerExportRoute(server, { ...deps.exports, log: deps.log.child({ area: 'export' }) });
  if (deps.personData) registerPersonDataRoute(server, { ...deps.personData, log: deps.log.child({ area: 'persondata' }) });

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok', ...deps.health?.() });
    next();
  });

  server.get('/readyz', async (_req, res) => {
    try {
      await withTimeout(deps.ready(), READY_TIMEOUT_MS);
      res.send(200, { status: 'ready' });
    } catch (err) {
      deps.log.warn({ err }, 'not ready: database unreachable');
      res.send(503, { status: 'unavailable', reason: 'database unreachable' });
    }
  });

  return server;
}
