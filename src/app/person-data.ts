// One person's data, for an admin (GDPR articles 15 and 17): what is stored about them, the export of
// it (a JSON file behind a signed link, made at download), and its erasure: deleting what exists only for
// them and anonymising the municipality's records that name them, with an audit entry in the tenant's
// directory partition. The erasure is idempotent and finishes what a crash left when it is run again.
//
// Cost: finding a person's data reads the tenant's whole partition in each container, a page of
// SCAN_PAGE items at a time (a person may be named in any field of any item, and only a few of those
// fields are indexed). An overview, an export and an erasure each scan twice (once to learn the
// person's names and Teams ids beside their Entra id, once to find every item naming them); see the
// README's data-protection section for the request counts.

import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
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
import { fail, ok, type Result } from '../domain/result.js';
import type { Clock, DirectoryRepository, PersonDataRepository, StoredItem } from './ports.js';

export interface PersonDataDeps {
  readonly personData: PersonDataRepository;
  readonly directories: DirectoryRepository;
  readonly clock: Clock;
  /** The pseudonym an erasure puts in place of the person's ids (random unless a test fixes it). */
  readonly newPseudonym?: (() => string) | undefined;
}

/** Items per page of a scan: one query page of at most this many items. */
export const SCAN_PAGE = 100;
/** Erasure runs that meet a write race keep going this many times before asking the admin to run it again. */
const ERASE_ATTEMPTS = 3;
/** The audit entries the admin's overview shows. */
export const AUDIT_SHOWN = 10;

/** An Entra object id (what the roster file and Entra admin center show for a person). */
const ENTRA_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type PersonDataError = 'ADMIN.REQUIRED' | 'PERSON.BAD_ID' | 'PERSON.NOT_FOUND' | 'ERASURE.INCOMPLETE';

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

export interface PersonOverview {
  readonly personId: string;
  /** The names they are stored under (roster, bids, topics); empty when only their id is. */
  readonly names: readonly string[];
  /** Items an erasure would delete and anonymise, by kind. */
  readonly toDelete: Readonly<Record<string, number>>;
  readonly toAnonymise: Readonly<Record<string, number>>;
  /** An earlier erasure of this person, if any (one still 'running' was cut short and is finished by erasing again). */
  readonly erasure?: ErasureAudit | undefined;
}

function tally(items: readonly StoredItem[], keys: PersonKeys) {
  let toDelete: Record<string, number> = {};
  let toAnonymise: Record<string, number> = {};
  for (const s of items) {
    if (dispositionOf(s.store, s.item, keys) === 'delete') toDelete = addCount(toDelete, kindOf(s));
    else toAnonymise = addCount(toAnonymise, kindOf(s));
  }
  return { toDelete, toAnonymise };
}

function checkRequest(actor: Actor, personId: string): Result<string, PersonDataError> {
  if (!mayHandlePersonData(actor)) return fail('ADMIN.REQUIRED');
  if (!ENTRA_ID.test(personId.trim())) return fail('PERSON.BAD_ID');
  return ok(personId.trim().toLowerCase());
}

/** What is stored about the person, counted by what an erasure would do with it. */
export async function personOverview(deps: PersonDataDeps, actor: Actor, personIdInput: string): Promise<Result<PersonOverview, PersonDataError>> {
  const checked = checkRequest(actor, personIdInput);
  if (!checked.ok) return checked;
  const personId = checked.value;
  const erasure = (await deps.personData.getErasure(actor.tenantId, personId))?.value;
  const start = erasure?.pending ?? { id: personId, names: [], emails: [], teamsIds: [] };
  const found = await findPerson(deps, actor.tenantId, start);
  if (found.items.length === 0 && !erasure) return fail('PERSON.NOT_FOUND');
  return ok({ personId, names: found.keys.names, ...tally(found.items, found.keys), erasure });
}

/** The export file's content: every part of every item that is about the person, and nothing about anyone else. */
export interface PersonExport {
  readonly format: 'kerneopgave-persondata/1';
  readonly tenantId: string;
  readonly personId: string;
  readonly exportedAt: string;
  readonly person: { readonly names: readonly string[]; readonly emails: readonly string[]; readonly teamsIds: readonly string[] };
  readonly items: readonly { readonly container: Store; readonly kind: string; readonly id: string; readonly parts: readonly ExportPart[] }[];
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
  });
}

async function apply(deps: PersonDataDeps, s: StoredItem, disposition: Disposition, keys: PersonKeys, pseudonym: string) {
  if (disposition === 'delete') return deps.personData.deleteItem(s.store, String(s.item.pk), String(s.item.id), s.etag);
  const changed = disposition === 'remove-from-directory' ? withoutPerson(s.item, keys, pseudonym) : anonymise(s.item, keys, pseudonym);
  return deps.personData.replaceItem(s.store, changed, s.etag);
}

