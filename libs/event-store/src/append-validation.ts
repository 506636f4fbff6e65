import { randomUUID } from 'node:crypto';
import { InvalidAppend } from './errors';
import { type EventToAppend, type ExpectedRevision } from './port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The longest stream name either store takes. */
export const MAX_STREAM_NAME = 200;
const STREAM = new RegExp(`^[A-Za-z0-9][A-Za-z0-9._:@-]{0,${MAX_STREAM_NAME - 1}}$`);

export interface PreparedEvent {
  id: string;
  type: string;
  data: string;
  metadata: string;
}

/** Checks an append's shape and serialises its events once, before any write starts. */
export function prepareAppend(
  stream: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
): PreparedEvent[] {
  if (!STREAM.test(stream))
    throw new InvalidAppend(
      `Invalid stream name "${stream}": letters, digits and . _ : @ - only, 200 at most, not starting with $`,
    );
  if (events.length === 0) throw new InvalidAppend('An append needs at least one event');
  if (typeof expected === 'number' && (!Number.isSafeInteger(expected) || expected < 0)) {
    throw new InvalidAppend(`expectedRevision must be a non-negative integer, 'no_stream', 'stream_exists' or 'any'`);
  }
  const ids = new Set<string>();
  return events.map((event, index) => {
    if (typeof event.type !== 'string' || event.type.length === 0)
      throw new InvalidAppend(`events[${index}].type is required`);
    if (event.data === null || typeof event.data !== 'object' || Array.isArray(event.data))
      throw new InvalidAppend(`events[${index}].data must be an object`);
    const id = event.id ?? randomUUID();
    if (!UUID.test(id)) throw new InvalidAppend(`events[${index}].id must be a UUID`);
    if (ids.has(id.toLowerCase())) throw new InvalidAppend(`events[${index}].id repeats another event of this append`);
    ids.add(id.toLowerCase());
    return {
      id: id.toLowerCase(),
      type: event.type,
      data: JSON.stringify(event.data),
      metadata: JSON.stringify(event.metadata ?? {}),
    };
  });
}
