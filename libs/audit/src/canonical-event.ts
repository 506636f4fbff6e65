import canonicalize from 'canonicalize';
import { type JsonObject, type RawEventRow, type RecordedEvent } from '@ledger/event-store';
import { UnparseableEvent } from './errors';
import { leafHash } from './hashing';

/** An event as the audit reads it: parsed from any store, or a SQLite row with its JSON text as written. */
export type AuditableEvent = RecordedEvent | RawEventRow;

/**
 * CANONICAL FORM (version 1). The bytes hashed for an event are the UTF-8 of the RFC 8785 (JCS)
 * canonical JSON of exactly these eight members:
 *
 *   { "data", "id", "metadata", "position", "recordedAt", "revision", "stream", "type" }
 *
 * (JCS sorts members by UTF-16 code units, so that is also their order in the bytes). `data` and
 * `metadata` are the event's JSON objects, `recordedAt` the store's ISO-8601 commit instant, the rest
 * as in RecordedEvent. JCS makes the bytes independent of how the store serialised the JSON (member
 * order, whitespace, number spelling), so the hash survives a migration between stores while any
 * change to a value changes it.
 *
 *   leaf_n  = SHA-256(0x00 || canonical bytes of event n)        (RFC 9162 §2.1.1 leaf hash)
 *   chain_n = SHA-256(chain_{n-1} || leaf_n), chain_0 = 32 zero bytes
 *
 * n counts events in position order from 1 for the chain; the Merkle tree index is n - 1.
 */
export interface CanonicalEvent {
  position: number;
  stream: string;
  revision: number;
  id: string;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
  recordedAt: string;
}

export function isRawEventRow(event: AuditableEvent): event is RawEventRow {
  return typeof (event as RawEventRow).recorded_at === 'string' || typeof event.data === 'string';
}

/** Checks shape and parses stored text; throws UnparseableEvent naming the position. */
export function toCanonicalEvent(event: AuditableEvent): CanonicalEvent {
  const position = event.position;
  if (!Number.isSafeInteger(position) || position < 0)
    throw new UnparseableEvent(Number(position), `position ${String(position)} is not a non-negative integer`);
  const raw = isRawEventRow(event);
  const data = raw ? parseObject(position, 'data', event.data) : event.data;
  const metadata = raw ? parseObject(position, 'metadata', event.metadata) : event.metadata;
  const recordedAt = raw ? event.recorded_at : event.recordedAt;
  const candidate = {
    position,
    stream: event.stream,
    revision: event.revision,
    id: event.id,
    type: event.type,
    data,
    metadata,
    recordedAt,
  };
  assertCanonicalShape(candidate);
  return candidate;
}

/** Validates an object read back from an export package as a canonical event. */
export function assertCanonicalShape(value: unknown): asserts value is CanonicalEvent {
  const position = typeof value === 'object' && value !== null ? (value as { position?: unknown }).position : undefined;
  const at = typeof position === 'number' ? position : -1;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UnparseableEvent(at, 'not an object');
  const e = value as Record<string, unknown>;
  if (!Number.isSafeInteger(e.position) || (e.position as number) < 0)
    throw new UnparseableEvent(at, 'position must be a non-negative integer');
  if (!Number.isSafeInteger(e.revision) || (e.revision as number) < 0)
    throw new UnparseableEvent(at, 'revision must be a non-negative integer');
  for (const key of ['stream', 'id', 'type', 'recordedAt'] as const) {
    if (typeof e[key] !== 'string' || (e[key] as string).length === 0)
      throw new UnparseableEvent(at, `${key} must be a non-empty string`);
  }
  for (const key of ['data', 'metadata'] as const) {
    const member = e[key];
    if (typeof member !== 'object' || member === null || Array.isArray(member))
      throw new UnparseableEvent(at, `${key} must be a JSON object`);
  }
  const extra = Object.keys(e).filter((k) => !CANONICAL_KEYS.has(k));
  if (extra.length > 0) throw new UnparseableEvent(at, `unexpected member(s) ${extra.join(', ')}`);
}

const CANONICAL_KEYS = new Set(['position', 'stream', 'revision', 'id', 'type', 'data', 'metadata', 'recordedAt']);

export function canonicalBytes(event: CanonicalEvent): Buffer {
  const text = canonicalize(event);
  if (text === undefined) throw new UnparseableEvent(event.position, 'not serialisable as JSON');
  return Buffer.from(text, 'utf8');
}

export function canonicalLeafHash(event: CanonicalEvent): Buffer {
  return leafHash(canonicalBytes(event));
}

function parseObject(position: number, column: string, text: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UnparseableEvent(position, `${column} is not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UnparseableEvent(position, `${column} is not a JSON object`);
  return value as JsonObject;
}
