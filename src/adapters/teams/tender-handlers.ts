// Handlers for internt udbud, the kernegruppe's side: the tender form, publishing, cancelling, the
// `udbud` list, and reading the bids (overview and detail) for the group's members. The employee's
// side (bid form, receipt, edit, withdraw, `mine bud`) is in bid-handlers.ts. Each validates the
// card's data at the edge, calls one use case and picks a view. Errors become Danish (or English) text
// here and only here.

import { z } from 'zod';
import { localParts } from '../../domain/time.js';
import type { TenderInput } from '../../domain/tender.js';
import { whoIsActing, type Acting } from '../../app/directory-admin.js';
import { openTenders } from '../../app/bids.js';
import {
  cancelTender,
  groupTenders,
  publishTender,
  saveTenderDraft,
  tenderForManager,
  tenderForMember,
  tenderPlaceFor,
} from '../../app/tenders.js';
import { escapeMarkdown as esc, type CardJson } from '../cards/render-card.js';
import { tenderFormCard, tenderPreviewCard } from '../cards/tender-form-views.js';
import { cancelDoneCard, closedSummaryCard, publishRefusedCard, publishReportCard } from '../cards/tender-report-views.js';
import { tenderListCard } from '../cards/tender-list-views.js';
import { BID_TEXT_FIELDS, confirmCard } from '../cards/bid-views.js';
import { tenderFormValuesFrom, tenderFormValuesOf, type From } from '../cards/tender-card-parts.js';
import { bidderOf, ERROR_TEXT, errorCard, FromField, Id, t, type TenderHandlerDeps } from './tender-handler-parts.js';
import type { Turn } from './turn.js';

// The card data every tender and bid route parses, where bot-app.ts (and code written before the split) reads them.
export { BidIdData, FromData, TenderIdData, type TenderHandlerDeps } from './tender-handler-parts.js';

const BidNumber = z.string().regex(/^\d{1,9}$/);
export const SaveTenderData = z.object({ tenderId: Id.optional(), from: FromField }).passthrough();
export const PageData = z.object({ tenderId: Id, after: BidNumber.optional(), before: BidNumber.optional(), from: FromField });
export const BidDetailData = z.object({ bidId: Id, after: BidNumber.optional(), from: FromField, field: z.enum(BID_TEXT_FIELDS).optional() });
export const CancelData = z.object({ tenderId: Id, reason: z.string().max(5000).optional() });

const acting = (deps: TenderHandlerDeps, turn: Turn): Promise<Acting> => whoIsActing(deps, turn.who.tenantId, turn.who.userId, turn.who.userName);

function tenderInputOf(raw: Record<string, unknown>): TenderInput {
  return { title: raw.title, description: raw.description, forudsaetninger: raw.forudsaetninger, deadlineDate: raw.deadlineDate, deadlineTime: raw.deadlineTime, budgetKr: raw.budgetKr, decidedBy: raw.decidedBy };
}

/** A new form; the deadline starts two weeks out at noon, Copenhagen time, as a sensible default. */
export async function newTenderForm(deps: TenderHandlerDeps, turn: Turn): Promise<CardJson> {
  const place = tenderPlaceFor(await acting(deps, turn), turn.who.conversation.conversationId);
  if (!place.ok) return errorCard(turn, place.code);
  const { group, kerneopgave } = place.value;
  const inTwoWeeks = localParts(new Date(deps.clock.now().getTime() + 14 * 24 * 3600 * 1000));
  return tenderFormCard(turn.who.locale, {
    groupName: group.name,
    kerneopgaveName: kerneopgave.name,
    choices: kerneopgave.forudsaetninger,
    values: { title: '', description: '', forudsaetninger: '', deadlineDate: inTwoWeeks.date, deadlineTime: '12:00', budgetKr: '', decidedBy: 'kernegruppe' },
    errors: [],
  });
}

export async function saveTender(deps: TenderHandlerDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const data = SaveTenderData.parse(raw);
  const who = await acting(deps, turn);
  const result = await saveTenderDraft(deps, who, turn.who.conversation.conversationId, data.tenderId, tenderInputOf(raw));
  if (result.ok) {
    turn.log.info({ tenderId: result.value.id }, data.tenderId ? 'tender draft edited' : 'tender draft created');
    return tenderPreviewCard(turn.who.locale, result.value);
  }
  if (result.code === 'TENDER.INVALID') {
    // The form comes back with what the person wrote, and each problem at its field.
    const existing = data.tenderId ? await tenderForManager(deps, who, data.tenderId) : undefined;
    const place = existing?.ok
      ? { groupName: existing.value.value.groupName, kerneopgaveName: existing.value.value.kerneopgaveName, choices: existing.value.value.catalog.filter((c) => c.kerneopgave === existing.value.value.kerneopgave) }
      : (() => {
          const p = tenderPlaceFor(who, turn.who.conversation.conversationId);
          return p.ok ? { groupName: p.value.group.name, kerneopgaveName: p.value.kerneopgave.name, choices: p.value.kerneopgave.forudsaetninger } : undefined;
        })();
    if (place) return tenderFormCard(turn.who.locale, { tenderId: data.tenderId, ...place, values: tenderFormValuesFrom(raw), errors: result.details ?? [], from: data.from });
  }
  return errorCard(turn, result.code);
}

