// Configuration from the environment (src/config.ts): safe defaults for running locally, production
// settings, and a bad or missing setting stopping the bot with one line that names it, shows the bad
// value, and never shows a secret.

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const APP_ID = '8f0c7a4e-3b1d-4c2a-9e5f-1a2b3c4d5e6f';
const TENANT_ID = '4a1e2f3b-5c6d-4e7f-8a9b-0c1d2e3f4a5b';
const DEMO_TENANT_ID = 'de000000-0000-4000-8000-000000000001';
const PASSWORD = 'Xy8Q~hemmeligt-kodeord-123';
const COSMOS_KEY = 'c2VjcmV0LWNvc21vcy1rZXk=';
const ENDPOINT = 'https://kerneopgave.documents.azure.com:443/';

const production = {
  NODE_ENV: 'production',
  MicrosoftAppId: APP_ID,
  MicrosoftAppPassword: PASSWORD,
  MicrosoftAppType: 'MultiTenant',
  COSMOS_ENDPOINT: ENDPOINT,
  COSMOS_KEY,
};

/** The message loadConfig stops with; fails the test if it does not throw a ConfigError. */
function refusal(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).message;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('local defaults', () => {
  it('runs on 127.0.0.1:3978 with the embedded database, demo data and the demo tenant as fallback', () => {
    expect(loadConfig({})).toEqual({
      production: false,
      port: 3978,
      host: '127.0.0.1',
      bot: { appId: undefined, appPassword: undefined, appType: 'MultiTenant', appTenantId: undefined },
      cosmos: { kind: 'embedded', database: 'kerneopgave', dataDir: '.data' },
      logLevel: 'info',
      fallbackTenantId: DEMO_TENANT_ID,
      demoData: true,
    });
  });

  it('treats settings left empty (as App Service and .env files do) as not set', () => {
    const cfg = loadConfig({ PORT: '', HOST: ' ', MicrosoftAppId: '', MicrosoftAppPassword: '', COSMOS_ENDPOINT: '', DEMO_DATA: '' });
    expect(cfg).toEqual(loadConfig({}));
  });

  it('uses the port, host and fallback tenant it is given', () => {
    const cfg = loadConfig({ PORT: '8080', HOST: '0.0.0.0', FALLBACK_TENANT_ID: TENANT_ID, ALLOW_UNAUTHENTICATED: 'true' });
    expect([cfg.port, cfg.host, cfg.fallbackTenantId]).toEqual([8080, '0.0.0.0', TENANT_ID]);
  });

  it('runs without an app id (unauthenticated) only on a loopback address, or when ALLOW_UNAUTHENTICATED=true says so', () => {
    for (const HOST of [undefined, '127.0.0.1', '127.0.0.2', 'localhost', '::1']) expect(loadConfig({ HOST }).bot.appId).toBeUndefined();
    for (const HOST of ['0.0.0.0', '::', '192.168.1.20', 'bot.kommune.dk']) {
      const message = refusal({ HOST });
      expect(message).toContain('Konfigurationsfejl: MicrosoftAppId skal sættes når HOST=');
      expect(message).toContain('ALLOW_UNAUTHENTICATED=true');
      expect(loadConfig({ HOST, ALLOW_UNAUTHENTICATED: 'true' }).host).toBe(HOST);
      expect(refusal({ HOST, ALLOW_UNAUTHENTICATED: 'false' })).toContain('MicrosoftAppId');
    }
    // With an app id, any address: requests are authenticated.
    expect(loadConfig({ HOST: '0.0.0.0', MicrosoftAppId: APP_ID, MicrosoftAppPassword: PASSWORD }).host).toBe('0.0.0.0');
    // Production never runs without one, switch or not.
    expect(refusal({ NODE_ENV: 'production', COSMOS_ENDPOINT: ENDPOINT, ALLOW_UNAUTHENTICATED: 'true' })).toContain('MicrosoftAppId skal sættes når NODE_ENV=production');
  });

  it('turns demo data off by default against a real Cosmos DB, and on or off when asked', () => {
    expect(loadConfig({ COSMOS_ENDPOINT: ENDPOINT }).demoData).toBe(false);
    expect(loadConfig({ COSMOS_ENDPOINT: ENDPOINT, DEMO_DATA: 'true' }).demoData).toBe(true);
    expect(loadConfig({ DEMO_DATA: 'false' }).demoData).toBe(false);
  });
});

