import { createHash } from 'node:crypto';
import {
  StreamNotFound,
  WrongExpectedVersion,
  type EventStore,
  type JsonObject,
  type RecordedEvent,
} from '@ledger/event-store';
import { IdempotencyKeyReused } from '../errors';

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

export const idempotencyStream = (keyId: string, idempotencyKey: string): string =>
  `ledger.idempotency-${sha256(`${keyId}\n${idempotencyKey}`).slice(0, 40)}`;

/** A request's fingerprint: the target and the exact body, so the same key with another body is caught. */
export const requestFingerprint = (stream: string, expected: unknown, body: unknown): string =>
  sha256(JSON.stringify([stream, expected ?? null, body]));

/**
 * Carried in the metadata of every event an idempotent request appends: names the key and the exact
 * request, so the append can be found again (and told apart from another body under the same key)
 * when its response was never recorded.
 */
export const idempotencyTag = (keyId: string, idempotencyKey: string, fingerprint: string): string =>
  sha256(`${keyId}\n${idempotencyKey}\n${fingerprint}`).slice(0, 32);

/**
 * Event ids derived from the key: if a crash falls between the append and its idempotency record,
 * the retry's events collide with the first ones (DuplicateEventId) instead of being written twice.
 */
export function idempotentEventId(keyId: string, idempotencyKey: string, index: number): string {
  const hex = sha256(`${keyId}\n${idempotencyKey}\n${index}`);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * One try's claims of a key: its id (in each claim it writes) and the key stream's revision its latest claim expected.
 */
export interface ClaimAttempt {
  readonly tryId: string;
  expected: number | 'no_stream';
}

/** What the key's stream says when a request tries to claim the key. */
export type ClaimOutcome =
  /** This try holds the key: append, then record the response. */
  | { kind: 'claimed' }
  /** The request with this key was answered: replay. */
  | { kind: 'completed'; response: StoredResponse }
  /**
   * Another try of this very request holds the key and has not recorded an answer (yet): `revision` is the key
   * stream's, `claimedAt` the newest claim's time.
   */
  | { kind: 'held'; revision: number; claimedAt: string }
  /** The last try to hold the key gave it back after its claim or append failed: claim it again at `revision`. */
  | { kind: 'released'; revision: number };

/**
 * The key's stream: a claim (`IdempotentRequestClaimed`) once the request is decided and before it is
 * appended, then the response (`IdempotentRequestCompleted`), or a release (`IdempotentRequestReleased`)
 * when the claim or the append failed. Claiming is what keeps two tries of one request from both appending on a
 * store that does not refuse a repeated event id (EventStoreDB): only the try whose claim the stream
 * took appends. A request the domain refuses writes nothing, not even a claim.
 */
export class IdempotencyRecords {
  constructor(private readonly store: EventStore) {}

  /** The recorded response for this key and fingerprint; 409 when the key was used for another request. */
  async find(stream: string, fingerprint: string): Promise<StoredResponse | undefined> {
    const state = await this.read(stream, fingerprint);
    return state?.response;
  }

  /**
   * Claims the key for this try of the request (`tryId`: this try's own id, so it can give back a claim
   * whose acknowledgement it never got; `expected`: the key stream's revision a takeover builds on, none
   * for a first claim).
   */
  async claim(stream: string, fingerprint: string, tryId: string, expected?: number): Promise<ClaimOutcome> {
    try {
      await this.store.append(stream, [{ type: 'IdempotentRequestClaimed', data: { fingerprint, tryId } }], {
        expectedRevision: expected ?? 'no_stream',
      });
      return { kind: 'claimed' };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersion)) throw error;
      const observed = await this.observe(stream, fingerprint);
      if (!observed) throw error;
      return observed;
    }
  }

  /** What the key's stream says now, without claiming; undefined when nothing was claimed yet. */
  async observe(stream: string, fingerprint: string): Promise<ClaimOutcome | undefined> {
    const state = await this.read(stream, fingerprint);
    if (!state) return undefined;
    if (state.response) return { kind: 'completed', response: state.response };
    return state.released
      ? { kind: 'released', revision: state.revision }
      : { kind: 'held', revision: state.revision, claimedAt: state.claimedAt };
  }

  /**
   * Records the response; the first one recorded is the answer (a second is the same append found by
   * another try, so the same response), and it is what is returned.
   */
  async record(stream: string, fingerprint: string, response: StoredResponse): Promise<StoredResponse> {
    await this.store.append(
      stream,
      [{ type: 'IdempotentRequestCompleted', data: { fingerprint, response: response as unknown as JsonObject } }],
      { expectedRevision: 'any' },
    );
    return (await this.find(stream, fingerprint)) ?? response;
  }

  /**
   * Gives the key back after a failed claim or append, so a retry need not wait for a takeover. When
   * the newest event of the key's stream is this try's claim (a claim whose acknowledgement was lost
   * included), that claim is released. When the stream is still where the claim expected it, the claim
   * may yet land (a write that timed out can still commit): a release written at that very revision
   * fences it out, since only one of the two can take the place. False when the stream moved on
   * without this try.
   */
  async release(stream: string, fingerprint: string, attempt: ClaimAttempt): Promise<boolean> {
    for (;;) {
      const newest = await this.newest(stream);
      if (newest?.type === 'IdempotentRequestClaimed' && newest.data.tryId === attempt.tryId)
        return this.appendRelease(stream, fingerprint, attempt.tryId, newest.revision);
      const untouched = attempt.expected === 'no_stream' ? newest === undefined : newest?.revision === attempt.expected;
      if (!untouched) return false;
      if (await this.appendRelease(stream, fingerprint, attempt.tryId, attempt.expected)) return true;
      // Something took the claim's place meanwhile; it may be the claim itself: look again.
    }
  }

  private async appendRelease(
    stream: string,
    fingerprint: string,
    tryId: string,
    expectedRevision: number | 'no_stream',
  ): Promise<boolean> {
    try {
      await this.store.append(stream, [{ type: 'IdempotentRequestReleased', data: { fingerprint, tryId } }], {
        expectedRevision,
      });
      return true;
    } catch (error) {
      if (error instanceof WrongExpectedVersion) return false;
      throw error;
    }
  }

  private async newest(stream: string): Promise<RecordedEvent | undefined> {
    try {
      return (await this.store.readStream(stream, { direction: 'backwards', maxCount: 1 }))[0];
    } catch (error) {
      if (error instanceof StreamNotFound) return undefined;
      throw error;
    }
  }

  private async read(
    stream: string,
    fingerprint: string,
  ): Promise<{ response?: StoredResponse; revision: number; claimedAt: string; released: boolean } | undefined> {
    let events;
    try {
      events = await this.store.readStream(stream);
    } catch (error) {
      if (error instanceof StreamNotFound) return undefined;
      throw error;
    }
    const first = events[0];
    if (!first) return undefined;
    if (first.data.fingerprint !== fingerprint) throw new IdempotencyKeyReused();
    const completed = events.find((e) => e.type === 'IdempotentRequestCompleted');
    const last = events[events.length - 1]!;
    const claims = events.filter((e) => e.type === 'IdempotentRequestClaimed');
    return {
      ...(completed ? { response: completed.data.response as unknown as StoredResponse } : {}),
      revision: last.revision,
      claimedAt: claims[claims.length - 1]?.recordedAt ?? first.recordedAt,
      released: last.type === 'IdempotentRequestReleased',
    };
  }
}
