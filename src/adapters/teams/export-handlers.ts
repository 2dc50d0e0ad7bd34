// The catalogue's export button (`catalogue.export`, data { catalogueId }): the kernegruppe's members and
// admins get a card with two signed links made for them; anyone else a refusal. Two reads, no writes.

import { z } from 'zod';
import { exportLinks, type ExportDeps, type ExportError } from '../../app/export.js';
import type { CardJson } from '../cards/render-card.js';
import { exportLinksCard } from '../cards/export-views.js';
import { noticeCard } from '../cards/views.js';
import { text, type TextKey } from '../i18n/text.js';
import type { Turn } from './turn.js';

export const ExportData = z.object({ catalogueId: z.string().min(1).max(100) }).passthrough();

const ERROR_TEXT: Record<ExportError, TextKey> = {
  'DIRECTORY.MISSING': 'error.directoryMissing',
  'CATALOGUE.NOT_FOUND': 'error.export.catalogueNotFound',
  'EXPORT.NOT_ALLOWED': 'error.export.notAllowed',
};

export async function exportCatalogue(deps: ExportDeps, turn: Turn, data: Record<string, unknown>): Promise<CardJson> {
  const { catalogueId } = ExportData.parse(data);
  const locale = turn.who.locale;
  const links = await exportLinks(deps, { tenantId: turn.who.tenantId, personId: turn.who.userId, name: turn.who.userName, locale }, catalogueId);
  if (!links.ok) {
    turn.log.info({ catalogueId, code: links.code }, 'catalogue export refused');
    return noticeCard(locale, { text: text(locale, ERROR_TEXT[links.code]), style: 'attention' });
  }
  turn.log.info({ catalogueId, expiresAt: links.value.expiresAt.toISOString() }, 'catalogue export links made');
  return exportLinksCard(locale, links.value);
}
