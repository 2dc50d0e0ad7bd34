// Views for evaluating bids against the pejlemærker: the evaluation form, its receipt, the refusal that
// shows back what was typed, the "Din vurdering" and combined sections of a bid's detail, and the
// overview's per-bid assessment line, its sort button and its paging in assessment order. bid-views.ts
// calls the last ones with a few lines; everything drawn about evaluations is here.

import type { BidAssessment, OverviewSort } from '../../app/evaluation.js';
import type { Bid, BidSummary } from '../../domain/bid.js';
import {
  editedSince,
  EVALUATION_LIMITS,
  MARKS,
  MAX_SCORE,
  PEJLEMAERKER,
  prefilledMarks,
  type CombinedAssessment,
  type Evaluation,
  type EvaluationField,
  type EvaluationInput,
  type Pejlemaerke,
} from '../../domain/evaluation.js';
import type { FieldError } from '../../domain/tender.js';
import type { Locale } from '../i18n/text.js';
import { button, messageCard, sayIn, shownBackFields, withLimit, type Button, type Say } from './card-parts.js';
import { escapeMarkdown as esc, renderCard, type CardJson } from './render-card.js';
import { at, bidNo, fieldErrors, fromData, type From } from './tender-card-parts.js';

/** The form's input ids: one choice and one comment per pejlemærke. */
export const markInput = (p: Pejlemaerke): string => `mark_${p}`;
export const commentInput = (p: Pejlemaerke): string => `comment_${p}`;

export type EvaluationFormValues = Readonly<Record<string, string>>;

/** What was typed into the form, as text (anything else sent is dropped, never shown). */
export function evaluationValuesFrom(raw: Record<string, unknown>): EvaluationFormValues {
  const out: Record<string, string> = {};
  for (const p of PEJLEMAERKER)
    for (const id of [markInput(p), commentInput(p)]) {
      const v = Object.hasOwn(raw, id) ? raw[id] : undefined;
      out[id] = typeof v === 'string' ? v : '';
    }
  return out;
}

/** The form's starting values: the member's own evaluation, or the pre-fill for a bid they have not evaluated. */
export function evaluationValuesOf(bid: Pick<Bid, 'crossCutting'>, mine: Evaluation | undefined): EvaluationFormValues {
  const marks = mine?.marks ?? prefilledMarks(bid);
  return Object.fromEntries(PEJLEMAERKER.flatMap((p) => [[markInput(p), marks[p] ?? ''], [commentInput(p), mine?.comments[p] ?? '']]));
}

export function evaluationInputOf(values: EvaluationFormValues): EvaluationInput {
  return {
    marks: Object.fromEntries(PEJLEMAERKER.map((p) => [p, values[markInput(p)] ?? ''])),
    comments: Object.fromEntries(PEJLEMAERKER.map((p) => [p, values[commentInput(p)] ?? ''])),
  };
}

/**
 * Where the member came from, carried through Vurdér → the form → its receipt so every "back" lands on
 * the same overview page: its number page (`after`) or its page in assessment order (`sort`, `page`).
 */
export interface EvaluationBack {
  readonly after?: string | undefined;
  readonly from?: From | undefined;
  readonly sort?: OverviewSort | undefined;
  readonly page?: string | undefined;
}

export function backData(back: EvaluationBack): Record<string, string> {
  return {
    ...(back.after ? { after: back.after } : {}),
    ...fromData(back.from),
    ...(back.sort === 'score' ? { sort: 'score', page: back.page ?? '0' } : {}),
  };
}

const EVALUATION_FIELDS: readonly EvaluationField[] = PEJLEMAERKER.flatMap((p) => [`mark.${p}` as const, `comment.${p}` as const]);
const label = (say: Say, p: Pejlemaerke) => say(`evaluation.label.${p}`);
const markText = (say: Say, mark: string) => ((MARKS as readonly string[]).includes(mark) ? say(`evaluation.mark.${mark as (typeof MARKS)[number]}`) : mark);

