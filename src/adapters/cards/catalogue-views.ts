// The activity catalogue's cards: the katalog card (status, frame and its revisions, the total against
// the frame, the activities a page at a time, the coverage of the kerneopgave's forudsætninger), the
// frame, present and decision forms (each coming back with what was picked and the message at the
// field), and the group chat's notices of a decision or a new entry.

import type { CatalogueRights, CatalogueView, FrameFieldError } from '../../app/catalogue.js';
import { costAgainstFrame, coverage, frameOf, totalKr, type Catalogue, type CatalogueEntry } from '../../domain/catalogue.js';
import type { Meeting } from '../../domain/calendar.js';
import { formatInstant } from '../../domain/time.js';
import { text, type Locale, type TextKey } from '../i18n/text.js';
import { button, linesWithin, shownBack, SHOWN_BACK, type Button, type Line } from './card-parts.js';
import { oneCard, type NoticeViews } from './notice-views.js';
import { escapeMarkdown as esc, renderCard, type CardJson } from './render-card.js';
import { money } from './tender-card-parts.js';

/** Activities a page: 25 long entries and the coverage stay well under the 40 KB budget. */
export const ENTRIES_PER_PAGE = 25;
/** The coverage lines' share of the card, in JSON characters, whatever the titles. */
const COVERAGE_BUDGET = 12_000;
const TITLES_PER_FORUDSAETNING = 4;

const when = (iso: string, locale: Locale) => formatInstant(new Date(iso), locale);
const line = (t: string, o: { color?: Line['color']; separator?: boolean } = {}): Line => ({ text: t, color: o.color ?? 'Default', separator: o.separator ?? false });

function statusLine(locale: Locale, c: Catalogue | undefined): string[] {
  const t = (k: TextKey, p?: Record<string, string | number>) => text(locale, k, p);
  if (!c || c.status === 'draft') return [t('catalogue.status.draft')];
  if (c.status === 'presented' && c.presentedAt) return [t('catalogue.status.presented', { meeting: esc(c.presentedAt.title), when: when(c.presentedAt.start, locale) })];
  const d = c.decision!;
  return [
    t('catalogue.status.decided', { meeting: esc(d.meeting.title), when: when(d.meeting.start, locale), outcome: t(`catalogue.outcome.${d.outcome}`) }),
    ...(d.note ? [t('catalogue.decisionNote', { note: shownBack(locale, d.note, 500) })] : []),
  ];
}

function frameLines(locale: Locale, c: Catalogue | undefined): Line[] {
  const t = (k: TextKey, p?: Record<string, string | number>) => text(locale, k, p);
  const frame = c ? frameOf(c) : undefined;
  const total = c ? totalKr(c) : 0;
  if (frame === undefined) return [line(t('catalogue.frame.none'), { separator: true }), line(t('catalogue.total.noFrame', { total: money(locale, total) }))];
  const last = c!.frames.at(-1)!;
  const out: Line[] = [
    line(t('catalogue.frame', { amount: money(locale, frame) }), { separator: true }),
    line(t(c!.frames.length > 1 ? 'catalogue.frame.lastRevised' : 'catalogue.frame.lastSet', { when: when(last.at, locale), name: esc(last.byName) })),
    total > frame
      ? line(t('catalogue.total.over', { total: money(locale, total), frame: money(locale, frame), over: money(locale, total - frame) }), { color: 'Attention' })
      : line(t('catalogue.total.left', { total: money(locale, total), left: money(locale, frame - total) })),
  ];
  if (c!.frames.length > 0) {
    out.push(line(t('catalogue.revisions'), { separator: true }));
    const newest = [...c!.frames].reverse();
    for (const r of newest.slice(0, 3)) {
      const params = { when: when(r.at, locale), amount: money(locale, r.kr), name: esc(r.byName) };
      out.push(line(r.note ? t('catalogue.revision.note', { ...params, note: shownBack(locale, r.note, 300) }) : t('catalogue.revision', params)));
    }
    if (newest.length > 3) out.push(line(t('catalogue.revisions.more', { count: newest.length - 3 })));
  }
  return out;
}

