// Export of a kernegruppe's activity catalogue for the temamøde (issue 12, point 6): the signed,
// short-lived links a member gets in Teams, and what a download of one may serve.
//
// A browser GET of the link carries no Teams identity, so "works only for the person it was given to"
// means: the link is signed for one person (HMAC-SHA256 over tenant, catalogue, person, format, expiry),
// expires 15 minutes after it was made (the injected clock), and at download time the directory is read
// again: the file is served only while that person is still a member of the catalogue's kernegruppe or
// an admin. A forwarded link never shows more than the person it was made for may see, and stops
// working the moment they leave the group.

import { isAdmin, isMemberOf, type Actor } from '../domain/actor.js';
import type { Catalogue } from '../domain/catalogue.js';
import type { Directory } from '../domain/directory.js';
import { fail, ok, type Result } from '../domain/result.js';
import { whoIsActing } from './directory-admin.js';
import { readSignedFields, signFields } from './signed-link.js';
import type { CatalogueRepository, Clock, DirectoryRepository } from './ports.js';

export const EXPORT_FORMATS = ['xlsx', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type ExportLocale = 'da' | 'en';

/** How long a link works: long enough to open it from the card, short enough that a forwarded one is soon dead. */
export const EXPORT_LINK_TTL_MS = 15 * 60_000;

/** What a link is for; all of it is under the signature. */
export interface ExportClaims {
  readonly tenantId: string;
  readonly catalogueId: string;
  readonly personId: string;
  readonly format: ExportFormat;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  /** The language of the person who pressed, so the document's headings are theirs. */
  readonly locale: ExportLocale;
}

export interface ExportLinkSettings {
  /** The HMAC key (≥ 32 bytes). */
  readonly secret: string | Buffer;
  /** Where browsers reach this bot, without a trailing slash (PUBLIC_BASE_URL, else the address it listens on). */
  readonly baseUrl: () => string;
}

export interface ExportDeps {
  readonly directories: DirectoryRepository;
  readonly catalogues: CatalogueRepository;
  readonly clock: Clock;
  readonly exportLinks: ExportLinkSettings;
}

const VERSION = 1;
// The catalogue export's own purpose string: its signatures never pass for another kind of link.
const PURPOSE = 'kerneopgave-export';

/** `<payload>.<signature>`, both base64url: safe in a URL path as it is. */
export function signExportToken(secret: string | Buffer, c: ExportClaims): string {
  return signFields(secret, PURPOSE, [VERSION, c.tenantId, c.catalogueId, c.personId, c.format, c.expiresAt, c.locale]);
}

export type TokenError = 'EXPORT.TAMPERED' | 'EXPORT.EXPIRED';

/** The claims of a token this bot signed and that has not expired; the signature is checked before anything in it is read. */
export function readExportToken(secret: string | Buffer, token: string, now: Date): Result<ExportClaims, TokenError> {
  const read = readSignedFields(secret, PURPOSE, token);
  if (!read.ok) return read;
  const fields = read.value;
  if (fields[0] !== VERSION) return fail('EXPORT.TAMPERED');
  const [, tenantId, catalogueId, personId, format, expiresAt, locale] = fields;
  if (
    typeof tenantId !== 'string' ||
    typeof catalogueId !== 'string' ||
    typeof personId !== 'string' ||
    !EXPORT_FORMATS.includes(format as ExportFormat) ||
    typeof expiresAt !== 'number' ||
    (locale !== 'da' && locale !== 'en')
  )
    return fail('EXPORT.TAMPERED');
  if (now.getTime() >= expiresAt) return fail('EXPORT.EXPIRED');
  return ok({ tenantId, catalogueId, personId, format: format as ExportFormat, expiresAt, locale });
}

/** Seed/DESIGN-12: "Read `katalog`, export: kernegruppe members and admins." */
export const mayExport = (actor: Actor, catalogue: Catalogue): boolean => isAdmin(actor) || isMemberOf(actor, catalogue.groupId);

export type ExportError = 'DIRECTORY.MISSING' | 'CATALOGUE.NOT_FOUND' | 'EXPORT.NOT_ALLOWED';

export interface ExportLinks {
  readonly catalogue: Catalogue;
  readonly urls: Readonly<Record<ExportFormat, string>>;
  readonly expiresAt: Date;
}

/**
 * The two links for the person who pressed "Eksportér": two reads (the directory, the catalogue).
 * Another tenant's catalogue is simply not found: the read is in the asker's own partition.
 */
export async function exportLinks(deps: ExportDeps, who: { tenantId: string; personId: string; name: string; locale: ExportLocale }, catalogueId: string): Promise<Result<ExportLinks, ExportError>> {
  const { actor, directory } = await whoIsActing(deps, who.tenantId, who.personId, who.name);
  if (!directory) return fail('DIRECTORY.MISSING');
  const found = await deps.catalogues.getCatalogue(who.tenantId, catalogueId);
  if (!found) return fail('CATALOGUE.NOT_FOUND');
  if (!mayExport(actor, found.value)) return fail('EXPORT.NOT_ALLOWED');
  const expiresAt = new Date(deps.clock.now().getTime() + EXPORT_LINK_TTL_MS);
  const base = deps.exportLinks.baseUrl().replace(/\/+$/, '');
  const urlOf = (format: ExportFormat) =>
    `${base}/export/${signExportToken(deps.exportLinks.secret, { tenantId: who.tenantId, catalogueId, personId: who.personId, format, expiresAt: expiresAt.getTime(), locale: who.locale })}`;
  return ok({ catalogue: found.value, urls: { xlsx: urlOf('xlsx'), html: urlOf('html') }, expiresAt });
}

export interface ExportContent {
  readonly catalogue: Catalogue;
  readonly directory: Directory;
  readonly format: ExportFormat;
  readonly locale: ExportLocale;
}

export type DownloadError = TokenError | 'EXPORT.NOT_ALLOWED' | 'CATALOGUE.NOT_FOUND';

/**
 * What a link serves, checked again now: a valid signature, not expired, and the person it was made for
 * still a member of the group (or an admin). Two reads: the directory (which also holds the
 * forudsætninger's texts the document shows) and the catalogue.
 */
export async function openExport(deps: Omit<ExportDeps, 'exportLinks'> & { exportLinks: Pick<ExportLinkSettings, 'secret'> }, token: string): Promise<Result<ExportContent, DownloadError>> {
  const claims = readExportToken(deps.exportLinks.secret, token, deps.clock.now());
  if (!claims.ok) return claims;
  const { tenantId, personId, catalogueId, format, locale } = claims.value;
  const { actor, directory } = await whoIsActing(deps, tenantId, personId, '');
  if (!directory) return fail('EXPORT.NOT_ALLOWED');
  const found = await deps.catalogues.getCatalogue(tenantId, catalogueId);
  if (!found) return fail('CATALOGUE.NOT_FOUND');
  if (!mayExport(actor, found.value)) return fail('EXPORT.NOT_ALLOWED');
  return ok({ catalogue: found.value, directory: directory.value, format, locale });
}
