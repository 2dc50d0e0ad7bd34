// Export of the activity catalogue for the temamøde, over HTTP through the whole bot: the export button
// (`catalogue.export`) answers a member or an admin with a card of two signed links; the links download
// the .xlsx (read back with exceljs) and open the HTML document; anyone else is refused; a tampered
// link is 403, an expired one 410, and a link of someone who has since left the group stops working.
// The catalogue is stored through the real repository, built with the domain's functions.

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueId } from '../../src/app/catalogue-ids.js';
import { cardAction } from '../support/activities.js';
import { cardText, type Card } from '../support/bot-driver.js';
import { laeringCatalogue } from '../support/catalogue-fixtures.js';
import { CosmosRequestLog } from '../support/cosmos.js';
import { conversations, DEMO_TENANT, persona, personal, type Persona } from '../support/demo.js';
import { HttpBot } from '../support/http-bot.js';

const CATALOGUE = catalogueId('kernegruppe-laering', '2027');
const OTHER_GROUP_CATALOGUE = catalogueId('kernegruppe-beskaeftigelse', '2027');
const OTHER_TENANT = '0e000000-0000-4000-8000-00000000000e';
/** A politician of Kernegruppe Beskæftigelse only. */
const otherGroupMember: Persona = { id: 'd0000000-0000-4000-8000-000000000016', name: 'Lone Lund' };

const requests = new CosmosRequestLog();
let http: HttpBot;

beforeAll(async () => {
  http = await HttpBot.start('2026-11-23T10:00:00Z', requests);
  expect(await http.repos.catalogues.saveCatalogue(laeringCatalogue(), undefined)).toBe('saved');
  expect(await http.repos.catalogues.saveCatalogue(laeringCatalogue(undefined, 'kernegruppe-beskaeftigelse'), undefined)).toBe('saved');
}, 60_000);
afterAll(async () => {
  await http.stop();
});

interface OpenUrl {
  type: string;
  title: string;
  url: string;
}
const openUrls = (card: Card | undefined): OpenUrl[] => ((card as { actions?: OpenUrl[] } | undefined)?.actions ?? []).filter((a) => a.type === 'Action.OpenUrl');

async function exportAs(who: Persona, opts: { tenantId?: string; locale?: string; catalogueId?: string } = {}) {
  const { catalogueId: id = CATALOGUE, ...rest } = opts;
  return http.send(cardAction(who, conversations.laeringChat, 'catalogue.export', { catalogueId: id }, rest));
}

async function linksFor(who: Persona, opts: { locale?: string } = {}): Promise<{ xlsx: string; html: string; card: Card }> {
  const answer = await exportAs(who, opts);
  expect(answer.status).toBe(200);
  const [xlsx, html] = openUrls(answer.card);
  expect(xlsx && html, cardText(answer.card)).toBeTruthy();
  return { xlsx: xlsx!.url, html: html!.url, card: answer.card! };
}

async function workbookOf(res: Response): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb;
}

/** A formula cell's cached result, or the plain value. */
const valueOf = (cell: ExcelJS.Cell): unknown => (cell.value && typeof cell.value === 'object' && 'result' in cell.value ? cell.value.result : cell.value);

