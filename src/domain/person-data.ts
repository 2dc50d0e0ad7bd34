// One person's data across the stored items (GDPR articles 15 and 17): which stored values identify
// them, which items are theirs to delete and which are kept with them made anonymous, what the export
// shows, and the audit entry of an erasure. Pure functions over stored items as plain JSON: the rules
// walk every field, so a field a later feature adds that names a person is covered without a change here.

/** What identifies the person in stored items. Ids are compared case-insensitively; names and e-mails as words. */
export interface PersonKeys {
  /** The Entra object id: the roster's person id, `bidderId`, `authorId`, `memberId`, `by`, … */
  readonly id: string;
  readonly names: readonly string[];
  readonly emails: readonly string[];
  /** Teams' own ids of the person ("29:…"), stored beside the Entra id where the bot must reach them. */
  readonly teamsIds: readonly string[];
}

/** What an anonymised record says instead of the person's name (a decided tender must still show that a bid was made). */
export const ERASED_NAME = 'Slettet person';
/** What replaces the person's e-mail in free text. */
export const ERASED_EMAIL = '[slettet e-mail]';
/** What the export shows where an item names someone else than the person it is about. */
export const OTHER_PERSON = '(en anden person)';

export type Store = 'directory' | 'tenders' | 'reminders' | 'agendas';
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Cosmos DB's own fields and ours that are no one's data. */
const SYSTEM_FIELDS = new Set(['_rid', '_self', '_etag', '_attachments', '_ts', 'pk']);

const lower = (s: string) => s.toLowerCase();
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A name or e-mail as a whole word, or with the Danish genitive s: "Hanne Graversen" in "Hanne Graversens idé", not "Ib" in "Ibsen". */
const wordPattern = (words: readonly string[]) =>
  words.length === 0 ? undefined : new RegExp(`(?<![\\p{L}\\p{N}@.])(?:${words.map(escapeRegExp).join('|')})(?=s?(?![\\p{L}\\p{N}]))`, 'giu');

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The person's ids, for exact comparison (lower case). */
function idSet(keys: PersonKeys): Set<string> {
  return new Set([keys.id, ...keys.teamsIds].map(lower));
}

/** Names shorter than this are never searched for as words (a lone initial would match everywhere). */
const MIN_NAME_LENGTH = 3;

function usableNames(keys: PersonKeys): string[] {
  return [...new Set(keys.names.map((n) => n.trim()))].filter((n) => n.length >= MIN_NAME_LENGTH && n !== ERASED_NAME);
}

/**
 * Learns the person's names and Teams ids from an item: in an object where a field holds their id,
 * the name and Teams id fields beside it (`bidderId` → `bidderName`, `bidderTeamsId`; `authorId` →
 * `authorName`; `by` → `byName`; `id` or `userId` → `name`, `teamsId`; a conversation reference's user).
 */
export function learnKeys(item: Json, keys: PersonKeys): PersonKeys {
  const names = new Set(keys.names);
  const emails = new Set(keys.emails);
  const teamsIds = new Set(keys.teamsIds);
  const pid = lower(keys.id);
  const walk = (node: Json) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isObject(node)) return;
    for (const [k, v] of Object.entries(node)) {
      if (typeof v !== 'string' || lower(v) !== pid) continue;
      const base = k.endsWith('Id') ? k.slice(0, -2) : k;
      const nameKeys = [`${base}Name`, ...(['id', 'userId', 'personId', 'person', 'aadObjectId'].includes(k) ? ['name'] : [])];
      for (const nk of nameKeys) if (typeof node[nk] === 'string' && node[nk] !== ERASED_NAME) names.add(node[nk]);
      for (const tk of [`${base}TeamsId`, 'teamsId']) if (typeof node[tk] === 'string') teamsIds.add(node[tk]);
      if (k === 'aadObjectId' && typeof node.id === 'string') teamsIds.add(node.id);
      if (['id', 'personId'].includes(k) && typeof node.email === 'string' && node.email) emails.add(node.email);
    }
    Object.values(node).forEach(walk);
  };
  walk(item);
  return { id: keys.id, names: [...names], emails: [...emails], teamsIds: [...teamsIds] };
}

