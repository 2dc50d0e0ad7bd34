// Who is acting: the person behind an activity, with their roles as the directory knows them.
// Anyone in the tenant is an actor; people outside the roster simply have no roles.

import { findPerson, membershipsOf, type Directory, type GroupMembership } from './directory.js';
import type { Role } from './roles.js';
import { DEFAULT_RIGHTS, rolesMay, type RightAction, type RightsTable } from './rights.js';

export interface Actor {
  readonly tenantId: string;
  readonly personId: string;
  readonly name: string;
  readonly memberships: readonly GroupMembership[];
  readonly roles: ReadonlySet<Role>;
  /** The tenant's rights table, as the directory read for this turn has it (absent: the defaults). */
  readonly rights?: RightsTable | undefined;
}

export function actorFrom(dir: Directory | undefined, tenantId: string, personId: string, nameFromTeams: string): Actor {
  const person = dir ? findPerson(dir, personId) : undefined;
  const memberships = dir ? membershipsOf(dir, personId) : [];
  return {
    tenantId,
    personId,
    name: person?.name ?? nameFromTeams,
    memberships,
    roles: new Set(memberships.flatMap((m) => m.roles)),
    rights: dir?.rights,
  };
}

export const isAdmin = (actor: Actor): boolean => actor.roles.has('admin');

export const isMemberOf = (actor: Actor, groupId: string): boolean => actor.memberships.some((m) => m.group.id === groupId);

/** Holds `role` in that group (not merely somewhere). */
export const hasRoleIn = (actor: Actor, groupId: string, role: Role): boolean => actor.memberships.some((m) => m.group.id === groupId && m.roles.includes(role));

/** The roles that run a kernegruppe's tenders by default (seed 000: tovholder and konsulenter drive the work; chefs are members ex officio). */
export const TENDER_MANAGER_ROLES: readonly Role[] = DEFAULT_RIGHTS.udkast;

/** The person's roles in the group (none when not a member). */
export const rolesIn = (actor: Actor, groupId: string): Role[] => actor.memberships.filter((m) => m.group.id === groupId).flatMap((m) => m.roles);

/** May do `action` in the group by the tenant's rights table (an admin stands in for the tovholder's actions). */
export const mayDo = (actor: Actor, groupId: string, action: RightAction): boolean =>
  rolesMay(actor.rights ?? DEFAULT_RIGHTS, action, rolesIn(actor, groupId), isAdmin(actor));

/** May create and edit the group's drafts and prepare its decisions (the `udkast` right). */
export const managesTendersOf = (actor: Actor, groupId: string): boolean => mayDo(actor, groupId, 'udkast');
