import { type ExpectedRevision } from '@ledger/event-store';
import { badRequest } from '../http/problem';

const NAMED = ['no_stream', 'stream_exists', 'any'] as const;

const parse = (raw: unknown, source: string): ExpectedRevision => {
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) return raw;
  if (typeof raw === 'string') {
    const unquoted = raw
      .trim()
      .replace(/^W\//, '')
      .replace(/^"(.*)"$/, '$1');
    if (/^\d{1,15}$/.test(unquoted)) return Number(unquoted);
    if ((NAMED as readonly string[]).includes(unquoted)) return unquoted as ExpectedRevision;
    if (unquoted === '*') return 'stream_exists';
  }
  throw badRequest(`${source} must be a stream revision (an ETag such as "4"), no_stream, stream_exists or any.`, [
    { field: source, message: 'must be a revision number, no_stream, stream_exists or any' },
  ]);
};

/** The expected revision from If-Match (an ETag of the stream, or `*`) or the body; both must agree. */
export function expectedRevisionOf(ifMatch: string | undefined, body: unknown): ExpectedRevision | undefined {
  const fromHeader = ifMatch === undefined ? undefined : parse(ifMatch, 'If-Match');
  const fromBody = body === undefined ? undefined : parse(body, 'expectedRevision');
  if (fromHeader !== undefined && fromBody !== undefined && fromHeader !== fromBody)
    throw badRequest('If-Match and expectedRevision disagree; send one of them.', [
      { field: 'expectedRevision', message: 'disagrees with If-Match' },
    ]);
  return fromHeader ?? fromBody;
}
