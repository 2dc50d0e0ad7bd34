// Loaded into a bot with `node --import ./scripts/event-loop-probe.js dist/main.js` by
// `npm run bench:startup`: measures how long the event loop is blocked, in windows the benchmark
// marks with SIGUSR2. The first signal starts a window (after start-up, which is not what it is for);
// every later one ends the window, appends its figures as one JSON line to the file
// EVENT_LOOP_PROBE_OUT names, and starts the next.

import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import process from 'node:process';

const out = process.env.EVENT_LOOP_PROBE_OUT;
const histogram = monitorEventLoopDelay({ resolution: 10 });
let started;
let cpuAtStart;
process.on('SIGUSR2', () => {
  if (started !== undefined && out) {
    const ms = (ns) => Math.round(ns / 1e4) / 100;
    const cpu = process.cpuUsage(cpuAtStart);
    const figures = {
      seconds: Math.round((performance.now() - started) / 100) / 10,
      meanMs: ms(histogram.mean),
      p99Ms: ms(histogram.percentile(99)),
      maxMs: ms(histogram.max),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    };
    appendFileSync(out, `${JSON.stringify(figures)}\n`);
  }
  started = performance.now();
  cpuAtStart = process.cpuUsage();
  histogram.reset();
  histogram.enable();
});
