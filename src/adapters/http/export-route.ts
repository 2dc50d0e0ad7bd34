// GET /export/<token>: the catalogue for the temamøde, for whoever holds a link made in Teams within the
// last 15 minutes, and only while the person it was made for may still see it (app/export.ts). A tampered
// or unknown token is 403, an expired one 410, each with a short page (Danish and English) saying to ask
// for a new link in Teams. Nothing is cached anywhere, and the token never reaches the log.

import type restify from 'restify';
import type { DownloadError, ExportContent } from '../../app/export.js';
import type { Result } from '../../domain/result.js';
import type { Logger } from '../../logger.js';
import { exportModelOf } from '../export/catalogue-export.js';
import { catalogueHtml, exportProblemPage } from '../export/catalogue-html.js';

export interface ExportRouteDeps {
  readonly open: (token: string) => Promise<Result<ExportContent, DownloadError>>;
  readonly now: () => Date;
  readonly log: Logger;
}

/** The headers every answer of a download link carries (this route's and /persondata's): the files are private, and the URL is a key. */
export const PRIVATE = {
  'cache-control': 'no-store, max-age=0',
  pragma: 'no-cache',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // The pages and the document load nothing and run nothing: inline styles only.
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
} as const;

const PROBLEM: Record<DownloadError, { status: number; page: Parameters<typeof exportProblemPage>[0] }> = {
  'EXPORT.TAMPERED': { status: 403, page: 'invalid' },
  'EXPORT.EXPIRED': { status: 410, page: 'expired' },
  'EXPORT.NOT_ALLOWED': { status: 403, page: 'notAllowed' },
  'CATALOGUE.NOT_FOUND': { status: 404, page: 'notFound' },
};

export function registerExportRoute(server: restify.Server, deps: ExportRouteDeps): void {
  // A wildcard, not `:token`: the router refuses named parameters longer than 100 characters, and a
  // token (three ids, the format, the expiry and a 256-bit signature) is about 230.
  server.get('/export/*', async (req, res) => {
    const token = String((req.params as Record<string, unknown> | undefined)?.['*'] ?? '');
    const opened = await deps.open(token);
    if (!opened.ok) {
      const p = PROBLEM[opened.code];
      deps.log.info({ outcome: opened.code, status: p.status }, 'export link refused');
      res.writeHead(p.status, { ...PRIVATE, 'content-type': 'text/html; charset=utf-8' });
      res.end(exportProblemPage(p.page));
      return;
    }
    const { catalogue, directory, format, locale } = opened.value;
    const model = exportModelOf(catalogue, directory, locale, deps.now());
    const log = deps.log.child({ tenantId: catalogue.tenantId, catalogueId: catalogue.id, format });
    if (format === 'xlsx') {
      // exceljs is loaded at the first download, not at every start.
      const { catalogueXlsx } = await import('../export/catalogue-xlsx.js');
      const body = await catalogueXlsx(model);
      res.writeHead(200, {
        ...PRIVATE,
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${model.fileBase}.xlsx"`,
        'content-length': body.length,
      });
      res.end(body);
    } else {
      // Inline: the point of the HTML document is that it opens in the browser from the link; the file
      // name is what "Save as" offers.
      const body = Buffer.from(catalogueHtml(model), 'utf8');
      res.writeHead(200, { ...PRIVATE, 'content-type': 'text/html; charset=utf-8', 'content-disposition': `inline; filename="${model.fileBase}.html"`, 'content-length': body.length });
      res.end(body);
    }
    log.info({ entries: catalogue.entries.length }, 'catalogue exported');
  });
}
