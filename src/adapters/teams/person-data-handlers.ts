// `persondata [<Entra id>]` and its buttons: an admin, in their 1:1 chat with the bot, sees what is
// stored about one person, downloads it, and erases it after a confirmation; without an id, the log of
// erasures. Anywhere else, or for anyone else, a refusal that reads and writes nothing more.

import { z } from 'zod';
import { whoIsActing } from '../../app/directory-admin.js';
import type { ExportLinkSettings } from '../../app/export.js';
import { erasePerson, erasureLog, mayHandlePersonData, personOverview, PERSON_EXPORT_TTL_MS, signPersonExportToken, type PersonDataDeps, type PersonDataError } from '../../app/person-data.js';
import type { DirectoryRepository } from '../../app/ports.js';
import { countsText, eraseConfirmCard, erasureLogCard, personDataCard } from '../cards/person-data-views.js';
import type { CardJson } from '../cards/render-card.js';
import { noticeCard } from '../cards/views.js';
import { text, type TextKey } from '../i18n/text.js';
import type { Turn } from './turn.js';

export type PersonDataHandlerDeps = PersonDataDeps & { readonly directories: DirectoryRepository; readonly exportLinks: ExportLinkSettings };

export const PersonIdData = z.object({ personId: z.string().min(1).max(100) });

const ERROR_TEXT: Record<PersonDataError, TextKey> = {
  'ADMIN.REQUIRED': 'error.privacy.adminOnly',
  'PERSON.BAD_ID': 'error.privacy.badId',
  'PERSON.NOT_FOUND': 'error.privacy.notFound',
  'ERASURE.INCOMPLETE': 'error.privacy.incomplete',
};

const refusal = (turn: Turn, key: TextKey, params: Record<string, string> = {}, input?: string): CardJson =>
  noticeCard(turn.who.locale, { text: text(turn.who.locale, key, params), style: 'attention', input });

/** The admin acting in their own 1:1 chat; otherwise the refusal to answer with (nothing else is read). */
async function adminHere(deps: PersonDataHandlerDeps, turn: Turn, input?: string) {
  if (turn.who.conversation.conversationType !== 'personal') return { refused: refusal(turn, 'error.privacy.personalOnly', {}, input) } as const;
  const { actor } = await whoIsActing(deps, turn.who.tenantId, turn.who.userId, turn.who.userName);
  if (!mayHandlePersonData(actor)) return { refused: refusal(turn, 'error.privacy.adminOnly', {}, input) } as const;
  return { actor } as const;
}

/** The overview of one person, or (no id) the log of erasures. */
export async function show(deps: PersonDataHandlerDeps, turn: Turn, personId: string | undefined, input?: string): Promise<CardJson> {
  const acting = await adminHere(deps, turn, input);
  if (acting.refused) return acting.refused;
  if (personId === undefined) {
    const log = await erasureLog(deps, acting.actor);
    return log.ok ? erasureLogCard(turn.who.locale, log.value) : refusal(turn, ERROR_TEXT[log.code]);
  }
  const overview = await personOverview(deps, acting.actor, personId);
  if (!overview.ok) return refusal(turn, ERROR_TEXT[overview.code], { id: personId }, input);
  const expiresAt = new Date(deps.clock.now().getTime() + PERSON_EXPORT_TTL_MS);
  const token = signPersonExportToken(deps.exportLinks.secret, { tenantId: turn.who.tenantId, adminId: acting.actor.personId, personId: overview.value.personId, expiresAt: expiresAt.getTime() });
  return personDataCard(turn.who.locale, overview.value, { url: `${deps.exportLinks.baseUrl().replace(/\/+$/, '')}/persondata/${token}`, expiresAt });
}

export async function eraseAsk(deps: PersonDataHandlerDeps, turn: Turn, data: Record<string, unknown>): Promise<CardJson> {
  const { personId } = PersonIdData.parse(data);
  const acting = await adminHere(deps, turn);
  if (acting.refused) return acting.refused;
  const overview = await personOverview(deps, acting.actor, personId);
  if (!overview.ok) return refusal(turn, ERROR_TEXT[overview.code], { id: personId });
  return eraseConfirmCard(turn.who.locale, overview.value);
}

export async function erase(deps: PersonDataHandlerDeps, turn: Turn, data: Record<string, unknown>): Promise<CardJson> {
  const { personId } = PersonIdData.parse(data);
  const acting = await adminHere(deps, turn);
  if (acting.refused) return acting.refused;
  const erased = await erasePerson(deps, acting.actor, personId);
  if (!erased.ok) return refusal(turn, ERROR_TEXT[erased.code], { id: personId });
  turn.log.info({ personId: erased.value.personId, deleted: erased.value.deleted, anonymised: erased.value.anonymised }, 'personal data erased');
  const locale = turn.who.locale;
  return noticeCard(locale, {
    text: text(locale, 'privacy.done', { id: erased.value.personId, deleted: countsText(locale, erased.value.deleted), anonymised: countsText(locale, erased.value.anonymised) }),
    style: 'good',
  });
}
