// Handlers for the activity catalogue: `katalog [periode]` and the katalog card's buttons (pages, the
// frame form, present at a temamøde, the Byråd's decision). Each validates the card's data at the
// edge, calls one use case and picks a view; result codes become Danish (or English) text here.

import { z } from 'zod';
import {
  catalogueFor,
  cataloguePlace,
  catalogueViewOf,
  meetingChoices,
  presentCatalogue,
  recordByraadDecision,
  setCatalogueFrame,
  showCatalogue,
  currentPeriod,
  type CatalogueDeps,
} from '../../app/catalogue.js';
import { whoIsActing, type Acting } from '../../app/directory-admin.js';
import { frameOf } from '../../domain/catalogue.js';
import { catalogueCard, decisionFormCard, frameFormCard, presentFormCard, type DecisionField, type DecisionFormValues } from '../cards/catalogue-views.js';
import { money } from '../cards/tender-card-parts.js';
import { escapeMarkdown as esc, type CardJson } from '../cards/render-card.js';
import { noticeCard } from '../cards/views.js';
import { text, type TextKey } from '../i18n/text.js';
import type { Turn } from './turn.js';

const Id = z.string().min(1).max(100);
/** Typed text: bounded well above any limit, so the form can come back with it and say what is wrong. */
const Typed = z.string().max(5000).optional();
export const ShowData = z.object({ groupId: Id.optional(), period: z.string().max(20).optional(), page: z.string().regex(/^\d{1,3}$/).optional() }).passthrough();
export const FrameFormData = z.object({ groupId: Id, period: z.string().max(20).optional() }).passthrough();
export const FrameData = z.object({ groupId: Id, period: Typed, amount: Typed, note: Typed }).passthrough();
export const CatalogueIdData = z.object({ catalogueId: Id }).passthrough();
export const PresentData = z.object({ catalogueId: Id, meetingId: z.string().max(200).optional() }).passthrough();
export const DecideData = z.object({ catalogueId: Id, outcome: z.string().max(40).optional(), meetingId: z.string().max(200).optional(), note: Typed, approved: z.string().max(20_000).optional() }).passthrough();

/** What the person typed or picked, quoted the reader's way. */
const q = (turn: Turn, s: string) => (turn.who.locale === 'da' ? `»${esc(s)}«` : `“${esc(s)}”`);
const t = (turn: Turn, key: TextKey, params: Record<string, string | number> = {}) => text(turn.who.locale, key, params);
const refusal = (turn: Turn, key: TextKey, params: Record<string, string | number> = {}, input?: string) =>
  noticeCard(turn.who.locale, { text: t(turn, key, params), style: 'attention', input });

const ERROR_TEXT: Record<string, TextKey> = {
  'DIRECTORY.MISSING': 'error.directoryMissing',
  'CATALOGUE.NO_GROUP': 'error.catalogueNoGroup',
  'CATALOGUE.NOT_READER': 'error.catalogueNotReader',
  'CATALOGUE.PERIOD_INVALID': 'error.cataloguePeriodInvalid',
  'CATALOGUE.NOT_FOUND': 'error.catalogueNotFound',
  'CATALOGUE.BUSY': 'error.catalogueBusy',
  'CATALOGUE.NOT_DRAFT': 'error.catalogueNotDraft',
  'CATALOGUE.NOT_PRESENTED': 'error.catalogueNotPresented',
  'CATALOGUE.EMPTY': 'error.catalogueEmpty',
  'CATALOGUE.NOTE_TOO_LONG': 'error.catalogueNoteTooLong',
  'CATALOGUE.UNKNOWN_ENTRIES': 'error.catalogueUnknownEntries',
  'CATALOGUE.MEETING_REQUIRED': 'error.catalogueMeetingRequired',
  'CATALOGUE.OUTCOME_REQUIRED': 'error.catalogueOutcomeRequired',
  'CATALOGUE.APPROVED_REQUIRED': 'error.catalogueApprovedRequired',
};

function errorCard(turn: Turn, code: string, input?: string, params: Record<string, string | number> = {}): CardJson {
  const key = ERROR_TEXT[code];
  if (!key) throw new Error(`no text for result code ${code}`);
  return refusal(turn, key, { typed: '–', ...params }, input);
}

const acting = (deps: CatalogueDeps, turn: Turn): Promise<Acting> => whoIsActing(deps, turn.who.tenantId, turn.who.userId, turn.who.userName);

