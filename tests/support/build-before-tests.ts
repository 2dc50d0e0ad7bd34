// Vitest's global setup: compiles src/ to dist/ once before any test file runs, because the tests that
// start the bot as a process run what `npm start` runs (`node dist/main.js`). Up to date, this costs a
// fraction of a second. A build with type errors still emits (tsc's default), so the bot can start and
// the type errors are reported by `npm run typecheck` where they belong; only a build that leaves no
// dist/main.js stops the run.
import { existsSync } from 'node:fs';
import { buildDist, DIST_MAIN } from '../../scripts/build-dist.js';

export default function setup(): void {
  const built = buildDist();
  if (!built.ok) process.stderr.write(`npm run build reported errors (the tests run what it emitted):\n${built.output}\n`);
  if (!existsSync(DIST_MAIN)) throw new Error(`npm run build left no ${DIST_MAIN}`);
}
