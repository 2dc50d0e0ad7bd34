// A draft sent to the person who publishes it ("Send til tovholderen"): who may send it, to whom it goes,
// and marking it ready. Seed 002: the konsulenter are "ikke primær tovholder men dem der skubber på";
// seed 000: the tovholder chef is "ansvarlig for gruppens arbejde". So whoever drafts but may not
// publish hands the finished draft on to the tovholder, who publishes it. Pure rules; no I/O.

import { isAdmin, isMemberOf, mayDo, type Actor } from './actor.js';
import { findGroupById, findPerson, holdersOf, type Directory } from './directory.js';
import { fail, ok, type Result } from './result.js';
import { DEFAULT_RIGHTS } from './rights.js';
import type { ReadyForLead, Tender } from './tender.js';

/**
 * May press "Send til tovholderen" at all: whoever may draft in the group (the `udkast` right), or an
 * admin (who may stand in for the tovholder, and so may hand a draft on to the real one).
 */
export const maySendToLead = (actor: Actor, groupId: string): boolean => mayDo(actor, groupId, 'udkast') || isAdmin(actor);

/** The button is offered to a drafter who may not publish, on a draft not sent yet: the one who would otherwise wait. */
export const offersSendToLead = (actor: Actor, t: Pick<Tender, 'groupId' | 'status' | 'readyForLead'>): boolean =>
  t.status === 'draft' && !t.readyForLead && mayDo(actor, t.groupId, 'udkast') && !mayDo(actor, t.groupId, 'offentliggoer');

/** Why someone is refused: a member of the group is told it takes the `udkast` right; anyone else finds no such tender. */
export const sendRefusal = (actor: Actor, groupId: string): 'TENDER.NOT_MANAGER' | 'TENDER.NOT_FOUND' => (isMemberOf(actor, groupId) ? 'TENDER.NOT_MANAGER' : 'TENDER.NOT_FOUND');

/**
 * Who is told the draft is ready: each member of the group who may publish it by the tenant's rights
 * table (by default the tovholder), not the sender; when nobody in the group may, the tenant's admins,
 * who stand in for the tovholder (domain/rights.ts ADMIN_STANDS_IN).
 */
export function leadRecipients(dir: Directory, groupId: string, senderId: string): ReadyForLead['to'] {
  const publishers = (dir.rights ?? DEFAULT_RIGHTS).offentliggoer;
  const nameOf = (id: string) => findPerson(dir, id)?.name ?? id;
  const inGroup = (findGroupById(dir, groupId)?.members ?? [])
    .filter((m) => m.person !== senderId)
    .map((m) => ({ id: m.person, name: nameOf(m.person), roles: m.roles.filter((r) => publishers.includes(r)) }))
    .filter((m) => m.roles.length > 0);
  if (inGroup.length > 0) return inGroup;
  return holdersOf(dir, 'admin')
    .filter((id) => id !== senderId)
    .map((id) => ({ id, name: nameOf(id), roles: ['admin'] }));
}

/**
 * Marks the draft ready (an audit entry says who and when). A draft already marked is left exactly as
 * it is, so a second press (or two at once) changes nothing; anything but a draft cannot be sent.
 */
export function markReady(t: Tender, mark: ReadyForLead): Result<Tender, 'TENDER.NOT_DRAFT'> {
  if (t.status !== 'draft') return fail('TENDER.NOT_DRAFT');
  if (t.readyForLead) return ok(t);
  const note = mark.to.map((p) => p.name).join(', ');
  return ok({
    ...t,
    readyForLead: mark,
    updatedAt: mark.at,
    history: [...t.history, { at: mark.at, by: mark.by, action: 'sentToLead', from: 'draft', to: 'draft', ...(note ? { note } : {}) }],
  });
}
