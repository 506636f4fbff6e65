/** Base of the audit library's refusals, so callers can tell them from I/O failures. */
export abstract class AuditError extends Error {
  abstract readonly code: string;
}

/** An append would rewrite history or skip an event: nothing of the batch was written. */
export class AuditAppendRefused extends AuditError {
  readonly code = 'audit_append_refused';
}

/** The audit database is missing, not an audit log, or cannot be opened as one. */
export class AuditLogUnavailable extends AuditError {
  readonly code = 'audit_log_unavailable';
}

/** A proof, leaf or root was asked for outside the recorded tree. */
export class AuditRangeError extends AuditError {
  readonly code = 'audit_range';
}

/** An event's stored text cannot be turned into its canonical form (unparseable JSON, missing field). */
export class UnparseableEvent extends AuditError {
  readonly code = 'unparseable_event';
  constructor(
    readonly position: number,
    message: string,
  ) {
    super(`Event at position ${position} cannot be canonicalised: ${message}`);
  }
}

/** A signing key file is missing, unreadable or not an Ed25519 private key. */
export class SigningKeyError extends AuditError {
  readonly code = 'signing_key';
}

/** The export's inputs disagree with the audit log or with each other: no file was written. */
export class ExportRefused extends AuditError {
  readonly code = 'export_refused';
}
