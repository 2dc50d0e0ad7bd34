// `npm run package`: builds the app and writes build/app.zip, the deploy package App Service runs as it
// is (WEBSITE_RUN_FROM_PACKAGE, read-only): dist/, cards/, package.json, package-lock.json and the
// production dependencies only, copied from the installed node_modules (the closure `npm ls --omit=dev`
// names), so it works offline and never touches the developer's own node_modules. Nothing in it may be
// platform-specific: a package zipped on Windows or macOS must start on Linux, so a native addon (*.node)
// or a package built for one os/cpu stops the packaging instead of failing at start in Azure.
// Run: npm run package [-- --out <folder>]

import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync, type Zippable } from 'fflate';
import { buildDist, REPO_ROOT } from './build-dist.js';
import { isRunDirectly } from './run-directly.js';

export const APP_ZIP_FILE_NAME = 'app.zip';
export const DEFAULT_OUT_DIR = fileURLToPath(new URL('../build/', import.meta.url));

/** What the app reads at run time besides its packages: the compiled code, the card templates, its own manifest. */
const APP_FILES = ['package.json', 'package-lock.json'] as const;
const APP_FOLDERS = ['dist', 'cards'] as const;
/**
 * Files Node never loads from a package: source maps (a third of node_modules), type declarations,
 * TypeScript sources (Node will not strip types under node_modules) and Markdown. Licences stay.
 */
const NOT_SHIPPED = /\.(map|d\.ts|d\.mts|d\.cts|ts|mts|cts|md|markdown)$/i;
/** dist/'s incremental-build record and its maps (they point at src/, which is not shipped). */
const NOT_SHIPPED_FROM_DIST = /(\.tsbuildinfo|\.map)$/;

export interface PackagedApp {
  readonly zipPath: string;
  readonly files: number;
  readonly bytes: number;
  readonly packages: number;
}

export type PackageOutcome = { ok: true; value: PackagedApp } | { ok: false; message: string };

/**
 * npm ls exits 1 (ELSPROBLEMS) on a tree that runs: botbuilder-dialogs' install script installs
 * @microsoft/recognizers-text-number 1.3.1 where the lock file says ~1.1.4 ("invalid"), with two lodash
 * helpers it needs ("extraneous"), on every fresh `npm install`. That tree is the one the tests ran
 * against, so it is what ships; a package that is missing is still an error.
 */
function onlyTolerated(stderr: string, stdout: string): boolean {
  const problems = stderr.split(/\r?\n/).filter((line) => /^npm (error|ERR!) (extraneous|invalid|missing|peer dep missing)/.test(line));
  return stdout.trim() !== '' && /ELSPROBLEMS/.test(stderr) && problems.length > 0 && problems.every((line) => / (extraneous|invalid): /.test(line));
}

/** The installed production packages (folders relative to the repository, e.g. node_modules/@azure/cosmos). */
export function productionPackageDirs(root = REPO_ROOT): { ok: true; dirs: string[] } | { ok: false; message: string } {
  const run = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // npm is npm.cmd on Windows, which only a shell runs.
    shell: process.platform === 'win32',
  });
  if (run.status !== 0 && !onlyTolerated(run.stderr ?? '', run.stdout ?? '')) {
    return { ok: false, message: `npm ls --omit=dev fejlede (kør npm ci først):\n${run.stderr || run.error?.message || ''}`.trim() };
  }
  const dirs = run.stdout
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => path.relative(root, line).split(path.sep).join('/'))
    .filter((dir) => dir.startsWith('node_modules/'));
  return { ok: true, dirs: [...new Set(dirs)].sort() };
}

