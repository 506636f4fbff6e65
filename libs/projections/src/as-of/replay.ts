import { type Envelope, type FactsLookup, FoldedFacts, type ReadModel, type StoredEventFold } from '@ledger/domain';
import { type EventStore, type RecordedEvent, StreamNotFound } from '@ledger/event-store';
import { toEnvelope } from '../envelope';
import { AsOfBeyondProjection, InvalidAsOf, ProjectionFoldFailed, StreamStopped } from '../errors';
import { toInstant } from '../instant';
import { ReadModels, type Rendered } from '../read-models';
import { type ReadModelStore } from '../store/read-model-store';
import { upcasterChain } from '../upcasting';
import { AsOfFacts } from './as-of-facts';
import { RecordingFacts } from './recording-facts';

/** A global position, or an ISO-8601 instant (translated to the last position recorded at or before it). */
export type AsOf = number | string;

export interface AsOfSources {
  eventStore: EventStore;
  /** The live read models: they name the streams a model may touch and translate instants to positions. */
  live: ReadModels | ReadModelStore;
}

const PAGE = 256;

const storeOf = (live: ReadModels | ReadModelStore): ReadModelStore =>
  live instanceof ReadModels ? live.current : live;

/** The position an as-of request means; refuses positions the live store has not projected yet. */
export function resolveAsOf(live: ReadModels | ReadModelStore, asOf: AsOf): number {
  const store = storeOf(live);
  if (typeof asOf === 'string') return store.positionAt(toInstant(asOf));
  if (!Number.isSafeInteger(asOf) || asOf < 0)
    throw new InvalidAsOf(`As-of position must be a non-negative integer (got ${asOf})`);
  if (asOf > store.checkpoint) throw new AsOfBeyondProjection(asOf, store.checkpoint);
  return asOf;
}

/**
 * The states a read model reads, folded from the event store up to `asOf`. The streams come from
 * rendering the model over the live store (links only grow, so what it reaches now includes what it
 * reached then), then from rendering over the past states until no new stream is asked for — a model
 * whose branches differ in the past still gets every stream it reads. Each stream is read on its own;
 * the log is never scanned.
 */
export async function factsAsOf<V>(
  readModel: ReadModel<V>,
  rootStream: string,
  asOf: AsOf,
  sources: AsOfSources,
): Promise<FactsLookup> {
  const position = resolveAsOf(sources.live, asOf);
  const store = storeOf(sources.live);
  const upcast = upcasterChain(store.upcasters);
  // Through the holder when given one: a rebuild may swap its store while streams are being read.
  const live: FactsLookup = sources.live;
  const needed = new Set<string>([rootStream]);
  const discovery = new RecordingFacts(live);
  readModel.render(rootStream, discovery);
  addReached(needed, discovery, live);
  const events = new Map<string, RecordedEvent[]>();
  for (;;) {
    const missing = [...needed].filter((stream) => !events.has(stream));
    const loaded = await Promise.all(missing.map((stream) => readStreamUpTo(sources.eventStore, stream, position)));
    missing.forEach((stream, i) => events.set(stream, loaded[i] ?? []));
    const facts = new AsOfFacts(fold(store.catalog, [...events.values()].flat(), upcast), position);
    const probe = new RecordingFacts(facts);
    readModel.render(rootStream, probe);
    const before = needed.size;
    addReached(needed, probe, live);
    if (needed.size === before) return facts;
  }
}

/** A read model as it stood at a past position or instant. */
export async function renderAsOf<V>(
  readModel: ReadModel<V>,
  rootStream: string,
  asOf: AsOf,
  sources: AsOfSources,
): Promise<Rendered<V>> {
  const facts = await factsAsOf(readModel, rootStream, asOf, sources);
  return { model: readModel.render(rootStream, facts), position: facts.position };
}

function addReached(needed: Set<string>, recording: RecordingFacts, live: FactsLookup): void {
  for (const stream of recording.streams) needed.add(stream);
  for (const { stream, prefix } of recording.linkQueries) {
    for (const source of live.linkedFrom(stream, prefix)) needed.add(source);
  }
}

/** Folds as the live store does: unknown types skipped, a malformed event stops its stream (here: the replay). */
function fold(
  catalog: ReadModelStore['catalog'],
  events: RecordedEvent[],
  upcast: (e: Envelope) => Envelope,
): FoldedFacts {
  const facts = new FoldedFacts(catalog);
  for (const event of events.sort((a, b) => a.position - b.position)) {
    let folded: StoredEventFold | undefined;
    try {
      folded = facts.apply(upcast(toEnvelope(event)));
    } catch (error) {
      throw new ProjectionFoldFailed(event.position, event.stream, event.type, error);
    }
    if (folded?.kind === 'stopped') throw new StreamStopped(event.stream, event.position, event.type, folded.reason);
  }
  return facts;
}

async function readStreamUpTo(eventStore: EventStore, stream: string, position: number): Promise<RecordedEvent[]> {
  const kept: RecordedEvent[] = [];
  for (let fromRevision = 0; ;) {
    let page: RecordedEvent[];
    try {
      page = await eventStore.readStream(stream, { fromRevision, maxCount: PAGE });
    } catch (error) {
      if (error instanceof StreamNotFound) return kept;
      throw error;
    }
    for (const event of page) {
      if (event.position > position) return kept;
      kept.push(event);
    }
    if (page.length < PAGE) return kept;
    fromRevision = (page[page.length - 1]?.revision ?? fromRevision) + 1;
  }
}
