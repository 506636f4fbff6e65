/** Base of every error the projection engine raises, so callers can map them to one HTTP family. */
export abstract class ProjectionError extends Error {
  abstract readonly code: string;
}

/** A stream definition's evolve (or links, or an upcaster) threw: the batch is not written. */
export class ProjectionFoldFailed extends ProjectionError {
  readonly code = 'projection_fold_failed';
  constructor(
    readonly position: number,
    readonly stream: string,
    readonly eventType: string,
    cause: unknown,
  ) {
    super(
      `Folding event ${eventType} at position ${position} of stream ${stream} failed: ${cause instanceof Error ? cause.message : String(cause)}; ` +
        'the checkpoint stays before this batch',
      { cause },
    );
  }
}

/** A read model reads a stream that stopped folding at a malformed stored event: serving it would mislead. */
export class StreamStopped extends ProjectionError {
  readonly code = 'projection_stream_stopped';
  constructor(
    readonly stream: string,
    readonly position: number,
    readonly eventType: string,
    readonly reason: string,
  ) {
    super(
      `Stream ${stream} stopped at the malformed ${eventType} event at position ${position} (${reason}); its read models are withheld until it is corrected and the read models rebuilt`,
    );
  }
}

/**
 * The event feed broke the store's invariants (a revision gap, positions out of order): folding further would be wrong.
 */
export class ProjectionIntegrityError extends ProjectionError {
  readonly code = 'projection_integrity';
  constructor(message: string) {
    super(message);
  }
}

/** The file exists but is not a read-model store: it is never touched. */
export class NotAReadModelStore extends ProjectionError {
  readonly code = 'not_a_read_model_store';
  constructor(file: string, reason: string) {
    super(`${file} is not a read-model store (${reason}); refusing to use it`);
  }
}

export class InvalidAsOf extends ProjectionError {
  readonly code = 'invalid_as_of';
  constructor(message: string) {
    super(message);
  }
}

/** As-of asked for a position the live store has not projected yet; wait for the projector, then ask again. */
export class AsOfBeyondProjection extends ProjectionError {
  readonly code = 'as_of_beyond_projection';
  constructor(
    readonly asOf: number,
    readonly checkpoint: number,
  ) {
    super(`Position ${asOf} is not projected yet (read models are at ${checkpoint})`);
  }
}

export class RebuildInProgress extends ProjectionError {
  readonly code = 'rebuild_in_progress';
  constructor() {
    super('A read-model rebuild is already running');
  }
}

/**
 * The rebuilt read models are in place and serving; only their content digest was not computed (the holder closed, or
 * reading failed).
 */
export class RebuildDigestUnavailable extends ProjectionError {
  readonly code = 'rebuild_digest_unavailable';
  constructor(
    readonly position: number,
    readonly file: string,
    cause: unknown,
  ) {
    super(
      `Read models rebuilt to position ${position} and swapped in (${file}); their content digest was not computed: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}

export class WaitForTimeout extends ProjectionError {
  readonly code = 'projection_wait_timeout';
  constructor(
    readonly position: number,
    readonly checkpoint: number,
    timeoutMs: number,
  ) {
    super(`Read models did not reach position ${position} within ${timeoutMs} ms (at ${checkpoint})`);
  }
}
