// Tenders, their tallies and bids in the `tenders` container (pk = tenant id), zod-checked when read,
// written with their etags. `attentionAt` (when the sweep next has work on it) is kept on each tender
// item, and `unshown` on each tally, so the scheduler's scan is one indexed filter over what is due.

import type { Container, SqlParameter } from '@azure/cosmos';
import { z } from 'zod';
import type { SaveOutcome, SweepScan, TenderRef, TenderRepository, Versioned } from '../../app/ports.js';
import type { Bid, BidSummary } from '../../domain/bid.js';
import { BID_STATUSES, PARTY_ROLES } from '../../domain/bid.js';
import { attentionAt, type Tally, type Tender, type TenderSummary } from '../../domain/tender.js';
import { isItemId, writeOutcome } from './cosmos-errors.js';
import { ROLES } from '../../domain/roles.js';

const opt = <T extends z.ZodTypeAny>(t: T) => t.optional().nullable().transform((v) => v ?? undefined);

const AuditSchema = z.object({ at: z.string(), by: z.string(), action: z.string(), from: opt(z.string()), to: opt(z.string()), note: opt(z.string()) });

export const TenderItemSchema = z.object({
  id: z.string(),
  pk: z.string(),
  type: z.literal('tender'),
  tenantId: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  kerneopgave: z.string(),
  kerneopgaveName: z.string(),
  bevaegelse: opt(z.string()),
  title: z.string(),
  description: z.string(),
  forudsaetninger: z.array(z.string()),
  catalog: z.array(z.object({ id: z.string(), text: z.string(), kerneopgave: z.string(), kerneopgaveName: z.string(), demo: z.boolean() })),
  deadline: z.string(),
  budgetKr: opt(z.number()),
  decidedBy: z.enum(['kernegruppe', 'byraad']),
  status: z.enum(['draft', 'published', 'closed', 'cancelled']),
  createdBy: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: opt(z.string()),
  closedAt: opt(z.string()),
  cancelledAt: opt(z.string()),
  cancelReason: opt(z.string()),
  bidSeq: z.number().int(),
  activeBids: z.number().int(),
  // Only on items stored before the tally (see Tender.submissions).
  submissions: opt(z.record(z.number().int())),
  announcements: z.array(z.object({ conversationId: z.string(), activityId: z.string() })),
  shownCount: z.number().int(),
  shownAt: opt(z.string()),
  closingReportedAt: opt(z.string()),
  cancelNoticesQueuedAt: opt(z.string()),
  readyForLead: opt(
    z.object({
      at: z.string(),
      by: z.string(),
      byName: z.string(),
      to: z.array(z.object({ id: z.string(), name: z.string(), roles: z.array(z.enum(ROLES)) })),
      via: z.enum(['personal', 'group']),
    }),
  ),
  history: z.array(AuditSchema),
  _etag: z.string(),
});

const KonsekvensSchema = z.object({
  status: z.enum(['requested', 'done']),
  request: z.object({ by: z.string(), byName: z.string(), at: z.string(), note: z.string(), asker: z.enum(['bidder', 'member']) }),
  result: opt(
    z.object({
      oneOffKr: z.number(),
      yearlyKr: z.number(),
      years: z.number().int(),
      yearlySavingsKr: z.number(),
      note: z.string(),
      by: z.string(),
      byName: z.string(),
      at: z.string(),
      revision: z.number().int(),
    }),
  ),
});

const KonkretiseringSchema = z.object({
  status: z.enum(['requested', 'answered']),
  request: z.object({
    deadline: z.string(),
    questions: z.array(z.string()),
    askedBy: z.string(),
    askedByName: z.string(),
    version: z.string(),
    firstAskedAt: z.string(),
    locale: z.enum(['da', 'en']),
  }),
  answer: opt(
    z.object({
      kompetencer: z.string(),
      organisering: z.string(),
      oneOffKr: opt(z.number()),
      yearlyKr: opt(z.number()),
      staff: z.string(),
      cofinancingKr: opt(z.number()),
      cofinancingText: z.string(),
      partyRoles: z.record(z.enum(PARTY_ROLES), z.string()),
      answers: z.array(z.string()),
      answeredBy: z.string(),
      answeredByName: z.string(),
      answeredAt: z.string(),
    }),
  ),
});

/**
 * A bid with a konsekvensberegning carries `konsekvensOpen` beside it, a flat copy of "asked and not made
 * yet": the group's digest filters on it, and a flat property is one indexed path (a nested one would not be).
 */
