// `npm run calendar:import -- <file> [--tenant <id>]`: sets the tenant's meeting pattern (week rule,
// months off, slots, each kernegruppe's slot), reminder lead times, and single-meeting exceptions
// from a YAML or JSON file. Problems are printed with their line; with any problem nothing is written.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importCalendar } from '../src/app/calendar-admin.js';
import { parseCalendarFile } from '../src/app/calendar-file.js';
import { systemClock } from '../src/app/ports.js';
import { formatProblem } from '../src/app/roster-file.js';
import type { CosmosConnection } from '../src/adapters/cosmos/cosmos-connection.js';
import { CosmosDirectoryRepository } from '../src/adapters/cosmos/directory-repository.js';
import { CosmosCalendarRepository } from '../src/adapters/cosmos/reminder-repository.js';
import type { Config } from '../src/config.js';
import { DEFAULT_REMINDERS } from '../src/domain/reminders.js';
import { runTool, toolFallbackTenant, type ImportIo } from './tool-main.js';

const USAGE = 'Brug: npm run calendar:import -- <fil.yaml|fil.json> [--tenant <tenant-id>]';

export async function runCalendarImport(argv: readonly string[], config: Config, cosmos: CosmosConnection, io: ImportIo, clock = systemClock): Promise<number> {
  const file = argv.find((a) => !a.startsWith('--') && argv[argv.indexOf(a) - 1] !== '--tenant');
  const tenantFlag = argv.includes('--tenant') ? argv[argv.indexOf('--tenant') + 1] : undefined;
  if (!file) {
    io.err(USAGE);
    return 2;
  }
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch {
    io.err(`Kan ikke læse ${file}: filen findes ikke.`);
    return 1;
  }
  const parsed = parseCalendarFile(source, { reminders: DEFAULT_REMINDERS });
  if (!parsed.ok) {
    for (const p of parsed.problems) io.err(formatProblem(file, p));
    io.err(`${parsed.problems.length} fejl i ${file}. Intet er importeret.`);
    return 1;
  }
  const tenantId = tenantFlag ?? parsed.file.tenantId ?? toolFallbackTenant(config);
  if (!tenantId) {
    io.err(`Hvilken organisation? Angiv --tenant <tenant-id> eller tenantId: i filen. ${USAGE}`);
    return 2;
  }
  const result = await importCalendar(
    { calendars: new CosmosCalendarRepository(cosmos.containers.directory), directories: new CosmosDirectoryRepository(cosmos.containers.directory), clock },
    tenantId,
    parsed.file,
    `calendar:import ${path.basename(file)}`,
  );
  if (!result.ok && result.code === 'RECIPIENT.UNKNOWN') {
    for (const line of (result.details ?? '').split('\n')) io.err(`${file}:${line}`);
    io.err(`En person under recipients findes ikke i rollelisten. Intet er importeret.`);
    return 1;
  }
  if (!result.ok) {
    io.err(
      result.code === 'MEETING.NOT_FOUND'
        ? `Mødet »${result.details ?? ''}« findes ikke i planen. Intet er importeret.`
        : result.code === 'DIRECTORY.MISSING'
          ? `Tenant ${tenantId} har ingen rolleliste endnu; importér den først (npm run roster:import). Intet er importeret.`
          : 'Kalenderen blev ændret af andre samtidig. Intet er importeret; prøv igen.',
    );
    return 1;
  }
  io.out(`Kalenderen for tenant ${tenantId} er opdateret (${result.value.exceptions} undtagelser tilføjet). Påmindelserne følger med inden for 5 minutter.`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await runTool((config, cosmos, io) => runCalendarImport(process.argv.slice(2), config, cosmos, io));
}
