import { createRequire } from 'node:module';
import { Empty, WrongExpectedVersion as WireWrongExpectedVersion } from '@eventstore/db-client/generated/shared_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import {
  type AppendReq,
  AppendResp,
  type BatchAppendReq,
  BatchAppendResp,
} from '@eventstore/db-client/generated/streams_pb';
import { AllStreamPosition } from '@eventstore/db-client/generated/shared_pb';
import {
  type ServerDuplexStream,
  type ServerReadableStream,
  type sendUnaryData,
  status,
  type ServiceError,
  Metadata,
} from '@grpc/grpc-js';
import {
  DuplicateEventId,
  type EventToAppend,
  type ExpectedRevision,
  type InMemoryEventStore,
  type JsonObject,
  WrongExpectedVersion,
} from '../../src';
import { STRIDE } from './double-log';
import { streamIdentifier, streamName } from './wire-records';

/** google-protobuf's Any, taken from the client's own copy so `unpack` on the client side recognises it. */
interface AnyMessage {
  pack(serialized: Uint8Array, name: string): void;
}
const { Any } = createRequire(require.resolve('@eventstore/db-client'))('google-protobuf/google/protobuf/any_pb') as {
  Any: new () => AnyMessage;
};

/** The marker the adapter maps to DuplicateEventId (see esdb-error-mapping.ts); a real server never sends it. */
const DUPLICATE_EVENT_ID = 'duplicate-event-id';

type Proposed = AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage;

