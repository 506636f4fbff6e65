// NestJS 12 ships ES modules and jest on Node 20 cannot require() them, so jest compiles them to
// CommonJS with ts-jest. `import.meta.url` has no CommonJS form in TypeScript's output; it is the
// module's own file URL, which CommonJS knows as __filename.
const { TsJestTransformer } = require('ts-jest');

const IMPORT_META_URL = /\bimport\.meta\.url\b/g;
const FILE_URL = "require('node:url').pathToFileURL(__filename).href";

class EsmPackageTransformer extends TsJestTransformer {
  process(source, path, options) {
    return super.process(source.replace(IMPORT_META_URL, FILE_URL), path, options);
  }
  async processAsync(source, path, options) {
    return super.processAsync(source.replace(IMPORT_META_URL, FILE_URL), path, options);
  }
  getCacheKey(source, path, options) {
    return super.getCacheKey(source.replace(IMPORT_META_URL, FILE_URL), path, options);
  }
}

module.exports = { createTransformer: (config) => new EsmPackageTransformer(config) };
