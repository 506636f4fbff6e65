// Three projects so a developer can run one kind of test at a time (npm run test:unit|int|e2e);
// `npm test` runs them all. Type checking happens in `npm run build` (pretest), so ts-jest only transpiles.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

const base = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test', '<rootDir>/bench'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
    // NestJS 12 ships ES modules; jest on Node 20 cannot require() them, so they are compiled to CommonJS.
    '^.+\\.m?js$': ['<rootDir>/test/jest/esm-package.transformer.js', { tsconfig: '<rootDir>/tsconfig.esm-interop.json' }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|uid|file-type|strtok3|token-types|peek-readable|@tokenizer|load-esm)/)'],
  modulePathIgnorePatterns: ['<rootDir>/dist'],
};

module.exports = {
  reporters: ['default', '<rootDir>/test/jest/summary-reporter.js'],
  projects: [
    { ...base, displayName: 'unit', testMatch: ['**/*.unit.spec.ts'] },
    { ...base, displayName: 'int', testMatch: ['**/*.int.spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['**/*.e2e.spec.ts'] },
  ],
};
