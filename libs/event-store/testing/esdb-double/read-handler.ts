import { randomUUID } from 'node:crypto';
import { ReadReq, type ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { type ServerWritableStream, status } from '@grpc/grpc-js';
import { StreamNotFound, type Subscription } from '../../src';
import { type DoubleLog, type LogRecord, STRIDE, toLogRecord } from './double-log';
import { serviceError } from './append-handlers';
import {
  caughtUpResponse,
  checkpointResponse,
  confirmationResponse,
  readEventResponse,
  streamName,
  streamNotFoundResponse,
} from './wire-records';

const PAGE = 256;
/** EventStoreDB's default filter search window when the client sends `count` instead of a maximum. */
const DEFAULT_SEARCH_WINDOW = 32;

type ReadCall = ServerWritableStream<ReadReq, ReadResp>;

/** Live subscriptions, so the double can close or drop them and tests can see cancelled calls leave the set. */
export class LiveSubscriptions {
  readonly open = new Set<Subscription>();
  private readonly dropped = new WeakSet<Subscription>();

  /**
   * Ends every live subscription call with UNAVAILABLE, as a server that lost its connection to the client would;
   * returns how many.
   */
  async drop(): Promise<number> {
    const open = [...this.open];
    for (const subscription of open) this.dropped.add(subscription);
    await Promise.all(open.map((s) => s.close()));
    return open.length;
  }

  wasDropped(subscription: Subscription): boolean {
    return this.dropped.has(subscription);
  }
}

/** Streams.Read: stream reads, `$all` reads and `$all` subscriptions. */
export function readHandler(log: DoubleLog, live: LiveSubscriptions, unexpected: (what: string) => void) {
  return (call: ReadCall): void => {
    const options = call.request.getOptions();
    const run = async () => {
      if (!options) throw serviceError(status.INVALID_ARGUMENT, 'Read without options');
      if (options.hasSubscription()) {
        if (!options.hasAll()) {
          unexpected('Streams.Read (subscription to a stream)');
          throw serviceError(status.UNIMPLEMENTED, 'The double subscribes to $all only');
        }
        return subscribeToAll(call, log, live, options);
      }
      if (options.hasStream()) return readStream(call, log, options);
      return readAll(call, log, options);
    };
    run().then(
      () => call.end(),
      (error: unknown) => {
        if (!call.cancelled)
          call.emit('error', isServiceError(error) ? error : serviceError(status.INTERNAL, String(error)));
      },
    );
  };
}

async function readStream(call: ReadCall, log: DoubleLog, options: ReadReq.Options): Promise<void> {
  const streamOptions = options.getStream()!;
  const stream = streamName(streamOptions.getStreamIdentifier());
  const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
  const count = Number(options.getCount());
  let fromRevision: number | undefined;
  if (streamOptions.hasRevision()) fromRevision = Number(streamOptions.getRevision());
  else if (streamOptions.hasEnd() && !backwards) return; // forwards from the end: nothing yet
  try {
    const events = await log.store.readStream(stream, {
      direction: backwards ? 'backwards' : 'forwards',
      fromRevision,
      maxCount: count,
    });
    for (const event of events) await send(call, readEventResponse(toLogRecord(event), false));
  } catch (error) {
    if (!(error instanceof StreamNotFound)) throw error;
    await send(call, streamNotFoundResponse(stream));
  }
}

async function readAll(call: ReadCall, log: DoubleLog, options: ReadReq.Options): Promise<void> {
  const all = options.getAll()!;
  const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
  const count = Number(options.getCount());
  const filter = recordFilter(options);
  const position = all.hasPosition() ? Number(all.getPosition()!.getCommitPosition()) : undefined;
  if (position !== undefined) await assertRecordStart(log, position);
  const records = backwards
    ? pagesOf(
        (before: number | 'end') => log.backward(before, PAGE),
        position ?? (all.hasStart() ? 0 : 'end'),
        (last) => last.position,
      )
    : pagesOf(
        (from: number) => log.forward(from, PAGE),
        all.hasEnd() ? Number.MAX_SAFE_INTEGER : (position ?? 0),
        (last) => last.position + 1,
      );
  let sent = 0;
  for await (const record of records) {
    if (sent >= count || call.cancelled) return;
    if (filter(record)) {
      await send(call, readEventResponse(record, true));
      sent++;
    }
  }
}

/** The records of `$all` one page at a time from `cursor`, in the direction `page` reads, until a short page. */
async function* pagesOf<C>(
  page: (cursor: C) => Promise<LogRecord[]>,
  cursor: C,
  after: (last: LogRecord) => C,
): AsyncGenerator<LogRecord> {
  for (;;) {
    const records = await page(cursor);
    yield* records;
    if (records.length < PAGE) return;
    cursor = after(records.at(-1)!);
  }
}

/**
 * Confirmation, then the catch-up read after the start position (exclusive), `caught_up`, then live events
 * from the in-memory store's own subscription starting after the last record sent — so the hand-over has
 * no gap and no duplicate. Filtered subscriptions get a checkpoint every `multiplier × window` records scanned.
 */
async function subscribeToAll(
  call: ReadCall,
  log: DoubleLog,
  live: LiveSubscriptions,
  options: ReadReq.Options,
): Promise<void> {
  const all = options.getAll()!;
  const filter = recordFilter(options);
  const filterOptions = options.hasFilter() ? options.getFilter()! : undefined;
  const checkpointEvery = filterOptions
    ? filterOptions.getCheckpointintervalmultiplier() *
      (filterOptions.hasMax() ? filterOptions.getMax() : DEFAULT_SEARCH_WINDOW)
    : Number.POSITIVE_INFINITY;
  let last = 0;
  if (all.hasPosition()) {
    last = Number(all.getPosition()!.getCommitPosition());
    await assertRecordStart(log, last);
  } else if (all.hasEnd()) {
    last = (await log.backward('end', 1))[0]?.position ?? 0;
  }
  let scanned = 0;
  const deliver = async (record: LogRecord) => {
    last = record.position;
    scanned++;
    if (filter(record)) await send(call, readEventResponse(record, true));
    if (scanned >= checkpointEvery) {
      scanned = 0;
      await send(call, checkpointResponse(record.position));
    }
  };

  await send(call, confirmationResponse(randomUUID()));
  for (;;) {
    const page = await log.forward(last + 1, PAGE);
    for (const record of page) await deliver(record);
    if (page.length < PAGE || call.cancelled) break;
  }
  if (call.cancelled) return;
  await send(call, caughtUpResponse());

  const subscription = log.store.subscribeToAll({ fromPosition: Math.floor(last / STRIDE) });
  live.open.add(subscription);
  const stop = () => void subscription.close();
  call.on('cancelled', stop);
  try {
    for await (const event of subscription) {
      if (call.cancelled) break;
      const record = toLogRecord(event);
      // System events the test injected since the last ledger event come first, in log order.
      for (const injected of await log.forward(last + 1, PAGE)) {
        if (injected.position >= record.position) break;
        await deliver(injected);
      }
      await deliver(record);
    }
  } finally {
    live.open.delete(subscription);
    call.off('cancelled', stop);
    await subscription.close();
  }
  if (live.wasDropped(subscription))
    throw serviceError(status.UNAVAILABLE, 'The EventStoreDB test double dropped the subscription');
}

async function assertRecordStart(log: DoubleLog, position: number): Promise<void> {
  if (position === 0 || (await log.isRecordStart(position))) return;
  throw serviceError(status.INVALID_ARGUMENT, `Invalid position ${position}: no record starts there`);
}

function recordFilter(options: ReadReq.Options): (record: LogRecord) => boolean {
  if (!options.hasFilter()) return () => true;
  const filter = options.getFilter()!;
  const onType = filter.hasEventType();
  const expression = onType ? filter.getEventType()! : filter.getStreamIdentifier()!;
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  const prefixes = expression.getPrefixList();
  return (record) => {
    const value = onType ? record.type : record.stream;
    if (regex) return regex.test(value);
    return prefixes.some((prefix) => value.startsWith(prefix));
  };
}

async function send(call: ReadCall, response: ReadResp): Promise<void> {
  if (call.cancelled) return;
  if (call.write(response)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      call.off('drain', done);
      call.off('cancelled', done);
      resolve();
    };
    call.on('drain', done);
    call.on('cancelled', done);
  });
}

const isServiceError = (error: unknown): error is Error & { code: number } =>
  error instanceof Error && typeof (error as { code?: unknown }).code === 'number';