export async function editTenderForm(deps: TenderHandlerDeps, turn: Turn, tenderId: string, from?: From): Promise<CardJson> {
  const found = await tenderForManager(deps, await acting(deps, turn), tenderId);
  if (!found.ok) return errorCard(turn, found.code);
  const tender = found.value.value;
  if (tender.status !== 'draft') return errorCard(turn, 'TENDER.NOT_DRAFT');
  return tenderFormCard(turn.who.locale, {
    tenderId,
    groupName: tender.groupName,
    kerneopgaveName: tender.kerneopgaveName,
    choices: tender.catalog.filter((c) => c.kerneopgave === tender.kerneopgave),
    values: tenderFormValuesOf(tender),
    errors: [],
    from,
  });
}

/** The draft edit form's Fortryd: the draft as it is stored, nothing saved. */
export async function draftPreview(deps: TenderHandlerDeps, turn: Turn, tenderId: string): Promise<CardJson> {
  const found = await tenderForManager(deps, await acting(deps, turn), tenderId);
  if (!found.ok) return errorCard(turn, found.code);
  if (found.value.value.status !== 'draft') return errorCard(turn, 'TENDER.NOT_DRAFT');
  return tenderPreviewCard(turn.who.locale, found.value.value);
}

export async function publish(deps: TenderHandlerDeps, turn: Turn, tenderId: string): Promise<CardJson> {
  const result = await publishTender(deps, await acting(deps, turn), tenderId);
  if (!result.ok) {
    if ((result.code === 'TENDER.NO_ANNOUNCEMENT_CHANNEL' || result.code === 'TENDER.NOT_ANNOUNCED') && result.details) {
      turn.log.warn({ tenderId, code: result.code, outcomes: result.details.outcomes }, 'tender not published: no announcement channel reached');
      return publishRefusedCard(turn.who.locale, result.details.tender, result.details.outcomes);
    }
    return errorCard(turn, result.code);
  }
  turn.log.info({ tenderId, outcomes: result.value.outcomes }, 'tender published');
  return publishReportCard(turn.who.locale, result.value.tender, result.value.outcomes);
}

function cancelQuestion(turn: Turn, tenderId: string, title: string, reason: string, error?: string): CardJson {
  return confirmCard(turn.who.locale, {
    title: t(turn, 'tender.cancelAsk.title'),
    text: t(turn, 'tender.cancelAsk.text', { title: esc(title) }),
    confirmTitle: t(turn, 'tender.cancelAsk.confirm'),
    confirmVerb: 'tender.cancel',
    confirmData: { tenderId },
    backVerb: 'tender.list',
    backData: {},
    reason: { label: t(turn, 'tender.cancelAsk.reason'), value: reason, error },
  });
}

export async function cancelAsk(deps: TenderHandlerDeps, turn: Turn, tenderId: string): Promise<CardJson> {
  const found = await tenderForManager(deps, await acting(deps, turn), tenderId);
  if (!found.ok) return errorCard(turn, found.code);
  if (found.value.value.status === 'cancelled') return errorCard(turn, 'TENDER.NOT_CANCELLABLE');
  return cancelQuestion(turn, tenderId, found.value.value.title, '');
}

export async function cancel(deps: TenderHandlerDeps, turn: Turn, tenderId: string, reason: string): Promise<CardJson> {
  const result = await cancelTender(deps, await acting(deps, turn), tenderId, reason);
  if (!result.ok) {
    if (result.code === 'TENDER.REASON_MISSING' || result.code === 'TENDER.REASON_TOO_LONG') {
      const found = await deps.tenders.getTender(turn.who.tenantId, tenderId);
      return cancelQuestion(turn, tenderId, found?.value.title ?? '', reason, t(turn, ERROR_TEXT[result.code]!));
    }
    return errorCard(turn, result.code);
  }
  const { tender, biddersTold, biddersNotReached } = result.value;
  turn.log.info({ tenderId, biddersTold, biddersNotReached }, 'tender cancelled');
  return cancelDoneCard(turn.who.locale, tender, { told: biddersTold, notReached: biddersNotReached });
}

/**
 * "udbud": in a kernegruppe's chat its members see the group's tenders; anywhere else, the open ones.
 * Typed in the chat, the list is posted for everyone there (`shared`): it offers what every member may
 * do, and each reader's own view (a manager's Ret kladde, Offentliggør, Annullér udbud) comes through
 * its refresh; pressed (tender.list), it is the presser's own view.
 */
export async function tenders(deps: TenderHandlerDeps, turn: Turn, opts: { shared?: boolean } = {}): Promise<CardJson> {
  const who = await acting(deps, turn);
  const group = await groupTenders(deps, who, turn.who.conversation.conversationId);
  if (group.ok) {
    return tenderListCard(turn.who.locale, {
      title: t(turn, 'tenders.groupTitle', { group: esc(group.value.group.name) }),
      empty: t(turn, 'tenders.groupEmpty'),
      items: group.value.tenders.map((tender) => ({ tender })),
      more: group.value.more,
      now: deps.clock.now(),
      mode: 'group',
      manages: group.value.manages,
      shared: opts.shared ?? false,
    });
  }
  const open = await openTenders(deps, bidderOf(turn));
  return tenderListCard(turn.who.locale, { title: t(turn, 'tenders.openTitle'), empty: t(turn, 'tenders.openEmpty'), items: open.items, more: open.more, now: deps.clock.now(), mode: 'open' });
}

/** Tilbage from the bids to the "tender closed" notice they were opened from, for the group's members. */
export async function closedNotice(deps: TenderHandlerDeps, turn: Turn, tenderId: string): Promise<CardJson> {
  const found = await tenderForMember(deps, await acting(deps, turn), tenderId);
  if (!found.ok) return errorCard(turn, found.code);
  return closedSummaryCard(turn.who.locale, found.value);
}
