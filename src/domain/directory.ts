// The tenant's directory: people, groups and their roles, the kerneopgaver with their forudsætninger,
// and which Teams conversation belongs to which group. Pure functions over plain data; time and the
// acting person come in as parameters.

import { fail, ok, type Result } from './result.js';
import { foldName, GROUP_KIND_ALIASES, GROUP_KIND_NAMES, type GroupKind, type Role } from './roles.js';
import type { RightsTable } from './rights.js';

export interface Person {
  readonly id: string; // Entra (Azure AD) object id
  readonly name: string;
  readonly email?: string | undefined;
}

export interface Membership {
  readonly person: string;
  readonly roles: readonly Role[];
}

export interface Group {
  readonly id: string;
  readonly kind: GroupKind;
  readonly name: string;
  /** Set for a kernegruppe: the kerneopgave it works on. */
  readonly kerneopgave?: string | undefined;
  readonly members: readonly Membership[];
}

export interface Forudsaetning {
  readonly id: string;
  readonly text: string;
  /** Demo data, not the municipality's own: shown with a "(demo)" mark. */
  readonly demo: boolean;
}

export interface Kerneopgave {
  readonly id: string;
  readonly name: string;
  readonly bevaegelse: string;
  readonly forudsaetninger: readonly Forudsaetning[];
}

export interface ConversationLink {
  readonly conversationId: string;
  readonly conversationName?: string | undefined;
  /** The group whose conversation this is (at most one conversation per group). */
  readonly group?: string | undefined;
  /** Tenders are announced here. */
  readonly announcement: boolean;
  readonly changedBy: string;
  readonly changedAt: string;
}

export interface Directory {
  readonly tenantId: string;
  /**
   * The people who are members of some group: the names the bot shows (kernegruppe members, Byrådet,
   * admins). The rest of the roster is stored one item per person, so this stays the size of the groups
   * however large the municipality's staff is.
   */
  readonly people: readonly Person[];
  readonly groups: readonly Group[];
  readonly kerneopgaver: readonly Kerneopgave[];
  readonly links: readonly ConversationLink[];
  /** Who in a kernegruppe may do what (the roster file's `rights`); absent: the seeds' defaults (domain/rights.ts). */
  readonly rights?: RightsTable | undefined;
  readonly importedBy?: string | undefined;
  readonly importedAt?: string | undefined;
}

/** What a roster file holds: the directory less its history, with optional kerneopgaver and links. */
export interface Roster {
  readonly people: readonly Person[];
  readonly groups: readonly Group[];
  readonly kerneopgaver?: readonly Kerneopgave[] | undefined;
  /** `name` is what the bot calls the conversation until Teams tells it the real name (at installation). */
  readonly links?: readonly { conversationId: string; name?: string | undefined; group?: string | undefined; announcement?: boolean | undefined }[] | undefined;
  /** The tenant's rights table; a roster without one puts the defaults back in force. */
  readonly rights?: RightsTable | undefined;
}

export interface GroupMembership {
  readonly group: Group;
  readonly roles: readonly Role[];
}

export function emptyDirectory(tenantId: string): Directory {
  return { tenantId, people: [], groups: [], kerneopgaver: [], links: [] };
}

export function findPerson(dir: Directory, personId: string): Person | undefined {
  return dir.people.find((p) => p.id === personId);
}

export function membershipsOf(dir: Directory, personId: string): GroupMembership[] {
  const out: GroupMembership[] = [];
  for (const group of dir.groups) {
    for (const m of group.members) if (m.person === personId) out.push({ group, roles: m.roles });
  }
  return out;
}

/** Everyone who has `role` in any group, once each. */
export function holdersOf(dir: Directory, role: Role): string[] {
  return [...new Set(dir.groups.flatMap((g) => g.members.filter((m) => m.roles.includes(role)).map((m) => m.person)))];
}

export function findGroupById(dir: Directory, groupId: string): Group | undefined {
  return dir.groups.find((g) => g.id === groupId);
}

