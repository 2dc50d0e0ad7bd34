// The kernegruppe's rights in words: a refusal that says who may and whom to ask, the draft's note
// for a member who may not publish it, and the table on the help card.

import { ROLE_NAMES } from '../../domain/roles.js';
import type { RightAction } from '../../domain/rights.js';
import type { GroupRights, WhoMay } from '../../app/rights.js';
import { text, type Locale, type TextKey } from '../i18n/text.js';
import { escapeMarkdown as esc, type CardJson } from './render-card.js';
import { noticeCard } from './views.js';

/** "tovholderen", "tovholderen eller en chef"; and the members holding those roles, or an administrator when none does. */
export function whoMayWords(locale: Locale, w: WhoMay): { who: string; names: string } {
  const or = text(locale, 'rights.or');
  // "a, b eller c"
  const list = (items: string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')}${or}${items.at(-1)!}` : (items[0] ?? ''));
  const who = list(w.roles.map((r) => text(locale, `rights.who.${r}` as TextKey)));
  const names = w.holders.length
    ? list(w.holders.map((h) => text(locale, 'rights.holder', { name: esc(h.name), roles: h.roles.map((r) => ROLE_NAMES[r][locale]).join(', ') })))
    : text(locale, 'rights.nobodyInGroup');
  return { who, names };
}

const REFUSAL_KEY: Record<RightAction, TextKey> = {
  udkast: 'error.rights.udkast',
  offentliggoer: 'error.rights.offentliggoer',
  aflys: 'error.rights.aflys',
  beslut: 'error.rights.beslut',
};

/** The refusal a member without the right sees, with what they typed shown back. */
export function rightsRefusalCard(locale: Locale, w: WhoMay, input?: string): CardJson {
  return noticeCard(locale, { text: text(locale, REFUSAL_KEY[w.action], whoMayWords(locale, w)), style: 'attention', input });
}

/** On a draft shown to someone who prepares it but does not publish: who does. */
export const draftNoteText = (locale: Locale, w: WhoMay): string => text(locale, 'rights.draftNote', whoMayWords(locale, w));

/** The help card's part in a kernegruppe's chat: the table, and what this person may do. */
export function rightsHelpPart(locale: Locale, g: GroupRights) {
  const t = (key: TextKey, params?: Record<string, string>) => text(locale, key, params);
  return {
    show: true,
    heading: t('rights.heading', { group: esc(g.groupName) }),
    rows: g.rows.map((r) => ({ action: t(`rights.action.${r.action}` as TextKey), roles: r.roles.map((role) => ROLE_NAMES[role][locale]).join(', ') })),
    adminNote: t('rights.adminNote'),
    mine: g.mine.length ? t('rights.mine', { actions: g.mine.map((a) => t(`rights.action.${a}` as TextKey)).join('; ') }) : t('rights.mineNone'),
  };
}
