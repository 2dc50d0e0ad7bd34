// Imports a checked roster into a tenant's directory in one write: the directory is one document,
// so an import is all or nothing, and it goes through the etag like every other change.

import { applyRoster, checkRoster, type ConversationLink, type Roster, type RosterIssue } from '../domain/directory.js';
import { fail, ok, type Result } from '../domain/result.js';
import type { Clock, DirectoryRepository } from './ports.js';

/** Real Cosmos DB refuses items over 2 MB; stay well under it so the directory can grow a little. */
export const MAX_DIRECTORY_BYTES = 1_500_000;

export interface ImportSummary {
  readonly people: number;
  readonly groups: number;
  readonly kerneopgaver: number;
  readonly links: number;
  readonly droppedLinks: readonly ConversationLink[];
  readonly created: boolean;
}

export type ImportError = 'ROSTER.INVALID' | 'ROSTER.TOO_LARGE' | 'DIRECTORY.BUSY';

export async function importRoster(
  deps: { directories: DirectoryRepository; clock: Clock },
  tenantId: string,
  roster: Roster,
  importedBy: string,
): Promise<Result<ImportSummary, ImportError, RosterIssue[] | number>> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await deps.directories.get(tenantId);
    // Checked again against what is in force now: the file may lean on kerneopgaver already stored.
    const issues = checkRoster(roster, current?.value.kerneopgaver ?? []);
    if (issues.length > 0) return fail('ROSTER.INVALID', issues);
    const { directory, droppedLinks } = applyRoster(current?.value, tenantId, roster, importedBy, deps.clock.now());
    const bytes = Buffer.byteLength(JSON.stringify(directory));
    if (bytes > MAX_DIRECTORY_BYTES) return fail('ROSTER.TOO_LARGE', bytes);
    if ((await deps.directories.save(directory, current?.etag)) === 'saved') {
      return ok({
        people: directory.people.length,
        groups: directory.groups.length,
        kerneopgaver: directory.kerneopgaver.length,
        links: directory.links.length,
        droppedLinks,
        created: current === undefined,
      });
    }
  }
  return fail('DIRECTORY.BUSY');
}
