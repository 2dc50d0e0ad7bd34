// Two (or more) instances of the senders on one embedded Cosmos database, sending at the same time.
// Time is the test's clock, moved only by a ticker: every turn of the event loop it steps the clock
// on by a few milliseconds and wakes whoever waits for that time (pacer pauses, a slow post, a claim's
// or the lease's renewal, the loops' ticks). Nothing jumps: an instance waiting for a minute waits
// while the other works, as on two machines, and no result depends on how fast this machine is.
// The connector is slow (every post takes time on that clock), answers some posts 429 with a
// Retry-After, can stall chosen posts, and counts what it was given per item.

import { onTestFinished } from 'vitest';
import type { Timer } from '../../src/app/send-claim.js';
import type { ConversationRecord, Delivery, Notice, Notifier, PersonAddress } from '../../src/app/ports.js';
import type { TestClock } from './clock.js';

/** Steps `clock` on by `stepMs` every event-loop turn while the test runs; `timer` waits on it. */
export class TickingTime {
  private readonly waiters = new Set<{ at: number; wake: () => void }>();
  private running = true;

  constructor(
    readonly clock: TestClock,
    private readonly stepMs = 10,
  ) {
    const turn = () => {
      if (!this.running) return;
      this.clock.advance(this.stepMs);
      const now = this.clock.now().getTime();
      for (const w of [...this.waiters]) if (w.at <= now) w.wake();
      setImmediate(turn);
    };
    setImmediate(turn);
    onTestFinished(() => this.stop());
  }

  /** Waits until the clock has moved `ms` on (or `signal` aborts); never moves it itself. */
  readonly timer: Timer = (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const w = {
        at: this.clock.now().getTime() + Math.max(0, ms),
        wake: () => {
          this.waiters.delete(w);
          signal?.removeEventListener('abort', w.wake);
          resolve();
        },
      };
      this.waiters.add(w);
      signal?.addEventListener('abort', w.wake, { once: true });
    });

  stop(): void {
    this.running = false;
    for (const w of [...this.waiters]) w.wake();
  }
}

/** Which item a call was for: the conversation and what the notice is about (a meeting, a card). */
export type KeyOf = (conversationId: string, notice: Notice, activityId?: string) => string;

/**
 * A slow Teams connector: each call takes `postMs` on the clock; every `throttleEvery`-th call is
 * answered 429 with Retry-After `retryAfterMs`; a call for which `stall(key)` says so hangs for that
 * many ms (Infinity: until the test ends) and then lands. `landed` counts what Teams took, per item.
 */
export class SlowConnector implements Notifier {
  readonly landed = new Map<string, number>();
  /** Every call as it arrived, per item (landed, throttled or stalled). */
  readonly calls = new Map<string, number>();
  throttled = 0;
  private count = 0;
  private readonly hung = new Set<() => void>();

  constructor(
    private readonly time: TickingTime,
    private readonly keyOf: KeyOf,
    readonly opts: { postMs: number; throttleEvery?: number; retryAfterMs?: number; stall?: (key: string, landedSoFar: number) => number | undefined },
  ) {
    onTestFinished(() => this.releaseHung());
  }

  /** How many items Teams took more than once. */
  get duplicates(): number {
    return [...this.landed.values()].filter((n) => n > 1).length;
  }

  get totalLanded(): number {
    return [...this.landed.values()].reduce((a, b) => a + b, 0);
  }

  /** Lets every hung call end (unanswered: it never lands), so nothing is left waiting. */
  releaseHung(): void {
    for (const end of [...this.hung]) end();
  }

  private async call(key: string): Promise<Delivery> {
    this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
    const n = ++this.count;
    const stallMs = this.opts.stall?.(key, this.totalLanded);
    if (stallMs === Infinity) {
      // Hangs until the test ends; never lands.
      await new Promise<void>((resolve) => this.hung.add(resolve));
      return { ok: false, reason: 'failed' };
    }
    await this.time.timer(stallMs ?? this.opts.postMs);
    if (this.opts.throttleEvery && n % this.opts.throttleEvery === 0) {
      this.throttled++;
      return { ok: false, reason: 'throttled', status: 429, retryAfterMs: this.opts.retryAfterMs ?? 1000 };
    }
    this.landed.set(key, (this.landed.get(key) ?? 0) + 1);
    return { ok: true, activityId: `sent-${n}` };
  }

  post(conversation: ConversationRecord, notice: Notice, _locale?: 'da' | 'en'): Promise<Delivery> {
    return this.call(this.keyOf(conversation.conversationId, notice));
  }

  update(conversation: ConversationRecord, activityId: string, notice: Notice, _locale?: 'da' | 'en'): Promise<Delivery> {
    return this.call(this.keyOf(conversation.conversationId, notice, activityId));
  }

  toPerson(person: PersonAddress, notice: Notice, _locale?: 'da' | 'en'): Promise<Delivery> {
    return this.call(this.keyOf(`person:${person.userId}`, notice));
  }
}

/**
 * Runs `pass` as an instance's scheduler loop would: a pass, then the loop's interval on the clock,
 * until `finished` says there is nothing left. Returns every pass's report.
 */
export async function runLoop<R>(time: TickingTime, intervalMs: number, pass: () => Promise<R>, finished: () => Promise<boolean>): Promise<R[]> {
  const reports: R[] = [];
  for (;;) {
    reports.push(await pass());
    if (await finished()) return reports;
    await time.timer(intervalMs);
  }
}
