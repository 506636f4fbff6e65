/**
 * Import boundaries (docs/architecture.md, Layout): no cycles; libs reached only through their index; domain stays pure;
 * libs in layers; no app imports another app, and the bench none; test support only in specs and test support.
 */
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
    // Libraries in layers, each importing only libraries below it (no lib imports one above it):
    //   domain, event-store, client       import no other lib (client speaks HTTP to the API, never imports it)
    //   projections                       domain, event-store
    //   audit                             event-store
    //   scenarios                         domain
    //   ledger (the application layer)    domain, event-store, projections, audit, scenarios
    // domain's rule is domain-is-pure above.
    {
      name: 'event-store-imports-no-lib',
      severity: 'error',
      from: { path: '^libs/event-store/' },
      to: { path: '^libs/(?!event-store/)' },
    },
    {
      name: 'client-imports-no-lib',
      severity: 'error',
      from: { path: '^libs/client/' },
      to: { path: '^libs/(?!client/)' },
    },
    {
      name: 'projections-import-domain-and-event-store-only',
      severity: 'error',
      from: { path: '^libs/projections/' },
      to: { path: '^libs/(?!(projections|domain|event-store)/)' },
    },
    {
      name: 'audit-imports-event-store-only',
      severity: 'error',
      from: { path: '^libs/audit/' },
      to: { path: '^libs/(?!(audit|event-store)/)' },
    },
    {
      name: 'scenarios-import-domain-only',
      severity: 'error',
      from: { path: '^libs/scenarios/' },
      to: { path: '^libs/(?!(scenarios|domain)/)' },
    },
    {
      name: 'ledger-imports-the-libs-below-it',
      comment:
        'The application layer builds on domain, event-store, projections, audit and scenarios; never on the HTTP client.',
      severity: 'error',
      from: { path: '^libs/ledger/' },
      to: { path: '^libs/(?!(ledger|domain|event-store|projections|audit|scenarios)/)' },
    },
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