describe('production', () => {
  it('with everything set: Azure Cosmos DB, listening on all interfaces, no fallback tenant, no demo data', () => {
    const cfg = loadConfig({ ...production, FALLBACK_TENANT_ID: TENANT_ID });
    expect(cfg).toEqual({
      production: true,
      port: 3978,
      host: '0.0.0.0',
      bot: { appId: APP_ID, appPassword: PASSWORD, appType: 'MultiTenant', appTenantId: undefined },
      cosmos: { kind: 'azure', endpoint: ENDPOINT, key: COSMOS_KEY, database: 'kerneopgave' },
      logLevel: 'info',
      fallbackTenantId: undefined,
      demoData: false,
    });
  });

  it('runs as a single-tenant or managed-identity bot when the tenant is given', () => {
    expect(loadConfig({ ...production, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT_ID }).bot).toMatchObject({ appType: 'SingleTenant', appTenantId: TENANT_ID });
    const msi = loadConfig({ ...production, MicrosoftAppPassword: undefined, COSMOS_KEY: undefined, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT_ID });
    expect(msi.bot.appPassword).toBeUndefined();
    expect(msi.cosmos).toEqual({ kind: 'azure', endpoint: ENDPOINT, key: undefined, database: 'kerneopgave' });
  });

  it('refuses to start without MicrosoftAppId, in one line that names it', () => {
    const message = refusal({ NODE_ENV: 'production', COSMOS_ENDPOINT: ENDPOINT });
    expect(message).toContain('MicrosoftAppId');
    expect(message).toContain('ikke sat');
    expect(message.split(/\r?\n/)).toHaveLength(1);
  });

  it('refuses to start on the embedded database', () => {
    const message = refusal({ ...production, COSMOS_ENDPOINT: undefined });
    expect(message).toContain('COSMOS_ENDPOINT');
    expect(message).not.toMatch(/[\r\n]/);
  });
});

