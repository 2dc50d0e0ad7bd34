// `historik` on a tender: every state change of the tender and of its bids (who, when, what, why), for
// the kernegruppe's members and admins. Two reads whatever the tenant's history: the tender, and its
// bids' audit entries in one projected query inside the tenant's partition.

import { isAdmin, isMemberOf } from '../domain/actor.js';
import { historyPage, tenderHistory, type HistoryLine } from '../domain/history.js';
import { fail, ok, type Result } from '../domain/result.js';
import type { Tender } from '../domain/tender.js';
import type { Acting } from './directory-admin.js';
import type { TenderRepository } from './ports.js';

export interface HistoryView {
  readonly tender: Tender;
  readonly lines: readonly HistoryLine[];
  readonly page: number;
  readonly pages: number;
  readonly hasOlder: boolean;
  /** Names of the people the lines name, as far as the roster and the bids know them. */
  readonly names: ReadonlyMap<string, string>;
}

export async function tenderHistoryFor(
  deps: { readonly tenders: TenderRepository },
  { actor, directory }: Acting,
  tenderId: string,
  page: number,
): Promise<Result<HistoryView, 'TENDER.NOT_FOUND' | 'TENDER.NOT_MEMBER'>> {
  const found = await deps.tenders.getTender(actor.tenantId, tenderId);
  if (!found) return fail('TENDER.NOT_FOUND');
  const tender = found.value;
  // Like the bids themselves: the group's members (and admins) read them; a draft does not exist for anyone else.
  if (!isMemberOf(actor, tender.groupId) && !isAdmin(actor)) return fail(tender.status === 'draft' ? 'TENDER.NOT_FOUND' : 'TENDER.NOT_MEMBER');
  const bids = await deps.tenders.bidHistoriesOfTender(actor.tenantId, tenderId);
  const shown = historyPage(tenderHistory(tender, bids), page);
  const names = new Map<string, string>([[tender.createdBy, tender.createdByName]]);
  for (const b of bids) names.set(b.bidderId, b.bidderName);
  for (const p of directory?.value.people ?? []) names.set(p.id, p.name);
  return ok({ tender, ...shown, names });
}
