import type { ServerResponse } from 'node:http';
import { type LiveSettings, CLOSE_GRACE_MS } from './live-settings';
import { sseComment, sseMessage, sseRetry, type SseMessage } from './sse-wire';

/** Why the server ended a live stream; sent as the data of a final `event: close` message. */
export type CloseReason = 'slow-consumer' | 'server-shutdown' | 'source-failed' | 'source-ended';

/** Clients wait this long before reconnecting after the stream ends (SSE `retry`). */
const RECONNECT_MS = 2_000;

/**
 * One open Server-Sent Events response on a raw Node socket. Writes never queue without bound: when
 * the client leaves more than `maxBufferedBytes` unread, it is told why (`event: close`,
 * `slow-consumer`) and dropped, so one stalled dashboard cannot grow the server's memory. Comment
 * heartbeats keep idle proxies from closing the connection.
 */
export class SseSession {
  private closed = false;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly closeHandlers: (() => void)[] = [];

  constructor(
    private readonly res: ServerResponse,
    private readonly settings: LiveSettings,
    headers: Record<string, string>,
  ) {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      // nginx and similar proxies buffer responses unless told not to.
      'x-accel-buffering': 'no',
      ...headers,
    });
    res.write(sseRetry(RECONNECT_MS) + sseComment('connected'));
    this.heartbeat = setInterval(
      () => this.write(sseComment(`heartbeat ${new Date().toISOString()}`)),
      settings.heartbeatMs,
    );
    res.on('close', () => this.finish());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Runs when the stream ends for any reason (client gone, dropped, shut down); at once if it already has. */
  onClose(handler: () => void): void {
    if (this.closed) handler();
    else this.closeHandlers.push(handler);
  }

  /** Writes one message; false when the session is closed or was just dropped as too slow. */
  send(message: SseMessage): boolean {
    return this.write(sseMessage(message));
  }

  /** Writes a message already encoded by sseMessage (a feed encodes each event once for all its sessions). */
  sendEncoded(encoded: string): boolean {
    return this.write(encoded);
  }

  close(reason: CloseReason, detail: string): void {
    if (this.closed) return;
    this.res.end(sseMessage({ event: 'close', data: { reason, detail } }));
    // A client that stopped reading never drains the socket: give it a moment, then free it.
    const timer = setTimeout(() => this.res.destroy(), CLOSE_GRACE_MS);
    timer.unref();
    this.res.once('close', () => clearTimeout(timer));
    this.finish();
  }

  private write(chunk: string): boolean {
    if (this.closed) return false;
    this.res.write(chunk);
    const unread = this.res.writableLength;
    if (unread > this.settings.maxBufferedBytes) {
      this.close(
        'slow-consumer',
        `The client left ${unread} bytes unread (limit ${this.settings.maxBufferedBytes}); reconnect with Last-Event-ID to resume.`,
      );
      return false;
    }
    return true;
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    for (const handler of this.closeHandlers.splice(0)) handler();
  }
}
