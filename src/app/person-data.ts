// One person's data, for an admin (GDPR articles 15 and 17): who they are (found by name, e-mail or id),
// the export of what is stored about them (a JSON file behind a signed link, made at download), and its
// erasure: deleting what exists only for them and anonymising the municipality's records that name them,
// with an audit entry in the tenant's directory partition.
//
// A click never scans: the card is drawn from the directory and the audit entry, and the confirm click
// only writes the audit entry as 'requested'. The scans happen outside Teams' invoke limit: the export
// when its link is opened (an HTTP GET), the erasure after the click (woken by it) or in the scheduler's
// pass, which finishes what a crash cut short. Finding a person's data reads the tenant's whole
// partition in each container, a page of SCAN_PAGE items at a time (a person may be named in any field
// of any item, and only a few fields are indexed): twice, once to learn the person's names and Teams
// ids beside their Entra id, once to find every item naming them. See the README's data-protection
// section for the request counts.

import { createHash, randomBytes } from 'node:crypto';
import { actorFrom, isAdmin, type Actor } from '../domain/actor.js';
import {
  addCount,
  anonymise,
  dispositionOf,
  exportParts,
  learnKeys,
  mentions,
  withoutPerson,
  type Disposition,
  type ErasureAudit,
  type ExportPart,
  type Json,
  type PersonKeys,
  type Store,
} from '../domain/person-data.js';
import type { Directory } from '../domain/directory.js';
import { fail, ok, type Result } from '../domain/result.js';
import { foldName } from '../domain/roles.js';
import type { NoticeRenderers } from './notice-kinds.js';
import { enqueueNotices, noticeId } from './notices.js';
import { readSignedFields, signFields } from './signed-link.js';
import type { Clock, DirectoryRepository, OutboxNotice, OutboxRepository, PersonDataRepository, StoredItem } from './ports.js';

export interface PersonDataDeps {
  readonly personData: PersonDataRepository;
  readonly directories: DirectoryRepository;
  readonly clock: Clock;
  /** Where the admin's notice goes when an erasure is done. */
  readonly outbox?: OutboxRepository | undefined;
  /** The pseudonym an erasure puts in place of the person's ids (random unless a test fixes it). */
  readonly newPseudonym?: (() => string) | undefined;
}

/** Items per page of a scan: one query page of at most this many items. */
export const SCAN_PAGE = 100;
/** Rounds an erasure makes when writes race it, before it leaves the rest to the next pass. */
const ERASE_ATTEMPTS = 3;
/** The audit entries the admin's overview shows. */
export const AUDIT_SHOWN = 10;

/** An Entra object id (what the roster file and Entra admin center show for a person). */
const ENTRA_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type PersonDataError = 'ADMIN.REQUIRED' | 'PERSON.BAD_ID' | 'PERSON.NOT_FOUND';

/** Seed-free rule, the municipality's: only an administrator sees or erases another person's data. */
export const mayHandlePersonData = (actor: Actor): boolean => isAdmin(actor);

const kindOf = (s: StoredItem): string => (typeof s.item.type === 'string' ? s.item.type : s.store);
const isAudit = (s: StoredItem) => s.store === 'directory' && s.item.type === 'erasure';

interface Found {
  readonly keys: PersonKeys;
  readonly items: readonly StoredItem[];
  /** Everyone else the roster names, for masking them in an export. */
  readonly others: { ids: Set<string>; names: Set<string> };
}

function tally(items: readonly StoredItem[], keys: PersonKeys) {
  let deletes: Record<string, number> = {};
  let anonymises: Record<string, number> = {};
  for (const s of items) {
    if (dispositionOf(s.store, s.item, keys) === 'delete') deletes = addCount(deletes, kindOf(s));
    else anonymises = addCount(anonymises, kindOf(s));
  }
  return { deletes, anonymises };
}

/** Two scans of the tenant: the first learns the person's names and Teams ids, the second keeps every item that names them. */
async function findPerson(deps: PersonDataDeps, tenantId: string, start: PersonKeys): Promise<Found> {
  let keys = start;
  const others = { ids: new Set<string>(), names: new Set<string>() };
  const pid = start.id.toLowerCase();
  await deps.personData.scanTenant(tenantId, SCAN_PAGE, async (page) => {
    for (const s of page) {
      if (isAudit(s)) continue;
      keys = learnKeys(s.item, keys);
      if (s.store !== 'directory') continue;
      // The roster's other people (its person items and the directory's group members), for the export's masking.
      const people: Json[] = s.item.type === 'directory' && Array.isArray(s.item.people) ? s.item.people : s.item.type === 'person' ? [{ id: s.item.personId ?? '', name: s.item.name ?? '' }] : [];
      for (const p of people) {
        if (typeof p !== 'object' || p === null || Array.isArray(p) || typeof p.id !== 'string' || p.id.toLowerCase() === pid) continue;
        others.ids.add(p.id.toLowerCase());
        if (typeof p.name === 'string') others.names.add(p.name);
      }
    }
  });
  for (const n of keys.names) others.names.delete(n);
  const items: StoredItem[] = [];
  await deps.personData.scanTenant(tenantId, SCAN_PAGE, async (page) => {
    for (const s of page) if (!isAudit(s) && mentions(s.item, keys)) items.push(s);
  });
  return { keys, items, others };
}

