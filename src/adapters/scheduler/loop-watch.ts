// Watches the scheduler's loops: each run is a span (scheduler.<loop>) with its outcome, /healthz shows
// when each loop last succeeded and last failed, and the counters the operators alert on are read from
// the reports the runs already return (the reminder sender's and the outbox's), so the use cases
// themselves know nothing of monitoring.

import type { Telemetry, TelemetryCounter } from '../../app/ports.js';
import type { LoopObserver } from './interval-loop.js';

export interface LoopState {
  /** ISO times on the bot's clock. */
  lastStartedAt?: string;
  lastSucceededAt?: string;
  lastFailedAt?: string;
  /** The error's kind (its class and code, e.g. "RestError:503"), never its message. */
  lastErrorKind?: string;
  /** Failed runs since the last success. */
  consecutiveFailures: number;
  running: boolean;
}

type Report = Readonly<Record<string, unknown>>;
const num = (r: Report, key: string): number => (typeof r[key] === 'number' ? r[key] : 0);

/**
 * Which counters a loop's report feeds. Read by field name, so a report that gains fields keeps
 * counting; "failed" is what was given up on (app/reminders.ts and app/outbox.ts mark them unreachable
 * or dropped), not a retry that may still succeed.
 */
const REPORT_COUNTERS: Readonly<Record<string, (r: Report) => [TelemetryCounter, number][]>> = {
  reminders: (r) => [
    ['reminders.sent', num(r, 'sent')],
    ['reminders.late', num(r, 'late')],
    ['reminders.failed', num(r, 'unreachable')],
  ],
  outbox: (r) => [
    ['outbox.sent', num(r, 'sent')],
    ['outbox.failed', num(r, 'unreachable') + num(r, 'dropped')],
  ],
};

/** The error's kind for a log line or a dashboard: its class and, where it has one, its code. */
export function errorKind(err: unknown): string {
  if (!(err instanceof Error)) return typeof err;
  const code = (err as { code?: unknown; statusCode?: unknown }).code ?? (err as { statusCode?: unknown }).statusCode;
  return typeof code === 'string' || typeof code === 'number' ? `${err.name}:${code}` : err.name;
}

export class LoopWatch implements LoopObserver {
  private readonly states = new Map<string, LoopState>();

  constructor(
    private readonly telemetry: Telemetry,
    private readonly now: () => Date,
    /** The loops to show from the start, before their first run. */
    names: readonly string[] = [],
  ) {
    for (const name of names) this.states.set(name, { consecutiveFailures: 0, running: false });
  }

  run(name: string, work: () => Promise<unknown>): Promise<unknown> {
    const state = this.states.get(name) ?? { consecutiveFailures: 0, running: false };
    this.states.set(name, state);
    return this.telemetry.span(`scheduler.${name}`, { 'loop.name': name }, async (annotate) => {
      state.running = true;
      state.lastStartedAt = this.now().toISOString();
      try {
        const report = await work();
        state.lastSucceededAt = this.now().toISOString();
        state.consecutiveFailures = 0;
        const counts = report && typeof report === 'object' ? (REPORT_COUNTERS[name]?.(report as Report) ?? []) : [];
        for (const [counter, n] of counts) this.telemetry.count(counter, n);
        annotate({ 'loop.outcome': 'succeeded', ...Object.fromEntries(counts) });
        return report;
      } catch (err) {
        state.lastFailedAt = this.now().toISOString();
        state.lastErrorKind = errorKind(err);
        state.consecutiveFailures++;
        annotate({ 'loop.outcome': 'failed', 'loop.error_kind': state.lastErrorKind });
        // Counted, not only traced: spans are sampled, and the alert must see every failure.
        this.telemetry.count('scheduler.failures', 1, { 'loop.name': name, 'loop.error_kind': state.lastErrorKind });
        throw err;
      } finally {
        state.running = false;
      }
    });
  }

  /** Every loop that has run, for /healthz. */
  snapshot(): Record<string, LoopState> {
    return Object.fromEntries([...this.states].map(([name, s]) => [name, { ...s }]));
  }
}
