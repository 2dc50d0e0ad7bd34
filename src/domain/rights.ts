// Who in a kernegruppe may do what with its tenders and bids: a table per tenant (from the roster
// file), action -> the group roles that may do it. A tenant without a table has the seeds' defaults.
// Pure data and rules; who holds a role in which group comes in with the actor.

import type { Role } from './roles.js';

/**
 * The actions of a kernegruppe's tender work, each a set of use cases (README "Rights inside the
 * kernegruppe" maps every one):
 * - udkast: create and edit drafts, and prepare the decision (ask for konkretiseringer, shortlist);
 * - offentliggoer: publish a draft to the announcement channels;
 * - aflys: cancel a tender (every bidder is told);
 * - beslut: record the group's decisions on bids (reject, award, indstil to Byrådet).
 */
export const RIGHT_ACTIONS = ['udkast', 'offentliggoer', 'aflys', 'beslut'] as const;
export type RightAction = (typeof RIGHT_ACTIONS)[number];

export type RightsTable = Readonly<Record<RightAction, readonly Role[]>>;

/**
 * Seed 000: the tovholder chef is "ansvarlig for gruppens arbejde"; the konsulenter are there "for at
 * hjælpe gruppen og den ansvarlige chef". Seed 002: the konsulenter are "ikke primær tovholder men dem
 * der skubber på". So konsulenter and chefs draft and prepare; the tovholder publishes, cancels and
 * records the decisions.
 */
export const DEFAULT_RIGHTS: RightsTable = {
  udkast: ['tovholder', 'chef', 'konsulent'],
  offentliggoer: ['tovholder'],
  aflys: ['tovholder'],
  beslut: ['tovholder'],
};

/**
 * An admin stands in for the tovholder (away, or the group without one) on what the tovholder alone
 * does by default; drafting stays the group's own work unless the table says otherwise.
 */
export const ADMIN_STANDS_IN: ReadonlySet<RightAction> = new Set(['offentliggoer', 'aflys', 'beslut']);

const ACTION_BY_NAME = new Map<string, RightAction>([
  ...RIGHT_ACTIONS.map((a) => [a, a] as const),
  ['offentliggør', 'offentliggoer'],
  ['offentliggore', 'offentliggoer'],
  ['annuller', 'aflys'],
  ['annullér', 'aflys'],
  ['beslutning', 'beslut'],
]);

/** Reads an action as a person would write it ("offentliggør"); undefined when unknown. */
export function parseRightAction(text: string): RightAction | undefined {
  return ACTION_BY_NAME.get(text.normalize('NFC').trim().toLowerCase());
}

/** A table as written, with the defaults for the actions it leaves out. */
export const withDefaults = (partial: Partial<Record<RightAction, readonly Role[]>> | undefined): RightsTable => ({ ...DEFAULT_RIGHTS, ...(partial ?? {}) });

/** Whether someone holding `rolesInGroup` in the group (and perhaps an admin) may do `action` under `table`. */
export function rolesMay(table: RightsTable, action: RightAction, rolesInGroup: readonly Role[], admin: boolean): boolean {
  if (admin && ADMIN_STANDS_IN.has(action)) return true;
  return rolesInGroup.some((r) => table[action].includes(r));
}

/** What someone holding `rolesInGroup` may do, in the table's order. */
export const actionsFor = (table: RightsTable, rolesInGroup: readonly Role[], admin: boolean): RightAction[] =>
  RIGHT_ACTIONS.filter((a) => rolesMay(table, a, rolesInGroup, admin));

/**
 * The right a screening of a bid takes: shortlisting and putting back to submitted prepare the
 * decision (udkast); rejecting, and undoing a rejection, is the decision itself (beslut).
 */
export const screeningRight = (from: string, to: string): RightAction => (to === 'rejected' || from === 'rejected' ? 'beslut' : 'udkast');
