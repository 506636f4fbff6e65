// NestJS 12 ships ES modules and jest on Node 20 cannot require() them, so jest compiles them to
// CommonJS with ts-jest. `import.meta.url` has no CommonJS form in TypeScript's output; it is the
// module's own file URL, which CommonJS knows as __filename.
const { TsJestTransformer } = require('ts-jest');

const IMPORT_META_URL = /\bimport\.meta\.url\b/g;
const FILE_URL = "require('node:url').pathToFileURL(__filename).href";
// `const require = createRequire(import.meta.url)` rebuilds what CommonJS already has, and would
// redeclare the module wrapper's own `require`.
const REDECLARED_REQUIRE = /^const require = createRequire\(import\.meta\.url\);$/m;

// `import.meta.resolve` is used only to ask whether an optional package is installed.
const IMPORT_META_RESOLVE = /\bimport\.meta\.resolve\(/g;

const toCommonJs = (source) =>
  source
    .replace(REDECLARED_REQUIRE, '')
    .replace(IMPORT_META_URL, FILE_URL)
    .replace(IMPORT_META_RESOLVE, 'require.resolve(')
    .replace(/\bimport\.meta\.dirname\b/g, '__dirname')
    .replace(/\bimport\.meta\.filename\b/g, '__filename');

class EsmPackageTransformer extends TsJestTransformer {
  process(source, path, options) {
    return super.process(toCommonJs(source), path, options);
  }
  async processAsync(source, path, options) {
    return super.processAsync(toCommonJs(source), path, options);
  }
  getCacheKey(source, path, options) {
    return super.getCacheKey(toCommonJs(source), path, options);
  }
}

module.exports = { createTransformer: (config) => new EsmPackageTransformer(config) };
