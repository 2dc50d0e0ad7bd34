// `historik`: every state change of a tender and its bids, newest first, as lines
// saying who, when, what and why. The changes are the audit entries each item already keeps; this only
// puts them in one order and pages them, so a long history is read a page at a time.

import type { AuditEntry } from './tender.js';

/** One state change as `historik` shows it: the audit entry (who, when, what, from, to, why) and what it happened to. */
export interface HistoryLine extends AuditEntry {
  /** What it happened to, when not the tender itself: "Bud nr. 3" and its title. */
  readonly subject?: { readonly number: number; readonly title: string } | undefined;
}

/** What a bid contributes to its tender's history: its own audit entries, named by number and title. */
export interface BidHistory {
  readonly number: number;
  readonly title: string;
  readonly bidderId: string;
  readonly bidderName: string;
  readonly history: readonly AuditEntry[];
}

/** Newest first; changes at the same instant keep their recorded order, reversed (the later one was recorded later). */
function newestFirst(lines: readonly HistoryLine[]): HistoryLine[] {
  return lines
    .map((line, i) => ({ line, i }))
    .sort((a, b) => (a.line.at < b.line.at ? 1 : a.line.at > b.line.at ? -1 : b.i - a.i))
    .map((x) => x.line);
}

/** A tender's changes and those of its bids, newest first. */
export function tenderHistory(tender: { readonly history: readonly AuditEntry[] }, bids: readonly BidHistory[]): HistoryLine[] {
  return newestFirst([...tender.history.map((e) => ({ ...e })), ...bids.flatMap((b) => b.history.map((e) => ({ ...e, subject: { number: b.number, title: b.title } })))]);
}

export const HISTORY_PAGE = 15;

/** One page (0-based) of the lines, and whether there are older ones. */
export function historyPage(lines: readonly HistoryLine[], page: number, size = HISTORY_PAGE): { lines: HistoryLine[]; page: number; hasOlder: boolean; pages: number } {
  const pages = Math.max(1, Math.ceil(lines.length / size));
  const p = Math.min(Math.max(0, Math.trunc(page)), pages - 1);
  return { lines: lines.slice(p * size, (p + 1) * size), page: p, hasOlder: (p + 1) * size < lines.length, pages };
}
