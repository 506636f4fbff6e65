import { createHash } from 'node:crypto';
import { StreamNotFound, WrongExpectedVersion, type EventStore, type JsonObject } from '@ledger/event-store';
import { conflict } from '../http/problem';

/**
 * Idempotency records are ledger events in an internal stream per (key id, Idempotency-Key), so
 * every API node of a cluster sees them. The first completed response is the answer for the key.
 */
export interface StoredResponse {
  status: number;
  body: JsonObject;
  etag: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export const idempotencyStream = (keyId: string, idempotencyKey: string): string => `ledger.idempotency-${sha256(`${keyId}\n${idempotencyKey}`).slice(0, 40)}`;

/** A request's fingerprint: the target and the exact body, so the same key with another body is caught. */
export const requestFingerprint = (stream: string, expected: unknown, body: unknown): string => sha256(JSON.stringify([stream, expected ?? null, body]));

/**
 * Carried in the metadata of every event an idempotent request appends: names the key and the exact
 * request, so the append can be found again (and told apart from another body under the same key)
 * when its response was never recorded.
 */
export const idempotencyTag = (keyId: string, idempotencyKey: string, fingerprint: string): string => sha256(`${keyId}\n${idempotencyKey}\n${fingerprint}`).slice(0, 32);

/**
 * Event ids derived from the key: if a crash falls between the append and its idempotency record,
 * the retry's events collide with the first ones (DuplicateEventId) instead of being written twice.
 */
export function idempotentEventId(keyId: string, idempotencyKey: string, index: number): string {
  const hex = sha256(`${keyId}\n${idempotencyKey}\n${index}`);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export class IdempotencyRecords {
  constructor(private readonly store: EventStore) {}

  /** The stored response for this key and fingerprint; 409 when the key was used for another request. */
  async find(stream: string, fingerprint: string): Promise<StoredResponse | undefined> {
    try {
      const [first] = await this.store.readStream(stream, { maxCount: 1 });
      if (!first) return undefined;
      if (first.data.fingerprint !== fingerprint)
        throw conflict('idempotency-key-reused', 'This Idempotency-Key was already used with a different request; use a new key for a new request.');
      return first.data.response as unknown as StoredResponse;
    } catch (error) {
      if (error instanceof StreamNotFound) return undefined;
      throw error;
    }
  }

  /** Records the response; when a concurrent request with the same key won, returns its response instead. */
  async record(stream: string, fingerprint: string, response: StoredResponse): Promise<StoredResponse> {
    try {
      await this.store.append(stream, [{ type: 'IdempotentRequestCompleted', data: { fingerprint, response: response as unknown as JsonObject } }], { expectedRevision: 'no_stream' });
      return response;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersion)) throw error;
      const winner = await this.find(stream, fingerprint);
      if (!winner) throw error;
      return winner;
    }
  }
}
