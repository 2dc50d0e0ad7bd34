// The dependency-cruiser rules that keep the local database out of the production start-up (issue 11):
// `npm run lint` checks src/ with them; this checks that they would catch the mistakes they are for,
// on a small copy of src/ in a temporary folder that makes each mistake once.

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LOCAL = ['embedded-cosmos', 'cosmos-journal', 'cosmos-snapshot', 'data-lock'];

/** depcruise's violations over a folder holding `files` (path → source) beside the local database's real modules. */
function violations(files: Record<string, string>): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'kerneopgave-depcruise-'));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  for (const f of ['tsconfig.json', '.dependency-cruiser.cjs']) copyFileSync(path.join(ROOT, f), path.join(dir, f));
  mkdirSync(path.join(dir, 'src', 'adapters', 'cosmos'), { recursive: true });
  for (const m of LOCAL) copyFileSync(path.join(ROOT, 'src', 'adapters', 'cosmos', `${m}.ts`), path.join(dir, 'src', 'adapters', 'cosmos', `${m}.ts`));
  for (const [file, source] of Object.entries(files)) writeFileSync(path.join(dir, file), source);
  const depcruise = path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  const run = spawnSync(process.execPath, [depcruise, 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], { cwd: dir, encoding: 'utf8' });
  const report = JSON.parse(run.stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  return report.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to.replace(/.*node_modules\//, '')}`);
}

let found: string[];

beforeAll(() => {
  found = violations({
    // The old way: the connection imports the local database statically, so production loads it too.
    'src/adapters/cosmos/cosmos-connection.ts': `import { startEmbeddedCosmos } from './embedded-cosmos.js';\nimport type { LockOwner } from './data-lock.js';\nexport const start = startEmbeddedCosmos;\nexport type Owner = LockOwner;\n`,
    // The right way: loaded when it is used.
    'src/lazy.ts': `export const open = async () => (await import('./adapters/cosmos/cosmos-journal.js')).Journal;\n`,
    'src/main.ts': `import selfsigned from 'selfsigned';\nimport server from '@vercel/cosmosdb-server';\nimport 'tsx';\nexport const all = [selfsigned, server];\n`,
  });
});

describe('the lazy-loading rules of .dependency-cruiser.cjs', () => {
  it('refuse a static import of the local database, and allow import() and type-only imports', () => {
    expect(found).toContain('local-database-loads-lazily: src/adapters/cosmos/cosmos-connection.ts → src/adapters/cosmos/embedded-cosmos.ts');
    expect(found.filter((v) => v.includes('data-lock'))).toEqual([]);
    expect(found.filter((v) => v.includes('src/lazy.ts'))).toEqual([]);
  });

  it('refuse @vercel/cosmosdb-server, selfsigned and tsx anywhere in src but the embedded server itself', () => {
    const fromMain = found.filter((v) => v.includes('src/main.ts'));
    expect(fromMain.some((v) => v.startsWith('local-only-packages-load-lazily') && v.includes('@vercel/cosmosdb-server/'))).toBe(true);
    expect(fromMain.some((v) => v.startsWith('local-only-packages-load-lazily') && v.includes('selfsigned/'))).toBe(true);
    expect(fromMain.some((v) => v.startsWith('no-tsx-in-src') && v.includes('tsx/'))).toBe(true);
    expect(found.filter((v) => v.includes('src/adapters/cosmos/embedded-cosmos.ts →'))).toEqual([]);
  });
});
