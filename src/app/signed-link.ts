// The tokens in the bot's download links (the catalogue's export, one person's data): `<payload>.<signature>`,
// both base64url, so a token is safe in a URL path as it is. The payload is a JSON array of fields; the
// signature is an HMAC-SHA256 over the payload and a purpose string, so a token made for one kind of link
// never passes for another. Each kind reads its own fields; what is shared is the signing and checking.

import { createHmac, timingSafeEqual } from 'node:crypto';
import { fail, ok, type Result } from '../domain/result.js';

const b64 = (buf: Buffer): string => buf.toString('base64url');
const mac = (secret: string | Buffer, purpose: string, payload: string): Buffer => createHmac('sha256', secret).update(`${purpose}|${payload}`).digest();

export function signFields(secret: string | Buffer, purpose: string, fields: readonly unknown[]): string {
  const payload = b64(Buffer.from(JSON.stringify(fields), 'utf8'));
  return `${payload}.${b64(mac(secret, purpose, payload))}`;
}

/** The fields of a token signed for `purpose`: the signature is checked before anything in it is read. */
export function readSignedFields(secret: string | Buffer, purpose: string, token: string): Result<unknown[], 'EXPORT.TAMPERED'> {
  const m = /^([A-Za-z0-9_-]{1,1000})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return fail('EXPORT.TAMPERED');
  const [, payload, signature] = m as unknown as [string, string, string];
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, purpose, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return fail('EXPORT.TAMPERED');
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return fail('EXPORT.TAMPERED');
  }
  return Array.isArray(fields) ? ok(fields as unknown[]) : fail('EXPORT.TAMPERED');
}