describe('a member of the kernegruppe exports the catalogue', () => {
  it('gets a card with two links (Excel, document) made for her, valid for 15 minutes', async () => {
    const { xlsx, html, card } = await linksFor(persona.tovholder);
    expect(openUrls(card).map((a) => a.title)).toEqual(['Excel (.xlsx)', 'Dokument (HTML)']);
    expect(xlsx.startsWith(`${http.bot.url}/export/`)).toBe(true);
    expect(html.startsWith(`${http.bot.url}/export/`)).toBe(true);
    expect(xlsx).not.toBe(html);
    const text = cardText(card);
    expect(text).toContain('Aktivitetskatalog · Kernegruppe Læring');
    expect(text).toContain('Kataloget for 2027 til temamødet');
    expect(text).toContain('Linkene virker til mandag 23. november 2026 kl. 11.15 (15 minutter)');
    // Nothing but the answer: no message, no write.
    const stored = await http.repos.catalogues.getCatalogue(DEMO_TENANT, CATALOGUE);
    expect(stored!.value).toEqual(laeringCatalogue());
  });

  it('downloads the .xlsx: activities with their forudsætninger and costs in kroner, the total against the frame, coverage and the frame revisions', async () => {
    const { xlsx } = await linksFor(persona.tovholder);
    const res = await fetch(xlsx);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="katalog-laering-2027.xlsx"');
    expect(res.headers.get('cache-control')).toContain('no-store');
    const wb = await workbookOf(res);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Katalog', 'Dækning', 'Ramme']);

    const ws = wb.getWorksheet('Katalog')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Aktivitet',
      'Udbud',
      'Bud nr.',
      'Forudsætninger',
      'Engangsudgift',
      'Årlig drift',
      'Mod rammen',
      'Kilde til udgifterne',
      'Ansvarlig',
      'Tværgående',
      'Status',
      'Begrundelse for at gå over rammen',
    ]);
    const first = ws.getRow(2);
    expect(first.getCell(1).value).toBe('Læsevenner <script>alert(1)</script> & co');
    expect(first.getCell(3).value).toBe(1);
    expect(first.getCell(4).value).toBe(
      'Alle børn har et trygt og stimulerende læringsmiljø i dagtilbud og skole\nForældre og lokalsamfund tager aktivt del i børnenes læring\nVirksomhederne er aktive partnere i at skabe job og praktik',
    );
    expect([first.getCell(5).value, first.getCell(6).value, valueOf(first.getCell(7))]).toEqual([250_000, 1_000_000, 1_250_000]);
    expect(first.getCell(5).numFmt).toBe('#,##0 "kr."');
    expect(first.getCell(7).numFmt).toBe('#,##0 "kr."');
    expect([first.getCell(8).value, first.getCell(9).value, first.getCell(10).value, first.getCell(11).value, first.getCell(12).value]).toEqual([
      'Konsekvensberegning',
      'Sofie Nielsen',
      'Ja',
      'Tildelt',
      '',
    ]);
    const second = ws.getRow(3);
    expect([second.getCell(1).value, valueOf(second.getCell(7)), second.getCell(8).value, second.getCell(9).value, second.getCell(10).value, second.getCell(12).value]).toEqual([
      'Sommerskole',
      400_000,
      'Konkretisering',
      'Hanne Graversen',
      'Nej',
      'Byrådet har bedt om sommerskolen <nu>',
    ]);
    // A blank row, then the total, the frame and how far over it the catalogue is.
    const total = ws.getRow(5);
    expect([total.getCell(1).value, valueOf(total.getCell(5)), valueOf(total.getCell(6)), valueOf(total.getCell(7))]).toEqual(['I alt', 650_000, 1_000_000, 1_650_000]);
    expect(total.getCell(7).formula).toBe('SUM(G2,G3)');
    expect(total.getCell(7).numFmt).toBe('#,##0 "kr."');
    expect([ws.getRow(6).getCell(1).value, valueOf(ws.getRow(6).getCell(7))]).toEqual(['Ramme', 1_500_000]);
    expect([ws.getRow(7).getCell(1).value, valueOf(ws.getRow(7).getCell(7))]).toEqual(['Over rammen', 150_000]);

    const cov = wb.getWorksheet('Dækning')!;
    expect((cov.getRow(1).values as unknown[]).slice(1)).toEqual(['Forudsætning', 'Antal', 'Aktiviteter']);
    expect((cov.getRow(2).values as unknown[]).slice(1)).toEqual(['Alle børn har et trygt og stimulerende læringsmiljø i dagtilbud og skole', 1, 'Læsevenner <script>alert(1)</script> & co']);
    expect((cov.getRow(3).values as unknown[]).slice(1)).toEqual(['Forældre og lokalsamfund tager aktivt del i børnenes læring', 2, 'Læsevenner <script>alert(1)</script> & co\nSommerskole']);
    expect(cov.getRow(4).getCell(2).value).toBe(0);
    const texts = cov.getColumn(1).values.filter((v): v is string => typeof v === 'string');
    expect(texts.slice(texts.indexOf('Forudsætninger, som ingen aktivitet dækker endnu') + 1)).toContain(
      'Overgangen fra grundskole til ungdomsuddannelse eller job er sammenhængende',
    );

    const frames = wb.getWorksheet('Ramme')!;
    expect((frames.getRow(1).values as unknown[]).slice(1)).toEqual(['Dato', 'Ramme', 'Sat af', 'Note']);
    expect((frames.getRow(2).values as unknown[]).slice(1)).toEqual(['mandag 23. november 2026 kl. 11.00', 2_000_000, 'Birgitte Lund', 'Rammen fra budgettet']);
    expect((frames.getRow(3).values as unknown[]).slice(1)).toEqual(['mandag 23. november 2026 kl. 11.01', 1_500_000, 'Birgitte Lund', 'Revideret i marts']);
    expect(frames.getRow(3).getCell(2).numFmt).toBe('#,##0 "kr."');
  });

  it('opens the document in the browser: the same content as readable HTML, everything typed escaped', async () => {
    const { html } = await linksFor(persona.tovholder);
    const res = await fetch(html);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('inline; filename="katalog-laering-2027.html"');
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await res.text();
    expect(page).toContain('<title>Aktivitetskatalog 2027 · Kernegruppe Læring</title>');
    expect(page).toContain('Læsevenner &lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(page).not.toContain('<script');
    expect(page).toContain('Byrådet har bedt om sommerskolen &lt;nu&gt;');
    expect(page).toContain('<li>Virksomhederne er aktive partnere i at skabe job og praktik</li>');
    expect(page).toMatch(/<td colspan="4">I alt<\/td><td class="kr">650\.000 kr\.<\/td><td class="kr">1\.000\.000 kr\.<\/td><td class="kr">1\.650\.000 kr\.<\/td>/);
    expect(page).toMatch(/Over rammen<\/td>.*150\.000 kr\./);
    expect(page).toContain('Forudsætninger, som ingen aktivitet dækker endnu</h3><ul><li>Overgangen fra grundskole til ungdomsuddannelse eller job er sammenhængende</li>');
    expect(page).toContain('Status: kladde.');
    expect(page).toContain('Revideret i marts');
  });

  it('in English for a person whose Teams is in English', async () => {
    const { xlsx, html, card } = await linksFor(persona.tovholder, { locale: 'en-GB' });
    expect(openUrls(card).map((a) => a.title)).toEqual(['Excel (.xlsx)', 'Document (HTML)']);
    const wb = await workbookOf(await fetch(xlsx));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Catalogue', 'Coverage', 'Frame']);
    expect(wb.getWorksheet('Catalogue')!.getRow(5).getCell(1).value).toBe('Total');
    expect(await (await fetch(html)).text()).toContain('<html lang="en">');
  });
});