/** What the admin's card shows about one person: who they are (no scan), and the state of an earlier erasure. */
export interface PersonOverview {
  readonly personId: string;
  /** Their name on the roster; undefined when the id is not on it (a person removed may still be named in old data). */
  readonly name?: string | undefined;
  /** An earlier or current erasure of this person, if any. */
  readonly erasure?: ErasureAudit | undefined;
}

function checkRequest(actor: Actor, personId: string): Result<string, PersonDataError> {
  if (!mayHandlePersonData(actor)) return fail('ADMIN.REQUIRED');
  if (!looksLikePersonId(personId)) return fail('PERSON.BAD_ID');
  return ok(personId.trim().toLowerCase());
}

/** A Teams user id ("29:1a2b…"): a person already off the roster may be known only by it in old data. */
const TEAMS_ID = /^\d+:[A-Za-z0-9_-]{4,}$/;
export const looksLikePersonId = (s: string): boolean => ENTRA_ID.test(s.trim()) || TEAMS_ID.test(s.trim());

/**
 * The card's content, from stored state only: the person's name from the directory item the turn
 * read (or their roster line: 1 point read when they are in no group), and the erasure audit entry
 * (1 point read). Nothing is scanned: the counts are in the export file and in the erasure's notice.
 */
export async function personOverview(deps: PersonDataDeps, actor: Actor, directory: Directory | undefined, personIdInput: string): Promise<Result<PersonOverview, PersonDataError>> {
  const checked = checkRequest(actor, personIdInput);
  if (!checked.ok) return checked;
  const personId = checked.value;
  const inGroups = directory?.people.find((p) => p.id.toLowerCase() === personId);
  const [erasure, onRoster] = await Promise.all([
    deps.personData.getErasure(actor.tenantId, personId),
    inGroups || !ENTRA_ID.test(personId) ? Promise.resolve([]) : deps.directories.peopleByIds(actor.tenantId, [personId]),
  ]);
  return ok({ personId, name: inGroups?.name ?? onRoster[0]?.name, erasure: erasure?.value });
}

/** How many people a name search lists before asking for a longer name. */
export const MATCHES_SHOWN = 10;

export type PersonMatch = { readonly id: string; readonly name: string };

/**
 * Who `persondata <words>` means: an e-mail or a name matched against the directory item the turn
 * read (the people in some group, with their e-mails), and a name also against the roster's people
 * search (`nameFolded`, one TOP query). At most MATCHES_SHOWN + 1, so the caller knows there are more.
 */
export async function findPeople(deps: PersonDataDeps, actor: Actor, directory: Directory | undefined, words: string): Promise<Result<PersonMatch[], PersonDataError>> {
  if (!mayHandlePersonData(actor)) return fail('ADMIN.REQUIRED');
  const typed = words.trim();
  const folded = foldName(typed);
  const found = new Map<string, PersonMatch>();
  const add = (p: PersonMatch) => {
    if (!found.has(p.id.toLowerCase())) found.set(p.id.toLowerCase(), { id: p.id.toLowerCase(), name: p.name });
  };
  if (typed.includes('@')) {
    for (const p of directory?.people ?? []) if (p.email?.toLowerCase() === typed.toLowerCase()) add(p);
    if (found.size === 0) for (const p of await deps.personData.peopleByEmail(actor.tenantId, typed, MATCHES_SHOWN + 1)) add(p);
    return ok([...found.values()]);
  }
  if (folded.length < 2) return ok([]);
  for (const p of directory?.people ?? []) if (foldName(p.name).includes(folded)) add(p);
  for (const p of await deps.directories.searchPeople(actor.tenantId, folded, MATCHES_SHOWN + 1)) add(p);
  // A full name typed exactly is that person, even when it is also part of a longer name.
  const exact = [...found.values()].filter((p) => foldName(p.name) === folded);
  const all = exact.length === 1 ? exact : [...found.values()];
  return ok(all.sort((a, b) => a.name.localeCompare(b.name, 'da')).slice(0, MATCHES_SHOWN + 1));
}

