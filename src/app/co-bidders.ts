// Co-bidders are picked as people from the tenant's roster (issue 12), not typed as free text: the
// bid form's people picker asks the bot to search the roster by name as the person types (Teams'
// dynamic typeahead), and a submitted pick is checked person by person on the server. Bids made
// before keep their free-text co-bidders.

import { MAX_CO_BIDDERS, pickedCoBidderIds, type BidField, type CoBidder } from '../domain/bid.js';
import { foldName } from '../domain/roles.js';
import { fail, ok, type Result } from '../domain/result.js';
import type { FieldError } from '../domain/tender.js';
import type { DirectoryRepository } from './ports.js';

/** The most people one search answers with: a typeahead list, not a directory browser. */
export const PEOPLE_SEARCH_MAX = 15;

/**
 * People of the tenant whose name contains what was typed, case- and æøå-insensitively ("soe" and
 * "Sø" both find Søren): one query, TOP PEOPLE_SEARCH_MAX, projected to id and name. Fewer than two
 * letters find nobody (a list of everyone named with an "a" helps no one).
 */
export async function searchPeople(deps: { directories: DirectoryRepository }, tenantId: string, typed: string, count = PEOPLE_SEARCH_MAX): Promise<CoBidder[]> {
  const folded = foldName(typed);
  if (folded.length < 2) return [];
  return deps.directories.searchPeople(tenantId, folded, Math.max(1, Math.min(count, PEOPLE_SEARCH_MAX)));
}

/**
 * The picked co-bidders, each checked to be a person of the bidder's tenant (a point read each, at
 * most MAX_CO_BIDDERS), with their names as the roster has them: the card sends ids only.
 * `undefined` when the field holds free text from a form made before the picker.
 */
export async function resolveCoBidders(
  deps: { directories: DirectoryRepository },
  tenantId: string,
  bidderId: string,
  input: unknown,
): Promise<Result<CoBidder[] | undefined, 'BID.INVALID', FieldError<BidField>[]>> {
  const ids = pickedCoBidderIds(input, bidderId);
  if (!ids.ok) return fail('BID.INVALID', [ids.code === 'TOO_MANY' ? { field: 'coBidders', code: 'TOO_LONG', limit: MAX_CO_BIDDERS } : { field: 'coBidders', code: 'UNKNOWN_CHOICE' }]);
  if (ids.value === undefined) return ok(undefined);
  const found = await deps.directories.peopleByIds(tenantId, ids.value);
  const byId = new Map(found.map((p) => [p.id.toLowerCase(), p]));
  if (ids.value.some((id) => !byId.has(id))) return fail('BID.INVALID', [{ field: 'coBidders', code: 'UNKNOWN_CHOICE' }]);
  return ok(ids.value.map((id) => ({ id, name: byId.get(id)!.name })));
}
