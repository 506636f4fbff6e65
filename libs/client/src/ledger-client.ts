import { type Observable } from 'rxjs';
import { LedgerApiError } from './ledger-api-error';
import { liveStream, type LiveMessage, type ReconnectOptions } from './live-stream';

export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

export interface NewEvent {
  /** UUID; the ledger generates one when absent. */
  id?: string;
  type: string;
  data: Record<string, unknown>;
  metadata?: { source?: string; correlationId?: string; causationId?: string; occurredAt?: string; ruleSet?: string };
}

export interface AppendOptions {
  /** Refuse the append (412) unless the stream is at this revision. */
  expectedRevision?: ExpectedRevision;
  /** Sending the same batch again with this key returns the first answer instead of appending twice. */
  idempotencyKey?: string;
}

export interface AppendResult {
  stream: string;
  /** Revision of the last event written: the expected revision for the next append. */
  revision: number;
  positions: number[];
  eventIds: (string | null)[];
  /** True when the ledger answered from an earlier append with the same idempotency key. */
  replayed: boolean;
}

/** A read model as the API serves it: which model, of which root stream, at which position. */
export interface ReadModelResponse<T> {
  model: string;
  /** The root stream, e.g. `program-ms-connects`. */
  id: string;
  position: number;
  asOf?: string;
  data: T;
}

export interface LedgerClientOptions {
  /** e.g. `http://localhost:3000` */
  baseUrl: string;
  apiKey: string;
  /** Defaults to the global fetch (Node 20). */
  fetch?: typeof fetch;
  reconnect?: ReconnectOptions;
}

/** A small client of the Procurement Ledger HTTP API: append facts, read models, follow live streams. */
export class LedgerClient {
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;

  constructor(private readonly options: LedgerClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetchFn = options.fetch ?? fetch;
  }

  async append(stream: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const url = `${this.baseUrl}/v1/streams/${encodeURIComponent(stream)}/events`;
    const headers: Record<string, string> = { ...this.auth(), 'content-type': 'application/json' };
    if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
    const body = {
      events,
      ...(options.expectedRevision === undefined ? {} : { expectedRevision: options.expectedRevision }),
    };
    const response = await this.fetchFn(url, { method: 'POST', headers, body: JSON.stringify(body) });
    if (!response.ok) throw await LedgerApiError.from(response, url);
    const result = (await response.json()) as Omit<AppendResult, 'replayed'>;
    return { ...result, replayed: response.headers.get('idempotent-replayed') === 'true' };
  }

  /**
   * GET a read model by its path, e.g. `/v1/programs/ms-connects/dashboard`. `asOf` (a ledger
   * position or ISO instant) asks for the model as it was then; `minPosition` (a position an append
   * returned) waits until the model reflects it, to read your own writes.
   */
  async readModel<T = unknown>(
    path: string,
    options: { asOf?: string | number; minPosition?: number } = {},
  ): Promise<ReadModelResponse<T>> {
    const url = new URL(this.url(path));
    if (options.asOf !== undefined) url.searchParams.set('asOf', String(options.asOf));
    if (options.minPosition !== undefined) url.searchParams.set('minPosition', String(options.minPosition));
    const response = await this.fetchFn(url, { headers: { ...this.auth(), accept: 'application/json' } });
    if (!response.ok) throw await LedgerApiError.from(response, url.toString());
    return (await response.json()) as ReadModelResponse<T>;
  }

  /**
   * Follows a live endpoint (`/v1/live/...`): each message with its ledger position as `id`.
   * Reconnects with backoff and Last-Event-ID; errors with LedgerApiError on a 4xx.
   */
  live<T = unknown>(path: string, options: { lastEventId?: number } = {}): Observable<LiveMessage<T>> {
    return liveStream<T>({
      url: this.url(path),
      headers: this.auth(),
      fetch: this.fetchFn,
      ...(options.lastEventId === undefined ? {} : { lastEventId: options.lastEventId }),
      ...(this.options.reconnect ? { reconnect: this.options.reconnect } : {}),
    });
  }

  private url(path: string): string {
    return `${this.baseUrl}${path.startsWith('/') ? '' : '/'}${path}`;
  }

  private auth(): Record<string, string> {
    return { 'x-api-key': this.options.apiKey };
  }
}
