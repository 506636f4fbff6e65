import { type Observable } from 'rxjs';
import {
  resilientSubscribeToAll,
  TAILING_RETRY,
  type EventStore,
  type RecordedEvent,
  type RetryNotice,
  type RetryPolicy,
  type Subscription,
} from '@ledger/event-store';
import { WaitForTimeout } from './errors';
import { type ProjectionChange, type ReadModels } from './read-models';
import { type BatchFold } from './store/batch-fold';
import { type ReadModelStore } from './store/read-model-store';

export interface ProjectorOptions {
  /** Most events committed in one transaction. A batch also ends when no more events are ready without waiting. */
  batchSize?: number;
  /** Called once when the projector stops on an error; the checkpoint stays before the failing batch. */
  onFailure?: (error: Error) => void;
  /**
   * How a subscription the store drops (a cluster node lost, a leader change) is retried from the
   * checkpoint; by default from 100 ms doubling to 5 s, for as long as the outage lasts.
   */
  retry?: RetryPolicy;
  /** Called before each retry wait, e.g. to log the outage. */
  onRetry?: (notice: RetryNotice) => void;
}

export type ProjectorStatus = 'stopped' | 'running' | 'stopping' | 'failed';

export interface WaitForOptions {
  /** Rejects with WaitForTimeout after this long (default 10 s); Infinity waits without limit. */
  timeoutMs?: number;
}

interface Waiter {
  position: number;
  resolve: () => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout | undefined;
}

const DEFAULT_BATCH = 1000;
const DEFAULT_WAIT_MS = 10_000;
const TICK = Symbol('tick');
/** Events folded between two turns of the event loop within one batch. */
const FOLD_SLICE = 1000;

const nextTick = (): Promise<typeof TICK> => new Promise((resolve) => setImmediate(resolve, TICK));

/**
 * Subscribes to `$all` from the stored checkpoint and folds events into the current store of a
 * ReadModels holder, one transaction per batch. A failing fold stops it with the error (never
 * skipping the event); start() again retries from the checkpoint.
 */
export class Projector {
  private readonly batchSize: number;
  private readonly onFailure: ((error: Error) => void) | undefined;
  private readonly retry: RetryPolicy;
  private readonly onRetry: ((notice: RetryNotice) => void) | undefined;
  private currentStatus: ProjectorStatus = 'stopped';
  private lastFailure: Error | undefined;
  private subscription: Subscription | undefined;
  private running: Promise<void> | undefined;
  private stopRequested = false;
  private waiters = new Set<Waiter>();

  constructor(
    private readonly eventStore: EventStore,
    private readonly models: ReadModels,
    options: ProjectorOptions = {},
  ) {
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    if (!Number.isSafeInteger(batchSize) || batchSize < 1)
      throw new Error(`batchSize must be a positive integer (got ${batchSize})`);
    this.batchSize = batchSize;
    this.onFailure = options.onFailure;
    this.retry = options.retry ?? TAILING_RETRY;
    this.onRetry = options.onRetry;
  }

  get status(): ProjectorStatus {
    return this.currentStatus;
  }

  /** Why the projector stopped, when it failed. */
  get failure(): Error | undefined {
    return this.lastFailure;
  }

  get checkpoint(): number {
    return this.models.position;
  }

  get changes$(): Observable<ProjectionChange> {
    return this.models.changes$;
  }

  /** How many positions the read models are behind the event store's head. */
  async lag(): Promise<number> {
    const head = await this.eventStore.headPosition();
    return Math.max(0, head - this.checkpoint);
  }

  start(): void {
    if (this.currentStatus === 'running' || this.currentStatus === 'stopping') return;
    const subscription = resilientSubscribeToAll(this.eventStore, {
      fromPosition: this.checkpoint,
      retry: this.retry,
      ...(this.onRetry ? { onRetry: this.onRetry } : {}),
    });
    this.currentStatus = 'running';
    this.lastFailure = undefined;
    this.stopRequested = false;
    this.subscription = subscription;
    this.running = this.run(subscription);
  }

