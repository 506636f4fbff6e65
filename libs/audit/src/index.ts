export * from './errors';
export { CHAIN_GENESIS, EMPTY_TREE_ROOT } from './hashing';
export {
  type AuditableEvent,
  type CanonicalEvent,
  canonicalBytes,
  canonicalLeafHash,
  toCanonicalEvent,
} from './canonical-event';
export { type HashInput, verifyConsistency, verifyInclusion } from './merkle/merkle-verify';
export { type SignedCheckpoint, checkpointText, verifyCheckpoint } from './checkpoint';
export { type SigningKey, DEFAULT_SIGNING_KEY_FILE, keyIdOfPem, loadOrCreateSigningKey } from './signing-key';
export {
  AUDIT_LOG_FILE,
  type AuditAppendResult,
  type AuditHead,
  type AuditLeaf,
  AuditLog,
  type AuditLogOptions,
  type InclusionProof,
  auditLogFile,
} from './audit-log';
export { type ProblemKind, type VerificationProblem, type VerificationReport } from './verification-report';
export { type VerifyLedgerInput, verifyLedger } from './verify-ledger';
export { type RawRowSource, rawEventRows } from './raw-event-rows';
export { EXPORT_FORMAT, EXPORT_VERSION, type ExportManifest, type ExportScope } from './export/export-format';
export { type ExportPackageInput, type ExportPackageSummary, writeExportPackage } from './export/write-export-package';
export {
  type ExportVerificationReport,
  type VerifyExportOptions,
  verifyExportPackage,
} from './export/verify-export-package';
