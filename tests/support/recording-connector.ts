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

export class RecordingConnector {
  readonly received: Recorded[] = [];
  private server?: http.Server;
  private nextId = 1;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? '');
        if (!m) {
          res.statusCode = 404;
          res.end();
          return;
        }
        const activity = JSON.parse(body || '{}') as Partial<Activity>;
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
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
