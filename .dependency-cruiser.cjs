/** Import boundaries (docs/architecture.md, Layout): no cycles; libs reached only through their index; domain stays pure. */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'lib-internals-only-through-index',
      comment: 'Another lib is reached only through @ledger/<lib>, which resolves to its src/index.ts (or testing/index.ts).',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/', pathNot: ['^libs/$1/', '^libs/[^/]+/(src|testing|src/testing)/index\\.ts$'] },
    },
    {
      name: 'apps-use-lib-indexes-only',
      severity: 'error',
      from: { path: '^(apps|test|bench)/' },
      to: { path: '^libs/', pathNot: '^libs/[^/]+/(src|testing|src/testing)/index\\.ts$' },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { path: '(^libs/(?!domain/))|node_modules/(@nestjs|better-sqlite3|@eventstore|rxjs|fastify)' },
    },
    {
      name: 'streams-do-not-import-rules',
      comment: 'Rules judge the facts streams record, so rules may import stream folders, never the reverse; rule parameters a stream needs live in its folder.',
      severity: 'error',
      from: { path: '^libs/domain/src/(applicant|asset|contract|funding-request|order|procurement|program|provider|rule-set|shared)/' },
      to: { path: '^libs/domain/src/rules/' },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|node_modules)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
