import { type FieldError, type StreamDefinition } from '@ledger/domain';
import { type LedgerCatalog } from '../catalog/ledger-catalog';
import { BatchTooLarge, InvalidEvents, InvalidStreamName, KeyMayNotWriteStream, UnknownStreamKind } from '../errors';
import { type AppendCommand } from './append-command';
import { type AppendEvents } from './append-events';

/**
 * The checks before anything is read: the key may write the stream, the stream's kind is in the
 * catalog and its id valid, the batch is within the limit, and each event is of the stream's types
 * with data of the catalog's shape.
 */
export function admit(catalog: LedgerCatalog, maxEventsPerAppend: number, command: AppendCommand): void {
  const { principal, stream, body } = command;
  if (principal.streamPrefix && !stream.startsWith(principal.streamPrefix))
    throw new KeyMayNotWriteStream(stream, principal.streamPrefix);
  const definition = catalog.definitionOf(stream);
  if (!definition)
    throw new UnknownStreamKind(
      stream,
      catalog.streams.map((d) => d.prefix),
    );
  if (!catalog.hasValidId(stream)) throw new InvalidStreamName(stream);
  if (body.events.length > maxEventsPerAppend) throw new BatchTooLarge(maxEventsPerAppend, body.events.length);
  validateData(catalog, definition, body);
}

function validateData(catalog: LedgerCatalog, definition: StreamDefinition, body: AppendEvents): void {
  const errors: FieldError[] = body.events.flatMap((event, i) => {
    const spec = catalog.eventSpec(definition, event.type);
    if (!spec)
      return [
        {
          field: `events[${i}].type`,
          message: `is not an event of ${definition.prefix} streams (one of ${Object.keys(definition.events).join(', ')})`,
        },
      ];
    return spec
      .validate(event.data)
      .map((e) => ({ field: `events[${i}].data${e.field ? `.${e.field}` : ''}`, message: e.message }));
  });
  if (errors.length > 0) throw new InvalidEvents(errors);
}
