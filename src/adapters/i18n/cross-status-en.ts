// English texts for the status across all core groups. Same keys as cross-status-da.ts.

import type { CrossStatusTextKey } from './cross-status-da.js';

export const crossStatusEn: Record<CrossStatusTextKey, string> = {
  'crossStatus.pitstopHeading': '{meeting} {when} – status of all core groups',
  'crossStatus.heading': 'Status of all core groups',
  'crossStatus.sincePitstop': 'Decisions and closed tenders since the last pitstop, {when}.',
  'crossStatus.sinceMonth': 'Decisions and closed tenders in the last 31 days (no earlier pitstop in the calendar).',
  'crossStatus.none': 'There are no core groups on the roster yet.',
  'crossStatus.summary': 'Open tenders: {open} ({bids} bids) · konkretiseringer outstanding: {konk} · decisions: {decisions}',
  'crossStatus.tender': '- “{title}”: {bids} bids, deadline {deadline}',
  'crossStatus.closed': '- Closed: “{title}” with {bids} bids',
  'crossStatus.konkretisering': '- Konkretisering outstanding: bid no. {number} “{title}”, deadline {deadline}',
  'crossStatus.decision': '- Bid no. {number} “{title}”: {status}',
  'crossStatus.more': '- … and {count} more',
  'crossStatus.moreGroups': '… and {count} more core groups that do not fit here.',
  'crossStatus.quiet': 'No open tenders, konkretiseringer or decisions.',
  'cmd.crossStatus': 'core group status',
  'cmd.crossStatus.text': 'Status of all core groups: open tenders and bids, konkretiseringer, the catalogue against its frame, and decisions since the last pitstop.',
  'error.crossStatusNotAllowed': 'The status of all core groups is for directors, lead directors and administrators. You can see your own groups with “tenders” and “my bids”.',
};