const konsekvensFlag = (bid: Bid) => (bid.konsekvens ? { konsekvensOpen: bid.konsekvens.status === 'requested' } : {});

/**
 * The same for a konkretisering asked for and not answered: `konkretiseringOpen` for the digest's filter and
 * `konkretiseringDue` (its deadline) for the lists, flat so neither reads the answer's texts.
 */
const konkretiseringFlags = (bid: Bid) => {
  const open = bid.konkretisering?.status === 'requested';
  return { konkretiseringOpen: open, konkretiseringDue: open ? bid.konkretisering!.request.deadline : null };
};

/** Everything kept flat beside a bid for the queries. */
const bidFlags = (bid: Bid) => ({ ...konsekvensFlag(bid), ...konkretiseringFlags(bid) });

export const BidItemSchema = z.object({
  id: z.string(),
  pk: z.string(),
  type: z.literal('bid'),
  tenantId: z.string(),
  tenderId: z.string(),
  groupId: opt(z.string()),
  number: z.number().int(),
  receiptLocale: opt(z.enum(['da', 'en'])),
  submissionId: z.string(),
  bidderId: z.string(),
  bidderName: z.string(),
  bidderTeamsId: z.string(),
  serviceUrl: z.string(),
  title: z.string(),
  description: z.string(),
  howItHelps: z.string(),
  forudsaetninger: z.array(z.string()),
  partyRoles: z.record(z.enum(PARTY_ROLES), z.string()),
  coBidders: z.string(),
  coBidderIds: opt(z.array(z.object({ id: z.string(), name: z.string() }))),
  wantsToParticipate: z.boolean(),
  crossCutting: z.boolean(),
  status: z.enum(BID_STATUSES),
  statusReason: opt(z.string()),
  statusAt: opt(z.string()),
  statusBy: opt(z.string()),
  submittedAt: z.string(),
  editedAt: opt(z.string()),
  withdrawnAt: opt(z.string()),
  konsekvens: opt(KonsekvensSchema),
  history: z.array(AuditSchema),
  konkretisering: opt(KonkretiseringSchema),
  // Flat beside the bid for the lists (see konkretiseringFlags); not part of the domain's Bid.
  konkretiseringDue: opt(z.string()),
  _etag: z.string(),
});

const DigestBidSchema = z.object({ id: z.string(), number: z.number().int(), title: z.string(), status: z.enum(BID_STATUSES), statusAt: opt(z.string()), konkretiseringDue: opt(z.string()) });

const BidHistorySchema = z.object({ number: z.number().int(), title: z.string(), bidderId: z.string(), bidderName: z.string(), history: z.array(AuditSchema) });

/** The fields of TenderSummary and BidSummary, as a projection: what a list row shows and nothing more. */
const TENDER_SUMMARY_KEYS = ['id', 'groupId', 'groupName', 'kerneopgaveName', 'title', 'deadline', 'status', 'activeBids', 'cancelReason', 'createdAt', 'readyForLead'] as const satisfies readonly (keyof TenderSummary)[];
const BID_SUMMARY_KEYS = ['id', 'tenderId', 'number', 'bidderName', 'title', 'status', 'crossCutting', 'submittedAt', 'statusReason', 'konkretiseringDue'] as const satisfies readonly (keyof BidSummary)[];
const projection = (keys: readonly string[]) => keys.map((k) => `c.${k}`).join(', ');
const TENDER_SUMMARY = projection(TENDER_SUMMARY_KEYS);
const BID_SUMMARY = projection(BID_SUMMARY_KEYS);
/** zod's `pick` mask for these keys, so each summary's fields are listed once. */
const mask = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, true])) as { [P in K]: true };
const TenderSummarySchema = TenderItemSchema.pick(mask(TENDER_SUMMARY_KEYS));
const BidSummarySchema = BidItemSchema.pick(mask(BID_SUMMARY_KEYS));
const toTenderSummary = (row: unknown): TenderSummary => TenderSummarySchema.parse(row);
const toBidSummary = (row: unknown): BidSummary => BidSummarySchema.parse(row);

export const TallyItemSchema = z.object({
  id: z.string(),
  pk: z.string(),
  type: z.literal('tally'),
  tenantId: z.string(),
  tenderId: z.string(),
  bidSeq: z.number().int(),
  activeBids: z.number().int(),
  batch: z.record(z.number().int()),
  unshown: z.boolean(),
  shownAt: opt(z.string()),
  _etag: z.string(),
});