/** The export file's content: every part of every item that is about the person, and nothing about anyone else. */
export interface PersonExport {
  readonly format: 'kerneopgave-persondata/1';
  readonly tenantId: string;
  readonly personId: string;
  readonly exportedAt: string;
  readonly person: { readonly names: readonly string[]; readonly emails: readonly string[]; readonly teamsIds: readonly string[] };
  readonly items: readonly { readonly container: Store; readonly kind: string; readonly id: string; readonly parts: readonly ExportPart[] }[];
  /** What an erasure would do now, by kind: the counts the admin's card does not show (they need this scan). */
  readonly erasure: { readonly deletes: Readonly<Record<string, number>>; readonly anonymises: Readonly<Record<string, number>> };
}

export async function exportPersonData(deps: PersonDataDeps, actor: Actor, personIdInput: string): Promise<Result<PersonExport, PersonDataError>> {
  const checked = checkRequest(actor, personIdInput);
  if (!checked.ok) return checked;
  const found = await findPerson(deps, actor.tenantId, { id: checked.value, names: [], emails: [], teamsIds: [] });
  if (found.items.length === 0) return fail('PERSON.NOT_FOUND');
  return ok({
    format: 'kerneopgave-persondata/1',
    tenantId: actor.tenantId,
    personId: checked.value,
    exportedAt: deps.clock.now().toISOString(),
    person: { names: found.keys.names, emails: found.keys.emails, teamsIds: found.keys.teamsIds },
    items: found.items.map((s) => ({ container: s.store, kind: kindOf(s), id: String(s.item.id), parts: exportParts(s.item, found.keys, found.others) })),
    erasure: tally(found.items, found.keys),
  });
}

async function apply(deps: PersonDataDeps, s: StoredItem, disposition: Disposition, keys: PersonKeys, pseudonym: string) {
  if (disposition === 'delete') return deps.personData.deleteItem(s.store, String(s.item.pk), String(s.item.id), s.etag);
  const changed = disposition === 'remove-from-directory' ? withoutPerson(s.item, keys, pseudonym) : anonymise(s.item, keys, pseudonym);
  return deps.personData.replaceItem(s.store, changed, s.etag);
}

/** One audit entry per person; the id is a hash, so the item's id (and the admin's notice, which points at it) does not spell out whose it is. */
export const erasureItemId = (personId: string): string => `erasure-${createHash('sha256').update(personId.toLowerCase()).digest('hex').slice(0, 32)}`;

export type ErasureRequest = { readonly audit: ErasureAudit; readonly already: boolean };

/**
 * The confirm click: writes the audit entry as 'requested' (who asked, when, the person's id; never their
 * name) and returns at once; the erasure runs after the click (runErasure). 1 point read + 1 write. An
 * erasure already asked for and not done is left as it is (`already`), so a second click starts nothing twice.
 */
export async function requestErasure(deps: PersonDataDeps, actor: Actor, personIdInput: string, locale: 'da' | 'en', notify?: ErasureAudit['notify']): Promise<Result<ErasureRequest, PersonDataError>> {
  const checked = checkRequest(actor, personIdInput);
  if (!checked.ok) return checked;
  const personId = checked.value;
  for (let tries = 0; tries < 5; tries++) {
    const stored = await deps.personData.getErasure(actor.tenantId, personId);
    if (stored && stored.value.status !== 'done') return ok({ audit: stored.value, already: true });
    // One audit entry per person: a later erasure (of what was stored since) keeps the counts and the pseudonym.
    const audit: ErasureAudit = {
      tenantId: actor.tenantId,
      personId,
      requestedBy: { id: actor.personId, name: actor.name },
      startedAt: deps.clock.now().toISOString(),
      status: 'requested',
      deleted: stored?.value.deleted ?? {},
      anonymised: stored?.value.anonymised ?? {},
      pseudonym: stored?.value.pseudonym ?? `slettet-${(deps.newPseudonym ?? (() => randomBytes(6).toString('hex')))()}`,
      locale,
      notify,
    };
    if ((await deps.personData.saveErasure(audit, stored?.etag)) === 'saved') return ok({ audit, already: false });
  }
  throw new Error('the erasure audit entry kept changing');
}

/** How long an instance's claim on an erasure stands; it is extended at every checkpoint, so only a dead instance's runs out. */
export const ERASE_CLAIM_MS = 10 * 60_000;
/** Item changes between checkpoints (the counts saved, the claim extended). */
const CHECKPOINT = 25;
/** Unfinished erasures one sweep takes on. */
const SWEEP_LIMIT = 20;

