// What the tender handlers (tender-handlers.ts, the kernegruppe's side) and the bid handlers
// (bid-handlers.ts, the employee's side) share: their deps, the card data both parse, the result
// codes' texts, and who is acting or bidding.

import { z } from 'zod';
import type { Bidder } from '../../domain/bid.js';
import type { BidDeps } from '../../app/bids.js';
import type { TenderDeps } from '../../app/tenders.js';
import { type CardJson } from '../cards/render-card.js';
import { FROM } from '../cards/tender-card-parts.js';
import { noticeCard } from '../cards/views.js';
import { text, type TextKey } from '../i18n/text.js';
import { reachableActor, type Turn } from './turn.js';

export type TenderHandlerDeps = TenderDeps & BidDeps;

export const Id = z.string().min(1).max(100);
/** Where a card was reached from (see FROM): picks the way back only; the target view checks its own rights. */
export const FromField = z.enum(FROM).optional();
export const TenderIdData = z.object({ tenderId: Id }).passthrough();
export const BidIdData = z.object({ bidId: Id }).passthrough();
export const FromData = z.object({ from: FromField }).passthrough();

export const t = (turn: Turn, key: TextKey, params: Record<string, string | number> = {}) => text(turn.who.locale, key, params);
const refusal = (turn: Turn, key: TextKey, params: Record<string, string | number> = {}, input?: string) =>
  noticeCard(turn.who.locale, { text: t(turn, key, params), style: 'attention', input });

export const ERROR_TEXT: Record<string, TextKey> = {
  'DIRECTORY.MISSING': 'error.directoryMissing',
  'TENDER.NOT_IN_KERNEGRUPPE_CHAT': 'error.notKernegruppeChat',
  'TENDER.NOT_MANAGER': 'error.notTenderManager',
  'TENDER.NOT_MEMBER': 'error.notMember',
  'TENDER.NOT_FOUND': 'error.tenderNotFound',
  'TENDER.NOT_DRAFT': 'error.tenderNotDraft',
  'TENDER.DEADLINE_PASSED': 'error.tenderDeadlinePassed',
  'TENDER.NOT_CANCELLABLE': 'error.tenderNotCancellable',
  'TENDER.REASON_MISSING': 'error.reasonMissing',
  'TENDER.REASON_TOO_LONG': 'error.reasonTooLong',
  'TENDER.BUSY': 'error.tenderBusy',
  'BID.BUSY': 'error.tenderBusy',
  'BID.NOT_FOUND': 'error.bidNotFound',
  'BID.WITHDRAWN': 'error.bidWithdrawn',
  'BID.BAD_SUBMISSION': 'error.badActionData',
};

export function errorCard(turn: Turn, code: string): CardJson {
  const key = ERROR_TEXT[code];
  if (!key) throw new Error(`no text for result code ${code}`);
  return refusal(turn, key);
}

export const bidderOf = (turn: Turn): Bidder & { tenantId: string } => reachableActor(turn);
