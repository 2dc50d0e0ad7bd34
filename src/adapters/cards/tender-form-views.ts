// The tender form (new and edit draft) and the draft's preview with its buttons (Ret kladde,
// Offentliggør, Annullér udbud), which the publish refusal and the kernegruppe's list also offer.

import { DECIDED_BY, TENDER_LIMITS, type FieldError, type Tender, type TenderField } from '../../domain/tender.js';
import { type Locale } from '../i18n/text.js';
import { escapeMarkdown as esc, renderCard, type CardJson } from './render-card.js';
import { button, sayIn, withLimit, type Button, type Say } from './card-parts.js';
import { fieldErrors, type From, fromData, TENDER_FIELDS, type TenderFormValues, tenderValueOf } from './tender-card-parts.js';
import { tenderCard } from './tender-announcement-views.js';

export function tenderFormCard(
  locale: Locale,
  v: {
    tenderId?: string | undefined;
    groupName: string;
    kerneopgaveName: string;
    choices: readonly { id: string; text: string; demo: boolean }[];
    values: TenderFormValues;
    errors: readonly FieldError<TenderField>[];
    /** Editing a draft from the kernegruppe's list: Fortryd goes back to the list, else to the draft's preview. */
    from?: From | undefined;
  },
): CardJson {
  const say = sayIn(locale);
  // Fortryd on an edit leaves the stored draft as it was; a new form has nothing to go back to.
  const undo = v.tenderId
    ? v.from === 'list'
      ? button('tender.list', say('button.undo'), {})
      : button('tender.preview', say('button.undo'), { tenderId: v.tenderId })
    : undefined;
  return renderCard('tender-form', {
    heading: say(v.tenderId ? 'tenderForm.editTitle' : 'tenderForm.newTitle', { group: esc(v.groupName) }),
    intro: say('tenderForm.intro', { kerneopgave: esc(v.kerneopgaveName) }),
    summary: v.errors.length > 0 ? say('tenderForm.summary') : '',
    labels: {
      title: withLimit(locale, say('tenderForm.title'), TENDER_LIMITS.title),
      forudsaetninger: say('tenderForm.forudsaetninger'),
      description: withLimit(locale, say('tenderForm.description'), TENDER_LIMITS.description),
      descriptionPlaceholder: say('tenderForm.descriptionPlaceholder'),
      deadlineDate: say('tenderForm.deadlineDate'),
      deadlineTime: say('tenderForm.deadlineTime'),
      budgetKr: say('tenderForm.budgetKr'),
      budgetPlaceholder: say('tenderForm.budgetPlaceholder'),
      decidedBy: say('tenderForm.decidedBy'),
    },
    values: v.values,
    errors: fieldErrors(locale, TENDER_FIELDS, v.errors, tenderValueOf(v.values)),
    choices: v.choices.map((c) => ({ title: c.demo ? `${c.text} ${say('tender.demo')}` : c.text, value: c.id })),
    decidedByChoices: DECIDED_BY.map((d) => ({ title: say(`tender.decidedBy.${d}`), value: d })),
    actions: [
      button('tender.save', say('button.saveDraft'), v.tenderId ? { tenderId: v.tenderId, ...fromData(v.from) } : {}, 'positive'),
      ...(undo ? [undo] : []),
    ],
  });
}

/** What the reader may do with a draft by the tenant's rights table (domain/rights.ts); all of it unless told. */
export interface DraftRights {
  readonly edits: boolean;
  readonly publishes: boolean;
  readonly cancels: boolean;
}
const ALL_DRAFT_RIGHTS: DraftRights = { edits: true, publishes: true, cancels: true };

/** What the reader may do with a draft, wherever it is shown: edit, publish, cancel, each as their rights allow. */
export function draftButtons(say: Say, t: Pick<Tender, 'id'>, from?: From, may: DraftRights = ALL_DRAFT_RIGHTS): Button[] {
  const id = { tenderId: t.id };
  return [
    ...(may.edits ? [button('tender.edit', say('button.editDraft'), { ...id, ...fromData(from) })] : []),
    ...(may.publishes ? [button('tender.publish', say('button.publish'), id, 'positive')] : []),
    ...(may.cancels ? [button('tender.cancelAsk', say('button.cancelTender'), id, 'destructive')] : []),
  ];
}

/**
 * The draft as it will look; `publisher`: for a reader who may not publish, who does (the note says so);
 * `ready`: to whom it was sent as ready (draft-ready-views.ts), and `send`: the Send til tovholderen button.
 */
export function tenderPreviewCard(locale: Locale, t: Tender, may: DraftRights = ALL_DRAFT_RIGHTS, publisher?: string, ready: { note?: string | undefined; send?: Button | undefined } = {}): CardJson {
  const say = sayIn(locale);
  const note = [say('tender.note.draft'), ...(may.publishes || !publisher ? [] : [publisher]), ...(ready.note ? [ready.note] : [])].join(' ');
  return tenderCard(locale, t, { withCount: false, note: { text: note, style: 'warning' }, actions: [...draftButtons(say, t, undefined, may), ...(ready.send ? [ready.send] : [])] });
}
