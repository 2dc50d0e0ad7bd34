// Loaded into a bot with `node --import ./scripts/event-loop-probe.js dist/main.js` by
// `npm run bench:startup`: measures how long the event loop is blocked. The first SIGUSR2 starts the
// measurement (after start-up, which is not what it is for); the second writes the figures as JSON to
// the file EVENT_LOOP_PROBE_OUT names.

import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const out = process.env.EVENT_LOOP_PROBE_OUT;
const histogram = monitorEventLoopDelay({ resolution: 10 });
let started;
process.on('SIGUSR2', () => {
  if (started === undefined) {
    started = performance.now();
    histogram.reset();
    histogram.enable();
    return;
  }
  histogram.disable();
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  const figures = { seconds: Math.round((performance.now() - started) / 100) / 10, meanMs: ms(histogram.mean), p99Ms: ms(histogram.percentile(99)), maxMs: ms(histogram.max) };
  if (out) writeFileSync(out, JSON.stringify(figures));
});
