import { eventSpecOf, type StreamDefinition } from './decider';
import { type Envelope } from './envelope';

/** What to do with a stored event of a known stream kind before folding it. */
export type StoredEventVerdict = { kind: 'fold' } | { kind: 'unknown-type' } | { kind: 'malformed'; reason: string };

/**
 * The same check for the live fold, a rebuild, an as-of replay and the write path's fold of a stream,
 * so all of them agree: an event type this code does not know (written by a newer version, or retired)
 * is skipped; a stored event the catalog refuses (it bypassed the API, or an upcaster is missing)
 * cannot be folded into a state anyone should trust, so its stream stops there with the reason, field
 * by field.
 */
export function checkStoredEvent(definition: StreamDefinition, envelope: Envelope): StoredEventVerdict {
  const spec = eventSpecOf(definition, envelope.type);
  if (!spec) return { kind: 'unknown-type' };
  const problems = spec.validate(envelope.data);
  if (problems.length === 0) return { kind: 'fold' };
  return { kind: 'malformed', reason: problems.map((p) => `${p.field || 'data'}: ${p.message}`).join('; ') };
}
