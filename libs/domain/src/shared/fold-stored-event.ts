import { eventSpecOf, type StreamDefinition } from './decider';
import { type Envelope } from './envelope';

/** What folding one stored event of a known stream kind did to the stream. */
export type StoredEventFold =
  /** The catalog accepts the event: `state` is the stream's state after it. */
  | { kind: 'folded'; state: unknown }
  /** An event type this code does not know: the state is unchanged. */
  | { kind: 'skipped' }
  /** The catalog refuses the event: the stream stops before it, with the reason field by field. */
  | { kind: 'stopped'; reason: string };

/**
 * The one fold of a stored event (already upcast to the current schema) into its stream's state, for
 * the live fold, a rebuild, an as-of replay and the write path's fold of a stream, so all of them
 * agree: an event type this code does not know (written by a newer version, or retired) is skipped; a
 * stored event the catalog refuses (it bypassed the API, or an upcaster is missing) cannot be folded
 * into a state anyone should trust, so its stream stops there. What a stop means is the caller's: the
 * projector folds nothing more of the stream, a replay and the write path refuse to go on.
 */
export function foldStoredEvent(definition: StreamDefinition, state: unknown, envelope: Envelope): StoredEventFold {
  const spec = eventSpecOf(definition, envelope.type);
  if (!spec) return { kind: 'skipped' };
  const problems = spec.validate(envelope.data);
  if (problems.length > 0)
    return { kind: 'stopped', reason: problems.map((p) => `${p.field || 'data'}: ${p.message}`).join('; ') };
  return { kind: 'folded', state: definition.decider.evolve(state, envelope) };
}