/** The names a person might use for a group: its id, its name, its kerneopgave's name, its kind. */
function namesOf(dir: Directory, group: Group): string[] {
  const names = [group.id, group.name, group.name.replace(/^kernegruppe\s+/i, '')];
  if (group.kerneopgave) {
    const ko = dir.kerneopgaver.find((k) => k.id === group.kerneopgave);
    names.push(group.kerneopgave);
    if (ko) names.push(ko.name);
  } else {
    names.push(group.kind, GROUP_KIND_NAMES[group.kind].da, GROUP_KIND_NAMES[group.kind].en, ...GROUP_KIND_ALIASES[group.kind]);
  }
  return names.map(foldName);
}

/**
 * Finds the group a person means by "Læring", "kernegruppe læring", "Byrådet" or "oekonomi-personale".
 * Undefined when no group, or more than one, answers to the name.
 */
export function findGroupByName(dir: Directory, text: string): Group | undefined {
  const wanted = foldName(text).replace(/^(kernegruppe|gruppe|core group|group)\s+/, '');
  const candidates = [wanted, wanted.replace(/et$/, ''), wanted.replace(/erne$/, 'er')];
  const hits = dir.groups.filter((g) => {
    const names = namesOf(dir, g);
    return candidates.some((c) => c.length > 0 && names.includes(c));
  });
  return hits.length === 1 ? hits[0] : undefined;
}

export function linkOf(dir: Directory, conversationId: string): ConversationLink | undefined {
  return dir.links.find((l) => l.conversationId === conversationId);
}

export function groupOfConversation(dir: Directory, conversationId: string): Group | undefined {
  const groupId = linkOf(dir, conversationId)?.group;
  return groupId ? findGroupById(dir, groupId) : undefined;
}

export function conversationOfGroup(dir: Directory, groupId: string): string | undefined {
  return dir.links.find((l) => l.group === groupId)?.conversationId;
}

export function announcementConversations(dir: Directory): string[] {
  return dir.links.filter((l) => l.announcement).map((l) => l.conversationId);
}

export interface LinkChange {
  readonly conversationId: string;
  readonly conversationName?: string | undefined;
  readonly by: string;
  readonly at: Date;
}

/** Drops links that no longer say anything, so the list stays what an admin would expect to see. */
function tidy(links: ConversationLink[]): ConversationLink[] {
  return links.filter((l) => l.group !== undefined || l.announcement);
}

function upsertLink(
  links: readonly ConversationLink[],
  change: LinkChange,
  patch: Partial<Pick<ConversationLink, 'group' | 'announcement'>>,
): ConversationLink[] {
  const existing = links.find((l) => l.conversationId === change.conversationId);
  const next: ConversationLink = {
    conversationId: change.conversationId,
    conversationName: change.conversationName ?? existing?.conversationName,
    group: 'group' in patch ? patch.group : existing?.group,
    announcement: patch.announcement ?? existing?.announcement ?? false,
    changedBy: change.by,
    changedAt: change.at.toISOString(),
  };
  return tidy([...links.filter((l) => l.conversationId !== change.conversationId), next]);
}

export type LinkError = 'GROUP.NOT_FOUND';

/**
 * Makes this conversation the group's conversation. A group has one conversation, so a link it had
 * elsewhere moves here; the result names where it came from.
 */
export function linkConversation(
  dir: Directory,
  groupId: string,
  change: LinkChange,
): Result<{ directory: Directory; group: Group; movedFrom?: string | undefined; replaced?: Group | undefined; unchanged: boolean }, LinkError> {
  const group = findGroupById(dir, groupId);
  if (!group) return fail('GROUP.NOT_FOUND');
  const before = conversationOfGroup(dir, groupId);
  if (before === change.conversationId) return ok({ directory: dir, group, unchanged: true });
  // A conversation belongs to one group too: the group it had (if any) is left without one, and said so.
  const replaced = groupOfConversation(dir, change.conversationId);
  const withoutOld = tidy(dir.links.map((l) => (l.group === groupId ? { ...l, group: undefined } : l)));
  const directory = { ...dir, links: upsertLink(withoutOld, change, { group: groupId }) };
  return ok({ directory, group, movedFrom: before, replaced, unchanged: false });
}

