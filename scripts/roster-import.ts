// `npm run roster:import -- <file> [--tenant <id>] [--dry-run]`: checks a roster file (YAML or JSON)
// and imports it into the tenant's directory (see app/import-roster.ts for the order of the writes). Every problem is printed with its line,
// and with any problem nothing is written. Locally it writes into the running bot's embedded
// database (or, with no bot running, into the saved local data).

import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importRoster, MAX_DIRECTORY_BYTES } from '../src/app/import-roster.js';
import { systemClock } from '../src/app/ports.js';
import { formatProblem, parseRosterFile } from '../src/app/roster-file.js';
import { compositionWarningText } from '../src/app/roster-check.js';
import { compositionWarnings, type CompositionWarning } from '../src/domain/roster-check.js';
import type { CosmosConnection } from '../src/adapters/cosmos/cosmos-connection.js';
import { CosmosDirectoryRepository } from '../src/adapters/cosmos/directory-repository.js';
import type { Config } from '../src/config.js';
import { runTool, toolFallbackTenant, type ImportIo } from './tool-main.js';

const USAGE = 'Brug: npm run roster:import -- <fil.yaml|fil.json> [--tenant <tenant-id>] [--dry-run]';

/**
 * The largest roster file read. 50,000 people with name and e-mail are about 6 MB of YAML (123 bytes
 * a person, measured with tests/support/big-roster.ts; parsed in about 2 s); 15 MB leaves room for
 * names and addresses two and a half times as long, and keeps the parse (about 75 bytes of memory per
 * byte of YAML) well inside the tool's memory.
 */
export const MAX_ROSTER_FILE_BYTES = 15_000_000;

/** How often a large import says how far it is. */
const PROGRESS_EVERY = 5_000;

const danishNumber = (n: number) => n.toLocaleString('da-DK');

/** The roster check's warnings, after what was done: they never stop an import. */
function printWarnings(io: ImportIo, warnings: readonly CompositionWarning[], imported: boolean) {
  for (const w of warnings) io.out(`Advarsel: ${compositionWarningText(w)}`);
  if (warnings.length > 0)
    io.out(`${warnings.length} ${warnings.length === 1 ? 'advarsel' : 'advarsler'}: kernegruppernes sammensætning afviger fra kommissoriet; rollelisten er ${imported ? 'importeret' : 'i orden'} alligevel.`);
}


interface Args {
  readonly file?: string | undefined;
  readonly tenant?: string | undefined;
  readonly dryRun: boolean;
}

function parseArgs(argv: readonly string[]): Args | string {
  let file: string | undefined;
  let tenant: string | undefined;
  let dryRun = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--tenant') tenant = argv[++i];
    else if (a === '--dry-run') dryRun = true;
    else if (a.startsWith('--')) return `Ukendt tilvalg ${a}. ${USAGE}`;
    else if (file) return `Kun én fil ad gangen. ${USAGE}`;
    else file = a;
  }
  if (!file) return USAGE;
  if (argv.includes('--tenant') && !tenant) return `--tenant mangler et tenant-id. ${USAGE}`;
  return { file, tenant, dryRun };
}

/** The import itself, with the database handed in; returns the process exit code. */
export async function runRosterImport(argv: readonly string[], config: Config, cosmos: CosmosConnection, io: ImportIo): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.err(args);
    return 2;
  }
  const fileName = args.file!;
  let source: string;
  try {
    const size = (await stat(fileName)).size;
    if (size > MAX_ROSTER_FILE_BYTES) {
      io.err(`${fileName} fylder ${danishNumber(size)} bytes; grænsen er ${danishNumber(MAX_ROSTER_FILE_BYTES)} (plads til omkring 100.000 personer). Intet er importeret.`);
      return 1;
    }
    source = await readFile(fileName, 'utf8');
  } catch (e) {
    io.err(`Kan ikke læse ${fileName}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'filen findes ikke' : (e as Error).message}.`);
    return 1;
  }
  const directories = new CosmosDirectoryRepository(cosmos.containers.directory);
  const first = parseRosterFile(source);
  const tenantId = args.tenant ?? (first.ok ? first.tenantId : undefined) ?? toolFallbackTenant(config);
  if (!tenantId) {
    io.err(`Hvilken organisation? Angiv --tenant <tenant-id> eller tenantId: i filen. ${USAGE}`);
    return 2;
  }
  // Parsed again with the kerneopgaver already stored, so a roster may lean on them.
  const known = (await directories.get(tenantId))?.value.kerneopgaver ?? [];
  const parsed = parseRosterFile(source, known);
  if (!parsed.ok) {
    for (const p of parsed.problems) io.err(formatProblem(fileName, p));
    io.err(`${parsed.problems.length} fejl i ${fileName}. Intet er importeret.`);
    return 1;
  }
  if (parsed.tenantId && args.tenant && parsed.tenantId !== args.tenant.toLowerCase()) {
    io.err(`${fileName} er til tenant ${parsed.tenantId}, men --tenant siger ${args.tenant}. Intet er importeret.`);
    return 1;
  }
  if (args.dryRun) {
    io.out(`${fileName} er i orden: ${parsed.roster.people.length} personer, ${parsed.roster.groups.length} grupper. Intet er importeret (--dry-run).`);
    printWarnings(io, compositionWarnings(parsed.roster.groups), false);
    return 0;
  }
  const progress = (done: number, of: number) => {
    if (of >= PROGRESS_EVERY && (done % PROGRESS_EVERY === 0 || done === of)) io.err(`Personer skrevet: ${danishNumber(done)} af ${danishNumber(of)} …`);
  };
  const result = await importRoster({ directories, clock: systemClock }, tenantId, parsed.roster, `roster:import ${path.basename(fileName)}`, progress);
  if (!result.ok) {
    io.err(
      result.code === 'ROSTER.TOO_LARGE'
        ? `Grupperne og deres medlemmer fylder ${danishNumber(Number(result.details))} bytes; grænsen er ${danishNumber(MAX_DIRECTORY_BYTES)}. Intet er importeret.`
        : result.code === 'ROSTER.INVALID'
          ? `Rollelisten passer ikke med de kerneopgaver, der allerede er gemt. Intet er importeret.`
          : 'Rollelisten blev ændret af en anden samtidig, flere gange i træk. Intet er importeret; prøv igen.',
    );
    return 1;
  }
  const s = result.value;
  io.out(`Importeret til tenant ${tenantId}: ${s.people} personer, ${s.groups} grupper, ${s.kerneopgaver} kerneopgaver, ${s.links} tilknyttede samtaler.`);
  for (const l of s.droppedLinks) io.out(`Bemærk: samtalen ${l.conversationName ?? l.conversationId} var tilknyttet gruppen '${l.group}', som ikke findes længere; tilknytningen er fjernet.`);
  io.out(`Personer: ${danishNumber(s.peopleWritten)} nye eller ændrede, ${danishNumber(s.peopleDeleted)} ikke længere på listen (fjernet).`);
  printWarnings(io, s.warnings, true);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await runTool((config, cosmos, io) => runRosterImport(process.argv.slice(2), config, cosmos, io));
}
