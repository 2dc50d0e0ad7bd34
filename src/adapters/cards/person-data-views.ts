// The admin's cards for one person's data: the overview (what is stored, counted by what an erasure
// does with it, the download link and the erase button), the confirmation before erasing, and the log
// of erasures. Counts and ids only: the card never shows the stored data itself.

import { MATCHES_SHOWN, type PersonMatch, type PersonOverview } from '../../app/person-data.js';
import type { ErasureAudit } from '../../domain/person-data.js';
import { formatInstant } from '../../domain/time.js';
import { isTextKey, text, type Locale } from '../i18n/text.js';
import { button, messageCard } from './card-parts.js';
import { oneCard, type NoticeViews } from './notice-views.js';
import { escapeMarkdown as esc, renderCard, type CardJson } from './render-card.js';

export const PersonDataVerb = { Show: 'persondata.show', EraseAsk: 'persondata.eraseAsk', Erase: 'persondata.erase' } as const;

/** "3 bud, 1 udbud" in the reader's words; "intet" for none. */
export function countsText(locale: Locale, counts: Readonly<Record<string, number>>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, n]) => {
      const key = `privacy.kind.${kind}`;
      return `${n} ${isTextKey(key) ? text(locale, key) : `${text(locale, 'privacy.kind.other')} (${kind})`}`;
    });
  return parts.length > 0 ? parts.join(', ') : text(locale, 'privacy.card.none');
}

const whoOf = (o: { personId: string; name?: string | undefined }) => esc(o.name ?? o.personId);

/** The state of an earlier erasure of the person, from its audit entry. */
function erasureLine(locale: Locale, e: ErasureAudit): string {
  const params = { when: formatInstant(new Date(e.startedAt), locale), by: esc(e.requestedBy.name) };
  if (e.status !== 'done') return text(locale, 'privacy.card.running', params);
  return text(locale, 'privacy.card.done', { ...params, deleted: countsText(locale, e.deleted), anonymised: countsText(locale, e.anonymised) });
}

/** One person's card: who they are, the download link, the erase button and an earlier erasure's state; no counts (they would need a scan). */
export function personDataCard(locale: Locale, o: PersonOverview, download: { url: string; expiresAt: Date }): CardJson {
  const erasing = o.erasure && o.erasure.status !== 'done';
  return renderCard('person-data', {
    kicker: text(locale, 'privacy.card.kicker'),
    title: text(locale, 'privacy.card.title', { who: whoOf(o) }),
    text: text(locale, 'privacy.card.text'),
    lines: [
      { line: `Entra-id: ${esc(o.personId)}` },
      ...(o.name === undefined ? [{ line: text(locale, 'privacy.card.notOnRoster') }] : []),
      ...(o.erasure ? [{ line: erasureLine(locale, o.erasure) }] : []),
    ],
    rules: text(locale, 'privacy.card.rules', { until: formatInstant(download.expiresAt, locale) }),
    links: [{ title: text(locale, 'privacy.card.download'), url: download.url }],
    // While an erasure is under way there is nothing to ask for: its notice comes when it is done.
    buttons: erasing ? [] : [button(PersonDataVerb.EraseAsk, text(locale, 'privacy.card.erase'), { personId: o.personId }, 'destructive')],
  });
}

export function eraseConfirmCard(locale: Locale, o: PersonOverview): CardJson {
  return renderCard('confirm', {
    title: text(locale, 'privacy.confirm.title', { who: whoOf(o) }),
    text: text(locale, 'privacy.confirm.text'),
    reason: { show: false, label: '', value: '', error: '' },
    actions: [button(PersonDataVerb.Erase, text(locale, 'privacy.confirm.button'), { personId: o.personId }, 'destructive'), button(PersonDataVerb.Show, text(locale, 'common.back'), { personId: o.personId })],
  });
}

/**
 * Several people match what was typed: one button per person (at most MATCHES_SHOWN), and a hint when
 * there are more. Each button is its own row in the body, since a card shows at most 5 actions at the bottom.
 */
export function personMatchesCard(locale: Locale, typed: string, matches: readonly PersonMatch[]): CardJson {
  const shown = matches.slice(0, MATCHES_SHOWN);
  return renderCard('person-data-matches', {
    kicker: text(locale, 'privacy.card.kicker'),
    title: text(locale, 'privacy.matches.title', { typed: esc(typed) }),
    text: text(locale, matches.length > MATCHES_SHOWN ? 'privacy.matches.more' : 'privacy.matches.text', { n: String(MATCHES_SHOWN) }),
    people: shown.map((p) => button(PersonDataVerb.Show, p.name, { personId: p.id })),
  });
}

/** The admin's 1:1 notice when the erasure they asked for is done. */
export function erasureDoneCard(locale: Locale, n: { personId: string; deleted: Readonly<Record<string, number>>; anonymised: Readonly<Record<string, number>> }): CardJson {
  return messageCard({
    heading: text(locale, 'privacy.done.heading'),
    style: 'good',
    lines: [{ text: text(locale, 'privacy.done', { id: esc(n.personId), deleted: countsText(locale, n.deleted), anonymised: countsText(locale, n.anonymised) }), color: 'Default' }],
  });
}

export const erasureNoticeViews: Pick<NoticeViews, 'erasure.done'> = {
  'erasure.done': (locale, n) => oneCard(erasureDoneCard(locale, n)),
};

export function erasureLogCard(locale: Locale, entries: readonly ErasureAudit[]): CardJson {
  return renderCard('person-data', {
    kicker: text(locale, 'privacy.card.kicker'),
    title: text(locale, 'privacy.log.title'),
    text: text(locale, 'privacy.log.text'),
    lines:
      entries.length === 0
        ? [{ line: text(locale, 'privacy.log.empty') }]
        : entries.map((e) => ({
            line: text(locale, 'privacy.log.line', {
              when: formatInstant(new Date(e.finishedAt ?? e.startedAt), locale),
              by: esc(e.requestedBy.name),
              id: e.personId,
              status: text(locale, e.status === 'done' ? 'privacy.log.done' : 'privacy.log.running'),
              deleted: countsText(locale, e.deleted),
              anonymised: countsText(locale, e.anonymised),
            }),
          })),
    rules: '',
    links: [],
    buttons: [],
  });
}
