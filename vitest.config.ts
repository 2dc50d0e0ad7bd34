// Vitest: unit tests (pure domain, cards, parsing) and integration tests (the teams-ai Application
// over botbuilder's TestAdapter or HTTP, on the embedded Cosmos protocol server), and the browser
// test (tests/e2e: the playground in Chromium, with its own longer timeouts). The JSON report lets
// .ci/run print vitest's own counts.

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The tests that start the bot as a process run the compiled build, as `npm start` does.
    globalSetup: ['tests/support/build-before-tests.ts'],
    // Two files at a time: the 2-core machines this runs on (forks: each file its own process, so a
    // file that hangs or crashes takes no other file's tests with it).
    pool: 'forks',
    maxWorkers: 2,
    // Time in the tests comes from the injected clock, never from the machine; these limits only catch a
    // test that hangs. The slowest test (the simulated month) takes about 5 s alone and up to 40 s on two
    // cores shared with a dozen other busy processes: 120 s is past what a busy machine reaches by accident.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
  },
});
