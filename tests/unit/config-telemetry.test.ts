// APPLICATIONINSIGHTS_CONNECTION_STRING (issue 14): optional; set, it turns on monitoring; set to
// something that is no connection string, the bot stops with one Danish line that names it.

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const CONNECTION_STRING = 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/';

describe('APPLICATIONINSIGHTS_CONNECTION_STRING', () => {
  it('is optional: unset or empty, there is no connection string and no monitoring', () => {
    expect(loadConfig({}).applicationInsightsConnectionString).toBeUndefined();
    expect(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: '  ' }).applicationInsightsConnectionString).toBeUndefined();
  });

  it('is taken as given when set', () => {
    expect(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: CONNECTION_STRING }).applicationInsightsConnectionString).toBe(CONNECTION_STRING);
  });

  it('refuses a value that is no connection string, naming the setting in Danish', () => {
    expect(() => loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'https://westeurope-5.in.applicationinsights.azure.com/' })).toThrow(ConfigError);
    expect(() => loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'nope' })).toThrow(/^Konfigurationsfejl: APPLICATIONINSIGHTS_CONNECTION_STRING skal være en Application Insights-forbindelsesstreng/);
  });
});
