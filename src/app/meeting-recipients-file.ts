// The calendar file's `recipients:` section (issue 13 point 3): who is reminded of a pitstop and of a
// konsulentmøde. Roles are read as roster files write them (parseRole: "udvalgsformand",
// "Borgmester", "mayor"); named people are roster person ids, checked against the roster at import
// (unknownRecipients), so a typo is refused with its line and field instead of reminding nobody.
//
//   recipients:
//     pitstop: { roles: [udvalgsformand, borgmester], people: [<person id>], konsulenter: true }
//     konsulentmoede: { konsulenter: true }
//
// A field left out keeps its default (DEFAULT_RECIPIENTS); a kind left out keeps all of them.

import { z } from 'zod';
import type { Document, LineCounter } from 'yaml';
import { RECIPIENT_KINDS, recipientsWithDefaults, type MeetingRecipients, type RecipientKind } from '../domain/meeting-recipients.js';
import { parseRole, ROLES, type Role } from '../domain/roles.js';
import type { DirectoryRepository } from './ports.js';
import { positionOf, type RosterProblem } from './roster-file.js';

const role = z.string().transform((s, ctx): Role => {
  const r = parseRole(s);
  if (!r) {
    ctx.addIssue({ code: 'custom', message: `ukendt rolle '${s}' (kendte roller: ${ROLES.join(', ')})` });
    return z.NEVER;
  }
  return r;
});

const SpecSchema = z
  .object({
    roles: z.array(role).max(ROLES.length).optional(),
    people: z.array(z.string().trim().min(1, 'skal være et person-id fra rollelisten').max(100)).max(50).optional(),
    konsulenter: z.boolean({ invalid_type_error: 'skal være true eller false' }).optional(),
  })
  .strict();

export const RecipientsFileSchema = z.object({ pitstop: SpecSchema.optional(), konsulentmoede: SpecSchema.optional() }).strict();
export type RecipientsFileSection = z.infer<typeof RecipientsFileSchema>;

/** A person named in the file, with where: the import checks each against the roster. */
export interface NamedRecipient {
  readonly personId: string;
  readonly line: number;
  readonly column: number;
  readonly field: string;
}

export function recipientsOfFile(
  section: RecipientsFileSection | undefined,
  doc: Document,
  lines: LineCounter,
): { recipients: MeetingRecipients; named: NamedRecipient[] } {
  const named: NamedRecipient[] = [];
  for (const kind of RECIPIENT_KINDS) {
    (section?.[kind]?.people ?? []).forEach((personId, i) =>
      named.push({ personId, ...positionOf(doc, lines, ['recipients', kind, 'people', i]), field: `recipients.${kind}.people[${i}]` }),
    );
  }
  const given: Partial<Record<RecipientKind, Partial<MeetingRecipients[RecipientKind]>>> = {};
  for (const kind of RECIPIENT_KINDS) {
    const s = section?.[kind];
    if (s) given[kind] = { ...(s.roles ? { roles: [...new Set(s.roles)] } : {}), ...(s.people ? { people: [...new Set(s.people)] } : {}), ...(s.konsulenter !== undefined ? { konsulenter: s.konsulenter } : {}) };
  }
  return { recipients: recipientsWithDefaults(given), named };
}

/** The named people who are not on the tenant's roster: each a problem at its line, in Danish (one point read per person). */
export async function unknownRecipients(deps: { readonly directories: DirectoryRepository }, tenantId: string, named: readonly NamedRecipient[]): Promise<RosterProblem[]> {
  if (named.length === 0) return [];
  const known = new Set((await deps.directories.peopleByIds(tenantId, [...new Set(named.map((n) => n.personId))])).map((p) => p.id));
  return named
    .filter((n) => !known.has(n.personId))
    .map((n) => ({ line: n.line, column: n.column, field: n.field, message: `ukendt person ${n.personId} (ikke i rollelisten)` }));
}