export function entryLines(locale: Locale, e: CatalogueEntry): Line[] {
  const t = (k: TextKey, p?: Record<string, string | number>) => text(locale, k, p);
  const out = [
    line(t('catalogue.entry', { title: shownBack(locale, e.title, SHOWN_BACK.title), number: e.bidNumber, tender: shownBack(locale, e.tenderTitle, SHOWN_BACK.title), state: t(`catalogue.state.${e.state}`) }) + (e.crossCutting ? ` · ${t('catalogue.entry.crossCutting')}` : ''), {
      separator: true,
    }),
    line(
      t('catalogue.entry.cost', {
        oneOff: money(locale, e.cost.oneOffKr),
        yearly: money(locale, e.cost.yearlyKr),
        source: t(`catalogue.source.${e.cost.source}`),
        responsible: esc(e.terms.responsible.name),
      }),
    ),
  ];
  if (e.override) out.push(line(t('catalogue.entry.override', { reason: shownBack(locale, e.override.reason, 300) }), { color: 'Attention' }));
  return out;
}

function coverageLines(locale: Locale, view: CatalogueView): Line[] {
  const t = (k: TextKey, p?: Record<string, string | number>) => text(locale, k, p);
  const { rows, uncovered } = coverage(view.catalogue ?? { entries: [] } as unknown as Catalogue, view.forudsaetninger);
  const covered = rows.filter((r) => r.entries.length > 0);
  const lines: Line[] = [];
  if (covered.length > 0) lines.push(line(t('catalogue.coverage'), { separator: true }));
  for (const r of covered) {
    const titles = r.entries.slice(0, TITLES_PER_FORUDSAETNING).map((e) => `»${shownBack(locale, e.title, 80)}«`);
    if (r.entries.length > TITLES_PER_FORUDSAETNING) titles.push(t('catalogue.coverage.more', { count: r.entries.length - TITLES_PER_FORUDSAETNING }));
    lines.push(line(t('catalogue.coverage.row', { forudsaetning: esc(r.forudsaetning.text), activities: titles.join(', ') })));
  }
  lines.push(line(t('catalogue.uncovered'), { separator: true }));
  if (uncovered.length === 0) lines.push(line(t('catalogue.uncovered.none')));
  for (const f of uncovered) lines.push(line(t('catalogue.uncovered.row', { forudsaetning: esc(f.text) }), { color: 'Attention' }));
  return linesWithin(lines, COVERAGE_BUDGET, (count) => line(t('catalogue.lines.more', { count })));
}

function quotesFor(locale: Locale, s: string): string {
  return locale === 'da' ? s : s.replace(/»/g, '“').replace(/«/g, '”');
}

/** The buttons this reader may use on the catalogue as it stands. */
function catalogueButtons(locale: Locale, view: CatalogueView, page: number, pages: number): Button[] {
  const t = (k: TextKey) => text(locale, k);
  const c = view.catalogue;
  const at = { groupId: view.group.id, period: view.period };
  const rights: CatalogueRights = view.rights;
  const out: Button[] = [];
  if (page > 0) out.push(button('catalogue.show', t('catalogue.button.previous'), { ...at, page: String(page - 1) }));
  if (page + 1 < pages) out.push(button('catalogue.show', t('catalogue.button.next'), { ...at, page: String(page + 1) }));
  if (rights.frame) out.push(button('catalogue.frameForm', t(c && frameOf(c) !== undefined ? 'catalogue.button.reviseFrame' : 'catalogue.button.setFrame'), at));
  if (c && rights.present && c.status === 'draft' && c.entries.some((e) => e.state !== 'afvist')) out.push(button('catalogue.presentForm', t('catalogue.button.present'), { catalogueId: c.id }, 'positive'));
  if (c && rights.decide && c.status === 'presented') out.push(button('catalogue.decisionForm', t('catalogue.button.decide'), { catalogueId: c.id }, 'positive'));
  // For the temamøde: the catalogue as .xlsx and as a document, through links made for the reader (export-views.ts).
  if (c && rights.read) out.push(button('catalogue.export', t('catalogue.button.export'), { catalogueId: c.id }));
  return out;
}

