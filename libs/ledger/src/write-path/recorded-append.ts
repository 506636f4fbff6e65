import { StreamNotFound, type EventStore, type RecordedEvent } from '@ledger/event-store';
import { type StoredResponse } from './idempotency';

const PAGE = 1_000;
/** How far back from the stream's end an interrupted or raced append is looked for. */
const LOOK_BACK = 100_000;

/**
 * The append an idempotent request already made, rebuilt from the stream, when its response was never
 * recorded: the first try was cut off after the store took it, or a concurrent try with the same key
 * (on this node or another) won. Every event of that append carries the request's tag (key and exact
 * request, so another body under the same key never matches), and one append's events are contiguous:
 * they are the tagged run nearest the stream's end. Undefined when the stream holds no append of this request
 * (after revision `newerThan`, when given: an append known to have landed after it is looked for there only).
 */
export async function recordedAppend(
  store: EventStore,
  stream: string,
  tag: string,
  newerThan = -1,
): Promise<StoredResponse | undefined> {
  const run: RecordedEvent[] = [];
  let from: number | undefined;
  for (let scanned = 0; scanned < LOOK_BACK; scanned += PAGE) {
    let page: RecordedEvent[];
    try {
      page = await store.readStream(stream, {
        direction: 'backwards',
        maxCount: PAGE,
        ...(from === undefined ? {} : { fromRevision: from }),
      });
    } catch (error) {
      if (error instanceof StreamNotFound) return undefined;
      throw error;
    }
    for (const event of page) {
      if (event.revision <= newerThan) return run.length > 0 ? responseOf(stream, run.reverse()) : undefined;
      const tagged = event.metadata['idempotency'] === tag;
      if (tagged) run.push(event);
      else if (run.length > 0) return responseOf(stream, run.reverse());
    }
    const last = page[page.length - 1];
    if (page.length < PAGE || !last || last.revision === 0) break;
    from = last.revision - 1;
  }
  return run.length > 0 ? responseOf(stream, run.reverse()) : undefined;
}

function responseOf(stream: string, events: RecordedEvent[]): StoredResponse {
  const last = events[events.length - 1]!;
  return {
    status: 201,
    etag: `"${last.revision}"`,
    body: {
      stream,
      revision: last.revision,
      positions: events.map((e) => e.position),
      eventIds: events.map((e) => e.id),
    },
  };
}
