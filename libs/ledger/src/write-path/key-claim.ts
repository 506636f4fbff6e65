import { randomUUID } from 'node:crypto';
import { type EventStore } from '@ledger/event-store';
import { RequestInProgress } from '../errors';
import { type ClaimAttempt, type ClaimOutcome, type IdempotencyRecords, type StoredResponse } from './idempotency';
import { recordedAppend } from './recorded-append';

/**
 * How long a try waits for another try of the same request to answer or give the key back, polling the key's stream.
 */
const CLAIM_WAIT_MS = 5_000;
const CLAIM_POLL_MS = 25;
/** A claim with neither an answer nor a release after this long belongs to a try that died: it is taken over. */
const CLAIM_TAKEOVER_MS = 60_000;
/** A release is retried for about ten seconds while the store is unavailable. */
const RELEASE_ATTEMPTS = 40;
const RELEASE_RETRY_MS = 250;

/**
 * Where one try stands with its key: it has not tried to claim it; it tried (the claim failed, possibly
 * after the store took it, or another try's append answered the request); or it holds the key.
 */
type ClaimState = 'untried' | 'tried' | 'held';

/** The key's stream and the request's fingerprint in it. */
export interface IdempotencyKeyRef {
  readonly stream: string;
  readonly fingerprint: string;
}

/** The stream an idempotent request appends to and its tag, by which its append is found again. */
export interface TaggedRequest {
  readonly stream: string;
  readonly tag: string;
}

/**
 * One try's claim of an idempotency key. The key is claimed once the request is decided, so of two
 * tries of one request (on any nodes) only one appends; a try that fails gives its claim back so a
 * retry need not wait for a takeover.
 */
export class KeyClaim {
  private state: ClaimState = 'untried';
  private readonly attempt: ClaimAttempt = { tryId: randomUUID(), expected: 'no_stream' };

  constructor(
    private readonly store: EventStore,
    private readonly records: IdempotencyRecords,
    private readonly key: IdempotencyKeyRef,
    private readonly request: TaggedRequest,
  ) {}

  /**
   * Holds the key for this try before it appends (a no-op once held). An answer means another try of
   * the request appended, so this one appends nothing.
   */
  async hold(): Promise<StoredResponse | undefined> {
    if (this.state === 'held') return undefined;
    this.state = 'tried';
    const held = await this.claim();
    if (held.kind === 'answered') return held.response;
    this.state = 'held';
    return undefined;
  }

  /**
   * Gives this try's claim back after a failed claim or append — also after a claim that failed: the
   * store may have taken it without acknowledging it. Retried in the background while the store is
   * unavailable (a retry waits for it). Nothing to give back when the try never claimed.
   */
  release(): void {
    if (this.state === 'untried') return;
    void (async () => {
      for (let tries = 0; tries < RELEASE_ATTEMPTS; tries++) {
        try {
          await this.records.release(this.key.stream, this.key.fingerprint, this.attempt);
          return;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, RELEASE_RETRY_MS));
        }
      }
    })();
  }

  /**
   * A try that finds the key held looks for the holder's append by the request's tag (the holder may
   * have been cut off after appending) and otherwise waits for its answer or its release; a claim left
   * with neither for longer than a request can live is taken over.
   */
  private async claim(): Promise<{ kind: 'held' } | { kind: 'answered'; response: StoredResponse }> {
    const { stream: idemStream, fingerprint } = this.key;
    const claimAt = (expected?: number): Promise<ClaimOutcome> => {
      this.attempt.expected = expected ?? 'no_stream';
      return this.records.claim(idemStream, fingerprint, this.attempt.tryId, expected);
    };
    let outcome = await claimAt();
    for (const started = Date.now(); ;) {
      switch (outcome.kind) {
        case 'claimed':
          return { kind: 'held' };
        case 'completed':
          return { kind: 'answered', response: outcome.response };
        case 'released':
        case 'held': {
          const earlier = await recordedAppend(this.store, this.request.stream, this.request.tag);
          if (earlier)
            return { kind: 'answered', response: await this.records.record(idemStream, fingerprint, earlier) };
          if (outcome.kind === 'released' || Date.now() - Date.parse(outcome.claimedAt) > CLAIM_TAKEOVER_MS) {
            outcome = await claimAt(outcome.revision);
            continue;
          }
          if (Date.now() - started > CLAIM_WAIT_MS) throw new RequestInProgress();
          await new Promise((resolve) => setTimeout(resolve, CLAIM_POLL_MS));
          outcome = (await this.records.observe(idemStream, fingerprint)) ?? (await claimAt());
          continue;
        }
      }
    }
  }
}
