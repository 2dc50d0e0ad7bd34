// Who is acting: the person behind an activity, with their roles as the directory knows them.
// Anyone in the tenant is an actor; people outside the roster simply have no roles.

import { findPerson, membershipsOf, type Directory, type GroupMembership } from './directory.js';
import type { Role } from './roles.js';

export interface Actor {
  readonly tenantId: string;
  readonly personId: string;
  readonly name: string;
  readonly memberships: readonly GroupMembership[];
  readonly roles: ReadonlySet<Role>;
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
  };
}

export const isAdmin = (actor: Actor): boolean => actor.roles.has('admin');

export const isMemberOf = (actor: Actor, groupId: string): boolean => actor.memberships.some((m) => m.group.id === groupId);

/** The roles that run a kernegruppe's tenders (seed 000: tovholder and konsulenter drive the work; chefs are members ex officio). */
export const TENDER_MANAGER_ROLES: readonly Role[] = ['tovholder', 'chef', 'konsulent'];

/** May create, edit, publish and cancel the group's tenders. */
export const managesTendersOf = (actor: Actor, groupId: string): boolean =>
  actor.memberships.some((m) => m.group.id === groupId && m.roles.some((r) => TENDER_MANAGER_ROLES.includes(r)));
