// The card with the catalogue's export links: two buttons that open the signed links in the browser
// (the .xlsx downloads, the document opens), and the rules of the links in plain words.

import { formatInstant } from '../../domain/time.js';
import type { Catalogue } from '../../domain/catalogue.js';
import { text, type Locale } from '../i18n/text.js';
import { escapeMarkdown as esc, renderCard, type CardJson } from './render-card.js';

export function exportLinksCard(locale: Locale, v: { catalogue: Pick<Catalogue, 'groupId' | 'groupName' | 'period'>; urls: { xlsx: string; html: string }; expiresAt: Date }): CardJson {
  return renderCard('export-links', {
    kicker: text(locale, 'export.card.kicker', { group: esc(v.catalogue.groupName) }),
    title: text(locale, 'export.card.title', { period: esc(v.catalogue.period) }),
    text: text(locale, 'export.card.text'),
    rules: text(locale, 'export.card.rules', { until: formatInstant(v.expiresAt, locale) }),
    xlsxTitle: text(locale, 'export.card.xlsx'),
    xlsxUrl: v.urls.xlsx,
    htmlTitle: text(locale, 'export.card.html'),
    htmlUrl: v.urls.html,
    // Back to the katalog card the export was pressed on.
    backTitle: text(locale, 'catalogue.button.show'),
    groupId: v.catalogue.groupId,
    period: v.catalogue.period,
  });
}