describe('who may export', () => {
  it('an admin gets the links and downloads both', async () => {
    const { xlsx, html } = await linksFor(persona.admin);
    const wb = await workbookOf(await fetch(xlsx));
    expect(wb.getWorksheet('Katalog')!.getRow(2).getCell(1).value).toBe('Læsevenner <script>alert(1)</script> & co');
    expect((await fetch(html)).status).toBe(200);
  });

  it('refuses an employee in no group, someone not on the roster, another group\'s member and another tenant, with no link on the card', async () => {
    const refusals = [
      await exportAs(persona.medarbejder),
      await exportAs(persona.outsider),
      await exportAs(otherGroupMember),
      await exportAs(persona.admin, { tenantId: OTHER_TENANT }),
      // Læring's tovholder with another group's catalogue.
      await exportAs(persona.tovholder, { catalogueId: OTHER_GROUP_CATALOGUE }),
    ];
    for (const r of refusals) expect(openUrls(r.card)).toEqual([]);
    expect(cardText(refusals[0]!.card)).toContain('Kun kernegruppens medlemmer og administratorer kan eksportere dens katalog.');
    expect(cardText(refusals[2]!.card)).toContain('Kun kernegruppens medlemmer og administratorer kan eksportere dens katalog.');
    expect(cardText(refusals[4]!.card)).toContain('Kun kernegruppens medlemmer og administratorer kan eksportere dens katalog.');
    // Another tenant has no roster here (and could never read this tenant's partition).
    expect(cardText(refusals[3]!.card)).toContain('Der er endnu ingen rolleliste for jeres organisation.');
    // Beskæftigelse's own member may export Beskæftigelse's catalogue.
    expect(openUrls((await exportAs(otherGroupMember, { catalogueId: OTHER_GROUP_CATALOGUE })).card)).toHaveLength(2);
  });

  it('says so when the catalogue does not exist', async () => {
    const answer = await exportAs(persona.tovholder, { catalogueId: catalogueId('kernegruppe-laering', '2030') });
    expect(cardText(answer.card)).toContain('Kataloget findes ikke.');
    expect(openUrls(answer.card)).toEqual([]);
  });
});