/** The katalog card, a page of activities at a time (page counts from 0). */
export function catalogueCard(locale: Locale, view: CatalogueView, opts: { page?: number | undefined; banner?: string | undefined } = {}): CardJson {
  const t = (k: TextKey, p?: Record<string, string | number>) => text(locale, k, p);
  const c = view.catalogue;
  const entries = c?.entries ?? [];
  const pages = Math.max(1, Math.ceil(entries.length / ENTRIES_PER_PAGE));
  const page = Math.min(Math.max(0, opts.page ?? 0), pages - 1);
  const shown = entries.slice(page * ENTRIES_PER_PAGE, (page + 1) * ENTRIES_PER_PAGE);
  const lines: Line[] = [
    ...(view.kerneopgave ? [line(t('catalogue.kerneopgave', { name: esc(view.kerneopgave.name) }))] : []),
    ...statusLine(locale, c).map((s) => line(s)),
    ...frameLines(locale, c),
    line(t('catalogue.activities', { count: entries.length }), { separator: true }),
  ];
  if (entries.length === 0) lines.push(line(t('catalogue.activities.none')));
  else if (pages > 1) lines.push(line(t('catalogue.activities.page', { from: page * ENTRIES_PER_PAGE + 1, to: page * ENTRIES_PER_PAGE + shown.length, count: entries.length })));
  for (const e of shown) lines.push(...entryLines(locale, e));
  lines.push(...coverageLines(locale, view).map((l) => ({ ...l, text: quotesFor(locale, l.text) })));
  return renderCard('catalogue', {
    kicker: t('catalogue.kicker', { group: esc(view.group.name) }),
    heading: t('catalogue.title', { period: view.period }),
    banner: opts.banner ?? '',
    bannerStyle: 'good',
    lines: lines.map((l) => ({ text: l.text, color: l.color, separator: l.separator ?? false, spacing: l.separator ? 'Medium' : 'Small' })),
    actions: catalogueButtons(locale, view, page, pages),
  });
}

interface FormField {
  readonly kind: 'text' | 'choice';
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly error: string;
  readonly multiline?: boolean;
  readonly placeholder?: string;
  readonly style?: 'compact' | 'expanded';
  readonly multi?: boolean;
  readonly choices?: readonly { title: string; value: string }[];
}

const field = (f: FormField) => ({ multiline: false, placeholder: '', style: 'compact', multi: false, choices: [], ...f });

function formCard(v: { kicker: string; heading: string; intro: string; summary: string; fields: FormField[]; actions: Button[] }): CardJson {
  return renderCard('catalogue-form', { ...v, fields: v.fields.map(field) });
}

export interface FrameFormValues {
  readonly period: string;
  readonly amount: string;
  readonly note: string;
}

/** Sæt ramme / Revidér ramme: period, amount and note, with each problem at its field and what was typed kept. */
export function frameFormCard(
  locale: Locale,
  v: { groupId: string; groupName: string; currentKr?: number | undefined; values: FrameFormValues; errors: readonly FrameFieldError[]; backPeriod: string },
): CardJson {
  const t = (k: TextKey, p?: Record<string, string | number>) => text(locale, k, p);
  const errorAt = (f: FrameFieldError['field']) => {
    const e = v.errors.find((x) => x.field === f);
    if (!e) return '';
    const typed = shownBack(locale, f === 'amount' ? v.values.amount : v.values.period, SHOWN_BACK.title) || '–';
    return f === 'amount' ? t(`error.catalogueAmount.${e.code}` as TextKey, { typed: `»${typed}«` }) : t(`error.catalogueField.${e.code}` as TextKey, { typed: `»${typed}«` });
  };
  const intro = [t('catalogue.frameForm.intro'), v.currentKr !== undefined ? t('catalogue.frameForm.current', { amount: money(locale, v.currentKr) }) : ''].filter(Boolean).join(' ');
  return formCard({
    kicker: t('catalogue.kicker', { group: esc(v.groupName) }),
    heading: t(v.currentKr !== undefined ? 'catalogue.frameForm.reviseHeading' : 'catalogue.frameForm.heading', { group: esc(v.groupName) }),
    intro: quotesFor(locale, intro),
    summary: v.errors.length > 0 ? t('catalogue.frameForm.summary') : '',
    fields: [
      { kind: 'text', id: 'period', label: t('catalogue.field.period'), value: v.values.period, error: quotesFor(locale, errorAt('period')) },
      { kind: 'text', id: 'amount', label: t('catalogue.field.amount'), value: v.values.amount, error: quotesFor(locale, errorAt('amount')) },
      { kind: 'text', id: 'note', label: t('catalogue.field.note'), value: v.values.note, multiline: true, error: errorAt('note') },
    ],
    actions: [
      button('catalogue.frame', t('catalogue.frameForm.save'), { groupId: v.groupId }, 'positive'),
      button('catalogue.show', t('catalogue.button.back'), { groupId: v.groupId, period: v.backPeriod }),
    ],
  });
}

