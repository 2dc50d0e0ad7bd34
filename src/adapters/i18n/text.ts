// Picks the user's language from the activity's locale and fills in a text's {placeholders}.
// The catalogs are split by area (general texts in da/en.ts, internt udbud in tender-da/en.ts, the dialogmøde agenda in agenda-da/en.ts) and
// merged here, so text(locale, key) covers every key.

import { da, type TextKey as CoreTextKey } from './da.js';
import { en } from './en.js';
import { tenderDa, type TenderTextKey } from './tender-da.js';
import { tenderEn } from './tender-en.js';
import { agendaDa, type AgendaTextKey } from './agenda-da.js';
import { agendaEn } from './agenda-en.js';
import { activityDa, type ActivityTextKey } from './activity-da.js';
import { activityEn } from './activity-en.js';
import { catalogueDa, type CatalogueTextKey } from './catalogue-da.js';
import { catalogueEn } from './catalogue-en.js';
import { decisionDa, type DecisionTextKey } from './decision-da.js';
import { decisionEn } from './decision-en.js';
import { evaluationDa, type EvaluationTextKey } from './evaluation-da.js';
import { evaluationEn } from './evaluation-en.js';
import { exportDa, type ExportTextKey } from './export-da.js';
import { exportEn } from './export-en.js';
import { historyDa, type HistoryTextKey } from './history-da.js';
import { historyEn } from './history-en.js';
import { konkretiseringDa, type KonkretiseringTextKey } from './konkretisering-da.js';
import { konkretiseringEn } from './konkretisering-en.js';
import { konsekvensDa, type KonsekvensTextKey } from './konsekvens-da.js';
import { konsekvensEn } from './konsekvens-en.js';
import { bevaegelseDa, type BevaegelseTextKey } from './bevaegelse-da.js';
import { bevaegelseEn } from './bevaegelse-en.js';
import { crossStatusDa, type CrossStatusTextKey } from './cross-status-da.js';
import { crossStatusEn } from './cross-status-en.js';
import { groupMeetingsDa, type GroupMeetingsTextKey } from './group-meetings-da.js';
import { groupMeetingsEn } from './group-meetings-en.js';
import { rightsDa, type RightsTextKey } from './rights-da.js';
import { rightsEn } from './rights-en.js';
import { kommuneledelseDa, type KommuneledelseTextKey } from './kommuneledelse-da.js';
import { kommuneledelseEn } from './kommuneledelse-en.js';
import { draftReadyDa, type DraftReadyTextKey } from './draft-ready-da.js';
import { draftReadyEn } from './draft-ready-en.js';
import { privacyDa, type PrivacyTextKey } from './privacy-da.js';
import { privacyEn } from './privacy-en.js';

export type Locale = 'da' | 'en';

/** Each area's keys, one entry per area (a new area adds its line here and in both catalogs below). */
type AreaKeys = [
  CoreTextKey,
  TenderTextKey,
  AgendaTextKey,
  ActivityTextKey,
  CatalogueTextKey,
  DecisionTextKey,
  EvaluationTextKey,
  ExportTextKey,
  HistoryTextKey,
  KonkretiseringTextKey,
  KonsekvensTextKey,
  BevaegelseTextKey,
  CrossStatusTextKey,
  GroupMeetingsTextKey,
  RightsTextKey,
  KommuneledelseTextKey,
  DraftReadyTextKey,
  PrivacyTextKey,
];
export type TextKey = AreaKeys[number];

// A key in two catalogs would silently shadow one text with the other: make it a type error.
type Overlaps<T extends unknown[]> = T extends [infer Head, ...infer Rest] ? (Head & Rest[number]) | Overlaps<Rest> : never;
const _noKeyInTwoCatalogs: [Overlaps<AreaKeys>] extends [never] ? true : never = true;

const CATALOGS: Record<Locale, Record<TextKey, string>> = {
  da: {
    ...da,
    ...tenderDa,
    ...agendaDa,
    ...activityDa,
    ...catalogueDa,
    ...decisionDa,
    ...evaluationDa,
    ...exportDa,
    ...historyDa,
    ...konkretiseringDa,
    ...konsekvensDa,
    ...bevaegelseDa,
    ...crossStatusDa,
    ...groupMeetingsDa,
    ...rightsDa,
    ...kommuneledelseDa,
    ...draftReadyDa,
    ...privacyDa,
  },
  en: {
    ...en,
    ...tenderEn,
    ...agendaEn,
    ...activityEn,
    ...catalogueEn,
    ...decisionEn,
    ...evaluationEn,
    ...exportEn,
    ...historyEn,
    ...konkretiseringEn,
    ...konsekvensEn,
    ...bevaegelseEn,
    ...crossStatusEn,
    ...groupMeetingsEn,
    ...rightsEn,
    ...kommuneledelseEn,
    ...draftReadyEn,
    ...privacyEn,
  },
};

/** Danish unless the user's Teams runs in English. */
export function localeOf(activityLocale: string | undefined): Locale {
  return activityLocale?.toLowerCase().startsWith('en') ? 'en' : 'da';
}

export function text(locale: Locale, key: TextKey, params: Record<string, string | number> = {}): string {
  return CATALOGS[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function catalog(locale: Locale): Record<TextKey, string> {
  return CATALOGS[locale];
}

/** For texts picked by a computed name (e.g. a field error per field): is there such a key? */
export function isTextKey(key: string): key is TextKey {
  return Object.hasOwn(CATALOGS.da, key);
}
