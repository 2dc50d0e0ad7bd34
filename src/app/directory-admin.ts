// Admin use cases on the directory from chat: link a conversation to a group, mark an announcement
// channel, list the links. Every write goes through the directory's etag, so two admins acting at
// once cannot undo each other.

import { actorFrom, isAdmin, type Actor } from '../domain/actor.js';
import {
  findGroupByName,
  groupOfConversation,
  linkConversation,
  setAnnouncement,
  unlinkConversation,
  type ConversationLink,
  type Directory,
  type Group,
} from '../domain/directory.js';
import { fail, ok, type Result } from '../domain/result.js';
import type { Clock, DirectoryRepository, Versioned } from './ports.js';

export interface DirectoryDeps {
  readonly directories: DirectoryRepository;
  readonly clock: Clock;
}

export interface ConversationInfo {
  readonly conversationId: string;
  readonly conversationType: 'personal' | 'groupChat' | 'channel';
  readonly name?: string | undefined;
}

const MAX_ATTEMPTS = 5;

/** Who is acting, and the directory as read for that: reused as the first read of a change. */
export interface Acting {
  readonly actor: Actor;
  readonly directory?: Versioned<Directory> | undefined;
}

/** One point read: the tenant's directory, and the person's roles in it (none if not on the roster). */
export async function whoIsActing(deps: Pick<DirectoryDeps, 'directories'>, tenantId: string, personId: string, nameFromTeams: string): Promise<Acting> {
  const directory = await deps.directories.get(tenantId);
  return { actor: actorFrom(directory?.value, tenantId, personId, nameFromTeams), directory };
}

export type UpdateError = 'DIRECTORY.MISSING' | 'DIRECTORY.BUSY';

/**
 * Reads the directory, applies `change`, and writes it back if nobody wrote in between; on a
 * conflict it reads again and re-applies, so concurrent admins each get their change in.
 */
export async function updateDirectory<T, E extends string>(
  deps: DirectoryDeps,
  tenantId: string,
  change: (dir: Directory) => Result<{ directory: Directory; unchanged?: boolean } & T, E>,
  alreadyRead?: Versioned<Directory>,
): Promise<Result<T, E | UpdateError>> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = attempt === 0 && alreadyRead ? alreadyRead : await deps.directories.get(tenantId);
    if (!current) return fail('DIRECTORY.MISSING');
    const result = change(current.value);
    if (!result.ok) return result;
    if (result.value.unchanged) return ok(result.value);
    if ((await deps.directories.save(result.value.directory, current.etag)) === 'saved') return ok(result.value);
  }
  return fail('DIRECTORY.BUSY');
}

export type AdminError = 'ADMIN.REQUIRED' | 'LINK.PERSONAL_CHAT' | UpdateError;

type ConversationType = ConversationInfo['conversationType'];

/** Who may link a conversation to a group, and where: an admin, in a group chat or channel (the help card asks the same). */
export function mayLinkHere(actor: Actor, conversationType: ConversationType): Result<true, 'ADMIN.REQUIRED' | 'LINK.PERSONAL_CHAT'> {
  if (!isAdmin(actor)) return fail('ADMIN.REQUIRED');
  if (conversationType === 'personal') return fail('LINK.PERSONAL_CHAT');
  return ok(true);
}

/** Who may mark an announcement channel, and where: an admin, in a team channel; turning it off works anywhere. */
export function mayMarkAnnouncementHere(actor: Actor, conversationType: ConversationType, on: boolean): Result<true, 'ADMIN.REQUIRED' | 'ANNOUNCEMENT.NOT_A_CHANNEL'> {
  if (!isAdmin(actor)) return fail('ADMIN.REQUIRED');
  // Announcements are for the whole organisation to see, which is what a team channel is for.
  if (on && conversationType !== 'channel') return fail('ANNOUNCEMENT.NOT_A_CHANNEL');
  return ok(true);
}

export async function linkConversationToGroup(
  deps: DirectoryDeps,
  { actor, directory }: Acting,
  conversation: ConversationInfo,
  groupName: string,
): Promise<
  Result<{ group: Group; movedFrom?: string | undefined; replaced?: Group | undefined; unchanged: boolean }, AdminError | 'GROUP.NOT_FOUND' | 'GROUP.NAME_MISSING'>
> {
  const allowed = mayLinkHere(actor, conversation.conversationType);
  if (!allowed.ok) return allowed;
  if (groupName.trim() === '') return fail('GROUP.NAME_MISSING');
  return updateDirectory(
    deps,
    actor.tenantId,
    (dir) => {
      const group = findGroupByName(dir, groupName) ?? dir.groups.find((g) => g.id === groupName);
      return group ? linkConversation(dir, group.id, changeBy(deps, actor, conversation)) : fail('GROUP.NOT_FOUND');
    },
    directory,
  );
}

export async function unlinkConversationFromGroup(
  deps: DirectoryDeps,
  { actor, directory }: Acting,
  conversation: ConversationInfo,
): Promise<Result<{ group: Group }, AdminError | 'LINK.NOT_LINKED'>> {
  if (!isAdmin(actor)) return fail('ADMIN.REQUIRED');
  return updateDirectory(deps, actor.tenantId, (dir) => unlinkConversation(dir, changeBy(deps, actor, conversation)), directory);
}

export async function markAnnouncementChannel(
  deps: DirectoryDeps,
  { actor, directory }: Acting,
  conversation: ConversationInfo,
  on: boolean,
): Promise<Result<{ unchanged: boolean }, AdminError | 'ANNOUNCEMENT.NOT_A_CHANNEL'>> {
  const allowed = mayMarkAnnouncementHere(actor, conversation.conversationType, on);
  if (!allowed.ok) return allowed;
  return updateDirectory(deps, actor.tenantId, (dir) => ok(setAnnouncement(dir, on, changeBy(deps, actor, conversation))), directory);
}

export interface LinkView {
  readonly link: ConversationLink;
  readonly group?: Group | undefined;
}

export function listLinks({ actor, directory }: Acting): Result<LinkView[], 'ADMIN.REQUIRED' | 'DIRECTORY.MISSING'> {
  if (!isAdmin(actor)) return fail('ADMIN.REQUIRED');
  if (!directory) return fail('DIRECTORY.MISSING');
  const dir = directory.value;
  return ok(dir.links.map((link) => ({ link, group: groupOfConversation(dir, link.conversationId) })));
}

function changeBy(deps: DirectoryDeps, actor: Actor, conversation: ConversationInfo) {
  return { conversationId: conversation.conversationId, conversationName: conversation.name, by: actor.personId, at: deps.clock.now() };
}
