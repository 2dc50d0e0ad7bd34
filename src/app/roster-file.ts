// Reads a roster file (YAML or JSON, which YAML 1.2 also reads) into a checked Roster, or a list of
// problems that each name the file, line, column and field, in Danish. Nothing is written here.

import { LineCounter, parseDocument, isMap, isNode, isScalar, type Document, type YAMLError } from 'yaml';
import { z } from 'zod';
import { checkRoster, type Kerneopgave, type Roster, type RosterIssueCode } from '../domain/directory.js';
import { GROUP_KINDS, parseGroupKind, parseRole, ROLES, type Role } from '../domain/roles.js';
import { parseRightAction, RIGHT_ACTIONS, withDefaults, type RightAction } from '../domain/rights.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

const guid = z.string({ required_error: 'mangler' }).regex(GUID, 'skal være et Entra objekt-id (GUID)').transform((s) => s.toLowerCase());
const slug = z.string({ required_error: 'mangler' }).regex(SLUG, 'skal være små bogstaver a-z, tal og bindestreg (fx kernegruppe-laering)');
const text = (max: number) => z.string({ required_error: 'mangler' }).trim().min(1, 'må ikke være tom').max(max, `må højst være ${max} tegn`);

const role = z.string().transform((s, ctx) => {
  const r = parseRole(s);
  if (!r) ctx.addIssue({ code: 'custom', message: `ukendt rolle '${s}' (kendte roller: ${ROLES.join(', ')})` });
  return r ?? z.NEVER;
});
const groupKind = z.string({ required_error: 'mangler' }).transform((s, ctx) => {
  const k = parseGroupKind(s);
  if (!k) ctx.addIssue({ code: 'custom', message: `ukendt gruppetype '${s}' (kendte typer: ${GROUP_KINDS.join(', ')})` });
  return k ?? z.NEVER;
});

const PersonSchema = z.object({ id: guid, name: text(200), email: z.string().email('skal være en e-mailadresse').optional() }).strict();
const MemberSchema = z.object({ person: guid, roles: z.array(role).min(1, 'skal have mindst én rolle') }).strict();
const GroupSchema = z
  .object({ id: slug, kind: groupKind, name: text(200), kerneopgave: slug.optional(), members: z.array(MemberSchema).default([]) })
  .strict();
const ForudsaetningSchema = z.object({ id: slug, text: text(500), demo: z.boolean().default(false) }).strict();
const KerneopgaveSchema = z
  .object({ id: slug, name: text(100), bevaegelse: text(1000), forudsaetninger: z.array(ForudsaetningSchema).default([]) })
  .strict();
const LinkSchema = z
  .object({ conversationId: text(500), name: text(200).optional(), group: slug.optional(), announcement: z.boolean().optional() })
  .strict()
  .refine((l) => l.group !== undefined || l.announcement !== undefined, 'skal have group eller announcement');

/**
 * `rights`: action -> the group roles that may do it (domain/rights.ts). Actions and roles may be
 * written the Danish way ("offentliggør", "økonomikonsulent"); an action left out keeps its default.
 */
const RightsSchema = z.record(z.string(), z.array(role).min(1, 'skal have mindst én rolle')).transform((written, ctx) => {
  const table: Partial<Record<RightAction, Role[]>> = {};
  for (const [key, roles] of Object.entries(written)) {
    const action = parseRightAction(key);
    if (!action) ctx.addIssue({ code: 'custom', path: [key], message: `ukendt handling '${key}' (kendte handlinger: ${RIGHT_ACTIONS.join(', ')})` });
    else if (table[action]) ctx.addIssue({ code: 'custom', path: [key], message: `handlingen '${action}' står der allerede` });
    else table[action] = [...new Set(roles)];
  }
  return withDefaults(table);
});

export const RosterFileSchema = z
  .object({
    tenantId: guid.optional(),
    people: z.array(PersonSchema, { required_error: 'mangler (en liste af personer)' }),
    groups: z.array(GroupSchema, { required_error: 'mangler (en liste af grupper)' }),
    kerneopgaver: z.array(KerneopgaveSchema).optional(),
    links: z.array(LinkSchema).optional(),
    rights: RightsSchema.optional(),
  })
  .strict();

export interface RosterProblem {
  readonly line: number;
  readonly column: number;
  readonly field: string;
  readonly message: string;
}

export type ParsedRosterFile =
  | { ok: true; roster: Roster; tenantId?: string | undefined }
  | { ok: false; problems: RosterProblem[] };