export function evaluationFormCard(
  locale: Locale,
  v: { bid: Bid; values: EvaluationFormValues; errors: readonly FieldError<EvaluationField>[]; mine: Evaluation | undefined; back: EvaluationBack },
): CardJson {
  const say = sayIn(locale);
  const errors = fieldErrors(locale, EVALUATION_FIELDS, v.errors, (f) => {
    const [kind, p] = f.split('.') as ['mark' | 'comment', Pejlemaerke];
    return v.values[kind === 'mark' ? markInput(p) : commentInput(p)] ?? '';
  });
  const notices = [
    ...(v.mine && editedSince(v.bid, v.mine) ? [say('evaluation.editedSince', { at: at(v.bid.editedAt ?? v.bid.submittedAt, locale) })] : []),
    ...(!v.mine && v.errors.length === 0 && v.bid.crossCutting ? [say('evaluation.form.prefilled')] : []),
  ];
  const data = backData(v.back);
  return renderCard('evaluation-form', {
    kicker: say('evaluation.form.kicker', { number: bidNo(v.bid) }),
    title: esc(v.bid.title),
    intro: say('evaluation.form.intro'),
    notice: notices.join('\n\n'),
    summary: v.errors.length > 0 ? say('evaluation.form.summary') : '',
    pejlemaerker: PEJLEMAERKER.map((p) => ({
      label: label(say, p),
      quote: `»${say(`evaluation.quote.${p}`)}«`,
      markId: markInput(p),
      markLabel: say('evaluation.form.markLabel'),
      mark: v.values[markInput(p)] ?? '',
      choices: MARKS.map((m) => ({ title: say(`evaluation.mark.${m}`), value: m })),
      markError: errors[`mark.${p}`],
      commentId: commentInput(p),
      commentLabel: withLimit(locale, say('evaluation.form.comment', { label: label(say, p) }), EVALUATION_LIMITS.comment),
      comment: v.values[commentInput(p)] ?? '',
      commentError: errors[`comment.${p}`],
    })),
    actions: [
      button('evaluation.save', say('button.saveEvaluation'), { bidId: v.bid.id, ...data }, 'positive'),
      button('tender.bid', say('button.undo'), { bidId: v.bid.id, ...data }),
    ],
  });
}

/** A member's marks as lines, comments escaped and bounded together (the card has other things on it). */
function markLines(locale: Locale, evaluation: Evaluation, budget: number): string[] {
  const say = sayIn(locale);
  const comments = shownBackFields(
    locale,
    PEJLEMAERKER.map((p) => ({ label: p, value: evaluation.comments[p] ?? '', max: EVALUATION_LIMITS.comment })),
    budget,
  );
  return PEJLEMAERKER.map((p, i) => {
    const params = { label: label(say, p), mark: markText(say, evaluation.marks[p]) };
    return evaluation.comments[p] ? say('evaluation.lineWithComment', { ...params, comment: comments[i]!.value }) : say('evaluation.line', params);
  });
}

const backToBids = (say: Say, bid: Pick<Bid, 'tenderId'>, back: EvaluationBack): Button => button('tender.bids', say('button.backToBids'), { tenderId: bid.tenderId, ...backData(back) });

/** The answer to a saved evaluation: drawn from the bid and the evaluation just written (no more reads). */
export function evaluationSavedCard(locale: Locale, bid: Bid, evaluation: Evaluation, back: EvaluationBack): CardJson {
  const say = sayIn(locale);
  const data = { bidId: bid.id, ...backData(back) };
  return messageCard({
    heading: say('evaluation.saved', { number: bidNo(bid), title: esc(bid.title) }),
    style: 'good',
    lines: [...markLines(locale, evaluation, 8000).map((text) => ({ text, color: 'Default' as const })), { text: say('evaluation.savedNote'), color: 'Default' }],
    actions: [button('tender.bid', say('button.seeBid'), data), button('evaluation.form', say('button.editEvaluation'), data), backToBids(say, bid, back)],
  });
}

/** A save that may not be made (not a member, own bid, withdrawn): the reason, and what was typed to copy. */
export function evaluationRefusedCard(locale: Locale, reason: string, values: EvaluationFormValues): CardJson {
  const say = sayIn(locale);
  const typed = PEJLEMAERKER.flatMap((p) => {
    const mark = values[markInput(p)] ?? '';
    const comment = values[commentInput(p)] ?? '';
    const shown = [mark && markText(say, mark), comment].filter(Boolean).join(' – ');
    return shown ? [{ label: label(say, p), value: shown }] : [];
  });
  return messageCard({
    heading: reason,
    style: 'attention',
    lines: typed.length > 0 ? [{ text: say('error.evaluationNotSaved'), color: 'Default' }] : [],
    echoHeading: typed.length > 0 ? say('error.yourInput') : '',
    echo: shownBackFields(locale, typed),
  });
}

// ---- on the bid's detail ----

/** The JSON characters the member's own comments may take on the bid's detail (its texts have their own 24 KB). */
const DETAIL_COMMENT_CHARS = 4000;

