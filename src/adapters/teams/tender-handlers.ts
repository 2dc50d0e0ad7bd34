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
  RIGHT_OF_REFUSAL,
  saveTenderDraft,
  tenderForManager,
  tenderForMember,
  tenderPlaceFor,
  type TenderRightsError,
} from '../../app/tenders.js';
import { mayDo } from '../../domain/actor.js';
import { groupOfConversation } from '../../domain/directory.js';
import type { Tender } from '../../domain/tender.js';
import { whoMay, whoMayFor } from '../../app/rights.js';
import { draftNoteText, rightsRefusalCard } from '../cards/rights-views.js';
import { draftReadyAlready, draftReadyNote, sendToLeadButton } from '../cards/draft-ready-views.js';
import { offersSendToLead } from '../../domain/draft-ready.js';
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

const RIGHTS_CODES = new Set<string>(Object.keys(RIGHT_OF_REFUSAL));

/**
 * A result code as the card to show: a refusal by the rights table names who may and whom to ask
 * (one read of the tender to find its group, on the refusal only); `input` is shown back.
 */
async function refusedCard(deps: TenderHandlerDeps, turn: Turn, who: Acting, code: string, tenderId: string | undefined, input?: string): Promise<CardJson> {
  if (!RIGHTS_CODES.has(code)) return errorCard(turn, code);
  const action = RIGHT_OF_REFUSAL[code as TenderRightsError];
  const group = tenderId ? undefined : tenderPlaceGroup(who, turn);
  const w = group ? whoMay(who.directory?.value, group, action) : await whoMayFor(deps, who, { tenderId: tenderId ?? '' }, action);
  return rightsRefusalCard(turn.who.locale, w, input);
}

/** The kernegruppe whose chat this is (for a refusal to start a tender there). */
function tenderPlaceGroup(who: Acting, turn: Turn): string | undefined {
  const dir = who.directory?.value;
  return dir ? groupOfConversation(dir, turn.who.conversation.conversationId)?.id : undefined;
}

/**
 * The draft with the reader's own buttons: a drafter who may not publish is told who does, and gets
 * Send til tovholderen until it is sent; a draft sent says to whom and when (`already`: pressed again).
 */
export function previewFor(turn: Turn, who: Acting, tender: Tender, already = false): CardJson {
  const may = { edits: mayDo(who.actor, tender.groupId, 'udkast'), publishes: mayDo(who.actor, tender.groupId, 'offentliggoer'), cancels: mayDo(who.actor, tender.groupId, 'aflys') };
  const publisher = may.publishes ? undefined : draftNoteText(turn.who.locale, whoMay(who.directory?.value, tender.groupId, 'offentliggoer'));
  const locale = turn.who.locale;
  const sent = tender.readyForLead ? [...(already ? [draftReadyAlready(locale)] : []), draftReadyNote(locale, tender.readyForLead)].join(' ') : undefined;
  return tenderPreviewCard(locale, tender, may, publisher, { note: sent, send: offersSendToLead(who.actor, tender) ? sendToLeadButton(locale, tender) : undefined });
}

function tenderInputOf(raw: Record<string, unknown>): TenderInput {
  return { title: raw.title, description: raw.description, forudsaetninger: raw.forudsaetninger, deadlineDate: raw.deadlineDate, deadlineTime: raw.deadlineTime, budgetKr: raw.budgetKr, decidedBy: raw.decidedBy };
}

/** A new form; the deadline starts two weeks out at noon, Copenhagen time, as a sensible default. */
export async function newTenderForm(deps: TenderHandlerDeps, turn: Turn): Promise<CardJson> {
  const who = await acting(deps, turn);
  const place = tenderPlaceFor(who, turn.who.conversation.conversationId);
  if (!place.ok) return refusedCard(deps, turn, who, place.code, undefined);
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
    return previewFor(turn, who, result.value);
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
  // What was typed comes back with the refusal (the title and the description, the words worth keeping).
  const typed = [raw.title, raw.description].filter((v): v is string => typeof v === 'string' && v.trim() !== '').join('\n\n');
  return refusedCard(deps, turn, who, result.code, data.tenderId, typed || undefined);
}

export async function editTenderForm(deps: TenderHandlerDeps, turn: Turn, tenderId: string, from?: From): Promise<CardJson> {
  const who = await acting(deps, turn);
  const found = await tenderForManager(deps, who, tenderId);
  if (!found.ok) return refusedCard(deps, turn, who, found.code, tenderId);
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
  const who = await acting(deps, turn);
  const found = await tenderForManager(deps, who, tenderId, 'draft');
  if (!found.ok) return refusedCard(deps, turn, who, found.code, tenderId);
  if (found.value.value.status !== 'draft') return errorCard(turn, 'TENDER.NOT_DRAFT');
  return previewFor(turn, who, found.value.value);
}

export async function publish(deps: TenderHandlerDeps, turn: Turn, tenderId: string): Promise<CardJson> {
  const who = await acting(deps, turn);
  const result = await publishTender(deps, who, tenderId);
  if (!result.ok) {
    if ((result.code === 'TENDER.NO_ANNOUNCEMENT_CHANNEL' || result.code === 'TENDER.NOT_ANNOUNCED') && result.details) {
      turn.log.warn({ tenderId, code: result.code, outcomes: result.details.outcomes }, 'tender not published: no announcement channel reached');
      return publishRefusedCard(turn.who.locale, result.details.tender, result.details.outcomes);
    }
    return refusedCard(deps, turn, who, result.code, tenderId);
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
  const who = await acting(deps, turn);
  const found = await tenderForManager(deps, who, tenderId, 'aflys');
  if (!found.ok) return refusedCard(deps, turn, who, found.code, tenderId);
  if (found.value.value.status === 'cancelled') return errorCard(turn, 'TENDER.NOT_CANCELLABLE');
  return cancelQuestion(turn, tenderId, found.value.value.title, '');
}

export async function cancel(deps: TenderHandlerDeps, turn: Turn, tenderId: string, reason: string): Promise<CardJson> {
  const who = await acting(deps, turn);
  const result = await cancelTender(deps, who, tenderId, reason);
  if (!result.ok) {
    if (result.code === 'TENDER.REASON_MISSING' || result.code === 'TENDER.REASON_TOO_LONG') {
      const found = await deps.tenders.getTender(turn.who.tenantId, tenderId);
      return cancelQuestion(turn, tenderId, found?.value.title ?? '', reason, t(turn, ERROR_TEXT[result.code]!));
    }
    return refusedCard(deps, turn, who, result.code, tenderId, reason.trim() || undefined);
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
      readsBids: group.value.member || (opts.shared ?? false),
      manages: group.value.manages,
      publishes: group.value.publishes,
      cancels: group.value.cancels,
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
