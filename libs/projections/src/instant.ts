import { InvalidAsOf } from './errors';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An ISO-8601 instant with its zone, normalised to the store's `toISOString` form so instants compare
 * as text. A date alone is refused: "as of 2025-06-30" is ambiguous between the start and end of the day.
 */
export function toInstant(value: string): string {
  if (!ISO_INSTANT.test(value)) {
    throw new InvalidAsOf(`"${value}" is not an ISO-8601 instant with a time and zone (e.g. 2025-06-30T23:59:59Z)`);
  }
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new InvalidAsOf(`"${value}" is not a valid instant`);
  return new Date(time).toISOString();
}