/** "1,5" (da) or "1.5" (en): one decimal. */
const score = (locale: Locale, value: number) => new Intl.NumberFormat(locale === 'da' ? 'da-DK' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);

export function assessmentLine(locale: Locale, combined: CombinedAssessment | undefined): string {
  const say = sayIn(locale);
  if (!combined || combined.score === undefined) return say('evaluation.none');
  return say(combined.count === 1 ? 'evaluation.score.one' : 'evaluation.score.other', { score: score(locale, combined.score), count: combined.count, max: MAX_SCORE });
}

/** "Din vurdering" and the group's combined assessment as sections of the bid's detail, and the Vurdér button. */
export function detailAssessment(locale: Locale, bid: Bid, a: BidAssessment, back: EvaluationBack): { sections: { heading: string; text: string }[]; actions: Button[] } {
  const say = sayIn(locale);
  const mine = a.mine
    ? [
        ...(editedSince(bid, a.mine) ? [say('evaluation.editedSince', { at: at(bid.editedAt ?? bid.submittedAt, locale) })] : []),
        ...markLines(locale, a.mine, DETAIL_COMMENT_CHARS),
        say('evaluation.detail.mineAt', { at: at(a.mine.evaluatedAt, locale) }),
      ]
    : [a.mayEvaluate.ok ? say('evaluation.detail.mineNone') : say(`evaluation.detail.cannot.${a.mayEvaluate.code}`)];
  const combined =
    a.combined.count === 0
      ? [say('evaluation.detail.combinedNone')]
      : [
          `**${assessmentLine(locale, a.combined)}**`,
          ...PEJLEMAERKER.map((p) => `**${label(say, p)}:** ${say('evaluation.detail.count', { ...a.combined.perPejlemaerke[p] })}`),
        ];
  const data = { bidId: bid.id, ...backData(back) };
  return {
    sections: [
      { heading: say('evaluation.detail.mine'), text: mine.join('\n\n') },
      { heading: say('evaluation.detail.combined'), text: combined.join('\n\n') },
    ],
    actions: a.mayEvaluate.ok ? [button('evaluation.form', say(a.mine ? 'button.editEvaluation' : 'button.evaluate'), data, 'positive')] : [],
  };
}

// ---- on the bid overview ----

/** What the overview knows of the members' assessments, and in which order it shows the bids. */
export interface OverviewAssessments {
  readonly byBid: ReadonlyMap<string, CombinedAssessment>;
  readonly sort: OverviewSort;
  /** The page shown in assessment order (0 is the first). */
  readonly page: number;
}

/** A bid's status line with its combined assessment after it (withdrawn bids have none). */
export function statusWithAssessment(locale: Locale, status: string, bid: Pick<BidSummary, 'id' | 'status'>, a: OverviewAssessments): string {
  return bid.status === 'withdrawn' ? status : `${status} · ${assessmentLine(locale, a.byBid.get(bid.id))}`;
}

/** This overview page as a Detaljer button's data carries it in assessment order (undefined in number order). */
export const scorePageData = (a: OverviewAssessments | undefined): Record<string, string> | undefined =>
  a?.sort === 'score' ? { sort: 'score', page: String(a.page) } : undefined;

/** Forrige / Næste in assessment order (undefined in number order: the overview's own paging by number stands). */
export function scorePaging(locale: Locale, tenderId: string, a: OverviewAssessments | undefined, page: { hasPrevious: boolean; hasNext: boolean }, back: Record<string, string>): Button[] | undefined {
  if (a?.sort !== 'score') return undefined;
  const say = sayIn(locale);
  return [
    ...(page.hasPrevious ? [button('tender.bids', say('button.previous'), { tenderId, ...back, sort: 'score', page: String(a.page - 1) })] : []),
    ...(page.hasNext ? [button('tender.bids', say('button.next'), { tenderId, ...back, sort: 'score', page: String(a.page + 1) })] : []),
  ];
}

/** "Sortér efter vurdering" / "Sortér efter nummer": the overview again from its first page in the other order. */
export function sortButton(locale: Locale, tenderId: string, a: OverviewAssessments | undefined, back: Record<string, string>): Button[] {
  if (!a) return [];
  const say = sayIn(locale);
  return a.sort === 'score'
    ? [button('tender.bids', say('button.sortByNumber'), { tenderId, ...back, sort: 'number' })]
    : [button('tender.bids', say('button.sortByScore'), { tenderId, ...back, sort: 'score', page: '0' })];
}
