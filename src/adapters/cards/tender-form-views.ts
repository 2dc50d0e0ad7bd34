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

/** What a manager may do with a draft, wherever it is shown: edit, publish, cancel. */
export function draftButtons(say: Say, t: Pick<Tender, 'id'>, from?: From): Button[] {
  const id = { tenderId: t.id };
  return [
    button('tender.edit', say('button.editDraft'), { ...id, ...fromData(from) }),
    button('tender.publish', say('button.publish'), id, 'positive'),
    button('tender.cancelAsk', say('button.cancelTender'), id, 'destructive'),
  ];
}

export function tenderPreviewCard(locale: Locale, t: Tender): CardJson {
  const say = sayIn(locale);
  return tenderCard(locale, t, { withCount: false, note: { text: say('tender.note.draft'), style: 'warning' }, actions: draftButtons(say, t) });
}
