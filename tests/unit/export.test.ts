// The export's pure parts: the signed token (what changing any part of it does, expiry by the given
// clock) and what the documents show in the cases the HTTP test does not reach (an afvist activity,
// no frame, left of the frame, an unknown forudsætning, the file name).

import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { EXPORT_LINK_TTL_MS, readExportToken, signExportToken, type ExportClaims } from '../../src/app/export.js';
import { exportModelOf, slug } from '../../src/adapters/export/catalogue-export.js';
import { catalogueHtml, escapeHtml } from '../../src/adapters/export/catalogue-html.js';
import { catalogueXlsx } from '../../src/adapters/export/catalogue-xlsx.js';
import { emptyCatalogue, recordDecision, type Catalogue } from '../../src/domain/catalogue.js';
import { demo, TENANT } from '../support/card-fixtures.js';
import { entryOf, laeringCatalogue } from '../support/catalogue-fixtures.js';
import { addEntry, present } from '../../src/domain/catalogue.js';
import { loadConfig } from '../../src/config.js';

const NOW = new Date('2026-11-23T10:00:00Z');

async function workbook(file: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
  return wb;
}
const SECRET = 'a-test-secret-of-at-least-32-characters!';
const claims: ExportClaims = { tenantId: TENANT, catalogueId: 'cat-1', personId: 'p-1', format: 'xlsx', expiresAt: NOW.getTime() + EXPORT_LINK_TTL_MS, locale: 'da' };

describe('the export token', () => {
  it('reads back what was signed until it expires, and not a moment after', () => {
    const token = signExportToken(SECRET, claims);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(readExportToken(SECRET, token, NOW)).toEqual({ ok: true, value: claims });
    expect(readExportToken(SECRET, token, new Date(claims.expiresAt - 1)).ok).toBe(true);
    expect(readExportToken(SECRET, token, new Date(claims.expiresAt))).toEqual({ ok: false, code: 'EXPORT.EXPIRED' });
  });

  it('is refused when any signed part is changed, or it was signed with another key', () => {
    const token = signExportToken(SECRET, claims);
    const [payload, signature] = token.split('.') as [string, string];
    const change = (c: Partial<ExportClaims>) => `${signExportToken(SECRET, { ...claims, ...c }).split('.')[0]}.${signature}`;
    for (const forged of [
      change({ tenantId: 'other' }),
      change({ catalogueId: 'cat-2' }),
      change({ personId: 'p-2' }),
      change({ format: 'html' }),
      change({ expiresAt: claims.expiresAt + 3_600_000 }),
      change({ locale: 'en' }),
      signExportToken('another-secret-of-at-least-32-characters', claims),
      `${payload}.`,
      payload,
      '',
      `${payload}.${signature}x`,
    ])
      expect(readExportToken(SECRET, forged, NOW), forged).toEqual({ ok: false, code: 'EXPORT.TAMPERED' });
    // Tampering is told before expiry: an old forged token says "not valid", never "expired".
    expect(readExportToken(SECRET, change({ personId: 'p-2' }), new Date(claims.expiresAt + 1)).ok && 'ok').toBe(false);
  });
});

