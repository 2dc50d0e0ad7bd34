// The loop that wakes up and runs the due work (closing tenders, updating cards), never two runs of
// it at once in this process. Several instances may each run one: the work itself is claimed
// through Cosmos DB etags, so nothing is done twice.

import type { Logger } from '../../logger.js';

export interface Loop {
  /** Runs the work now (and waits for it), as a tick would. */
  runNow(): Promise<void>;
  /** Runs the work soon without waiting for it; if a run is under way, once more after it (it may have missed what woke us). */
  kick(): void;
  stop(): Promise<void>;
}

/** Sees every run of a loop (loop-watch.ts: its span, its outcome for /healthz, the counters from its report). */
export interface LoopObserver {
  run(name: string, work: () => Promise<unknown>): Promise<unknown>;
}

export function startLoop(name: string, work: () => Promise<unknown>, intervalMs: number, log: Logger, observer?: LoopObserver): Loop {
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  let again = false;
  let stopped = false;
  const tick = (): Promise<void> => {
    if (busy) return running;
    busy = true;
    running = (observer ? observer.run(name, work) : work())
      .then((report) => log.debug({ loop: name, report }, 'loop ran'))
      .catch((err: unknown) => log.error({ err, loop: name }, 'loop failed'))
      .finally(() => {
        busy = false;
        if (again && !stopped) {
          again = false;
          void tick();
        }
      });
    return running;
  };
  const timer = intervalMs > 0 ? setInterval(() => void tick(), intervalMs) : undefined;
  timer?.unref();
  return {
    runNow: tick,
    kick: () => {
      if (stopped) return;
      if (busy) again = true;
      else setImmediate(() => void (stopped || tick()));
    },
    stop: async () => {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
