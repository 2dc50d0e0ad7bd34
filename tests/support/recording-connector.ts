// A small local stand-in for the Teams connector service: it accepts what the bot sends to a
// conversation (new activities, replies, updates), records it, and answers like Teams does.
// Activities that @azure/botframework-connector posts to `serviceUrl` land here.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

export interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly conversationId: string;
  readonly activity: Partial<Activity>;
  /** When it arrived (performance.now()), for measuring rates. */
  readonly at: number;
}

export interface CreatedConversation {
  readonly conversationId: string;
  readonly members: readonly { id: string }[];
  readonly tenantId?: string | undefined;
}

export class RecordingConnector {
  readonly received: Recorded[] = [];
  readonly created: CreatedConversation[] = [];
  /** Answer this status instead of 200 for posts into these conversations (a removed bot gets 403/404). */
  readonly refuse = new Map<string, number>();
  /** Answer the next N posts with 429 and this Retry-After (seconds), as Teams does when throttling. */
  throttleNext = 0;
  retryAfterSeconds = 1;
  /** A tenant-wide limit like Teams' (posts per second over a sliding second), and a share of random 429s. */
  limitPerSecond = Infinity;
  random429Share = 0;
  throttled = 0;
  /** Answer every request this many milliseconds late, like a slow connector service. */
  delayMs = 0;
  /** Every request as it arrived (before any delay or 429): what the bot asked of Teams, and when. */
  readonly calls: { readonly method: string; readonly path: string; readonly at: number }[] = [];
  private readonly recent: number[] = [];
  private seed = 42;

  private random(): number {
    // A fixed-seed generator, so a benchmark run is repeatable.
    this.seed = (this.seed * 1103515245 + 12345) % 2147483648;
    return this.seed / 2147483648;
  }

  private shouldThrottle(): boolean {
    if (this.throttleNext > 0) {
      this.throttleNext--;
      return true;
    }
    const now = performance.now();
    while (this.recent.length > 0 && now - this.recent[0]! >= 1000) this.recent.shift();
    if (this.recent.length >= this.limitPerSecond) return true;
    if (this.random429Share > 0 && this.random() < this.random429Share) return true;
    this.recent.push(now);
    return false;
  }
  private server?: http.Server;
  private nextId = 1;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        this.calls.push({ method: req.method ?? '', path: req.url ?? '', at: performance.now() });
        if (this.delayMs > 0) setTimeout(answer, this.delayMs);
        else answer();
      });
      const answer = () => {
        if (req.method === 'POST' && req.url === '/v3/conversations') {
          // Teams answers a 1:1 conversation request with the (stable) id of the chat with that person.
          const params = JSON.parse(body || '{}') as { members?: { id: string }[]; tenantId?: string };
          const conversationId = `a:1on1-${params.members?.[0]?.id ?? 'unknown'}`;
          this.created.push({ conversationId, members: params.members ?? [], tenantId: params.tenantId });
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ id: conversationId }));
          return;
        }
        const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? '');
        if (!m) {
          res.statusCode = 404;
          res.end();
          return;
        }
        const activity = JSON.parse(body || '{}') as Partial<Activity>;
        if (req.method === 'POST' && this.shouldThrottle()) {
          this.throttled++;
          res.statusCode = 429;
          res.setHeader('retry-after', String(this.retryAfterSeconds));
          res.end(JSON.stringify({ error: { code: 'Throttled', message: 'too many requests' } }));
          return;
        }
        const refused = this.refuse.get(decodeURIComponent(m[1]!));
        if (refused) {
          res.statusCode = refused;
          res.end(JSON.stringify({ error: { code: 'BotNotInConversationRoster', message: 'refused by test' } }));
          return;
        }
        this.received.push({ method: req.method ?? '', path: req.url ?? '', conversationId: decodeURIComponent(m[1]!), activity, at: performance.now() });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id: `sent-${this.nextId++}` }));
      };
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  clear(): void {
    this.received.splice(0);
    this.created.splice(0);
  }

  /** What was sent into one conversation (new posts and updates), in order. */
  to(conversationId: string): Recorded[] {
    return this.received.filter((r) => r.conversationId === conversationId);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
