export { type Catalog, catalogFingerprint } from './catalog';
export {
  ProjectionError,
  ProjectionFoldFailed,
  ProjectionIntegrityError,
  NotAReadModelStore,
  InvalidAsOf,
  AsOfBeyondProjection,
  RebuildInProgress,
  WaitForTimeout,
} from './errors';
export { type Upcaster, type Upcast, upcasterChain, schemaVersionOf } from './upcasting';
export {
  ReadModelStore,
  type ReadModelStoreOptions,
  type OpenOutcome,
  type AppliedBatch,
  readModelsFile,
  READ_MODELS_FILE,
} from './store/read-model-store';
export { ReadModels, type ProjectionChange, type Rendered } from './read-models';
export { Projector, type ProjectorOptions, type ProjectorStatus, type WaitForOptions } from './projector';
export { rebuild, type RebuildOptions, type RebuildProgress, type RebuildResult } from './rebuild';
export { factsAsOf, renderAsOf, resolveAsOf, type AsOf, type AsOfSources } from './as-of/replay';
export { toInstant } from './instant';
