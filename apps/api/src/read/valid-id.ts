import { STREAM_ID } from '../ledger/ledger-catalog';
import { badRequest } from '../http/problem';

/** A read model's id as the path gives it: the id part of a stream name (400 otherwise), the same for reads and live reads. */
export function validId(id: string, field = 'id'): string {
  if (!STREAM_ID.test(id)) throw badRequest(`"${id}" is not a valid ${field}: letters, digits and . _ : @ -, starting with a letter or digit.`, [{ field, message: 'must be letters, digits and . _ : @ -' }]);
  return id;
}
