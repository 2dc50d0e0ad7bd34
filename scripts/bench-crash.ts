// `npm run bench:crash [trials] [seed]`: kill -9 trials on the local database (see
// tests/support/crash-trials.ts) with more trials than the test runs; prints the figures.
import { describeFigures, runCrashTrials } from '../tests/support/crash-trials.js';

const trials = Number(process.argv[2] ?? 200);
const seed = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
const figures = await runCrashTrials({ trials, ...(seed === undefined ? {} : { seed }), log: (line) => console.log(line) });
for (const l of figures.lost) console.log(`LOST ${l}`);
console.log(describeFigures(figures));
process.exit(figures.lost.length + figures.duplicateNumbers.length === 0 ? 0 : 1);