describe('the link', () => {
  it('tampered with is refused with 403 and a page saying to ask for a new one in Teams', async () => {
    const { xlsx } = await linksFor(persona.tovholder);
    const [base, token] = xlsx.split('/export/') as [string, string];
    const [payload, signature] = token.split('.') as [string, string];
    // Another person's id in the payload, the signature kept.
    const forged = Buffer.from(Buffer.from(payload, 'base64url').toString('utf8').replace(persona.tovholder.id, persona.medarbejder.id), 'utf8').toString('base64url');
    const flipped = `${signature.slice(0, -2)}${signature.at(-2) === 'A' ? 'B' : 'A'}${signature.at(-1)}`;
    for (const url of [`${base}/export/${forged}.${signature}`, `${base}/export/${payload}.${flipped}`, `${base}/export/${payload}`, `${base}/export/nonsense`]) {
      const res = await fetch(url);
      expect(res.status, url).toBe(403);
      expect(res.headers.get('cache-control')).toContain('no-store');
      const page = await res.text();
      expect(page).toContain('Linket er ikke gyldigt');
      expect(page).toContain('Bed om et nyt i Teams');
      expect(page).toContain('The link is not valid');
    }
  });

  it('expires after 15 minutes by the server\'s clock: 410 and a page saying to ask for a new one', async () => {
    const { xlsx, html } = await linksFor(persona.tovholder);
    http.clock.advance(15 * 60_000 - 1000);
    expect((await fetch(xlsx)).status).toBe(200);
    http.clock.advance(1000);
    for (const url of [xlsx, html]) {
      const res = await fetch(url);
      expect(res.status).toBe(410);
      const page = await res.text();
      expect(page).toContain('Linket er udløbet');
      expect(page).toContain('Bed om et nyt i Teams: tryk »Eksportér« på kataloget igen.');
      expect(page).toContain('The link has expired');
    }
  });

  it('stops working when the person it was made for leaves the group, even in someone else\'s hands', async () => {
    const { xlsx, html } = await linksFor(persona.konsulent);
    expect((await fetch(xlsx)).status).toBe(200);
    const dir = (await http.repos.directories.get(DEMO_TENANT))!;
    const without = {
      ...dir.value,
      groups: dir.value.groups.map((g) => (g.id === 'kernegruppe-laering' ? { ...g, members: g.members.filter((m) => m.person !== persona.konsulent.id) } : g)),
    };
    expect(await http.repos.directories.save(without, dir.etag)).toBe('saved');
    for (const url of [xlsx, html]) {
      const res = await fetch(url);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('Linket blev lavet til en person, som ikke længere er medlem af kernegruppen.');
    }
    // And she gets no new links either.
    expect(openUrls((await exportAs(persona.konsulent)).card)).toEqual([]);
    expect(await http.repos.directories.save(dir.value, (await http.repos.directories.get(DEMO_TENANT))!.etag)).toBe('saved');
  });
});

describe('what it costs', () => {
  it('the click reads the directory and the catalogue; a download the same two, and writes nothing', async () => {
    requests.requests.length = 0;
    requests.detailed.length = 0;
    const { xlsx, html } = await linksFor(persona.tovholder, {});
    const click = requests.detailed.splice(0);
    // The personal 1:1 of a new person may be recorded on a turn; the export itself is two point reads.
    const reads = (ops: typeof click) => ops.filter((r) => r.operation === 'read').map((r) => `${r.container}/${r.item?.startsWith('cat-') ? 'catalogue' : r.item}`);
    expect(reads(click)).toEqual(['directory/directory', 'tenders/catalogue']);
    expect(click.filter((r) => r.operation !== 'read')).toEqual([]);
    for (const url of [xlsx, html]) {
      expect((await fetch(url)).status).toBe(200);
      const download = requests.detailed.splice(0);
      expect(reads(download)).toEqual(['directory/directory', 'tenders/catalogue']);
      expect(download).toHaveLength(2);
    }
    // A refused link costs nothing at all: the signature is checked first.
    await fetch(`${xlsx.split('.').slice(0, -1).join('.')}.${'A'.repeat(43)}`);
    expect(requests.detailed).toHaveLength(0);
  });
});

// A personal chat is still a place the button can be pressed from (the card may be forwarded there).
it('works from a 1:1 chat as well', async () => {
  const answer = await http.send(cardAction(persona.tovholder, personal(persona.tovholder), 'catalogue.export', { catalogueId: CATALOGUE }));
  expect(openUrls(answer.card)).toHaveLength(2);
});
