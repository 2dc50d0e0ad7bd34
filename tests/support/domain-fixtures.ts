// The fixed moments and the small forudsætning catalogue the domain unit tests share.

import type { CatalogEntry } from '../../src/domain/tender.js';

/** Monday 23 November 2026, 10.00 in Copenhagen. */
export const NOW = new Date('2026-11-23T09:00:00Z');
/** Monday 7 December 2026, 12.00 in Copenhagen. */
export const DEADLINE = new Date('2026-12-07T11:00:00Z');
/** `date` moved by `delta` milliseconds. */
export const ms = (date: Date, delta: number) => new Date(date.getTime() + delta);

/** Three of Læring's forudsætninger and one each of Teknik and Social Omsorg. */
export const CATALOG: readonly CatalogEntry[] = [
  { id: 'laering-1', text: 'Børn har lyst til at lære', kerneopgave: 'laering', kerneopgaveName: 'Læring', demo: false },
  { id: 'laering-2', text: 'Forældre tager del i børnenes læring', kerneopgave: 'laering', kerneopgaveName: 'Læring', demo: false },
  { id: 'laering-3', text: 'Lokalsamfundet er et læringsrum', kerneopgave: 'laering', kerneopgaveName: 'Læring', demo: false },
  { id: 'teknik-1', text: 'Veje og stier er trygge', kerneopgave: 'teknik', kerneopgaveName: 'Teknik', demo: false },
  { id: 'social-1', text: 'Ældre er en del af fællesskabet', kerneopgave: 'social', kerneopgaveName: 'Social Omsorg', demo: false },
];
