import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  type AllStreamResolvedEvent,
  type JSONEventType,
  type ReadPosition,
  type ResolvedEvent,
  START,
  excludeSystemEvents,
  jsonEvent,
} from '@eventstore/db-client';
import { prepareAppend } from '../../append-validation';
import { InvalidAppend, StoreClosed, StoreUnavailable, StreamNotFound } from '../../errors';
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
import { mapEsdbError, type ErrorContext } from './esdb-error-mapping';
import {
  isSystemEvent,
  subscriptionStart,
  toEsdbExpectedRevision,
  toEsdbPosition,
  toPortPosition,
  toSafeNumber,
} from './esdb-mapping';
import { EsdbSubscription } from './esdb-subscription';

type JsonEventShape = JSONEventType<string, JsonObject, JsonObject>;

/** Records per $all read; also how far back from the head an inclusive readAll looks for its first event. */
const PAGE = 512;

type ReadStreamOptionsForClient = NonNullable<Parameters<EventStoreDBClient['readStream']>[1]>;

const commitOf = (resolved: AllStreamResolvedEvent): bigint | undefined =>
  resolved.commitPosition ?? resolved.event?.position?.commit;

/**
 * The event store port on EventStoreDB (20+, positions on stream reads need 22.6+), for deployments that
 * outgrow one machine. Positions are `$all` commit positions (see esdb-mapping.ts); `$`-events are hidden.
 */
export class EventStoreDbEventStore implements EventStore {
  private closed = false;
  private readonly subscriptions = new Set<EsdbSubscription>();

  private constructor(private readonly client: EventStoreDBClient) {}

  /**
   * `url` is an EventStoreDB connection string, e.g. `esdb://node1:2113,node2:2113,node3:2113?tls=true&tlsCAFile=…`.
   */
  static connect(url: string): EventStoreDbEventStore {
    let client: EventStoreDBClient;
    try {
      client = EventStoreDBClient.connectionString(url);
    } catch (error) {
      throw new StoreUnavailable(
        `Invalid EVENTSTORE_URL: ${error instanceof Error ? error.message : String(error)}`,
        error,
      );
    }
    return new EventStoreDbEventStore(client);
  }

  /**
   * connect() and one read, so a wrong URL or an unreachable cluster stops start-up with StoreUnavailable (messages
   * never repeat the URL, which may hold credentials).
   */
  static async open(url: string): Promise<EventStoreDbEventStore> {
    const store = EventStoreDbEventStore.connect(url);
    try {
      await store.headPosition();
    } catch (error) {
      await store.close();
      throw error instanceof StoreUnavailable
        ? error
        : new StoreUnavailable(`EventStoreDB cannot be used: ${String(error)}`, error);
    }
    return store;
  }

