// The kernegruppe's rights as people meet them: who in a group may do an action (named, for a refusal
// that says whom to ask), and the group's whole table with what this person may do (the help card).
// The rule itself is domain/rights.ts, applied through domain/actor.ts `mayDo`.

import { mayDo, type Actor } from '../domain/actor.js';
import { findGroupById, type Directory } from '../domain/directory.js';
import { DEFAULT_RIGHTS, RIGHT_ACTIONS, type RightAction } from '../domain/rights.js';
import type { Role } from '../domain/roles.js';
import type { Acting } from './directory-admin.js';
import type { TenderRepository } from './ports.js';

/** Who may do an action in one group: the roles the table names, and the members holding them. */
export interface WhoMay {
  readonly action: RightAction;
  readonly roles: readonly Role[];
  readonly holders: readonly { readonly name: string; readonly roles: readonly Role[] }[];
}

export function whoMay(directory: Directory | undefined, groupId: string, action: RightAction): WhoMay {
  const roles = (directory?.rights ?? DEFAULT_RIGHTS)[action];
  const group = directory ? findGroupById(directory, groupId) : undefined;
  const holders = (group?.members ?? [])
    .map((m) => ({ person: m.person, roles: m.roles.filter((r) => roles.includes(r)) }))
    .filter((m) => m.roles.length > 0)
    .map((m) => ({ name: directory?.people.find((p) => p.id === m.person)?.name ?? m.person, roles: m.roles }));
  return { action, roles, holders };
}

/**
 * Who may do what a refused member asked for, for the refusal's text. Read only on a refusal: one
 * point read of the tender (or of the bid, and its tender for a bid stored before bids knew their group).
 */
export async function whoMayFor(deps: { tenders: TenderRepository }, acting: Acting, of: { tenderId: string } | { bidId: string }, action: RightAction): Promise<WhoMay> {
  const tenantId = acting.actor.tenantId;
  let groupId: string | undefined;
  if ('tenderId' in of) groupId = (await deps.tenders.getTender(tenantId, of.tenderId))?.value.groupId;
  else {
    const bid = (await deps.tenders.getBid(tenantId, of.bidId))?.value;
    groupId = bid?.groupId ?? (bid ? (await deps.tenders.getTender(tenantId, bid.tenderId))?.value.groupId : undefined);
  }
  return whoMay(acting.directory?.value, groupId ?? '', action);
}

/** A kernegruppe's table as its help card shows it, and what this person may do there. */
export interface GroupRights {
  readonly groupName: string;
  readonly rows: readonly { readonly action: RightAction; readonly roles: readonly Role[] }[];
  readonly mine: readonly RightAction[];
}

export function groupRights(actor: Actor, directory: Directory, groupId: string): GroupRights | undefined {
  const group = findGroupById(directory, groupId);
  if (!group || group.kind !== 'kernegruppe') return undefined;
  const table = directory.rights ?? DEFAULT_RIGHTS;
  return {
    groupName: group.name,
    rows: RIGHT_ACTIONS.map((action) => ({ action, roles: table[action] })),
    mine: RIGHT_ACTIONS.filter((a) => mayDo(actor, groupId, a)),
  };
}