describe('the documents', () => {
  it('list an activity the Byråd rejected without counting it, and say what is left of the frame', async () => {
    const at = new Date('2026-11-23T10:00:00Z');
    let c: Catalogue = laeringCatalogue(at);
    const indstillet = addEntry(c, { ...entryOf('bid-3', { title: 'Indstillet aktivitet', cost: { oneOffKr: 10_000, yearlyKr: 0, source: 'none' }, forudsaetninger: ['ukendt-1'] }), decidedBy: 'byraad', state: 'indstillet' }, 'Til Byrådets afgørelse', at);
    if (!indstillet.ok) throw new Error(indstillet.code);
    const meeting = { id: 'temamoede-2027-03', title: 'Temamøde', start: '2027-03-31T13:00:00Z' };
    const presented = present(indstillet.value.catalogue, meeting, 'admin', at);
    if (!presented.ok) throw new Error(presented.code);
    const decided = recordDecision(presented.value, { outcome: 'rejected', meeting: { ...meeting, id: 'byraadsmoede-2027-03', title: 'Byrådsmøde' }, note: '', by: { id: 'admin', name: 'Henrik Dahl' } }, at);
    if (!decided.ok) throw new Error(decided.code);
    c = { ...decided.value, frames: [...decided.value.frames, { kr: 2_000_000, at: at.toISOString(), by: 'x', byName: 'Birgitte Lund' }] };

    const m = exportModelOf(c, demo, 'da', at);
    expect(m.rows.map((r) => [r.title, r.state, r.counts])).toEqual([
      ['Læsevenner <script>alert(1)</script> & co', 'Tildelt', true],
      ['Sommerskole', 'Tildelt', true],
      ['Indstillet aktivitet', 'Afvist af Byrådet (tæller ikke med)', false],
    ]);
    // An id the directory no longer knows is shown as the id rather than dropped.
    expect(m.rows[2]!.forudsaetninger).toEqual(['ukendt-1']);
    expect(m.status).toBe('Status: besluttet af Byrådet på Byrådsmøde onsdag 31. marts 2027 kl. 15.00: ikke godkendt.');
    expect([m.totalKr, m.frameKr, m.leftKr]).toEqual([1_650_000, 2_000_000, 350_000]);

    const wb = await workbook(await catalogueXlsx(m));
    const ws = wb.getWorksheet('Katalog')!;
    const total = ws.getRow(6);
    expect(total.getCell(1).value).toBe('I alt');
    expect(total.getCell(7).value).toEqual({ formula: 'SUM(G2,G3)', result: 1_650_000 });
    expect([ws.getRow(7).getCell(1).value, ws.getRow(8).getCell(1).value]).toEqual(['Ramme', 'Tilbage af rammen']);
    expect(ws.getRow(8).getCell(7).value).toEqual({ formula: 'G7-G6', result: 350_000 });

    const page = catalogueHtml(m);
    expect(page).toContain('<tr class="afvist">');
    expect(page).toMatch(/Tilbage af rammen<\/td>.*350\.000 kr\./);
  });

  it('say so when there is no frame and no activity yet', async () => {
    const c = emptyCatalogue({ id: 'cat-x', tenantId: TENANT, group: { id: 'kernegruppe-laering', name: 'Kernegruppe Læring', kerneopgave: 'laering' }, period: '2028' }, NOW);
    const m = exportModelOf(c, demo, 'en', NOW);
    expect(m.fileBase).toBe('katalog-laering-2028');
    expect(m.uncovered).toHaveLength(m.coverage.length);
    const page = catalogueHtml(m);
    expect(page).toContain('There are no activities in the catalogue yet.');
    expect(page).toContain('No frame has been set.');
    const wb = await workbook(await catalogueXlsx(m));
    expect(wb.getWorksheet('Catalogue')!.getRow(3).getCell(1).value).toBe('Total');
    expect(wb.getWorksheet('Catalogue')!.getRow(4).getCell(1).value).toBe('No frame set');
    expect(wb.getWorksheet('Frame')!.getRow(2).getCell(1).value).toBe('No frame has been set.');
  });

  it('escape every character HTML gives a meaning, and name files in ASCII', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    expect(slug('Fritid & Fællesskab')).toBe('fritid-faellesskab');
    expect(slug('Social Omsorg')).toBe('social-omsorg');
    expect(slug('Kernegruppe Læring')).toBe('laering');
  });
});

describe('the settings', () => {
  it('read PUBLIC_BASE_URL (without a trailing slash) and EXPORT_LINK_SECRET, and refuse a short secret without showing it', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://kerneopgave.example.dk/', EXPORT_LINK_SECRET: 'k'.repeat(64) })).toMatchObject({
      publicBaseUrl: 'https://kerneopgave.example.dk',
      exportLinkSecret: 'k'.repeat(64),
    });
    expect(loadConfig({})).toMatchObject({ publicBaseUrl: undefined, exportLinkSecret: undefined });
    expect(() => loadConfig({ EXPORT_LINK_SECRET: 'kort-hemmelighed' })).toThrow("Konfigurationsfejl: EXPORT_LINK_SECRET skal være mindst 32 tegn (fx 64 tilfældige hex-tegn) (fik '***').");
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'kerneopgave.example.dk' })).toThrow(/PUBLIC_BASE_URL skal være en http\(s\)-adresse/);
  });
});