/** Replaces every trace of the person in a string; `undefined` when there is none. */
function scrubString(s: string, ids: Set<string>, names: RegExp | undefined, emails: RegExp | undefined, pseudonym: string): string | undefined {
  if (ids.has(lower(s))) return pseudonym;
  let out = s;
  if (emails) out = out.replace(emails, ERASED_EMAIL);
  if (names) out = out.replace(names, ERASED_NAME);
  // An id inside a longer string ("personal-<id>", a conversation reference's "29:<id>" form).
  for (const id of ids) if (id.length >= 8 && lower(out).includes(id)) out = out.replace(new RegExp(escapeRegExp(id), 'gi'), pseudonym);
  return out === s ? undefined : out;
}

interface Scrubber {
  readonly ids: Set<string>;
  readonly names: RegExp | undefined;
  readonly emails: RegExp | undefined;
}

function scrubberOf(keys: PersonKeys): Scrubber {
  return { ids: idSet(keys), names: wordPattern(usableNames(keys)), emails: wordPattern(keys.emails.filter((e) => e.includes('@'))) };
}

/** Whether the item holds anything that identifies the person (a field value, a key, or their name or e-mail in a text). */
export function mentions(item: Json, keys: PersonKeys): boolean {
  const s = scrubberOf(keys);
  const hit = (node: Json): boolean => {
    if (typeof node === 'string') return scrubString(node, s.ids, s.names, s.emails, '') !== undefined;
    if (Array.isArray(node)) return node.some(hit);
    if (isObject(node)) return Object.entries(node).some(([k, v]) => !SYSTEM_FIELDS.has(k) && (hit(k) || hit(v)));
    return false;
  };
  return hit(item);
}

/** The item with every trace of the person replaced: ids by the erasure's pseudonym, names by "Slettet person". */
export function anonymise(item: JsonObject, keys: PersonKeys, pseudonym: string): JsonObject {
  const s = scrubberOf(keys);
  const walk = (node: Json): Json => {
    if (typeof node === 'string') return scrubString(node, s.ids, s.names, s.emails, pseudonym) ?? node;
    if (Array.isArray(node)) return node.map(walk);
    // A key may hold the id too (a tally's batch is keyed by "<bidder id>|<submission>").
    if (isObject(node)) return Object.fromEntries(Object.entries(node).map(([k, v]) => [scrubString(k, s.ids, s.names, s.emails, pseudonym) ?? k, walk(v)]));
    return node;
  };
  // The item's own id is kept: it never holds a person id (the items keyed by one, the roster entry and
  // the 1:1 chat's record, are deleted; see dispositionOf). An `id` inside it (a { id, name } reference) is scrubbed.
  return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, k === 'id' || k === 'type' || SYSTEM_FIELDS.has(k) ? v : walk(v)]));
}

export type Disposition = 'delete' | 'anonymise' | 'remove-from-directory';

/**
 * What an erasure does with an item that mentions the person. Deleted: what exists only for them (their
 * roster entry, their 1:1 chat's record, reminders and notices still to be sent to them). Taken out: their
 * place in the directory (the groups and roles they held). Everything else is the municipality's record
 * of what happened (a tender, the bids on it and their decisions, an agenda, a catalogue): kept, with the
 * person made anonymous, since a decided tender and the Byråd's agenda are records the municipality must
 * keep (journaliseringspligt) while the person's identity is not needed for them.
 */
export function dispositionOf(store: Store, item: JsonObject, keys: PersonKeys): Disposition {
  const pid = lower(keys.id);
  const eq = (v: Json | undefined) => typeof v === 'string' && lower(v) === pid;
  const type = item.type;
  if (store === 'directory' && type === 'person' && (eq(item.personId) || lower(String(item.id)) === `person-${pid}` || eq(item.id))) return 'delete';
  if (store === 'directory' && type === 'conversation' && item.conversationType === 'personal' && eq(item.userId)) return 'delete';
  if (store === 'directory' && type === 'directory') return 'remove-from-directory';
  if (store === 'reminders' && type === 'reminder' && isObject(item.target) && eq(item.target.personId)) return 'delete';
  if (store === 'reminders' && type === 'notice' && isObject(item.to) && (eq(item.to.userId) || (isObject(item.to.person) && eq(item.to.person.userId)))) return 'delete';
  return 'anonymise';
}