/** Every file under `dir` (relative to `root`, with forward slashes), skipping nested node_modules folders. */
function filesUnder(root: string, dir: string, skip: RegExp): string[] {
  const found: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(root, rel))) {
      const child = `${rel}/${name}`;
      // A package's own node_modules holds packages of their own; npm ls lists those that are needed.
      if (name === 'node_modules') continue;
      // statSync follows links: the zip keeps no symlinks, so a linked file is shipped as the file.
      const stat = statSync(path.join(root, child));
      if (stat.isDirectory()) walk(child);
      else if (stat.isFile() && !skip.test(name)) found.push(child);
    }
  };
  walk(dir);
  return found;
}

/** Native addons and os/cpu-bound packages: they would start only on the platform that packaged them. */
function platformSpecific(root: string, packageDirs: readonly string[], files: readonly string[]): string[] {
  const problems = files.filter((f) => f.endsWith('.node')).map((f) => `${f} (et kompileret tilføjelsesmodul)`);
  for (const dir of packageDirs) {
    const manifest = JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8')) as { os?: unknown; cpu?: unknown };
    if (manifest.os !== undefined || manifest.cpu !== undefined) problems.push(`${dir} (kun til os ${JSON.stringify(manifest.os ?? 'alle')}, cpu ${JSON.stringify(manifest.cpu ?? 'alle')})`);
  }
  return problems;
}

export interface PackageOptions {
  readonly outDir?: string;
  /** Deflate level; 6 is zlib's usual balance of size and time. */
  readonly level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}

/** Builds dist/ and writes the deploy package; a problem is returned as one Danish message. */
export function packageApp({ outDir = DEFAULT_OUT_DIR, level = 6 }: PackageOptions = {}): PackageOutcome {
  const built = buildDist();
  if (!built.ok) return { ok: false, message: `npm run build fejlede; pakken er ikke skrevet:\n${built.output}` };
  const closure = productionPackageDirs();
  if (!closure.ok) return closure;

  const appFiles = [
    ...APP_FILES,
    ...APP_FOLDERS.flatMap((folder) => filesUnder(REPO_ROOT, folder, folder === 'dist' ? NOT_SHIPPED_FROM_DIST : /^$/)),
  ];
  const packageFiles = closure.dirs.flatMap((dir) => filesUnder(REPO_ROOT, dir, NOT_SHIPPED));
  const problems = platformSpecific(REPO_ROOT, closure.dirs, packageFiles);
  if (problems.length > 0) {
    return { ok: false, message: `Pakken ville kun kunne køre på denne platform; den er ikke skrevet. Platformsbundne filer:\n${problems.join('\n')}` };
  }

  const entries: Zippable = {};
  let bytes = 0;
  for (const file of [...appFiles, ...packageFiles]) {
    const content = readFileSync(path.join(REPO_ROOT, file));
    bytes += content.length;
    entries[file] = content;
  }
  mkdirSync(outDir, { recursive: true });
  const zipPath = path.resolve(outDir, APP_ZIP_FILE_NAME);
  writeFileSync(zipPath, zipSync(entries, { level }));
  return { ok: true, value: { zipPath, files: appFiles.length + packageFiles.length, bytes, packages: closure.dirs.length } };
}

function parseOutDir(argv: readonly string[]): string | undefined | { error: string } {
  if (argv.length === 0) return undefined;
  if (argv[0] === '--out' && argv[1] && argv.length === 2) return path.resolve(argv[1]);
  return { error: `Ukendt tilvalg: ${argv.join(' ')}. Brug: npm run package [-- --out <mappe>]` };
}

if (isRunDirectly(import.meta.url)) {
  const out = parseOutDir(process.argv.slice(2));
  if (typeof out === 'object') {
    console.error(out.error);
    process.exit(2);
  }
  const outcome = packageApp(out === undefined ? {} : { outDir: out });
  if (!outcome.ok) {
    console.error(outcome.message);
    process.exit(1);
  }
  const { zipPath, files, bytes, packages } = outcome.value;
  console.log(`${zipPath}: ${files} filer (${(bytes / 1e6).toFixed(0)} MB udpakket), heraf ${packages} produktionspakker.`);
}
