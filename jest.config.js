// Three projects so a developer can run one kind of test at a time (npm run test:unit|int|e2e);
// `npm test` runs them all. Type checking happens in `npm run build` (pretest), so ts-jest only transpiles.
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

/** Packages that ship only ES modules ("type": "module"), which jest on Node 20 must compile to CommonJS. */
function esmPackages() {
  const root = join(__dirname, 'node_modules');
  const found = [];
  const visit = (dir, scope) => {
    for (const name of readdirSync(dir)) {
      if (name.startsWith('.')) continue;
      if (!scope && name.startsWith('@')) visit(join(dir, name), name);
      else if (readPackageType(join(dir, name)) === 'module') found.push(scope ? `${scope}/${name}` : name);
    }
  };
  if (existsSync(root)) visit(root, undefined);
  return found;
}

function readPackageType(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).type;
  } catch {
    return undefined;
  }
}

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const base = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test', '<rootDir>/bench'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
    // NestJS 12 ships ES modules; jest on Node 20 cannot require() them, so they are compiled to CommonJS.
    '^.+\\.m?js$': [
      '<rootDir>/test/jest/esm-package.transformer.js',
      { tsconfig: '<rootDir>/tsconfig.esm-interop.json' },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages().map(escapeRegExp).join('|')})/)`],
  // Stryker's sandboxes and reports (npm run test:mutation) are copies, never specs of their own.
  modulePathIgnorePatterns: ['<rootDir>/dist', '<rootDir>/.stryker-tmp', '<rootDir>/reports'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/.stryker-tmp/', '<rootDir>/reports/'],
};

module.exports = {
  // CI runs on a busy 2-core machine: a spawned server or a fold of thousands of events may take longer
  // than jest's 5 s default there; tests that wait for something bound the wait themselves.
  testTimeout: 60_000,
  reporters: [
    'default',
    '<rootDir>/test/jest/summary-reporter.js',
    '<rootDir>/test/jest/reliability-summary-reporter.js',
  ],
  projects: [
    { ...base, displayName: 'unit', testMatch: ['**/*.unit.spec.ts'] },
    { ...base, displayName: 'int', testMatch: ['**/*.int.spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['**/*.e2e.spec.ts'] },
  ],
};
