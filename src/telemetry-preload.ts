// Loaded before main.js (`node --import ./dist/telemetry-preload.js dist/main.js`, as `npm start` and
// the App Service start command run it): with APPLICATIONINSIGHTS_CONNECTION_STRING set, starts
// OpenTelemetry before the Cosmos SDK, the Bot Framework connector and restify are loaded, so their
// HTTP calls are traced. Without it, this loads nothing of OpenTelemetry or Azure Monitor.

import { loadConfig } from './config.js';

let connectionString: string | undefined;
try {
  connectionString = loadConfig(process.env).applicationInsightsConnectionString;
} catch {
  // main.js reports a bad configuration in its own words and stops.
}
if (connectionString) {
  const { startAzureMonitor } = await import('./adapters/telemetry/azure-monitor.js');
  startAzureMonitor(connectionString);
}
