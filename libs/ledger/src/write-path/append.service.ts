import { randomUUID } from 'node:crypto';
import { DomainError, type DomainEvent, InvalidEventData, type RecordFact, type FieldError } from '@ledger/domain';
import { DuplicateEventId, WrongExpectedVersion, type EventStore, type EventToAppend, type ExpectedRevision, type JsonObject } from '@ledger/event-store';
import { type LedgerCatalog } from '../catalog/ledger-catalog';
import { BatchTooLarge, InvalidEvents, InvalidStreamName, KeyMayNotWriteStream, RequestInProgress, UnknownStreamKind } from '../errors';
import { type Principal } from '../keys/roles';
import { type AppendEvents } from './append-events';
import { idempotencyStream, idempotencyTag, idempotentEventId, requestFingerprint, type ClaimAttempt, type ClaimOutcome, type IdempotencyRecords, type StoredResponse } from './idempotency';
import { KeyedQueue } from './keyed-queue';
import { recordedAppend } from './recorded-append';
import { type StreamStates } from './stream-states';

export interface AppendCommand {
  principal: Principal;
  stream: string;
  body: AppendEvents;
  expected: ExpectedRevision | undefined;
  idempotencyKey: string | undefined;
}

export interface AppendOutcome extends StoredResponse {
  replayed: boolean;
}

/** How long a try waits for another try of the same request to answer or give the key back, polling the key's stream. */
const CLAIM_WAIT_MS = 5_000;
const CLAIM_POLL_MS = 25;
/** A claim with neither an answer nor a release after this long belongs to a try that died: it is taken over. */
const CLAIM_TAKEOVER_MS = 60_000;
/** A release is retried for about ten seconds while the store is unavailable. */
const RELEASE_ATTEMPTS = 40;
const RELEASE_RETRY_MS = 250;
/** For appends without an Idempotency-Key: nothing to claim. */
const NOTHING_TO_CLAIM = (): Promise<StoredResponse | undefined> => Promise.resolve(undefined);

/** How often an append without an explicit expected revision re-decides after losing a race to another node. */
const RACE_RETRIES = 5;

/**
 * The one write path (docs/architecture.md): validate each event against the catalog, decide on the stream's
 * current state (and the related states the decider asks for), append with an expected revision.
 */
