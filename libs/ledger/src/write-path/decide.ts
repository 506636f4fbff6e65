import { randomUUID } from 'node:crypto';
import { type DomainEvent, InvalidEventData, type RecordFact } from '@ledger/domain';
import { type EventToAppend, type JsonObject } from '@ledger/event-store';
import { type LedgerCatalog } from '../catalog/ledger-catalog';
import { UnknownStreamKind } from '../errors';
import { type AppendCommand } from './append-command';
import { idempotentEventId } from './idempotency';
import { type StreamStates } from './stream-states';

/**
 * The events to append for a command on a state of its stream: each of the command's events goes to
 * the stream's decider with the related states it asks for (read from the store), gets the ledger's
 * metadata and an id, and is folded into the state the next one is decided on. Throws the decider's
 * refusal. `tag` marks every event of an idempotent request.
 */
export async function decide(
  catalog: LedgerCatalog,
  states: StreamStates,
  command: AppendCommand,
  initial: unknown,
  tag: string | undefined,
): Promise<EventToAppend[]> {
  const { stream, body, principal, idempotencyKey } = command;
  const definition = catalog.definitionOf(stream);
  if (!definition)
    throw new UnknownStreamKind(
      stream,
      catalog.streams.map((d) => d.prefix),
    );
  const decider = definition.decider;
  const out: EventToAppend[] = [];
  let state = initial;
  for (const [i, event] of body.events.entries()) {
    const spec = catalog.eventSpec(definition, event.type);
    if (!spec)
      throw new InvalidEventData(event.type, [{ field: `events[${i}].type`, message: 'is not in the catalog' }]);
    const metadata: JsonObject = {
      ...(event.metadata as JsonObject | undefined),
      actor: principal.keyId,
      schemaVersion: spec.schemaVersion,
      ...(tag === undefined ? {} : { idempotency: tag }),
    };
    const fact: RecordFact = {
      type: 'RecordFact',
      stream,
      event: { type: event.type, data: event.data } as DomainEvent,
      metadata,
    };
    const related = new Map<string, unknown>();
    for (const other of decider.related?.(fact, state) ?? []) {
      if (!catalog.definitionOf(other)) continue;
      const loaded = await states.latest(other);
      if (loaded.revision >= 0) related.set(other, loaded.state);
    }
    for (const [k, produced] of decider.decide(fact, state, related).entries()) {
      const given = k === 0 ? event.id?.toLowerCase() : undefined;
      const id =
        given ??
        (idempotencyKey === undefined ? randomUUID() : idempotentEventId(principal.keyId, idempotencyKey, out.length));
      const envelope = {
        id,
        stream,
        revision: -1,
        position: -1,
        type: produced.type,
        data: produced.data,
        metadata,
        recordedAt: '',
      };
      state = decider.evolve(state, envelope);
      out.push({ id, type: produced.type, data: produced.data as JsonObject, metadata });
    }
  }
  return out;
}
