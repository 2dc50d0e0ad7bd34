// Keeps proactive sending under Teams' limits: a tenant-wide pace (default well under the
// 30-50 requests/s Teams allows an app per tenant) and, per conversation, at most 5 messages a second
// and 50 in 30 seconds (Teams: 7/s and 60/30 s). A 429's Retry-After pauses everyone: the limit that
// answered is shared. Time and waiting are injected, so tests can run it on a set clock.

export interface PacerOptions {
  readonly perSecond: number;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

const CONVERSATION_WINDOWS = [
  { ms: 1000, max: 5 },
  { ms: 30_000, max: 50 },
] as const;

export class Pacer {
  private nextSlot = 0;
  private pausedUntil = 0;
  private readonly sentTo = new Map<string, number[]>();

  constructor(private readonly opts: PacerOptions) {}

  /** Waits until a message to `conversationId` may go, and books its slot. */
  async acquire(conversationId: string): Promise<void> {
    for (;;) {
      const now = this.opts.now();
      const wait = Math.max(this.pausedUntil - now, this.nextSlot - now, this.conversationWait(conversationId, now));
      if (wait <= 0) break;
      await this.opts.sleep(wait);
    }
    const now = this.opts.now();
    this.nextSlot = Math.max(now, this.nextSlot) + 1000 / this.opts.perSecond;
    const times = (this.sentTo.get(conversationId) ?? []).filter((t) => now - t < 30_000);
    times.push(now);
    this.sentTo.set(conversationId, times);
  }

  /** Teams said "too many": nobody sends until Retry-After has passed. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.opts.now() + ms);
  }

  private conversationWait(conversationId: string, now: number): number {
    const times = this.sentTo.get(conversationId) ?? [];
    let wait = 0;
    for (const w of CONVERSATION_WINDOWS) {
      const inWindow = times.filter((t) => now - t < w.ms);
      if (inWindow.length >= w.max) wait = Math.max(wait, inWindow[inWindow.length - w.max]! + w.ms - now);
    }
    return wait;
  }
}