const meetingChoice = (locale: Locale, m: Meeting) => ({ title: `${m.title} · ${when(m.start, locale)}`, value: m.id });

/** Præsentér ved temamøde: the temamøder of the last weeks and the coming months. */
export function presentFormCard(locale: Locale, v: { catalogue: Catalogue; meetings: readonly Meeting[]; meetingId: string; error?: string | undefined }): CardJson {
  const t = (k: TextKey, p?: Record<string, string | number>) => text(locale, k, p);
  const c = v.catalogue;
  const none = v.meetings.length === 0 ? t('catalogue.noMeetings', { kind: t('catalogue.kind.temamoede') }) : '';
  return formCard({
    kicker: t('catalogue.kicker', { group: esc(c.groupName) }),
    heading: t('catalogue.presentForm.heading', { period: c.period }),
    intro: [t('catalogue.presentForm.intro'), none].filter(Boolean).join(' '),
    summary: v.error ? t('catalogue.presentForm.summary') : '',
    fields: [
      {
        kind: 'choice',
        id: 'meetingId',
        label: t('catalogue.field.temamoede'),
        placeholder: t('catalogue.field.pickMeeting'),
        value: v.meetingId,
        choices: v.meetings.map((m) => meetingChoice(locale, m)),
        error: v.error ?? '',
      },
    ],
    actions: [
      button('catalogue.present', t('catalogue.presentForm.save'), { catalogueId: c.id }, 'positive'),
      button('catalogue.show', t('catalogue.button.back'), { groupId: c.groupId, period: c.period }),
    ],
  });
}

export interface DecisionFormValues {
  readonly outcome: string;
  readonly meetingId: string;
  readonly note: string;
  /** Comma-separated bid ids, as Teams sends a multi-select. */
  readonly approved: string;
}

export type DecisionField = 'outcome' | 'meetingId' | 'approved' | 'note';

