// Handlers for the konsekvensberegning: the request form and the request (the bidder or a member), the
// økonomikonsulent's card and its save. Each validates the card's data, calls one use case and picks a view;
// result codes become words here and only here.

import { z } from 'zod';
import { whoIsActing, type Acting } from '../../app/directory-admin.js';
import { askKonsekvens, konsekvensAskView, konsekvensForMaker, saveKonsekvensberegning, type KonsekvensDeps } from '../../app/konsekvensberegning.js';
import type { DirectoryRepository } from '../../app/ports.js';
import { KONSEKVENS_LIMITS } from '../../domain/konsekvensberegning.js';
import { escapeMarkdown as esc, type CardJson } from '../cards/render-card.js';
import { konsekvensAskedCard, konsekvensAskFormCard, konsekvensFormCard, konsekvensSavedCard, konsekvensValuesFrom, konsekvensValuesOf, type Asker } from '../cards/konsekvens-views.js';
import { noticeCard } from '../cards/views.js';
import { text, type TextKey } from '../i18n/text.js';
import type { Turn } from './turn.js';

export type KonsekvensHandlerDeps = KonsekvensDeps & { readonly directories: DirectoryRepository };

export const KonsekvensBidData = z.object({ bidId: z.string().min(1).max(100) }).passthrough();

const ERROR_TEXT: Record<string, TextKey> = {
  'KONSEKVENS.NOT_FOUND': 'error.konsekvens.notFound',
  'KONSEKVENS.NOT_ALLOWED': 'error.konsekvens.notFound',
  'KONSEKVENS.NOT_CLOSED': 'error.konsekvens.notClosed',
  'KONSEKVENS.WITHDRAWN': 'error.konsekvens.withdrawn',
  'KONSEKVENS.NO_OEKONOMIKONSULENT': 'error.konsekvens.noOekonomikonsulent',
  'KONSEKVENS.NOT_OEKONOMIKONSULENT': 'error.konsekvens.notOekonomikonsulent',
  'KONSEKVENS.NOT_REQUESTED': 'error.konsekvens.notRequested',
  'KONSEKVENS.BUSY': 'error.konsekvens.busy',
};

function errorCard(turn: Turn, code: string, params: Record<string, string | number> = {}): CardJson {
  const key = ERROR_TEXT[code];
  if (!key) throw new Error(`no text for result code ${code}`);
  return noticeCard(turn.who.locale, { text: text(turn.who.locale, key, params), style: 'attention' });
}

const acting = (deps: KonsekvensHandlerDeps, turn: Turn): Promise<Acting> => whoIsActing(deps, turn.who.tenantId, turn.who.userId, turn.who.userName);
const askerOf = (turn: Turn, bid: { bidderId: string }): Asker => (bid.bidderId === turn.who.userId ? 'bidder' : 'member');

/** The group's name for "no økonomikonsulent in …", from the tender when it can be read. */
async function groupNameFor(deps: KonsekvensHandlerDeps, turn: Turn, bidId: string): Promise<string> {
  const bid = await deps.tenders.getBid(turn.who.tenantId, bidId);
  const tender = bid && (await deps.tenders.getTender(turn.who.tenantId, bid.value.tenderId));
  return esc(tender?.value.groupName ?? '');
}

/** "Bed om konsekvensberegning": the form with an optional question, or why it cannot be asked (nothing typed yet). */
export async function requestForm(deps: KonsekvensHandlerDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const { bidId } = KonsekvensBidData.parse(raw);
  const view = await konsekvensAskView(deps, await acting(deps, turn), bidId);
  if (!view.ok) return errorCard(turn, view.code, view.code === 'KONSEKVENS.NO_OEKONOMIKONSULENT' ? { group: await groupNameFor(deps, turn, bidId) } : {});
  const asker = askerOf(turn, view.value.bid);
  if (view.value.already) return konsekvensAskedCard(turn.who.locale, { ...view.value, asker });
  return konsekvensAskFormCard(turn.who.locale, { ...view.value, asker });
}

export async function ask(deps: KonsekvensHandlerDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const { bidId } = KonsekvensBidData.parse(raw);
  const note = typeof raw.note === 'string' ? raw.note : '';
  const who = await acting(deps, turn);
  const result = await askKonsekvens(deps, who, bidId, note);
  if (result.ok) {
    turn.log.info({ bidId, already: result.value.already }, 'konsekvensberegning asked for');
    return konsekvensAskedCard(turn.who.locale, { ...result.value, asker: askerOf(turn, result.value.bid) });
  }
  if (result.code === 'KONSEKVENS.NOTE_TOO_LONG') {
    // The form comes back with the whole question in it and the limit at the field.
    const view = await konsekvensAskView(deps, who, bidId);
    if (view.ok)
      return konsekvensAskFormCard(turn.who.locale, { ...view.value, asker: askerOf(turn, view.value.bid), note, error: { field: 'requestNote', code: 'TOO_LONG', limit: KONSEKVENS_LIMITS.requestNote } });
  }
  if (result.code === 'KONSEKVENS.NO_OEKONOMIKONSULENT') return errorCard(turn, result.code, { group: await groupNameFor(deps, turn, bidId) });
  return errorCard(turn, result.code === 'KONSEKVENS.NOTE_TOO_LONG' ? 'KONSEKVENS.NOT_FOUND' : result.code);
}

/** The økonomikonsulent's card again, from the stored state (to make or revise the figures). */
export async function open(deps: KonsekvensHandlerDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const { bidId } = KonsekvensBidData.parse(raw);
  const found = await konsekvensForMaker(deps, await acting(deps, turn), bidId);
  if (!found.ok) return errorCard(turn, found.code);
  return konsekvensFormCard(turn.who.locale, { ...found.value, values: konsekvensValuesOf(turn.who.locale, found.value.bid.konsekvens?.result), errors: [] });
}

export async function save(deps: KonsekvensHandlerDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const { bidId } = KonsekvensBidData.parse(raw);
  const values = konsekvensValuesFrom(raw);
  const who = await acting(deps, turn);
  const result = await saveKonsekvensberegning(deps, who, bidId, values);
  if (result.ok) {
    turn.log.info({ bidId, revision: result.value.bid.konsekvens?.result?.revision }, 'konsekvensberegning saved');
    return konsekvensSavedCard(turn.who.locale, result.value.tender, result.value.bid);
  }
  if (result.code === 'KONSEKVENS.INVALID') {
    const found = await konsekvensForMaker(deps, who, bidId);
    if (found.ok) return konsekvensFormCard(turn.who.locale, { ...found.value, values, errors: result.details ?? [] });
  }
  return errorCard(turn, result.code === 'KONSEKVENS.INVALID' ? 'KONSEKVENS.NOT_FOUND' : result.code);
}
