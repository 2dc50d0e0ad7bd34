// The admin's cards for one person's data: the overview (what is stored, counted by what an erasure
// does with it, the download link and the erase button), the confirmation before erasing, and the log
// of erasures. Counts and ids only: the card never shows the stored data itself.

import type { PersonOverview } from '../../app/person-data.js';
import type { ErasureAudit } from '../../domain/person-data.js';
import { formatInstant } from '../../domain/time.js';
import { isTextKey, text, type Locale } from '../i18n/text.js';
import { button } from './card-parts.js';
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

const whoOf = (o: { personId: string; names: readonly string[] }) => esc(o.names[0] ?? o.personId);

export function personDataCard(locale: Locale, o: PersonOverview, download: { url: string; expiresAt: Date }): CardJson {
  const erasure = o.erasure;
  const status = erasure
    ? text(locale, erasure.status === 'running' ? 'privacy.card.running' : 'privacy.card.done', { when: formatInstant(new Date(erasure.startedAt), locale), by: esc(erasure.requestedBy.name) })
    : undefined;
  return renderCard('person-data', {
    kicker: text(locale, 'privacy.card.kicker'),
    title: text(locale, 'privacy.card.title', { who: whoOf(o) }),
    text: text(locale, 'privacy.card.text'),
    lines: [
      { line: `Entra-id: ${o.personId}` },
      { line: text(locale, 'privacy.card.deleted', { list: countsText(locale, o.toDelete) }) },
      { line: text(locale, 'privacy.card.anonymised', { list: countsText(locale, o.toAnonymise) }) },
      ...(status ? [{ line: status }] : []),
    ],
    rules: text(locale, 'privacy.card.rules', { until: formatInstant(download.expiresAt, locale) }),
    links: [{ title: text(locale, 'privacy.card.download'), url: download.url }],
    buttons: [button(PersonDataVerb.EraseAsk, text(locale, 'privacy.card.erase'), { personId: o.personId }, 'destructive')],
  });
}

export function eraseConfirmCard(locale: Locale, o: PersonOverview): CardJson {
  return renderCard('confirm', {
    title: text(locale, 'privacy.confirm.title', { who: whoOf(o) }),
    text: text(locale, 'privacy.confirm.text', { deleted: countsText(locale, o.toDelete), anonymised: countsText(locale, o.toAnonymise) }),
    reason: { show: false, label: '', value: '', error: '' },
    actions: [button(PersonDataVerb.Erase, text(locale, 'privacy.confirm.button'), { personId: o.personId }, 'destructive'), button(PersonDataVerb.Show, text(locale, 'common.back'), { personId: o.personId })],
  });
}

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