  async append(stream: string, events: readonly EventToAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    const expected = options.expectedRevision ?? 'any';
    const prepared = prepareAppend(stream, events, expected);
    const context: ErrorContext = { stream, expected };
    const result = await this.call(context, () =>
      this.client.appendToStream(
        stream,
        prepared.map((event) =>
          jsonEvent<JsonEventShape>({
            id: event.id,
            type: event.type,
            data: JSON.parse(event.data) as JsonObject,
            metadata: JSON.parse(event.metadata) as JsonObject,
          }),
        ),
        { expectedRevision: toEsdbExpectedRevision(expected) },
      ),
    );
    const last = toSafeNumber(result.nextExpectedRevision, 'Stream revision');
    // The append reply carries one position for the whole write; the port promises one per event, so read
    // the written revisions back. Nobody else can hold them: revisions are assigned once.
    const written = await this.readStream(stream, {
      fromRevision: last - prepared.length + 1,
      maxCount: prepared.length,
    });
    if (written.map((e) => e.id).join() !== prepared.map((e) => e.id).join()) {
      throw new StoreUnavailable(
        `EventStoreDB reported an append to ${stream} at revision ${last} that reads back differently`,
      );
    }
    return { nextExpectedRevision: last, positions: written.map((e) => e.position) };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (!Number.isSafeInteger(maxCount) || maxCount < 0)
      throw new InvalidAppend('maxCount must be a non-negative integer');
    if (
      options.fromRevision !== undefined &&
      (!Number.isSafeInteger(options.fromRevision) || options.fromRevision < 0)
    ) {
      throw new InvalidAppend('fromRevision must be a non-negative integer');
    }
    if (maxCount === 0) {
      await this.readStreamPage(stream, { fromRevision: END, direction: BACKWARDS, maxCount: 1 });
      return [];
    }
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision);
    const page = await this.readStreamPage(stream, {
      fromRevision: from,
      direction: backwards ? BACKWARDS : FORWARDS,
      maxCount,
    });
    return page
      .map((resolved) => this.toRecorded(resolved))
      .filter((event): event is RecordedEvent => event !== undefined);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (remaining <= 0) return;
    const from = options.fromPosition ?? 0;
    let position: ReadPosition = START;
    if (from > 0) {
      const tail = await this.tailFrom(from);
      if (tail) {
        yield* tail.slice(0, Math.min(remaining, tail.length));
        return;
      }
      // Far from the head: EventStoreDB reads only from a position where a record starts, which every
      // position this store hands out is.
      position = toEsdbPosition(from);
    }
    let after: bigint | undefined;
    for (;;) {
      const requested = PAGE + (after === undefined ? 0 : 1);
      const page = await this.readAllPage(position, FORWARDS, requested);
      for (const resolved of page) {
        const at = commitOf(resolved);
        if (after !== undefined && at !== undefined && at <= after) continue;
        const event = this.toRecorded(resolved);
        if (!event) continue;
        yield event;
        if (--remaining <= 0) return;
      }
      const last = page.at(-1);
      if (page.length < requested || !last) return;
      after = commitOf(last);
      if (after === undefined) return;
      position = { commit: after, prepare: after };
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const source = this.client.subscribeToAll({
      fromPosition: subscriptionStart(options.fromPosition),
      filter: excludeSystemEvents(),
    });
    const subscription: EsdbSubscription = new EsdbSubscription(
      source,
      (resolved) => this.toRecorded(resolved),
      (error) => mapEsdbError(error),
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async streamRevision(stream: string): Promise<number | undefined> {
    this.assertOpen();
    try {
      const last = await this.readStreamPage(stream, { fromRevision: END, direction: BACKWARDS, maxCount: 1 });
      return last[0]?.event ? toSafeNumber(last[0].event.revision, 'Stream revision') : undefined;
    } catch (error) {
      if (error instanceof StreamNotFound) return undefined;
      throw error;
    }
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    // The last records of $all are often EventStoreDB's own ($statsCollection, $metadata, …): page back to ours.
    let position: ReadPosition = END;
    let before: bigint | undefined;
    for (;;) {
      const page = await this.readAllPage(position, BACKWARDS, PAGE);
      for (const resolved of page) {
        const at = commitOf(resolved);
        if (before !== undefined && at !== undefined && at >= before) continue;
        const event = this.toRecorded(resolved);
        if (event) return event.position;
      }
      const last = page.at(-1);
      before = last && commitOf(last);
      if (page.length < PAGE || before === undefined) return 0;
      position = { commit: before, prepare: before };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.client.dispose();
  }

  /**
   * The events at or after `from` when they lie within PAGE records of the head, read backwards from the
   * end so `from` need not be a record boundary (e.g. `head + 1`); undefined when they reach further back.
   */
  private async tailFrom(from: number): Promise<RecordedEvent[] | undefined> {
    const page = await this.readAllPage(END, BACKWARDS, PAGE);
    const found: RecordedEvent[] = [];
    for (const resolved of page) {
      const at = commitOf(resolved);
      if (at !== undefined && at < BigInt(from)) return found.reverse();
      const event = this.toRecorded(resolved);
      if (event) found.push(event);
    }
    return page.length < PAGE ? found.reverse() : undefined;
  }

  /**
   * Every read is drained to its end, bounded by maxCount: the client's dispose() waits for each gRPC
   * stream to finish, and a stream left half-read never does.
   */
  private async readAllPage(
    fromPosition: ReadPosition,
    direction: typeof FORWARDS | typeof BACKWARDS,
    maxCount: number,
  ): Promise<AllStreamResolvedEvent[]> {
    return this.call({}, async () => {
      const page: AllStreamResolvedEvent[] = [];
      for await (const resolved of this.client.readAll({ fromPosition, direction, maxCount })) page.push(resolved);
      return page;
    });
  }

  private async readStreamPage(stream: string, options: ReadStreamOptionsForClient): Promise<ResolvedEvent[]> {
    return this.call({ stream }, async () => {
      const page: ResolvedEvent[] = [];
      for await (const resolved of this.client.readStream(stream, options)) page.push(resolved);
      return page;
    });
  }

  private toRecorded(resolved: ResolvedEvent): RecordedEvent | undefined {
    const event = resolved.event;
    if (!event || isSystemEvent(event.type, event.streamId)) return undefined;
    if (!event.isJson)
      throw new Error(
        `Event ${event.id} in ${event.streamId} is not JSON: this cluster holds data the ledger did not write`,
      );
    return {
      id: event.id,
      stream: event.streamId,
      revision: toSafeNumber(event.revision, 'Stream revision'),
      position: toPortPosition(
        event.position ??
          (resolved.commitPosition === undefined
            ? undefined
            : { commit: resolved.commitPosition, prepare: resolved.commitPosition }),
        `event ${event.id}`,
      ),
      type: event.type,
      data: event.data as JsonObject,
      metadata: (event.metadata ?? {}) as JsonObject,
      recordedAt: event.created.toISOString(),
    };
  }

  private async call<T>(context: ErrorContext, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw mapEsdbError(error, context);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosed();
  }
}
