import { MAX_STREAM_NAME } from '@ledger/event-store';
import { badRequest } from '../http/problem';
import { isAddressable } from '@ledger/ledger';

/**
 * The stream a route's id names (`frn` + `2025-0001` → `frn-2025-0001`); 400 when no stream could have
 * that name: other characters, or longer than the stores take. Reads, live reads and exports alike.
 */
export function streamOf(kind: string, id: string, field = 'id'): string {
  if (!isAddressable(kind, id))
    throw badRequest(
      `"${id}" is not a valid ${field}: letters, digits and . _ : @ -, starting with a letter or digit, at most ${MAX_STREAM_NAME - kind.length - 1} characters here.`,
      [{ field, message: 'must be letters, digits and . _ : @ -' }],
    );
  return `${kind}-${id}`;
}
