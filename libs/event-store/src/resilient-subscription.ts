import { StoreUnavailable } from './errors';
import { type EventStore, type RecordedEvent, type Subscription } from './port';

export interface RetryPolicy {
  /** Wait before the first re-subscription after a drop; doubled on each further consecutive failure. */
  initialMs: number;
  /** Ceiling of the wait. */
  maxMs: number;
  /**
   * Consecutive failures (drops with no event delivered in between) tolerated before the subscription fails
   * with the last StoreUnavailable. Defaults to Infinity: a consumer that tails the ledger for the life of
   * the process (projector, audit trail) waits out any outage, and /health shows it falling behind.
   */
  maxAttempts?: number;
}

/** For consumers that tail the ledger for the life of the process: 100 ms doubling to 5 s, never giving up. */
export const TAILING_RETRY: RetryPolicy = { initialMs: 100, maxMs: 5_000 };

export interface RetryNotice {
  /** 1 for the first retry after a delivery (or the start), then 2, 3, … */
  attempt: number;
  delayMs: number;
  error: StoreUnavailable;
  /**
   * The exclusive position the next subscription starts after: the last event delivered (undefined: from the start).
   */
  fromPosition: number | undefined;
}

export interface ResilientSubscribeOptions {
  /** Exclusive checkpoint, as in SubscribeOptions. */
  fromPosition?: number;
  retry: RetryPolicy;
  /** Called before each wait, e.g. to log the outage. */
  onRetry?: (notice: RetryNotice) => void;
}

/**
 * `store.subscribeToAll` that survives a dropped connection: when the underlying subscription fails with
 * StoreUnavailable (a cluster hiccup, a leader change, a server that ended the call), it subscribes again
 * after the last event it delivered, so the consumer sees every event once, in order. Waits back off
 * exponentially from `initialMs` to `maxMs` and start again from `initialMs` after an event is delivered.
 * Any other error (a corrupt record, a closed store) ends the subscription with that error at once.
 */
export function resilientSubscribeToAll(store: EventStore, options: ResilientSubscribeOptions): Subscription {
  return new ResilientSubscription(store, options);
}

const DONE: IteratorResult<RecordedEvent> = { value: undefined, done: true };

class ResilientSubscription implements Subscription {
  private readonly maxAttempts: number;
  private current: { subscription: Subscription; iterator: AsyncIterator<RecordedEvent> } | undefined;
  private lastPosition: number | undefined;
  private failures = 0;
  private closed = false;
  private wake: (() => void) | undefined;
  private readonly cursor: AsyncIterator<RecordedEvent>;

  constructor(
    private readonly store: EventStore,
    private readonly options: ResilientSubscribeOptions,
  ) {
    const { initialMs, maxMs, maxAttempts = Number.POSITIVE_INFINITY } = options.retry;
    if (!(initialMs > 0) || !(maxMs >= initialMs))
      throw new RangeError(`retry needs 0 < initialMs <= maxMs (got ${initialMs}, ${maxMs})`);
    if (!(maxAttempts >= 0)) throw new RangeError(`retry.maxAttempts must be >= 0 (got ${maxAttempts})`);
    this.maxAttempts = maxAttempts;
    this.lastPosition = options.fromPosition;
    this.cursor = { next: () => this.next(), return: async () => (await this.close(), DONE) };
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.cursor;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wake?.();
    const current = this.current;
    this.current = undefined;
    await current?.subscription.close();
  }

  private async next(): Promise<IteratorResult<RecordedEvent>> {
    for (;;) {
      if (this.closed) return DONE;
      const current = (this.current ??= this.subscribe());
      let result: IteratorResult<RecordedEvent>;
      try {
        result = await current.iterator.next();
      } catch (error) {
        if (this.closed) return DONE;
        if (!(error instanceof StoreUnavailable)) throw error;
        await this.dropped(current, error);
        continue;
      }
      if (result.done) return DONE;
      this.lastPosition = result.value.position;
      this.failures = 0;
      return result;
    }
  }

  private subscribe(): { subscription: Subscription; iterator: AsyncIterator<RecordedEvent> } {
    const subscription = this.store.subscribeToAll(
      this.lastPosition === undefined ? {} : { fromPosition: this.lastPosition },
    );
    return { subscription, iterator: subscription[Symbol.asyncIterator]() };
  }

  private async dropped(current: { subscription: Subscription }, error: StoreUnavailable): Promise<void> {
    if (this.current === current) this.current = undefined;
    try {
      await current.subscription.close();
    } catch {
      // The failed subscription has already released what it held; closing it is only a courtesy.
    }
    // close() may have come while the failed subscription was closing: end without waiting or retrying.
    if (this.closed) return;
    this.failures++;
    if (this.failures > this.maxAttempts) {
      this.closed = true;
      throw error;
    }
    const { initialMs, maxMs } = this.options.retry;
    const delayMs = Math.min(maxMs, initialMs * 2 ** (this.failures - 1));
    this.options.onRetry?.({ attempt: this.failures, delayMs, error, fromPosition: this.lastPosition });
    await new Promise<void>((resolve) => {
      if (this.closed) return resolve();
      const timer = setTimeout(resolve, delayMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wake = undefined;
  }
}
