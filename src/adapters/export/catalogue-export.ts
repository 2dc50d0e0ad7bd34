// What both export documents show of a catalogue, worked out once: one row per activity with its
// forudsætninger's texts (from the directory's kerneopgaver), the costs, the total against the frame,
// the coverage of the kerneopgave's forudsætninger and the frame's revisions. The .xlsx and the HTML
// document (catalogue-xlsx.ts, catalogue-html.ts) only lay this out.

import { costAgainstFrame, coverage, frameOf, totalKr, type Catalogue } from '../../domain/catalogue.js';
import type { Directory } from '../../domain/directory.js';
import type { CatalogEntry } from '../../domain/tender.js';
import { formatInstant } from '../../domain/time.js';
import { text, type Locale, type TextKey } from '../i18n/text.js';

export interface ExportRow {
  readonly title: string;
  readonly tender: string;
  readonly bidNumber: number;
  readonly forudsaetninger: readonly string[];
  readonly oneOffKr: number;
  readonly yearlyKr: number;
  readonly againstFrameKr: number;
  readonly costSource: string;
  readonly responsible: string;
  readonly crossCutting: string;
  readonly state: string;
  /** Afviste entries are listed but do not count in the total (domain/catalogue.ts totalKr). */
  readonly counts: boolean;
  readonly overrideReason: string;
}

export interface ExportModel {
  readonly locale: Locale;
  readonly title: string;
  readonly kerneopgave: string;
  readonly status: string;
  readonly generated: string;
  readonly rows: readonly ExportRow[];
  readonly totalKr: number;
  readonly frameKr?: number | undefined;
  /** frame − total: positive is what is left, negative how far over. */
  readonly leftKr?: number | undefined;
  readonly coverage: readonly { readonly forudsaetning: string; readonly activities: readonly string[] }[];
  readonly uncovered: readonly string[];
  readonly frames: readonly { readonly at: string; readonly kr: number; readonly by: string; readonly note: string }[];
  /** For the file name: "katalog-laering-2027". */
  readonly fileBase: string;
}

/** A file name's part from a name: "Kernegruppe Læring" → "laering" (ASCII, so every browser and OS keeps it as is). */
export function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/^kernegruppe\s+/, '')
      .replace(/æ/g, 'ae')
      .replace(/ø/g, 'oe')
      .replace(/å/g, 'aa')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'katalog'
  );
}

export function exportModelOf(catalogue: Catalogue, directory: Directory, locale: Locale, now: Date): ExportModel {
  const say = (key: TextKey, params: Record<string, string | number> = {}) => text(locale, key, params);
  const ko = directory.kerneopgaver.find((k) => k.id === catalogue.kerneopgave);
  // An entry may serve forudsætninger of other kerneopgaver too (cross-cutting): look them up everywhere.
  const textOf = new Map(directory.kerneopgaver.flatMap((k) => k.forudsaetninger.map((f) => [f.id, f.text] as const)));
  const own: CatalogEntry[] = (ko?.forudsaetninger ?? []).map((f) => ({ id: f.id, text: f.text, kerneopgave: ko!.id, kerneopgaveName: ko!.name, demo: f.demo }));
  const rows = catalogue.entries.map(
    (e): ExportRow => ({
      title: e.title,
      tender: e.tenderTitle,
      bidNumber: e.bidNumber,
      forudsaetninger: e.forudsaetninger.map((id) => textOf.get(id) ?? id),
      oneOffKr: e.cost.oneOffKr,
      yearlyKr: e.cost.yearlyKr,
      againstFrameKr: costAgainstFrame(e.cost),
      costSource: say(`export.source.${e.cost.source}`),
      responsible: e.terms.responsible.name,
      crossCutting: say(e.crossCutting ? 'export.yes' : 'export.no'),
      state: say(`export.state.${e.state}`),
      counts: e.state !== 'afvist',
      overrideReason: e.override?.reason ?? '',
    }),
  );
  const cov = coverage(catalogue, own);
  const frame = frameOf(catalogue);
  const total = totalKr(catalogue);
  const meeting = (m: { title: string; start: string }) => `${m.title} ${formatInstant(new Date(m.start), locale)}`;
  const status =
    catalogue.status === 'decided' && catalogue.decision
      ? say('export.doc.status.decided', { meeting: meeting(catalogue.decision.meeting), outcome: say(`export.doc.outcome.${catalogue.decision.outcome}`) })
      : catalogue.status === 'presented' && catalogue.presentedAt
        ? say('export.doc.status.presented', { meeting: meeting(catalogue.presentedAt) })
        : say('export.doc.status.draft');
  return {
    locale,
    title: say('export.doc.title', { period: catalogue.period, group: catalogue.groupName }),
    kerneopgave: say('export.doc.kerneopgave', { name: ko?.name ?? catalogue.kerneopgave }),
    status,
    generated: say('export.doc.generated', { when: formatInstant(now, locale) }),
    rows,
    totalKr: total,
    frameKr: frame,
    leftKr: frame === undefined ? undefined : frame - total,
    coverage: cov.rows.map((r) => ({ forudsaetning: r.forudsaetning.text, activities: r.entries.map((e) => e.title) })),
    uncovered: cov.uncovered.map((f) => f.text),
    frames: catalogue.frames.map((f) => ({ at: formatInstant(new Date(f.at), locale), kr: f.kr, by: f.byName, note: f.note ?? '' })),
    fileBase: `katalog-${slug(ko?.name ?? catalogue.groupName)}-${catalogue.period}`,
  };
}

/** "1.250.000 kr." (da) or "1,250,000 kr." (en): whole kroner. */
export function kroner(locale: Locale, kr: number): string {
  return text(locale, 'export.money', { amount: new Intl.NumberFormat(locale === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 0 }).format(kr) });
}
