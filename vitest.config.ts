// Vitest: unit tests (pure domain, cards, parsing) and integration tests (the teams-ai Application
// over botbuilder's TestAdapter or HTTP, on the embedded Cosmos protocol server), and the browser
// test (tests/e2e: the playground in Chromium, with its own longer timeouts). The JSON report lets
// .ci/run print vitest's own counts.

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
  },
});