export const tallyId = (tenderId: string) => `tally-${tenderId}`;

function toTally(resource: unknown): Versioned<Tally> {
  const { id: _id, pk: _pk, type: _type, _etag, ...tally } = TallyItemSchema.parse(resource);
  return { value: tally, etag: _etag };
}

function toTender(resource: unknown): Versioned<Tender> {
  const { pk: _pk, type: _type, _etag, ...tender } = TenderItemSchema.parse(resource);
  return { value: tender, etag: _etag };
}

function toBid(resource: unknown): Versioned<Bid> {
  const { pk: _pk, type: _type, _etag, ...bid } = BidItemSchema.parse(resource);
  return { value: bid, etag: _etag };
}

/**
 * Published tenders may close or need a card update; closed ones until their group has been told;
 * cancelled ones until their bidders' notices are in the outbox.
 */
const needsAttention = (t: Tender) =>
  t.status === 'published' || (t.status === 'closed' && !t.closingReportedAt) || (t.status === 'cancelled' && Boolean(t.cancelledAt) && !t.cancelNoticesQueuedAt);

const write = writeOutcome;

export class CosmosTenderRepository implements TenderRepository {
  constructor(private readonly container: Container) {}

  /**
   * One query inside the tenant's partition: `partitionKey` routes it to that one partition on Azure
   * (the embedded server ignores the option, hence `c.pk = @pk` as well). `select` names the fields a
   * list shows, so a row costs what its card line needs.
   */
  private async query(tenantId: string, where: string, parameters: SqlParameter[] = [], orderBy = '', top?: number, select = '*') {
    const { resources } = await this.container.items
      .query<Record<string, unknown>>(
        {
          query: `SELECT ${top ? `TOP ${Math.trunc(top)} ` : ''}${select} FROM c WHERE c.pk = @pk AND ${where}${orderBy ? ` ORDER BY ${orderBy}` : ''}`,
          parameters: [{ name: '@pk', value: tenantId }, ...parameters],
        },
        { partitionKey: tenantId },
      )
      .fetchAll();
    return resources;
  }

  async getTender(tenantId: string, tenderId: string) {
    if (!isItemId(tenderId)) return undefined;
    const { resource, statusCode } = await this.container.item(tenderId, tenantId).read();
    return statusCode === 404 || !resource || resource.type !== 'tender' ? undefined : toTender(resource);
  }

  saveTender(tender: Tender, etag: string | undefined): Promise<SaveOutcome> {
    // `attention` stays for an instance of the previous version running alongside during a deploy.
    const item = { ...tender, pk: tender.tenantId, type: 'tender', attention: needsAttention(tender), attentionAt: attentionAt(tender) };
    return write(() =>
      etag === undefined
        ? this.container.items.create(item)
        : this.container.item(tender.id, tender.tenantId).replace(item, { accessCondition: { type: 'IfMatch', condition: etag } }),
    );
  }

  async getBid(tenantId: string, bidId: string) {
    if (!isItemId(bidId)) return undefined;
    const { resource, statusCode } = await this.container.item(bidId, tenantId).read();
    return statusCode === 404 || !resource || resource.type !== 'bid' ? undefined : toBid(resource);
  }

  async createBid(bid: Bid): Promise<'saved' | 'exists'> {
    return (await write(() => this.container.items.create({ ...bid, pk: bid.tenantId, type: 'bid' }))) === 'saved' ? 'saved' : 'exists';
  }

  saveBid(bid: Bid, etag: string): Promise<SaveOutcome> {
    return write(() => this.container.item(bid.id, bid.tenantId).replace({ ...bid, pk: bid.tenantId, type: 'bid', ...bidFlags(bid) }, { accessCondition: { type: 'IfMatch', condition: etag } }));
  }

  async bidHistoriesOfTender(tenantId: string, tenderId: string) {
    const rows = await this.query(tenantId, "c.type = 'bid' AND c.tenderId = @t AND c.number > 0", [{ name: '@t', value: tenderId }], 'c.number ASC', undefined, 'c.number, c.title, c.bidderId, c.bidderName, c.history');
    return rows.map((r) => BidHistorySchema.parse(r));
  }

