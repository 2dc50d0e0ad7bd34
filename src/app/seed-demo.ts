// Demo data on first start: the demo roster (people, groups, the four kerneopgaver with their
// bevægelse texts and demo forudsætninger, the playground's conversations) when the tenant has none.

import type { Roster } from '../domain/directory.js';
import { importRoster } from './import-roster.js';
import type { Clock, DirectoryRepository } from './ports.js';

export async function seedDemoData(
  deps: { directories: DirectoryRepository; clock: Clock },
  tenantId: string,
  roster: Roster,
): Promise<'seeded' | 'kept'> {
  if (await deps.directories.get(tenantId)) return 'kept';
  const result = await importRoster(deps, tenantId, roster, 'demo-data');
  if (!result.ok) throw new Error(`demo roster rejected: ${result.code}`);
  return 'seeded';
}
