// A process for crash tests: opens the local database exactly as the bot does (openLocalCosmos as
// owner on DATA_DIR), then writes until it is killed, printing one line per acknowledged write:
//   ack item <id>        a created item
//   ack counter <n>      the counter item replaced with IfMatch from n-1 to n (as bids are numbered)
// Several writers run at once, so writes share fsyncs as the bot's concurrent turns do.
// It prints `warm` once loaded and waits for a line on stdin before it opens the data, so a test can
// start the next process while the previous one is still being killed and checked.
import { createInterface } from 'node:readline';
import pino from 'pino';
import type { Container } from '@azure/cosmos';
import { openLocalCosmos } from '../../src/adapters/cosmos/cosmos-connection.js';
import { startEmbeddedCosmos } from '../../src/adapters/cosmos/embedded-cosmos.js';
import { loadConfig } from '../../src/config.js';

const WRITERS = 4;
const cfg = loadConfig({ DATA_DIR: process.env.DATA_DIR ?? '' });
if (cfg.cosmos.kind !== 'embedded') throw new Error('expected the embedded database');
await (await startEmbeddedCosmos()).stop(); // makes this process's certificate before the clock starts
process.stdout.write('warm\n');
await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once('line', () => resolve()));
const conn = await openLocalCosmos(cfg.cosmos, pino({ level: 'silent' }), { role: 'owner' });
const container: Container = conn.containers.tenders;
const PK = 'crash-test';
const run = process.pid;
const out = (line: string) => process.stdout.write(`${line}\n`);

interface Counter {
  id: string;
  pk: string;
  next: number;
}

/** One number from the counter: read it, replace it with IfMatch, retry when another writer won. */
async function takeNumber(): Promise<number> {
  for (;;) {
    const { resource, etag } = await container.item('counter', PK).read<Counter>();
    const current = resource ?? { id: 'counter', pk: PK, next: 0 };
    const next = { id: 'counter', pk: PK, next: current.next + 1 };
    try {
      if (resource) await container.item('counter', PK).replace(next, { accessCondition: { type: 'IfMatch', condition: etag! } });
      else await container.items.create(next);
      return next.next;
    } catch (e) {
      const code = (e as { code?: number }).code;
      if (code !== 412 && code !== 409) throw e;
    }
  }
}

out('ready');
await Promise.all(
  Array.from({ length: WRITERS }, async (_, w) => {
    for (let i = 0; ; i++) {
      const id = `item-${run}-${w}-${i}`;
      await container.items.create({ id, pk: PK, body: 'x'.repeat(200) });
      out(`ack item ${id}`);
      out(`ack counter ${await takeNumber()}`);
    }
  }),
);