/**
 * Erases the person: deletes their roster entry, their 1:1 chat's record and the reminders and notices
 * still addressed to them; takes them out of the directory's groups; anonymises every other item that
 * names them. The audit entry is written first (status 'running', with what to look for), updated as
 * items change, and marked 'done' at the end, when what it looked for is removed from it. Run again,
 * it finishes what a crash left; run after it is done, it erases what was stored since.
 */
export async function erasePerson(deps: PersonDataDeps, actor: Actor, personIdInput: string): Promise<Result<ErasureAudit, PersonDataError>> {
  const checked = checkRequest(actor, personIdInput);
  if (!checked.ok) return checked;
  const personId = checked.value;
  const tenantId = actor.tenantId;
  let stored = await deps.personData.getErasure(tenantId, personId);
  const running = stored?.value.status === 'running' ? stored.value : undefined;
  let found = await findPerson(deps, tenantId, running?.pending ?? { id: personId, names: [], emails: [], teamsIds: [] });
  if (found.items.length === 0 && !running) return stored ? ok(stored.value) : fail('PERSON.NOT_FOUND');
  const now = deps.clock.now().toISOString();
  // One audit entry per person: a later erasure (of what was stored since) keeps the counts and the
  // pseudonym, and says who ran it last and when.
  let audit: ErasureAudit = running
    ? { ...running, pending: found.keys }
    : {
        tenantId,
        personId,
        requestedBy: { id: actor.personId, name: actor.name },
        startedAt: now,
        status: 'running',
        deleted: stored?.value.deleted ?? {},
        anonymised: stored?.value.anonymised ?? {},
        pseudonym: stored?.value.pseudonym ?? `slettet-${(deps.newPseudonym ?? (() => randomBytes(6).toString('hex')))()}`,
        pending: found.keys,
      };
  // The audit entry's etag chain: a second admin erasing the same person at the same time re-reads and carries on.
  const save = async (next: ErasureAudit) => {
    for (let tries = 0; tries < 10; tries++) {
      if ((await deps.personData.saveErasure(next, stored?.etag)) === 'saved') {
        stored = await deps.personData.getErasure(tenantId, personId);
        return;
      }
      stored = await deps.personData.getErasure(tenantId, personId);
      if (stored) next = { ...next, deleted: stored.value.deleted, anonymised: stored.value.anonymised };
    }
    throw new Error('the erasure audit entry kept changing under this erasure');
  };
  await save(audit);
  for (let attempt = 0; attempt < ERASE_ATTEMPTS && found.items.length > 0; attempt++) {
    for (const s of found.items) {
      const disposition = dispositionOf(s.store, s.item, found.keys);
      if ((await apply(deps, s, disposition, found.keys, audit.pseudonym)) !== 'saved') continue;
      audit = disposition === 'delete' ? { ...audit, deleted: addCount(audit.deleted, kindOf(s)) } : { ...audit, anonymised: addCount(audit.anonymised, kindOf(s)) };
    }
    await save(audit);
    // What a race left (an item written between the scan and the change) is found again and done again.
    found = await findPerson(deps, tenantId, found.keys);
  }
  if (found.items.length > 0) return fail('ERASURE.INCOMPLETE');
  const { pending: _forgotten, ...rest } = audit;
  const done: ErasureAudit = { ...rest, status: 'done', finishedAt: deps.clock.now().toISOString() };
  await save(done);
  return ok(done);
}

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

const b64 = (buf: Buffer): string => buf.toString('base64url');
// Its own purpose string: a catalogue link's signature can never pass for a person-data link's.
const mac = (secret: string | Buffer, payload: string): Buffer => createHmac('sha256', secret).update(`kerneopgave-persondata|${payload}`).digest();

export function signPersonExportToken(secret: string | Buffer, c: PersonExportClaims): string {
  const payload = b64(Buffer.from(JSON.stringify([1, c.tenantId, c.adminId, c.personId, c.expiresAt]), 'utf8'));
  return `${payload}.${b64(mac(secret, payload))}`;
}

export type PersonExportTokenError = 'EXPORT.TAMPERED' | 'EXPORT.EXPIRED';

export function readPersonExportToken(secret: string | Buffer, token: string, now: Date): Result<PersonExportClaims, PersonExportTokenError> {
  const m = /^([A-Za-z0-9_-]{1,1000})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return fail('EXPORT.TAMPERED');
  const payload = m[1]!;
  const given = Buffer.from(m[2]!, 'base64url');
  const expected = mac(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return fail('EXPORT.TAMPERED');
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return fail('EXPORT.TAMPERED');
  }
  if (!Array.isArray(fields) || fields[0] !== 1) return fail('EXPORT.TAMPERED');
  const [, tenantId, adminId, personId, expiresAt] = fields as unknown[];
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
