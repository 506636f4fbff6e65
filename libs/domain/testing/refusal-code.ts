import { DomainError } from '../src/shared/errors';

/** The DomainError code a fact is refused with (the API's 422), or a failure when it was accepted. */
export function refusalCode(record: () => unknown): string {
  try {
    record();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  throw new Error('The fact was accepted, not refused');
}
