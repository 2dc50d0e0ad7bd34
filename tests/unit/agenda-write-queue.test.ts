// The agenda's write queue: changes to one agenda that arrive while a write is under way wait and
// are written together, in arrival order; other agendas are not held up; an outage fails them all.

import { describe, expect, it } from 'vitest';
import { AgendaWriteQueue } from '../../src/app/agenda.js';
import { ok } from '../../src/domain/result.js';
import type { Agenda } from '../../src/domain/agenda.js';

const item = (name: string, log: string[]) => ({
  change: (a: Agenda) => ok({ agenda: a }),
  done: () => log.push(`done ${name}`),
  failed: () => log.push(`failed ${name}`),
  name,
});

describe('AgendaWriteQueue', () => {
  it('writes the first change at once and everything that waited meanwhile in one batch, in order', async () => {
    const queue = new AgendaWriteQueue();
    const batches: string[][] = [];
    const log: string[] = [];
    let release!: () => void;
    const firstWrite = new Promise<void>((resolve) => (release = resolve));
    const write = async (batch: readonly ReturnType<typeof item>[]) => {
      batches.push(batch.map((b) => b.name));
      if (batches.length === 1) await firstWrite;
      for (const b of batch) b.done();
    };
    const runs = ['a', 'b', 'c', 'd'].map((n) => queue.run('t|m', item(n, log), write as never));
    // Another agenda is not held up by this one.
    await queue.run('t|other', item('x', log), write as never);
    release();
    await Promise.all(runs);
    expect(batches).toEqual([['a'], ['x'], ['b', 'c', 'd']]);
    expect(log).toEqual(['done x', 'done a', 'done b', 'done c', 'done d']);
  });

  it('fails every waiting change when the write throws, and is usable again after', async () => {
    const queue = new AgendaWriteQueue();
    const log: string[] = [];
    let calls = 0;
    const broken = async () => {
      calls++;
      await Promise.resolve();
      throw new Error('Cosmos DB is down');
    };
    const first = queue.run('k', item('a', log), broken as never);
    const second = queue.run('k', item('b', log), broken as never);
    await expect(first).rejects.toThrow('Cosmos DB is down');
    await second;
    expect(log).toEqual(['failed b']);
    expect(calls).toBe(1);
    await queue.run('k', item('c', log), (async (batch: readonly ReturnType<typeof item>[]) => batch.forEach((b) => b.done())) as never);
    expect(log).toEqual(['failed b', 'done c']);
  });
});
