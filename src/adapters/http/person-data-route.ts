// GET /persondata/<token>: the JSON file of one person's data, for the admin a link was made for in
// Teams within the last 15 minutes, made at download from what is stored then (app/person-data.ts). A
// tampered or unknown token is 403, an expired one 410, each with a short page saying how to get a new
// link. Nothing is cached, and neither the token nor the person's data reaches the log.

import type restify from 'restify';
import { personExportFileName, type PersonDownloadError, type PersonExport, type PersonExportClaims } from '../../app/person-data.js';
import type { Result } from '../../domain/result.js';
import type { Logger } from '../../logger.js';
import { escapeHtml } from '../export/catalogue-html.js';
import { text } from '../i18n/text.js';
import { PRIVATE } from './export-route.js';

export interface PersonDataRouteDeps {
  readonly open: (token: string) => Promise<Result<{ claims: PersonExportClaims; data: PersonExport }, PersonDownloadError>>;
  readonly now: () => Date;
  readonly log: Logger;
}

const PROBLEM: Record<PersonDownloadError, { status: number; page: 'invalid' | 'expired' | 'notAllowed' | 'notFound' }> = {
  'EXPORT.TAMPERED': { status: 403, page: 'invalid' },
  'EXPORT.EXPIRED': { status: 410, page: 'expired' },
  'ADMIN.REQUIRED': { status: 403, page: 'notAllowed' },
  'PERSON.BAD_ID': { status: 403, page: 'invalid' },
  'PERSON.NOT_FOUND': { status: 404, page: 'notFound' },
};

function problemPage(kind: (typeof PROBLEM)[PersonDownloadError]['page']): string {
  const part = (locale: 'da' | 'en') => `<section lang="${locale}"><h1>${escapeHtml(text(locale, `privacy.page.${kind}`))}</h1><p>${escapeHtml(text(locale, 'privacy.page.text'))}</p></section>`;
  return `<!doctype html>\n<html lang="da">\n<head><meta charset="utf-8"><title>${escapeHtml(text('da', `privacy.page.${kind}`))}</title></head>\n<body>\n${part('da')}\n${part('en')}\n</body>\n</html>\n`;
}

export function registerPersonDataRoute(server: restify.Server, deps: PersonDataRouteDeps): void {
  server.get('/persondata/*', async (req, res) => {
    const token = String((req.params as Record<string, unknown> | undefined)?.['*'] ?? '');
    const opened = await deps.open(token);
    if (!opened.ok) {
      const p = PROBLEM[opened.code];
      deps.log.info({ outcome: opened.code, status: p.status }, 'personal data link refused');
      res.writeHead(p.status, { ...PRIVATE, 'content-type': 'text/html; charset=utf-8' });
      res.end(problemPage(p.page));
      return;
    }
    const body = Buffer.from(JSON.stringify(opened.value.data, null, 2), 'utf8');
    res.writeHead(200, {
      ...PRIVATE,
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${personExportFileName(opened.value.claims, deps.now())}"`,
      'content-length': body.length,
    });
    res.end(body);
    deps.log.info({ tenantId: opened.value.claims.tenantId, adminId: opened.value.claims.adminId, items: opened.value.data.items.length }, 'personal data exported');
  });
}
