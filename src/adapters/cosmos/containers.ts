// The Cosmos DB containers, their partition keys and document ids: the one place that knows them.
// See README "Architecture" for why each key was chosen and what each user action costs.

import { createHash } from 'node:crypto';

export interface ContainerDefinition {
  readonly id: string;
  readonly partitionKey: string;
  /**
   * The only properties the container indexes: those a query filters or orders on. Everything else
   * (texts, histories, topics, rosters) is excluded, so a write costs what its few queried fields
   * cost, not what the item holds. A new query on another property must add it here and in
   * infra/main.bicep (tests/unit/indexing.test.ts checks both).
   */
  readonly indexed: readonly string[];
}

/**
 * directory: pk = tenant id. One "directory" item per tenant (groups with their members, kerneopgaver,
 * links), one `person-<id>` item per person on the roster, and one item per conversation the bot is in. Everything a turn needs about people and places is a point
 * read in the tenant's own partition, and no query can cross tenants.
 */
export const CONTAINERS = {
  // `nameFolded`: the people search issue 12's co-bidder picker will query.
  // `status`: the erasure sweep's query for erasures not yet done; `email`: `persondata <e-mail>` (app/person-data.ts).
  directory: { id: 'directory', partitionKey: '/pk', indexed: ['pk', 'type', 'nameFolded', 'status', 'email'] },
  tenders: {
    id: 'tenders',
    partitionKey: '/pk',
    indexed: ['pk', 'type', 'status', 'groupId', 'deadline', 'createdAt', 'bidderId', 'tenderId', 'number', 'submittedAt', 'attentionAt', 'attention', 'unshown', 'shownAt', 'bidId', 'konsekvensOpen', 'evaluationDate', 'konkretiseringOpen', 'statusAt'],
  },
  reminders: { id: 'reminders', partitionKey: '/pk', indexed: ['pk', 'type', 'status', 'dueAt', 'notBefore', 'claimedUntil', 'updatedAt', 'meetingStart', 'meetingId', 'createdAt'] },
  agendas: { id: 'agendas', partitionKey: '/pk', indexed: ['pk', 'type', 'attention', 'meetingStart'] },
} as const satisfies Record<string, ContainerDefinition>;

/** The container's indexing policy as Cosmos DB takes it: its queried properties included, everything else excluded. */
export function indexingPolicyOf(def: ContainerDefinition) {
  return {
    indexingMode: 'consistent' as const,
    automatic: true,
    includedPaths: def.indexed.map((p) => ({ path: `/${p}/?` })),
    excludedPaths: [{ path: '/*' }, { path: '/"_etag"/?' }],
  };
}

/*
 * tenders: pk = tenant id. One item per tender (`tender-…`) and one per bid (`bid-…`). A tenant has
 * tens of tenders a year and hundreds of bids, far under a logical partition's 20 GB, so every list
 * a person asks for (open tenders, a tender's bids, my bids) is a query inside one partition, and a
 * bid submission is three point operations there.
 */

/*
 * reminders: pk = tenant id for reminders (`rem-<hash of meeting, rule, target>`: planning twice
 * creates nothing twice), and pk = "system" for the sender's lease (`lease-reminder-sender`), the one
 * item that belongs to no tenant.
 */

/*
 * agendas: pk = tenant id. One item per dialogmøde (`agenda-<meeting id>`) holding its topics (at most
 * 100 active, a few hundred kB at the very most): adding, editing and withdrawing a topic and locking
 * the agenda at the meeting's start are each one etag-conditioned replace of that item, so a topic
 * and the lock can never both win, and the final agenda is exactly what the lock wrote.
 */

export const DIRECTORY_ITEM_ID = 'directory';
export const CALENDAR_ITEM_ID = 'calendar';
export const SYSTEM_PARTITION = 'system';

/** Conversation ids may hold characters Cosmos ids forbid ('/', '#', '?'), so group chats and channels are keyed by a hash. */
export function conversationItemId(conversationId: string): string {
  return `conv-${createHash('sha256').update(conversationId).digest('hex').slice(0, 40)}`;
}

/** A personal chat is keyed by the person, so "the 1:1 chat with X" is one point read. */
export function personalItemId(userId: string): string {
  return `personal-${userId.toLowerCase()}`;
}