/** `katalog [periode]` typed in the chat, or the help card's button / a page button (catalogue.show). */
export async function show(deps: CatalogueDeps, turn: Turn, v: { groupId?: string | undefined; period?: string | undefined; page?: number | undefined; input?: string | undefined }): Promise<CardJson> {
  const who = await acting(deps, turn);
  const period = v.period?.trim() || undefined;
  const result = await showCatalogue(deps, who, { groupId: v.groupId, conversationId: turn.who.conversation.conversationId, period });
  if (!result.ok) return errorCard(turn, result.code, v.input, { typed: q(turn, period ?? '') });
  return catalogueCard(turn.who.locale, result.value, { page: v.page });
}

export async function frameForm(deps: CatalogueDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const data = FrameFormData.parse(raw);
  const who = await acting(deps, turn);
  const place = cataloguePlace(who, data.groupId);
  if (!place.ok) return errorCard(turn, place.code);
  if (!place.value.rights.frame) return refusal(turn, 'error.catalogueFrameNotAllowed');
  const period = data.period && /^20\d\d$/.test(data.period) ? data.period : currentPeriod(deps.clock.now());
  const found = await showCatalogue(deps, who, { groupId: data.groupId, conversationId: turn.who.conversation.conversationId, period });
  const current = found.ok && found.value.catalogue ? frameOf(found.value.catalogue) : undefined;
  return frameFormCard(turn.who.locale, {
    groupId: data.groupId,
    groupName: place.value.group.name,
    currentKr: current,
    values: { period, amount: '', note: '' },
    errors: [],
    backPeriod: period,
  });
}

export async function saveFrame(deps: CatalogueDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const data = FrameData.parse(raw);
  const values = { period: data.period ?? '', amount: data.amount ?? '', note: data.note ?? '' };
  const who = await acting(deps, turn);
  const result = await setCatalogueFrame(deps, who, { groupId: data.groupId, ...values });
  if (result.ok) {
    turn.log.info({ catalogueId: result.value.id, frameKr: frameOf(result.value) }, 'catalogue frame set');
    const view = catalogueViewOf(who, result.value);
    if (view.ok) return catalogueCard(turn.who.locale, view.value, { banner: t(turn, 'catalogue.frameSaved', { period: result.value.period, amount: money(turn.who.locale, frameOf(result.value)!) }) });
  }
  const typed = [values.period, values.amount, values.note].filter(Boolean).join(' · ');
  if (result.ok) return errorCard(turn, 'CATALOGUE.NOT_FOUND');
  if (result.code === 'CATALOGUE.NOT_ALLOWED') return refusal(turn, 'error.catalogueFrameNotAllowed', {}, typed);
  if (result.code === 'CATALOGUE.INVALID') {
    const place = cataloguePlace(who, data.groupId);
    if (place.ok) {
      const back = /^20\d\d$/.test(values.period.trim()) ? values.period.trim() : currentPeriod(deps.clock.now());
      const found = await showCatalogue(deps, who, { groupId: data.groupId, conversationId: turn.who.conversation.conversationId, period: back });
      const current = found.ok && found.value.catalogue ? frameOf(found.value.catalogue) : undefined;
      return frameFormCard(turn.who.locale, { groupId: data.groupId, groupName: place.value.group.name, currentKr: current, values, errors: result.details ?? [], backPeriod: back });
    }
  }
  return errorCard(turn, result.code, typed);
}

export async function presentForm(deps: CatalogueDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const { catalogueId } = CatalogueIdData.parse(raw);
  const who = await acting(deps, turn);
  const found = await catalogueFor(deps, who, catalogueId);
  if (!found.ok) return errorCard(turn, found.code);
  if (!found.value.place.rights.present) return refusal(turn, 'error.cataloguePresentNotAllowed');
  const c = found.value.catalogue.value;
  if (c.status !== 'draft') return errorCard(turn, 'CATALOGUE.NOT_DRAFT');
  const meetings = await meetingChoices(deps, who.directory!.value, 'temamoede');
  return presentFormCard(turn.who.locale, { catalogue: c, meetings, meetingId: '' });
}

