// The Cosmos DB containers, their partition keys and document ids: the one place that knows them.
// See README "Architecture" for why each key was chosen and what each user action costs.

import { createHash } from 'node:crypto';

export interface ContainerDefinition {
  readonly id: string;
  readonly partitionKey: string;
}

/**
 * directory: pk = tenant id. One "directory" item per tenant (groups with their members, kerneopgaver,
 * links), one `person-<id>` item per person on the roster, and one item per conversation the bot is in. Everything a turn needs about people and places is a point
 * read in the tenant's own partition, and no query can cross tenants.
 */
export const CONTAINERS = {
  directory: { id: 'directory', partitionKey: '/pk' },
  tenders: { id: 'tenders', partitionKey: '/pk' },
  reminders: { id: 'reminders', partitionKey: '/pk' },
  agendas: { id: 'agendas', partitionKey: '/pk' },
} as const satisfies Record<string, ContainerDefinition>;

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
