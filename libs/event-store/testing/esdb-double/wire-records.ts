import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { type LogRecord } from './double-log';

/** .NET ticks (100 ns) since the Unix epoch, as EventStoreDB sends `created`. */
export const createdTicks = (iso: string): string => (BigInt(Date.parse(iso)) * 10_000n).toString(10);

export function streamIdentifier(stream: string): StreamIdentifier {
  const identifier = new StreamIdentifier();
  identifier.setStreamName(Buffer.from(stream, 'utf8'));
  return identifier;
}

export const streamName = (identifier: StreamIdentifier | undefined): string =>
  Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');

/**
 * An event as a read or subscription reply: id as a string, positions, and the three metadata entries the client needs.
 */
export function readEventResponse(record: LogRecord, withCommitPosition: boolean): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  const id = new UUID();
  id.setString(record.id);
  recorded.setId(id);
  recorded.setStreamIdentifier(streamIdentifier(record.stream));
  recorded.setStreamRevision(String(record.revision));
  recorded.setCommitPosition(String(record.position));
  recorded.setPreparePosition(String(record.position));
  recorded.getMetadataMap().set('type', record.type);
  recorded.getMetadataMap().set('content-type', 'application/json');
  recorded.getMetadataMap().set('created', createdTicks(record.recordedAt));
  recorded.setData(Buffer.from(record.data, 'utf8'));
  recorded.setCustomMetadata(Buffer.from(record.metadata, 'utf8'));
  const event = new ReadResp.ReadEvent();
  event.setEvent(recorded);
  if (withCommitPosition) event.setCommitPosition(String(record.position));
  else event.setNoPosition(new Empty());
  const response = new ReadResp();
  response.setEvent(event);
  return response;
}

export function streamNotFoundResponse(stream: string): ReadResp {
  const notFound = new ReadResp.StreamNotFound();
  notFound.setStreamIdentifier(streamIdentifier(stream));
  const response = new ReadResp();
  response.setStreamNotFound(notFound);
  return response;
}

export function checkpointResponse(position: number): ReadResp {
  const checkpoint = new ReadResp.Checkpoint();
  checkpoint.setCommitPosition(String(position));
  checkpoint.setPreparePosition(String(position));
  const response = new ReadResp();
  response.setCheckpoint(checkpoint);
  return response;
}

export function confirmationResponse(subscriptionId: string): ReadResp {
  const confirmation = new ReadResp.SubscriptionConfirmation();
  confirmation.setSubscriptionId(subscriptionId);
  const response = new ReadResp();
  response.setConfirmation(confirmation);
  return response;
}

export function caughtUpResponse(): ReadResp {
  const response = new ReadResp();
  response.setCaughtUp(new ReadResp.CaughtUp());
  return response;
}
