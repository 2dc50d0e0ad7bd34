// What /healthz tells beyond "the process answers": how late the event loop runs (a bot whose loop
// lags by seconds answers Teams' invokes too late, whatever the database does) and the scheduler loops'
// last successes and failures. Cheap by design: figures kept in memory, no database call.

import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface LagFigures {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** The window the figures are over, in seconds (the last complete one; the current one before that). */
  readonly windowS: number;
}

/** Milliseconds from the histogram's nanoseconds, to a tenth. */
const ms = (ns: number) => Math.round(ns / 1e5) / 10;

/** The event loop's delay over rolling windows (perf_hooks' histogram, sampled every 20 ms). */
export class EventLoopLag {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });
  private last: LagFigures | undefined;
  private readonly timer: NodeJS.Timeout;
  private windowStarted = performance.now();

  constructor(private readonly windowMs = 60_000) {
    this.histogram.enable();
    this.timer = setInterval(() => {
      this.last = this.read();
      this.histogram.reset();
      this.windowStarted = performance.now();
    }, windowMs);
    this.timer.unref();
  }

  private read(): LagFigures {
    const h = this.histogram;
    // An empty histogram (no sample yet) reports its minimum as a huge number and its percentiles as 0.
    const has = h.count > 0;
    return { p50: has ? ms(h.percentile(50)) : 0, p99: has ? ms(h.percentile(99)) : 0, max: has ? ms(h.max) : 0, windowS: Math.round((performance.now() - this.windowStarted) / 1000) };
  }

  figures(): LagFigures {
    return this.last ?? this.read();
  }

  stop(): void {
    clearInterval(this.timer);
    this.histogram.disable();
  }
}
