import {
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { Metadata, status } from '@grpc/grpc-js';
import { DuplicateEventId, InvalidAppend, StoreUnavailable, StreamNotFound, WrongExpectedVersion } from '../../errors';
import { DUPLICATE_EVENT_ID, mapEsdbError } from './esdb-error-mapping';

const grpcError = (code: status, details: string, metadata: Record<string, string> = {}) => {
  const meta = new Metadata();
  for (const [k, v] of Object.entries(metadata)) meta.set(k, v);
  return Object.assign(new Error(details), { code, details, metadata: meta });
};

describe('EventStoreDB error mapping', () => {
  it('turns a wrong expected version into ours, with the caller’s expectation and the actual revision', () => {
    const error = new WrongExpectedVersionError(null as never, { streamName: 'frn-1', expected: 3n, current: 5n });
    const mapped = mapEsdbError(error, { stream: 'frn-1', expected: 3 });
    expect(mapped).toBeInstanceOf(WrongExpectedVersion);
    expect(mapped).toMatchObject({ stream: 'frn-1', expected: 3, actual: 5 });
  });

  it('reports a missing stream as actual undefined and keeps no_stream / stream_exists expectations', () => {
    const missing = new WrongExpectedVersionError(null as never, {
      streamName: 'order-9',
      expected: 'stream_exists',
      current: 'no_stream',
    });
    expect(mapEsdbError(missing, { stream: 'order-9', expected: 'stream_exists' })).toMatchObject({
      expected: 'stream_exists',
      actual: undefined,
    });
    const exists = new WrongExpectedVersionError(null as never, {
      streamName: 'order-9',
      expected: 'no_stream',
      current: 0n,
    });
    expect(mapEsdbError(exists)).toMatchObject({ stream: 'order-9', expected: 'no_stream', actual: 0 });
  });

  it('maps a missing stream to StreamNotFound', () => {
    const mapped = mapEsdbError(new StreamNotFoundError(undefined, 'asset-1'), { stream: 'asset-1' });
    expect(mapped).toBeInstanceOf(StreamNotFound);
    expect(mapped).toMatchObject({ stream: 'asset-1' });
  });

  it('maps unavailable and deadline errors to StoreUnavailable, keeping the cause', () => {
    const unavailable = new UnavailableError(grpcError(status.UNAVAILABLE, 'No connection established') as never);
    const mapped = mapEsdbError(unavailable);
    expect(mapped).toBeInstanceOf(StoreUnavailable);
    expect((mapped as Error).cause).toBe(unavailable);
    expect(
      mapEsdbError(new DeadlineExceededError(grpcError(status.DEADLINE_EXCEEDED, 'Deadline exceeded') as never)),
    ).toBeInstanceOf(StoreUnavailable);
  });

  it('maps a raw gRPC transport failure the client let through (BatchAppend on a lost connection) to StoreUnavailable', () => {
    const raw = grpcError(status.UNAVAILABLE, 'No connection established. Last error: connect ECONNREFUSED');
    const mapped = mapEsdbError(raw);
    expect(mapped).toBeInstanceOf(StoreUnavailable);
    expect((mapped as Error).cause).toBe(raw);
    expect(mapEsdbError(grpcError(status.CANCELLED, 'Call cancelled'))).toBeInstanceOf(StoreUnavailable);
    const internal = grpcError(status.INTERNAL, 'bad frame');
    expect(mapEsdbError(internal)).toBe(internal);
  });

  it('maps an append over the server size limit to InvalidAppend naming the limit', () => {
    const mapped = mapEsdbError(MaxAppendSizeExceededError.fromMaxAppendSize(1_048_576));
    expect(mapped).toBeInstanceOf(InvalidAppend);
    expect((mapped as Error).message).toContain('1048576');
  });

  it('recognises the duplicate-event-id refusal from both the Append and the BatchAppend reply shapes', () => {
    const id = '0b7f3c8e-5d7a-4f7e-9a51-6f1d2c3b4a59';
    const append = new UnknownError(grpcError(status.ALREADY_EXISTS, `${DUPLICATE_EVENT_ID}:${id}`) as never);
    const batch = new UnknownError(undefined, `Could not recognize ${DUPLICATE_EVENT_ID}:${id.toUpperCase()}`);
    expect(mapEsdbError(append)).toEqual(new DuplicateEventId(id));
    expect(mapEsdbError(batch)).toEqual(new DuplicateEventId(id));
    const otherCode = new UnknownError(grpcError(status.INTERNAL, `${DUPLICATE_EVENT_ID}:${id}`) as never);
    expect(mapEsdbError(otherCode)).toBe(otherCode);
  });

  it('passes through what the port has no name for, and anything that is not a client error', () => {
    const deleted = StreamDeletedError.fromStreamName('x');
    expect(mapEsdbError(deleted)).toBe(deleted);
    const plain = new TypeError('boom');
    expect(mapEsdbError(plain)).toBe(plain);
  });
});
