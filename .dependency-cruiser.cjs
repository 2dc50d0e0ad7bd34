// The layer rules of STYLE.md, checked by a tool: domain imports nothing outside itself, app does
// not know the adapters or any SDK, nothing imports in a cycle. `npm run lint` fails when broken.

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain is plain TypeScript: no adapters, no use cases, no SDKs, no I/O. Pure date libraries (time zones, holidays) are allowed: calendar maths belongs here.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: {
        pathNot: ['^src/domain/', 'node_modules/(luxon|date-holidays)/'],
      },
    },
    {
      name: 'app-knows-no-adapters',
      comment: 'Use cases talk to ports; only adapters know Teams and Cosmos DB.',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: ['^src/adapters/', 'node_modules/(botbuilder|@microsoft/teams-ai|@azure/cosmos|botframework-)'] },
    },
    {
      name: 'no-sdk-in-domain-or-app',
      severity: 'error',
      from: { path: '^src/(domain|app)/' },
      to: { path: 'node_modules/(botbuilder|@microsoft/teams-ai|@azure/|adaptivecards|restify|@vercel/)' },
    },
    {
      name: 'local-database-loads-lazily',
      comment:
        'The embedded Cosmos server, its journal, snapshot and data lock are only for the local setup: cosmos-connection.ts loads them with import() when no COSMOS_ENDPOINT is set, so production never loads them (issue 11: start-up time and memory). Type-only imports are fine.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/adapters/cosmos/(embedded-cosmos|cosmos-journal|cosmos-snapshot|data-lock)\\.ts$' },
      to: { path: '^src/adapters/cosmos/(embedded-cosmos|cosmos-journal|cosmos-snapshot|data-lock)\\.ts$', dynamic: false, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'local-only-packages-load-lazily',
      comment:
        'The embedded Cosmos server and the certificate maker are imported only by embedded-cosmos.ts, itself loaded lazily (see above).',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/adapters/cosmos/embedded-cosmos\\.ts$' },
      to: { path: 'node_modules/(@vercel/cosmosdb-server|selfsigned)/', dynamic: false },
    },
    {
      name: 'excel-writer-loads-lazily',
      comment:
        'exceljs is large and only the catalogue export uses it: only adapters/export/catalogue-xlsx.ts imports it, and that file is loaded with import() at the first .xlsx download (export-route.ts), never at start. Type-only imports are fine.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/adapters/export/catalogue-xlsx\\.ts$' },
      to: { path: ['node_modules/exceljs/', '^src/adapters/export/catalogue-xlsx\\.ts$'], dynamic: false, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-tsx-in-src',
      comment: 'The bot runs compiled (node dist/main.js); tsx is for scripts and tests.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: 'node_modules/tsx/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.json'] },
  },
};
