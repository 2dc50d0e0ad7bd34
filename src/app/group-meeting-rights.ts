// Who may change which meetings, where: an admin any meeting anywhere; a kernegruppe's tovholder its
// own group's meetings, in the group's chat. Seed 000: the tovholder chef is "ansvarlig for gruppens
// arbejde", and "Hver gruppe afgør derudover selv sin mødefrekvens efter behov".

import { hasRoleIn, isAdmin, type Actor } from '../domain/actor.js';
import type { Meeting } from '../domain/calendar.js';
import { groupOfConversation, type Directory, type Group } from '../domain/directory.js';
import { fail, ok, type Result } from '../domain/result.js';

export type GroupMeetingRightsError = 'ADMIN.REQUIRED' | 'MEETING.TOVHOLDER_ONLY' | 'MEETING.NOT_OWN_GROUP' | 'MEETING.NOT_IN_GROUP_CHAT';

/** The kernegruppe whose linked chat this is, if any. */
export function kernegruppeOfChat(directory: Directory | undefined, conversationId: string | undefined): Group | undefined {
  const group = directory && conversationId ? groupOfConversation(directory, conversationId) : undefined;
  return group?.kind === 'kernegruppe' ? group : undefined;
}

export const isTovholderOf = (actor: Actor, groupId: string): boolean => hasRoleIn(actor, groupId, 'tovholder');

/** May add, move and cancel this group's meetings here: an admin, or the group's tovholder. */
export const managesGroupMeetings = (actor: Actor, groupId: string): boolean => isAdmin(actor) || isTovholderOf(actor, groupId);

/**
 * Before a meeting is looked up: whether this person may change meetings here at all. An admin may
 * change any meeting anywhere; anyone else only in a kernegruppe's chat, and only its tovholder.
 * Outside a kernegruppe's chat a tovholder is sent to the group's chat, anyone else told that only admins may.
 */
export function mayChangeMeetingsHere(actor: Actor, directory: Directory | undefined, conversationId: string | undefined): Result<Group | undefined, GroupMeetingRightsError> {
  const group = kernegruppeOfChat(directory, conversationId);
  if (isAdmin(actor)) return ok(group);
  // A tovholder elsewhere is sent to the group's chat; anyone else is told only admins may.
  if (!group) return fail(actor.roles.has('tovholder') ? 'MEETING.NOT_IN_GROUP_CHAT' : 'ADMIN.REQUIRED');
  if (!isTovholderOf(actor, group.id)) return fail('MEETING.TOVHOLDER_ONLY');
  return ok(group);
}

/** After it is found: a tovholder changes only this group's own meetings, nothing of the council's or another group's. */
export function mayChangeMeeting(actor: Actor, group: Group | undefined, meeting: Meeting): Result<true, GroupMeetingRightsError> {
  if (isAdmin(actor)) return ok(true);
  return group && meeting.kind === 'kernegruppemoede' && meeting.groupId === group.id ? ok(true) : fail('MEETING.NOT_OWN_GROUP');
}