export function unlinkConversation(
  dir: Directory,
  change: LinkChange,
): Result<{ directory: Directory; group: Group }, 'LINK.NOT_LINKED'> {
  const group = groupOfConversation(dir, change.conversationId);
  if (!group) return fail('LINK.NOT_LINKED');
  return ok({ directory: { ...dir, links: upsertLink(dir.links, change, { group: undefined }) }, group });
}

export function setAnnouncement(
  dir: Directory,
  on: boolean,
  change: LinkChange,
): { directory: Directory; unchanged: boolean } {
  const current = linkOf(dir, change.conversationId)?.announcement ?? false;
  if (current === on) return { directory: dir, unchanged: true };
  return { directory: { ...dir, links: upsertLink(dir.links, change, { announcement: on }) }, unchanged: false };
}

export type RosterIssueCode =
  | 'ROSTER.DUPLICATE_PERSON'
  | 'ROSTER.DUPLICATE_GROUP'
  | 'ROSTER.DUPLICATE_MEMBER'
  | 'ROSTER.UNKNOWN_PERSON'
  | 'ROSTER.KERNEGRUPPE_WITHOUT_KERNEOPGAVE'
  | 'ROSTER.UNKNOWN_KERNEOPGAVE'
  | 'ROSTER.KERNEOPGAVE_ON_OTHER_GROUP'
  | 'ROSTER.DUPLICATE_KERNEOPGAVE'
  | 'ROSTER.DUPLICATE_FORUDSAETNING'
  | 'ROSTER.UNKNOWN_GROUP'
  | 'ROSTER.GROUP_LINKED_TWICE'
  | 'ROSTER.DUPLICATE_LINK';

export interface RosterIssue {
  readonly path: readonly (string | number)[];
  readonly code: RosterIssueCode;
  /** The offending value, so the message can name it. */
  readonly value: string;
}

function duplicates<T>(items: readonly T[], key: (t: T) => string): number[] {
  const seen = new Set<string>();
  const dups: number[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) dups.push(i);
    seen.add(k);
  });
  return dups;
}

/**
 * Checks what a schema cannot: that every reference in the roster points at something that exists.
 * `knownKerneopgaver` are the ones in force when the roster brings none of its own.
 */
