import { isDeepStrictEqual } from 'node:util';
import { StreamNotFound, type EventStore, type RecordedEvent } from '@ledger/event-store';
import { type AppendEventsDto } from './append-request.dto';
import { idempotentEventId, type StoredResponse } from './idempotency';

/** How far back from the stream's end an interrupted or raced append is looked for. */
const LOOK_BACK = 1_000;

/**
 * The append an idempotent request already made, rebuilt from the stream, when its response was never
 * recorded: the first try was cut off after the store took it, or a concurrent try with the same key
 * (on this node or another) won. Its events carry ids derived from the key (or the client's own ids),
 * and one append's events are contiguous, so they are found at the stream's end and read in order.
 * Undefined when the stream holds no such append, or one whose facts are not this request's.
 */
export async function recordedAppend(store: EventStore, stream: string, keyId: string, idempotencyKey: string, body: AppendEventsDto): Promise<StoredResponse | undefined> {
  const generated = (j: number): string => idempotentEventId(keyId, idempotencyKey, j);
  const clientIds = new Set(body.events.flatMap((e) => (e.id ? [e.id.toLowerCase()] : [])));
  const firstId = body.events[0]?.id?.toLowerCase() ?? generated(0);
  let recent: RecordedEvent[];
  try {
    recent = (await store.readStream(stream, { direction: 'backwards', maxCount: LOOK_BACK })).reverse();
  } catch (error) {
    if (error instanceof StreamNotFound) return undefined;
    throw error;
  }
  const start = recent.findIndex((e) => e.id === firstId);
  if (start < 0) return undefined;
  const events: RecordedEvent[] = [];
  for (const [j, event] of recent.slice(start).entries()) {
    if (event.id !== generated(j) && !clientIds.has(event.id)) break;
    events.push(event);
  }
  const last = events.at(-1);
  // Compared as JSON: stored data comes back as plain parsed objects.
  const ours = body.events.every((sent) => {
    const data: unknown = JSON.parse(JSON.stringify(sent.data));
    return events.some((e) => e.type === sent.type && isDeepStrictEqual(e.data, data));
  });
  if (!last || !ours) return undefined;
  return {
    status: 201,
    etag: `"${last.revision}"`,
    body: { stream, revision: last.revision, positions: events.map((e) => e.position), eventIds: events.map((e) => e.id) },
  };
}