export class AppendService {
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly store: EventStore,
    private readonly catalog: LedgerCatalog,
    private readonly states: StreamStates,
    private readonly idempotency: IdempotencyRecords,
    private readonly maxEventsPerAppend: number,
  ) {}

  async append(command: AppendCommand): Promise<AppendOutcome> {
    const { principal, stream, body, idempotencyKey } = command;
    if (principal.streamPrefix && !stream.startsWith(principal.streamPrefix))
      throw new KeyMayNotWriteStream(stream, principal.streamPrefix);
    const definition = this.catalog.definitionOf(stream);
    if (!definition) throw new UnknownStreamKind(stream, this.catalog.streams.map((d) => d.prefix));
    if (!this.catalog.hasValidId(stream)) throw new InvalidStreamName(stream);
    if (body.events.length > this.maxEventsPerAppend) throw new BatchTooLarge(this.maxEventsPerAppend, body.events.length);
    this.validateData(definition, body);

    if (idempotencyKey === undefined) return this.queue.run(stream, () => this.decideAndAppend(command, undefined, NOTHING_TO_CLAIM));
    const fingerprint = requestFingerprint(stream, command.expected, body);
    const idemStream = idempotencyStream(principal.keyId, idempotencyKey);
    const previous = await this.idempotency.find(idemStream, fingerprint);
    if (previous) return { ...previous, replayed: true };
    const tag = idempotencyTag(principal.keyId, idempotencyKey, fingerprint);
    // The key is claimed once the request is decided, just before its append: a refused request writes nothing.
    const attempt: ClaimAttempt = { tryId: randomUUID(), expected: 'no_stream' };
    let claimTried = false;
    let claimed = false;
    const answeredElsewhere = async (): Promise<StoredResponse | undefined> => {
      if (claimed) return undefined;
      claimTried = true;
      const held = await this.holdKey(idemStream, fingerprint, stream, tag, attempt);
      if (held.kind === 'answered') return held.response;
      claimed = true;
      return undefined;
    };
    let outcome: AppendOutcome;
    try {
      outcome = await this.queue.run(stream, () => this.decideAndAppend(command, tag, answeredElsewhere));
    } catch (error) {
      // Also after a claim that failed: the store may have taken it without acknowledging it.
      if (claimTried) this.releaseSoon(idemStream, fingerprint, attempt);
      // Refused because this very request is already in the stream (a concurrent try won, or the first
      // try was cut off before its response was recorded): answer with that append, once recorded.
      const refusedAsRepeat = error instanceof DomainError || error instanceof WrongExpectedVersion || error instanceof DuplicateEventId;
      const earlier = refusedAsRepeat ? await recordedAppend(this.store, stream, tag) : undefined;
      if (!earlier) throw error;
      return { ...(await this.idempotency.record(idemStream, fingerprint, earlier)), replayed: true };
    }
    if (outcome.replayed) return outcome;
    const { replayed: _fresh, ...response } = outcome;
    return { ...(await this.idempotency.record(idemStream, fingerprint, response)), replayed: false };
  }

  /**
   * Claims the key for a decided request, so of two tries of one request (on any nodes) only one
   * appends. A try that finds the key held looks for the holder's append by the request's tag (the
   * holder may have been cut off after appending) and otherwise waits for its answer or its release; a
   * claim left with neither for longer than a request can live is taken over.
   */
  private async holdKey(idemStream: string, fingerprint: string, stream: string, tag: string, attempt: ClaimAttempt): Promise<{ kind: 'held' } | { kind: 'answered'; response: StoredResponse }> {
    const claimAt = (expected?: number): Promise<ClaimOutcome> => {
      attempt.expected = expected ?? 'no_stream';
      return this.idempotency.claim(idemStream, fingerprint, attempt.tryId, expected);
    };
    let outcome = await claimAt();
    for (const started = Date.now(); ; ) {
      switch (outcome.kind) {
        case 'claimed':
          return { kind: 'held' };
        case 'completed':
          return { kind: 'answered', response: outcome.response };
        case 'released':
        case 'held': {
          const earlier = await recordedAppend(this.store, stream, tag);
          if (earlier) return { kind: 'answered', response: await this.idempotency.record(idemStream, fingerprint, earlier) };
          if (outcome.kind === 'released' || Date.now() - Date.parse(outcome.claimedAt) > CLAIM_TAKEOVER_MS) {
            outcome = await claimAt(outcome.revision);
            continue;
          }
          if (Date.now() - started > CLAIM_WAIT_MS) throw new RequestInProgress();
          await new Promise((resolve) => setTimeout(resolve, CLAIM_POLL_MS));
          outcome = (await this.idempotency.observe(idemStream, fingerprint)) ?? (await claimAt());
          continue;
        }
      }
    }
  }

  /** Gives this try's claim back after a failed claim or append, retrying while the store is unavailable (a retry waits for it). */
  private releaseSoon(idemStream: string, fingerprint: string, attempt: ClaimAttempt): void {
    void (async () => {
      for (let tries = 0; tries < RELEASE_ATTEMPTS; tries++) {
        try {
          await this.idempotency.release(idemStream, fingerprint, attempt);
          return;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, RELEASE_RETRY_MS));
        }
      }
    })();
  }

  private validateData(definition: NonNullable<ReturnType<LedgerCatalog['definitionOf']>>, body: AppendEvents): void {
    const errors: FieldError[] = body.events.flatMap((event, i) => {
      const spec = this.catalog.eventSpec(definition, event.type);
      if (!spec) return [{ field: `events[${i}].type`, message: `is not an event of ${definition.prefix} streams (one of ${Object.keys(definition.events).join(', ')})` }];
      return spec.validate(event.data).map((e) => ({ field: `events[${i}].data${e.field ? `.${e.field}` : ''}`, message: e.message }));
    });
    if (errors.length > 0) throw new InvalidEvents(errors);
  }

  /**
   * Decides on the cached state and appends guarded by its revision, so a state another writer has
   * moved past is caught by the store, never appended on. Whatever is refused on a cached state
   * (stale revision, domain refusal) is decided again on the latest state before it is answered.
   * `answeredElsewhere` runs once the request is decided, before each append: an answer means another
   * try of it appended, so this one appends nothing.
   */
  private async decideAndAppend(command: AppendCommand, tag: string | undefined, answeredElsewhere: () => Promise<StoredResponse | undefined>): Promise<AppendOutcome> {
    const { stream, expected } = command;
    // An idempotent request claims its key before appending: it decides on the store's state, so a
    // refusal is found before anything (the claim included) is written.
    let latest = tag !== undefined;
    let firstRevision: number | undefined;
    let lostTo: WrongExpectedVersion | undefined;
    for (let races = 0; ; ) {
      const loaded = latest ? await this.states.latest(stream) : await this.states.cached(stream);
      firstRevision ??= loaded.revision;
      // After a lost race, the stream may hold this very request, appended late by an earlier try (after
      // the first decision, or claiming would have found it): never decide it again; the refusal is
      // answered with that append.
      if (lostTo && tag !== undefined && (await recordedAppend(this.store, stream, tag, firstRevision))) throw lostTo;
      // A client's revision other than the cached one: the cache may be behind, so decide on the store's.
      if (!loaded.fresh && typeof expected === 'number' && expected !== loaded.revision) {
        latest = true;
        continue;
      }
      let toAppend: EventToAppend[];
      try {
        if (expected === 'no_stream' && loaded.revision >= 0) throw new WrongExpectedVersion(stream, expected, loaded.revision);
        if (expected === 'stream_exists' && loaded.revision < 0) throw new WrongExpectedVersion(stream, expected, undefined);
        toAppend = await this.decide(command, loaded.state, tag);
      } catch (error) {
        if (loaded.fresh) throw error;
        latest = true;
        continue;
      }
      const guard: ExpectedRevision = typeof expected === 'number' ? expected : loaded.revision < 0 ? 'no_stream' : loaded.revision;
      const answer = await answeredElsewhere();
      if (answer) return { ...answer, replayed: true };
      try {
        const result = await this.store.append(stream, toAppend, { expectedRevision: guard });
        this.states.appended(stream, result.nextExpectedRevision);
        return {
          status: 201,
          etag: `"${result.nextExpectedRevision}"`,
          body: { stream, revision: result.nextExpectedRevision, positions: result.positions, eventIds: toAppend.map((e) => e.id ?? null) },
          replayed: false,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion)) throw error;
        this.states.forget(stream);
        // A numeric revision is the client's own expectation: the stream moved past it, which is the answer (412).
        if (typeof expected === 'number') throw error;
        // Losing to a write this node had not seen is not a lost race; losing on the latest state is.
        if (loaded.fresh && ++races > RACE_RETRIES) throw error;
        lostTo = error;
        latest = true;
      }
    }
  }

  private async decide(command: AppendCommand, initial: unknown, tag: string | undefined): Promise<EventToAppend[]> {
    const { stream, body, principal, idempotencyKey } = command;
    const definition = this.catalog.definitionOf(stream);
    if (!definition) throw new UnknownStreamKind(stream, this.catalog.streams.map((d) => d.prefix));
    const decider = definition.decider;
    const out: EventToAppend[] = [];
    let state = initial;
    for (const [i, event] of body.events.entries()) {
      const spec = this.catalog.eventSpec(definition, event.type);
      if (!spec) throw new InvalidEventData(event.type, [{ field: `events[${i}].type`, message: 'is not in the catalog' }]);
      const metadata: JsonObject = { ...(event.metadata as JsonObject | undefined), actor: principal.keyId, schemaVersion: spec.schemaVersion, ...(tag === undefined ? {} : { idempotency: tag }) };
      const fact: RecordFact = { type: 'RecordFact', stream, event: { type: event.type, data: event.data } as DomainEvent, metadata };
      const related = new Map<string, unknown>();
      for (const other of decider.related?.(fact, state) ?? []) {
        if (!this.catalog.definitionOf(other)) continue;
        const loaded = await this.states.latest(other);
        if (loaded.revision >= 0) related.set(other, loaded.state);
      }
      for (const [k, produced] of decider.decide(fact, state, related).entries()) {
        const given = k === 0 ? event.id?.toLowerCase() : undefined;
        const id = given ?? (idempotencyKey === undefined ? randomUUID() : idempotentEventId(principal.keyId, idempotencyKey, out.length));
        const envelope = { id, stream, revision: -1, position: -1, type: produced.type, data: produced.data, metadata, recordedAt: '' };
        state = decider.evolve(state, envelope);
        out.push({ id, type: produced.type, data: produced.data as JsonObject, metadata });
      }
    }
    return out;
  }
}
