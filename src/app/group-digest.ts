// A kernegruppe's digest: its open tenders and their bids, those closed recently, drafts, the
// konsekvensberegninger and konkretiseringer outstanding, the decisions since a given time, and its
// catalogue against the frame. Read by the reminders (byrådsmøde, konsulent) and by the status across
// all kernegrupper (cross-status.ts); moved here from reminders.ts so both can use it without a cycle.

import { biddingOpen } from '../domain/tender.js';
import { frameOf, totalKr } from '../domain/catalogue.js';
import { DAY } from '../domain/reminders.js';
import { catalogueId } from './catalogue-ids.js';
import { currentPeriod } from './catalogue.js';
import type { CatalogueRepository, GroupDigest, TenderRepository } from './ports.js';

export interface DigestDeps {
  readonly tenders: TenderRepository;
  /** The groups' catalogues, for the digest's line on the catalogue against its frame. */
  readonly catalogues?: CatalogueRepository | undefined;
}

/** A group's digest reads at most this many tenders (a kernegruppe has a handful open at a time). */
const DIGEST_TENDERS = 60;
/** The open konsekvensberegninger a digest names by title; it reads one row more than it counts, to say "or more". */
export const DIGEST_KONSEKVENS_SHOWN = 3;
const DIGEST_KONSEKVENS_READ = 30;
/** The digest's bids with a konkretisering outstanding or decided since last month: read at most this many, the first few shown. */
const DIGEST_BIDS_READ = 40;
const DIGEST_BIDS_SHOWN = 5;

/**
 * One group's digest in four bounded requests, all at once: three queries (TOP, projected, in the
 * tenant's partition) and one point read. `since` is where "closed recently" and "decisions" begin: a
 * month for the byrådsmøde's and the konsulent's reminders, the last pitstop for the cross-group status.
 */
export async function digestOf(
  deps: DigestDeps,
  tenantId: string,
  groupId: string,
  groupName: string,
  now: Date,
  since: Date = new Date(now.getTime() - 31 * DAY),
): Promise<GroupDigest> {
  const monthAgo = since.getTime();
  // Bounded by what the digest shows, not by the group's history: drafts, open tenders and those closed in the last month.
  const [tenders, konsekvens, bids, catalogue] = await Promise.all([
    deps.tenders.digestTendersOfGroup(tenantId, groupId, new Date(monthAgo), DIGEST_TENDERS),
    // One bounded query: the group's bids whose konsekvensberegning is asked for and not made yet.
    deps.tenders.openKonsekvensOfGroup(tenantId, groupId, DIGEST_KONSEKVENS_READ + 1),
    // One more: konkretiseringer outstanding and the decisions of the last month.
    deps.tenders.digestBidsOfGroup(tenantId, groupId, new Date(monthAgo), DIGEST_BIDS_READ),
    // And the group's catalogue of the current year: one point read.
    deps.catalogues?.getCatalogue(tenantId, catalogueId(groupId, currentPeriod(now))),
  ]);
  const c = catalogue?.value;
  return {
    groupId,
    groupName,
    openTenders: tenders
      .filter((t) => biddingOpen(t, now).ok)
      .sort((a, b) => a.deadline.localeCompare(b.deadline))
      .map((t) => ({ id: t.id, title: t.title, deadline: t.deadline, activeBids: t.activeBids })),
    closedSinceLastMonth: tenders
      .filter((t) => (t.status === 'closed' || (t.status === 'published' && !biddingOpen(t, now).ok)) && new Date(t.deadline).getTime() >= monthAgo)
      .map((t) => ({ id: t.id, title: t.title, activeBids: t.activeBids })),
    drafts: tenders.filter((t) => t.status === 'draft').length,
    openKonsekvens: { count: Math.min(konsekvens.length, DIGEST_KONSEKVENS_READ), more: konsekvens.length > DIGEST_KONSEKVENS_READ, bids: konsekvens.slice(0, DIGEST_KONSEKVENS_SHOWN) },
    konkretiseringer: bids
      .filter((b) => b.konkretiseringDue !== undefined)
      .sort((a, b) => a.konkretiseringDue!.localeCompare(b.konkretiseringDue!))
      .slice(0, DIGEST_BIDS_SHOWN),
    decisions: bids
      .filter((b) => b.statusAt !== undefined && new Date(b.statusAt).getTime() >= monthAgo && b.status !== 'submitted' && b.status !== 'withdrawn')
      .sort((a, b) => b.statusAt!.localeCompare(a.statusAt!))
      .slice(0, DIGEST_BIDS_SHOWN),
    catalogue: c && { period: c.period, totalKr: totalKr(c), frameKr: frameOf(c), activities: c.entries.filter((e) => e.state !== 'afvist').length },
  };
}
