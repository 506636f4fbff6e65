/**
 * Import boundaries (docs/architecture.md, Layout): no cycles; libs reached only through their index; domain stays pure;
 * libs in layers; no app imports another app, and the bench none; test support only in specs and test support.
 */
/**
 * What each library may import besides itself. client speaks HTTP to the API and never imports it; ledger,
 * the application layer, builds on everything but the client.
 */
const LIB_LAYERS = {
  'event-store': [],
  client: [],
  projections: ['domain', 'event-store'],
  audit: ['event-store'],
  scenarios: ['domain'],
  ledger: ['domain', 'event-store', 'projections', 'audit', 'scenarios'],
};

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'lib-internals-only-through-index',
      comment:
        'Another lib is reached only through @ledger/<lib>, which resolves to its src/index.ts (or testing/index.ts).',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/', pathNot: ['^libs/$1/', '^libs/[^/]+/(src|testing)/index\\.ts$'] },
    },
    {
      name: 'apps-use-lib-indexes-only',
      severity: 'error',
      from: { path: '^(apps|test|bench)/' },
      to: { path: '^libs/', pathNot: '^libs/[^/]+/(src|testing)/index\\.ts$' },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { path: '(^libs/(?!domain/))|node_modules/(@nestjs|better-sqlite3|@eventstore|rxjs|fastify)' },
    },
    {
      name: 'streams-do-not-import-rules',
      comment:
        'Rules judge the facts streams record, so rules may import stream folders, never the reverse; rule parameters a stream needs live in its folder.',
      severity: 'error',
      from: {
        path: '^libs/domain/src/(applicant|asset|contract|funding-request|order|procurement|program|provider|rule-set|shared)/',
      },
      to: { path: '^libs/domain/src/rules/' },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    // Libraries in layers, each importing only the libraries below it (LIB_LAYERS); domain's rule is domain-is-pure.
    ...Object.entries(LIB_LAYERS).map(([lib, below]) => ({
      name: `${lib}-imports-only-${below.length ? below.join('-') : 'no-lib'}`,
      severity: 'error',
      from: { path: `^libs/${lib}/` },
      to: { path: `^libs/(?!(${[lib, ...below].join('|')})/)` },
    })),
    {
      name: 'ledger-has-no-http',
      comment: 'apps/api maps the application errors to problem+json; the library knows neither Nest nor Fastify.',
      severity: 'error',
      from: { path: '^libs/ledger/' },
      to: { path: 'node_modules/(@nestjs|fastify|@fastify)' },
    },
    {
      name: 'apps-do-not-import-apps',
      comment: 'What two apps share lives in a lib (the application layer in libs/ledger).',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'bench-does-not-import-apps',
      comment: 'The bench runs the production server as a process and uses the libs; it imports no app.',
      severity: 'error',
      from: { path: '^bench/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-test-support-in-production-code',
      comment: 'Only specs and test support (test/ and testing/ folders) import test support.',
      severity: 'error',
      from: { pathNot: ['\\.spec\\.ts$', '(^|/)testing/', '(^|/)test/'] },
      to: { path: '(^|/)(testing|test)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Packages stay in the graph (unfollowed), so the rules on what domain and ledger import from them hold.
    exclude: { path: '^dist/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
