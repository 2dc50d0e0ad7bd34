// `npm run build` from code: compiles src/ to dist/ with tsc's build mode, which only checks the file
// dates when nothing changed (a fraction of a second), so callers may run it before every use of dist/.

import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
/** What `npm start` runs once it is built. */
export const DIST_MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/** Builds dist/ when it is missing or older than src/; returns tsc's output when it reports errors. */
export function buildDist(): { ok: true } | { ok: false; output: string } {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-b', 'tsconfig.build.json'], { cwd: REPO_ROOT, encoding: 'utf8' });
  return run.status === 0 ? { ok: true } : { ok: false, output: `${run.stdout}${run.stderr}${run.error?.message ?? ''}` };
}
