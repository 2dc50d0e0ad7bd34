// The local Cosmos DB: @vercel/cosmosdb-server started in this process over HTTPS with a certificate
// made at start (the package's own expired in 2021), reached through @azure/cosmos like Azure is.

import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createHttpsServer } from '@vercel/cosmosdb-server';
import selfsigned from 'selfsigned';

export interface EmbeddedCosmos {
  readonly endpoint: string;
  /** Any base64 string is accepted as the key; @azure/cosmos still signs requests with it. */
  readonly key: string;
  readonly ca: string;
  /** The HTTPS server itself, so the journal can see every answer before it leaves. */
  readonly server: https.Server;
  stop(): Promise<void>;
}

export const EMBEDDED_KEY = Buffer.from('kerneopgave-bot-local-key').toString('base64');

let cachedCert: Promise<{ cert: string; key: string }> | undefined;

/** One certificate per process is enough: tests start many servers, and a 2048-bit key takes ~0.2 s. */
function certificate(): Promise<{ cert: string; key: string }> {
  cachedCert ??= selfsigned
    .generate([{ name: 'commonName', value: 'localhost' }], {
      notAfterDate: new Date(Date.now() + 3650 * 24 * 3600 * 1000),
      keySize: 2048,
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
    })
    .then((pems) => ({ cert: pems.cert, key: pems.private }));
  return cachedCert;
}

export async function startEmbeddedCosmos(port = 0): Promise<EmbeddedCosmos> {
  const { cert, key } = await certificate();
  // keepAlive makes @azure/cosmos reuse connections; without it the server is several times slower.
  const server = createHttpsServer({ cert, key, keepAlive: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actualPort } = server.address() as AddressInfo;
  return {
    endpoint: `https://127.0.0.1:${actualPort}`,
    key: EMBEDDED_KEY,
    ca: cert,
    server,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
