// Starts OpenTelemetry with Azure Monitor's distribution (Application Insights): incoming HTTP requests,
// outgoing HTTP(S) calls (Cosmos DB, the Bot Framework connector) as dependencies, our own spans and
// counters. Loaded only when APPLICATIONINSIGHTS_CONNECTION_STRING is set (telemetry-preload.ts, tests).
//
// It runs before the modules whose calls it traces are loaded (the distribution's documented way for ES
// modules): main.ts imports the Cosmos SDK, the connector and restify statically, so `node --import
// ./dist/telemetry-preload.js dist/main.js`. Started later (main.ts does, with a warning, when the
// preload was left out), it still traced Cosmos DB and connector calls when tried on Node 20, but also
// traced its own exports to Application Insights as dependencies.

import { shutdownAzureMonitor, useAzureMonitor, type AzureMonitorOpenTelemetryOptions } from '@azure/monitor-opentelemetry';
import { setRunningMonitor, type RunningMonitor } from './monitor-state.js';

type InstrumentationConfig = NonNullable<NonNullable<AzureMonitorOpenTelemetryOptions['instrumentationOptions']>['http']>;

/** Attributes where the HTTP instrumentation writes an incoming request's path. */
const URL_ATTRIBUTES = ['url.full', 'url.path', 'http.url', 'http.target'];

/**
 * An export link's path is its signed token, good for anyone who has it until it expires: the request
 * is recorded as /export/<token>, never with the token.
 */
function redactExportToken(span: { setAttribute(key: string, value: string): unknown }, request: unknown): void {
  const url = (request as { url?: unknown }).url;
  if (typeof url !== 'string' || !url.startsWith('/export/')) return;
  for (const key of URL_ATTRIBUTES) span.setAttribute(key, '/export/<token>');
}

export interface MonitorExtras {
  /** Tests add in-memory exporters here; production uses only Azure Monitor's own. */
  readonly spanProcessors?: AzureMonitorOpenTelemetryOptions['spanProcessors'];
  readonly metricReaders?: AzureMonitorOpenTelemetryOptions['metricReaders'];
  /** Tests: do not keep failed exports on disk for a later retry (production keeps them across network blips). */
  readonly disableOfflineStorage?: boolean;
  /** Tests: keep every trace. Production keeps the distribution's default of at most 5 traces a second (counters are never sampled). */
  readonly sampleEverything?: boolean;
}

export function startAzureMonitor(connectionString: string, extras: MonitorExtras = {}): RunningMonitor {
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString, disableOfflineStorage: extras.disableOfflineStorage ?? false },
    // Live Metrics keeps a second connection open and samples every request; the alerts need none of it.
    enableLiveMetrics: false,
    ...(extras.sampleEverything ? { tracesPerSecond: 0, samplingRatio: 1 } : {}),
    // Only what we read: no database drivers we do not use, and no console or log capture (pino's lines
    // carry conversation ids; App Service already sends stdout to the Log Analytics workspace).
    instrumentationOptions: {
      http: { enabled: true, requestHook: redactExportToken } as InstrumentationConfig,
      // Off: @azure/cosmos 4.10 makes no core-tracing spans (its tracing client is never used), so Cosmos DB
      // calls are traced by the HTTP instrumentation; the Azure SDK's only other spans (the connector's
      // pipeline) would trace each post a second time.
      azureSdk: { enabled: false },
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      postgreSql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
      bunyan: { enabled: false },
      winston: { enabled: false },
      console: { enabled: false },
    },
    ...(extras.spanProcessors ? { spanProcessors: extras.spanProcessors } : {}),
    ...(extras.metricReaders ? { metricReaders: extras.metricReaders } : {}),
  });
  const monitor: RunningMonitor = {
    shutdown: async () => {
      setRunningMonitor(undefined);
      await shutdownAzureMonitor();
    },
  };
  setRunningMonitor(monitor);
  return monitor;
}
