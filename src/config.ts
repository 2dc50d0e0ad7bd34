// Configuration from the environment, parsed and checked once at start. A missing or malformed
// setting stops the bot with one line that names it; nothing else reads process.env.

import { z } from 'zod';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEMO_TENANT_ID = 'de000000-0000-4000-8000-000000000001';

const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const oneOf = <U extends string, T extends Readonly<[U, ...U[]]>>(values: T) =>
  z.enum(values, { errorMap: () => ({ message: `skal være en af ${values.join(', ')}` }) });
const PORT_TEXT = 'skal være et heltal fra 0 til 65535';
const optionalGuid = z.preprocess(emptyAsUndefined, z.string().regex(GUID, 'skal være et GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)').optional());
/** Addresses only this machine can reach. */
export const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);

const EnvSchema = z
  .object({
    NODE_ENV: z.preprocess(emptyAsUndefined, oneOf(['development', 'production', 'test']).default('development')),
    PORT: z.preprocess(emptyAsUndefined, z.coerce.number({ invalid_type_error: PORT_TEXT }).int(PORT_TEXT).min(0, PORT_TEXT).max(65535, PORT_TEXT).default(3978)),
    HOST: z.preprocess(emptyAsUndefined, z.string().optional()),
    MicrosoftAppId: optionalGuid,
    MicrosoftAppPassword: z.preprocess(emptyAsUndefined, z.string().optional()),
    MicrosoftAppType: z.preprocess(emptyAsUndefined, oneOf(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant')),
    MicrosoftAppTenantId: optionalGuid,
    COSMOS_ENDPOINT: z.preprocess(emptyAsUndefined, z.string().url('skal være en URL, fx https://konto.documents.azure.com:443/').optional()),
    COSMOS_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
    COSMOS_DATABASE: z.preprocess(emptyAsUndefined, z.string().regex(/^[A-Za-z0-9_-]{1,255}$/, 'må kun indeholde bogstaver, tal, - og _').default('kerneopgave')),
    DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('.data')),
    LOG_LEVEL: z.preprocess(emptyAsUndefined, oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
    FALLBACK_TENANT_ID: optionalGuid,
    DEMO_DATA: z.preprocess(emptyAsUndefined, oneOf(['true', 'false']).optional()),
    LOCALE_OVERRIDE: z.preprocess(emptyAsUndefined, oneOf(['da', 'en']).optional()),
    ALLOW_UNAUTHENTICATED: z.preprocess(emptyAsUndefined, oneOf(['true', 'false']).optional()),
    PUBLIC_BASE_URL: z.preprocess(
      emptyAsUndefined,
      z.string().regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, 'skal være en http(s)-adresse uden ? og #, fx https://kerneopgave.azurewebsites.net').optional(),
    ),
    EXPORT_LINK_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, 'skal være mindst 32 tegn (fx 64 tilfældige hex-tegn)').optional()),
    APPLICATIONINSIGHTS_CONNECTION_STRING: z.preprocess(emptyAsUndefined, z.string().regex(/InstrumentationKey=/i, 'skal være en Application Insights-forbindelsesstreng (InstrumentationKey=…;IngestionEndpoint=…)').optional()),
    ALLOWED_TENANTS: z.preprocess(emptyAsUndefined, z.string().optional()),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.MicrosoftAppId)
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppId'], message: 'skal sættes når NODE_ENV=production (ellers ville indgående kald ikke blive godkendt)' });
    // Without an app id nobody's token is checked: fine on this machine's loopback address, never on
    // an address others can reach unless the operator says so in as many words.
    if (env.NODE_ENV !== 'production' && !env.MicrosoftAppId && !isLoopback(env.HOST ?? '127.0.0.1') && env.ALLOW_UNAUTHENTICATED !== 'true')
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppId'],
        message: `skal sættes når HOST=${env.HOST ?? ''} ikke er en lokal adresse (ellers ville alle på netværket kunne kalde botten uden login; sæt ALLOW_UNAUTHENTICATED=true for at tillade det alligevel)`,
      });
    if (env.MicrosoftAppType !== 'MultiTenant' && !env.MicrosoftAppTenantId)
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: `skal sættes når MicrosoftAppType=${env.MicrosoftAppType}` });
    if (env.MicrosoftAppType === 'MultiTenant' && env.MicrosoftAppId && !env.MicrosoftAppPassword)
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'skal sættes når MicrosoftAppId er sat og MicrosoftAppType=MultiTenant' });
    if (env.NODE_ENV === 'production' && !env.COSMOS_ENDPOINT)
      ctx.addIssue({ code: 'custom', path: ['COSMOS_ENDPOINT'], message: 'skal sættes når NODE_ENV=production (den indlejrede Cosmos DB er kun til lokal brug)' });
    if (env.ALLOWED_TENANTS !== undefined) {
      const bad = env.ALLOWED_TENANTS.split(',').map((t) => t.trim()).find((t) => !GUID.test(t));
      if (bad !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['ALLOWED_TENANTS'],
          message: `skal være Entra-tenant-id'er (GUID'er, xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) adskilt af komma; ${bad === '' ? 'der er et tomt element' : `'${bad}' er ikke et GUID`}`,
        });
    }
  });