export type ErasureRun = 'done' | 'busy' | 'lost' | 'incomplete' | 'nothing';

/** The admin's one notice: its id is fixed by the erasure (person and when it was asked), so enqueueing it again sends it once. */
function doneNotice(audit: ErasureAudit, erasureId: string, now: Date): OutboxNotice {
  // The notice names nobody: it points at the audit entry (a hash of the id), whose person id the card shows when sent.
  const to: OutboxNotice['to'] = audit.notify
    ? { kind: 'person', person: { tenantId: audit.tenantId, userId: audit.requestedBy.id, teamsId: audit.notify.teamsId, serviceUrl: audit.notify.serviceUrl } }
    : { kind: 'personal', userId: audit.requestedBy.id };
  return {
    id: noticeId(`erasure.done|${erasureId}|${audit.startedAt}`, audit.requestedBy.id),
    tenantId: audit.tenantId,
    subject: { kind: 'erasure.done', erasureId, deleted: audit.deleted, anonymised: audit.anonymised, locale: audit.locale ?? 'da' },
    to,
    status: 'pending',
    attempts: 0,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

/**
 * Erases the person whose erasure was asked for, after the click (woken by it) or in the scheduler's
 * pass (finishing what a crash or restart cut short). The instance claims the audit entry with its etag
 * first, so only one erases a person at a time; each checkpoint saves the counts and extends the claim
 * with the etag, and a failed one means another instance took over: this one stops. It deletes the
 * roster entry, the 1:1 chat's record and the reminders and notices addressed to them; takes them out
 * of the directory's groups; anonymises every other item that names them. What it looks for is saved
 * in the entry (`pending`) before anything changes, so it can be finished after the roster line is gone.
 * When nothing names the person any more, the admin's notice is enqueued and the entry marked 'done'.
 */
export async function runErasure(deps: PersonDataDeps, tenantId: string, personId: string, instanceId: string): Promise<ErasureRun> {
  let stored = await deps.personData.getErasure(tenantId, personId);
  if (!stored || stored.value.status === 'done') return 'nothing';
  const now = () => deps.clock.now();
  // A live claim is left alone, even this instance's own: the click's wake-up and the loop's pass may meet here.
  const claimed = stored.value.status === 'running' && stored.value.claimedUntil && new Date(stored.value.claimedUntil).getTime() > now().getTime();
  if (claimed) return 'busy';
  let audit: ErasureAudit = stored.value;
  /** Saves with the etag, extending the claim; false when someone else wrote the entry (they have it now). */
  const checkpoint = async (next: ErasureAudit): Promise<boolean> => {
    const withClaim = next.status === 'done' ? next : { ...next, claimedBy: instanceId, claimedUntil: new Date(now().getTime() + ERASE_CLAIM_MS).toISOString() };
    if ((await deps.personData.saveErasure(withClaim, stored?.etag)) !== 'saved') return false;
    stored = await deps.personData.getErasure(tenantId, personId);
    audit = withClaim;
    return stored !== undefined;
  };
  if (!(await checkpoint({ ...audit, status: 'running' }))) return 'busy';
  let found = await findPerson(deps, tenantId, audit.pending ?? { id: personId, names: [], emails: [], teamsIds: [] });
  if (!(await checkpoint({ ...audit, pending: found.keys }))) return 'lost';
  for (let attempt = 0; attempt < ERASE_ATTEMPTS && found.items.length > 0; attempt++) {
    let changes = 0;
    for (const s of found.items) {
      const disposition = dispositionOf(s.store, s.item, found.keys);
      if ((await apply(deps, s, disposition, found.keys, audit.pseudonym)) !== 'saved') continue;
      audit = disposition === 'delete' ? { ...audit, deleted: addCount(audit.deleted, kindOf(s)) } : { ...audit, anonymised: addCount(audit.anonymised, kindOf(s)) };
      if (++changes % CHECKPOINT === 0 && !(await checkpoint(audit))) return 'lost';
    }
    if (!(await checkpoint(audit))) return 'lost';
    // What a race left (an item written between the scan and the change) is found again and done again.
    found = await findPerson(deps, tenantId, found.keys);
  }
  if (found.items.length > 0) {
    // Left for the next pass: the claim given up now, so it need not wait for it to run out.
    await deps.personData.saveErasure({ ...audit, claimedBy: instanceId, claimedUntil: now().toISOString() }, stored?.etag);
    return 'incomplete';
  }
  const { pending: _forgotten, claimedBy: _by, claimedUntil: _until, ...rest } = audit;
  const done: ErasureAudit = { ...rest, status: 'done', finishedAt: now().toISOString() };
  // The notice first: a crash before the entry is marked done enqueues it again under the same id, and it is sent once.
  await enqueueNotices(deps, [doneNotice(done, erasureItemId(personId), now())]);
  return (await checkpoint(done)) ? 'done' : 'lost';
}

/**
 * The scheduler's pass: one cross-partition query for erasures not yet done (TOP SWEEP_LIMIT, ids
 * only; an idle pass is that one query), then runErasure for each (it leaves one claimed by a live
 * instance alone).
 */
export async function sweepErasures(deps: PersonDataDeps, instanceId: string): Promise<Record<ErasureRun, number>> {
  const report: Record<ErasureRun, number> = { done: 0, busy: 0, lost: 0, incomplete: 0, nothing: 0 };
  for (const e of await deps.personData.unfinishedErasures(SWEEP_LIMIT)) report[await runErasure(deps, e.tenantId, e.personId, instanceId)]++;
  return report;
}

/** The outbox's renderer for the admin's notice: drawn from the counts it carries (final once the erasure is done). */
export const erasureNotices: Pick<NoticeRenderers, 'erasure.done'> = {
  'erasure.done': async (deps, n) => {
    const audit = await deps.personData?.getErasureById(n.tenantId, n.subject.erasureId);
    if (!audit) return undefined;
    return { notice: { kind: 'erasure.done', personId: audit.personId, deleted: n.subject.deleted, anonymised: n.subject.anonymised }, locale: n.subject.locale };
  },
};

/** The tenant's erasure audit entries, newest first, for admins. */
export async function erasureLog(deps: PersonDataDeps, actor: Actor): Promise<Result<ErasureAudit[], PersonDataError>> {
  if (!mayHandlePersonData(actor)) return fail('ADMIN.REQUIRED');
  return ok(await deps.personData.erasures(actor.tenantId, AUDIT_SHOWN));
}

// ---- the export's download link ----

/** How long a download link works (as the catalogue's export links). */
export const PERSON_EXPORT_TTL_MS = 15 * 60_000;

export interface PersonExportClaims {
  readonly tenantId: string;
  /** The admin the link was made for: checked again at download. */
  readonly adminId: string;
  readonly personId: string;
  readonly expiresAt: number;
}

// Its own purpose string: a catalogue link's signature can never pass for a person-data link's.
const PURPOSE = 'kerneopgave-persondata';

export function signPersonExportToken(secret: string | Buffer, c: PersonExportClaims): string {
  return signFields(secret, PURPOSE, [1, c.tenantId, c.adminId, c.personId, c.expiresAt]);
}

export type PersonExportTokenError = 'EXPORT.TAMPERED' | 'EXPORT.EXPIRED';

export function readPersonExportToken(secret: string | Buffer, token: string, now: Date): Result<PersonExportClaims, PersonExportTokenError> {
  const read = readSignedFields(secret, PURPOSE, token);
  if (!read.ok) return read;
  const fields = read.value;
  if (fields[0] !== 1) return fail('EXPORT.TAMPERED');
  const [, tenantId, adminId, personId, expiresAt] = fields;
  if (typeof tenantId !== 'string' || typeof adminId !== 'string' || typeof personId !== 'string' || typeof expiresAt !== 'number') return fail('EXPORT.TAMPERED');
  if (now.getTime() >= expiresAt) return fail('EXPORT.EXPIRED');
  return ok({ tenantId, adminId, personId, expiresAt });
}

/** The file's name: the person's id hashed, so a download folder does not list whose data it holds. */
export function personExportFileName(c: Pick<PersonExportClaims, 'personId'>, at: Date): string {
  return `persondata-${createHash('sha256').update(c.personId).digest('hex').slice(0, 8)}-${at.toISOString().slice(0, 10)}.json`;
}

export type PersonDownloadError = PersonExportTokenError | PersonDataError;

/** The export behind a link: the token checked first, then that the admin it was made for is still an admin. */
export async function openPersonExport(deps: PersonDataDeps & { readonly secret: string | Buffer }, token: string): Promise<Result<{ claims: PersonExportClaims; data: PersonExport }, PersonDownloadError>> {
  const claims = readPersonExportToken(deps.secret, token, deps.clock.now());
  if (!claims.ok) return claims;
  const directory = await deps.directories.get(claims.value.tenantId);
  const admin = actorFrom(directory?.value, claims.value.tenantId, claims.value.adminId, '');
  const data = await exportPersonData(deps, admin, claims.value.personId);
  return data.ok ? ok({ claims: claims.value, data: data.value }) : data;
}
