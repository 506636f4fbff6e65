import { request as httpRequest, type IncomingMessage } from 'node:http';

export interface OpenStream {
  status: number;
  contentType: string;
  /** Everything received so far. */
  text(): string;
  /** Resolves with everything received once the server ends the response. */
  body(): Promise<string>;
  close(): void;
}

/** Opens a live (SSE) request on a real socket; the response stays open until closed. */
export function openLive(baseUrl: string, path: string, key: string): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${baseUrl}${path}`,
      { headers: { accept: 'text/event-stream', 'x-api-key': key } },
      (res: IncomingMessage) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        const ended = new Promise<string>((done) => res.on('end', () => done(text)));
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type']),
          text: () => text,
          body: () => ended,
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
    req.end();
  });
}
