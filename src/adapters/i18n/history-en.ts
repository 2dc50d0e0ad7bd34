// Texts of the history (`history`): every state change of a tender and its bids, or of an activity.

import type { HistoryTextKey } from './history-da.js';

export const historyEn: Record<HistoryTextKey, string> = {
  'history.title': 'History: {title}',
  'history.button': 'History',
  'history.empty': 'No changes yet.',
  'history.page': 'Page {page} of {pages} (newest first).',
  'history.older': 'Older',
  'history.newer': 'Newer',
  'history.back': 'Back to the bids',
  'history.system': 'The bot',
  'history.bid': 'Bid no. {number} “{title}”',
  'history.change': '{from} → {to}',
  'history.why': 'Reason: “{note}”',
  'history.action.created': 'created',
  'history.action.edited': 'edited',
  'history.action.published': 'published',
  'history.action.closed': 'closed at the deadline',
  'history.action.cancelled': 'cancelled',
  'history.action.submitted': 'bid submitted',
  'history.action.withdrawn': 'bid withdrawn',
};
