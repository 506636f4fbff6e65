import { Observable } from 'rxjs';
import { LedgerApiError } from './ledger-api-error';
import { SseParser } from './sse-parser';

/** One live message: the ledger position it reflects (the SSE id) and its JSON payload. */
export interface LiveMessage<T = unknown> {
  id: number;
  event: string;
  data: T;
}

/** The server sent a live message whose data is not JSON: not a ledger stream. */
export class MalformedLiveMessage extends Error {
  override readonly name = 'MalformedLiveMessage';
}

export interface ReconnectOptions {
  /**
   * First delay after a dropped stream (default 250 ms); doubles up to `maxDelayMs`, back to the first after a message
   * arrives.
   */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

export interface LiveRequest {
  url: string;
  headers: Record<string, string>;
  fetch: typeof fetch;
  lastEventId?: number;
  reconnect?: ReconnectOptions;
}

/**
 * Follows an SSE endpoint: parses the body of a fetch() response, and when the stream ends or the
 * network fails, reconnects with exponential backoff sending Last-Event-ID, so the subscriber sees
 * every message once. A 4xx answer (bad key, role, unknown model, subscriber cap) errors with a
 * LedgerApiError, and so does a message that is not JSON (MalformedLiveMessage). The server's
 * `event: close` message (why it ended the stream) is not emitted: the client simply resumes.
 * Unsubscribing aborts the request.
 */
export function liveStream<T = unknown>(request: LiveRequest): Observable<LiveMessage<T>> {
  const initial = request.reconnect?.initialDelayMs ?? 250;
  const max = request.reconnect?.maxDelayMs ?? 30_000;
  return new Observable<LiveMessage<T>>((subscriber) => {
    const abort = new AbortController();
    let lastEventId = request.lastEventId;
    let delay = initial;

    const once = async (): Promise<void> => {
      const headers: Record<string, string> = { ...request.headers, accept: 'text/event-stream' };
      if (lastEventId !== undefined) headers['last-event-id'] = String(lastEventId);
      const response = await request.fetch(request.url, { headers, signal: abort.signal });
      if (!response.ok) throw await LedgerApiError.from(response, request.url);
      if (!response.body) return;
      const decoder = new TextDecoder();
      const parser = new SseParser((message) => {
        if (message.event === 'close' || message.id === undefined) return;
        let data: T;
        try {
          data = JSON.parse(message.data) as T;
        } catch {
          throw new MalformedLiveMessage(`Message ${message.id} of ${request.url} is not JSON`);
        }
        const id = Number(message.id);
        lastEventId = id;
        delay = initial;
        subscriber.next({ id, event: message.event, data });
      });
      const reader = response.body.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.push(decoder.decode(value, { stream: true }));
      }
    };

    void (async () => {
      while (!subscriber.closed) {
        try {
          await once();
        } catch (error) {
          if (abort.signal.aborted) return;
          if ((error instanceof LedgerApiError && error.isClientError) || error instanceof MalformedLiveMessage)
            return subscriber.error(error);
        }
        if (subscriber.closed) return;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          abort.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
        });
        delay = Math.min(delay * 2, max);
      }
    })();
    return () => abort.abort();
  });
}
