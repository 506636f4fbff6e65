/**
 * The Server-Sent Events wire format (WHATWG HTML, "Server-sent events"): fields `id`, `event`,
 * `data`, `retry`; a blank line ends a message; lines starting with `:` are comments that clients
 * ignore (heartbeats).
 */
export interface SseMessage {
  id?: number;
  event?: string;
  data: unknown;
}

const SINGLE_LINE = /^[^\r\n]*$/;

export function sseMessage({ id, event, data }: SseMessage): string {
  if (event !== undefined && !SINGLE_LINE.test(event)) throw new Error('An SSE event name must be one line');
  const json = JSON.stringify(data) ?? 'null';
  // JSON.stringify escapes newlines inside strings, so the payload is always one data line.
  return `${id === undefined ? '' : `id: ${id}\n`}${event === undefined ? '' : `event: ${event}\n`}data: ${json}\n\n`;
}

export const sseComment = (text: string): string => `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;

export const sseRetry = (ms: number): string => `retry: ${Math.max(0, Math.trunc(ms))}\n\n`;
