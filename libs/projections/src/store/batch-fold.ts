import {
  foldStoredEvent,
  linkTargetsOf,
  type StoredEventFold,
  type StreamDefinition,
  streamPrefix,
} from '@ledger/domain';
import { type RecordedEvent } from '@ledger/event-store';
import { toEnvelope } from '../envelope';
import { ProjectionError, ProjectionFoldFailed, ProjectionIntegrityError } from '../errors';
import { type Upcast } from '../upcasting';
import { type SkippedEvents, type StreamRow, type StreamStop } from './stream-row';

/** What a batch reads from the committed store: a stream's stored row, and whether a link is stored. */
export interface CommittedLookup {
  row(stream: string): StreamRow | undefined;
  hasLink(to: string, from: string): boolean;
  isStopped(stream: string): boolean;
}

export interface PendingLink {
  to: string;
  from: string;
  fromPrefix: string;
  position: number;
}

/** One stream's row as the batch writes it. */
export interface FoldedRow extends StreamRow {
  stream: string;
  /** The batch folded the stream's first event: the store must not hold a row for it yet. */
  created: boolean;
}

/** A stream as the batch has folded it so far. The state stays an object until the batch is written. */
interface WorkingStream {
  prefix: string;
  definition: StreamDefinition;
  revision: number;
  lastPosition: number;
  lastType: string;
  state: unknown;
  /** The store holds a row for it, so it may hold links from it too. */
  stored: boolean;
  /** Its first event is in this batch. */
  created: boolean;
  /** Targets known to be linked from the stream, stored or pending in this batch: each is looked up once. */
  linked: Set<string>;
  /** A malformed event stopped it: later events advance its revision but are not folded. */
  stopped: boolean;
}

/**
 * The in-memory half of one batch: folds events in position order into stream states kept as objects,
 * and serialises each changed stream once, when the batch is written. Parsing and serialising the whole
 * state on every event made a stream's cost grow with its length (a program with 800 allocations).
 * States are plain JSON (the Decider contract), so folding the object gives the state a fold of its
 * stored text would: batch boundaries do not change what is stored.
 */
export class BatchFold {
  private readonly working = new Map<string, WorkingStream>();
  readonly links: PendingLink[] = [];
  /** Streams this batch stopped at a malformed event. */
  readonly stops: StreamStop[] = [];
  /** Events of unknown types this batch skipped, per stream kind and type. */
  private readonly skippedByType = new Map<string, SkippedEvents>();
  /** Position and normalised recordedAt of every event taken. */
  readonly times: Array<[number, string]> = [];
  private lastPosition: number;
  private counted = 0;
  private lastRecordedAt = '';
  private lastNormalised = '';

  constructor(
    private readonly definitions: ReadonlyMap<string, StreamDefinition>,
    private readonly initialTexts: ReadonlyMap<string, string>,
    private readonly upcast: Upcast,
    private readonly committed: CommittedLookup,
    /** The store's checkpoint when the batch began: the batch may only be written on top of it. */
    readonly checkpoint: number,
  ) {
    this.lastPosition = checkpoint;
  }

  /** The position of the last event taken (the checkpoint when none was). */
  get position(): number {
    return this.lastPosition;
  }

  /** Events taken, folded or outside the catalog; redeliveries at or before the checkpoint are not counted. */
  get events(): number {
    return this.counted;
  }

  get skipped(): SkippedEvents[] {
    return [...this.skippedByType.values()];
  }

  /** Changed streams, in order of first change. */
  get streams(): string[] {
    return [...this.working.keys()];
  }

