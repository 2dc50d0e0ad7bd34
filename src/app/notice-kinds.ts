// What each feature gives the outbox for its own notices: how a notice kind is drawn from the stored
// state when it is sent. The outbox (outbox.ts) only claims, sends and retries; it composes every
// feature's renderers into one table, and the compiler checks that each kind of outbox subject has
// exactly one. A feature adds a notice by adding its subject to `OutboxSubject` (ports.ts) and its
// renderer to its own table, next to the use cases that enqueue it.

import type { ActivityRepository, AgendaRepository, CalendarRepository, CatalogueRepository, Clock, ConversationRepository, DirectoryRepository, Notice, OutboxNotice, OutboxRepository, OutboxSubject, PersonDataRepository, TenderRepository } from './ports.js';

/** What renderers may read: the stored state a notice is drawn from. */
export interface NoticeDeps {
  readonly tenders: TenderRepository;
  readonly agendas: AgendaRepository;
  readonly directories: DirectoryRepository;
  readonly calendars: CalendarRepository;
  readonly conversations: ConversationRepository;
  readonly outbox: OutboxRepository;
  readonly clock: Clock;
  readonly catalogues: CatalogueRepository & ActivityRepository;
  /** The erasure audit entries, for the admin's notice (absent where no erasure notice is sent). */
  readonly personData?: Pick<PersonDataRepository, 'getErasureById'> | undefined;
}

export interface Rendered {
  readonly notice: Notice;
  readonly locale: 'da' | 'en';
}

/**
 * A notice drawn (send it), `undefined` when what it was about no longer exists (it is dropped), or
 * `'obsolete'` when it is no longer true to say: a scheduled reminder whose cause was dealt with before
 * it came due (a konkretisering answered before its reminder). An obsolete notice is marked skipped.
 */
export type RenderOutcome = Rendered | undefined | 'obsolete';

export type SubjectOf<K extends OutboxSubject['kind']> = Extract<OutboxSubject, { kind: K }>;

export type NoticeRenderer<K extends OutboxSubject['kind']> = (deps: NoticeDeps, notice: OutboxNotice & { readonly subject: SubjectOf<K> }) => Promise<RenderOutcome>;

/** One renderer per kind of outbox subject; each feature exports a `Pick` of this for its own kinds. */
export type NoticeRenderers = { readonly [K in OutboxSubject['kind']]: NoticeRenderer<K> };