describe('bad settings', () => {
  it.each([
    ['abc', 'abc'],
    ['70000', '70000'],
    ['39.78', '39.78'],
  ])('names PORT and shows the bad value for PORT=%s', (value, shown) => {
    const message = refusal({ PORT: value });
    expect(message).toMatch(/^Konfigurationsfejl: PORT /);
    expect(message).toContain(`'${shown}'`);
  });

  it('names COSMOS_ENDPOINT when it is not a URL, with an example of one', () => {
    const message = refusal({ COSMOS_ENDPOINT: 'not-a-url' });
    expect(message).toMatch(/^Konfigurationsfejl: COSMOS_ENDPOINT /);
    expect(message).toContain("'not-a-url'");
    expect(message).toContain('https://');
  });

  it('names MicrosoftAppTenantId when MicrosoftAppType=SingleTenant has no tenant', () => {
    const message = refusal({ MicrosoftAppType: 'SingleTenant', MicrosoftAppId: APP_ID, MicrosoftAppPassword: PASSWORD });
    expect(message).toMatch(/^Konfigurationsfejl: MicrosoftAppTenantId /);
    expect(message).toContain('SingleTenant');
  });

  it('names MicrosoftAppPassword when a multi-tenant bot has an app id but no password', () => {
    expect(refusal({ MicrosoftAppId: APP_ID })).toMatch(/^Konfigurationsfejl: MicrosoftAppPassword .*ikke sat/);
  });

  it('names MicrosoftAppId when it is not a GUID', () => {
    const message = refusal({ MicrosoftAppId: 'kerneopgave-bot', MicrosoftAppPassword: PASSWORD });
    expect(message).toMatch(/^Konfigurationsfejl: MicrosoftAppId .*GUID/);
    expect(message).toContain("'kerneopgave-bot'");
  });

  it('refuses DEMO_DATA=maybe, naming it', () => {
    const message = refusal({ DEMO_DATA: 'maybe' });
    expect(message).toMatch(/^Konfigurationsfejl: DEMO_DATA /);
    expect(message).toContain("'maybe'");
  });

  it.each<[string, Record<string, string>]>([
    ['a bad app id', { MicrosoftAppId: 'not-a-guid', MicrosoftAppPassword: PASSWORD, COSMOS_KEY }],
    ['a missing tenant', { MicrosoftAppType: 'SingleTenant', MicrosoftAppId: APP_ID, MicrosoftAppPassword: PASSWORD, COSMOS_KEY }],
    ['a bad endpoint', { COSMOS_ENDPOINT: 'cosmos', COSMOS_KEY, MicrosoftAppPassword: PASSWORD }],
    ['production without app id', { NODE_ENV: 'production', MicrosoftAppPassword: PASSWORD, COSMOS_ENDPOINT: ENDPOINT, COSMOS_KEY }],
  ])('never shows the app password or the Cosmos key, here on %s', (_, env) => {
    const message = refusal(env);
    expect(message).not.toContain(PASSWORD);
    expect(message).not.toContain(COSMOS_KEY);
  });

  it('keeps the message to one line when the bad value holds a line break (a .env file saved with CRLF)', () => {
    // Printed as is, the \r sends the terminal back to the start of the line and hides the setting's name.
    const message = refusal({ MicrosoftAppId: `${APP_ID}\r`, MicrosoftAppPassword: PASSWORD });
    expect(message).toContain('MicrosoftAppId');
    expect(message).not.toMatch(/[\r\n]/);
  });
  it('pins the answer language only to da or en', () => {
    expect(loadConfig({ LOCALE_OVERRIDE: 'da' }).localeOverride).toBe('da');
    expect(loadConfig({}).localeOverride).toBeUndefined();
    expect(() => loadConfig({ LOCALE_OVERRIDE: 'fr' })).toThrow("Konfigurationsfejl: LOCALE_OVERRIDE skal være en af da, en (fik 'fr').");
  });
});

describe('ALLOWED_TENANTS (the tenant allowlist)', () => {
  it('is a set of lower-case tenant ids, spaces and case forgiven; unset or empty serves every tenant', () => {
    expect(loadConfig({ ALLOWED_TENANTS: ` ${TENANT_ID.toUpperCase()}, ${DEMO_TENANT_ID} ` }).allowedTenants).toEqual(new Set([TENANT_ID, DEMO_TENANT_ID]));
    expect(loadConfig({}).allowedTenants).toBeUndefined();
    expect(loadConfig({ ALLOWED_TENANTS: ' ' }).allowedTenants).toBeUndefined();
  });

  it('refuses a malformed id or an empty entry with a Danish line that names the bad part', () => {
    expect(refusal({ ALLOWED_TENANTS: `${TENANT_ID},kommune.dk` })).toBe(
      `Konfigurationsfejl: ALLOWED_TENANTS skal være Entra-tenant-id'er (GUID'er, xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) adskilt af komma; 'kommune.dk' er ikke et GUID (fik '${TENANT_ID},kommune.dk').`,
    );
    expect(refusal({ ALLOWED_TENANTS: `${TENANT_ID},` })).toContain('der er et tomt element');
    expect(refusal({ ...production, ALLOWED_TENANTS: `${TENANT_ID};${DEMO_TENANT_ID}` })).toContain('er ikke et GUID');
  });
});