/** The directory without the person: their roster line and their memberships (and so their roles) go; the rest is anonymised. */
export function withoutPerson(item: JsonObject, keys: PersonKeys, pseudonym: string): JsonObject {
  const pid = lower(keys.id);
  const people = Array.isArray(item.people) ? item.people.filter((p) => !(isObject(p) && typeof p.id === 'string' && lower(p.id) === pid)) : item.people;
  const groups = Array.isArray(item.groups)
    ? item.groups.map((g) => (isObject(g) && Array.isArray(g.members) ? { ...g, members: g.members.filter((m) => !(isObject(m) && typeof m.person === 'string' && lower(m.person) === pid)) } : g))
    : item.groups;
  return anonymise({ ...item, ...(people === undefined ? {} : { people }), ...(groups === undefined ? {} : { groups }) }, keys, pseudonym);
}

/** Someone else on the roster, whose ids and names the export masks. */
export interface OtherPeople {
  readonly ids: ReadonlySet<string>;
  readonly names: ReadonlySet<string>;
}

/** One part of an item that is about the person: where in the item, and what it holds. */
export interface ExportPart {
  readonly path: string;
  readonly value: Json;
}

/**
 * The parts of an item that are about the person: each object that holds one of their ids, names or
 * e-mails directly (their bid, their topic, a history entry naming them, their group membership), with
 * anyone else's id or name in it masked. Everything else in the item (other people's bids, the rest of
 * an agenda) is left out.
 */
export function exportParts(item: JsonObject, keys: PersonKeys, others: OtherPeople): ExportPart[] {
  const s = scrubberOf(keys);
  const direct = (o: JsonObject) =>
    Object.entries(o).some(([k, v]) => !SYSTEM_FIELDS.has(k) && [k, v].some((x) => typeof x === 'string' && scrubString(x, s.ids, s.names, s.emails, '') !== undefined));
  const mask = (node: Json): Json => {
    if (typeof node === 'string') return !idSet(keys).has(lower(node)) && (others.ids.has(lower(node)) || others.names.has(node)) ? OTHER_PERSON : node;
    if (Array.isArray(node)) return node.map(mask);
    if (isObject(node)) return Object.fromEntries(Object.entries(node).filter(([k]) => !SYSTEM_FIELDS.has(k)).map(([k, v]) => [others.ids.has(lower(k)) ? OTHER_PERSON : k, mask(v)]));
    return node;
  };
  const parts: ExportPart[] = [];
  const walk = (node: Json, path: string) => {
    if (Array.isArray(node)) return node.forEach((v, i) => walk(v, `${path}[${i}]`));
    if (!isObject(node)) return;
    if (direct(node)) {
      parts.push({ path, value: mask(node) });
      return;
    }
    for (const [k, v] of Object.entries(node)) if (!SYSTEM_FIELDS.has(k)) walk(v, `${path}.${k}`);
  };
  walk(item, '$');
  return parts;
}

/** The audit entry of an erasure: who, when, which person id, how many items of each kind; never the erased data. */
export interface ErasureAudit {
  readonly tenantId: string;
  readonly personId: string;
  readonly requestedBy: { readonly id: string; readonly name: string };
  /** When the admin asked (the confirm click). */
  readonly startedAt: string;
  readonly finishedAt?: string | undefined;
  /** 'requested' by the click, 'running' once an instance claimed it, 'done' when nothing names the person any more. */
  readonly status: 'requested' | 'running' | 'done';
  /** The instance erasing it and until when its claim stands (kept alive while it works); another takes over after that. */
  readonly claimedBy?: string | undefined;
  readonly claimedUntil?: string | undefined;
  /** The language of the admin's notice when it is done. */
  readonly locale?: 'da' | 'en' | undefined;
  /** Where the admin who asked is told when it is done (their Teams address at the click; the admin's, never the erased person's). */
  readonly notify?: { readonly teamsId: string; readonly serviceUrl: string } | undefined;
  /** Items deleted, by kind ("person", "conversation", "notice", "reminder"). */
  readonly deleted: Readonly<Record<string, number>>;
  /** Items kept with the person made anonymous, by kind ("bid", "tender", "agenda", …; "directory" for their memberships). */
  readonly anonymised: Readonly<Record<string, number>>;
  /** What stands in for the person's ids in the anonymised items: the same in every item, so a tender still shows one bidder's two bids as one person's. */
  readonly pseudonym: string;
  /**
   * While the erasure runs (status 'running'), the names, e-mails and Teams ids it looks for, so a run a crash
   * cut short can be finished after the roster entry that held them is gone. Removed when it is done.
   */
  readonly pending?: PersonKeys | undefined;
}

export function addCount(counts: Readonly<Record<string, number>>, kind: string): Record<string, number> {
  return { ...counts, [kind]: (counts[kind] ?? 0) + 1 };
}
