import { type AllStreamResolvedEvent, type AllStreamSubscription } from '@eventstore/db-client';
import { StoreUnavailable } from '../../errors';
import { type RecordedEvent, type Subscription } from '../../port';

const HIGH_WATER = 1_024;

/**
 * Adapts the client's readable subscription to the port's one-cursor async iterable. Events are buffered
 * with back-pressure (the gRPC stream is paused past HIGH_WATER) so a slow reader never loses one; the
 * server does the catch-up → live hand-over and the exclusive start position.
 */
export class EsdbSubscription implements Subscription {
  private readonly buffer: RecordedEvent[] = [];
  private waiting: { resolve: (r: IteratorResult<RecordedEvent>) => void; reject: (e: unknown) => void } | undefined;
  private failure: unknown;
  private done = false;
  private readonly cursor: AsyncIterator<RecordedEvent>;

  constructor(
    private readonly source: AllStreamSubscription,
    toRecorded: (resolved: AllStreamResolvedEvent) => RecordedEvent | undefined,
    mapError: (error: unknown) => unknown,
    private readonly onClose: () => void,
  ) {
    source.on('data', (resolved: AllStreamResolvedEvent) => {
      let event: RecordedEvent | undefined;
      try {
        event = toRecorded(resolved);
      } catch (error) {
        this.fail(error);
        return;
      }
      if (!event || this.done) return;
      if (this.waiting) {
        const { resolve } = this.waiting;
        this.waiting = undefined;
        resolve({ value: event, done: false });
        return;
      }
      this.buffer.push(event);
      if (this.buffer.length >= HIGH_WATER) source.pause();
    });
    source.on('error', (error: unknown) => this.fail(mapError(error)));
    // The port's subscriptions never end by themselves: a server that ends one has dropped it.
    source.on('end', () => this.fail(new StoreUnavailable('EventStoreDB ended the subscription')));
    this.cursor = {
      next: () => this.next(),
      return: async () => (await this.close(), { value: undefined, done: true }),
    };
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.cursor;
  }

  async close(): Promise<void> {
    if (this.done) return;
    this.finish();
    await this.source.unsubscribe();
  }

  private next(): Promise<IteratorResult<RecordedEvent>> {
    const event = this.buffer.shift();
    if (event) {
      if (this.buffer.length < HIGH_WATER / 2 && this.source.isPaused()) this.source.resume();
      return Promise.resolve({ value: event, done: false });
    }
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  private fail(error: unknown): void {
    if (this.done) return;
    this.failure = error;
    const waiting = this.waiting;
    this.waiting = undefined;
    this.finish();
    waiting?.reject(error);
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.onClose();
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.resolve({ value: undefined, done: true });
  }
}
