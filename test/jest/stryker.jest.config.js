// The jest configuration Stryker runs for each mutant (npm run test:mutation): the unit project of
// jest.config.js, limited to libs/domain, since the mutated rules are pure domain code and only its
// unit specs are fast enough to run hundreds of times.
const { join } = require('node:path');
const root = join(__dirname, '..', '..');
const { projects } = require(join(root, 'jest.config.js'));

const unit = projects.find((p) => p.displayName === 'unit');

module.exports = {
  ...unit,
  rootDir: root,
  roots: ['<rootDir>/libs/domain'],
};
