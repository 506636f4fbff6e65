import { request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { SseParser, type SseEvent } from '@ledger/client';

/** A raw HTTP client of one live endpoint: everything the server wrote, parsed and as text. */
export interface SseProbe {
  status: number;
  headers: IncomingHttpHeaders;
  /** Every byte received so far, as text (heartbeat comments included). */
  text(): string;
  messages: SseEvent[];
  /** Resolves once `predicate` holds for the messages received (rejects after `timeoutMs`). */
  waitFor(predicate: (messages: SseEvent[], text: string) => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves when the server ends the response. */
  ended: Promise<void>;
  close(): void;
}

export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseProbe> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res: IncomingMessage) => {
      let text = '';
      const messages: SseEvent[] = [];
      const parser = new SseParser((m) => messages.push(m));
      const listeners = new Set<() => void>();
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        parser.push(chunk);
        for (const l of [...listeners]) l();
      });
      const ended = new Promise<void>((done) => res.on('close', done));
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        text: () => text,
        messages,
        ended,
        waitFor: (predicate, timeoutMs = 5_000) =>
          new Promise<void>((ok, fail) => {
            const check = (): void => {
              if (!predicate(messages, text)) return;
              listeners.delete(check);
              clearTimeout(timer);
              ok();
            };
            const timer = setTimeout(() => {
              listeners.delete(check);
              fail(new Error(`Timed out after ${timeoutMs} ms; received:\n${text.slice(-2000)}`));
            }, timeoutMs);
            listeners.add(check);
            check();
          }),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

export const dataOf = (m: SseEvent): any => JSON.parse(m.data); // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of any live message
