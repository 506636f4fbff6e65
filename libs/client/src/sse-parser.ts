/** One Server-Sent Events message as the WHATWG parsing rules produce it. */
export interface SseEvent {
  /** The last `id` seen on the stream (ids persist across messages, as in EventSource). */
  id: string | undefined;
  event: string;
  data: string;
  /** The server's reconnection delay, when it sent one. */
  retry: number | undefined;
}

const LINE_END = /\r\n|\r|\n/;

/**
 * Incremental SSE parser: feed it text chunks as they arrive (split anywhere, even inside a line or
 * between \r and \n); it calls back once per complete message. Comments (heartbeats) are skipped.
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private lastId: string | undefined;
  private retry: number | undefined;

  constructor(private readonly onEvent: (event: SseEvent) => void) {}

  push(chunk: string): void {
    this.buffer += chunk;
    for (let match = LINE_END.exec(this.buffer); match; match = LINE_END.exec(this.buffer)) {
      if (match[0] === '\r' && match.index === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      this.line(line);
    }
  }

  private line(line: string): void {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        return;
      case 'event':
        this.event = value;
        return;
      case 'id':
        if (!value.includes('\0')) this.lastId = value;
        return;
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value);
        return;
      default:
        return;
    }
  }

  private dispatch(): void {
    if (this.data.length > 0)
      this.onEvent({ id: this.lastId, event: this.event || 'message', data: this.data.join('\n'), retry: this.retry });
    this.data = [];
    this.event = '';
  }
}
