// What the use cases need from the outside world, as interfaces. Adapters implement them
// (Cosmos DB, Teams); tests use the same adapters against the embedded Cosmos protocol server.

import type { Directory } from '../domain/directory.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface Versioned<T> {
  readonly value: T;
  /** The store's version tag; a write with it succeeds only if nobody wrote in between. */
  readonly etag: string;
}

export type SaveOutcome = 'saved' | 'conflict';

export interface DirectoryRepository {
  get(tenantId: string): Promise<Versioned<Directory> | undefined>;
  /** Creates (etag undefined) or replaces (etag given) the tenant's directory; 'conflict' if someone wrote first. */
  save(directory: Directory, etag: string | undefined): Promise<SaveOutcome>;
}

export type ConversationType = 'personal' | 'groupChat' | 'channel';

/** Where the bot may post: one record per Teams conversation it was added to. */
export interface ConversationRecord {
  readonly tenantId: string;
  readonly conversationId: string;
  readonly conversationType: ConversationType;
  readonly name?: string | undefined;
  readonly teamId?: string | undefined;
  readonly teamName?: string | undefined;
  /** For a personal chat: the person it is with (Entra object id). */
  readonly userId?: string | undefined;
  /** The channel's conversation reference, kept as data; only the Teams adapter reads it. */
  readonly reference: Record<string, unknown>;
  readonly status: 'installed' | 'removed';
  readonly installedAt: string;
  readonly updatedAt: string;
  readonly removedAt?: string | undefined;
}

export interface ConversationRepository {
  get(tenantId: string, conversationId: string): Promise<Versioned<ConversationRecord> | undefined>;
  /** The personal chat with a person, if the bot has one. */
  getPersonal(tenantId: string, userId: string): Promise<Versioned<ConversationRecord> | undefined>;
  /** Creates (etag undefined) or replaces (etag given); 'conflict' if someone wrote first. */
  save(record: ConversationRecord, etag: string | undefined): Promise<SaveOutcome>;
}
