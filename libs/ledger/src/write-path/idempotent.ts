import { DomainError } from '@ledger/domain';
import { DuplicateEventId, WrongExpectedVersion, type EventStore } from '@ledger/event-store';
import { type AppendCommand, type AppendOutcome } from './append-command';
import { type IdempotentTry } from './decide-and-append';
import { idempotencyStream, idempotencyTag, requestFingerprint, type IdempotencyRecords } from './idempotency';
import { KeyClaim } from './key-claim';
import { recordedAppend } from './recorded-append';

/**
 * An append under an Idempotency-Key, around one try of it (`append`, decide-and-append): a repeat is
 * answered with the first answer; otherwise the try claims the key once decided, and its answer is
 * recorded as the key's.
 */
export async function appendIdempotently(
  sources: { store: EventStore; records: IdempotencyRecords },
  command: AppendCommand,
  idempotencyKey: string,
  append: (request: IdempotentTry) => Promise<AppendOutcome>,
): Promise<AppendOutcome> {
  const { store, records } = sources;
  const { principal, stream, body } = command;
  const fingerprint = requestFingerprint(stream, command.expected, body);
  const idemStream = idempotencyStream(principal.keyId, idempotencyKey);
  const previous = await records.find(idemStream, fingerprint);
  if (previous) return { ...previous, replayed: true };
  const tag = idempotencyTag(principal.keyId, idempotencyKey, fingerprint);
  // The key is claimed once the request is decided, just before its append: a refused request writes nothing.
  const claim = new KeyClaim(store, records, { stream: idemStream, fingerprint }, { stream, tag });
  let outcome: AppendOutcome;
  try {
    outcome = await append({ tag, beforeAppend: () => claim.hold() });
  } catch (error) {
    // Also after a claim that failed: the store may have taken it without acknowledging it.
    claim.release();
    // Refused because this very request is already in the stream (a concurrent try won, or the first
    // try was cut off before its response was recorded): answer with that append, once recorded.
    const refusedAsRepeat =
      error instanceof DomainError || error instanceof WrongExpectedVersion || error instanceof DuplicateEventId;
    const earlier = refusedAsRepeat ? await recordedAppend(store, stream, tag) : undefined;
    if (!earlier) throw error;
    return { ...(await records.record(idemStream, fingerprint, earlier)), replayed: true };
  }
  if (outcome.replayed) return outcome;
  const { replayed: _fresh, ...response } = outcome;
  return { ...(await records.record(idemStream, fingerprint, response)), replayed: false };
}
