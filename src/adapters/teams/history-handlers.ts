// `historik` on a tender (the button on the bid overview): every state change of the tender and its
// bids, a page at a time. Validates the card's data, calls the use case, draws the card.

import { z } from 'zod';
import { whoIsActing } from '../../app/directory-admin.js';
import { tenderHistoryFor } from '../../app/history.js';
import type { TenderRepository, DirectoryRepository } from '../../app/ports.js';
import { historyCard } from '../cards/history-views.js';
import { button } from '../cards/card-parts.js';
import type { CardJson } from '../cards/render-card.js';
import { noticeCard } from '../cards/views.js';
import { text } from '../i18n/text.js';
import type { Turn } from './turn.js';

export const TenderHistoryData = z.object({ tenderId: z.string().min(1).max(100), page: z.string().regex(/^\d{1,4}$/).optional() }).passthrough();

export async function tenderHistory(deps: { readonly tenders: TenderRepository; readonly directories: DirectoryRepository }, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const data = TenderHistoryData.parse(raw);
  const locale = turn.who.locale;
  const acting = await whoIsActing(deps, turn.who.tenantId, turn.who.userId, turn.who.userName);
  const view = await tenderHistoryFor(deps, acting, data.tenderId, Number(data.page ?? 0));
  if (!view.ok) return noticeCard(locale, { text: text(locale, view.code === 'TENDER.NOT_MEMBER' ? 'error.notMember' : 'error.tenderNotFound'), style: 'attention' });
  const v = view.value;
  return historyCard(locale, {
    title: v.tender.title,
    lines: v.lines,
    names: v.names,
    page: v.page,
    pages: v.pages,
    hasOlder: v.hasOlder,
    verb: 'tender.history',
    data: { tenderId: v.tender.id },
    back: button('tender.bids', text(locale, 'history.back'), { tenderId: v.tender.id }),
  });
}