/** Registrér Byrådets beslutning: outcome, byrådsmøde, which indstillinger (for "ændret") and a note. */
export function decisionFormCard(
  locale: Locale,
  v: { catalogue: Catalogue; meetings: readonly Meeting[]; values: DecisionFormValues; error?: { field: DecisionField; text: string } | undefined },
): CardJson {
  const t = (k: TextKey, p?: Record<string, string | number>) => text(locale, k, p);
  const c = v.catalogue;
  const errorAt = (f: DecisionField) => (v.error?.field === f ? v.error.text : '');
  const none = v.meetings.length === 0 ? t('catalogue.noMeetings', { kind: t('catalogue.kind.byraadsmoede') }) : '';
  const indstillede = c.entries.filter((e) => e.state === 'indstillet');
  return formCard({
    kicker: t('catalogue.kicker', { group: esc(c.groupName) }),
    heading: t('catalogue.decisionForm.heading', { period: c.period }),
    intro: quotesFor(locale, [t('catalogue.decisionForm.intro'), none].filter(Boolean).join(' ')),
    summary: v.error ? t('catalogue.decisionForm.summary') : '',
    fields: [
      {
        kind: 'choice',
        id: 'outcome',
        label: t('catalogue.field.outcome'),
        style: 'expanded',
        value: v.values.outcome,
        choices: (['approved', 'changed', 'rejected'] as const).map((o) => ({ title: t(`catalogue.field.outcome.${o}`), value: o })),
        error: errorAt('outcome'),
      },
      {
        kind: 'choice',
        id: 'meetingId',
        label: t('catalogue.field.byraadsmoede'),
        placeholder: t('catalogue.field.pickMeeting'),
        value: v.values.meetingId,
        choices: v.meetings.map((m) => meetingChoice(locale, m)),
        error: errorAt('meetingId'),
      },
      {
        kind: 'choice',
        id: 'approved',
        label: quotesFor(locale, t('catalogue.field.approved')),
        style: 'expanded',
        multi: true,
        value: v.values.approved,
        // The choice's title is plain text in Teams (no markdown), so it is not escaped.
        choices: indstillede.map((e) => ({ title: `#${e.bidNumber} ${e.title.slice(0, SHOWN_BACK.title)} (${money(locale, costAgainstFrame(e.cost))})`, value: e.bidId })),
        error: quotesFor(locale, errorAt('approved')),
      },
      { kind: 'text', id: 'note', label: t('catalogue.field.decisionNote'), value: v.values.note, multiline: true, error: errorAt('note') },
    ],
    actions: [
      button('catalogue.decide', t('catalogue.decisionForm.save'), { catalogueId: c.id }, 'positive'),
      button('catalogue.show', t('catalogue.button.back'), { groupId: c.groupId, period: c.period }),
    ],
  });
}

function groupNoticeCard(locale: Locale, heading: string, lines: string[], c: Catalogue): CardJson {
  return renderCard('catalogue', {
    kicker: text(locale, 'catalogue.kicker', { group: esc(c.groupName) }),
    heading,
    banner: '',
    bannerStyle: 'good',
    lines: lines.map((l) => ({ text: l, color: 'Default', separator: false, spacing: 'Small' })),
    actions: [button('catalogue.show', text(locale, 'catalogue.button.show'), { groupId: c.groupId, period: c.period })],
  });
}

export const catalogueNoticeViews: Pick<NoticeViews, 'catalogue.decided' | 'catalogue.entry'> = {
  'catalogue.decided': (locale, n) => {
    const c = n.catalogue;
    const d = c.decision!;
    const byraad = c.entries.filter((e) => e.decidedBy === 'byraad');
    return oneCard(
      groupNoticeCard(
        locale,
        text(locale, 'catalogue.notice.decidedHeading', { period: c.period, group: esc(c.groupName) }),
        [
          text(locale, 'catalogue.notice.decided', {
            meeting: esc(d.meeting.title),
            outcome: text(locale, `catalogue.outcome.${d.outcome}`),
            approved: byraad.filter((e) => e.state === 'awarded').length,
            rejected: byraad.filter((e) => e.state === 'afvist').length,
          }),
          ...(d.note ? [text(locale, 'catalogue.decisionNote', { note: shownBack(locale, d.note, 500) })] : []),
        ],
        c,
      ),
    );
  },
  'catalogue.entry': (locale, n) => {
    const c = n.catalogue;
    const e = c.entries.filter((x) => x.bidId === n.bidId).at(-1)!;
    const state = text(locale, e.state === 'awarded' ? 'catalogue.notice.entryAwarded' : e.state === 'indstillet' ? 'catalogue.notice.entryIndstillet' : 'catalogue.notice.entryAfvist');
    return oneCard(
      groupNoticeCard(
        locale,
        text(locale, 'catalogue.notice.entryHeading', { period: c.period, title: shownBack(locale, e.title, SHOWN_BACK.title) }),
        [text(locale, 'catalogue.notice.entry', { number: e.bidNumber, tender: shownBack(locale, e.tenderTitle, SHOWN_BACK.title), state, cost: money(locale, costAgainstFrame(e.cost)) }), ...entryLines(locale, e).slice(1).map((l) => l.text)],
        c,
      ),
    );
  },
};
