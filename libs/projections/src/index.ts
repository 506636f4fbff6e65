/**
 * The projection engine. Wiring, for the API and the CLI:
 *   const models = new ReadModels(ReadModelStore.open({ file: readModelsFile(dataDir), catalog: ledgerStreams }));
 *   const projector = new Projector(eventStore, models); projector.start();
 *   models.render(fundingRequestReadModel, 'frn-…')            // current model + the position it reflects
 *   await projector.waitFor(appendResult.positions.at(-1))     // read-your-writes
 *   projector.changes$ / models.changes$                       // live updates for SSE
 *   await rebuild({ eventStore, models, projector, onProgress }) // `ledger rebuild`, admin endpoint
 *   await renderAsOf(readModel, root, positionOrIsoInstant, { eventStore, live: models })
 */
export { type Catalog, catalogFingerprint } from './catalog';
export {
  ProjectionError,
  ProjectionFoldFailed,
  ProjectionIntegrityError,
  NotAReadModelStore,
  InvalidAsOf,
  AsOfBeyondProjection,
  RebuildInProgress,
  RebuildDigestUnavailable,
  WaitForTimeout,
  StreamStopped,
} from './errors';
export { type Upcaster, type Upcast, upcasterChain, schemaVersionOf } from './upcasting';
export {
  ReadModelStore,
  type ReadModelStoreOptions,
  type Durability,
  type OpenOutcome,
  type AppliedBatch,
  readModelsFile,
  READ_MODELS_FILE,
} from './store/read-model-store';
export { type StreamStop, type SkippedEvents } from './store/stream-row';
export { ReadModels, type ProjectionChange, type Rendered } from './read-models';
export { Projector, type ProjectorOptions, type ProjectorStatus, type WaitForOptions } from './projector';
export { rebuild, type RebuildOptions, type RebuildProgress, type RebuildResult } from './rebuild';
export { factsAsOf, renderAsOf, resolveAsOf, type AsOf, type AsOfSources } from './as-of/replay';
export { RecordingFacts } from './as-of/recording-facts';
export { toInstant } from './instant';
export { toEnvelope } from './envelope';
