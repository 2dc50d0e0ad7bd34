// Imports a checked roster into a tenant's directory: first the roster's people, one item each
// (only those new or changed), then the directory item (groups, their members, kerneopgaver, links)
// with its etag, and last the deletion of those who left the roster. The directory item is what the
// bot goes by, so a failed import leaves the old one in force, and a rerun completes the rest.

import { applyRoster, checkRoster, type ConversationLink, type Person, type Roster, type RosterIssue } from '../domain/directory.js';
import { fail, ok, type Result } from '../domain/result.js';
import { compositionWarnings, type CompositionWarning } from '../domain/roster-check.js';
import type { Clock, DirectoryRepository } from './ports.js';

/**
 * Real Cosmos DB refuses items over 2 MB; stay well under it. Only the groups and their members'
 * names are in the directory item (a few hundred role holders are tens of kB), so this bounds the
 * groups, not the roster.
 */
export const MAX_DIRECTORY_BYTES = 1_500_000;

export interface ImportSummary {
  readonly people: number;
  readonly groups: number;
  readonly kerneopgaver: number;
  readonly links: number;
  readonly droppedLinks: readonly ConversationLink[];
  readonly created: boolean;
  /** Person items written (new or changed) and deleted (left the roster). */
  readonly peopleWritten: number;
  readonly peopleDeleted: number;
  /** Where a kernegruppe's make-up differs from seeds 000/001; the roster is imported all the same. */
  readonly warnings: readonly CompositionWarning[];
}

export type ImportError = 'ROSTER.INVALID' | 'ROSTER.TOO_LARGE' | 'DIRECTORY.BUSY';

export interface ImportProgress {
  /** Told as person items are written: how many of how many. */
  (done: number, of: number): void;
}

const samePerson = (a: Person, b: Person) => a.name === b.name && (a.email ?? undefined) === (b.email ?? undefined);

export async function importRoster(
  deps: { directories: DirectoryRepository; clock: Clock },
  tenantId: string,
  roster: Roster,
  importedBy: string,
  progress?: ImportProgress,
): Promise<Result<ImportSummary, ImportError, RosterIssue[] | number>> {
  let peopleWritten: number | undefined;
  let peopleDeleted: string[] = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await deps.directories.get(tenantId);
    // Checked again against what is in force now: the file may lean on kerneopgaver already stored.
    const issues = checkRoster(roster, current?.value.kerneopgaver ?? []);
    if (issues.length > 0) return fail('ROSTER.INVALID', issues);
    const { directory, droppedLinks } = applyRoster(current?.value, tenantId, roster, importedBy, deps.clock.now());
    const bytes = Buffer.byteLength(JSON.stringify(directory));
    if (bytes > MAX_DIRECTORY_BYTES) return fail('ROSTER.TOO_LARGE', bytes);
    if (peopleWritten === undefined) {
      // Once, before the first directory write: a retry after a conflict only redoes the directory item.
      const stored = new Map((await deps.directories.storedPeople(tenantId)).map((p) => [p.id.toLowerCase(), p]));
      const changed = roster.people.filter((p) => {
        const before = stored.get(p.id.toLowerCase());
        return !before || !samePerson(before, p);
      });
      await deps.directories.putPeople(tenantId, changed, progress ? (done) => progress(done, changed.length) : undefined);
      peopleWritten = changed.length;
      const staying = new Set(roster.people.map((p) => p.id.toLowerCase()));
      peopleDeleted = [...stored.keys()].filter((id) => !staying.has(id));
    }
    if ((await deps.directories.save(directory, current?.etag)) === 'saved') {
      // After the directory item: until it is written, the old directory (and the people it names) is the one in force.
      await deps.directories.deletePeople(tenantId, peopleDeleted);
      return ok({
        people: roster.people.length,
        groups: directory.groups.length,
        kerneopgaver: directory.kerneopgaver.length,
        links: directory.links.length,
        droppedLinks,
        created: current === undefined,
        peopleWritten,
        peopleDeleted: peopleDeleted.length,
        warnings: compositionWarnings(directory.groups),
      });
    }
  }
  return fail('DIRECTORY.BUSY');
}
