import {
  AuditLog,
  auditLogFile,
  loadOrCreateSigningKey,
  rawEventRows,
  verifyLedger,
  type AuditableEvent,
  type RawRowSource,
  type SigningKey,
  type VerificationReport,
} from '@ledger/audit';
import {
  resilientSubscribeToAll,
  SqliteEventStore,
  TAILING_RETRY,
  type EventStore,
  type RetryNotice,
  type RecordedEvent,
  type Subscription,
} from '@ledger/event-store';

/** Events appended to the audit log per transaction while catching up. */
const BATCH = 1000;
/** How long newly tailed events wait to share a transaction with the next ones. */
const FLUSH_DELAY_MS = 20;

export type VerificationState =
  | { status: 'verifying' }
  | { status: 'verified'; report: VerificationReport }
  | { status: 'failed'; report: VerificationReport };

/**
 * The event log as stored: raw rows on the embedded store (so a changed byte is seen as such), parsed events elsewhere.
 */
export function storedEvents(store: EventStore): AsyncIterable<AuditableEvent> {
  if (store instanceof SqliteEventStore) return rawEventRows(store as unknown as RawRowSource);
  return store.readAll();
}

/**
 * Keeps the audit log (hash chain, Merkle tree, signed checkpoints) in step with the event store:
 * tails `$all` from the log's head, appends in batches, publishes a signed checkpoint at an interval
 * when new events arrived, and verifies the whole ledger once at start-up. Until that verification
 * passes, no checkpoint is served.
 */
export class AuditTrail {
  private subscription: Subscription | undefined;
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private buffer: RecordedEvent[] = [];
  private flushScheduled = false;
  private tailError: Error | undefined;
  private waiters: { position: number; resolve: () => void }[] = [];
  verification: VerificationState = { status: 'verifying' };

  private constructor(
    private readonly store: EventStore,
    readonly log: AuditLog,
    readonly key: SigningKey,
    private readonly checkpointIntervalMs: number,
    /** Told before each wait when the store dropped the tailing subscription (e.g. to log the outage). */
    private readonly onRetry: ((notice: RetryNotice) => void) | undefined,
  ) {}

  static open(
    store: EventStore,
    dataDir: string,
    options: { signingKeyFile?: string; checkpointIntervalMs: number; onRetry?: (notice: RetryNotice) => void },
  ): AuditTrail {
    const key = loadOrCreateSigningKey(dataDir, options.signingKeyFile);
    return new AuditTrail(
      store,
      AuditLog.open({ file: auditLogFile(dataDir), signingKey: key }),
      key,
      options.checkpointIntervalMs,
      options.onRetry,
    );
  }

  get error(): Error | undefined {
    return this.tailError;
  }

  start(): void {
    void this.verify();
    this.subscription = resilientSubscribeToAll(this.store, {
      fromPosition: this.log.head().lastPosition,
      retry: TAILING_RETRY,
      ...(this.onRetry ? { onRetry: this.onRetry } : {}),
    });
    const subscription = this.subscription;
    this.running = (async () => {
      try {
        for await (const event of subscription) {
          this.buffer.push(event);
          if (this.buffer.length >= BATCH) this.flush();
          else this.scheduleFlush();
        }
        this.flush();
      } catch (error) {
        this.tailError = error instanceof Error ? error : new Error(String(error));
      }
    })();
    this.timer = setInterval(() => this.checkpointIfNew(), this.checkpointIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.subscription?.close();
    await this.running;
    this.flush();
    this.log.close();
  }

  /** Resolves once the audit log holds every event up to `position`. */
  async waitFor(position: number, timeoutMs = 10_000): Promise<void> {
    if (this.log.head().lastPosition >= position) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`The audit log did not reach position ${position} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({ position, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  /** A checkpoint covering everything recorded so far (a new one only when the tree grew). */
  checkpointNow(): ReturnType<AuditLog['checkpoint']> {
    const latest = this.log.latestCheckpoint();
    if (latest && latest.treeSize === this.log.head().treeSize) return latest;
    return this.log.checkpoint();
  }

  private checkpointIfNew(): void {
    if (this.verification.status !== 'verified' || this.log.head().treeSize === 0) return;
    this.checkpointNow();
  }

  private async verify(): Promise<void> {
    const report = await verifyLedger({
      events: storedEvents(this.store),
      auditLog: this.log,
      publicKeyPem: this.key.publicKeyPem,
      maxProblems: 20,
    });
    this.verification = report.ok ? { status: 'verified', report } : { status: 'failed', report };
    if (report.ok && this.log.head().treeSize > 0) this.checkpointNow();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // A short wait gathers the events of several append batches into one audit transaction.
    setTimeout(() => {
      this.flushScheduled = false;
      this.flush();
    }, FLUSH_DELAY_MS);
  }

  private flush(): void {
    // After a failed append the log must not go on past the events it lost: nothing more is appended.
    if (this.tailError) this.buffer = [];
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    try {
      this.log.append(batch);
    } catch (error) {
      this.tailError = error instanceof Error ? error : new Error(String(error));
      void this.subscription?.close();
      return;
    }
    const head = this.log.head().lastPosition;
    const ready = this.waiters.filter((w) => w.position <= head);
    this.waiters = this.waiters.filter((w) => w.position > head);
    for (const w of ready) w.resolve();
  }
}