const ISSUE_TEXT: Record<RosterIssueCode, (v: string) => string> = {
  'ROSTER.DUPLICATE_PERSON': (v) => `personen ${v} står der allerede`,
  'ROSTER.DUPLICATE_GROUP': (v) => `gruppen '${v}' står der allerede`,
  'ROSTER.DUPLICATE_MEMBER': (v) => `personen ${v} er allerede medlem af gruppen`,
  'ROSTER.UNKNOWN_PERSON': (v) => `ukendt person ${v} (ikke under people)`,
  'ROSTER.KERNEGRUPPE_WITHOUT_KERNEOPGAVE': (v) => `kernegruppen '${v}' skal have en kerneopgave`,
  'ROSTER.UNKNOWN_KERNEOPGAVE': (v) => `ukendt kerneopgave '${v}'`,
  'ROSTER.KERNEOPGAVE_ON_OTHER_GROUP': (v) => `kerneopgaven '${v}' hører til én kernegruppe, ikke til andre grupper`,
  'ROSTER.DUPLICATE_KERNEOPGAVE': (v) => `kerneopgaven '${v}' står der allerede`,
  'ROSTER.DUPLICATE_FORUDSAETNING': (v) => `forudsætningen '${v}' står der allerede`,
  'ROSTER.UNKNOWN_GROUP': (v) => `ukendt gruppe '${v}'`,
  'ROSTER.GROUP_LINKED_TWICE': (v) => `gruppen '${v}' er allerede tilknyttet en anden samtale`,
  'ROSTER.DUPLICATE_LINK': (v) => `samtalen '${v}' står der allerede`,
};

export function fieldName(path: readonly (string | number)[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '') || '(filen)';
}

/** The line and column of the deepest node on `path` that exists in the document. */
export function positionOf(doc: Document, lines: LineCounter, path: readonly (string | number)[]): { line: number; column: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      const pos = lines.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: 1, column: 1 };
}

/** An unknown field is where its name is written, not where its value (perhaps a list below it) starts. */
export function keyPositionOf(doc: Document, lines: LineCounter, path: readonly (string | number)[], key: string) {
  const parent = path.length === 0 ? doc.contents : doc.getIn(path, true);
  const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
  if (pair && isScalar(pair.key) && pair.key.range) {
    const pos = lines.linePos(pair.key.range[0]);
    return { line: pos.line, column: pos.col };
  }
  return positionOf(doc, lines, path);
}

const SYNTAX_TEXT: Partial<Record<YAMLError['code'], string>> = {
  DUPLICATE_KEY: 'feltet står der to gange',
  BAD_INDENT: 'forkert indrykning',
  MISSING_CHAR: 'et tegn mangler (fx et afsluttende anførselstegn eller en parentes)',
  MULTILINE_IMPLICIT_KEY: 'et feltnavn fortsætter over flere linjer (mangler der et kolon eller et anførselstegn?)',
  BLOCK_AS_IMPLICIT_KEY: 'en blok står hvor der skulle være et feltnavn',
  UNEXPECTED_TOKEN: 'uventet tegn',
  TAB_AS_INDENT: 'tabulator brugt som indrykning; brug mellemrum',
};

export function syntaxMessage(e: YAMLError): string {
  // yaml's own text repeats the position ("... at line 8, column 1:"), which our line already gives.
  const own = (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '');
  return `syntaksfejl: ${SYNTAX_TEXT[e.code] ?? own}`;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'tekst',
  number: 'tal',
  boolean: 'true/false',
  array: 'en liste',
  object: 'felter',
  null: 'ingenting',
};

export function zodMessage(issue: z.ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      // A schema's own "mangler (...)" says more than zod's "Required".
      if (issue.received === 'undefined') return issue.message.startsWith('mangler') ? issue.message : 'mangler';
      return `har forkert type (forventede ${TYPE_NAMES[issue.expected] ?? issue.expected}, fik ${TYPE_NAMES[issue.received] ?? issue.received})`;
    case 'unrecognized_keys':
      return `ukendt felt ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    default:
      return issue.message;
  }
}

/**
 * A YAML (or JSON) file read against a schema: its data, or every problem with its line, column and
 * field in Danish. The document and its line counter come back too, for checks of its own.
 */
export function parseYamlFile<S extends z.ZodTypeAny>(
  source: string,
  schema: S,
): { ok: true; data: z.infer<S>; doc: Document; lines: LineCounter } | { ok: false; problems: RosterProblem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        line: e.linePos?.[0].line ?? 1,
        column: e.linePos?.[0].col ?? 1,
        field: '(syntaks)',
        message: syntaxMessage(e),
      })),
    };
  }
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        ...(issue.code === 'unrecognized_keys' ? keyPositionOf(doc, lines, issue.path, issue.keys[0]!) : positionOf(doc, lines, issue.path)),
        field: fieldName(issue.path),
        message: zodMessage(issue),
      })),
    };
  }
  return { ok: true, data: parsed.data as z.infer<S>, doc, lines };
}

/**
 * Parses and checks a roster file. `knownKerneopgaver` are those already in force, used when the
 * file brings none of its own.
 */
export function parseRosterFile(source: string, knownKerneopgaver: readonly Kerneopgave[] = []): ParsedRosterFile {
  const parsed = parseYamlFile(source, RosterFileSchema);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const { doc, lines } = parsed;
  const { tenantId, ...roster } = parsed.data;
  const issues = checkRoster(roster, knownKerneopgaver);
  if (issues.length > 0) {
    return {
      ok: false,
      problems: issues.map((i) => ({ ...positionOf(doc, lines, i.path), field: fieldName(i.path), message: ISSUE_TEXT[i.code](i.value) })),
    };
  }
  return { ok: true, roster, tenantId };
}

export function formatProblem(fileName: string, p: RosterProblem): string {
  return `${fileName}:${p.line}:${p.column}: ${p.field}: ${p.message}`;
}