  async bidsOfTender(tenantId: string, tenderId: string, page: { after?: number | undefined; before?: number | undefined; limit: number }) {
    const base = "c.type = 'bid' AND c.tenderId = @t";
    const params = [{ name: '@t', value: tenderId }];
    if (page.before !== undefined) {
      const rows = await this.query(tenantId, `${base} AND c.number < @n`, [...params, { name: '@n', value: page.before }], 'c.number DESC', page.limit, BID_SUMMARY);
      return rows.map(toBidSummary).reverse();
    }
    const rows = await this.query(tenantId, `${base} AND c.number > @n`, [...params, { name: '@n', value: page.after ?? 0 }], 'c.number ASC', page.limit, BID_SUMMARY);
    return rows.map(toBidSummary);
  }

  async allBidsOfTender(tenantId: string, tenderId: string) {
    return (await this.query(tenantId, "c.type = 'bid' AND c.tenderId = @t", [{ name: '@t', value: tenderId }], 'c.number ASC')).map((r) => toBid(r).value);
  }

  async unnumberedBids(tenantId: string, tenderId: string) {
    return (await this.query(tenantId, "c.type = 'bid' AND c.tenderId = @t AND c.number = 0", [{ name: '@t', value: tenderId }])).map((r) => toBid(r));
  }

  async latestBidders(tenantId: string, tenderId: string, limit: number) {
    const rows = await this.query(tenantId, "c.type = 'bid' AND c.tenderId = @t AND c.status != 'withdrawn'", [{ name: '@t', value: tenderId }], 'c.submittedAt DESC', limit, 'c.bidderTeamsId, c.submittedAt');
    return [...new Set(rows.map((r) => z.object({ bidderTeamsId: z.string() }).parse(r).bidderTeamsId))];
  }

  async getTally(tenantId: string, tenderId: string) {
    if (!isItemId(tenderId)) return undefined;
    const { resource, statusCode } = await this.container.item(tallyId(tenderId), tenantId).read();
    return statusCode === 404 || !resource || resource.type !== 'tally' ? undefined : toTally(resource);
  }

  saveTally(tally: Tally, etag: string | undefined): Promise<SaveOutcome> {
    const item = { ...tally, id: tallyId(tally.tenderId), pk: tally.tenantId, type: 'tally' };
    return write(() =>
      etag === undefined
        ? this.container.items.create(item)
        : this.container.item(item.id, tally.tenantId).replace(item, { accessCondition: { type: 'IfMatch', condition: etag } }),
    );
  }

  async bidsOfBidder(tenantId: string, bidderId: string, tenderId?: string) {
    const where = `c.type = 'bid' AND c.bidderId = @b${tenderId ? ' AND c.tenderId = @t' : ''}`;
    const params = [{ name: '@b', value: bidderId }, ...(tenderId ? [{ name: '@t', value: tenderId }] : [])];
    return (await this.query(tenantId, where, params)).map((r) => toBid(r).value);
  }

  async tendersOfGroup(tenantId: string, groupId: string) {
    return (await this.query(tenantId, "c.type = 'tender' AND c.groupId = @g", [{ name: '@g', value: groupId }])).map((r) => toTender(r).value);
  }

  async digestTendersOfGroup(tenantId: string, groupId: string, closedSince: Date, limit: number) {
    const rows = await this.query(
      tenantId,
      "c.type = 'tender' AND c.groupId = @g AND (c.status = 'draft' OR c.status = 'published' OR (c.status = 'closed' AND c.deadline >= @since))",
      [
        { name: '@g', value: groupId },
        { name: '@since', value: closedSince.toISOString() },
      ],
      'c.deadline ASC',
      limit,
      TENDER_SUMMARY,
    );
    return rows.map(toTenderSummary);
  }

  async digestBidsOfGroup(tenantId: string, groupId: string, decidedSince: Date, limit: number) {
    const rows = await this.query(
      tenantId,
      "c.type = 'bid' AND c.groupId = @g AND (c.konkretiseringOpen = true OR c.statusAt >= @since)",
      [
        { name: '@g', value: groupId },
        { name: '@since', value: decidedSince.toISOString() },
      ],
      'c.submittedAt ASC',
      limit,
      'c.id, c.number, c.title, c.status, c.statusAt, c.konkretiseringDue',
    );
    return rows.map((r) => DigestBidSchema.parse(r));
  }

  async openKonsekvensOfGroup(tenantId: string, groupId: string, limit: number) {
    const rows = await this.query(tenantId, "c.type = 'bid' AND c.groupId = @g AND c.konsekvensOpen = true", [{ name: '@g', value: groupId }], 'c.submittedAt ASC', limit, 'c.id, c.title, c.submittedAt');
    return rows.map((r) => z.object({ id: z.string(), title: z.string() }).parse(r));
  }

