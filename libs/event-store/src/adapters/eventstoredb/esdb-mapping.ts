import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  START,
  type AppendExpectedRevision,
  type Position,
  type ReadPosition,
} from '@eventstore/db-client';
import { type ExpectedRevision } from '../../port';

/**
 * The port's numbers ↔ EventStoreDB's 64-bit values.
 *
 * Our global position is the `$all` commit position. EventStoreDB writes every event appended through gRPC
 * as its own implicitly committed record, so commit == prepare and each event's commit position is unique
 * and strictly increasing (only legacy TCP explicit transactions share one, and this adapter never makes
 * them). Log positions are byte offsets: a number is exact up to 2^53 bytes (8 PiB), far past any log
 * this ledger will write; beyond that the conversion refuses rather than round.
 */
export function toPortPosition(position: Position | undefined, what: string): number {
  if (!position) throw new Error(`EventStoreDB returned ${what} without a $all position (a server older than 22.6?)`);
  return toSafeNumber(position.commit, what);
}

export function toEsdbPosition(position: number): Position {
  const value = BigInt(position);
  return { commit: value, prepare: value };
}

/**
 * Exclusive subscription checkpoint: 0 or nothing means "from the beginning" (no user event sits at log position 0).
 */
export function subscriptionStart(fromPosition: number | undefined): ReadPosition {
  return fromPosition === undefined || fromPosition <= 0 ? START : toEsdbPosition(fromPosition);
}

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      return BigInt(expected);
  }
}

export function toSafeNumber(value: bigint, what: string): number {
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError(`${what} ${value} does not fit a safe integer`);
  return Number(value);
}

/**
 * EventStoreDB's own events ($metadata, $>, $statsCollection, …) and its `$`-streams are not ledger facts.
 * The ledger refuses `$` names on append, so this never hides one of ours.
 */
export const isSystemEvent = (type: string, stream: string): boolean => type.startsWith('$') || stream.startsWith('$');
