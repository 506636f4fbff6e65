import { type EventStore } from '@ledger/event-store';
import { type LedgerCatalog } from '../catalog/ledger-catalog';
import { admit } from './admit';
import { type AppendCommand, type AppendOutcome } from './append-command';
import { decideAndAppend, type IdempotentTry } from './decide-and-append';
import { type IdempotencyRecords } from './idempotency';
import { appendIdempotently } from './idempotent';
import { KeyedQueue } from './keyed-queue';
import { type StreamStates } from './stream-states';

/**
 * The one write path (docs/architecture.md), in steps: admit the command (admit.ts), then decide on
 * the stream's state and append guarded by its revision, retrying a lost race (decide-and-append.ts),
 * one try at a time per stream on this node; under an Idempotency-Key that try runs inside the key's
 * protocol (idempotent.ts).
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
    admit(this.catalog, this.maxEventsPerAppend, command);
    // Only the try waits in its stream's queue: finding and recording a key's answer do not.
    const tryInTurn = (idempotent: IdempotentTry | undefined): Promise<AppendOutcome> =>
      this.queue.run(command.stream, () =>
        decideAndAppend({ store: this.store, catalog: this.catalog, states: this.states }, command, idempotent),
      );
    if (command.idempotencyKey === undefined) return tryInTurn(undefined);
    return appendIdempotently(
      { store: this.store, records: this.idempotency },
      command,
      command.idempotencyKey,
      tryInTurn,
    );
  }
}
