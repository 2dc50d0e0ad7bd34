// The catalogue as one self-contained HTML page: it opens in any browser straight from the link (no
// app needed, unlike Markdown, which a browser shows as raw text), prints well for the temamøde, and
// can be saved or pasted into a Word document. Everything that was typed (titles, names, reasons,
// forudsætninger) is HTML-escaped; the page loads nothing from anywhere (the server also sends a
// Content-Security-Policy that forbids scripts).

import { text, type TextKey } from '../i18n/text.js';
import { kroner, type ExportModel } from './catalogue-export.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (value: string | number): string => String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);

const STYLE = `
body{font-family:"Segoe UI",system-ui,sans-serif;margin:2rem;color:#242424;line-height:1.4}
h1{font-size:1.5rem;margin-bottom:.25rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #c8c8c8;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}td.kr{text-align:right;white-space:nowrap}
tfoot td{font-weight:600}tr.afvist td{color:#616161;text-decoration:line-through}
ul{margin:.25rem 0;padding-left:1.2rem}p.meta{margin:.1rem 0;color:#424242}
@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}`;

export function catalogueHtml(m: ExportModel): string {
  const say = (key: TextKey) => escapeHtml(text(m.locale, key));
  const kr = (n: number) => escapeHtml(kroner(m.locale, n));
  const list = (items: readonly string[]) => (items.length === 0 ? '' : `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`);
  const head = (keys: readonly TextKey[]) => `<thead><tr>${keys.map((k) => `<th scope="col">${say(k)}</th>`).join('')}</tr></thead>`;

  const rows = m.rows
    .map(
      (r) => `<tr${r.counts ? '' : ' class="afvist"'}>
<td>${escapeHtml(r.title)}</td><td>${escapeHtml(r.tender)}</td><td>${r.bidNumber}</td><td>${list(r.forudsaetninger)}</td>
<td class="kr">${kr(r.oneOffKr)}</td><td class="kr">${kr(r.yearlyKr)}</td><td class="kr">${kr(r.againstFrameKr)}</td>
<td>${escapeHtml(r.costSource)}</td><td>${escapeHtml(r.responsible)}</td><td>${escapeHtml(r.crossCutting)}</td><td>${escapeHtml(r.state)}</td><td>${escapeHtml(r.overrideReason)}</td></tr>`,
    )
    .join('\n');
  const counted = m.rows.filter((r) => r.counts);
  const footRow = (label: string, oneOff: string, yearly: string, total: string) =>
    `<tr><td colspan="4">${label}</td><td class="kr">${oneOff}</td><td class="kr">${yearly}</td><td class="kr">${total}</td><td colspan="5"></td></tr>`;
  const frameRows =
    m.frameKr === undefined
      ? footRow(say('export.noFrame'), '', '', '')
      : footRow(say('export.frame'), '', '', kr(m.frameKr)) + footRow(say((m.leftKr ?? 0) >= 0 ? 'export.left' : 'export.over'), '', '', kr(Math.abs(m.leftKr ?? 0)));
  const activities =
    m.rows.length === 0
      ? `<p>${say('export.doc.noActivities')}</p>`
      : `<table>${head(['export.col.title', 'export.col.tender', 'export.col.bidNumber', 'export.col.forudsaetninger', 'export.col.oneOff', 'export.col.yearly', 'export.col.againstFrame', 'export.col.costSource', 'export.col.responsible', 'export.col.crossCutting', 'export.col.state', 'export.col.override'])}
<tbody>
${rows}
</tbody>
<tfoot>${footRow(say('export.total'), kr(counted.reduce((s, r) => s + r.oneOffKr, 0)), kr(counted.reduce((s, r) => s + r.yearlyKr, 0)), kr(m.totalKr))}${frameRows}</tfoot></table>`;

  const coverage = `<table>${head(['export.col.forudsaetning', 'export.col.count', 'export.col.activities'])}<tbody>
${m.coverage.map((c) => `<tr><td>${escapeHtml(c.forudsaetning)}</td><td>${c.activities.length}</td><td>${list(c.activities)}</td></tr>`).join('\n')}
</tbody></table>`;
  const uncovered = m.uncovered.length === 0 ? `<p>${say('export.doc.allCovered')}</p>` : `<h3>${say('export.doc.uncovered')}</h3>${list(m.uncovered)}`;
  const frames =
    m.frames.length === 0
      ? `<p>${say('export.doc.noFrames')}</p>`
      : `<table>${head(['export.col.date', 'export.col.frameKr', 'export.col.by', 'export.col.note'])}<tbody>
${m.frames.map((f) => `<tr><td>${escapeHtml(f.at)}</td><td class="kr">${kr(f.kr)}</td><td>${escapeHtml(f.by)}</td><td>${escapeHtml(f.note)}</td></tr>`).join('\n')}
</tbody></table>`;

  return `<!doctype html>
<html lang="${say('export.page.lang')}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(m.title)}</title><style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(m.title)}</h1>
<p class="meta">${escapeHtml(m.kerneopgave)}</p>
<p class="meta">${escapeHtml(m.status)}</p>
<p class="meta">${escapeHtml(m.generated)}</p>
<h2>${say('export.doc.activities')}</h2>
${activities}
<h2>${say('export.doc.coverage')}</h2>
${coverage}
${uncovered}
<h2>${say('export.doc.frames')}</h2>
${frames}
</body>
</html>
`;
}

/** The short page a link answers when it no longer works: in Danish and English, since a browser GET says nothing about the person. */
export function exportProblemPage(kind: 'expired' | 'invalid' | 'notAllowed' | 'notFound'): string {
  const part = (locale: 'da' | 'en') =>
    `<section lang="${locale}"><h1>${escapeHtml(text(locale, `export.page.${kind}.title`))}</h1><p>${escapeHtml(text(locale, `export.page.${kind}.text`))}</p></section>`;
  return `<!doctype html>
<html lang="da">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(text('da', `export.page.${kind}.title`))}</title><style>${STYLE}</style></head>
<body>
${part('da')}
${part('en')}
</body>
</html>
`;
}