export function checkRoster(roster: Roster, knownKerneopgaver: readonly Kerneopgave[]): RosterIssue[] {
  const issues: RosterIssue[] = [];
  for (const i of duplicates(roster.people, (p) => p.id.toLowerCase()))
    issues.push({ path: ['people', i, 'id'], code: 'ROSTER.DUPLICATE_PERSON', value: roster.people[i]!.id });
  for (const i of duplicates(roster.groups, (g) => g.id))
    issues.push({ path: ['groups', i, 'id'], code: 'ROSTER.DUPLICATE_GROUP', value: roster.groups[i]!.id });

  const kerneopgaver = roster.kerneopgaver ?? knownKerneopgaver;
  if (roster.kerneopgaver) {
    for (const i of duplicates(roster.kerneopgaver, (k) => k.id))
      issues.push({ path: ['kerneopgaver', i, 'id'], code: 'ROSTER.DUPLICATE_KERNEOPGAVE', value: roster.kerneopgaver[i]!.id });
    const allForudsaetninger = roster.kerneopgaver.flatMap((k, ki) => k.forudsaetninger.map((f, fi) => ({ f, ki, fi })));
    for (const i of duplicates(allForudsaetninger, (x) => x.f.id)) {
      const { f, ki, fi } = allForudsaetninger[i]!;
      issues.push({ path: ['kerneopgaver', ki, 'forudsaetninger', fi, 'id'], code: 'ROSTER.DUPLICATE_FORUDSAETNING', value: f.id });
    }
  }

  const personIds = new Set(roster.people.map((p) => p.id.toLowerCase()));
  const kerneopgaveIds = new Set(kerneopgaver.map((k) => k.id));
  const kernegruppeOf = new Map<string, number>();
  roster.groups.forEach((g, gi) => {
    if (g.kind === 'kernegruppe') {
      if (!g.kerneopgave) issues.push({ path: ['groups', gi, 'kerneopgave'], code: 'ROSTER.KERNEGRUPPE_WITHOUT_KERNEOPGAVE', value: g.id });
      else if (!kerneopgaveIds.has(g.kerneopgave))
        issues.push({ path: ['groups', gi, 'kerneopgave'], code: 'ROSTER.UNKNOWN_KERNEOPGAVE', value: g.kerneopgave });
      else if (kernegruppeOf.has(g.kerneopgave))
        issues.push({ path: ['groups', gi, 'kerneopgave'], code: 'ROSTER.KERNEOPGAVE_ON_OTHER_GROUP', value: g.kerneopgave });
      else kernegruppeOf.set(g.kerneopgave, gi);
    } else if (g.kerneopgave) {
      issues.push({ path: ['groups', gi, 'kerneopgave'], code: 'ROSTER.KERNEOPGAVE_ON_OTHER_GROUP', value: g.kerneopgave });
    }
    g.members.forEach((m, mi) => {
      if (!personIds.has(m.person.toLowerCase()))
        issues.push({ path: ['groups', gi, 'members', mi, 'person'], code: 'ROSTER.UNKNOWN_PERSON', value: m.person });
    });
    for (const mi of duplicates(g.members, (m) => m.person.toLowerCase()))
      issues.push({ path: ['groups', gi, 'members', mi, 'person'], code: 'ROSTER.DUPLICATE_MEMBER', value: g.members[mi]!.person });
  });

  const groupIds = new Set(roster.groups.map((g) => g.id));
  const links = roster.links ?? [];
  const linkedGroups = new Set<string>();
  links.forEach((l, li) => {
    if (l.group !== undefined) {
      if (!groupIds.has(l.group)) issues.push({ path: ['links', li, 'group'], code: 'ROSTER.UNKNOWN_GROUP', value: l.group });
      else if (linkedGroups.has(l.group)) issues.push({ path: ['links', li, 'group'], code: 'ROSTER.GROUP_LINKED_TWICE', value: l.group });
      linkedGroups.add(l.group);
    }
  });
  for (const li of duplicates(links, (l) => l.conversationId))
    issues.push({ path: ['links', li, 'conversationId'], code: 'ROSTER.DUPLICATE_LINK', value: links[li]!.conversationId });
  return issues;
}

/** The people who are members of at least one of `groups`, in the roster's order. */
export function groupMembersAmong(people: readonly Person[], groups: readonly Group[]): Person[] {
  const members = new Set(groups.flatMap((g) => g.members.map((m) => m.person.toLowerCase())));
  return people.filter((p) => members.has(p.id.toLowerCase()));
}

/**
 * The directory after importing a checked roster: people (those in some group; see `Directory.people`)
 * and groups are replaced; kerneopgaver are
 * replaced only when the roster brings them; links made from chat survive unless their group is gone;
 * the roster's own links win. Returns the links that were dropped so the importer can say so.
 */
export function applyRoster(
  existing: Directory | undefined,
  tenantId: string,
  roster: Roster,
  by: string,
  at: Date,
): { directory: Directory; droppedLinks: ConversationLink[] } {
  const base = existing ?? emptyDirectory(tenantId);
  const groupIds = new Set(roster.groups.map((g) => g.id));
  const droppedLinks = base.links.filter((l) => l.group !== undefined && !groupIds.has(l.group));
  const links = tidy(base.links.map((l) => (l.group !== undefined && !groupIds.has(l.group) ? { ...l, group: undefined } : l)));
  let directory: Directory = {
    tenantId,
    people: groupMembersAmong(roster.people, roster.groups),
    groups: roster.groups,
    kerneopgaver: roster.kerneopgaver ?? base.kerneopgaver,
    links,
    ...(roster.rights ? { rights: roster.rights } : {}),
    importedBy: by,
    importedAt: at.toISOString(),
  };
  for (const l of roster.links ?? []) {
    const change = { conversationId: l.conversationId, conversationName: l.name, by, at };
    if (l.group !== undefined) {
      const linked = linkConversation(directory, l.group, change);
      if (linked.ok) directory = linked.value.directory;
    }
    if (l.announcement !== undefined) directory = setAnnouncement(directory, l.announcement, change).directory;
  }
  return { directory, droppedLinks };
}
