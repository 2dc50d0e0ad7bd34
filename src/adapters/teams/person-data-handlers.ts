// `persondata [<name, e-mail or Entra id>]` and its buttons: an admin, in their 1:1 chat with the bot,
// finds one person, downloads what is stored about them, and asks for its erasure after a confirmation
// (it runs after the click; the admin is told when it is done); without a name, the log of erasures.
// Anywhere else, or for anyone else, a refusal that reads and writes nothing more.

import { z } from 'zod';
import { whoIsActing } from '../../app/directory-admin.js';
import type { ExportLinkSettings } from '../../app/export.js';
import { erasureLog, findPeople, looksLikePersonId, mayHandlePersonData, personOverview, PERSON_EXPORT_TTL_MS, requestErasure, signPersonExportToken, type PersonDataDeps, type PersonDataError } from '../../app/person-data.js';
import type { AfterClick, DirectoryRepository } from '../../app/ports.js';
import type { Actor } from '../../domain/actor.js';
import type { Directory } from '../../domain/directory.js';
import { eraseConfirmCard, erasureLogCard, personDataCard, personMatchesCard } from '../cards/person-data-views.js';
import { escapeMarkdown as esc, type CardJson } from '../cards/render-card.js';
import { noticeCard } from '../cards/views.js';
import { text, type TextKey } from '../i18n/text.js';
import { reachableActor, type Turn } from './turn.js';

export type PersonDataHandlerDeps = PersonDataDeps & { readonly directories: DirectoryRepository; readonly exportLinks: ExportLinkSettings; readonly afterClick?: AfterClick | undefined };

export const PersonIdData = z.object({ personId: z.string().min(1).max(100) });

const ERROR_TEXT: Record<PersonDataError, TextKey> = {
  'ADMIN.REQUIRED': 'error.privacy.adminOnly',
  'PERSON.BAD_ID': 'error.privacy.badId',
  'PERSON.NOT_FOUND': 'error.privacy.notFound',
};

const refusal = (turn: Turn, key: TextKey, params: Record<string, string> = {}, input?: string): CardJson =>
  noticeCard(turn.who.locale, { text: text(turn.who.locale, key, params), style: 'attention', input });

/** The admin acting in their own 1:1 chat; otherwise the refusal to answer with (nothing else is read). */
async function adminHere(deps: PersonDataHandlerDeps, turn: Turn, input?: string) {
  if (turn.who.conversation.conversationType !== 'personal') return { refused: refusal(turn, 'error.privacy.personalOnly', {}, input) } as const;
  const { actor, directory } = await whoIsActing(deps, turn.who.tenantId, turn.who.userId, turn.who.userName);
  if (!mayHandlePersonData(actor)) return { refused: refusal(turn, 'error.privacy.adminOnly', {}, input) } as const;
  return { actor, directory: directory?.value } as const;
}

/** One person's card: from the directory and the audit entry only (no scan); the export link is signed here and the file made when it is opened. */
async function personCard(deps: PersonDataHandlerDeps, turn: Turn, acting: { actor: Actor; directory: Directory | undefined }, personId: string, input?: string): Promise<CardJson> {
  const overview = await personOverview(deps, acting.actor, acting.directory, personId);
  if (!overview.ok) return refusal(turn, ERROR_TEXT[overview.code], { id: personId, typed: personId }, input);
  const expiresAt = new Date(deps.clock.now().getTime() + PERSON_EXPORT_TTL_MS);
  const token = signPersonExportToken(deps.exportLinks.secret, { tenantId: turn.who.tenantId, adminId: acting.actor.personId, personId: overview.value.personId, expiresAt: expiresAt.getTime() });
  return personDataCard(turn.who.locale, overview.value, { url: `${deps.exportLinks.baseUrl().replace(/\/+$/, '')}/persondata/${token}`, expiresAt });
}

/**
 * `persondata <name, e-mail or id>` (or the log without one). One match shows the person's card, several a
 * list to choose from (persondata.show), none an id's card when the text is an id (someone off the roster
 * may still be named in old data), otherwise what was typed and how to search.
 */
export async function show(deps: PersonDataHandlerDeps, turn: Turn, typed: string | undefined, input?: string): Promise<CardJson> {
  const acting = await adminHere(deps, turn, input);
  if (acting.refused) return acting.refused;
  if (typed === undefined || typed.trim() === '') {
    const log = await erasureLog(deps, acting.actor);
    return log.ok ? erasureLogCard(turn.who.locale, log.value) : refusal(turn, ERROR_TEXT[log.code]);
  }
  if (looksLikePersonId(typed)) return personCard(deps, turn, acting, typed, input);
  const matches = await findPeople(deps, acting.actor, acting.directory, typed);
  if (!matches.ok) return refusal(turn, ERROR_TEXT[matches.code], {}, input);
  if (matches.value.length === 1) return personCard(deps, turn, acting, matches.value[0]!.id, input);
  if (matches.value.length > 1) return personMatchesCard(turn.who.locale, typed.trim(), matches.value);
  return refusal(turn, 'error.privacy.badId', { typed: esc(typed.trim()) }, input);
}

/** The button persondata.show: one person's card by id. */
export async function showPerson(deps: PersonDataHandlerDeps, turn: Turn, data: Record<string, unknown>): Promise<CardJson> {
  const { personId } = PersonIdData.parse(data);
  const acting = await adminHere(deps, turn);
  if (acting.refused) return acting.refused;
  return personCard(deps, turn, acting, personId);
}

export async function eraseAsk(deps: PersonDataHandlerDeps, turn: Turn, data: Record<string, unknown>): Promise<CardJson> {
  const { personId } = PersonIdData.parse(data);
  const acting = await adminHere(deps, turn);
  if (acting.refused) return acting.refused;
  const overview = await personOverview(deps, acting.actor, acting.directory, personId);
  if (!overview.ok) return refusal(turn, ERROR_TEXT[overview.code], { id: personId, typed: personId });
  return eraseConfirmCard(turn.who.locale, overview.value);
}

/** The confirm click: the erasure is asked for (the audit entry written) and runs after the click; the admin is told when it is done. */
export async function erase(deps: PersonDataHandlerDeps, turn: Turn, data: Record<string, unknown>): Promise<CardJson> {
  const { personId } = PersonIdData.parse(data);
  const acting = await adminHere(deps, turn);
  if (acting.refused) return acting.refused;
  const locale = turn.who.locale;
  const me = reachableActor(turn);
  const asked = await requestErasure(deps, acting.actor, personId, locale, me.serviceUrl ? { teamsId: me.teamsId, serviceUrl: me.serviceUrl } : undefined);
  if (!asked.ok) return refusal(turn, ERROR_TEXT[asked.code], { id: personId, typed: personId });
  turn.log.info({ personId: asked.value.audit.personId, already: asked.value.already }, 'erasure of personal data requested');
  deps.afterClick?.({ tenantId: turn.who.tenantId, erasurePersonId: asked.value.audit.personId });
  return noticeCard(locale, { text: asked.value.already ? text(locale, 'privacy.erase.already', { id: asked.value.audit.personId }) : text(locale, 'privacy.erase.started'), style: 'good' });
}