  /** Commits the events already taken, closes the subscription and resolves once nothing more will be written. */
  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    if (this.currentStatus === 'running') this.currentStatus = 'stopping';
    this.stopRequested = true;
    await this.subscription?.close();
    await running;
  }

  /**
   * Resolves when the read models reflect `position` (read-your-writes); rejects when the projector fails or time runs
   * out.
   */
  waitFor(position: number, options: WaitForOptions = {}): Promise<void> {
    if (this.checkpoint >= position) return Promise.resolve();
    if (this.currentStatus === 'failed' && this.lastFailure) return Promise.reject(this.lastFailure);
    const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_MS;
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        position,
        resolve,
        reject,
        timer: undefined,
      };
      if (Number.isFinite(timeoutMs)) {
        waiter.timer = setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new WaitForTimeout(position, this.checkpoint, timeoutMs));
        }, timeoutMs);
      }
      this.waiters.add(waiter);
    });
  }

  /** Resolves once everything appended before the call is folded; returns that position. */
  async catchUp(options: WaitForOptions = {}): Promise<number> {
    const head = await this.eventStore.headPosition();
    await this.waitFor(head, options);
    return head;
  }

  private async run(subscription: Subscription): Promise<void> {
    const iterator = subscription[Symbol.asyncIterator]();
    let pending: Promise<IteratorResult<RecordedEvent>> | undefined;
    let failure: Error | undefined;
    try {
      let ended = false;
      while (!ended && !this.stopRequested) {
        pending ??= iterator.next();
        const first = await pending;
        pending = undefined;
        if (first.done) break;
        const store = this.models.current;
        const events = [first.value];
        const batch = store.beginBatch();
        batch.add(first.value);
        // Take what the subscription already holds; the first result that is not ready by the next
        // macrotask ends the batch and is kept for the next one.
        let tick = nextTick();
        while (events.length < this.batchSize) {
          pending ??= iterator.next();
          const next = await Promise.race([pending, tick]);
          if (next === TICK) break;
          pending = undefined;
          if (next.done) {
            ended = true;
            break;
          }
          events.push(next.value);
          batch.add(next.value);
          if (events.length % FOLD_SLICE === 0 && events.length < this.batchSize) {
            // A long batch (a rebuild's) folds in slices with requests served in between; they read
            // the last committed batch, since nothing is written before the commit.
            await new Promise((resolve) => setImmediate(resolve));
            tick = nextTick();
          }
        }
        this.commit(store, batch, events);
        // A catch-up is all microtasks; yield a turn so requests are served between batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    }
    try {
      await subscription.close();
    } catch {
      // The store may already be closed (shutdown); the subscription then has nothing left to release.
    }
    if (this.subscription === subscription) {
      this.subscription = undefined;
      this.running = undefined;
    }
    if (failure) this.fail(failure);
    else this.currentStatus = 'stopped';
  }

  private commit(store: ReadModelStore, batch: BatchFold, events: readonly RecordedEvent[]): void {
    // A store swapped in while the batch was folding (a rebuild the projector was not paused for) takes the events
    // afresh.
    const applied = this.models.current === store ? store.commitBatch(batch) : this.models.current.applyBatch(events);
    if (applied.events > 0) {
      this.models.publish({
        position: applied.position,
        streams: applied.streams,
        linkedTo: applied.linkedTo,
        rebuilt: false,
        stopped: applied.stopped,
      });
    }
    this.settleWaiters();
  }

  /** Resolves waiters the current store satisfies; also called after a rebuild swap. */
  settleWaiters(): void {
    const checkpoint = this.checkpoint;
    for (const waiter of this.waiters) {
      if (waiter.position > checkpoint) continue;
      clearTimeout(waiter.timer);
      this.waiters.delete(waiter);
      waiter.resolve();
    }
  }

  private fail(error: Error): void {
    this.currentStatus = 'failed';
    this.lastFailure = error;
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    this.waiters.clear();
    this.onFailure?.(error);
  }
}
