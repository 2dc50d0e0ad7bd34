// "Send til tovholderen" in words and buttons: the button on the draft, the note saying to whom and when
// it was sent, the line on the kernegruppe's list, and the notice to whoever publishes (with a button
// that opens the draft's preview, where the tovholder has Offentliggør).

import { ROLE_NAMES } from '../../domain/roles.js';
import type { ReadyForLead, Tender } from '../../domain/tender.js';
import type { NoticeViews } from './notice-views.js';
import { oneCard } from './notice-views.js';
import { text, type Locale } from '../i18n/text.js';
import { escapeMarkdown as esc, type CardJson } from './render-card.js';
import { button, messageCard, type Button } from './card-parts.js';
import { at } from './tender-card-parts.js';

/** "tovholderen Johan Kristensen", "administratoren Henrik Dahl", "Niels Iversen (chef)", joined with "og". */
function recipients(locale: Locale, mark: ReadyForLead): string {
  const one = (p: ReadyForLead['to'][number]) =>
    p.roles.includes('tovholder')
      ? text(locale, 'draftReady.to.tovholder', { name: esc(p.name) })
      : p.roles.includes('admin')
        ? text(locale, 'draftReady.to.admin', { name: esc(p.name) })
        : text(locale, 'draftReady.to.other', { name: esc(p.name), roles: p.roles.map((r) => ROLE_NAMES[r][locale]).join(', ') });
  const all = mark.to.map(one);
  return all.length > 1 ? `${all.slice(0, -1).join(', ')}${text(locale, 'draftReady.and')}${all.at(-1)!}` : (all[0] ?? '');
}

/** On the draft: to whom and when it was sent, as stored. */
export function draftReadyNote(locale: Locale, mark: ReadyForLead): string {
  const params = { to: recipients(locale, mark), when: at(mark.at, locale), by: esc(mark.byName) };
  if (mark.via === 'personal') return text(locale, 'draftReady.sent', params);
  return text(locale, mark.to.length > 0 ? 'draftReady.sentInChat' : 'draftReady.sentToChat', params);
}

/** Said on the draft when it was pressed again: nothing new was sent. */
export const draftReadyAlready = (locale: Locale): string => text(locale, 'draftReady.already');

export const sendToLeadButton = (locale: Locale, t: Pick<Tender, 'id'>): Button => button('tender.sendToLead', text(locale, 'draftReady.button'), { tenderId: t.id }, 'positive');

/** The kernegruppe's list: a draft sent as ready says so, for every reader. */
export const draftReadyListLine = (locale: Locale, mark: ReadyForLead): string => text(locale, 'draftReady.list', { by: esc(mark.byName), when: at(mark.at, locale) });

function readyNoticeCard(locale: Locale, t: Tender, audience: 'personal' | 'group'): CardJson {
  const mark = t.readyForLead;
  const params = { by: esc(mark?.byName ?? ''), title: esc(t.title), group: esc(t.groupName), when: mark ? at(mark.at, locale) : '', to: mark ? recipients(locale, mark) : '' };
  const key = audience === 'personal' ? 'draftReady.notice.personal' : params.to ? 'draftReady.notice.group' : 'draftReady.notice.groupNobody';
  return messageCard({
    heading: text(locale, 'draftReady.notice.heading'),
    style: 'emphasis',
    lines: [{ text: text(locale, key, params), color: 'Default' }],
    actions: [button('tender.preview', text(locale, 'draftReady.notice.open'), { tenderId: t.id }, 'positive')],
  });
}

export const draftReadyNoticeViews: Pick<NoticeViews, 'tender.readyForLead'> = {
  'tender.readyForLead': (locale, n) => oneCard(readyNoticeCard(locale, n.tender, n.audience)),
};
