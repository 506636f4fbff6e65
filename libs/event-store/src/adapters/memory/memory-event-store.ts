import { prepareAppend } from '../../append-validation';
import { AppendSignal } from '../../append-signal';
import { DuplicateEventId, InvalidAppend, StoreClosed, StreamNotFound } from '../../errors';
import { checkExpectedRevision } from '../../expected-revision';
import { PagedSubscription } from '../../paged-subscription';
import {
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type JsonObject,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '../../port';

/** For unit tests and the EventStoreDB test double: the same semantics as the embedded store, in memory. */
export class InMemoryEventStore implements EventStore {
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly ids = new Set<string>();
  private readonly signal = new AppendSignal(60_000);
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  async append(stream: string, events: readonly EventToAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    const expected = options.expectedRevision ?? 'any';
    const prepared = prepareAppend(stream, events, expected);
    const existing = this.streams.get(stream);
    checkExpectedRevision(stream, expected, existing ? existing.length - 1 : undefined);
    const duplicate = prepared.find((e) => this.ids.has(e.id));
    if (duplicate) throw new DuplicateEventId(duplicate.id);
    const recordedAt = new Date().toISOString();
    const target = existing ?? [];
    const positions = prepared.map((event) => {
      const recorded: RecordedEvent = {
        id: event.id,
        stream,
        revision: target.length,
        position: this.log.length + 1,
        type: event.type,
        data: JSON.parse(event.data) as JsonObject,
        metadata: JSON.parse(event.metadata) as JsonObject,
        recordedAt,
      };
      target.push(recorded);
      this.log.push(recorded);
      this.ids.add(event.id);
      return recorded.position;
    });
    this.streams.set(stream, target);
    this.signal.notify(this.log.length);
    return { nextExpectedRevision: target.length - 1, positions };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const events = this.streams.get(stream);
    if (!events) throw new StreamNotFound(stream);
    const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (maxCount < 0) throw new InvalidAppend('maxCount must be a non-negative integer');
    if (options.direction === 'backwards') {
      const from = Math.min(options.fromRevision ?? events.length - 1, events.length - 1);
      return events
        .slice(0, from + 1)
        .reverse()
        .slice(0, maxCount)
        .map(copy);
    }
    return events
      .slice(options.fromRevision ?? 0)
      .slice(0, maxCount)
      .map(copy);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    const start = Math.max(0, (options.fromPosition ?? 1) - 1);
    const end = start + (options.maxCount ?? Number.POSITIVE_INFINITY);
    for (let i = start; i < Math.min(end, this.log.length); i++) yield copy(this.log[i]!);
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const subscription = new PagedSubscription(
      (after, limit) => this.log.slice(after, after + limit).map(copy),
      this.signal,
      options.fromPosition,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async streamRevision(stream: string): Promise<number | undefined> {
    const events = this.streams.get(stream);
    return events ? events.length - 1 : undefined;
  }

  async headPosition(): Promise<number> {
    return this.log.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosed();
  }
}

/** Readers get their own objects, as they would from a real store, so they cannot alter the log. */
const copy = (event: RecordedEvent): RecordedEvent => structuredClone(event);