export async function present(deps: CatalogueDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const data = PresentData.parse(raw);
  const meetingId = data.meetingId ?? '';
  const who = await acting(deps, turn);
  const result = await presentCatalogue(deps, who, { catalogueId: data.catalogueId, meetingId });
  if (result.ok) {
    turn.log.info({ catalogueId: data.catalogueId, meetingId }, 'catalogue presented');
    const view = catalogueViewOf(who, result.value);
    if (view.ok) return catalogueCard(turn.who.locale, view.value, { banner: t(turn, 'catalogue.presented', { meeting: esc(result.value.presentedAt!.title) }) });
    return errorCard(turn, view.code);
  }
  if (result.code === 'CATALOGUE.MEETING_REQUIRED') {
    const found = await catalogueFor(deps, who, data.catalogueId);
    if (found.ok) {
      const meetings = await meetingChoices(deps, who.directory!.value, 'temamoede');
      return presentFormCard(turn.who.locale, { catalogue: found.value.catalogue.value, meetings, meetingId, error: t(turn, 'error.catalogueMeetingRequired', { typed: q(turn, meetingId || '–') }) });
    }
  }
  if (result.code === 'CATALOGUE.NOT_ALLOWED') return refusal(turn, 'error.cataloguePresentNotAllowed', {}, meetingId);
  return errorCard(turn, result.code, meetingId);
}

/** Teams sends a multi-select as "a,b,c". */
const listOf = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

const DECISION_FIELD: Record<string, DecisionField> = {
  'CATALOGUE.OUTCOME_REQUIRED': 'outcome',
  'CATALOGUE.MEETING_REQUIRED': 'meetingId',
  'CATALOGUE.APPROVED_REQUIRED': 'approved',
  'CATALOGUE.UNKNOWN_ENTRIES': 'approved',
  'CATALOGUE.NOTE_TOO_LONG': 'note',
};

export async function decisionForm(deps: CatalogueDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const { catalogueId } = CatalogueIdData.parse(raw);
  const who = await acting(deps, turn);
  const found = await catalogueFor(deps, who, catalogueId);
  if (!found.ok) return errorCard(turn, found.code);
  if (!found.value.place.rights.decide) return refusal(turn, 'error.catalogueDecideNotAllowed');
  const c = found.value.catalogue.value;
  if (c.status !== 'presented') return errorCard(turn, 'CATALOGUE.NOT_PRESENTED');
  const meetings = await meetingChoices(deps, who.directory!.value, 'byraadsmoede');
  return decisionFormCard(turn.who.locale, { catalogue: c, meetings, values: { outcome: '', meetingId: '', note: '', approved: '' } });
}

export async function decide(deps: CatalogueDeps, turn: Turn, raw: Record<string, unknown>): Promise<CardJson> {
  const data = DecideData.parse(raw);
  const values: DecisionFormValues = { outcome: data.outcome ?? '', meetingId: data.meetingId ?? '', note: data.note ?? '', approved: data.approved ?? '' };
  const who = await acting(deps, turn);
  const result = await recordByraadDecision(deps, who, { catalogueId: data.catalogueId, outcome: values.outcome, meetingId: values.meetingId, note: values.note, approvedBidIds: listOf(values.approved) });
  if (result.ok) {
    turn.log.info({ catalogueId: data.catalogueId, outcome: values.outcome, meetingId: values.meetingId }, 'byråd decision recorded');
    const view = catalogueViewOf(who, result.value);
    if (view.ok) return catalogueCard(turn.who.locale, view.value, { banner: t(turn, 'catalogue.decided', { outcome: t(turn, `catalogue.outcome.${result.value.decision!.outcome}`) }) });
    return errorCard(turn, view.code);
  }
  const picked = [values.outcome, values.meetingId, values.approved, values.note].filter(Boolean).join(' · ');
  const field = DECISION_FIELD[result.code];
  if (field) {
    const found = await catalogueFor(deps, who, data.catalogueId);
    if (found.ok && found.value.place.rights.decide && found.value.catalogue.value.status === 'presented') {
      const meetings = await meetingChoices(deps, who.directory!.value, 'byraadsmoede');
      return decisionFormCard(turn.who.locale, {
        catalogue: found.value.catalogue.value,
        meetings,
        values,
        error: { field, text: t(turn, ERROR_TEXT[result.code]!, { typed: q(turn, values.meetingId || '–') }) },
      });
    }
  }
  if (result.code === 'CATALOGUE.NOT_ALLOWED') return refusal(turn, 'error.catalogueDecideNotAllowed', {}, picked);
  return errorCard(turn, result.code, picked);
}
