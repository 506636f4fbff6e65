import { randomUUID } from 'node:crypto';
import { type InMemoryEventStore, type RecordedEvent } from '../../src';

/**
 * One record of the double's `$all`: a ledger event from the in-memory store, or an EventStoreDB-style
 * system event ($statsCollection, $metadata, …) the test injected to see that the adapter hides it.
 */
export interface LogRecord {
  id: string;
  stream: string;
  revision: number;
  /** The log position, used as both commit and prepare position on the wire. */
  position: number;
  type: string;
  data: string;
  metadata: string;
  recordedAt: string;
}

/**
 * Log positions are sparse byte-offset-like numbers, as in EventStoreDB: the in-memory position n sits at
 * n × STRIDE, and injected system events sit in the gaps between. An adapter that assumed dense positions
 * would show it in the contract suite.
 */
export const STRIDE = 128;

export class DoubleLog {
  private readonly system: LogRecord[] = [];
  private readonly systemRevisions = new Map<string, number>();

  constructor(readonly store: InMemoryEventStore) {}

  /** Records a system event right after the current head, as EventStoreDB does on its own schedule. */
  async writeSystemEvent(type = '$statsCollection', stream = '$stats-127.0.0.1:2113'): Promise<LogRecord> {
    const head = await this.store.headPosition();
    const after = Math.max(head * STRIDE, this.system.at(-1)?.position ?? 0);
    if (after + 1 >= (head + 1) * STRIDE)
      throw new Error('Too many system events between two ledger events for the double');
    const revision = (this.systemRevisions.get(stream) ?? -1) + 1;
    this.systemRevisions.set(stream, revision);
    const record: LogRecord = {
      id: randomUUID(),
      stream,
      revision,
      position: after + 1,
      type,
      data: '{}',
      metadata: '{}',
      recordedAt: new Date().toISOString(),
    };
    this.system.push(record);
    return record;
  }

  /** Records at or after `from`, in log order. */
  async forward(from: number, limit: number): Promise<LogRecord[]> {
    const user: LogRecord[] = [];
    for await (const event of this.store.readAll({ fromPosition: Math.ceil(from / STRIDE), maxCount: limit }))
      user.push(toLogRecord(event));
    const system = this.system.filter((r) => r.position >= from).slice(0, limit);
    return merge(
      user.filter((r) => r.position >= from),
      system,
    ).slice(0, limit);
  }

  /** Records strictly before `before` (or from the end), newest first. */
  async backward(before: number | 'end', limit: number): Promise<LogRecord[]> {
    const all = await this.forward(0, Number.MAX_SAFE_INTEGER);
    const older = before === 'end' ? all : all.filter((r) => r.position < before);
    return older.reverse().slice(0, limit);
  }

  /** EventStoreDB reads `$all` only from a position where a record starts. */
  async isRecordStart(position: number): Promise<boolean> {
    if (this.system.some((r) => r.position === position)) return true;
    if (position % STRIDE !== 0) return false;
    const memoryPosition = position / STRIDE;
    return memoryPosition >= 1 && memoryPosition <= (await this.store.headPosition());
  }
}

export const toLogRecord = (event: RecordedEvent): LogRecord => ({
  id: event.id,
  stream: event.stream,
  revision: event.revision,
  position: event.position * STRIDE,
  type: event.type,
  data: JSON.stringify(event.data),
  metadata: JSON.stringify(event.metadata),
  recordedAt: event.recordedAt,
});

function merge(a: LogRecord[], b: LogRecord[]): LogRecord[] {
  return [...a, ...b].sort((x, y) => x.position - y.position);
}