  /** Folds one event; throws, leaving the store untouched, when the feed is inconsistent or the fold fails. */
  add(event: RecordedEvent): void {
    if (event.position <= this.checkpoint) return;
    if (!Number.isSafeInteger(event.position) || event.position <= this.lastPosition) {
      throw new ProjectionIntegrityError(
        `Event at position ${event.position} arrived after position ${this.lastPosition}: the feed is out of order`,
      );
    }
    this.lastPosition = event.position;
    this.counted += 1;
    this.times.push([event.position, this.normaliseRecordedAt(event)]);
    const stream = event.stream;
    let current = this.working.get(stream);
    if (current === undefined) {
      const prefix = streamPrefix(stream);
      const definition = this.definitions.get(prefix);
      if (!definition) return;
      current = this.open(stream, prefix, definition, event);
      this.working.set(stream, current);
    }
    const expected = current.revision + 1;
    if (event.revision !== expected) {
      throw new ProjectionIntegrityError(
        `Stream ${stream}: event at position ${event.position} has revision ${event.revision}, expected ${expected}; refusing to fold out of order`,
      );
    }
    if (current.stopped) return this.advance(current, event);
    let envelope: ReturnType<Upcast>;
    try {
      envelope = this.upcast(toEnvelope(event));
    } catch (error) {
      if (error instanceof ProjectionError) throw error;
      throw new ProjectionFoldFailed(event.position, stream, event.type, error);
    }
    let folded: StoredEventFold;
    try {
      folded = foldStoredEvent(current.definition, current.state, envelope);
    } catch (error) {
      if (error instanceof ProjectionError) throw error;
      throw new ProjectionFoldFailed(event.position, stream, event.type, error);
    }
    switch (folded.kind) {
      case 'skipped':
        this.skip(current.prefix, envelope.type, event.position);
        return this.advance(current, event);
      case 'stopped':
        // That stream stops here with the reason; every other stream goes on.
        current.stopped = true;
        this.stops.push({ stream, position: event.position, eventType: event.type, reason: folded.reason });
        return this.advance(current, event);
      case 'folded':
        break;
    }
    let targets: string[];
    try {
      const after = folded.state;
      if (after === undefined || typeof after === 'function' || typeof after === 'symbol') {
        throw new Error('the state is not JSON (evolve returned undefined or a function)');
      }
      targets = linkTargetsOf(current.definition, current.state, after);
      current.state = after;
    } catch (error) {
      if (error instanceof ProjectionError) throw error;
      throw new ProjectionFoldFailed(event.position, stream, event.type, error);
    }
    this.advance(current, event);
    for (const target of targets) {
      if (current.linked.has(target)) continue;
      current.linked.add(target);
      if (current.stored && this.committed.hasLink(target, stream)) continue;
      this.links.push({ to: target, from: stream, fromPrefix: current.prefix, position: event.position });
    }
  }

  private advance(current: WorkingStream, event: RecordedEvent): void {
    current.revision = event.revision;
    current.lastPosition = event.position;
    current.lastType = event.type;
  }

  private skip(prefix: string, eventType: string, position: number): void {
    const key = `${prefix}\u0000${eventType}`;
    const known = this.skippedByType.get(key);
    if (known) known.count += 1;
    else this.skippedByType.set(key, { prefix, eventType, count: 1, firstPosition: position });
  }

  /** Each changed stream's final state as the JSON text to store: one serialisation per stream per batch. */
  rows(): FoldedRow[] {
    const rows: FoldedRow[] = [];
    for (const [stream, current] of this.working) {
      let text: string | undefined;
      try {
        text = JSON.stringify(current.state) as string | undefined;
        if (text === undefined) throw new Error('the state is not JSON');
      } catch (error) {
        throw new ProjectionFoldFailed(current.lastPosition, stream, current.lastType, error);
      }
      rows.push({
        stream,
        prefix: current.prefix,
        revision: current.revision,
        lastPosition: current.lastPosition,
        text,
        created: current.created,
      });
    }
    return rows;
  }

  /**
   * A stream's first event (revision 0) needs no lookup: the store cannot hold the stream yet, and
   * writing it as a new row refuses the batch if it does. A stored stream's links are those of its
   * stored state (every committed state had its links written), so only targets beyond them are looked up.
   */
  private open(stream: string, prefix: string, definition: StreamDefinition, event: RecordedEvent): WorkingStream {
    const row = event.revision === 0 ? undefined : this.committed.row(stream);
    const working: WorkingStream = {
      prefix,
      definition,
      revision: row ? row.revision : -1,
      lastPosition: row ? row.lastPosition : 0,
      lastType: '',
      state: undefined,
      stored: row !== undefined,
      created: event.revision === 0,
      linked: new Set(),
      stopped: row !== undefined && this.committed.isStopped(stream),
    };
    try {
      // A fresh copy of the initial state for every stream: an evolve may build on what it is given.
      const text = row ? row.text : this.initialTexts.get(prefix);
      if (text === undefined) throw new Error('the initial state is not JSON');
      working.state = JSON.parse(text);
      if (row) working.linked = new Set(definition.links(working.state));
    } catch (error) {
      throw new ProjectionFoldFailed(event.position, stream, event.type, error);
    }
    return working;
  }

  /** Consecutive events usually share their recordedAt (one append, one instant): parse each distinct one once. */
  private normaliseRecordedAt(event: RecordedEvent): string {
    if (event.recordedAt === this.lastRecordedAt) return this.lastNormalised;
    const time = Date.parse(event.recordedAt);
    if (Number.isNaN(time))
      throw new ProjectionIntegrityError(
        `Event at position ${event.position} has no valid recordedAt (${event.recordedAt})`,
      );
    this.lastRecordedAt = event.recordedAt;
    this.lastNormalised = new Date(time).toISOString();
    return this.lastNormalised;
  }
}
