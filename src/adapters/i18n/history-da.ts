// Texts of `historik`: every state change of a tender and its bids, or of an activity.

export const historyDa = {
  'history.title': 'Historik: {title}',
  'history.button': 'Historik',
  'history.empty': 'Ingen ændringer endnu.',
  'history.page': 'Side {page} af {pages} (nyeste først).',
  'history.older': 'Ældre',
  'history.newer': 'Nyere',
  'history.back': 'Tilbage til buddene',
  'history.system': 'Botten',
  'history.bid': 'Bud nr. {number} »{title}«',
  'history.change': '{from} → {to}',
  'history.why': 'Begrundelse: »{note}«',
  'history.action.created': 'oprettet',
  'history.action.edited': 'rettet',
  'history.action.published': 'offentliggjort',
  'history.action.closed': 'lukket ved fristen',
  'history.action.cancelled': 'annulleret',
  'history.action.submitted': 'bud indsendt',
  'history.action.withdrawn': 'bud trukket tilbage',
} as const;

export type HistoryTextKey = keyof typeof historyDa;