export interface Config {
  readonly production: boolean;
  readonly port: number;
  readonly host: string;
  readonly bot: {
    readonly appId?: string | undefined;
    readonly appPassword?: string | undefined;
    readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    readonly appTenantId?: string | undefined;
  };
  readonly cosmos:
    | { readonly kind: 'azure'; readonly endpoint: string; readonly key?: string | undefined; readonly database: string }
    | { readonly kind: 'embedded'; readonly database: string; readonly dataDir: string };
  readonly logLevel: string;
  /** Tenant used for activities that carry none (local clients only; never in production). */
  readonly fallbackTenantId?: string | undefined;
  readonly demoData: boolean;
  /** Answer in this language whatever the client's locale (the local playground always says en-US). */
  readonly localeOverride?: 'da' | 'en' | undefined;
  /** Where browsers reach the bot (the export links); unset: the address it listens on (local use). */
  readonly publicBaseUrl?: string | undefined;
  /** The key that signs export links; unset: a random one per start (links die on restart; one instance only). */
  readonly exportLinkSecret?: string | undefined;
  /** Where OpenTelemetry sends traces and metrics (Application Insights); unset: none of it is loaded. */
  readonly applicationInsightsConnectionString?: string | undefined;
  /**
   * The Entra tenants the bot serves (lower case); any other tenant is answered politely and nothing
   * of it is stored. Unset: every tenant that reaches the bot (one deployment may serve several
   * municipalities, and a SingleTenant app registration already admits only its own).
   */
  readonly allowedTenants?: ReadonlySet<string> | undefined;
}

export class ConfigError extends Error {}

/** Parses the environment; throws ConfigError with one line naming the first bad setting. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? '?');
    const got = env[name];
    const secret = /password|key|secret/i.test(name);
    // JSON escaping keeps a stray \r or \n in the value from breaking the one line the operator reads.
    const shown = got === undefined || got === '' ? 'ikke sat' : `fik '${secret ? '***' : JSON.stringify(got).slice(1, -1)}'`;
    throw new ConfigError(`Konfigurationsfejl: ${name} ${issue.message} (${shown}).`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  return {
    production,
    port: e.PORT,
    host: e.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    bot: { appId: e.MicrosoftAppId, appPassword: e.MicrosoftAppPassword, appType: e.MicrosoftAppType, appTenantId: e.MicrosoftAppTenantId },
    cosmos: e.COSMOS_ENDPOINT
      ? { kind: 'azure', endpoint: e.COSMOS_ENDPOINT, key: e.COSMOS_KEY, database: e.COSMOS_DATABASE }
      : { kind: 'embedded', database: e.COSMOS_DATABASE, dataDir: e.DATA_DIR },
    logLevel: e.LOG_LEVEL,
    fallbackTenantId: production ? undefined : (e.FALLBACK_TENANT_ID ?? DEMO_TENANT_ID),
    demoData: e.DEMO_DATA ? e.DEMO_DATA === 'true' : !production && !e.COSMOS_ENDPOINT,
    localeOverride: e.LOCALE_OVERRIDE,
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    exportLinkSecret: e.EXPORT_LINK_SECRET,
    applicationInsightsConnectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING,
    allowedTenants: e.ALLOWED_TENANTS === undefined ? undefined : new Set(e.ALLOWED_TENANTS.split(',').map((t) => t.trim().toLowerCase())),
  };
}

/** For the command line: the configuration, or undefined after printing the one line that says what is wrong. */
export function loadConfigForCli(env: Record<string, string | undefined>, printError: (line: string) => void): Config | undefined {
  try {
    return loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      printError(e.message);
      return undefined;
    }
    throw e;
  }
}
