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
  private server?: http.Server;
  private nextId = 1;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
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
        const refused = this.refuse.get(decodeURIComponent(m[1]!));
        if (refused) {
          res.statusCode = refused;
          res.end(JSON.stringify({ error: { code: 'BotNotInConversationRoster', message: 'refused by test' } }));
          return;
        }
        this.received.push({ method: req.method ?? '', path: req.url ?? '', conversationId: decodeURIComponent(m[1]!), activity });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id: `sent-${this.nextId++}` }));
      });
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
