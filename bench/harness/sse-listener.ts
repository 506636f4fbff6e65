import { type Agent, request } from 'node:http';
import { nowMs } from './timer';

/**
 * One SSE subscriber that only notes when each message id arrives: the cheapest client possible, so
 * the latency measured is the server's, not the parsing of 1,000 clients sharing its cores.
 */
export class SseListener {
  /** Arrival time (nowMs) of each message id. */
  readonly arrivals = new Map<number, number>();
  private carry = '';
  private closeRequest: (() => void) | undefined;

  static open(url: string, headers: Record<string, string>, agent: Agent): Promise<SseListener> {
    const listener = new SseListener();
    return new Promise((resolve, reject) => {
      const req = request(url, { headers: { ...headers, accept: 'text/event-stream' }, agent }, (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`SSE ${url} answered ${res.statusCode}`));
          res.resume();
          return;
        }
        res.setEncoding('utf8');
        let connected = false;
        res.on('data', (chunk: string) => {
          listener.take(chunk);
          // The server writes a `: connected` comment first: from then on the subscription is live.
          if (!connected) {
            connected = true;
            resolve(listener);
          }
        });
        res.on('error', () => undefined);
      });
      req.on('error', reject);
      listener.closeRequest = () => req.destroy();
      req.end();
    });
  }

  private take(chunk: string): void {
    const now = nowMs();
    const text = this.carry + chunk;
    const end = text.lastIndexOf('\n');
    this.carry = end < 0 ? text : text.slice(end + 1);
    if (end < 0) return;
    for (const match of text.slice(0, end).matchAll(/^id: (\d+)$/gm)) {
      const id = Number(match[1]);
      if (!this.arrivals.has(id)) this.arrivals.set(id, now);
    }
  }

  close(): void {
    this.closeRequest?.();
  }
}
