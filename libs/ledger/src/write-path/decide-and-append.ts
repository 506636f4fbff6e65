import { WrongExpectedVersion, type EventStore, type EventToAppend, type ExpectedRevision } from '@ledger/event-store';
import { type LedgerCatalog } from '../catalog/ledger-catalog';
import { type AppendCommand, type AppendOutcome } from './append-command';
import { decide } from './decide';
import { type StoredResponse } from './idempotency';
import { recordedAppend } from './recorded-append';
import { type StreamStates } from './stream-states';

/** How often an append without an explicit expected revision re-decides after losing a race to another node. */
const RACE_RETRIES = 5;

/** What deciding and appending work with: the store, the catalog, and the stream states decided on. */
export interface WritePathParts {
  readonly store: EventStore;
  readonly catalog: LedgerCatalog;
  readonly states: StreamStates;
}

/** What an idempotent request adds to an append (idempotent.ts). */
export interface IdempotentTry {
  /** Carried by every event appended: names the key and the exact request (idempotencyTag). */
  readonly tag: string;
  /**
   * Runs once the request is decided, before each append: an answer means another try of it appended,
   * so this one appends nothing.
   */
  beforeAppend(): Promise<StoredResponse | undefined>;
}

/**
 * Decides on the cached state and appends guarded by its revision, so a state another writer has
 * moved past is caught by the store, never appended on. Whatever is refused on a cached state
 * (stale revision, domain refusal) is decided again on the latest state before it is answered.
 */
export async function decideAndAppend(
  parts: WritePathParts,
  command: AppendCommand,
  idempotent: IdempotentTry | undefined,
): Promise<AppendOutcome> {
  const { store, catalog, states } = parts;
  const { stream, expected } = command;
  const tag = idempotent?.tag;
  // An idempotent request claims its key before appending: it decides on the store's state, so a
  // refusal is found before anything (the claim included) is written.
  let latest = tag !== undefined;
  let firstRevision: number | undefined;
  let lostTo: WrongExpectedVersion | undefined;
  for (let races = 0; ;) {
    const loaded = latest ? await states.latest(stream) : await states.cached(stream);
    firstRevision ??= loaded.revision;
    // After a lost race, the stream may hold this very request, appended late by an earlier try (after
    // the first decision, or claiming would have found it): never decide it again; the refusal is
    // answered with that append.
    if (lostTo && tag !== undefined && (await recordedAppend(store, stream, tag, firstRevision))) throw lostTo;
    // A client's revision other than the cached one: the cache may be behind, so decide on the store's.
    if (!loaded.fresh && typeof expected === 'number' && expected !== loaded.revision) {
      latest = true;
      continue;
    }
    let toAppend: EventToAppend[];
    try {
      if (expected === 'no_stream' && loaded.revision >= 0)
        throw new WrongExpectedVersion(stream, expected, loaded.revision);
      if (expected === 'stream_exists' && loaded.revision < 0)
        throw new WrongExpectedVersion(stream, expected, undefined);
      toAppend = await decide(catalog, states, command, loaded.state, tag);
    } catch (error) {
      if (loaded.fresh) throw error;
      latest = true;
      continue;
    }
    const guard: ExpectedRevision =
      typeof expected === 'number' ? expected : loaded.revision < 0 ? 'no_stream' : loaded.revision;
    const answer = await idempotent?.beforeAppend();
    if (answer) return { ...answer, replayed: true };
    try {
      const result = await store.append(stream, toAppend, { expectedRevision: guard });
      states.appended(stream, result.nextExpectedRevision);
      return {
        status: 201,
        etag: `"${result.nextExpectedRevision}"`,
        body: {
          stream,
          revision: result.nextExpectedRevision,
          positions: result.positions,
          eventIds: toAppend.map((e) => e.id ?? null),
        },
        replayed: false,
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersion)) throw error;
      states.forget(stream);
      // A numeric revision is the client's own expectation: the stream moved past it, which is the answer (412).
      if (typeof expected === 'number') throw error;
      // Losing to a write this node had not seen is not a lost race; losing on the latest state is.
      if (loaded.fresh && ++races > RACE_RETRIES) throw error;
      lostTo = error;
      latest = true;
    }
  }
}
