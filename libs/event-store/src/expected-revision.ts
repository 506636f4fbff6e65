import { WrongExpectedVersion } from './errors';
import { type ExpectedRevision } from './port';

/** The one place the four expectedRevision modes are interpreted, shared by the embedded adapters. */
export function checkExpectedRevision(stream: string, expected: ExpectedRevision, actual: number | undefined): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && actual === undefined) ||
    (expected === 'stream_exists' && actual !== undefined) ||
    (typeof expected === 'number' && actual === expected);
  if (!ok) throw new WrongExpectedVersion(stream, expected, actual);
}
