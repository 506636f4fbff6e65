// @ledger/ledger: the application layer the API, the CLI and the bench share (write path, catalog,
// explain, audit trail and package, seeding, keys and roles). No HTTP types: errors are typed
// application errors that apps/api maps to problem+json.
export {
  KeyMayNotWriteStream,
  UnknownStreamKind,
  InvalidStreamName,
  InvalidEvents,
  InvalidRequest,
  BatchTooLarge,
  RequestInProgress,
  IdempotencyKeyReused,
  StreamTakesNoFacts,
  InvalidRuleSet,
  isApplicationError,
  type ApplicationError,
} from './errors';
export { validateBody, nestedDeeperThan, MAX_BODY_DEPTH } from './validation/validate-body';
export { LedgerCatalog, isAddressable } from './catalog/ledger-catalog';
export { productionCatalog } from './catalog/production-catalog';
export { AppendService } from './write-path/append.service';
export { type AppendCommand, type AppendOutcome } from './write-path/append-command';
export { type AppendEvents, type NewEvent, type NewEventMetadata } from './write-path/append-events';
export { IdempotencyRecords, type StoredResponse } from './write-path/idempotency';
export { StreamStates } from './write-path/stream-states';
export { writePathFor } from './write-path/write-path';
export { sourceEvents, idsOf, withSources, type SourceEvent } from './explain/explain';
export { AuditTrail, storedEvents, type VerificationState } from './audit/audit-trail';
export { writeAuditPackage, type AuditPackageSources } from './audit/audit-package';
export {
  seedScenario,
  countAppends,
  SEED_PRINCIPAL,
  type SeedProgress,
  type SeedSummary,
} from './seeding/seed-scenario';
export {
  loadDemoOnFirstRun,
  DEMO_RUN,
  DEMO_KEYS_FILE,
  type DemoKeysFile,
  type DemoInfo,
  type DemoLedger,
} from './seeding/demo-on-first-run';
export { adoptRuleSet, type Adopted } from './rule-sets/adoption';
export { RuleSetAdoptionRequest, FundingYearsRequest } from './rule-sets/adoption-request';
export { recordBuiltInRuleSets, BUILT_IN_PRINCIPAL } from './rule-sets/record-built-in-rule-sets';
export { KeyRegistry, type IssuedKey } from './keys/key-registry';
export { parseApiKey, hashSecret, secretMatches, newApiKey } from './keys/api-key-format';
export { ROLES, type Role, type Principal } from './keys/roles';
