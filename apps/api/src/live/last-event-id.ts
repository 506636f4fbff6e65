import { badRequest } from '../http/problem';

/**
 * Ids of live messages are global ledger positions. A client that reconnects sends the last one it
 * processed; anything else in the header is refused rather than silently restarting from scratch.
 */
export function lastEventIdOf(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  const position = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(position))
    throw badRequest('Last-Event-ID must be a ledger position (a non-negative integer).', [
      { field: 'Last-Event-ID', message: 'must be a non-negative integer' },
    ]);
  return position;
}
