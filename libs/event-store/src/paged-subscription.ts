import { type AppendSignal } from './append-signal';
import { type RecordedEvent, type Subscription } from './port';

export type ReadPage = (afterPosition: number, limit: number) => RecordedEvent[] | Promise<RecordedEvent[]>;

const PAGE = 512;

/**
 * Catch-up and live delivery through one loop: always read the store after the last delivered
 * position, and sleep on the append signal only when nothing is left. Reading by position from the
 * store itself is what makes the catch-up → live hand-over free of gaps and duplicates.
 */
export class PagedSubscription implements Subscription {
  private closed = false;
  private readonly aborted: Promise<void>;
  private abort!: () => void;

  constructor(
    private readonly readPage: ReadPage,
    private readonly signal: AppendSignal,
    private readonly fromPosition: number | undefined,
  ) {
    this.aborted = new Promise((resolve) => (this.abort = resolve));
  }

  private iterator: AsyncIterator<RecordedEvent> | undefined;

  /** One cursor per subscription: iterating it again continues where the last reader stopped. */
  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    this.iterator ??= this.events();
    return this.iterator;
  }

  private async *events(): AsyncGenerator<RecordedEvent> {
    let last = this.fromPosition ?? 0;
    try {
      while (!this.closed) {
        const page = await this.readPage(last, PAGE);
        if (page.length === 0) {
          await this.signal.wait(last, this.aborted);
          continue;
        }
        for (const event of page) {
          if (this.closed) return;
          yield event;
          last = event.position;
        }
      }
    } finally {
      this.closed = true;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.abort();
  }
}