/** Streams.Append: options first, then one message per event, one reply when the client ends the call. */
export function appendHandler(store: InMemoryEventStore) {
  return (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void => {
    let options: AppendReq.Options | undefined;
    const messages: AppendReq.ProposedMessage[] = [];
    call.on('data', (request: AppendReq) => {
      if (request.hasOptions()) options = request.getOptions();
      else if (request.hasProposedMessage()) messages.push(request.getProposedMessage()!);
    });
    call.on('end', () => {
      void (async () => {
        if (!options) return callback(serviceError(status.INVALID_ARGUMENT, 'Append without options'));
        const stream = streamName(options.getStreamIdentifier());
        const expected = appendExpected(options);
        const reply = new AppendResp();
        try {
          const result = await store.append(stream, messages.map(toEventToAppend), { expectedRevision: expected });
          const success = new AppendResp.Success();
          success.setCurrentRevision(String(result.nextExpectedRevision));
          const position = new AppendResp.Position();
          const last = result.positions.at(-1)! * STRIDE;
          position.setCommitPosition(String(last));
          position.setPreparePosition(String(last));
          success.setPosition(position);
          reply.setSuccess(success);
          callback(null, reply);
        } catch (error) {
          if (error instanceof WrongExpectedVersion) {
            const wrong = new AppendResp.WrongExpectedVersion();
            if (error.actual === undefined) wrong.setCurrentNoStream(new Empty());
            else wrong.setCurrentRevision(String(error.actual));
            if (typeof expected === 'number') wrong.setExpectedRevision(String(expected));
            else if (expected === 'no_stream') wrong.setExpectedNoStream(new Empty());
            else if (expected === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
            else wrong.setExpectedAny(new Empty());
            reply.setWrongExpectedVersion(wrong);
            return callback(null, reply);
          }
          callback(refusal(error));
        }
      })();
    });
  };
}

/**
 * Streams.BatchAppend: one long-lived duplex call per client; each append is a run of requests sharing a
 * correlation id, the first carrying options, the last marked final. Failures are Status replies, not call errors.
 */
export function batchAppendHandler(store: InMemoryEventStore) {
  return (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void => {
    const pending = new Map<string, { options?: BatchAppendReq.Options; messages: BatchAppendReq.ProposedMessage[] }>();
    call.on('data', (request: BatchAppendReq) => {
      const correlation = request.getCorrelationId()!.getString();
      const entry = pending.get(correlation) ?? { messages: [] };
      if (request.hasOptions()) entry.options = request.getOptions();
      entry.messages.push(...request.getProposedMessagesList());
      pending.set(correlation, entry);
      if (!request.getIsFinal()) return;
      pending.delete(correlation);
      void (async () => {
        const reply = new BatchAppendResp();
        reply.setCorrelationId(request.getCorrelationId());
        const options = entry.options!;
        const stream = streamName(options.getStreamIdentifier());
        reply.setStreamIdentifier(streamIdentifier(stream));
        const expected = batchExpected(options);
        try {
          const result = await store.append(stream, entry.messages.map(toEventToAppend), {
            expectedRevision: expected,
          });
          const success = new BatchAppendResp.Success();
          success.setCurrentRevision(String(result.nextExpectedRevision));
          const position = new AllStreamPosition();
          const last = result.positions.at(-1)! * STRIDE;
          position.setCommitPosition(String(last));
          position.setPreparePosition(String(last));
          success.setPosition(position);
          reply.setSuccess(success);
        } catch (error) {
          reply.setError(batchError(error, expected));
        }
        if (!call.cancelled && !call.writableEnded) call.write(reply);
      })();
    });
    call.on('end', () => call.end());
  };
}

function batchError(error: unknown, expected: ExpectedRevision): Status {
  const result = new Status();
  const details = new Any();
  if (error instanceof WrongExpectedVersion) {
    const wrong = new WireWrongExpectedVersion();
    if (error.actual === undefined) wrong.setCurrentNoStream(new Empty());
    else wrong.setCurrentStreamRevision(String(error.actual));
    if (typeof expected === 'number') wrong.setExpectedStreamPosition(String(expected));
    else if (expected === 'no_stream') wrong.setExpectedNoStream(new Empty());
    else if (expected === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
    else wrong.setExpectedAny(new Empty());
    details.pack(wrong.serializeBinary(), 'event_store.client.WrongExpectedVersion');
    result.setCode(Code.FAILED_PRECONDITION);
    result.setMessage('WrongExpectedVersion');
  } else {
    // Nothing in EventStoreDB's protos names these refusals; an Empty under our own name keeps the client
    // from crashing on missing details and surfaces the message as "Could not recognize <message>".
    details.pack(new Empty().serializeBinary(), 'ledger.double.Refusal');
    const refused = refusal(error);
    // grpc status numbers and google.rpc.Code share their values.
    result.setCode(refused.code as number as Code);
    result.setMessage(refused.details);
  }
  result.setDetails(details as never);
  return result;
}

function refusal(error: unknown): ServiceError {
  if (error instanceof DuplicateEventId)
    return serviceError(status.ALREADY_EXISTS, `${DUPLICATE_EVENT_ID}:${error.eventId}`, {
      exception: DUPLICATE_EVENT_ID,
    });
  return serviceError(status.INVALID_ARGUMENT, error instanceof Error ? error.message : String(error));
}

export function serviceError(code: status, details: string, metadata: Record<string, string> = {}): ServiceError {
  const meta = new Metadata();
  for (const [key, value] of Object.entries(metadata)) meta.set(key, value);
  return Object.assign(new Error(`${code} ${status[code]}: ${details}`), { code, details, metadata: meta });
}

function toEventToAppend(message: Proposed): EventToAppend {
  const metadata = message.getMetadataMap();
  const contentType = metadata.get('content-type');
  if (contentType !== 'application/json')
    throw new Error(`The double stores JSON events only, got ${String(contentType)}`);
  const custom = Buffer.from(message.getCustomMetadata_asU8()).toString('utf8');
  return {
    id: message.getId()!.getString(),
    type: metadata.get('type') ?? '',
    data: JSON.parse(Buffer.from(message.getData_asU8()).toString('utf8')) as JsonObject,
    metadata: custom.length === 0 ? {} : (JSON.parse(custom) as JsonObject),
  };
}

function appendExpected(options: AppendReq.Options): ExpectedRevision {
  if (options.hasRevision()) return Number(options.getRevision());
  if (options.hasNoStream()) return 'no_stream';
  if (options.hasStreamExists()) return 'stream_exists';
  return 'any';
}

function batchExpected(options: BatchAppendReq.Options): ExpectedRevision {
  if (options.hasStreamPosition()) return Number(options.getStreamPosition());
  if (options.hasNoStream()) return 'no_stream';
  if (options.hasStreamExists()) return 'stream_exists';
  return 'any';
}