  async openTenderSummaries(tenantId: string, now: Date, limit: number) {
    const rows = await this.query(tenantId, "c.type = 'tender' AND c.status = 'published' AND c.deadline > @now", [{ name: '@now', value: now.toISOString() }], 'c.deadline ASC', limit, TENDER_SUMMARY);
    return rows.map(toTenderSummary);
  }

  async tenderSummariesOfGroup(tenantId: string, groupId: string, limit: number) {
    return (await this.query(tenantId, "c.type = 'tender' AND c.groupId = @g", [{ name: '@g', value: groupId }], 'c.createdAt DESC', limit, TENDER_SUMMARY)).map(toTenderSummary);
  }

  async tenderSummaries(tenantId: string, tenderIds: readonly string[]) {
    if (tenderIds.length === 0) return [];
    const ids = [...new Set(tenderIds)];
    return (await this.query(tenantId, "c.type = 'tender' AND ARRAY_CONTAINS(@ids, c.id)", [{ name: '@ids', value: ids }], '', ids.length, TENDER_SUMMARY)).map(toTenderSummary);
  }

  async bidSummariesOfBidder(tenantId: string, bidderId: string, limit: number) {
    return (await this.query(tenantId, "c.type = 'bid' AND c.bidderId = @b", [{ name: '@b', value: bidderId }], 'c.submittedAt DESC', limit, BID_SUMMARY)).map(toBidSummary);
  }

  async activeBidTenderIds(tenantId: string, bidderId: string, tenderIds: readonly string[]) {
    if (tenderIds.length === 0) return [];
    const rows = await this.query(
      tenantId,
      "c.type = 'bid' AND c.bidderId = @b AND c.status != 'withdrawn' AND ARRAY_CONTAINS(@ids, c.tenderId)",
      [
        { name: '@b', value: bidderId },
        { name: '@ids', value: [...new Set(tenderIds)] },
      ],
      '',
      undefined,
      'c.tenderId',
    );
    return rows.map((r) => z.object({ tenderId: z.string() }).parse(r).tenderId);
  }

  async tendersNeedingAttention(now: Date, shownBefore: Date, unnumberedBefore: Date): Promise<SweepScan> {
    // The scheduler's only cross-partition query: it serves no person's request and returns ids only,
    // and every step after it reads and writes inside the tender's own tenant. One query for the three
    // kinds of work, each an indexed filter on what is due, so an idle tenant costs the same whatever
    // its history. Items the previous version stored have `attention` but no `attentionAt`: they are
    // picked up until the sweep first writes them.
    const { resources } = await this.container.items
      .query<{ pk: string; id: string; type: string; tenderId?: string }>({
        query:
          'SELECT c.pk, c.id, c.type, c.tenderId FROM c WHERE ' +
          "(c.type = 'tender' AND (c.attentionAt <= @now OR (c.attention = true AND NOT IS_DEFINED(c.attentionAt)))) OR " +
          "(c.type = 'tally' AND c.unshown = true AND (NOT IS_DEFINED(c.shownAt) OR c.shownAt <= @shownBefore)) OR " +
          "(c.type = 'bid' AND c.number = 0 AND c.submittedAt <= @unnumberedBefore) OR " +
          // An award's catalogue (same container) until its activity, bid status and notices are done.
          "(c.type = 'catalogue' AND c.attention = true)",
        parameters: [
          { name: '@now', value: now.toISOString() },
          { name: '@shownBefore', value: shownBefore.toISOString() },
          { name: '@unnumberedBefore', value: unnumberedBefore.toISOString() },
        ],
      })
      .fetchAll();
    const refs = (type: string): TenderRef[] => {
      const seen = new Map<string, TenderRef>();
      for (const r of resources) {
        if (r.type !== type) continue;
        const ref = { tenantId: r.pk, tenderId: type === 'tender' ? r.id : (r.tenderId ?? '') };
        if (ref.tenderId) seen.set(`${ref.tenantId}|${ref.tenderId}`, ref);
      }
      return [...seen.values()];
    };
    const unsettled = resources.filter((r) => r.type === 'catalogue').map((r) => ({ tenantId: r.pk, catalogueId: r.id }));
    return { due: refs('tender'), unshown: refs('tally'), unnumbered: refs('bid'), unsettled };
  }
}
