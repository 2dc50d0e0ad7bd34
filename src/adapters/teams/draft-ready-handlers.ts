// "Send til tovholderen" on a draft's preview: validates nothing beyond the tender id (bot-app.ts parses
// it), calls the use case and answers from the stored state: the preview with to whom and when it was
// sent, and without the button. Refusals name who may (the rights table) or say why nothing was sent.

import { sendDraftToLead } from '../../app/draft-ready.js';
import { whoIsActing } from '../../app/directory-admin.js';
import { whoMayFor } from '../../app/rights.js';
import { escapeMarkdown as esc, type CardJson } from '../cards/render-card.js';
import { rightsRefusalCard } from '../cards/rights-views.js';
import { noticeCard } from '../cards/views.js';
import { text } from '../i18n/text.js';
import { errorCard, type TenderHandlerDeps } from './tender-handler-parts.js';
import { previewFor } from './tender-handlers.js';
import type { Turn } from './turn.js';

export async function sendToLead(deps: TenderHandlerDeps, turn: Turn, tenderId: string): Promise<CardJson> {
  const who = await whoIsActing(deps, turn.who.tenantId, turn.who.userId, turn.who.userName);
  const result = await sendDraftToLead(deps, who, tenderId);
  const locale = turn.who.locale;
  if (!result.ok) {
    turn.log.info({ tenderId, code: result.code }, 'draft not sent to the tovholder');
    switch (result.code) {
      case 'TENDER.NOT_MANAGER':
        return rightsRefusalCard(locale, await whoMayFor(deps, who, { tenderId }, 'udkast'));
      case 'TENDER.NOT_DRAFT':
        return noticeCard(locale, { text: text(locale, 'error.draftReady.notDraft'), style: 'attention' });
      case 'DRAFT_READY.NOBODY_REACHABLE': {
        const names = (result.details?.names ?? []).map(esc).join(text(locale, 'draftReady.and'));
        return noticeCard(locale, { text: names ? text(locale, 'error.draftReady.nobodyReachable', { names }) : text(locale, 'error.draftReady.nobodyAtAll'), style: 'attention' });
      }
      default:
        return errorCard(turn, result.code);
    }
  }
  turn.log.info({ tenderId, already: result.value.already, via: result.value.tender.readyForLead?.via }, result.value.already ? 'draft already sent to the tovholder' : 'draft sent to the tovholder');
  return previewFor(turn, who, result.value.tender, result.value.already);
}
