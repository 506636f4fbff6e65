import { isISO8601, isUUID } from 'class-validator';
import { MAX_BODY_DEPTH, nestedDeeperThan } from '@ledger/ledger';
import { type AppendEventsDto, type EventDto, type EventMetadataDto } from './append-request.dto';

/*
 * The append body is checked on every write, and class-transformer plus class-validator cost more
 * than the rest of the request's own work together (profile of the http bench). This is the common
 * case compiled by hand: a body it returns is one the DTO's decorators accept, shaped exactly as
 * plainToInstance shapes it (keys in declaration order, so idempotency fingerprints do not change).
 * Anything else — every error, and rare valid forms such as explicit nulls — returns undefined and
 * goes through validateBody, which alone words the 400s. The unit spec holds the two paths together.
 */

const TYPE = /^[A-Z][A-Za-z0-9]{1,79}$/;
const RULE_SET = /^[a-z0-9][a-z0-9.-]{0,63}$/;
const MAX_TEXT = 200;
const MAX_EVENTS = 10_000;

const BODY_KEYS = new Set(['events', 'expectedRevision']);
const EVENT_KEYS = new Set(['id', 'type', 'data', 'metadata']);
const METADATA_KEYS = new Set(['source', 'correlationId', 'causationId', 'occurredAt', 'ruleSet']);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const onlyKeys = (value: Record<string, unknown>, allowed: ReadonlySet<string>): boolean => {
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
};

/** Absent, or a string of at most MAX_TEXT UTF-16 units (MaxLength counts characters, never more than that). */
const optionalText = (value: unknown): boolean =>
  value === undefined || (typeof value === 'string' && value.length <= MAX_TEXT);

function metadataOf(raw: unknown): EventMetadataDto | undefined | false {
  if (raw === undefined) return undefined;
  if (!isPlainObject(raw) || !onlyKeys(raw, METADATA_KEYS)) return false;
  const { source, correlationId, causationId, occurredAt, ruleSet } = raw;
  if (!optionalText(source) || !optionalText(correlationId) || !optionalText(causationId)) return false;
  if (occurredAt !== undefined && !(typeof occurredAt === 'string' && isISO8601(occurredAt, { strict: true })))
    return false;
  if (ruleSet !== undefined && !(typeof ruleSet === 'string' && RULE_SET.test(ruleSet))) return false;
  return { source, correlationId, causationId, occurredAt, ruleSet } as EventMetadataDto;
}

function eventOf(raw: unknown): EventDto | undefined {
  if (!isPlainObject(raw) || !onlyKeys(raw, EVENT_KEYS)) return undefined;
  const { id, type, data } = raw;
  if (id !== undefined && !(typeof id === 'string' && isUUID(id))) return undefined;
  if (typeof type !== 'string' || !TYPE.test(type)) return undefined;
  if (!isPlainObject(data)) return undefined;
  const metadata = metadataOf(raw['metadata']);
  if (metadata === false) return undefined;
  return { id, type, data, metadata } as EventDto;
}

/** The body as AppendEventsDto when it is well formed in the common way; undefined means "ask validateBody". */
export function wellFormedAppendBody(body: unknown): AppendEventsDto | undefined {
  if (!isPlainObject(body) || !onlyKeys(body, BODY_KEYS)) return undefined;
  const { events: rawEvents, expectedRevision } = body;
  if (!Array.isArray(rawEvents) || rawEvents.length < 1 || rawEvents.length > MAX_EVENTS) return undefined;
  if (expectedRevision === null) return undefined;
  if (nestedDeeperThan(body, MAX_BODY_DEPTH)) return undefined;
  const events: EventDto[] = [];
  for (const raw of rawEvents) {
    const event = eventOf(raw);
    if (!event) return undefined;
    events.push(event);
  }
  return { events, expectedRevision } as AppendEventsDto;
}
