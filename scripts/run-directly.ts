// Whether a script file is the one node was asked to run (and not imported by a test).

import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Call with the script's own `import.meta.url`. */
export function isRunDirectly(moduleUrl: string): boolean {
  const scriptPath = process.argv[1];
  if (!scriptPath) return false;
  try {
    // realpath on both sides so a symlinked checkout still counts as the same file.
    return realpathSync(scriptPath) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}
